package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/server"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// tcpProxy stands between the application and the shared test PostgreSQL
// server, so that a test can take "the database" away without touching
// the server everyone else uses.
type tcpProxy struct {
	t      *testing.T
	ln     net.Listener
	target string

	mu     sync.Mutex
	frozen chan struct{} // closed when not frozen; nil: forwarding
	conns  map[net.Conn]bool
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{t: t, ln: ln, target: target, conns: map[net.Conn]bool{}}
	go p.serve()
	t.Cleanup(p.stop)
	return p
}

func (p *tcpProxy) addr() string { return p.ln.Addr().String() }

func (p *tcpProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.conns[c] = true
		frozen := p.frozen
		p.mu.Unlock()
		if frozen != nil {
			continue // accepted, but nothing is ever forwarded
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[up] = true
		p.mu.Unlock()
		go p.pipe(c, up)
		go p.pipe(up, c)
	}
}

// pipe copies from src to dst until either closes; while the proxy is
// frozen, what it reads is held back.
func (p *tcpProxy) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			frozen := p.frozen
			p.mu.Unlock()
			if frozen != nil {
				<-frozen
				return
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			dst.Close()
			return
		}
	}
}

// freeze keeps accepting connections but forwards nothing more, like a
// server that hangs.
func (p *tcpProxy) freeze() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.frozen == nil {
		p.frozen = make(chan struct{})
	}
}

// stop refuses new connections and closes the open ones, like a server
// that is down.
func (p *tcpProxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.frozen != nil {
		close(p.frozen)
		p.frozen = nil
	}
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]bool{}
}

// TestDatabaseOutage takes PostgreSQL away behind a proxy, frozen and then
// stopped, and checks that pages answer 503 with the translated page and
// Retry-After for the public and a signed-in user, that the API answers a
// JSON 503, and that /readyz answers within 2 s, all within the request
// deadline instead of hanging.
func TestDatabaseOutage(t *testing.T) {
	base := dbtest.PostgresURL(t)
	ctx := context.Background()
	schema := dbtest.NewSchema(t, base)
	direct, err := db.Open(ctx, dbtest.WithSchema(t, base, schema))
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	if err := db.Migrate(ctx, direct); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Migrate(ctx, direct); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	px := newTCPProxy(t, u.Host)
	u.Host = px.addr()
	d, err := db.Open(ctx, dbtest.WithSchema(t, u.String(), schema))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })

	const requestTimeout = time.Second
	clock := app.NewFixedClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	srv, err := server.New(server.Deps{DB: d, Clock: clock, RequestTimeout: requestTimeout})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler)
	t.Cleanup(hs.Close)
	env := &servertest.Env{DB: d, Server: srv, HTTP: hs, Clock: clock}
	acct := env.CreateUser(t, "Aino Admin", "admin@example.test", true)
	token, err := auth.NewStore(direct).CreateAPIToken(ctx, acct.ID, "test", clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	signedIn := env.Login(t, "admin@example.test")
	if res := signedIn.Get("/organisations"); res.Status != http.StatusOK {
		t.Fatalf("before the outage: %d", res.Status)
	}

	check := func(mode string) {
		t.Helper()
		// The requests run at once; each must be answered within its
		// deadline plus a margin, measured, not slept.
		limit := requestTimeout + 2*time.Second
		type probe struct {
			name string
			do   func() *servertest.Response
			want func(*servertest.Response) string
			max  time.Duration
		}
		page := func(r *servertest.Response) string {
			if r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" ||
				!strings.Contains(r.Text(), "Palvelu on tilapäisesti poissa käytöstä") {
				return "want the translated 503 page with Retry-After"
			}
			return ""
		}
		public := env.Client(t)
		svClient := env.Client(t)
		svClient.Lang = "sv"
		probes := []probe{
			{"public page", func() *servertest.Response { return public.Get("/organisations") }, page, limit},
			{"signed-in page", func() *servertest.Response { return signedIn.Get("/") }, page, limit},
			{"signed-in list", func() *servertest.Response { return signedIn.Get("/people") }, page, limit},
			{"public page in Swedish", func() *servertest.Response { return svClient.Get("/networks") }, func(r *servertest.Response) string {
				if r.Status != http.StatusServiceUnavailable || !strings.Contains(r.Text(), "Tjänsten är tillfälligt otillgänglig") {
					return "want the Swedish 503 page"
				}
				return ""
			}, limit},
			{"API", func() *servertest.Response { return env.Client(t).JSON(http.MethodGet, "/api/v1/projects", token, "") }, func(r *servertest.Response) string {
				var e apiError
				if r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" ||
					json.Unmarshal([]byte(r.Body), &e) != nil || e.Error.Code != app.EUNAVAILABLE {
					return "want a JSON 503 with code unavailable and Retry-After"
				}
				return ""
			}, limit},
			{"API, signed in with a cookie", func() *servertest.Response { return signedIn.JSON(http.MethodGet, "/api/v1/networks", "", "") }, func(r *servertest.Response) string {
				var e apiError
				if r.Status != http.StatusServiceUnavailable || json.Unmarshal([]byte(r.Body), &e) != nil || e.Error.Code != app.EUNAVAILABLE {
					return "want a JSON 503 with code unavailable"
				}
				return ""
			}, limit},
			{"readyz", func() *servertest.Response { return public.Get("/readyz") }, func(r *servertest.Response) string {
				if r.Status != http.StatusServiceUnavailable {
					return "want 503"
				}
				return ""
			}, 2 * time.Second},
		}
		var wg sync.WaitGroup
		for _, p := range probes {
			wg.Go(func() {
				start := time.Now()
				res := p.do()
				took := time.Since(start)
				if why := p.want(res); why != "" {
					t.Errorf("%s, %s: %s; got %d (Retry-After %q)\n%.300s", mode, p.name, why, res.Status, res.Header.Get("Retry-After"), res.Text())
				}
				if took > p.max {
					t.Errorf("%s, %s: answered after %s, want within %s", mode, p.name, took.Round(time.Millisecond), p.max)
				}
			})
		}
		wg.Wait()
	}

	px.freeze()
	check("frozen")
	px.stop()
	check("stopped")
}

