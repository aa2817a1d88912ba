package person

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// People: names for the signed-in, editing for directory editors
		// and the person themself.
		"GET /people":      {rights.At("", "/people", rights.SignedIn)},
		"GET /people/new":  {rights.At("", "/people/new", rights.DirEditors)},
		"POST /people":     {rights.At("", "/people", rights.DirEditors)},
		"GET /people/{id}": {rights.At("own", "/people/{T1}", rights.SignedIn), rights.At("other", "/people/{T2}", rights.SignedIn)},
		// No one edits someone with more rights than their own ("rank"):
		// the coordinator only by admins and themself, an admin only by
		// admins.
		"GET /people/{id}/edit": {rights.At("own", "/people/{T1}/edit", rights.DirEditors), rights.At("other", "/people/{T2}/edit", rights.DirEditors),
			rights.At("self", "/people/{SELF}/edit", rights.SignedIn),
			rights.At("rank", "/people/{PCOORD}/edit", []rights.Role{rights.Admin, rights.Coord}), rights.At("rank", "/people/{PADMIN}/edit", rights.AdminsOnly)},
		"POST /people/{id}": {rights.At("own", "/people/{T1}", rights.DirEditors), rights.At("other", "/people/{T2}", rights.DirEditors),
			rights.At("self", "/people/{SELF}", rights.SignedIn),
			rights.At("rank", "/people/{PCOORD}", []rights.Role{rights.Admin, rights.Coord}), rights.At("rank", "/people/{PADMIN}", rights.AdminsOnly)},
		"GET /api/v1/people":  {rights.At("", "/api/v1/people", rights.SignedIn)},
		"POST /api/v1/people": {rights.At("", "/api/v1/people", rights.DirEditors).JSON(`{}`)},
		"GET /api/v1/people/{id}": {rights.At("own", "/api/v1/people/{T1}", rights.SignedIn),
			rights.At("other", "/api/v1/people/{T2}", rights.SignedIn)},
		"PUT /api/v1/people/{id}": {rights.At("own", "/api/v1/people/{T1}", rights.DirEditors).JSON(`{}`),
			rights.At("other", "/api/v1/people/{T2}", rights.DirEditors).JSON(`{}`), rights.At("self", "/api/v1/people/{SELF}", rights.SignedIn).JSON(`{}`),
			rights.At("rank", "/api/v1/people/{PCOORD}", []rights.Role{rights.Admin, rights.Coord}).JSON(`{}`),
			rights.At("rank", "/api/v1/people/{PADMIN}", rights.AdminsOnly).JSON(`{}`)},
	}
}
