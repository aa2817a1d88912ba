package browsertest_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestCalendarPage: a member finds the calendar page from the home page,
// makes a feed address, sees it once and revokes it; the page is
// axe-clean in fi, sv and en, with and without a feed.
func TestCalendarPage(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	ctx := context.Background()
	mem := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	now := db.Now(env.Clock.Now())
	var project, network int64
	if err := env.DB.QueryRowContext(ctx, `INSERT INTO projects (name, funder, description, created_at, updated_at)
		VALUES ('Välityömarkkinat', 'ESR', '', $1, $1) RETURNING id`, now).Scan(&project); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.QueryRowContext(ctx, `INSERT INTO networks (project_id, name, purpose, created_at, updated_at)
		VALUES ($1, 'Työpajaverkosto', '', $2, $2) RETURNING id`, project, now).Scan(&network); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.ExecContext(ctx, `INSERT INTO memberships (network_id, person_id, role, created_at, updated_at)
		VALUES ($1, $2, 'member', $3, $3)`, network, mem.PersonID, now); err != nil {
		t.Fatal(err)
	}
	nid := strconv.FormatInt(network, 10)

	b.Login("matti@example.fi", servertest.Password)
	b.Navigate("/")
	if got := b.Click(`main a[href="/calendar"]`); got != http.StatusOK || b.Path() != "/calendar" {
		t.Fatalf("home → calendar: %d %s", got, b.Path())
	}
	if !b.Has(`main a[href$="/networks/` + nid + `/calendar.ics"]`) {
		t.Errorf("no network feed link on the calendar page")
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		b.SwitchLang(lang)
		b.Navigate("/calendar")
		b.Axe(t)
	}
	b.SwitchLang("fi")
	b.Navigate("/calendar")
	if got := b.Click(`main form[action="/calendar/token"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("create feed: status %d", got)
	}
	url := b.Value("main #feed-url")
	if !strings.HasPrefix(url, "http://127.0.0.1/calendar/") || !strings.HasSuffix(url, ".ics") {
		t.Errorf("feed URL %q", url)
	}
	b.NoConsoleErrors(t)
	b.Axe(t)
	b.Viewport(360, 740)
	b.NoHorizontalScroll(t)
	b.Desktop()
	for _, lang := range []string{"fi", "sv", "en"} {
		b.SwitchLang(lang)
		b.Navigate("/calendar")
		if b.Has("main #feed-url") {
			t.Errorf("%s: the secret address is shown again", lang)
		}
		b.Axe(t)
	}
	if got := b.Click(`main form[action="/calendar/token/delete"] button[type=submit]`); got != http.StatusOK || !b.Has("main .flash, .flash") {
		t.Errorf("revoke: status %d, flash %v", got, b.Has(".flash"))
	}
	b.Axe(t)

	// The network page links to its feed.
	b.Navigate("/networks/" + nid)
	if !b.Has(`main a[href="/networks/` + nid + `/calendar.ics"]`) {
		t.Errorf("no feed link on the network page")
	}
}
