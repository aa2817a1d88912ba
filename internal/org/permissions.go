package org

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// Organisations: one shared directory.
		"GET /organisations":             {rights.At("", "/organisations", rights.Everyone)},
		"GET /organisations/new":         {rights.At("", "/organisations/new", rights.DirEditors)},
		"POST /organisations":            {rights.At("", "/organisations", rights.DirEditors)},
		"GET /organisations/{id}":        {rights.At("", "/organisations/{O1}", rights.Everyone)},
		"GET /organisations/{id}/edit":   {rights.At("", "/organisations/{O1}/edit", rights.DirEditors)},
		"POST /organisations/{id}":       {rights.At("", "/organisations/{O1}", rights.DirEditors)},
		"GET /organisations/{id}/merge":  {rights.At("", "/organisations/{O1}/merge", rights.AdminsOnly)},
		"POST /organisations/{id}/merge": {rights.At("", "/organisations/{O1}/merge", rights.AdminsOnly)},
		"GET /api/v1/organisations":      {rights.At("", "/api/v1/organisations", rights.Everyone)},
		"POST /api/v1/organisations":     {rights.At("", "/api/v1/organisations", rights.DirEditors).JSON(`{}`)},
		"GET /api/v1/organisations/{id}": {rights.At("", "/api/v1/organisations/{O1}", rights.Everyone)},
		"PUT /api/v1/organisations/{id}": {rights.At("", "/api/v1/organisations/{O1}", rights.DirEditors).JSON(`{}`)},
	}
}
