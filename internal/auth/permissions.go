package auth

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		"GET /lang/{lang}": {rights.At("", "/lang/fi", rights.Everyone)},
		"POST /lang":       {rights.At("", "/lang", rights.Everyone)},
		// Signing in and out, passwords, invitations.
		"GET /login":                   {rights.At("", "/login", rights.Everyone)},
		"POST /login":                  {rights.At("", "/login", rights.Everyone)},
		"POST /logout":                 {rights.At("", "/logout", rights.Everyone)},
		"GET /password/forgot":         {rights.At("", "/password/forgot", rights.Everyone)},
		"POST /password/forgot":        {rights.At("", "/password/forgot", rights.Everyone)},
		"GET /password/reset/{token}":  {rights.At("", "/password/reset/bogus", rights.Everyone).NF()},
		"POST /password/reset/{token}": {rights.At("", "/password/reset/bogus", rights.Everyone).NF()},
		"GET /invitations/{token}":     {rights.At("", "/invitations/bogus", rights.Everyone).NF()},
		"POST /invitations/{token}":    {rights.At("", "/invitations/bogus", rights.Everyone).NF()},
		"POST /people/{id}/invite": {rights.At("own", "/people/{T1}/invite", rights.DirEditors), rights.At("other", "/people/{T2}/invite", rights.DirEditors),
			rights.At("rank", "/people/{PCOORD}/invite", []rights.Role{rights.Admin, rights.Coord}), rights.At("rank", "/people/{PADMIN}/invite", rights.AdminsOnly)},
		// The account page: the signed-in owner's own; an address change
		// link works for whoever holds it (a bogus one is 404 for all).
		"GET /account":                     {rights.At("", "/account", rights.SignedIn)},
		"POST /account/email":              {rights.At("", "/account/email", rights.SignedIn)},
		"GET /account/email/{token}":       {rights.At("", "/account/email/bogus", rights.Everyone).NF()},
		"POST /account/email/{token}":      {rights.At("", "/account/email/bogus", rights.Everyone).NF()},
		"POST /account/password":           {rights.At("", "/account/password", rights.SignedIn)},
		"POST /account/sessions/end":       {rights.At("", "/account/sessions/end", rights.SignedIn)},
		"POST /account/tokens":             {rights.At("", "/account/tokens", rights.SignedIn)},
		"POST /account/tokens/{id}/revoke": {rights.At("", "/account/tokens/999999/revoke", rights.SignedIn).NF()},
		"POST /account/listing":            {rights.At("", "/account/listing", rights.SignedIn)},
	}
}
