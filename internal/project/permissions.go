package project

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// Projects.
		"GET /projects":      {rights.At("", "/projects", rights.Everyone)},
		"GET /projects/new":  {rights.At("", "/projects/new", rights.AdminsOnly)},
		"POST /projects":     {rights.At("", "/projects", rights.AdminsOnly)},
		"GET /projects/{id}": {rights.At("own", "/projects/{P1}", rights.Everyone), rights.At("other", "/projects/{P2}", rights.Everyone)},
		"GET /projects/{id}/edit": {rights.At("own", "/projects/{P1}/edit", rights.ManageP1),
			rights.At("other", "/projects/{P2}/edit", rights.AdminsOnly)},
		"POST /projects/{id}": {rights.At("own", "/projects/{P1}", rights.ManageP1), rights.At("other", "/projects/{P2}", rights.AdminsOnly)},
		"POST /projects/{id}/archive": {rights.At("own", "/projects/{P1}/archive", rights.ManageP1).RS(),
			rights.At("other", "/projects/{P2}/archive", rights.AdminsOnly).RS()},
		"POST /projects/{id}/unarchive": {rights.At("own", "/projects/{P1}/unarchive", rights.ManageP1).RS(),
			rights.At("other", "/projects/{P2}/unarchive", rights.AdminsOnly).RS()},
		"POST /projects/{id}/staff": {rights.At("own", "/projects/{P1}/staff", rights.ManageP1),
			rights.At("other", "/projects/{P2}/staff", rights.AdminsOnly)},
		"POST /projects/{id}/staff/{person}/delete": {rights.At("own", "/projects/{P1}/staff/{S}/delete", rights.ManageP1).RS(),
			rights.At("other", "/projects/{P2}/staff/{S}/delete", rights.AdminsOnly).RS()},
		"GET /api/v1/projects":  {rights.At("", "/api/v1/projects", rights.Everyone)},
		"POST /api/v1/projects": {rights.At("", "/api/v1/projects", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/projects/{id}": {rights.At("own", "/api/v1/projects/{P1}", rights.Everyone),
			rights.At("other", "/api/v1/projects/{P2}", rights.Everyone)},
		"PUT /api/v1/projects/{id}": {rights.At("own", "/api/v1/projects/{P1}", rights.ManageP1).JSON(`{}`),
			rights.At("other", "/api/v1/projects/{P2}", rights.AdminsOnly).JSON(`{}`)},
	}
}
