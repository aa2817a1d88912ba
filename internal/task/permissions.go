package task

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// My tasks (internal/task): the caller's own.
		"GET /api/v1/me/tasks": {rights.At("", "/api/v1/me/tasks", rights.SignedIn)},
	}
}
