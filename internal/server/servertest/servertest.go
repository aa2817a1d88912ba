// Package servertest runs the real router against a test database and gives
// HTTP clients that keep cookies, for handler tests in every domain.
package servertest

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/config"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/server"
)

// Password is the password of every account made by CreateUser.
const Password = "correct horse battery"

// Env is a running test server.
type Env struct {
	DB     *db.DB
	Server *server.Server
	HTTP   *httptest.Server
	Clock  *app.FixedClock
}

// Option changes the test server's set-up.
type Option func(*config.Config)

// WithMail sends mail through the SMTP server at smtpURL (for example a
// mailtest.Server's URL; "" logs mail to the outbox only) and runs
// background job workers, so mail queued by requests is sent while the
// test runs. Without it, jobs are queued but never worked.
func WithMail(smtpURL string) Option {
	return func(c *config.Config) {
		c.SMTPURL = smtpURL
		c.Workers = 2
	}
}

// New starts the real router on d. The clock starts at 2026-11-22 10:00 UTC.
func New(t testing.TB, d *db.DB, opts ...Option) *Env {
	t.Helper()
	clock := app.NewFixedClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	cfg := &config.Config{BaseURL: "http://127.0.0.1", Addr: "127.0.0.1:0", MailFrom: "Kohtaamo <noreply@kohtaamo.test>"}
	for _, o := range opts {
		o(cfg)
	}
	if err := jobs.Migrate(context.Background(), d); err != nil {
		t.Fatalf("job migrations: %v", err)
	}
	srv, err := server.New(server.Deps{DB: d, Config: cfg, Clock: clock, JobPoll: 50 * time.Millisecond})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	if err := srv.Jobs.Start(context.Background()); err != nil {
		t.Fatalf("start jobs: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Jobs.Stop(ctx)
	})
	hs := httptest.NewServer(srv.Handler)
	t.Cleanup(hs.Close)
	return &Env{DB: d, Server: srv, HTTP: hs, Clock: clock}
}

// CreateUser creates a person with an account and the password Password.
func (e *Env) CreateUser(t testing.TB, name, email string, admin bool) *auth.Account {
	t.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword(Password)
	if err != nil {
		t.Fatal(err)
	}
	var acct *auth.Account
	err = e.DB.WithTx(ctx, func(tx *sql.Tx) error {
		s := auth.NewStore(tx)
		var err error
		acct, err = s.CreatePersonAccount(ctx, name, email, admin, e.Clock.Now())
		if err != nil {
			return err
		}
		return s.SetPassword(ctx, acct.ID, hash)
	})
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return acct
}

// Client is an HTTP client with a cookie jar that does not follow
// redirects.
type Client struct {
	t    testing.TB
	env  *Env
	http *http.Client
	// Lang, when set, is sent as Accept-Language.
	Lang string
}

// Client returns a new anonymous client.
func (e *Env) Client(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, env: e, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}}
}

// Login returns a client signed in as email (password Password).
func (e *Env) Login(t testing.TB, email string) *Client {
	t.Helper()
	c := e.Client(t)
	res := c.PostForm("/login", url.Values{"email": {email}, "password": {Password}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("login %s: status %d\n%s", email, res.Status, res.Body)
	}
	return c
}

// Response is a read response.
type Response struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

// Do sends req and reads the response.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &Response{Status: res.StatusCode, Body: string(b), Location: res.Header.Get("Location"), Header: res.Header}
}

// Get fetches path.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.env.HTTP.URL+path, nil)
	return c.Do(req)
}

// PostForm posts a form to path.
func (c *Client) PostForm(path string, v url.Values) *Response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.env.HTTP.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

// JSON sends a JSON request with an optional bearer token.
func (c *Client) JSON(method, path, token, body string) *Response {
	c.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, c.env.HTTP.URL+path, r)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return c.Do(req)
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// Text returns the body with tags removed and whitespace folded, for
// assertions on visible text.
func (r *Response) Text() string {
	return strings.Join(strings.Fields(tagRE.ReplaceAllString(r.Body, " ")), " ")
}
