package browsertest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/demo"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// demoIDs are the rows of the demo data set the pages are opened for.
type demoIDs struct {
	project     int64 // the Oulu project, coordinated by the coordinator
	network     int64 // a network of the Oulu project the member belongs to
	archived    int64 // an archived network (0 when the demo has none)
	membership  int64 // a membership in network (a deputy's when there is one)
	org         int64 // the member's organisation
	member      int64 // the member's person
	coordinator int64 // the coordinator's person
	noAccount   int64 // a person with an e-mail address and no account
	memberUser  int64 // the member's account
	delivery    int64 // a mail in the admin outbox
	// The network's meetings and plan (the demo's running networks).
	nextMeeting  int64 // the next meeting, with agenda and answers
	pastMeeting  int64 // the latest meeting with approved minutes
	draftMeeting int64 // a meeting with draft minutes
	plan         int64 // the network's action plan
	objective    int64 // an objective of the plan
	action       int64 // an action of the objective
	indicator    int64 // an indicator of a plan action (0 when none)
	actionItem   int64 // an action item of the network
	agendaItem   int64 // an agenda item of the next meeting
	resetToken   string
	inviteToken  string
	emailToken   string // a pending change of the member's sign-in address
}

func queryID(t *testing.T, d *db.DB, query string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), query, args...).Scan(&id); err != nil {
		t.Fatalf("look up demo row (%s): %v", query, err)
	}
	return id
}

