package web_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/kohtaamo/kohtaamo/internal/web"
)

// failingStore is a session store whose database is out of reach.
type failingStore struct{ err error }

func (s failingStore) Find(string) ([]byte, bool, error)      { return nil, false, nil }
func (s failingStore) Commit(string, []byte, time.Time) error { return s.err }
func (s failingStore) Delete(string) error                    { return s.err }

// TestSessionCommitErrorIsTheWholeAnswer checks that when saving the
// session fails while the handler starts its answer, the answer is the
// translated 503 page alone: scs calls ErrorFunc from inside the handler's
// first write and would then append the handler's own answer to it.
func TestSessionCommitErrorIsTheWholeAnswer(t *testing.T) {
	var logs bytes.Buffer
	kit := newKit(t, &logs)
	sm := scs.New()
	sm.Store = failingStore{fmt.Errorf("commit session: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})}
	sm.ErrorFunc = kit.SessionError
	kit.Sessions = sm
	h := web.GuardSession(sm.LoadAndSave(web.Language(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sm.Put(r.Context(), "flash", "saved")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("handler answer"))
	}))))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/x", nil)
	req.Header.Set("Accept-Language", "en")
	h.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" ||
		!strings.Contains(body, "temporarily unavailable") || strings.Contains(body, "handler answer") {
		t.Fatalf("%d %q\n%s", rec.Code, rec.Header().Get("Retry-After"), body)
	}
	if !strings.Contains(logs.String(), `"level":"WARN","msg":"database unavailable"`) {
		t.Errorf("log: %s", logs.String())
	}
}

// TestCheckInputRefusesBadBytes checks the middleware on its own: NUL and
// invalid UTF-8 in the path, the query or a header it reads never reach
// the next handler, and plain requests pass untouched.
func TestCheckInputRefusesBadBytes(t *testing.T) {
	var logs bytes.Buffer
	kit := newKit(t, &logs)
	h := kit.CheckInput(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("reached"))
	}))
	for _, c := range []struct {
		target string
		header string
		status int
	}{
		{"/organisations?q=Paja+keskus&page=2", "", http.StatusOK},
		{"/organisations?q=%C3%A4%25_", "", http.StatusOK},
		{"/organisations?q=%zz", "", http.StatusOK}, // malformed escapes are dropped, as r.URL.Query does
		{"/organisations?q=a%00b", "", http.StatusBadRequest},
		{"/organisations?a%00=1", "", http.StatusBadRequest},
		{"/organisations?q=%FF", "", http.StatusBadRequest},
		{"/organisations/%00", "", http.StatusBadRequest},
		{"/api/v1/organisations?q=%ED%A0%80", "", http.StatusBadRequest}, // a UTF-16 surrogate is not UTF-8
		{"/api/v1/projects", "Bearer a\x00b", http.StatusBadRequest},
		{"/api/v1/projects", "Bearer \xff", http.StatusBadRequest},
	} {
		req := httptest.NewRequest(http.MethodGet, c.target, nil)
		if c.header != "" {
			req.Header.Set("Authorization", c.header)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		reached := rec.Body.String() == "reached"
		if rec.Code != c.status || reached != (c.status == http.StatusOK) {
			t.Errorf("%s %q: %d %.200s", c.target, c.header, rec.Code, rec.Body.String())
		}
		if strings.HasPrefix(c.target, "/api/") && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s: %s, want the JSON error", c.target, rec.Header().Get("Content-Type"))
		}
	}
}

// TestErrorUnavailable checks the mapping of outages to 503.
func TestErrorUnavailable(t *testing.T) {
	var logs bytes.Buffer
	kit := newKit(t, &logs)
	for _, err := range []error{fmt.Errorf("list: %w", context.DeadlineExceeded),
		fmt.Errorf("list: %w", &net.OpError{Op: "read", Err: syscall.ECONNRESET})} {
		rec := httptest.NewRecorder()
		kit.Error(rec, httptest.NewRequest(http.MethodGet, "/", nil), err)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != web.RetryAfter {
			t.Errorf("%v: %d %q", err, rec.Code, rec.Header().Get("Retry-After"))
		}
		rec = httptest.NewRecorder()
		kit.APIError(rec, httptest.NewRequest(http.MethodGet, "/api/v1/projects", nil), err)
		if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"code":"unavailable"`) {
			t.Errorf("API %v: %d %s", err, rec.Code, rec.Body.String())
		}
	}
	rec := httptest.NewRecorder()
	kit.Error(rec, httptest.NewRequest(http.MethodGet, "/", nil), errors.New("bug"))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("other errors: %d", rec.Code)
	}
}

// brokenWriter is a connection whose client has gone.
type brokenWriter struct{ *httptest.ResponseRecorder }

func (brokenWriter) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// TestRenderToGoneClientLoggedOnce checks that a page that cannot be sent
// because the client went away is logged once at info, not as an error
// followed by a second answer.
func TestRenderToGoneClientLoggedOnce(t *testing.T) {
	var logs bytes.Buffer
	kit := newKit(t, &logs)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/", nil)
	_ = kit.ErrorPage(brokenWriter{httptest.NewRecorder()}, req, http.StatusOK, web.ErrorPage{Heading: "x"})
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], `"level":"INFO","msg":"request cancelled by the client"`) {
		t.Errorf("log: %s", logs.String())
	}
}
