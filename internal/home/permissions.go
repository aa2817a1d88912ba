package home

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// Home, language, accessibility.
		"GET /{$}":           {rights.At("", "/", rights.Everyone)},
		"GET /accessibility": {rights.At("", "/accessibility", rights.Everyone)},
		// What needs a network's managers (late tasks, minutes, proposals,
		// coverage, attendance, unanswered invitations by name): for
		// those who manage the network only.
		"GET /networks/{id}/attention": {rights.At("own", "/networks/{N1}/attention", rights.ManageN1),
			rights.At("other", "/networks/{N2}/attention", rights.AdminsOnly)},
	}
}
