package browsertest_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/demo"
)

// TestDemoCalendarAndCoverage: in the demo, the convener makes a calendar
// address and gets a webcal link that opens it (not #ZgotmplZ), a reload
// neither shows nor replaces it, making another asks first; the current
// project's network shows the one sector vocabulary with "Muut" never
// missing.
func TestDemoCalendarAndCoverage(t *testing.T) {
	b := browsertest.Start(t)
	ids := loadDemo(t, b.Env)
	b.Login(demo.ConvenerEmail, demo.Password)

	b.Navigate("/calendar")
	if got := b.Click(`main form[action="/calendar/token"] button[type=submit]`); got != http.StatusOK || b.Path() != "/calendar" {
		t.Fatalf("create feed: %d %s", got, b.Path())
	}
	feed := b.Value("main #feed-url")
	href := browsertest.Eval[string](b, `(document.querySelector('main a[href^="webcal:"]') || {}).href || ""`)
	if want := "webcal://" + strings.TrimPrefix(feed, "http://"); !strings.HasPrefix(href, "webcal://") || href != want {
		t.Errorf("webcal link %q, want %q", href, want)
	}
	b.Screenshot("demo8-calendar-new")
	// A reload (GET after the redirect) neither shows it nor makes another.
	b.Navigate("/calendar")
	if b.Has("main #feed-url") {
		t.Error("a reload shows the address again")
	}
	if r := b.Env.Client(t).Get(strings.TrimPrefix(feed, "http://127.0.0.1")); r.Status != http.StatusOK {
		t.Errorf("the address stopped working after a reload: %d", r.Status)
	}
	// Replacing asks first: the button sits in a confirmation.
	if !b.Has(`main details.confirm form[action="/calendar/token"] input[name="replace"][value="1"]`) {
		t.Error("no confirmation before replacing the address")
	}
	b.Axe(t)

	b.Navigate("/networks/" + strconv.FormatInt(ids.network, 10))
	text := b.Text("main")
	if strings.Contains(text, "Puuttuu Muut") || !strings.Contains(text, "Työllisyyspalvelut (kunta tai työllisyysalue)") {
		t.Errorf("coverage: %s", text)
	}
	b.Screenshot("demo8-network")
	b.Viewport(360, 800)
	b.NoHorizontalScroll(t)
	b.Screenshot("demo8-network-360")
	b.Desktop()
}
