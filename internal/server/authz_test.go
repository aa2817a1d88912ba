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
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	netpkg "github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/rights"
	"github.com/kohtaamo/kohtaamo/internal/server"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// The route × role matrix (issue 2, point 3): every route the server
// registers has an entry saying who may reach it, on the user's "own"
// project and network (P1, N1) and on "someone else's" (P2, N2). A new
// route without an entry fails TestRouteRoleMatrix.

// The matrix's vocabulary is internal/rights; every domain lists its
// routes' rows in its Permissions (internal/<domain>/permissions.go). The
// short names below keep this file's fixture and checks readable.
type (
	role  = rights.Role
	check = rights.Check
)

const (
	rAdmin        = rights.Admin
	rCoord        = rights.Coord
	rWorker       = rights.Worker
	rConvener     = rights.Convener
	rSecretary    = rights.Secretary
	rMember       = rights.Member
	rGuest        = rights.Guest
	rOutsider     = rights.Outsider
	rFormerConv   = rights.FormerConv
	rFormerMember = rights.FormerMember
	rPublic       = rights.Public
)

var (
	roles      = rights.Roles()
	everyone   = rights.Everyone
	signedIn   = rights.SignedIn
	adminsOnly = rights.AdminsOnly
	dirEditors = rights.DirEditors
	contactsN1 = rights.ContactsN1
	at         = rights.At
)

// matrix lists, for every registered pattern, the requests to make and who
// may make them: the kernel's routes here, every domain's from its
// Permissions. A route listed by two domains fails the test.
func matrix(t *testing.T) map[string][]check {
	t.Helper()
	m := kernelMatrix()
	for _, p := range server.Parts() {
		for pattern, checks := range p.Permissions() {
			if _, dup := m[pattern]; dup {
				t.Fatalf("%s: route %q has rows in two places", p.Name, pattern)
			}
			m[pattern] = checks
		}
	}
	return m
}

// kernelMatrix is the rows of the routes the server itself registers.
func kernelMatrix() map[string][]check {
	return map[string][]check{
		// Operations and static files.
		"/":                            {at("", "/no-such-page", everyone).NF()},
		"GET /healthz":                 {at("", "/healthz", everyone)},
		"GET /readyz":                  {at("", "/readyz", everyone)},
		"GET /static/{hash}/{file...}": {at("", "{STATIC}", everyone)},
		"GET /favicon.ico":             {at("", "/favicon.ico", everyone)},
		// JSON API.
		"GET /api/v1/openapi.json": {at("", "/api/v1/openapi.json", everyone)},
	}
}

// fixture is two projects, each with a network, an organisation directory
// and an account for every role.
type fixture struct {
	t   *testing.T
	env *servertest.Env
	d   *db.DB
	b   *fx.Builder
	ids map[string]int64 // P1 P2 N1 N2 O1 O2 T1 T2 M1 M2 D1 D2 S PL1 PL2 OB1 OB2 AC1 AC2 IN1 IN2
	// person, web client and API token of each role (public: none).
	person map[role]int64
	client map[role]*servertest.Client
	token  map[role]string
	mail   int64  // an outbox message
	static string // URL of a static file
}

var staticRE = regexp.MustCompile(`/static/[^"]+\.css`)

