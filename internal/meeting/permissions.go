package meeting

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// Attendance history (internal/meeting/history.go): the person
		// themself, and whoever manages a network of theirs; an
		// organisation's for its representatives and whoever manages one
		// of its networks (O1 is in N1 and N2, O2 in none).
		"GET /people/{id}/attendance": {rights.At("own", "/people/{T1}/attendance", rights.ManageN1),
			rights.At("other", "/people/{T2}/attendance", rights.AdminsOnly), rights.At("self", "/people/{SELF}/attendance", rights.SignedIn)},
		"GET /organisations/{id}/attendance": {rights.At("own", "/organisations/{O1}/attendance", rights.ContactsN1),
			rights.At("other", "/organisations/{O2}/attendance", rights.AdminsOnly)},
		"GET /api/v1/people/{id}/attendance": {rights.At("own", "/api/v1/people/{T1}/attendance", rights.ManageN1),
			rights.At("other", "/api/v1/people/{T2}/attendance", rights.AdminsOnly), rights.At("self", "/api/v1/people/{SELF}/attendance", rights.SignedIn)},
		"GET /api/v1/organisations/{id}/attendance": {rights.At("own", "/api/v1/organisations/{O1}/attendance", rights.ContactsN1),
			rights.At("other", "/api/v1/organisations/{O2}/attendance", rights.AdminsOnly)},
		// Meetings (internal/meeting): seen by everyone, the remote link and
		// the attendance history by invitees (members of the network, staff
		// of its project, admins), managed by whoever manages the network,
		// answered by members (MT: a meeting, AI: an agenda item in N1, N2).
		"GET /networks/{id}/meetings": {rights.At("own", "/networks/{N1}/meetings", rights.Everyone), rights.At("other", "/networks/{N2}/meetings", rights.Everyone)},
		"GET /networks/{id}/meetings/new": {rights.At("own", "/networks/{N1}/meetings/new", rights.ManageN1),
			rights.At("other", "/networks/{N2}/meetings/new", rights.AdminsOnly)},
		"POST /networks/{id}/meetings": {rights.At("own", "/networks/{N1}/meetings", rights.ManageN1), rights.At("other", "/networks/{N2}/meetings", rights.AdminsOnly)},
		"GET /networks/{id}/attendance": {rights.At("own", "/networks/{N1}/attendance", rights.ContactsN1),
			rights.At("other", "/networks/{N2}/attendance", rights.AdminsOnly)},
		"GET /meetings/{id}":      {rights.At("own", "/meetings/{MT1}", rights.Everyone), rights.At("other", "/meetings/{MT2}", rights.Everyone)},
		"GET /meetings/{id}/edit": {rights.At("own", "/meetings/{MT1}/edit", rights.ManageN1), rights.At("other", "/meetings/{MT2}/edit", rights.AdminsOnly)},
		"POST /meetings/{id}":     {rights.At("own", "/meetings/{MT1}", rights.ManageN1), rights.At("other", "/meetings/{MT2}", rights.AdminsOnly)},
		"GET /meetings/{id}/meeting.ics": {rights.At("own", "/meetings/{MT1}/meeting.ics", rights.Everyone),
			rights.At("other", "/meetings/{MT2}/meeting.ics", rights.Everyone)},
		"GET /meetings/{id}/cancel": {rights.At("own", "/meetings/{MT1}/cancel", rights.ManageN1),
			rights.At("other", "/meetings/{MT2}/cancel", rights.AdminsOnly)},
		"POST /meetings/{id}/cancel": {rights.At("own", "/meetings/{MT1}/cancel", rights.ManageN1).RS(),
			rights.At("other", "/meetings/{MT2}/cancel", rights.AdminsOnly).RS()},
		"POST /meetings/{id}/agenda": {rights.At("own", "/meetings/{MT1}/agenda", rights.ContactsN1), rights.At("other", "/meetings/{MT2}/agenda", rights.AdminsOnly)},
		"POST /meetings/{id}/response": {rights.At("own", "/meetings/{MT1}/response", []rights.Role{rights.Convener, rights.Secretary, rights.Member, rights.Guest}),
			rights.At("other", "/meetings/{MT2}/response", nil)},
		"POST /meetings/{id}/attendance": {rights.At("own", "/meetings/{MT1}/attendance", rights.ManageN1),
			rights.At("other", "/meetings/{MT2}/attendance", rights.AdminsOnly)},
		"POST /agenda-items/{id}/accept": {rights.At("own", "/agenda-items/{AI1}/accept", rights.ManageN1),
			rights.At("other", "/agenda-items/{AI2}/accept", rights.AdminsOnly)},
		"POST /agenda-items/{id}/move": {rights.At("own", "/agenda-items/{AI1}/move", rights.ManageN1),
			rights.At("other", "/agenda-items/{AI2}/move", rights.AdminsOnly)},
		"GET /agenda-items/{id}/edit": {rights.At("own", "/agenda-items/{AI1}/edit", rights.ManageN1),
			rights.At("other", "/agenda-items/{AI2}/edit", rights.AdminsOnly)},
		"POST /agenda-items/{id}": {rights.At("own", "/agenda-items/{AI1}", rights.ManageN1),
			rights.At("other", "/agenda-items/{AI2}", rights.AdminsOnly)},
		"GET /agenda-items/{id}/delete": {rights.At("own", "/agenda-items/{AI1}/delete", rights.ManageN1),
			rights.At("other", "/agenda-items/{AI2}/delete", rights.AdminsOnly)},
		"POST /agenda-items/{id}/delete": {rights.At("own", "/agenda-items/{AI1}/delete", rights.ManageN1).RS(),
			rights.At("other", "/agenda-items/{AI2}/delete", rights.AdminsOnly).RS()},
		"GET /api/v1/networks/{id}/meetings": {rights.At("own", "/api/v1/networks/{N1}/meetings", rights.Everyone),
			rights.At("other", "/api/v1/networks/{N2}/meetings", rights.Everyone)},
		"POST /api/v1/networks/{id}/meetings": {rights.At("own", "/api/v1/networks/{N1}/meetings", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/networks/{N2}/meetings", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/meetings/{id}": {rights.At("own", "/api/v1/meetings/{MT1}", rights.Everyone), rights.At("other", "/api/v1/meetings/{MT2}", rights.Everyone)},
		"PUT /api/v1/meetings/{id}": {rights.At("own", "/api/v1/meetings/{MT1}", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/meetings/{MT2}", rights.AdminsOnly).JSON(`{}`)},
		"POST /api/v1/meetings/{id}/cancel": {rights.At("own", "/api/v1/meetings/{MT1}/cancel", rights.ManageN1).RS(),
			rights.At("other", "/api/v1/meetings/{MT2}/cancel", rights.AdminsOnly).RS()},
		"GET /api/v1/meetings/{id}/agenda": {rights.At("own", "/api/v1/meetings/{MT1}/agenda", rights.SignedIn),
			rights.At("other", "/api/v1/meetings/{MT2}/agenda", rights.SignedIn)},
		"POST /api/v1/meetings/{id}/agenda": {rights.At("own", "/api/v1/meetings/{MT1}/agenda", rights.ContactsN1).JSON(`{}`),
			rights.At("other", "/api/v1/meetings/{MT2}/agenda", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/agenda-items/{id}": {rights.At("own", "/api/v1/agenda-items/{AI1}", rights.ManageN1),
			rights.At("other", "/api/v1/agenda-items/{AI2}", rights.AdminsOnly)},
		"PUT /api/v1/agenda-items/{id}": {rights.At("own", "/api/v1/agenda-items/{AI1}", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/agenda-items/{AI2}", rights.AdminsOnly).JSON(`{}`)},
		"DELETE /api/v1/agenda-items/{id}": {rights.At("own", "/api/v1/agenda-items/{AI1}", rights.ManageN1).RS(),
			rights.At("other", "/api/v1/agenda-items/{AI2}", rights.AdminsOnly).RS()},
		"GET /api/v1/meetings/{id}/responses": {rights.At("own", "/api/v1/meetings/{MT1}/responses", rights.ContactsN1),
			rights.At("other", "/api/v1/meetings/{MT2}/responses", rights.AdminsOnly)},
		"PUT /api/v1/meetings/{id}/response": {rights.At("own", "/api/v1/meetings/{MT1}/response", []rights.Role{rights.Convener, rights.Secretary, rights.Member, rights.Guest}).JSON(`{}`),
			rights.At("other", "/api/v1/meetings/{MT2}/response", nil).JSON(`{}`)},
		"GET /api/v1/meetings/{id}/attendance": {rights.At("own", "/api/v1/meetings/{MT1}/attendance", rights.ContactsN1),
			rights.At("other", "/api/v1/meetings/{MT2}/attendance", rights.AdminsOnly)},
		"PUT /api/v1/meetings/{id}/attendance": {rights.At("own", "/api/v1/meetings/{MT1}/attendance", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/meetings/{MT2}/attendance", rights.AdminsOnly).JSON(`{}`)},
	}
}
