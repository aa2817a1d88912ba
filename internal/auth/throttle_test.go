package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/config"
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

// delays records the throttle's waits instead of sleeping.
type delays struct {
	mu    sync.Mutex
	slept []time.Duration
}

func recordDelays(env *servertest.Env) *delays {
	d := &delays{}
	env.Server.Throttle.Sleep = func(_ context.Context, t time.Duration) error {
		d.mu.Lock()
		defer d.mu.Unlock()
		d.slept = append(d.slept, t)
		return nil
	}
	return d
}

// take returns the waits since the last take.
func (d *delays) take() []time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := d.slept
	d.slept = nil
	return out
}

// TestLoginSlowdownPerIP: failed sign-ins for made-up addresses from one
// address slow its sign-ins down but lock nobody out: a real user behind
// the same address gets in (after the delay), and a known address is
// treated exactly like an unknown one.
func TestLoginSlowdownPerIP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		slept := recordDelays(env)
		env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		env.CreateUser(t, "Bertta Berg", "bertta@example.fi", false)
		c := env.Client(t)
		for i := 0; i < 25; i++ {
			email := fmt.Sprintf("nobody%d@example.fi", i)
			if r := login(c, email, "guess"); r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d: status %d", i+1, r.Status)
			}
		}
		want := []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}
		if got := slept.take(); !slices.Equal(got, want) {
			t.Errorf("delays of failures 21..25: %v, want %v", got, want)
		}
		// A real user from the same address signs in, after the longest
		// delay.
		if r := login(env.Client(t), "aino@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("real user after 25 failures from the address: status %d\n%s", r.Status, r.Text())
		}
		if got := slept.take(); !slices.Equal(got, []time.Duration{auth.MaxIPDelay}) {
			t.Errorf("real user's delay: %v, want [%v]", got, auth.MaxIPDelay)
		}
		// A wrong password for a known address and one for an unknown
		// address get the same answer and the same delay.
		known, unknown := login(c, "bertta@example.fi", "guess"), login(c, "nobody-else@example.fi", "guess")
		if known.Status != unknown.Status || known.Text() != strings.ReplaceAll(unknown.Text(), "nobody-else@example.fi", "bertta@example.fi") {
			t.Errorf("known and unknown address answered differently: %d %q / %d %q", known.Status, known.Text(), unknown.Status, unknown.Text())
		}
		if got := slept.take(); !slices.Equal(got, []time.Duration{auth.MaxIPDelay, auth.MaxIPDelay}) {
			t.Errorf("known and unknown delays: %v", got)
		}
		// The window passes: no delay.
		env.Clock.Advance(auth.ThrottleWindow + time.Second)
		if r := login(c, "aino@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("after the window: status %d", r.Status)
		}
		if got := slept.take(); len(got) != 0 {
			t.Errorf("delays after the window: %v", got)
		}
	})
}

// TestAccountLockTellsNothing: five failures lock an unknown address just
// as they lock a known one, with the same answer.
func TestAccountLockTellsNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		c := env.Client(t)
		var answers []string
		for _, email := range []string{"aino@example.fi", "ghost@example.fi"} {
			for i := 0; i < auth.MaxAccountFailures; i++ {
				login(c, email, "wrong")
			}
			r := login(c, email, servertest.Password)
			if r.Status != http.StatusTooManyRequests {
				t.Errorf("%s after %d failures: %d", email, auth.MaxAccountFailures, r.Status)
			}
			answers = append(answers, strings.ReplaceAll(r.Text(), email, "EMAIL"))
		}
		if answers[0] != answers[1] {
			t.Errorf("locked known and unknown addresses answer differently:\n%s\n%s", answers[0], answers[1])
		}
	})
}

// forwarded posts a sign-in as a proxy at 127.0.0.1 passing it on for
// client.
func forwarded(c *servertest.Client, env *servertest.Env, client, email, password string) *servertest.Response {
	req, _ := http.NewRequest(http.MethodPost, env.HTTP.URL+"/login", strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", client)
	return c.Do(req)
}

// TestTrustedProxyCountsClientsApart: behind a trusted proxy each client
// is counted by its own address; from an untrusted peer X-Forwarded-For is
// ignored, so forging it evades nothing.
func TestTrustedProxyCountsClientsApart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d, func(c *config.Config) { c.TrustedProxies = "127.0.0.1, ::1" })
		slept := recordDelays(env)
		env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		a, b := env.Client(t), env.Client(t)
		for i := 0; i < auth.MaxIPFailures+1; i++ {
			// The left-most entry is the client's own and forged each time.
			forwarded(a, env, fmt.Sprintf("10.9.8.%d, 198.51.100.1", i), fmt.Sprintf("nobody%d@example.fi", i), "guess")
		}
		if got := slept.take(); !slices.Equal(got, []time.Duration{auth.IPDelayStep}) {
			t.Errorf("client A's delays: %v, want [%v]", got, auth.IPDelayStep)
		}
		if r := forwarded(b, env, "198.51.100.2", "aino@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("client B: %d", r.Status)
		}
		if got := slept.take(); len(got) != 0 {
			t.Errorf("client B was slowed down by client A's failures: %v", got)
		}
		if r := forwarded(a, env, "198.51.100.1", "aino@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("client A's real sign-in: %d", r.Status)
		}
		if got := slept.take(); !slices.Equal(got, []time.Duration{2 * auth.IPDelayStep}) {
			t.Errorf("client A's sign-in delay: %v, want [%v]", got, 2*auth.IPDelayStep)
		}
	})
}

