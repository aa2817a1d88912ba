package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// The route × role matrix (issue 2, point 3): every route the server
// registers has an entry saying who may reach it, on the user's "own"
// project and network (P1, N1) and on "someone else's" (P2, N2). A new
// route without an entry fails TestRouteRoleMatrix.

// role is one kind of caller in the matrix.
type role string

const (
	rAdmin     role = "admin"     // platform admin
	rCoord     role = "coord"     // coordinator of P1
	rWorker    role = "worker"    // worker of P1
	rConvener  role = "convener"  // convener of N1
	rSecretary role = "secretary" // secretary of N1
	rMember    role = "member"    // member of N1
	rGuest     role = "guest"     // guest (expert) of N1
	rOutsider  role = "outsider"  // signed in, no roles
	// Former members: their term in N1 has ended, so they have no rights
	// from it (the convener's ended yesterday, the member's in 2010).
	rFormerConv   role = "former-convener"
	rFormerMember role = "former-member"
	rPublic       role = "public" // not signed in
)

var roles = []role{rAdmin, rCoord, rWorker, rConvener, rSecretary, rMember, rGuest, rOutsider, rFormerConv, rFormerMember, rPublic}

// Who may do what: the rules of auth.Policy, spelled out per role.
var (
	everyone   = roles
	signedIn   = roles[:len(roles)-1]
	adminsOnly = []role{rAdmin}
	// directory editors: admins, any project staff, any convener.
	dirEditors = []role{rAdmin, rCoord, rWorker, rConvener}
	// managing P1: admins and P1's coordinators.
	manageP1 = []role{rAdmin, rCoord}
	// creating networks in P1: admins and P1's staff.
	createInP1 = []role{rAdmin, rCoord, rWorker}
	// managing N1 and its memberships: admins, P1's staff, N1's conveners
	// and secretaries.
	manageN1 = []role{rAdmin, rCoord, rWorker, rConvener, rSecretary}
	// seeing the contact details of someone in N1: admins and whoever
	// shares P1 with them (staff of P1, members of any of P1's networks).
	contactsN1 = []role{rAdmin, rCoord, rWorker, rConvener, rSecretary, rMember, rGuest}
	// approving N1's minutes: admins, P1's coordinators, N1's conveners.
	approveN1 = []role{rAdmin, rCoord, rConvener}
	// setting the status of N1's action item AX1: its managers and its
	// owner (the member).
	ownerN1 = []role{rAdmin, rCoord, rWorker, rConvener, rSecretary, rMember}
)

// check is one request of the matrix, made by every role.
type check struct {
	// label tells which resource is used: "own" (P1, N1), "other" (P2, N2),
	// "self" (the caller's own person) or "" (no owner).
	label string
	// path may hold placeholders expanded by fixture.expand: {P1} {P2}
	// {N1} {N2} {O1} {O2} {T1} {T2} {M1} {M2} {D1} {D2} {S} {SELF}
	// {MAIL} {STATIC}.
	path    string
	allowed []role
	// body is the JSON body of an API write; HTML forms are posted empty
	// (the permission check comes before validation, so an allowed caller
	// gets 422).
	body string
	// notFoundOK: the path names nothing (a bogus token or id), so an
	// allowed caller may get 404.
	notFoundOK bool
	// restore: the request may change the fixture; put it back afterwards.
	restore bool
}

func at(label, path string, allowed []role) check {
	return check{label: label, path: path, allowed: allowed}
}

func (k check) nf() check { k.notFoundOK = true; return k }

func (k check) rs() check { k.restore = true; return k }

func (k check) json(body string) check { k.body = body; return k }

