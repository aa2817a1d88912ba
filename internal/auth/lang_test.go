package auth_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func storedLang(t *testing.T, d *db.DB, personID int64) string {
	t.Helper()
	var lang string
	if err := d.QueryRowContext(context.Background(), `SELECT lang FROM people WHERE id = $1`, personID).Scan(&lang); err != nil {
		t.Fatal(err)
	}
	return lang
}

// TestLanguageSwitchStoresOnlyOnPost: GET /lang/{lang} (a link anyone or
// anything may follow) sets only the cookie; the signed-in user's
// preference changes through POST /lang, the form the layout shows them.
func TestLanguageSwitchStoresOnlyOnPost(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		acct := env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		c := env.Login(t, "aino@example.fi")

		r := c.Get("/lang/sv?next=/accessibility")
		if r.Status != http.StatusSeeOther || r.Location != "/accessibility" {
			t.Fatalf("GET switch: %d %q", r.Status, r.Location)
		}
		if got := storedLang(t, d, acct.PersonID); got != "fi" {
			t.Errorf("GET /lang/sv stored %q as the preference", got)
		}
		// The cookie still switches this browser.
		r = c.Get("/accessibility")
		if !strings.Contains(r.Body, `<html lang="sv">`) {
			t.Errorf("GET switch did not switch the page")
		}
		// Signed in, the layout's switch is a form posting to /lang.
		for _, want := range []string{`<form method="post" action="/lang">`, `<input type="hidden" name="next" value="/accessibility">`,
			`name="lang" value="en" lang="en"`, `value="sv" lang="sv" aria-current="true"`} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("signed-in switch lacks %q", want)
			}
		}

		r = c.PostForm("/lang", url.Values{"lang": {"en"}, "next": {"/accessibility"}})
		if r.Status != http.StatusSeeOther || r.Location != "/accessibility" {
			t.Fatalf("POST switch: %d %q", r.Status, r.Location)
		}
		if got := storedLang(t, d, acct.PersonID); got != "en" {
			t.Errorf("POST /lang stored %q, want en", got)
		}
		if r := c.Get("/"); !strings.Contains(r.Body, `<html lang="en">`) {
			t.Errorf("POST switch did not switch the page")
		}
		// A language that does not exist is refused and stores nothing.
		if r := c.PostForm("/lang", url.Values{"lang": {"xx"}, "next": {"/"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("POST lang=xx: %d", r.Status)
		}
		if got := storedLang(t, d, acct.PersonID); got != "en" {
			t.Errorf("refused switch stored %q", got)
		}
		// The posted next is checked like any other.
		if r := c.PostForm("/lang", url.Values{"lang": {"fi"}, "next": {"/\t/evil.example"}}); r.Location != "/" {
			t.Errorf("POST next: Location %q", r.Location)
		}

		// The public get links (no JavaScript, no form) and a POST sets only
		// the cookie.
		pub := env.Client(t)
		r = pub.Get("/accessibility")
		if !strings.Contains(r.Body, `href="/lang/en?next=%2Faccessibility"`) || strings.Contains(r.Body, `action="/lang"`) {
			t.Errorf("public switch is not links")
		}
		if r := pub.PostForm("/lang", url.Values{"lang": {"sv"}, "next": {"/"}}); r.Status != http.StatusSeeOther {
			t.Errorf("public POST: %d", r.Status)
		}
		if r := pub.Get("/"); !strings.Contains(r.Body, `<html lang="sv">`) {
			t.Errorf("public POST did not switch the page")
		}
	})
}
