package browsertest_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestMinutesFlow: the secretary writes the minutes of a meeting with an
// action item, the convener approves them; the owner sees the item in My
// tasks and marks it done; the minutes and take-home summary pages are
// axe-clean in fi, sv and en.
func TestMinutesFlow(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	ctx := context.Background()
	conv := env.CreateUser(t, "Kaisa Koollekutsuja", "kaisa@example.fi", false)
	sec := env.CreateUser(t, "Sami Sihteeri", "sami@example.fi", false)
	mem := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	now := db.Now(env.Clock.Now())
	id := func(q string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := env.DB.QueryRowContext(ctx, q+" RETURNING id", args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	org := id(`INSERT INTO organisations (name, name_key, sector, created_at, updated_at) VALUES ('Pajakeskus Oy', 'pajakeskus oy', 'business', $1, $1)`, now)
	project := id(`INSERT INTO projects (name, funder, description, created_at, updated_at) VALUES ('Välityömarkkinat', 'ESR', '', $1, $1)`, now)
	network := id(`INSERT INTO networks (project_id, name, purpose, created_at, updated_at) VALUES ($1, 'Työpajaverkosto', '', $2, $2)`, project, now)
	for _, m := range []struct {
		p    int64
		role string
	}{{conv.PersonID, "convener"}, {sec.PersonID, "secretary"}, {mem.PersonID, "member"}} {
		id(`INSERT INTO memberships (network_id, person_id, role, organisation_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
			network, m.p, m.role, org, now)
	}
	meetingID := id(`INSERT INTO meetings (network_id, title, starts_at, ends_at, mode, created_at, updated_at)
		VALUES ($1, 'Marraskuun kokous', $2, $3, 'in_person', $4, $4)`, network, db.Now(env.Clock.Now().Add(-3*time.Hour)), db.Now(env.Clock.Now().Add(-time.Hour)), now)
	id(`INSERT INTO meetings (network_id, title, starts_at, ends_at, mode, created_at, updated_at)
		VALUES ($1, 'Joulukuun kokous', $2, $3, 'in_person', $4, $4)`, network, db.Now(env.Clock.Now().Add(400*time.Hour)), db.Now(env.Clock.Now().Add(402*time.Hour)), now)
	base := "/meetings/" + strconv.FormatInt(meetingID, 10)

	// The secretary writes the minutes from the meeting page.
	b.Login("sami@example.fi", servertest.Password)
	b.Navigate(base)
	b.Click(`main a#minutes-link`)
	if b.Path() != base+"/minutes" {
		t.Fatalf("minutes link led to %s", b.Path())
	}
	b.Axe(t)
	b.Fill("main #body", "Käsiteltiin **työkokeilupaikat**.")
	b.Fill("main #decisions", "Perustetaan työryhmä")
	if got := b.Click(`main form[action="` + base + `/minutes"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("save minutes: status %d", got)
	}
	if !strings.Contains(b.Text("main .minutes-body"), "työkokeilupaikat") || !b.Has("main .flash") {
		t.Errorf("minutes not shown after saving: %q", b.Text("main"))
	}
	// An invalid action item form is axe-clean; then a valid one.
	b.Click(`main form[action="` + base + `/action-items"] button[type=submit]`)
	if !b.Has(".error-summary") {
		t.Errorf("no error summary for an empty action item")
	}
	b.Axe(t)
	b.Fill("main #title", "Kartoita työkokeilupaikat")
	b.Select("main #owner_id", strconv.FormatInt(mem.PersonID, 10))
	b.Fill("main #due_on", "2026-12-15")
	if got := b.Click(`main form[action="` + base + `/action-items"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("add action item: status %d", got)
	}
	if !strings.Contains(b.Text("main table"), "Kartoita työkokeilupaikat") {
		t.Errorf("action item not listed: %q", b.Text("main"))
	}
	b.Axe(t)
	b.Logout()

	// The convener approves.
	b.Login("kaisa@example.fi", servertest.Password)
	b.Navigate(base + "/minutes")
	if got := b.Click(`main form[action="` + base + `/minutes/approve"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("approve: status %d", got)
	}
	if !b.Has("main .tag.ok") {
		t.Errorf("minutes not shown approved: %q", b.Text("main"))
	}
	b.Axe(t)
	b.Logout()

	// The member sees the minutes and the take-home summary, marks the
	// item done; every page is axe-clean in each language.
	b.Login("matti@example.fi", servertest.Password)
	// The action item is in the member's My tasks on the home page, with a
	// link back to the minutes.
	b.Navigate("/")
	if got := b.Text("main ul.tasks"); !strings.Contains(got, "Kartoita työkokeilupaikat") || !strings.Contains(got, "Työpajaverkosto") {
		t.Errorf("My tasks: %q", b.Text("main"))
	}
	b.Axe(t)
	b.Click(`main ul.tasks a`)
	if !strings.HasPrefix(b.Path(), base+"/minutes") {
		t.Errorf("task link led to %s", b.Path())
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		b.SwitchLang(lang)
		b.Navigate(base + "/minutes")
		b.Axe(t)
		b.Navigate(base + "/summary")
		b.Axe(t)
		b.Click(`main a[href="` + base + `/summary?organisation=` + strconv.FormatInt(org, 10) + `"]`)
		if !strings.Contains(b.Text("main"), "Perustetaan työryhmä") || !strings.Contains(b.Text("main"), "Joulukuun kokous") {
			t.Errorf("summary (%s): %q", lang, b.Text("main"))
		}
		b.Axe(t)
	}
	b.Navigate(base + "/minutes")
	if got := b.Click(`main form[action$="/status"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("mark done: status %d", got)
	}
	// Done, it leaves My tasks.
	b.Navigate("/")
	if b.Has("main ul.tasks") {
		t.Errorf("done item still in My tasks: %q", b.Text("main ul.tasks"))
	}
	b.Axe(t)
	b.Navigate(base + "/minutes")
	b.NoConsoleErrors(t)
	b.Axe(t)
}