func TestUntrustedForwardedForIsIgnored(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d) // no trusted proxies
		slept := recordDelays(env)
		c := env.Client(t)
		for i := 0; i < auth.MaxIPFailures+1; i++ {
			forwarded(c, env, fmt.Sprintf("198.51.100.%d", i), fmt.Sprintf("nobody%d@example.fi", i), "guess")
		}
		if got := slept.take(); !slices.Equal(got, []time.Duration{auth.IPDelayStep}) {
			t.Errorf("forged X-Forwarded-For evaded the count: delays %v", got)
		}
	})
}

// TestSlowedRequestsAreBounded: at most MaxWaiting slowed-down sign-ins
// wait at once in an instance; one more is answered 429 at once.
func TestSlowedRequestsAreBounded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		entered, release := make(chan struct{}), make(chan struct{})
		env.Server.Throttle.Sleep = func(ctx context.Context, _ time.Duration) error {
			entered <- struct{}{}
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		ctx := context.Background()
		s := auth.NewStore(d)
		for i := 0; i < auth.MaxIPFailures; i++ {
			if err := s.RecordLoginFailure(ctx, fmt.Sprintf("nobody%d@example.fi", i), "127.0.0.1", env.Clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		statuses := make(chan int, auth.MaxWaiting)
		for i := 0; i < auth.MaxWaiting; i++ {
			go func() { statuses <- login(env.Client(t), fmt.Sprintf("w%d@example.fi", i), "guess").Status }()
		}
		for i := 0; i < auth.MaxWaiting; i++ {
			<-entered
		}
		r := login(env.Client(t), "one-more@example.fi", "guess")
		if r.Status != http.StatusTooManyRequests || !strings.Contains(r.Text(), tooManyFi) {
			t.Errorf("request %d while %d wait: %d", auth.MaxWaiting+1, auth.MaxWaiting, r.Status)
		}
		close(release)
		for i := 0; i < auth.MaxWaiting; i++ {
			if st := <-statuses; st != http.StatusUnprocessableEntity {
				t.Errorf("a waiting request ended with %d", st)
			}
		}
	})
}

func TestIPDelay(t *testing.T) {
	for n, want := range map[int]time.Duration{0: 0, 19: 0, 20: 250 * time.Millisecond, 21: 500 * time.Millisecond,
		23: 2 * time.Second, 24: 4 * time.Second, 25: 4 * time.Second, 1000: 4 * time.Second} {
		if got := auth.IPDelay(n, auth.MaxIPFailures); got != want {
			t.Errorf("IPDelay(%d) = %v, want %v", n, got, want)
		}
	}
}