func (f *fixture) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := f.d.ExecContext(context.Background(), q, args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

func (f *fixture) addPerson(name, email string, org int64) int64 {
	f.t.Helper()
	return f.b.PersonWith(person.Person{Name: name, Email: email, Phone: "040 555 0101", OrganisationID: org})
}

// member makes person a member of network representing O1, with the term
// in (if any).
func (f *fixture) member(network, person int64, r string, term ...*time.Time) int64 {
	f.t.Helper()
	in := netpkg.MembershipInput{PersonID: person, Role: r, OrganisationID: f.ids["O1"]}
	if len(term) == 2 {
		in.TermStart, in.TermEnd = term[0], term[1]
	}
	return f.b.MemberWith(network, in)
}

// Target e-mail addresses: whose contact details the matrix checks.
const (
	targetEmail  = "tuula.target@example.test"
	target2Email = "toivo.toinen@example.test"
)

func newFixture(t *testing.T, d *db.DB) *fixture {
	env := servertest.New(t, d)
	f := &fixture{t: t, env: env, d: d, b: fx.New(t, d, env.Clock), ids: map[string]int64{},
		person: map[role]int64{}, client: map[role]*servertest.Client{}, token: map[role]string{}}
	b := f.b
	f.ids["O1"] = b.OrgWith(org.Organisation{Name: "Nuorten Ystävät ry", Sector: org.SectorThirdSector, MunicipalityCode: "564"})
	f.ids["O2"] = b.Org("Pajakeskus Oy", org.SectorBusiness)
	f.ids["P1"] = b.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR", Municipalities: []string{"564"}})
	f.ids["P2"] = b.ProjectWith(project.Input{Name: "KasvuPOK", Funder: "ESR", Municipalities: []string{"167"}})
	f.ids["N1"] = b.NetworkWith(f.ids["P1"], netpkg.Input{Name: "Työpajatoiminta", Purpose: "Pajat"})
	f.ids["N2"] = b.NetworkWith(f.ids["P2"], netpkg.Input{Name: "Osaamisverkosto", Purpose: "Osaaminen"})

	for _, r := range signedIn {
		acct := env.CreateUser(t, "Rooli "+string(r), string(r)+"@example.test", r == rAdmin)
		f.person[r] = acct.PersonID
		tok, err := auth.NewStore(d).CreateAPIToken(context.Background(), acct.ID, "authz", env.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		f.token[r] = tok
	}
	b.Staff(f.ids["P1"], f.person[rCoord], project.RoleCoordinator)
	b.Staff(f.ids["P1"], f.person[rWorker], project.RoleWorker)
	f.ids["PADMIN"], f.ids["PCOORD"] = f.person[rAdmin], f.person[rCoord]
	for _, r := range []role{rConvener, rSecretary, rMember, rGuest} {
		f.member(f.ids["N1"], f.person[r], string(r))
	}
	yesterday := app.Day(env.Clock.Now().AddDate(0, 0, -1))
	f.member(f.ids["N1"], f.person[rFormerConv], "convener", nil, &yesterday)
	termStart, termEnd := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2010, 12, 31, 0, 0, 0, 0, time.UTC)
	f.member(f.ids["N1"], f.person[rFormerMember], "member", &termStart, &termEnd)

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
		f.ids["PL"+n] = b.Plan(f.ids["N"+n], "Toimintasuunnitelma")
		f.ids["OB"+n] = b.Objective(f.ids["PL"+n], "Tavoite")
		f.ids["AC"+n] = b.Action(f.ids["OB"+n], "Toimenpide")
		if n == "1" {
			// The member owns an action of N1 (its progress and indicator
			// values are theirs to update).
			f.ids["AC1"] = b.ActionWith(f.ids["OB1"], plan.ActionInput{Title: "Oma toimenpide", Status: plan.ActionPlanned, Weight: 1, OwnerID: f.person[rMember]})
		}
		f.ids["IN"+n] = b.Indicator(f.ids["AC"+n], "Mittari", 10)
	}
	// A meeting in each network (internal/meeting); restore keeps an
	// agenda item in each.
	for _, n := range []string{"1", "2"} {
		f.ids["MT"+n] = b.MeetingWith(f.ids["N"+n], meeting.Input{Title: "Verkostokokous", StartsAt: env.Clock.Now().Add(240 * time.Hour),
			EndsAt: env.Clock.Now().Add(242 * time.Hour), Mode: meeting.ModeHybrid, RemoteLink: "https://meet.example.test/room"})
	}
	// Draft minutes and an action item in each meeting (internal/minutes);
	// the member owns AX1.
	for _, n := range []string{"1", "2"} {
		b.Minutes(f.ids["MT"+n], "Pöytäkirja")
	}
	f.ids["AX1"] = b.ActionItem(f.ids["MT1"], "Tehtävä", f.person[rMember], env.Clock.Now())
	f.ids["AX2"] = b.ActionItem(f.ids["MT2"], "Tehtävä", f.ids["T2"], env.Clock.Now())
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
		err := project.NewStore(f.d).AddStaff(context.Background(), f.ids[p], f.ids["S"], project.RoleWorker)
		if err != nil && !app.IsCode(err, app.ECONFLICT) {
			f.t.Fatal(err)
		}
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
				f.ids["AI"+n] = f.b.AgendaItem(f.ids["MT"+n], "Ajankohtaiset", meeting.ItemProposed)
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
	path := f.expand(k.Path, r)
	if strings.HasPrefix(path, "/api/") {
		// The API is used with bearer tokens, from a client without a
		// session.
		return f.env.Client(f.t).JSON(method, path, f.token[r], f.expand(k.Body, r))
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
		case method == http.MethodPost && !api && res.Status == http.StatusOK:
			// POST-redirect-GET: a reload or the language switch after a
			// form must never send it again or land on a POST-only URL.
			return "a successful form POST answered 200 instead of redirecting"
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
		m := matrix(t)
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
					if k.Restore {
						f.restore()
					}
					allowed := slices.Contains(k.Allowed, r)
					if why := verdict(method, k.Path, res, allowed, r, k.NotFoundOK); why != "" {
						t.Errorf("%s [%s] as %s: %s: got %d (Location %q)\n%.300s", p, k.Label, r, why, res.Status, res.Location, res.Body)
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
				res := f.do(http.MethodGet, check{Path: pg.path}, r)
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
