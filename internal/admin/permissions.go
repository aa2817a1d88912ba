package admin

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// Administration.
		"GET /admin":             {rights.At("", "/admin", rights.AdminsOnly)},
		"GET /admin/outbox":      {rights.At("", "/admin/outbox", rights.AdminsOnly)},
		"GET /admin/outbox/{id}": {rights.At("", "/admin/outbox/{MAIL}", rights.AdminsOnly)},
		"GET /admin/accounts":    {rights.At("", "/admin/accounts", rights.AdminsOnly)},
	}
}
