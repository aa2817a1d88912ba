package auth_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestExpiredSessionSignsNobodyIn checks that the session store's expiry
// filter is what ends a session: scs does not look at the deadline it keeps
// in the session data, so a stored session past its expiry must read as
// no session at all.
func TestExpiredSessionSignsNobodyIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := servertest.New(t, d)
		start := env.Clock.Now()
		acct := env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		c := env.Login(t, "aino@example.fi")
		person := "/people/" + strconv.FormatInt(acct.PersonID, 10)

		// scs sets the expiry from the real time; read it back so the
		// test clock can be put on either side of it.
		var expiry time.Time
		if err := d.QueryRowContext(ctx, `SELECT expiry FROM sessions`).Scan(&expiry); err != nil {
			t.Fatalf("the sign-in's session: %v", err)
		}
		signedIn := func(when string) {
			t.Helper()
			if r := c.Get("/"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Aino Aaltonen") {
				t.Fatalf("%s: home page is not the signed-in one: %d\n%s", when, r.Status, r.Text())
			}
			if r := c.Get(person); r.Status != http.StatusOK {
				t.Fatalf("%s: own person page: %d %s", when, r.Status, r.Location)
			}
		}
		anonymous := func(when string) {
			t.Helper()
			r := c.Get("/")
			if r.Status != http.StatusOK || strings.Contains(r.Body, "Aino Aaltonen") || !strings.Contains(r.Body, `href="/login"`) {
				t.Fatalf("%s: home page is not the public one: %d\n%s", when, r.Status, r.Text())
			}
			r = c.Get(person)
			if want := "/login?next=" + url.QueryEscape(person); r.Status != http.StatusSeeOther || r.Location != want {
				t.Fatalf("%s: members-only page: %d %q, want 303 to %s", when, r.Status, r.Location, want)
			}
		}

		env.Clock.Set(expiry.Add(-time.Second))
		signedIn("a second before the expiry")

		// The lifetime is over at the expiry itself.
		env.Clock.Set(expiry)
		anonymous("at the expiry")

		// A session whose stored expiry is past, with the clock back at
		// the start, is over too: the stored expiry decides, not the
		// cookie.
		env.Clock.Set(start)
		c = env.Login(t, "aino@example.fi")
		signedIn("after signing in again")
		res, err := d.ExecContext(ctx, `UPDATE sessions SET expiry = $1`, db.Now(env.Clock.Now().Add(-time.Minute)))
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			t.Fatal("no session to expire")
		}
		anonymous("with the stored expiry a minute ago")
	})
}
