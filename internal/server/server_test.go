package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func TestOperationsEndpoints(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		c := env.Client(t)
		if r := c.Get("/healthz"); r.Status != 200 || !strings.Contains(r.Body, "ok") {
			t.Fatalf("healthz: %d %q", r.Status, r.Body)
		}
		if r := c.Get("/readyz"); r.Status != 200 {
			t.Fatalf("readyz: %d", r.Status)
		}
		c.Get("/")
		// The metrics show sign-in outcomes: they are not on the public
		// router, main serves them on the private debug listener.
		if r := c.Get("/metrics"); r.Status != http.StatusNotFound {
			t.Fatalf("public /metrics: %d", r.Status)
		}
		rec := httptest.NewRecorder()
		env.Server.Metrics.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, `kohtaamo_http_requests_total{method="GET",route="GET /{$}",status="200"}`) {
			t.Fatalf("metrics missing route counter:\n%.2000s", body)
		}
		if !strings.Contains(body, "kohtaamo_http_request_duration_seconds_bucket") {
			t.Fatal("latency histogram missing")
		}
	})
}

func TestSecurityHeadersAndNotFound(t *testing.T) {
	env := servertest.New(t, dbtest.SQLite(t))
	c := env.Client(t)
	r := c.Get("/no/such/page")
	if r.Status != http.StatusNotFound {
		t.Fatalf("status %d", r.Status)
	}
	if !strings.Contains(r.Text(), "Sivua tai tietoa ei löytynyt") {
		t.Fatalf("404 not in Finnish: %s", r.Text())
	}
	for h, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"Content-Security-Policy": "frame-ancestors 'none'",
	} {
		if !strings.Contains(r.Header.Get(h), want) {
			t.Errorf("%s = %q, want %q", h, r.Header.Get(h), want)
		}
	}
	if strings.Contains(r.Header.Get("Content-Security-Policy"), "unsafe-inline") {
		t.Error("CSP allows inline code")
	}
	if r.Header.Get("X-Request-Id") == "" {
		t.Error("no request id")
	}
	c.Lang = "sv-FI,sv;q=0.9"
	if r := c.Get("/no/such/page"); !strings.Contains(r.Text(), "Sidan eller uppgiften hittades inte") {
		t.Fatalf("404 not in Swedish: %s", r.Text())
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	env := servertest.New(t, dbtest.SQLite(t))
	c := env.Client(t)
	req, _ := http.NewRequest(http.MethodPost, env.HTTP.URL+"/login", strings.NewReader(url.Values{"email": {"a@b.fi"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	if r := c.Do(req); r.Status != http.StatusForbidden {
		t.Fatalf("cross-origin POST: %d", r.Status)
	}
}

func TestLoginLogoutAndLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Aino Admin", "aino@example.fi", true)
		c := env.Client(t)
		r := c.PostForm("/login", url.Values{"email": {"aino@example.fi"}, "password": {"wrong"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Sähköposti tai salasana on väärin") {
			t.Fatalf("bad password: %d %s", r.Status, r.Text())
		}
		c = env.Login(t, "AINO@example.fi")
		r = c.Get("/")
		if !strings.Contains(r.Body, "Aino Admin") {
			t.Fatalf("home does not show the user:\n%s", r.Body)
		}
		r = c.Get("/lang/en?next=/accessibility")
		if r.Status != http.StatusSeeOther || r.Location != "/accessibility" {
			t.Fatalf("lang switch: %d %q", r.Status, r.Location)
		}
		if r := c.Get("/lang/en?next=//evil.example"); r.Location != "/" {
			t.Fatalf("open redirect: %q", r.Location)
		}
		if r := c.Get("/"); !strings.Contains(r.Body, `lang="en"`) {
			t.Fatal("language not switched to English")
		}
		if r := c.Get("/lang/xx"); r.Status != http.StatusNotFound {
			t.Fatalf("unknown language: %d", r.Status)
		}
		if r := c.PostForm("/logout", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("logout: %d", r.Status)
		}
		if r := c.Get("/"); strings.Contains(r.Body, "Aino Admin") {
			t.Fatal("still signed in after logout")
		}
	})
}
