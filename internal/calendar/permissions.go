package calendar

import "github.com/kohtaamo/kohtaamo/internal/rights"

// Permissions lists, for every route of this domain, the requests that
// prove who may reach it (the route × role matrix, tested against the
// real router in internal/server).
func Permissions() rights.Matrix {
	return rights.Matrix{
		// Calendar feeds (internal/calendar): the page and its token for
		// the signed-in; the personal feed for whoever holds its secret
		// (a bogus one is 404 for all); network feeds are public.
		"GET /calendar":               {rights.At("", "/calendar", rights.SignedIn)},
		"POST /calendar/token":        {rights.At("", "/calendar/token", rights.SignedIn)},
		"POST /calendar/token/delete": {rights.At("", "/calendar/token/delete", rights.SignedIn)},
		"GET /calendar/{file}":        {rights.At("", "/calendar/bogus.ics", rights.Everyone).NF()},
		"GET /networks/{id}/calendar.ics": {rights.At("own", "/networks/{N1}/calendar.ics", rights.Everyone),
			rights.At("other", "/networks/{N2}/calendar.ics", rights.Everyone)},
	}
}