// matrix lists, for every registered pattern, the requests to make and who
// may make them.
func matrix() map[string][]check {
	return map[string][]check{
		// Operations and static files.
		"/":                            {at("", "/no-such-page", everyone).nf()},
		"GET /healthz":                 {at("", "/healthz", everyone)},
		"GET /readyz":                  {at("", "/readyz", everyone)},
		"GET /static/{hash}/{file...}": {at("", "{STATIC}", everyone)},

		// Home, language, accessibility.
		"GET /{$}":           {at("", "/", everyone)},
		"GET /accessibility": {at("", "/accessibility", everyone)},
		"GET /lang/{lang}":   {at("", "/lang/fi", everyone)},
		"POST /lang":         {at("", "/lang", everyone)},

		// Signing in and out, passwords, invitations.
		"GET /login":                   {at("", "/login", everyone)},
		"POST /login":                  {at("", "/login", everyone)},
		"POST /logout":                 {at("", "/logout", everyone)},
		"GET /password/forgot":         {at("", "/password/forgot", everyone)},
		"POST /password/forgot":        {at("", "/password/forgot", everyone)},
		"GET /password/reset/{token}":  {at("", "/password/reset/bogus", everyone).nf()},
		"POST /password/reset/{token}": {at("", "/password/reset/bogus", everyone).nf()},
		"GET /invitations/{token}":     {at("", "/invitations/bogus", everyone).nf()},
		"POST /invitations/{token}":    {at("", "/invitations/bogus", everyone).nf()},
		"POST /people/{id}/invite": {at("own", "/people/{T1}/invite", dirEditors), at("other", "/people/{T2}/invite", dirEditors),
			at("rank", "/people/{PCOORD}/invite", []role{rAdmin, rCoord}), at("rank", "/people/{PADMIN}/invite", adminsOnly)},

		// The account page: the signed-in owner's own; an address change
		// link works for whoever holds it (a bogus one is 404 for all).
		"GET /account":                     {at("", "/account", signedIn)},
		"POST /account/email":              {at("", "/account/email", signedIn)},
		"GET /account/email/{token}":       {at("", "/account/email/bogus", everyone).nf()},
		"POST /account/email/{token}":      {at("", "/account/email/bogus", everyone).nf()},
		"POST /account/password":           {at("", "/account/password", signedIn)},
		"POST /account/sessions/end":       {at("", "/account/sessions/end", signedIn)},
		"POST /account/tokens":             {at("", "/account/tokens", signedIn)},
		"POST /account/tokens/{id}/revoke": {at("", "/account/tokens/999999/revoke", signedIn).nf()},
		"POST /account/listing":            {at("", "/account/listing", signedIn)},

		// Administration.
		"GET /admin":             {at("", "/admin", adminsOnly)},
		"GET /admin/outbox":      {at("", "/admin/outbox", adminsOnly)},
		"GET /admin/outbox/{id}": {at("", "/admin/outbox/{MAIL}", adminsOnly)},
		"GET /admin/accounts":    {at("", "/admin/accounts", adminsOnly)},

		// Projects.
		"GET /projects":      {at("", "/projects", everyone)},
		"GET /projects/new":  {at("", "/projects/new", adminsOnly)},
		"POST /projects":     {at("", "/projects", adminsOnly)},
		"GET /projects/{id}": {at("own", "/projects/{P1}", everyone), at("other", "/projects/{P2}", everyone)},
		"GET /projects/{id}/edit": {at("own", "/projects/{P1}/edit", manageP1),
			at("other", "/projects/{P2}/edit", adminsOnly)},
		"POST /projects/{id}": {at("own", "/projects/{P1}", manageP1), at("other", "/projects/{P2}", adminsOnly)},
		"POST /projects/{id}/archive": {at("own", "/projects/{P1}/archive", manageP1).rs(),
			at("other", "/projects/{P2}/archive", adminsOnly).rs()},
		"POST /projects/{id}/unarchive": {at("own", "/projects/{P1}/unarchive", manageP1).rs(),
			at("other", "/projects/{P2}/unarchive", adminsOnly).rs()},
		"POST /projects/{id}/staff": {at("own", "/projects/{P1}/staff", manageP1),
			at("other", "/projects/{P2}/staff", adminsOnly)},
		"POST /projects/{id}/staff/{person}/delete": {at("own", "/projects/{P1}/staff/{S}/delete", manageP1).rs(),
			at("other", "/projects/{P2}/staff/{S}/delete", adminsOnly).rs()},
		"GET /projects/{id}/networks/new": {at("own", "/projects/{P1}/networks/new", createInP1),
			at("other", "/projects/{P2}/networks/new", adminsOnly)},
		"POST /projects/{id}/networks": {at("own", "/projects/{P1}/networks", createInP1),
			at("other", "/projects/{P2}/networks", adminsOnly)},

		// Networks and memberships.
		"GET /networks":      {at("", "/networks", everyone)},
		"GET /networks/{id}": {at("own", "/networks/{N1}", everyone), at("other", "/networks/{N2}", everyone)},
		"GET /networks/{id}/edit": {at("own", "/networks/{N1}/edit", manageN1),
			at("other", "/networks/{N2}/edit", adminsOnly)},
		"POST /networks/{id}": {at("own", "/networks/{N1}", manageN1), at("other", "/networks/{N2}", adminsOnly)},
		"POST /networks/{id}/archive": {at("own", "/networks/{N1}/archive", manageN1).rs(),
			at("other", "/networks/{N2}/archive", adminsOnly).rs()},
		"POST /networks/{id}/unarchive": {at("own", "/networks/{N1}/unarchive", manageN1).rs(),
			at("other", "/networks/{N2}/unarchive", adminsOnly).rs()},
		"GET /networks/{id}/memberships/new": {at("own", "/networks/{N1}/memberships/new", manageN1),
			at("other", "/networks/{N2}/memberships/new", adminsOnly)},
		"POST /networks/{id}/memberships": {at("own", "/networks/{N1}/memberships", manageN1),
			at("other", "/networks/{N2}/memberships", adminsOnly)},
		"GET /memberships/{id}/edit": {at("own", "/memberships/{M1}/edit", manageN1),
			at("other", "/memberships/{M2}/edit", adminsOnly)},
		"POST /memberships/{id}": {at("own", "/memberships/{M1}", manageN1), at("other", "/memberships/{M2}", adminsOnly)},
		"POST /memberships/{id}/delete": {at("own", "/memberships/{D1}/delete", manageN1).rs(),
			at("other", "/memberships/{D2}/delete", adminsOnly).rs()},

		// Organisations: one shared directory.
		"GET /organisations":             {at("", "/organisations", everyone)},
		"GET /organisations/new":         {at("", "/organisations/new", dirEditors)},
		"POST /organisations":            {at("", "/organisations", dirEditors)},
		"GET /organisations/{id}":        {at("", "/organisations/{O1}", everyone)},
		"GET /organisations/{id}/edit":   {at("", "/organisations/{O1}/edit", dirEditors)},
		"POST /organisations/{id}":       {at("", "/organisations/{O1}", dirEditors)},
		"GET /organisations/{id}/merge":  {at("", "/organisations/{O1}/merge", adminsOnly)},
		"POST /organisations/{id}/merge": {at("", "/organisations/{O1}/merge", adminsOnly)},

		// People: names for the signed-in, editing for directory editors
		// and the person themself.
		"GET /people":      {at("", "/people", signedIn)},
		"GET /people/new":  {at("", "/people/new", dirEditors)},
		"POST /people":     {at("", "/people", dirEditors)},
		"GET /people/{id}": {at("own", "/people/{T1}", signedIn), at("other", "/people/{T2}", signedIn)},
		// No one edits someone with more rights than their own ("rank"):
		// the coordinator only by admins and themself, an admin only by
		// admins.
		"GET /people/{id}/edit": {at("own", "/people/{T1}/edit", dirEditors), at("other", "/people/{T2}/edit", dirEditors),
			at("self", "/people/{SELF}/edit", signedIn),
			at("rank", "/people/{PCOORD}/edit", []role{rAdmin, rCoord}), at("rank", "/people/{PADMIN}/edit", adminsOnly)},
		"POST /people/{id}": {at("own", "/people/{T1}", dirEditors), at("other", "/people/{T2}", dirEditors),
			at("self", "/people/{SELF}", signedIn),
			at("rank", "/people/{PCOORD}", []role{rAdmin, rCoord}), at("rank", "/people/{PADMIN}", adminsOnly)},

		// Attendance history (internal/meeting/history.go): the person
		// themself, and whoever manages a network of theirs; an
		// organisation's for its representatives and whoever manages one
		// of its networks (O1 is in N1 and N2, O2 in none).
		"GET /people/{id}/attendance": {at("own", "/people/{T1}/attendance", manageN1),
			at("other", "/people/{T2}/attendance", adminsOnly), at("self", "/people/{SELF}/attendance", signedIn)},
		"GET /organisations/{id}/attendance": {at("own", "/organisations/{O1}/attendance", contactsN1),
			at("other", "/organisations/{O2}/attendance", adminsOnly)},
		"GET /api/v1/people/{id}/attendance": {at("own", "/api/v1/people/{T1}/attendance", manageN1),
			at("other", "/api/v1/people/{T2}/attendance", adminsOnly), at("self", "/api/v1/people/{SELF}/attendance", signedIn)},
		"GET /api/v1/organisations/{id}/attendance": {at("own", "/api/v1/organisations/{O1}/attendance", contactsN1),
			at("other", "/api/v1/organisations/{O2}/attendance", adminsOnly)},

		// Action plans (internal/plan): read by the signed-in, edited by
		// whoever manages the network; the goals page is public only once
		// published (PL, OB, AC, IN: a plan, objective, action and
		// indicator in N1 and N2).
		"GET /networks/{id}/plans": {at("own", "/networks/{N1}/plans", signedIn), at("other", "/networks/{N2}/plans", signedIn)},
		"GET /networks/{id}/plans/new": {at("own", "/networks/{N1}/plans/new", manageN1),
			at("other", "/networks/{N2}/plans/new", adminsOnly)},
		"POST /networks/{id}/plans": {at("own", "/networks/{N1}/plans", manageN1), at("other", "/networks/{N2}/plans", adminsOnly)},
		"GET /plans/{id}":           {at("own", "/plans/{PL1}", signedIn), at("other", "/plans/{PL2}", signedIn)},
		"GET /plans/{id}/edit":      {at("own", "/plans/{PL1}/edit", manageN1), at("other", "/plans/{PL2}/edit", adminsOnly)},
		"POST /plans/{id}":          {at("own", "/plans/{PL1}", manageN1), at("other", "/plans/{PL2}", adminsOnly)},
		"GET /plans/{id}/objectives/new": {at("own", "/plans/{PL1}/objectives/new", manageN1),
			at("other", "/plans/{PL2}/objectives/new", adminsOnly)},
		"POST /plans/{id}/objectives": {at("own", "/plans/{PL1}/objectives", manageN1),
			at("other", "/plans/{PL2}/objectives", adminsOnly)},
		"GET /objectives/{id}/edit": {at("own", "/objectives/{OB1}/edit", manageN1), at("other", "/objectives/{OB2}/edit", adminsOnly)},
		"POST /objectives/{id}":     {at("own", "/objectives/{OB1}", manageN1), at("other", "/objectives/{OB2}", adminsOnly)},
		"GET /objectives/{id}/actions/new": {at("own", "/objectives/{OB1}/actions/new", manageN1),
			at("other", "/objectives/{OB2}/actions/new", adminsOnly)},
		"POST /objectives/{id}/actions": {at("own", "/objectives/{OB1}/actions", manageN1),
			at("other", "/objectives/{OB2}/actions", adminsOnly)},
		"GET /actions/{id}/edit": {at("own", "/actions/{AC1}/edit", manageN1), at("other", "/actions/{AC2}/edit", adminsOnly)},
		"POST /actions/{id}":     {at("own", "/actions/{AC1}", manageN1), at("other", "/actions/{AC2}", adminsOnly)},
		"GET /actions/{id}/indicators/new": {at("own", "/actions/{AC1}/indicators/new", manageN1),
			at("other", "/actions/{AC2}/indicators/new", adminsOnly)},
		"POST /actions/{id}/indicators": {at("own", "/actions/{AC1}/indicators", manageN1),
			at("other", "/actions/{AC2}/indicators", adminsOnly)},
		"GET /indicators/{id}": {at("own", "/indicators/{IN1}", signedIn), at("other", "/indicators/{IN2}", signedIn)},
		"POST /indicators/{id}/values": {at("own", "/indicators/{IN1}/values", manageN1),
			at("other", "/indicators/{IN2}/values", adminsOnly)},
		"GET /projects/{id}/goals": {at("own", "/projects/{P1}/goals", signedIn), at("other", "/projects/{P2}/goals", signedIn)},
		"POST /projects/{id}/goals/publish": {at("own", "/projects/{P1}/goals/publish", manageP1).rs(),
			at("other", "/projects/{P2}/goals/publish", adminsOnly).rs()},
		"POST /projects/{id}/goals/unpublish": {at("own", "/projects/{P1}/goals/unpublish", manageP1).rs(),
			at("other", "/projects/{P2}/goals/unpublish", adminsOnly).rs()},

		// JSON API.
		"GET /api/v1/openapi.json": {at("", "/api/v1/openapi.json", everyone)},
		"GET /api/v1/projects":     {at("", "/api/v1/projects", everyone)},
		"POST /api/v1/projects":    {at("", "/api/v1/projects", adminsOnly).json(`{}`)},
		"GET /api/v1/projects/{id}": {at("own", "/api/v1/projects/{P1}", everyone),
			at("other", "/api/v1/projects/{P2}", everyone)},
		"PUT /api/v1/projects/{id}": {at("own", "/api/v1/projects/{P1}", manageP1).json(`{}`),
			at("other", "/api/v1/projects/{P2}", adminsOnly).json(`{}`)},
		"GET /api/v1/networks": {at("", "/api/v1/networks", everyone)},
		"POST /api/v1/networks": {at("own", "/api/v1/networks", createInP1).json(`{"project_id": {P1}}`),
			at("other", "/api/v1/networks", adminsOnly).json(`{"project_id": {P2}}`)},
		"GET /api/v1/networks/{id}": {at("own", "/api/v1/networks/{N1}", everyone),
			at("other", "/api/v1/networks/{N2}", everyone)},
		"PUT /api/v1/networks/{id}": {at("own", "/api/v1/networks/{N1}", manageN1).json(`{}`),
			at("other", "/api/v1/networks/{N2}", adminsOnly).json(`{}`)},
		"GET /api/v1/networks/{id}/memberships": {at("own", "/api/v1/networks/{N1}/memberships", signedIn),
			at("other", "/api/v1/networks/{N2}/memberships", signedIn)},
		"POST /api/v1/networks/{id}/memberships": {at("own", "/api/v1/networks/{N1}/memberships", manageN1).json(`{}`),
			at("other", "/api/v1/networks/{N2}/memberships", adminsOnly).json(`{}`)},
		"GET /api/v1/memberships/{id}": {at("own", "/api/v1/memberships/{M1}", signedIn),
			at("other", "/api/v1/memberships/{M2}", signedIn)},
		"PUT /api/v1/memberships/{id}": {at("own", "/api/v1/memberships/{M1}", manageN1).json(`{}`),
			at("other", "/api/v1/memberships/{M2}", adminsOnly).json(`{}`)},
		"GET /api/v1/organisations":      {at("", "/api/v1/organisations", everyone)},
		"POST /api/v1/organisations":     {at("", "/api/v1/organisations", dirEditors).json(`{}`)},
		"GET /api/v1/organisations/{id}": {at("", "/api/v1/organisations/{O1}", everyone)},
		"PUT /api/v1/organisations/{id}": {at("", "/api/v1/organisations/{O1}", dirEditors).json(`{}`)},
		"GET /api/v1/people":             {at("", "/api/v1/people", signedIn)},
		"POST /api/v1/people":            {at("", "/api/v1/people", dirEditors).json(`{}`)},
		"GET /api/v1/people/{id}": {at("own", "/api/v1/people/{T1}", signedIn),
			at("other", "/api/v1/people/{T2}", signedIn)},
		"PUT /api/v1/people/{id}": {at("own", "/api/v1/people/{T1}", dirEditors).json(`{}`),
			at("other", "/api/v1/people/{T2}", dirEditors).json(`{}`), at("self", "/api/v1/people/{SELF}", signedIn).json(`{}`),
			at("rank", "/api/v1/people/{PCOORD}", []role{rAdmin, rCoord}).json(`{}`),
			at("rank", "/api/v1/people/{PADMIN}", adminsOnly).json(`{}`)},
		"GET /api/v1/networks/{id}/plans": {at("own", "/api/v1/networks/{N1}/plans", signedIn),
			at("other", "/api/v1/networks/{N2}/plans", signedIn)},
		"POST /api/v1/networks/{id}/plans": {at("own", "/api/v1/networks/{N1}/plans", manageN1).json(`{}`),
			at("other", "/api/v1/networks/{N2}/plans", adminsOnly).json(`{}`)},
		"GET /api/v1/plans/{id}": {at("own", "/api/v1/plans/{PL1}", signedIn), at("other", "/api/v1/plans/{PL2}", signedIn)},
		"PUT /api/v1/plans/{id}": {at("own", "/api/v1/plans/{PL1}", manageN1).json(`{}`),
			at("other", "/api/v1/plans/{PL2}", adminsOnly).json(`{}`)},
		"POST /api/v1/plans/{id}/objectives": {at("own", "/api/v1/plans/{PL1}/objectives", manageN1).json(`{}`),
			at("other", "/api/v1/plans/{PL2}/objectives", adminsOnly).json(`{}`)},
		"PUT /api/v1/objectives/{id}": {at("own", "/api/v1/objectives/{OB1}", manageN1).json(`{}`),
			at("other", "/api/v1/objectives/{OB2}", adminsOnly).json(`{}`)},
		"POST /api/v1/objectives/{id}/actions": {at("own", "/api/v1/objectives/{OB1}/actions", manageN1).json(`{}`),
			at("other", "/api/v1/objectives/{OB2}/actions", adminsOnly).json(`{}`)},
		"GET /api/v1/actions/{id}": {at("own", "/api/v1/actions/{AC1}", signedIn), at("other", "/api/v1/actions/{AC2}", signedIn)},
		"PUT /api/v1/actions/{id}": {at("own", "/api/v1/actions/{AC1}", manageN1).json(`{}`),
			at("other", "/api/v1/actions/{AC2}", adminsOnly).json(`{}`)},
		"POST /api/v1/actions/{id}/indicators": {at("own", "/api/v1/actions/{AC1}/indicators", manageN1).json(`{}`),
			at("other", "/api/v1/actions/{AC2}/indicators", adminsOnly).json(`{}`)},
		"GET /api/v1/indicators/{id}": {at("own", "/api/v1/indicators/{IN1}", signedIn),
			at("other", "/api/v1/indicators/{IN2}", signedIn)},
		"POST /api/v1/indicators/{id}/values": {at("own", "/api/v1/indicators/{IN1}/values", manageN1).json(`{}`),
			at("other", "/api/v1/indicators/{IN2}/values", adminsOnly).json(`{}`)},
		// My tasks (internal/task): the caller's own.
		"GET /api/v1/me/tasks": {at("", "/api/v1/me/tasks", signedIn)},
		"GET /api/v1/projects/{id}/goals": {at("own", "/api/v1/projects/{P1}/goals", signedIn),
			at("other", "/api/v1/projects/{P2}/goals", signedIn)},

		// Meetings (internal/meeting): seen by everyone, the remote link and
		// the attendance history by invitees (members of the network, staff
		// of its project, admins), managed by whoever manages the network,
		// answered by members (MT: a meeting, AI: an agenda item in N1, N2).
		"GET /networks/{id}/meetings": {at("own", "/networks/{N1}/meetings", everyone), at("other", "/networks/{N2}/meetings", everyone)},
		"GET /networks/{id}/meetings/new": {at("own", "/networks/{N1}/meetings/new", manageN1),
			at("other", "/networks/{N2}/meetings/new", adminsOnly)},
		"POST /networks/{id}/meetings": {at("own", "/networks/{N1}/meetings", manageN1), at("other", "/networks/{N2}/meetings", adminsOnly)},
		"GET /networks/{id}/attendance": {at("own", "/networks/{N1}/attendance", contactsN1),
			at("other", "/networks/{N2}/attendance", adminsOnly)},
		"GET /meetings/{id}":      {at("own", "/meetings/{MT1}", everyone), at("other", "/meetings/{MT2}", everyone)},
		"GET /meetings/{id}/edit": {at("own", "/meetings/{MT1}/edit", manageN1), at("other", "/meetings/{MT2}/edit", adminsOnly)},
		"POST /meetings/{id}":     {at("own", "/meetings/{MT1}", manageN1), at("other", "/meetings/{MT2}", adminsOnly)},
		"POST /meetings/{id}/cancel": {at("own", "/meetings/{MT1}/cancel", manageN1).rs(),
			at("other", "/meetings/{MT2}/cancel", adminsOnly).rs()},
		"POST /meetings/{id}/agenda": {at("own", "/meetings/{MT1}/agenda", contactsN1), at("other", "/meetings/{MT2}/agenda", adminsOnly)},
		"POST /meetings/{id}/response": {at("own", "/meetings/{MT1}/response", []role{rConvener, rSecretary, rMember, rGuest}),
			at("other", "/meetings/{MT2}/response", nil)},
		"POST /meetings/{id}/attendance": {at("own", "/meetings/{MT1}/attendance", manageN1),
			at("other", "/meetings/{MT2}/attendance", adminsOnly)},
		"POST /agenda-items/{id}/accept": {at("own", "/agenda-items/{AI1}/accept", manageN1),
			at("other", "/agenda-items/{AI2}/accept", adminsOnly)},
		"POST /agenda-items/{id}/move": {at("own", "/agenda-items/{AI1}/move", manageN1),
			at("other", "/agenda-items/{AI2}/move", adminsOnly)},
		"POST /agenda-items/{id}/delete": {at("own", "/agenda-items/{AI1}/delete", manageN1).rs(),
			at("other", "/agenda-items/{AI2}/delete", adminsOnly).rs()},
		"GET /api/v1/networks/{id}/meetings": {at("own", "/api/v1/networks/{N1}/meetings", everyone),
			at("other", "/api/v1/networks/{N2}/meetings", everyone)},
		"POST /api/v1/networks/{id}/meetings": {at("own", "/api/v1/networks/{N1}/meetings", manageN1).json(`{}`),
			at("other", "/api/v1/networks/{N2}/meetings", adminsOnly).json(`{}`)},
		"GET /api/v1/meetings/{id}": {at("own", "/api/v1/meetings/{MT1}", everyone), at("other", "/api/v1/meetings/{MT2}", everyone)},
		"PUT /api/v1/meetings/{id}": {at("own", "/api/v1/meetings/{MT1}", manageN1).json(`{}`),
			at("other", "/api/v1/meetings/{MT2}", adminsOnly).json(`{}`)},
		"POST /api/v1/meetings/{id}/cancel": {at("own", "/api/v1/meetings/{MT1}/cancel", manageN1).rs(),
			at("other", "/api/v1/meetings/{MT2}/cancel", adminsOnly).rs()},
		"GET /api/v1/meetings/{id}/agenda": {at("own", "/api/v1/meetings/{MT1}/agenda", signedIn),
			at("other", "/api/v1/meetings/{MT2}/agenda", signedIn)},
		"POST /api/v1/meetings/{id}/agenda": {at("own", "/api/v1/meetings/{MT1}/agenda", contactsN1).json(`{}`),
			at("other", "/api/v1/meetings/{MT2}/agenda", adminsOnly).json(`{}`)},
		"GET /api/v1/agenda-items/{id}": {at("own", "/api/v1/agenda-items/{AI1}", manageN1),
			at("other", "/api/v1/agenda-items/{AI2}", adminsOnly)},
		"PUT /api/v1/agenda-items/{id}": {at("own", "/api/v1/agenda-items/{AI1}", manageN1).json(`{}`),
			at("other", "/api/v1/agenda-items/{AI2}", adminsOnly).json(`{}`)},
		"DELETE /api/v1/agenda-items/{id}": {at("own", "/api/v1/agenda-items/{AI1}", manageN1).rs(),
			at("other", "/api/v1/agenda-items/{AI2}", adminsOnly).rs()},
		"GET /api/v1/meetings/{id}/responses": {at("own", "/api/v1/meetings/{MT1}/responses", contactsN1),
			at("other", "/api/v1/meetings/{MT2}/responses", adminsOnly)},
		"PUT /api/v1/meetings/{id}/response": {at("own", "/api/v1/meetings/{MT1}/response", []role{rConvener, rSecretary, rMember, rGuest}).json(`{}`),
			at("other", "/api/v1/meetings/{MT2}/response", nil).json(`{}`)},
		"GET /api/v1/meetings/{id}/attendance": {at("own", "/api/v1/meetings/{MT1}/attendance", contactsN1),
			at("other", "/api/v1/meetings/{MT2}/attendance", adminsOnly)},
		"PUT /api/v1/meetings/{id}/attendance": {at("own", "/api/v1/meetings/{MT1}/attendance", manageN1).json(`{}`),
			at("other", "/api/v1/meetings/{MT2}/attendance", adminsOnly).json(`{}`)},

		// Minutes and action items (internal/minutes): read by invitees,
		// written by whoever manages the network, approved by conveners,
		// the project's coordinators and admins; the owner of an action
		// item (AX1 belongs to the member) may set its status.
		"GET /meetings/{id}/minutes": {at("own", "/meetings/{MT1}/minutes", contactsN1),
			at("other", "/meetings/{MT2}/minutes", adminsOnly)},
		"POST /meetings/{id}/minutes": {at("own", "/meetings/{MT1}/minutes", manageN1),
			at("other", "/meetings/{MT2}/minutes", adminsOnly)},
		"POST /meetings/{id}/minutes/approve": {at("own", "/meetings/{MT1}/minutes/approve", approveN1),
			at("other", "/meetings/{MT2}/minutes/approve", adminsOnly)},
		"POST /meetings/{id}/action-items": {at("own", "/meetings/{MT1}/action-items", manageN1),
			at("other", "/meetings/{MT2}/action-items", adminsOnly)},
		"GET /meetings/{id}/summary": {at("own", "/meetings/{MT1}/summary", contactsN1),
			at("own", "/meetings/{MT1}/summary?organisation={O1}", contactsN1),
			at("other", "/meetings/{MT2}/summary", adminsOnly)},
		"GET /action-items/{id}/edit": {at("own", "/action-items/{AX1}/edit", manageN1),
			at("other", "/action-items/{AX2}/edit", adminsOnly)},
		"POST /action-items/{id}": {at("own", "/action-items/{AX1}", manageN1), at("other", "/action-items/{AX2}", adminsOnly)},
		"POST /action-items/{id}/status": {at("own", "/action-items/{AX1}/status", ownerN1),
			at("other", "/action-items/{AX2}/status", adminsOnly)},
		"GET /api/v1/meetings/{id}/minutes": {at("own", "/api/v1/meetings/{MT1}/minutes", contactsN1),
			at("other", "/api/v1/meetings/{MT2}/minutes", adminsOnly)},
		"PUT /api/v1/meetings/{id}/minutes": {at("own", "/api/v1/meetings/{MT1}/minutes", manageN1).json(`{}`),
			at("other", "/api/v1/meetings/{MT2}/minutes", adminsOnly).json(`{}`)},
		"POST /api/v1/meetings/{id}/minutes/approve": {at("own", "/api/v1/meetings/{MT1}/minutes/approve", approveN1).json(`{}`),
			at("other", "/api/v1/meetings/{MT2}/minutes/approve", adminsOnly).json(`{}`)},
		"POST /api/v1/meetings/{id}/action-items": {at("own", "/api/v1/meetings/{MT1}/action-items", manageN1).json(`{}`),
			at("other", "/api/v1/meetings/{MT2}/action-items", adminsOnly).json(`{}`)},
		"GET /api/v1/action-items/{id}": {at("own", "/api/v1/action-items/{AX1}", contactsN1),
			at("other", "/api/v1/action-items/{AX2}", adminsOnly)},
		"PUT /api/v1/action-items/{id}": {at("own", "/api/v1/action-items/{AX1}", ownerN1).json(`{}`),
			at("other", "/api/v1/action-items/{AX2}", adminsOnly).json(`{}`)},

		// Calendar feeds (internal/calendar): the page and its token for
		// the signed-in; the personal feed for whoever holds its secret
		// (a bogus one is 404 for all); network feeds are public.
		"GET /calendar":               {at("", "/calendar", signedIn)},
		"POST /calendar/token":        {at("", "/calendar/token", signedIn)},
		"POST /calendar/token/delete": {at("", "/calendar/token/delete", signedIn)},
		"GET /calendar/{file}":        {at("", "/calendar/bogus.ics", everyone).nf()},
		"GET /networks/{id}/calendar.ics": {at("own", "/networks/{N1}/calendar.ics", everyone),
			at("other", "/networks/{N2}/calendar.ics", everyone)},
	}
}

