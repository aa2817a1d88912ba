package network

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		"GET /projects/{id}/networks/new": {rights.At("own", "/projects/{P1}/networks/new", rights.CreateInP1),
			rights.At("other", "/projects/{P2}/networks/new", rights.AdminsOnly)},
		"POST /projects/{id}/networks": {rights.At("own", "/projects/{P1}/networks", rights.CreateInP1),
			rights.At("other", "/projects/{P2}/networks", rights.AdminsOnly)},
		// Networks and memberships.
		"GET /networks":      {rights.At("", "/networks", rights.Everyone)},
		"GET /networks/{id}": {rights.At("own", "/networks/{N1}", rights.Everyone), rights.At("other", "/networks/{N2}", rights.Everyone)},
		"GET /networks/{id}/edit": {rights.At("own", "/networks/{N1}/edit", rights.ManageN1),
			rights.At("other", "/networks/{N2}/edit", rights.AdminsOnly)},
		"POST /networks/{id}": {rights.At("own", "/networks/{N1}", rights.ManageN1), rights.At("other", "/networks/{N2}", rights.AdminsOnly)},
		"POST /networks/{id}/archive": {rights.At("own", "/networks/{N1}/archive", rights.ManageN1).RS(),
			rights.At("other", "/networks/{N2}/archive", rights.AdminsOnly).RS()},
		"POST /networks/{id}/unarchive": {rights.At("own", "/networks/{N1}/unarchive", rights.ManageN1).RS(),
			rights.At("other", "/networks/{N2}/unarchive", rights.AdminsOnly).RS()},
		"GET /networks/{id}/memberships/new": {rights.At("own", "/networks/{N1}/memberships/new", rights.ManageN1),
			rights.At("other", "/networks/{N2}/memberships/new", rights.AdminsOnly)},
		"POST /networks/{id}/memberships": {rights.At("own", "/networks/{N1}/memberships", rights.ManageN1),
			rights.At("other", "/networks/{N2}/memberships", rights.AdminsOnly)},
		"GET /memberships/{id}/edit": {rights.At("own", "/memberships/{M1}/edit", rights.ManageN1),
			rights.At("other", "/memberships/{M2}/edit", rights.AdminsOnly)},
		"POST /memberships/{id}": {rights.At("own", "/memberships/{M1}", rights.ManageN1), rights.At("other", "/memberships/{M2}", rights.AdminsOnly)},
		"POST /memberships/{id}/delete": {rights.At("own", "/memberships/{D1}/delete", rights.ManageN1).RS(),
			rights.At("other", "/memberships/{D2}/delete", rights.AdminsOnly).RS()},
		"GET /api/v1/networks": {rights.At("", "/api/v1/networks", rights.Everyone)},
		"POST /api/v1/networks": {rights.At("own", "/api/v1/networks", rights.CreateInP1).JSON(`{"project_id": {P1}}`),
			rights.At("other", "/api/v1/networks", rights.AdminsOnly).JSON(`{"project_id": {P2}}`)},
		"GET /api/v1/networks/{id}": {rights.At("own", "/api/v1/networks/{N1}", rights.Everyone),
			rights.At("other", "/api/v1/networks/{N2}", rights.Everyone)},
		"PUT /api/v1/networks/{id}": {rights.At("own", "/api/v1/networks/{N1}", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/networks/{N2}", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/networks/{id}/memberships": {rights.At("own", "/api/v1/networks/{N1}/memberships", rights.SignedIn),
			rights.At("other", "/api/v1/networks/{N2}/memberships", rights.SignedIn)},
		"POST /api/v1/networks/{id}/memberships": {rights.At("own", "/api/v1/networks/{N1}/memberships", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/networks/{N2}/memberships", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/memberships/{id}": {rights.At("own", "/api/v1/memberships/{M1}", rights.SignedIn),
			rights.At("other", "/api/v1/memberships/{M2}", rights.SignedIn)},
		"PUT /api/v1/memberships/{id}": {rights.At("own", "/api/v1/memberships/{M1}", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/memberships/{M2}", rights.AdminsOnly).JSON(`{}`)},
	}
}