// TestClientGoneLoggedOnce checks that a client that goes away while its
// session is loaded is logged once, as JSON at info, not as a 500 with
// plain-text lines from the session layer (scs's default ErrorFunc writes
// through the standard logger).
func TestClientGoneLoggedOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Aino Admin", "admin@example.test", true)
		login, err := http.PostForm(env.HTTP.URL+"/login", url.Values{"email": {"admin@example.test"}, "password": {servertest.Password}})
		if err != nil {
			t.Fatal(err)
		}
		login.Body.Close()
		cookies := login.Request.Response.Cookies() // the 303's session cookie

		var logBuf, stdBuf bytes.Buffer
		srv, err := server.New(server.Deps{DB: d, Clock: env.Clock, Log: slog.New(slog.NewJSONHandler(&logBuf, nil))})
		if err != nil {
			t.Fatal(err)
		}
		prev := log.Writer()
		log.SetOutput(&stdBuf)
		t.Cleanup(func() { log.SetOutput(prev) })

		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/people", nil)
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		rec := httptest.NewRecorder()
		srv.Handler.ServeHTTP(rec, req)

		if stdBuf.Len() > 0 {
			t.Errorf("plain-text log lines: %q", stdBuf.String())
		}
		if rec.Code != web.StatusClientClosed {
			t.Errorf("status %d, want %d (the client went away)", rec.Code, web.StatusClientClosed)
		}
		var cancelled int
		for _, line := range strings.Split(strings.TrimSpace(logBuf.String()), "\n") {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Errorf("log line is not JSON: %q", line)
				continue
			}
			if rec["level"] == "ERROR" || rec["level"] == "WARN" {
				t.Errorf("logged as %s: %s", rec["level"], line)
			}
			if rec["msg"] == "request cancelled by the client" {
				cancelled++
			}
		}
		if cancelled != 1 {
			t.Errorf("logged the cancellation %d times, want once:\n%s", cancelled, logBuf.String())
		}
	})
}
