package browsertest_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestCalendarPage: a member finds the calendar page from the home page,
// makes a feed address, sees it once and revokes it; the page is
// axe-clean in fi, sv and en, with and without a feed.
func TestCalendarPage(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	mem := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	f := fixture.New(t, env.DB, env.Clock)
	network := f.Network(f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"}), "Työpajaverkosto")
	f.Member(network, mem.PersonID, "member")
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