func TestClientIP(t *testing.T) {
	trusted, err := config.ParseProxies("10.0.0.0/8, 192.0.2.1, 2001:db8:1::/48")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote string
		xff          []string
		fwd          []string
		want         string
	}{
		{"direct", "198.51.100.7:4711", nil, nil, "198.51.100.7"},
		{"direct ignores XFF", "198.51.100.7:4711", []string{"203.0.113.9"}, nil, "198.51.100.7"},
		{"direct ignores Forwarded", "198.51.100.7:4711", nil, []string{"for=203.0.113.9"}, "198.51.100.7"},
		{"direct IPv6", "[2001:db8:2::5]:443", []string{"203.0.113.9"}, nil, "2001:db8:2::5"},
		{"IPv4-mapped peer", "[::ffff:198.51.100.7]:80", nil, nil, "198.51.100.7"},
		{"proxy without header", "10.0.0.5:80", nil, nil, "10.0.0.5"},
		{"one proxy", "10.0.0.5:80", []string{"203.0.113.9"}, nil, "203.0.113.9"},
		{"spoofed left-most", "10.0.0.5:80", []string{"1.2.3.4, 203.0.113.9"}, nil, "203.0.113.9"},
		{"spoofed left-most, own header", "10.0.0.5:80", []string{"1.2.3.4", "203.0.113.9"}, nil, "203.0.113.9"},
		{"two trusted hops", "10.0.0.5:80", []string{"6.6.6.6, 203.0.113.9, 192.0.2.1, 10.1.2.3"}, nil, "203.0.113.9"},
		{"all trusted", "10.0.0.5:80", []string{"10.1.1.1, 192.0.2.1"}, nil, "10.1.1.1"},
		{"port in XFF", "10.0.0.5:80", []string{"203.0.113.9:5555"}, nil, "203.0.113.9"},
		{"IPv6 in XFF", "10.0.0.5:80", []string{"2001:db8:2::9"}, nil, "2001:db8:2::9"},
		{"bracketed IPv6 with port in XFF", "10.0.0.5:80", []string{"[2001:db8:2::9]:443"}, nil, "2001:db8:2::9"},
		{"trusted IPv6 proxy", "[2001:db8:1::1]:80", []string{"203.0.113.9, 2001:db8:1::2"}, nil, "203.0.113.9"},
		{"malformed right-most", "10.0.0.5:80", []string{"203.0.113.9, not-an-ip"}, nil, "10.0.0.5"},
		{"malformed left of the client", "10.0.0.5:80", []string{"<script>, 203.0.113.9"}, nil, "203.0.113.9"},
		{"empty XFF entry", "10.0.0.5:80", []string{"203.0.113.9, "}, nil, "10.0.0.5"},
		{"Forwarded", "10.0.0.5:80", nil, []string{"for=203.0.113.9;proto=https;by=10.0.0.5"}, "203.0.113.9"},
		{"Forwarded IPv6 quoted", "10.0.0.5:80", nil, []string{`for="[2001:db8:2::9]:4711"`}, "2001:db8:2::9"},
		{"Forwarded spoofed left-most", "10.0.0.5:80", nil, []string{"for=1.2.3.4, For=203.0.113.9", "for=192.0.2.1"}, "203.0.113.9"},
		{"Forwarded unknown", "10.0.0.5:80", nil, []string{"for=unknown"}, "10.0.0.5"},
		{"Forwarded obfuscated", "10.0.0.5:80", nil, []string{"for=_hidden"}, "10.0.0.5"},
		{"Forwarded without for", "10.0.0.5:80", nil, []string{"proto=https"}, "10.0.0.5"},
		{"XFF wins over Forwarded", "10.0.0.5:80", []string{"203.0.113.9"}, []string{"for=1.2.3.4"}, "203.0.113.9"},
		{"bad RemoteAddr", "pipe", []string{"203.0.113.9"}, nil, "pipe"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := http.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			for _, v := range tc.fwd {
				r.Header.Add("Forwarded", v)
			}
			if got := auth.ClientIP(r, trusted); got != tc.want {
				t.Errorf("ClientIP = %q, want %q", got, tc.want)
			}
		})
	}
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
		if th, err := s.AccountLocked(ctx, "aino@example.fi", at); err != nil || th {
			t.Fatalf("4 failures: throttled=%v err=%v", th, err)
		}
		if err := s.RecordLoginFailure(ctx, "aino@example.fi", "192.0.2.1", at); err != nil {
			t.Fatal(err)
		}
		if th, _ := s.AccountLocked(ctx, "aino@example.fi", at); !th {
			t.Fatal("5 failures: not throttled")
		}
		// The first failure leaves the window 15 minutes after it.
		if th, _ := s.AccountLocked(ctx, "aino@example.fi", now.Add(auth.ThrottleWindow+time.Second)); th {
			t.Fatal("throttled after the oldest failure left the window")
		}
		if n, _ := s.CountAttempts(ctx, "ip:192.0.2.1", at); n != 5 {
			t.Fatalf("ip attempts = %d", n)
		}
		if err := s.ClearLoginFailures(ctx, "AINO@example.fi"); err != nil {
			t.Fatal(err)
		}
		if th, _ := s.AccountLocked(ctx, "aino@example.fi", at); th {
			t.Fatal("throttled after clearing")
		}
		if n, _ := s.CountAttempts(ctx, "ip:192.0.2.1", at); n != 5 {
			t.Fatalf("clearing the account cleared the address: %d", n)
		}

		// The hourly clean-up removes day-old attempts and expired sessions.
		sessions := auth.NewSessionStore(d, app.NewFixedClock(now))
		for tok, expiry := range map[string]time.Time{"old": now.Add(-time.Hour), "live": now.Add(48 * time.Hour)} {
			if err := sessions.CommitCtx(ctx, tok, []byte("x"), expiry); err != nil {
				t.Fatal(err)
			}
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
