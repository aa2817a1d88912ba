package auth_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

const tooManyFi = "Liian monta yritystä"

func login(c *servertest.Client, email, password string) *servertest.Response {
	return c.PostForm("/login", url.Values{"email": {email}, "password": {password}})
}

func TestLoginThrottlePerAccount(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		c := env.Client(t)
		for i := 0; i < auth.MaxAccountFailures; i++ {
			if r := login(c, "aino@example.fi", "wrong password"); r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d: status %d", i+1, r.Status)
			}
		}
		// Locked: even the right password waits, and the e-mail's case
		// does not matter.
		r := login(c, "AINO@example.fi", servertest.Password)
		if r.Status != http.StatusTooManyRequests {
			t.Fatalf("after %d failures: status %d", auth.MaxAccountFailures, r.Status)
		}
		if !strings.Contains(r.Text(), tooManyFi) || r.Header.Get("Retry-After") == "" {
			t.Errorf("429 page: %s / Retry-After %q", r.Text(), r.Header.Get("Retry-After"))
		}
		// Another account from the same address is not locked.
		env.CreateUser(t, "Bertta Berg", "bertta@example.fi", false)
		if r := login(env.Client(t), "bertta@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("other account: status %d", r.Status)
		}
		// The window passes.
		env.Clock.Advance(auth.ThrottleWindow + time.Second)
		if r := login(c, "aino@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("after the window: status %d\n%s", r.Status, r.Text())
		}
		// Success cleared the account's failures: four more are allowed
		// right away without a lock.
		c2 := env.Client(t)
		for i := 0; i < auth.MaxAccountFailures-1; i++ {
			login(c2, "aino@example.fi", "wrong again")
		}
		if r := login(c2, "aino@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("failures were not cleared: status %d", r.Status)
		}
	})
}

func TestLoginThrottlePerIP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		c := env.Client(t)
		for i := 0; i < auth.MaxIPFailures; i++ {
			// Different (unknown) accounts, so only the address limit applies.
			email := "nobody" + string(rune('a'+i)) + "@example.fi"
			if r := login(c, email, "guess"); r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d: status %d", i+1, r.Status)
			}
		}
		if r := login(c, "aino@example.fi", servertest.Password); r.Status != http.StatusTooManyRequests {
			t.Fatalf("after %d failures from one address: status %d", auth.MaxIPFailures, r.Status)
		}
		env.Clock.Advance(auth.ThrottleWindow + time.Second)
		if r := login(c, "aino@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("after the window: status %d", r.Status)
		}
	})
}

func TestThrottleStoreAndCleanup(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := auth.NewStore(d)
		now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
		for i := 0; i < 4; i++ {
			if err := s.RecordLoginFailure(ctx, " Aino@Example.fi ", "192.0.2.1", now.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		at := now.Add(4 * time.Minute)
		if th, err := s.LoginThrottled(ctx, "aino@example.fi", "192.0.2.1", at); err != nil || th {
			t.Fatalf("4 failures: throttled=%v err=%v", th, err)
		}
		if err := s.RecordLoginFailure(ctx, "aino@example.fi", "192.0.2.1", at); err != nil {
			t.Fatal(err)
		}
		if th, _ := s.LoginThrottled(ctx, "aino@example.fi", "192.0.2.2", at); !th {
			t.Fatal("5 failures: not throttled")
		}
		// The first failure leaves the window 15 minutes after it.
		if th, _ := s.LoginThrottled(ctx, "aino@example.fi", "192.0.2.2", now.Add(auth.ThrottleWindow+time.Second)); th {
			t.Fatal("throttled after the oldest failure left the window")
		}
		if n, _ := s.CountAttempts(ctx, "ip:192.0.2.1", at); n != 5 {
			t.Fatalf("ip attempts = %d", n)
		}
		if err := s.ClearLoginFailures(ctx, "AINO@example.fi"); err != nil {
			t.Fatal(err)
		}
		if th, _ := s.LoginThrottled(ctx, "aino@example.fi", "192.0.2.2", at); th {
			t.Fatal("throttled after clearing")
		}
		if n, _ := s.CountAttempts(ctx, "ip:192.0.2.1", at); n != 5 {
			t.Fatalf("clearing the account cleared the address: %d", n)
		}

		// The hourly clean-up removes day-old attempts and expired sessions.
		if _, err := d.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ('old', $1, $2), ('live', $1, $3)`,
			[]byte("x"), db.Now(now.Add(-time.Hour)), db.Now(now.Add(48*time.Hour))); err != nil {
			t.Fatal(err)
		}
		clock := app.NewFixedClock(now.Add(25 * time.Hour))
		if err := auth.NewCleanupWorker(d, clock).Work(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountAttempts(ctx, "ip:192.0.2.1", now.Add(4*time.Minute)); n != 0 {
			t.Errorf("%d old attempts left", n)
		}
		var tokens []string
		rows, err := d.QueryContext(ctx, `SELECT token FROM sessions ORDER BY token`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var tok string
			_ = rows.Scan(&tok)
			tokens = append(tokens, tok)
		}
		rows.Close()
		if strings.Join(tokens, ",") != "live" {
			t.Errorf("sessions left: %v, want only the live one", tokens)
		}
	})
}
