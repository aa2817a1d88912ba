package plan

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// Action plans (internal/plan): read by the signed-in, edited by
		// whoever manages the network; the goals page is public only once
		// published (PL, OB, AC, IN: a plan, objective, action and
		// indicator in N1 and N2). The member owns AC1: an action's owner
		// updates its status, progress and indicator values (OwnerN1:
		// the managers and the owner), nothing else of it.
		"GET /networks/{id}/plans": {rights.At("own", "/networks/{N1}/plans", rights.SignedIn), rights.At("other", "/networks/{N2}/plans", rights.SignedIn)},
		"GET /networks/{id}/plans/new": {rights.At("own", "/networks/{N1}/plans/new", rights.ManageN1),
			rights.At("other", "/networks/{N2}/plans/new", rights.AdminsOnly)},
		"POST /networks/{id}/plans": {rights.At("own", "/networks/{N1}/plans", rights.ManageN1), rights.At("other", "/networks/{N2}/plans", rights.AdminsOnly)},
		"GET /plans/{id}":           {rights.At("own", "/plans/{PL1}", rights.SignedIn), rights.At("other", "/plans/{PL2}", rights.SignedIn)},
		"GET /plans/{id}/edit":      {rights.At("own", "/plans/{PL1}/edit", rights.ManageN1), rights.At("other", "/plans/{PL2}/edit", rights.AdminsOnly)},
		"POST /plans/{id}":          {rights.At("own", "/plans/{PL1}", rights.ManageN1), rights.At("other", "/plans/{PL2}", rights.AdminsOnly)},
		"GET /plans/{id}/objectives/new": {rights.At("own", "/plans/{PL1}/objectives/new", rights.ManageN1),
			rights.At("other", "/plans/{PL2}/objectives/new", rights.AdminsOnly)},
		"POST /plans/{id}/objectives": {rights.At("own", "/plans/{PL1}/objectives", rights.ManageN1),
			rights.At("other", "/plans/{PL2}/objectives", rights.AdminsOnly)},
		"GET /objectives/{id}/edit": {rights.At("own", "/objectives/{OB1}/edit", rights.ManageN1), rights.At("other", "/objectives/{OB2}/edit", rights.AdminsOnly)},
		"POST /objectives/{id}":     {rights.At("own", "/objectives/{OB1}", rights.ManageN1), rights.At("other", "/objectives/{OB2}", rights.AdminsOnly)},
		"GET /objectives/{id}/actions/new": {rights.At("own", "/objectives/{OB1}/actions/new", rights.ManageN1),
			rights.At("other", "/objectives/{OB2}/actions/new", rights.AdminsOnly)},
		"POST /objectives/{id}/actions": {rights.At("own", "/objectives/{OB1}/actions", rights.ManageN1),
			rights.At("other", "/objectives/{OB2}/actions", rights.AdminsOnly)},
		"GET /actions/{id}/edit": {rights.At("own", "/actions/{AC1}/edit", rights.ManageN1), rights.At("other", "/actions/{AC2}/edit", rights.AdminsOnly)},
		"POST /actions/{id}":     {rights.At("own", "/actions/{AC1}", rights.ManageN1), rights.At("other", "/actions/{AC2}", rights.AdminsOnly)},
		"GET /actions/{id}/progress": {rights.At("own", "/actions/{AC1}/progress", rights.OwnerN1),
			rights.At("other", "/actions/{AC2}/progress", rights.AdminsOnly)},
		"POST /actions/{id}/progress": {rights.At("own", "/actions/{AC1}/progress", rights.OwnerN1).RS(),
			rights.At("other", "/actions/{AC2}/progress", rights.AdminsOnly).RS()},
		"POST /actions/{id}/undo": {rights.At("own", "/actions/{AC1}/undo", rights.OwnerN1),
			rights.At("other", "/actions/{AC2}/undo", rights.AdminsOnly)},
		"GET /actions/{id}/indicators/new": {rights.At("own", "/actions/{AC1}/indicators/new", rights.ManageN1),
			rights.At("other", "/actions/{AC2}/indicators/new", rights.AdminsOnly)},
		"POST /actions/{id}/indicators": {rights.At("own", "/actions/{AC1}/indicators", rights.ManageN1),
			rights.At("other", "/actions/{AC2}/indicators", rights.AdminsOnly)},
		"GET /indicators/{id}": {rights.At("own", "/indicators/{IN1}", rights.SignedIn), rights.At("other", "/indicators/{IN2}", rights.SignedIn)},
		"POST /indicators/{id}/values": {rights.At("own", "/indicators/{IN1}/values", rights.OwnerN1),
			rights.At("other", "/indicators/{IN2}/values", rights.AdminsOnly)},
		"GET /projects/{id}/goals": {rights.At("own", "/projects/{P1}/goals", rights.SignedIn), rights.At("other", "/projects/{P2}/goals", rights.SignedIn)},
		"POST /projects/{id}/goals/publish": {rights.At("own", "/projects/{P1}/goals/publish", rights.ManageP1).RS(),
			rights.At("other", "/projects/{P2}/goals/publish", rights.AdminsOnly).RS()},
		"POST /projects/{id}/goals/unpublish": {rights.At("own", "/projects/{P1}/goals/unpublish", rights.ManageP1).RS(),
			rights.At("other", "/projects/{P2}/goals/unpublish", rights.AdminsOnly).RS()},
		"GET /api/v1/networks/{id}/plans": {rights.At("own", "/api/v1/networks/{N1}/plans", rights.SignedIn),
			rights.At("other", "/api/v1/networks/{N2}/plans", rights.SignedIn)},
		"POST /api/v1/networks/{id}/plans": {rights.At("own", "/api/v1/networks/{N1}/plans", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/networks/{N2}/plans", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/plans/{id}": {rights.At("own", "/api/v1/plans/{PL1}", rights.SignedIn), rights.At("other", "/api/v1/plans/{PL2}", rights.SignedIn)},
		"PUT /api/v1/plans/{id}": {rights.At("own", "/api/v1/plans/{PL1}", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/plans/{PL2}", rights.AdminsOnly).JSON(`{}`)},
		"POST /api/v1/plans/{id}/objectives": {rights.At("own", "/api/v1/plans/{PL1}/objectives", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/plans/{PL2}/objectives", rights.AdminsOnly).JSON(`{}`)},
		"PUT /api/v1/objectives/{id}": {rights.At("own", "/api/v1/objectives/{OB1}", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/objectives/{OB2}", rights.AdminsOnly).JSON(`{}`)},
		"POST /api/v1/objectives/{id}/actions": {rights.At("own", "/api/v1/objectives/{OB1}/actions", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/objectives/{OB2}/actions", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/actions/{id}": {rights.At("own", "/api/v1/actions/{AC1}", rights.SignedIn), rights.At("other", "/api/v1/actions/{AC2}", rights.SignedIn)},
		"PUT /api/v1/actions/{id}": {rights.At("own", "/api/v1/actions/{AC1}", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/actions/{AC2}", rights.AdminsOnly).JSON(`{}`)},
		"PUT /api/v1/actions/{id}/progress": {rights.At("own", "/api/v1/actions/{AC1}/progress", rights.OwnerN1).JSON(`{"progress": 101}`),
			rights.At("other", "/api/v1/actions/{AC2}/progress", rights.AdminsOnly).JSON(`{"progress": 101}`)},
		"POST /api/v1/actions/{id}/indicators": {rights.At("own", "/api/v1/actions/{AC1}/indicators", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/actions/{AC2}/indicators", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/indicators/{id}": {rights.At("own", "/api/v1/indicators/{IN1}", rights.SignedIn),
			rights.At("other", "/api/v1/indicators/{IN2}", rights.SignedIn)},
		"POST /api/v1/indicators/{id}/values": {rights.At("own", "/api/v1/indicators/{IN1}/values", rights.OwnerN1).JSON(`{}`),
			rights.At("other", "/api/v1/indicators/{IN2}/values", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/projects/{id}/goals": {rights.At("own", "/api/v1/projects/{P1}/goals", rights.SignedIn),
			rights.At("other", "/api/v1/projects/{P2}/goals", rights.SignedIn)},
	}
}