// fixture is two projects, each with a network, an organisation directory
// and an account for every role.
type fixture struct {
	t   *testing.T
	env *servertest.Env
	d   *db.DB
	ids map[string]int64 // P1 P2 N1 N2 O1 O2 T1 T2 M1 M2 D1 D2 S PL1 PL2 OB1 OB2 AC1 AC2 IN1 IN2
	// person, web client and API token of each role (public: none).
	person map[role]int64
	client map[role]*servertest.Client
	token  map[role]string
	mail   int64  // an outbox message
	static string // URL of a static file
}

var staticRE = regexp.MustCompile(`/static/[^"]+\.css`)

func (f *fixture) id(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.d.QueryRowContext(context.Background(), q+" RETURNING id", args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (f *fixture) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := f.d.ExecContext(context.Background(), q, args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

func (f *fixture) now() any { return db.Now(f.env.Clock.Now()) }

func (f *fixture) addPerson(name, email string, org int64) int64 {
	var o any
	if org != 0 {
		o = org
	}
	return f.id(`INSERT INTO people (name, email, phone, organisation_id, created_at, updated_at) VALUES ($1, $2, '040 555 0101', $3, $4, $4)`,
		name, email, o, f.now())
}

func (f *fixture) member(network, person int64, r string) int64 {
	return f.id(`INSERT INTO memberships (network_id, person_id, role, organisation_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		network, person, r, f.ids["O1"], f.now())
}

// Target e-mail addresses: whose contact details the matrix checks.
const (
	targetEmail  = "tuula.target@example.test"
	target2Email = "toivo.toinen@example.test"
)

func newFixture(t *testing.T, d *db.DB) *fixture {
	env := servertest.New(t, d)
	f := &fixture{t: t, env: env, d: d, ids: map[string]int64{},
		person: map[role]int64{}, client: map[role]*servertest.Client{}, token: map[role]string{}}
	now := f.now()
	f.ids["O1"] = f.id(`INSERT INTO organisations (name, name_key, sector, municipality_code, created_at, updated_at) VALUES ('Nuorten Ystävät ry', 'nuorten ystävät ry', 'third_sector', '564', $1, $1)`, now)
	f.ids["O2"] = f.id(`INSERT INTO organisations (name, name_key, sector, created_at, updated_at) VALUES ('Pajakeskus Oy', 'pajakeskus oy', 'business', $1, $1)`, now)
	f.ids["P1"] = f.id(`INSERT INTO projects (name, funder, description, created_at, updated_at) VALUES ('Välityömarkkinat', 'ESR', '', $1, $1)`, now)
	f.ids["P2"] = f.id(`INSERT INTO projects (name, funder, description, created_at, updated_at) VALUES ('KasvuPOK', 'ESR', '', $1, $1)`, now)
	f.exec(`INSERT INTO project_municipalities (project_id, municipality_code) VALUES ($1, '564'), ($2, '167')`, f.ids["P1"], f.ids["P2"])
	f.ids["N1"] = f.id(`INSERT INTO networks (project_id, name, purpose, created_at, updated_at) VALUES ($1, 'Työpajatoiminta', 'Pajat', $2, $2)`, f.ids["P1"], now)
	f.ids["N2"] = f.id(`INSERT INTO networks (project_id, name, purpose, created_at, updated_at) VALUES ($1, 'Osaamisverkosto', 'Osaaminen', $2, $2)`, f.ids["P2"], now)

	for _, r := range signedIn {
		acct := env.CreateUser(t, "Rooli "+string(r), string(r)+"@example.test", r == rAdmin)
		f.person[r] = acct.PersonID
		tok, err := auth.NewStore(d).CreateAPIToken(context.Background(), acct.ID, "authz", env.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		f.token[r] = tok
	}
	f.exec(`INSERT INTO project_staff (project_id, person_id, role) VALUES ($1, $2, 'coordinator'), ($1, $3, 'worker')`,
		f.ids["P1"], f.person[rCoord], f.person[rWorker])
	f.ids["PADMIN"], f.ids["PCOORD"] = f.person[rAdmin], f.person[rCoord]
	for _, r := range []role{rConvener, rSecretary, rMember, rGuest} {
		f.member(f.ids["N1"], f.person[r], string(r))
	}
	yesterday := app.Day(env.Clock.Now().AddDate(0, 0, -1))
	f.exec(`UPDATE memberships SET term_end = $1 WHERE id = $2`, yesterday, f.member(f.ids["N1"], f.person[rFormerConv], "convener"))
	f.exec(`UPDATE memberships SET term_start = $1, term_end = $2 WHERE id = $3`, time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2010, 12, 31, 0, 0, 0, 0, time.UTC), f.member(f.ids["N1"], f.person[rFormerMember], "member"))

	// The targets: people without accounts whose contact details are
	// private, one in each network.
	f.ids["T1"] = f.addPerson("Tuula Target", targetEmail, f.ids["O1"])
	f.ids["T2"] = f.addPerson("Toivo Toinen", target2Email, f.ids["O2"])
	f.ids["M1"] = f.member(f.ids["N1"], f.ids["T1"], "member")
	f.ids["M2"] = f.member(f.ids["N2"], f.ids["T2"], "member")
	// S is a staff member of both projects whom the staff removal route
	// removes; D1 and D2 are memberships the delete route deletes.
	f.ids["S"] = f.addPerson("Sakari Staff", "sakari@example.test", 0)
	f.ids["Dp"] = f.addPerson("Dora Deletable", "dora@example.test", 0)
	// An action plan in each network with an objective, an action and an
	// indicator (internal/plan).
	for _, n := range []string{"1", "2"} {
		f.ids["PL"+n] = f.id(`INSERT INTO action_plans (network_id, title, starts_on, ends_on, status, created_at, updated_at)
			VALUES ($1, 'Toimintasuunnitelma', $2, $2, 'active', $3, $3)`, f.ids["N"+n], f.env.Clock.Now(), now)
		f.ids["OB"+n] = f.id(`INSERT INTO plan_objectives (plan_id, title, created_at, updated_at) VALUES ($1, 'Tavoite', $2, $2)`, f.ids["PL"+n], now)
		f.ids["AC"+n] = f.id(`INSERT INTO plan_actions (objective_id, title, created_at, updated_at) VALUES ($1, 'Toimenpide', $2, $2)`, f.ids["OB"+n], now)
		f.ids["IN"+n] = f.id(`INSERT INTO plan_indicators (action_id, name, target, created_at) VALUES ($1, 'Mittari', 10, $2)`, f.ids["AC"+n], now)
	}
	// A meeting in each network (internal/meeting); restore keeps an
	// agenda item in each.
	for _, n := range []string{"1", "2"} {
		f.ids["MT"+n] = f.id(`INSERT INTO meetings (network_id, title, starts_at, ends_at, mode, remote_link, created_at, updated_at)
			VALUES ($1, 'Verkostokokous', $2, $3, 'hybrid', 'https://meet.example.test/room', $4, $4)`,
			f.ids["N"+n], db.Now(env.Clock.Now().Add(240*time.Hour)), db.Now(env.Clock.Now().Add(242*time.Hour)), now)
	}
	// Draft minutes and an action item in each meeting (internal/minutes);
	// the member owns AX1.
	for _, n := range []string{"1", "2"} {
		f.id(`INSERT INTO minutes (meeting_id, body, status, version, created_at, updated_at) VALUES ($1, 'Pöytäkirja', 'draft', 1, $2, $2)`,
			f.ids["MT"+n], now)
	}
	f.ids["AX1"] = f.id(`INSERT INTO action_items (meeting_id, network_id, title, owner_person_id, due_on, status, created_at, updated_at)
		VALUES ($1, $2, 'Tehtävä', $3, $4, 'open', $5, $5)`, f.ids["MT1"], f.ids["N1"], f.person[rMember], f.env.Clock.Now(), now)
	f.ids["AX2"] = f.id(`INSERT INTO action_items (meeting_id, network_id, title, owner_person_id, due_on, status, created_at, updated_at)
		VALUES ($1, $2, 'Tehtävä', $3, $4, 'open', $5, $5)`, f.ids["MT2"], f.ids["N2"], f.ids["T2"], f.env.Clock.Now(), now)
	f.restore()

	for _, r := range signedIn {
		f.client[r] = env.Login(t, string(r)+"@example.test")
	}
	f.client[rPublic] = env.Client(t)

	// A message in the outbox (an invitation) and a static file's URL.
	if r := f.client[rAdmin].PostForm(f.expand("/people/{S}/invite", rAdmin), url.Values{}); r.Status != http.StatusSeeOther {
		t.Fatalf("invite: %d %s", r.Status, r.Text())
	}
	if err := d.QueryRowContext(context.Background(), `SELECT MAX(id) FROM mail_messages`).Scan(&f.mail); err != nil {
		t.Fatal(err)
	}
	f.static = staticRE.FindString(f.client[rPublic].Get("/").Body)
	if f.static == "" {
		t.Fatal("no static file linked from the home page")
	}
	return f
}

// restore puts back what the archive, staff removal and membership
// deletion routes change.
func (f *fixture) restore() {
	f.t.Helper()
	f.exec(`UPDATE projects SET archived = FALSE, goals_published = FALSE WHERE id IN ($1, $2)`, f.ids["P1"], f.ids["P2"])
	f.exec(`UPDATE networks SET status = 'active' WHERE id IN ($1, $2)`, f.ids["N1"], f.ids["N2"])
	for _, p := range []string{"P1", "P2"} {
		f.exec(`INSERT INTO project_staff (project_id, person_id, role) VALUES ($1, $2, 'worker') ON CONFLICT DO NOTHING`, f.ids[p], f.ids["S"])
	}
	for _, n := range []string{"1", "2"} {
		var count int
		if err := f.d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM memberships WHERE network_id = $1 AND person_id = $2`,
			f.ids["N"+n], f.ids["Dp"]).Scan(&count); err != nil {
			f.t.Fatal(err)
		}
		if count == 0 {
			f.ids["D"+n] = f.member(f.ids["N"+n], f.ids["Dp"], "member")
		}
	}
	if f.ids["MT1"] != 0 {
		f.exec(`UPDATE meetings SET status = 'scheduled' WHERE id IN ($1, $2)`, f.ids["MT1"], f.ids["MT2"])
		for _, n := range []string{"1", "2"} {
			var count int
			if err := f.d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM agenda_items WHERE id = $1`, f.ids["AI"+n]).Scan(&count); err != nil {
				f.t.Fatal(err)
			}
			if count == 0 {
				f.ids["AI"+n] = f.id(`INSERT INTO agenda_items (meeting_id, position, title, status, created_at, updated_at)
					VALUES ($1, 1, 'Ajankohtaiset', 'proposed', $2, $2)`, f.ids["MT"+n], f.now())
			}
		}
	}
}

// expand fills the placeholders of s for role r.
func (f *fixture) expand(s string, r role) string {
	self := f.person[r]
	if self == 0 {
		self = f.ids["T1"]
	}
	s = strings.ReplaceAll(s, "{SELF}", strconv.FormatInt(self, 10))
	s = strings.ReplaceAll(s, "{MAIL}", strconv.FormatInt(f.mail, 10))
	s = strings.ReplaceAll(s, "{STATIC}", f.static)
	for k, v := range f.ids {
		s = strings.ReplaceAll(s, "{"+k+"}", strconv.FormatInt(v, 10))
	}
	return s
}

// do makes the request of check k for role r.
func (f *fixture) do(method string, k check, r role) *servertest.Response {
	path := f.expand(k.path, r)
	if strings.HasPrefix(path, "/api/") {
		// The API is used with bearer tokens, from a client without a
		// session.
		return f.env.Client(f.t).JSON(method, path, f.token[r], f.expand(k.body, r))
	}
	cl := f.client[r]
	if method == http.MethodPost {
		return cl.PostForm(path, url.Values{})
	}
	return cl.Get(path)
}

// splitPattern returns a pattern's method ("GET" when it has none) and
// path.
func splitPattern(p string) (method, path string) {
	if m, rest, ok := strings.Cut(p, " "); ok {
		return m, rest
	}
	return http.MethodGet, p
}

// verdict explains why res breaks the rule, or returns "".
func verdict(method, path string, res *servertest.Response, allowed bool, r role, notFoundOK bool) string {
	api := strings.HasPrefix(path, "/api/")
	toLogin := res.Status == http.StatusSeeOther && strings.HasPrefix(res.Location, "/login")
	if allowed {
		switch {
		case res.Status == http.StatusUnauthorized || res.Status == http.StatusForbidden || toLogin:
			return "denied but should be allowed"
		case res.Status >= 500:
			return "server error"
		case res.Status == http.StatusNotFound && !notFoundOK:
			return "404 for an existing resource"
		}
		return ""
	}
	switch {
	case r == rPublic && api:
		if res.Status != http.StatusUnauthorized {
			return "want 401 for the public"
		}
	case r == rPublic && method == http.MethodGet:
		if !toLogin {
			return "want a redirect to /login for the public"
		}
	case r == rPublic:
		if res.Status != http.StatusUnauthorized {
			return "want 401 for the public"
		}
	default:
		if res.Status != http.StatusForbidden {
			return "want 403"
		}
	}
	return ""
}

func TestRouteRoleMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		m := matrix()
		patterns := routePatterns(f.env)

		for _, p := range patterns {
			if _, ok := m[p]; !ok {
				t.Errorf("route %q has no entry in the permission matrix (authz_test.go): say who may reach it", p)
			}
		}
		for p := range m {
			if !slices.Contains(patterns, p) {
				t.Errorf("matrix entry %q names no registered route", p)
			}
		}

		// Signing out is done last, since it ends the session.
		ordered := slices.DeleteFunc(slices.Clone(patterns), func(p string) bool { return p == "POST /logout" })
		if slices.Contains(patterns, "POST /logout") {
			ordered = append(ordered, "POST /logout")
		}
		for _, p := range ordered {
			method, _ := splitPattern(p)
			for _, k := range m[p] {
				for _, r := range roles {
					res := f.do(method, k, r)
					if k.restore {
						f.restore()
					}
					allowed := slices.Contains(k.allowed, r)
					if why := verdict(method, k.path, res, allowed, r, k.notFoundOK); why != "" {
						t.Errorf("%s [%s] as %s: %s: got %d (Location %q)\n%.300s", p, k.label, r, why, res.Status, res.Location, res.Body)
					}
				}
			}
		}
	})
}

// TestContactVisibility checks that a person's e-mail shows on their page,
// on their network's page and in the API only to those who share a project
// with them.
func TestContactVisibility(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for _, r := range roles {
			pages := []struct {
				path, email string
				may         []role
				// only: the page need not show the details to those who
				// may see them, but must not show them to anyone else.
				only bool
			}{
				{"/people/{T1}", targetEmail, contactsN1, false},
				{"/networks/{N1}", targetEmail, contactsN1, false},
				{"/api/v1/people/{T1}", targetEmail, contactsN1, false},
				{"/api/v1/people?q=Tuula", targetEmail, contactsN1, false},
				{"/people/{T1}/edit", targetEmail, dirEditors, false},
				{"/projects/{P1}", "coord@example.test", contactsN1, false},
				// Nobody but the admin shares P2 with the second target,
				// not even those who may edit them.
				{"/people/{T2}", target2Email, adminsOnly, false},
				{"/networks/{N2}", target2Email, adminsOnly, false},
				{"/api/v1/people/{T2}", target2Email, adminsOnly, false},
				{"/people/{T2}/edit", target2Email, adminsOnly, false},
				{"/people?q=Toivo", target2Email, adminsOnly, true},
				{"/organisations/{O2}", target2Email, adminsOnly, true},
				{"/networks/{N1}/memberships/new?q=Toivo", target2Email, adminsOnly, true},
				{"/projects/{P1}?staff_q=Toivo", target2Email, adminsOnly, true},
			}
			for _, pg := range pages {
				res := f.do(http.MethodGet, check{path: pg.path}, r)
				shown := strings.Contains(res.Body, pg.email)
				may := slices.Contains(pg.may, r)
				switch {
				case may && !shown && !pg.only:
					t.Errorf("%s as %s: contact details missing (status %d)", pg.path, r, res.Status)
				case !may && shown:
					t.Errorf("%s as %s: contact details shown to someone who may not see them", pg.path, r)
				}
			}
		}

		// Directory editors who do not share a project with the second
		// target may edit them, but neither see nor replace their
		// contact details, and inviting them does not reveal the address.
		for _, r := range []role{rCoord, rWorker, rConvener} {
			res := f.client[r].PostForm(f.expand("/people/{T2}", r), url.Values{"name": {"Toivo Toinen"}, "lang": {"fi"},
				"email": {"changed-" + string(r) + "@example.test"}, "phone": {"040 999 9999"}})
			if res.Status != http.StatusSeeOther {
				t.Errorf("POST /people/{T2} as %s: %d %s", r, res.Status, res.Text())
			}
			res = f.env.Client(t).JSON(http.MethodPut, f.expand("/api/v1/people/{T2}", r), f.token[r],
				`{"name": "Toivo Toinen", "lang": "fi", "email": "api-changed@example.test"}`)
			if res.Status != http.StatusOK || strings.Contains(res.Body, "example.test") {
				t.Errorf("PUT /api/v1/people/{T2} as %s: %d %s", r, res.Status, res.Body)
			}
			var email string
			if err := d.QueryRowContext(context.Background(), `SELECT email FROM people WHERE id = $1`, f.ids["T2"]).Scan(&email); err != nil {
				t.Fatal(err)
			}
			if email != target2Email {
				t.Errorf("%s replaced contact details they may not see: e-mail is now %q", r, email)
			}

			res = f.client[r].PostForm(f.expand("/people/{T2}/invite", r), url.Values{})
			if res.Status != http.StatusSeeOther {
				t.Errorf("POST /people/{T2}/invite as %s: %d %s", r, res.Status, res.Text())
				continue
			}
			page := f.client[r].Get(res.Location)
			if strings.Contains(page.Body, target2Email) {
				// BUG (internal/auth/invite.go, invite): the flash
				// "auth.invite_sent" names the invitee's e-mail address,
				// shown to an inviter who may not see it.
				t.Errorf("BUG: POST /people/{T2}/invite as %s: the page after the invitation shows the invitee's e-mail %q, which %s may not see", r, target2Email, r)
			}
		}
	})
}

// routePatterns returns every pattern the server registered.
func routePatterns(env *servertest.Env) []string { return env.Server.Mux.Patterns() }
