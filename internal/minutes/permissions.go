package minutes

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// Minutes and action items (internal/minutes): read by invitees,
		// written by whoever manages the network, approved by conveners,
		// the project's coordinators and admins; the owner of an action
		// item (AX1 belongs to the member) may set its status.
		"GET /meetings/{id}/minutes": {rights.At("own", "/meetings/{MT1}/minutes", rights.ContactsN1),
			rights.At("other", "/meetings/{MT2}/minutes", rights.AdminsOnly)},
		"POST /meetings/{id}/minutes": {rights.At("own", "/meetings/{MT1}/minutes", rights.ManageN1),
			rights.At("other", "/meetings/{MT2}/minutes", rights.AdminsOnly)},
		"GET /meetings/{id}/minutes/approve": {rights.At("own", "/meetings/{MT1}/minutes/approve", rights.ApproveN1),
			rights.At("other", "/meetings/{MT2}/minutes/approve", rights.AdminsOnly)},
		"POST /meetings/{id}/minutes/approve": {rights.At("own", "/meetings/{MT1}/minutes/approve", rights.ApproveN1),
			rights.At("other", "/meetings/{MT2}/minutes/approve", rights.AdminsOnly)},
		"POST /meetings/{id}/action-items": {rights.At("own", "/meetings/{MT1}/action-items", rights.ManageN1),
			rights.At("other", "/meetings/{MT2}/action-items", rights.AdminsOnly)},
		"GET /meetings/{id}/summary": {rights.At("own", "/meetings/{MT1}/summary", rights.ContactsN1),
			rights.At("own", "/meetings/{MT1}/summary?organisation={O1}", rights.ContactsN1),
			rights.At("other", "/meetings/{MT2}/summary", rights.AdminsOnly)},
		"GET /action-items/{id}/edit": {rights.At("own", "/action-items/{AX1}/edit", rights.ManageN1),
			rights.At("other", "/action-items/{AX2}/edit", rights.AdminsOnly)},
		"POST /action-items/{id}": {rights.At("own", "/action-items/{AX1}", rights.ManageN1), rights.At("other", "/action-items/{AX2}", rights.AdminsOnly)},
		"POST /action-items/{id}/status": {rights.At("own", "/action-items/{AX1}/status", rights.OwnerN1),
			rights.At("other", "/action-items/{AX2}/status", rights.AdminsOnly)},
		"POST /action-items/{id}/undo": {rights.At("own", "/action-items/{AX1}/undo", rights.OwnerN1),
			rights.At("other", "/action-items/{AX2}/undo", rights.AdminsOnly)},
		"GET /api/v1/meetings/{id}/minutes": {rights.At("own", "/api/v1/meetings/{MT1}/minutes", rights.ContactsN1),
			rights.At("other", "/api/v1/meetings/{MT2}/minutes", rights.AdminsOnly)},
		"PUT /api/v1/meetings/{id}/minutes": {rights.At("own", "/api/v1/meetings/{MT1}/minutes", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/meetings/{MT2}/minutes", rights.AdminsOnly).JSON(`{}`)},
		"POST /api/v1/meetings/{id}/minutes/approve": {rights.At("own", "/api/v1/meetings/{MT1}/minutes/approve", rights.ApproveN1).JSON(`{}`),
			rights.At("other", "/api/v1/meetings/{MT2}/minutes/approve", rights.AdminsOnly).JSON(`{}`)},
		"POST /api/v1/meetings/{id}/action-items": {rights.At("own", "/api/v1/meetings/{MT1}/action-items", rights.ManageN1).JSON(`{}`),
			rights.At("other", "/api/v1/meetings/{MT2}/action-items", rights.AdminsOnly).JSON(`{}`)},
		"GET /api/v1/action-items/{id}": {rights.At("own", "/api/v1/action-items/{AX1}", rights.ContactsN1),
			rights.At("other", "/api/v1/action-items/{AX2}", rights.AdminsOnly)},
		"PUT /api/v1/action-items/{id}": {rights.At("own", "/api/v1/action-items/{AX1}", rights.OwnerN1).JSON(`{}`),
			rights.At("other", "/api/v1/action-items/{AX2}", rights.AdminsOnly).JSON(`{}`)},
	}
}