// loadDemo loads the demo data set into env's database, puts a reset mail
// in the outbox and makes reset and invitation links for the member.
func loadDemo(t *testing.T, env *servertest.Env) demoIDs {
	t.Helper()
	ctx := context.Background()
	d := env.DB
	if loaded, err := demo.LoadIfEmpty(ctx, d, env.Clock.Now()); err != nil || !loaded {
		t.Fatalf("load demo data: loaded %v, %v", loaded, err)
	}
	var ids demoIDs
	ids.project = queryID(t, d, `SELECT id FROM projects WHERE name = $1`, demo.OuluProject)
	ids.member = queryID(t, d, `SELECT id FROM people WHERE email = $1`, demo.MemberEmail)
	ids.coordinator = queryID(t, d, `SELECT id FROM people WHERE email = $1`, demo.CoordinatorEmail)
	ids.noAccount = queryID(t, d, `SELECT MIN(p.id) FROM people p LEFT JOIN users u ON u.person_id = p.id
		WHERE u.id IS NULL AND p.email IS NOT NULL AND p.email <> ''`)
	ids.memberUser = queryID(t, d, `SELECT id FROM users WHERE person_id = $1`, ids.member)
	ids.network = queryID(t, d, `SELECT MIN(n.id) FROM networks n JOIN memberships m ON m.network_id = n.id
		WHERE n.project_id = $1 AND m.person_id = $2 AND n.status = 'active'`, ids.project, ids.member)
	ids.membership = queryID(t, d, `SELECT id FROM memberships WHERE network_id = $1
		ORDER BY CASE WHEN deputy_of_id IS NULL THEN 1 ELSE 0 END, id LIMIT 1`, ids.network)
	ids.archived = queryID(t, d, `SELECT COALESCE(MIN(id), 0) FROM networks WHERE status = 'archived'`)
	ids.org = queryID(t, d, `SELECT organisation_id FROM people WHERE id = $1`, ids.member)
	now := db.Now(env.Clock.Now())
	ids.nextMeeting = queryID(t, d, `SELECT id FROM meetings WHERE network_id = $1 AND ends_at > $2 ORDER BY starts_at LIMIT 1`, ids.network, now)
	ids.pastMeeting = queryID(t, d, `SELECT m.id FROM meetings m JOIN minutes n ON n.meeting_id = m.id
		WHERE m.network_id = $1 AND n.status = 'approved' ORDER BY m.starts_at DESC LIMIT 1`, ids.network)
	ids.draftMeeting = queryID(t, d, `SELECT m.id FROM meetings m JOIN minutes n ON n.meeting_id = m.id
		WHERE m.network_id = $1 AND n.status = 'draft' ORDER BY m.starts_at DESC LIMIT 1`, ids.network)
	ids.plan = queryID(t, d, `SELECT MIN(id) FROM action_plans WHERE network_id = $1`, ids.network)
	ids.objective = queryID(t, d, `SELECT MIN(id) FROM plan_objectives WHERE plan_id = $1`, ids.plan)
	ids.action = queryID(t, d, `SELECT MIN(id) FROM plan_actions WHERE objective_id = $1`, ids.objective)
	ids.indicator = queryID(t, d, `SELECT COALESCE(MIN(i.id), 0) FROM plan_indicators i JOIN plan_actions a ON a.id = i.action_id
		JOIN plan_objectives o ON o.id = a.objective_id WHERE o.plan_id = $1`, ids.plan)
	ids.actionItem = queryID(t, d, `SELECT MIN(id) FROM action_items WHERE network_id = $1`, ids.network)
	ids.agendaItem = queryID(t, d, `SELECT MIN(id) FROM agenda_items WHERE meeting_id = $1`, ids.nextMeeting)

	// A reset request (through the public form) puts a mail in the outbox.
	c := env.Client(t)
	if res := c.PostForm("/password/forgot", url.Values{"email": {demo.MemberEmail}}); res.Status != http.StatusSeeOther {
		t.Fatalf("request a password reset: status %d\n%s", res.Status, res.Text())
	}
	ids.delivery = queryID(t, d, `SELECT MIN(id) FROM mail_deliveries`)

	s := auth.NewStore(d)
	var err error
	if ids.resetToken, err = s.CreateUserToken(ctx, ids.memberUser, auth.PurposeReset, auth.ResetTTL, env.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if ids.inviteToken, err = s.CreateUserToken(ctx, ids.memberUser, auth.PurposeInvite, auth.InviteTTL, env.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if ids.emailToken, err = s.CreateEmailChange(ctx, ids.memberUser, "uusi.osoite@example.fi", env.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	return ids
}

// field is a form control and the value an invalid submission gives it.
type field struct{ sel, value string }

// formCase is a form submitted with invalid values: the page that comes
// back (422) must show the error summary and the field errors.
type formCase struct {
	name string
	path string // the page with the form
	form string // CSS selector of the form
	set  []field
	// errs are the ids of the fields that must show an error.
	errs []string
}

// visit is a page and what it must (and must not) show the visitor.
type visit struct {
	page
	has, hasNot []string // CSS selectors
}

// role is a kind of visitor and the pages they are checked on.
type role struct {
	name  string
	email string // "" for the public
	pages []visit
	forms []formCase
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// roles lists every user-facing GET page of the app (server routes in
// internal/*/handler.go, reset.go, invite.go), each under the visitor who
// sees the most of it, and the forms re-rendered with errors.
func roles(ids demoIDs) []role {
	p, n, o := id(ids.project), id(ids.network), id(ids.org)
	next, past, draft := id(ids.nextMeeting), id(ids.pastMeeting), id(ids.draftMeeting)
	// Home, /accessibility, /login and the plain 404 are checked in
	// pages_test.go, signed in and out.
	public := role{
		name: "public",
		pages: []visit{
			{page: page{"projects", "/projects", http.StatusOK}},
			{page: page{"project", "/projects/" + p, http.StatusOK}},
			{page: page{"networks", "/networks", http.StatusOK}},
			{page: page{"networks-archived", "/networks?status=archived", http.StatusOK}},
			{page: page{"network", "/networks/" + n, http.StatusOK},
				hasNot: []string{"#coverage", "main table", `main a[href^="mailto:"]`}},
			{page: page{"organisations", "/organisations", http.StatusOK}},
			{page: page{"organisations-none", "/organisations?q=zzzzzz", http.StatusOK}},
			{page: page{"organisation", "/organisations/" + o, http.StatusOK}},
			{page: page{"forgot", "/password/forgot", http.StatusOK}},
			{page: page{"reset", "/password/reset/" + ids.resetToken, http.StatusOK}},
			{page: page{"reset-invalid", "/password/reset/no-such-link", http.StatusNotFound}},
			{page: page{"invitation", "/invitations/" + ids.inviteToken, http.StatusOK}},
			{page: page{"invitation-invalid", "/invitations/no-such-link", http.StatusNotFound}},
			{page: page{"not-found", "/projects/999999", http.StatusNotFound}},
		},
		forms: []formCase{
			{"forgot", "/password/forgot", `main form[action="/password/forgot"]`,
				[]field{{"#email", "not an address"}}, []string{"email"}},
			{"reset", "/password/reset/" + ids.resetToken, `main form[action^="/password/reset/"]`,
				[]field{{"#password", "short"}, {"#password_confirm", "other"}}, []string{"password"}},
		},
	}
	if ids.archived != 0 {
		public.pages = append(public.pages, visit{page: page{"network-archived", "/networks/" + id(ids.archived), http.StatusOK}})
	}
	member := role{
		name:  "member",
		email: demo.MemberEmail,
		pages: []visit{
			// A member sees the members, the coverage panel and, sharing
			// the project, the members' contact details.
			{page: page{"network", "/networks/" + n, http.StatusOK},
				has: []string{"#coverage .tag", "#members ~ .table-wrap tbody tr", `#members ~ .table-wrap a[href^="mailto:"]`}},
			{page: page{"project", "/projects/" + p, http.StatusOK}},
			{page: page{"people", "/people", http.StatusOK}},
			{page: page{"people-none", "/people?q=zzzzzz", http.StatusOK}},
			{page: page{"person-self", "/people/" + id(ids.member), http.StatusOK}},
			{page: page{"person-other", "/people/" + id(ids.coordinator), http.StatusOK},
				has: []string{`main a[href^="mailto:"]`}},
			{page: page{"person-edit-self", "/people/" + id(ids.member) + "/edit", http.StatusOK}},
			{page: page{"person-attendance-self", "/people/" + id(ids.member) + "/attendance", http.StatusOK},
				has: []string{"#attendance-summary", "main table tbody tr"}},
			{page: page{"organisation", "/organisations/" + o, http.StatusOK}},
			{page: page{"forbidden", "/organisations/new", http.StatusForbidden}},
			// The demo's running networks: My tasks with an overdue item,
			// the next meeting to answer, approved minutes with the
			// member's action items.
			{page: page{"home-tasks", "/", http.StatusOK}, has: []string{"main ul.tasks li"}},
			{page: page{"meeting", "/meetings/" + next, http.StatusOK},
				has: []string{`main form[action="/meetings/` + next + `/response"]`}},
			{page: page{"minutes", "/meetings/" + past + "/minutes", http.StatusOK},
				has: []string{"main .minutes-body h2", "main table tbody tr"}},
			{page: page{"plan", "/plans/" + id(ids.plan), http.StatusOK}},
			{page: page{"account", "/account", http.StatusOK},
				has: []string{`main form[action="/account/email"]`, `main form[action="/account/tokens"]`}},
			{page: page{"account-email-confirm", "/account/email/" + ids.emailToken, http.StatusOK},
				has: []string{`main form[action^="/account/email/"] button`}},
		},
		forms: []formCase{
			// The sign-in address is read-only here (it changes on the
			// account page), so the phone carries the error.
			{"person-edit-self", "/people/" + id(ids.member) + "/edit", `main form.stacked`,
				[]field{{"#phone", "call me"}}, []string{"phone"}},
			{"account-email", "/account", `main form[action="/account/email"]`,
				[]field{{"#new_email", "not an address"}, {"#email_password", "wrong password"}}, []string{"new_email"}},
			{"account-password", "/account", `main form[action="/account/password"]`,
				[]field{{"#current_password", "wrong password"}, {"#password", "short"}, {"#password_confirm", "other"}}, []string{"password", "password_confirm"}},
		},
	}
	coordinator := role{
		name:  "coordinator",
		email: demo.CoordinatorEmail,
		pages: []visit{
			{page: page{"project", "/projects/" + p, http.StatusOK},
				has: []string{`main form[action="/projects/` + p + `/staff"]`}},
			{page: page{"project-staff-search", "/projects/" + p + "?staff_q=zzzzzz", http.StatusOK}},
			{page: page{"project-edit", "/projects/" + p + "/edit", http.StatusOK}},
			{page: page{"network-new", "/projects/" + p + "/networks/new", http.StatusOK}},
			{page: page{"network", "/networks/" + n, http.StatusOK},
				has: []string{`main a[href="/networks/` + n + `/memberships/new"]`, `main a[href^="/memberships/"]`}},
			{page: page{"network-edit", "/networks/" + n + "/edit", http.StatusOK}},
			{page: page{"membership-new", "/networks/" + n + "/memberships/new", http.StatusOK}},
			{page: page{"membership-new-none", "/networks/" + n + "/memberships/new?q=zzzzzz", http.StatusOK}},
			{page: page{"membership-edit", "/memberships/" + id(ids.membership) + "/edit", http.StatusOK}},
			{page: page{"organisations", "/organisations", http.StatusOK}},
			{page: page{"organisation-new", "/organisations/new", http.StatusOK}},
			{page: page{"organisation", "/organisations/" + o, http.StatusOK}},
			{page: page{"organisation-edit", "/organisations/" + o + "/edit", http.StatusOK}},
			{page: page{"organisation-attendance", "/organisations/" + o + "/attendance", http.StatusOK},
				has: []string{"#attendance-summary", "main table tbody tr"}},
			{page: page{"person-attendance", "/people/" + id(ids.member) + "/attendance", http.StatusOK}},
			{page: page{"people", "/people", http.StatusOK}},
			{page: page{"person-new", "/people/new", http.StatusOK}},
			{page: page{"person", "/people/" + id(ids.noAccount), http.StatusOK},
				has: []string{`main form[action="/people/` + id(ids.noAccount) + `/invite"] button`}},
			{page: page{"person-edit", "/people/" + id(ids.member) + "/edit", http.StatusOK}},
			// The network's meetings, minutes, plan and attendance.
			{page: page{"meetings", "/networks/" + n + "/meetings", http.StatusOK}},
			{page: page{"meeting", "/meetings/" + next, http.StatusOK},
				has: []string{`main form[action^="/agenda-items/"][action$="/accept"]`}},
			{page: page{"meeting-past", "/meetings/" + past, http.StatusOK}},
			{page: page{"minutes", "/meetings/" + past + "/minutes", http.StatusOK},
				has: []string{"main .minutes-body h2"}},
			{page: page{"minutes-draft", "/meetings/" + draft + "/minutes", http.StatusOK},
				has: []string{`main a[href="/meetings/` + draft + `/minutes/approve"]`}},
			{page: page{"minutes-approve", "/meetings/" + draft + "/minutes/approve", http.StatusOK},
				has: []string{`main form[action="/meetings/` + draft + `/minutes/approve"]`}},
			{page: page{"plan", "/plans/" + id(ids.plan), http.StatusOK}},
			{page: page{"goals", "/projects/" + p + "/goals", http.StatusOK}},
			{page: page{"network-attendance", "/networks/" + n + "/attendance", http.StatusOK},
				has: []string{"main table tbody tr"}},
		},
		forms: []formCase{
			{"organisation-new", "/organisations/new", `main form.stacked`,
				[]field{{"#name", ""}, {"#website", "not a web address"}}, []string{"name", "sector", "website"}},
			{"organisation-edit-duplicate", "/organisations/" + o + "/edit", `main form.stacked`,
				[]field{{"#name", "Oulun kaupunki"}}, []string{"name"}},
			{"person-new", "/people/new", `main form.stacked`,
				[]field{{"#name", ""}, {"#email", "not an address"}}, []string{"name", "email"}},
			{"person-edit", "/people/" + id(ids.member) + "/edit", `main form.stacked`,
				[]field{{"#name", ""}, {"#phone", "call me"}}, []string{"name", "phone"}},
			{"project-edit", "/projects/" + p + "/edit", `main form.stacked`,
				[]field{{"#name", ""}, {"#starts_on", "2026-05-01"}, {"#ends_on", "2020-01-01"}}, []string{"name", "ends_on"}},
			{"project-staff", "/projects/" + p, `main form[action="/projects/` + p + `/staff"]`,
				[]field{{"#person_id", ""}}, []string{"person_id"}},
			{"network-new", "/projects/" + p + "/networks/new", `main form.stacked`,
				[]field{{"#name", ""}}, []string{"name"}},
			{"network-edit", "/networks/" + n + "/edit", `main form.stacked`,
				[]field{{"#name", ""}}, []string{"name"}},
			{"membership-new", "/networks/" + n + "/memberships/new", `main form.stacked`,
				[]field{{"#person_id", ""}, {"#term_start", "2026-05-01"}, {"#term_end", "2020-01-01"}}, []string{"person_id", "term_end"}},
			{"membership-edit", "/memberships/" + id(ids.membership) + "/edit", `main form.stacked`,
				[]field{{"#term_start", "2026-05-01"}, {"#term_end", "2020-01-01"}}, []string{"term_end"}},
		},
	}
	// The coordinator's forms get a browser of their own, so the longest
	// list of pages is split in two.
	// The pages behind the network's meetings, minutes and plan, where the
	// coordinator edits, cancels and confirms, get a browser of their own.
	obj, act := id(ids.objective), id(ids.action)
	work := role{
		name:  "coordinator-work",
		email: demo.CoordinatorEmail,
		pages: []visit{
			{page: page{"attention", "/networks/" + n + "/attention", http.StatusOK}},
			{page: page{"calendar", "/calendar", http.StatusOK}},
			{page: page{"meeting-new", "/networks/" + n + "/meetings/new", http.StatusOK}},
			{page: page{"meeting-edit", "/meetings/" + next + "/edit", http.StatusOK}},
			{page: page{"meeting-cancel", "/meetings/" + next + "/cancel", http.StatusOK},
				has: []string{`main form[action="/meetings/` + next + `/cancel"]`}},
			{page: page{"meeting-summary", "/meetings/" + past + "/summary", http.StatusOK}},
			{page: page{"agenda-item-edit", "/agenda-items/" + id(ids.agendaItem) + "/edit", http.StatusOK}},
			{page: page{"agenda-item-delete", "/agenda-items/" + id(ids.agendaItem) + "/delete", http.StatusOK},
				has: []string{`main form[action="/agenda-items/` + id(ids.agendaItem) + `/delete"]`}},
			{page: page{"action-item-edit", "/action-items/" + id(ids.actionItem) + "/edit", http.StatusOK}},
			{page: page{"plans", "/networks/" + n + "/plans", http.StatusOK}},
			{page: page{"plan-new", "/networks/" + n + "/plans/new", http.StatusOK}},
			{page: page{"plan-edit", "/plans/" + id(ids.plan) + "/edit", http.StatusOK}},
			{page: page{"objective-new", "/plans/" + id(ids.plan) + "/objectives/new", http.StatusOK}},
			{page: page{"objective-edit", "/objectives/" + obj + "/edit", http.StatusOK}},
			{page: page{"action-new", "/objectives/" + obj + "/actions/new", http.StatusOK}},
			{page: page{"action-edit", "/actions/" + act + "/edit", http.StatusOK}},
			{page: page{"action-progress", "/actions/" + act + "/progress", http.StatusOK}},
			{page: page{"indicator-new", "/actions/" + act + "/indicators/new", http.StatusOK}},
		},
	}
	if ids.indicator != 0 {
		work.pages = append(work.pages, visit{page: page{"indicator", "/indicators/" + id(ids.indicator), http.StatusOK}})
	}
	coordinatorForms := role{name: "coordinator-forms", email: demo.CoordinatorEmail, forms: coordinator.forms}
	coordinator.forms = nil
	admin := role{
		name:  "admin",
		email: demo.AdminEmail,
		pages: []visit{
			{page: page{"project-new", "/projects/new", http.StatusOK}},
			{page: page{"organisation-merge", "/organisations/" + o + "/merge", http.StatusOK}},
			{page: page{"admin", "/admin", http.StatusOK}},
			{page: page{"outbox", "/admin/outbox", http.StatusOK}},
			{page: page{"outbox-message", "/admin/outbox/" + id(ids.delivery), http.StatusOK}},
			{page: page{"accounts", "/admin/accounts", http.StatusOK}},
		},
		forms: []formCase{
			{"project-new", "/projects/new", `main form.stacked`,
				[]field{{"#name", ""}}, []string{"name"}},
			{"organisation-merge", "/organisations/" + o + "/merge", `main form[action$="/merge"]`,
				[]field{{"#target_id", ""}}, []string{"target_id"}},
		},
	}
	return []role{public, member, coordinator, coordinatorForms, work, admin}
}

// checkShown runs the checks on the page the browser shows: the status,
// <html lang>, one h1, no console errors, axe, and no sideways scrolling
// at 360 px.
func checkShown(t *testing.T, b *browsertest.Browser, what string, got, want int, lang string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: status %d, want %d", what, got, want)
	}
	if l := b.Lang(); l != lang {
		t.Errorf("%s: <html lang=%q>, want %q", what, l, lang)
	}
	if n := b.Count("h1"); n != 1 {
		t.Errorf("%s: %d h1 elements, want 1", what, n)
	}
	b.NoConsoleErrors(t)
	b.Axe(t)
	b.Viewport(360, 800)
	b.NoHorizontalScroll(t)
	b.Desktop()
}

// submitInvalid fills fc's form with invalid values, submits it and checks
// the error page.
func submitInvalid(t *testing.T, b *browsertest.Browser, fc formCase, lang string) {
	t.Helper()
	b.Navigate(fc.path)
	// Skip the browser's own checks of required fields: the server's
	// answer is under test.
	browsertest.Eval[bool](b, fmt.Sprintf(`document.querySelector(%q).noValidate = true`, fc.form))
	for _, f := range fc.set {
		b.Set(fc.form+" "+f.sel, f.value)
	}
	status := b.Click(fc.form + ` button[type=submit]`)
	what := "invalid " + fc.name + " form (from " + fc.path + ")"
	checkShown(t, b, what, status, http.StatusUnprocessableEntity, lang)
	if !b.Has("main .error-summary") {
		t.Errorf("%s: no error summary", what)
	}
	for _, name := range fc.errs {
		if !b.Has(fmt.Sprintf(`main #%s[aria-invalid=true]`, name)) {
			t.Errorf("%s: field %s is not marked aria-invalid", what, name)
		}
		if !b.Has("main #"+name+"-error") || b.Text("main #"+name+"-error") == "" {
			t.Errorf("%s: no error text for field %s", what, name)
		}
	}
}

// TestAllPagesAccessible visits every user-facing page of the app with the
// demo data, as the visitor who sees the most of it, in Finnish, Swedish
// and English, and checks each with axe (WCAG 2.1 A/AA), for one h1 and
// <html lang>, for console errors and for sideways scrolling at 360 px. It
// also submits every form with invalid values and checks the 422 page
// with its error summary and field errors the same way. Each visitor has
// a browser of their own; the visitors run in parallel.
func TestAllPagesAccessible(t *testing.T) {
	browsertest.Require(t)
	env := servertest.New(t, dbtest.SQLite(t))
	ids := loadDemo(t, env)

	for _, r := range roles(ids) {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			b := browsertest.New(t, env)
			if r.email != "" {
				b.Login(r.email, demo.Password)
			}
			for _, lang := range langs {
				t.Run(lang, func(t *testing.T) {
					b := b.With(t)
					b.Navigate("/")
					b.SwitchLang(lang)
					for _, p := range r.pages {
						t.Run(p.name, func(t *testing.T) {
							b := b.With(t)
							checkShown(t, b, "GET "+p.path, b.Navigate(p.path), p.status, lang)
							for _, sel := range p.has {
								if !b.Has(sel) {
									t.Errorf("GET %s as %s: nothing matches %s", p.path, r.name, sel)
								}
							}
							for _, sel := range p.hasNot {
								if b.Has(sel) {
									t.Errorf("GET %s as %s: %s is shown", p.path, r.name, sel)
								}
							}
						})
					}
					for _, fc := range r.forms {
						t.Run("invalid-"+fc.name, func(t *testing.T) { submitInvalid(t, b.With(t), fc, lang) })
					}
				})
			}
		})
	}
}
