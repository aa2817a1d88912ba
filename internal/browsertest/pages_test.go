package browsertest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

const (
	testEmail = "aino.testaaja@example.fi"
	testName  = "Aino Testaaja"
)

// langs is the order the tests switch languages in: Finnish first.
var langs = []string{"fi", "sv", "en"}

type page struct {
	name   string
	path   string
	status int
}

// commonPages are the pages every visitor reaches.
var commonPages = []page{
	{"home", "/", http.StatusOK},
	{"accessibility", "/accessibility", http.StatusOK},
	{"login", "/login", http.StatusOK},
	{"not-found", "/no-such-page", http.StatusNotFound},
}

// checkPage visits p and checks the status, the language, the single h1,
// the console and axe.
func checkPage(t *testing.T, b *browsertest.Browser, p page, lang string) {
	t.Helper()
	b = b.With(t)
	if got := b.Navigate(p.path); got != p.status {
		t.Errorf("GET %s: status %d, want %d", p.path, got, p.status)
	}
	if got := b.Lang(); got != lang {
		t.Errorf("GET %s: <html lang=%q>, want %q", p.path, got, lang)
	}
	if n := b.Count("h1"); n != 1 {
		t.Errorf("GET %s: %d h1 elements, want 1", p.path, n)
	}
	b.NoConsoleErrors(t)
	b.Axe(t)
}

// TestPagesAccessible signs in through the form and checks the common
// pages with axe in every language, switching language with the page's
// own language links, both signed out and signed in.
func TestPagesAccessible(t *testing.T) {
	b := browsertest.Start(t)
	b.Env.CreateUser(t, testName, testEmail, false)

	// A browser asking for Finnish gets Finnish.
	b.Navigate("/")
	if got := b.Lang(); got != "fi" {
		t.Errorf("first visit with Accept-Language fi: lang %q, want fi", got)
	}

	visit := func(t *testing.T) {
		for _, lang := range langs {
			t.Run(lang, func(t *testing.T) {
				b := b.With(t)
				b.Navigate("/")
				b.SwitchLang(lang)
				for _, p := range commonPages {
					t.Run(p.name, func(t *testing.T) { checkPage(t, b, p, lang) })
				}
			})
		}
	}
	t.Run("public", visit)

	b.Login(testEmail, servertest.Password)
	if got := b.Text("header .account"); !strings.Contains(got, testName) {
		t.Fatalf("after sign-in the header shows %q, want the user's name", got)
	}
	t.Run("signed-in", visit)
}

// TestLoginErrorAccessible checks the sign-in form after a failed attempt
// (the error summary) in every language.
func TestLoginErrorAccessible(t *testing.T) {
	b := browsertest.Start(t)
	b.Env.CreateUser(t, testName, testEmail, false)
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			b := b.With(t)
			b.Navigate("/login")
			b.SwitchLang(lang)
			b.Fill("main #email", testEmail)
			b.Fill("main #password", "not the password")
			if got := b.Click(`main form[action="/login"] button[type=submit]`); got != http.StatusUnprocessableEntity {
				t.Errorf("wrong password: status %d, want 422", got)
			}
			if !b.Has(".error-summary") {
				t.Errorf("wrong password: no error summary")
			}
			if got := b.Value("main #email"); got != testEmail {
				t.Errorf("wrong password: e-mail field holds %q, want it kept", got)
			}
			b.Axe(t)
		})
	}
}

// TestNarrowScreen checks that the common pages fit a 360 px wide phone
// screen without sideways scrolling, in every language, signed out and
// signed in, and saves screenshots of the home page.
func TestNarrowScreen(t *testing.T) {
	b := browsertest.Start(t)
	b.Env.CreateUser(t, testName, testEmail, false)
	b.Login(testEmail, servertest.Password)

	for _, signedIn := range []bool{true, false} {
		name := "public"
		if signedIn {
			name = "signed-in"
		}
		t.Run(name, func(t *testing.T) {
			if !signedIn {
				b.With(t).Logout()
			}
			for _, lang := range langs {
				t.Run(lang, func(t *testing.T) {
					b := b.With(t)
					b.Desktop()
					b.Navigate("/")
					b.SwitchLang(lang)
					b.Viewport(360, 800)
					for _, p := range commonPages {
						t.Run(p.name, func(t *testing.T) {
							b := b.With(t)
							b.Navigate(p.path)
							b.NoHorizontalScroll(t)
							b.Axe(t)
						})
					}
					b.Navigate("/")
					t.Logf("screenshot: %s", b.Screenshot("home-360-"+name+"-"+lang))
					b.Desktop()
					b.Navigate("/")
					t.Logf("screenshot: %s", b.Screenshot("home-desktop-"+name+"-"+lang))
				})
			}
		})
	}
}

// TestSkipLink checks that the first Tab shows the skip link and that
// following it moves focus to the main content, in every language.
func TestSkipLink(t *testing.T) {
	b := browsertest.Start(t)
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			b := b.With(t)
			b.Navigate("/accessibility")
			b.SwitchLang(lang)
			b.Keys("\t")
			if got := b.Focused(); !strings.HasPrefix(got, "a.skip-link") {
				t.Fatalf("first Tab focuses %s, want the skip link", got)
			}
			type box struct{ Left, Top, Width float64 }
			r := browsertest.Eval[box](b, `(() => { const r = document.activeElement.getBoundingClientRect(); return {Left: r.left, Top: r.top, Width: r.width}; })()`)
			if r.Left < 0 || r.Top < 0 || r.Width < 1 {
				t.Errorf("focused skip link is off screen: %+v", r)
			}
			b.Keys("\r")
			if got := b.Focused(); !strings.HasPrefix(got, "main#main") {
				t.Errorf("after following the skip link focus is on %s, want main#main", got)
			}
		})
	}
}
