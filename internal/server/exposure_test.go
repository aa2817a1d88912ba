package server_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/calendar"
	"github.com/kohtaamo/kohtaamo/internal/config"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/server"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestNoStore: every response to a signed-in user (session or API token)
// and every sign-in, password and invitation page says Cache-Control:
// no-store; static files keep their long cache.
func TestNoStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		acct := env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		token, err := auth.NewStore(d).CreateAPIToken(context.Background(), acct.ID, "test", env.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		static := env.Server.Kit.Renderer.StaticURL("app.css")
		pub := env.Client(t)
		user := env.Login(t, "aino@example.fi")
		person := "/people/" + strconv.FormatInt(acct.PersonID, 10)

		noStore := func(what string, r *servertest.Response) {
			t.Helper()
			if got := r.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s: %d, Cache-Control %q, want no-store", what, r.Status, got)
			}
		}
		for _, p := range []string{"/login", "/login?next=/people", "/password/forgot", "/password/reset/bogus", "/invitations/bogus", "/account/email/bogus"} {
			noStore("public GET "+p, pub.Get(p))
		}
		noStore("public POST /login", pub.PostForm("/login", url.Values{"email": {"aino@example.fi"}, "password": {"wrong"}}))
		noStore("public POST /password/forgot", pub.PostForm("/password/forgot", url.Values{"email": {"x"}}))
		for _, p := range []string{"/", person, "/people", "/networks", "/calendar", "/no-such-page"} {
			noStore("signed-in GET "+p, user.Get(p))
		}
		noStore("signed-in POST /lang", user.PostForm("/lang", url.Values{"lang": {"fi"}, "next": {"/"}}))
		noStore("API token GET /api/v1/networks", env.Client(t).JSON(http.MethodGet, "/api/v1/networks", token, ""))
		noStore("API token GET person", env.Client(t).JSON(http.MethodGet, "/api/v1/people/"+strconv.FormatInt(acct.PersonID, 10), token, ""))

		// Public pages hold no personal details and may be cached as usual.
		if got := pub.Get("/networks").Header.Get("Cache-Control"); got != "" {
			t.Errorf("public /networks: Cache-Control %q", got)
		}
		for _, c := range []*servertest.Client{pub, user} {
			r := c.Get(static)
			if got := r.Header.Get("Cache-Control"); r.Status != http.StatusOK || got != "public, max-age=31536000, immutable" {
				t.Errorf("static file: %d, Cache-Control %q", r.Status, got)
			}
		}
	})
}

// TestStrictTransportSecurity: HSTS only when the base URL is https.
func TestStrictTransportSecurity(t *testing.T) {
	d := dbtest.SQLite(t)
	plain := servertest.New(t, d)
	if got := plain.Client(t).Get("/").Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("http base URL: HSTS %q", got)
	}
	secure := servertest.New(t, d, func(c *config.Config) { c.BaseURL = "https://kohtaamo.example" })
	for _, p := range []string{"/", "/login", "/no-such-page"} {
		if got := secure.Client(t).Get(p).Header.Get("Strict-Transport-Security"); got != "max-age=31536000; includeSubDomains" {
			t.Errorf("https base URL, %s: HSTS %q", p, got)
		}
	}
}

// syncBuffer is a log destination for a server whose requests may log
// concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestAccessLogHoldsNoSecrets requests the pages whose addresses are
// secrets (password reset and invitation links, a personal calendar feed)
// and signs in, with every log line captured: the log names the routes,
// never the secrets, names or addresses.
func TestAccessLogHoldsNoSecrets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var logs syncBuffer
		log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		clock := app.NewFixedClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
		if err := jobs.Migrate(ctx, d); err != nil {
			t.Fatal(err)
		}
		srv, err := server.New(server.Deps{DB: d, Log: log, Clock: clock,
			Config: &config.Config{BaseURL: "http://127.0.0.1", Addr: "127.0.0.1:0"}})
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(srv.Handler)
		t.Cleanup(hs.Close)
		env := &servertest.Env{DB: d, Server: srv, HTTP: hs, Clock: clock}
		acct := env.CreateUser(t, "Saara Salainen", "saara.salainen@example.fi", false)
		invited := env.CreateUser(t, "Kalle Kutsuttu", "kalle.kutsuttu@example.fi", false)
		s := auth.NewStore(d)
		reset, err := s.CreateUserToken(ctx, acct.ID, auth.PurposeReset, auth.ResetTTL, clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		invite, err := s.CreateUserToken(ctx, invited.ID, auth.PurposeInvite, auth.InviteTTL, clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		feed, err := calendar.NewStore(d).CreateToken(ctx, acct.ID, clock.Now())
		if err != nil {
			t.Fatal(err)
		}

		c := env.Client(t)
		for path, want := range map[string]int{
			"/password/reset/" + reset:       http.StatusOK,
			"/invitations/" + invite:         http.StatusOK,
			"/calendar/" + feed + ".ics":     http.StatusOK,
			"/password/reset/" + reset + "x": http.StatusNotFound,
			"/calendar/" + feed + "x.ics":    http.StatusNotFound,
		} {
			if r := c.Get(path); r.Status != want {
				t.Errorf("GET %s: %d, want %d", path, r.Status, want)
			}
		}
		c.PostForm("/login", url.Values{"email": {"saara.salainen@example.fi"}, "password": {"wrong password"}})
		c.PostForm("/password/forgot", url.Values{"email": {"saara.salainen@example.fi"}})
		env.Login(t, "saara.salainen@example.fi").Get("/people/" + strconv.FormatInt(acct.PersonID, 10))

		out := logs.String()
		for _, want := range []string{`"route":"GET /password/reset/{token}"`, `"route":"GET /invitations/{token}"`, `"route":"GET /calendar/{file}"`, `"route":"POST /login"`} {
			if !strings.Contains(out, want) {
				t.Errorf("the log lacks %s:\n%s", want, out)
			}
		}
		for _, secret := range []string{reset, invite, feed, "Saara", "Salainen", "saara.salainen", "Kalle", "kalle.kutsuttu", "wrong password"} {
			if strings.Contains(out, secret) {
				t.Errorf("the log holds %q:\n%s", secret, out)
			}
		}
	})
}
