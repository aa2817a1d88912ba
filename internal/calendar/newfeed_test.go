package calendar_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/config"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/server"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// lockedBuffer is a log sink safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// loggedEnv is servertest.New with every log line (debug and up) kept.
func loggedEnv(t *testing.T, d *db.DB) (*servertest.Env, *lockedBuffer) {
	t.Helper()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	clock := app.NewFixedClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	if err := jobs.Migrate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Deps{DB: d, Log: log, Clock: clock,
		Config: &config.Config{BaseURL: "http://127.0.0.1", Addr: "127.0.0.1:0"}})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler)
	t.Cleanup(hs.Close)
	return &servertest.Env{DB: d, Server: srv, HTTP: hs, Clock: clock}, logs
}

var webcalRE = regexp.MustCompile(`href="([^"]*)"[^>]*>[^<]*webcal`)

// TestNewFeedShownOnceAfterRedirect: making an address answers with a
// redirect, the page after it shows the address once with a working webcal
// link, a reload neither shows nor replaces it, replacing a working
// address needs a confirmation, and the secret never reaches the log.
func TestNewFeedShownOnceAfterRedirect(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env, logs := loggedEnv(t, d)
		env.CreateUser(t, "Outi Outlook", "outi.outlook@example.fi", false)
		c := env.Login(t, "outi.outlook@example.fi")
		public := env.Client(t)

		r := c.PostForm("/calendar/token", url.Values{})
		if r.Status != http.StatusSeeOther || r.Location != "/calendar" {
			t.Fatalf("create: %d %q", r.Status, r.Location)
		}
		page := c.Get("/calendar")
		feed := feedURLRE.FindString(page.Body)
		if feed == "" {
			t.Fatalf("no address after the redirect:\n%s", page.Text())
		}
		m := webcalRE.FindStringSubmatch(page.Body)
		if m == nil || strings.Contains(page.Body, "ZgotmplZ") || strings.Contains(page.Body, "TemplFailedSanitizationURL") {
			t.Fatalf("no webcal link:\n%s", page.Body)
		}
		if want := "webcal://" + strings.TrimPrefix(feed, "http://"); m[1] != want || !strings.HasPrefix(m[1], "webcal://") {
			t.Errorf("webcal link %q, want %q", m[1], want)
		}

		// A reload: the address is not shown again and still works.
		if again := c.Get("/calendar"); feedURLRE.MatchString(again.Body) || again.Status != http.StatusOK {
			t.Errorf("reload shows the address again (%d):\n%s", again.Status, again.Text())
		}
		if r := public.Get(path(feed)); r.Status != http.StatusOK {
			t.Fatalf("feed after reload: %d", r.Status)
		}

		// Making another without confirming replaces nothing.
		r = c.PostForm("/calendar/token", url.Values{})
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/calendar") {
			t.Fatalf("unconfirmed replace: %d %q", r.Status, r.Location)
		}
		if p := c.Get("/calendar"); feedURLRE.MatchString(p.Body) || !strings.Contains(p.Body, `name="replace" value="1"`) {
			t.Errorf("page after an unconfirmed replace:\n%s", p.Text())
		}
		if r := public.Get(path(feed)); r.Status != http.StatusOK {
			t.Errorf("the address was replaced without confirmation: %d", r.Status)
		}

		// Confirmed: a new address, the old one 404.
		newFeed := createFeed(t, c)
		if newFeed == feed || public.Get(path(feed)).Status != http.StatusNotFound {
			t.Errorf("confirmed replace: old address still works or is the new one")
		}

		out := logs.String()
		if !strings.Contains(out, `"route":"POST /calendar/token"`) {
			t.Errorf("the log lacks the route:\n%.2000s", out)
		}
		for _, f := range []string{feed, newFeed} {
			secret := strings.TrimSuffix(strings.TrimPrefix(f, "http://127.0.0.1/calendar/"), ".ics")
			if strings.Contains(out, secret) {
				t.Errorf("the log holds the feed secret %q", secret)
			}
		}
	})
}
