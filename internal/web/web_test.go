package web_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

func newKit(t *testing.T, logs *bytes.Buffer) *web.Kit {
	t.Helper()
	r, err := web.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	return &web.Kit{Renderer: r, I18n: b, Log: slog.New(slog.NewJSONHandler(logs, nil)), Clock: app.SystemClock{}}
}

func TestRecoverShowsFriendlyPageAndLogsRequestID(t *testing.T) {
	var logs bytes.Buffer
	kit := newKit(t, &logs)
	h := web.RequestLog(kit.Log)(web.Language(kit.Recover(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/x", nil)
	req.Header.Set("Accept-Language", "en")
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", rec.Code)
	}
	id := rec.Header().Get("X-Request-Id")
	body := rec.Body.String()
	if !strings.Contains(body, "Something went wrong") || !strings.Contains(body, id) || strings.Contains(body, "goroutine") {
		t.Fatalf("page: %s", body)
	}
	if !strings.Contains(logs.String(), `"request_id":"`+id+`"`) || !strings.Contains(logs.String(), `"panic":"boom"`) {
		t.Fatalf("log: %s", logs.String())
	}
}

func TestErrorStatusAndLogging(t *testing.T) {
	for _, tc := range []struct {
		err    error
		status int
		logged bool
	}{
		{app.NotFound("network"), 404, false},
		{app.Forbidden(), 403, false},
		{app.FieldInvalid("name", "err.required"), 422, false},
		{app.Errorf(app.ECONFLICT, "dup"), 409, false},
		{errors.New("disk on fire"), 500, true},
	} {
		var logs bytes.Buffer
		kit := newKit(t, &logs)
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/x", nil)
		req = req.WithContext(app.WithUser(req.Context(), &app.User{ID: 1}))
		kit.Error(rec, req, tc.err)
		if rec.Code != tc.status {
			t.Errorf("%v: status %d, want %d", tc.err, rec.Code, tc.status)
		}
		if got := strings.Contains(logs.String(), "request failed"); got != tc.logged {
			t.Errorf("%v: logged %v, want %v", tc.err, got, tc.logged)
		}
		if strings.Contains(rec.Body.String(), "disk on fire") {
			t.Error("internal error text shown to the user")
		}
	}
}

func TestClientCancelIsNotAnError(t *testing.T) {
	var logs bytes.Buffer
	kit := newKit(t, &logs)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/x", nil).WithContext(ctx)
	kit.Error(httptest.NewRecorder(), req, fmt.Errorf("list things: %w", context.Canceled))
	if strings.Contains(logs.String(), "ERROR") || !strings.Contains(logs.String(), "cancelled by the client") {
		t.Errorf("a client that went away was logged as: %s", logs.String())
	}
}

func TestPublicForbiddenGetRedirectsToLogin(t *testing.T) {
	kit := newKit(t, &bytes.Buffer{})
	rec := httptest.NewRecorder()
	kit.Error(rec, httptest.NewRequest(http.MethodGet, "/people/1?x=1", nil), app.Forbidden())
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fpeople%2F1%3Fx%3D1" {
		t.Fatalf("%d %q", rec.Code, rec.Header().Get("Location"))
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "/",
		"/networks/1":      "/networks/1",
		"//evil.example":   "/",
		"/\\evil.example":  "/",
		"https://evil.com": "/",
		"networks":         "/",
		"/\t/evil.example": "/",
		" //evil.example":  "/",
		"\x00//evil":       "/",
		"/\r\n/evil":       "/",
		"\\\\evil":         "/",
		"/%2F/evil":        "/",
		"/%09/evil":        "/",
		"javascript:x":     "/",
		"//u@evil":         "/",
		"/a\tb":            "/ab",
		"/@x":              "/@x",
		"/people?q=a+b":    "/people?q=a+b",
		" /networks/1\n":   "/networks/1",
	} {
		if got := web.SafeNext(in); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-22": "2026-11-22",
		"22.11.2026": "2026-11-22",
		"1.2.2027":   "2027-02-01",
		"":           "",
		"2026-13-01": "invalid",
		"tomorrow":   "invalid",
		"0001-01-01": "invalid",
	} {
		var v app.Validator
		got := web.Date(&v, "d", in)
		switch {
		case want == "invalid":
			if v.Valid() {
				t.Errorf("Date(%q) accepted", in)
			}
		case want == "":
			if got != nil || !v.Valid() {
				t.Errorf("Date(%q) = %v", in, got)
			}
		default:
			if got == nil || got.Format("2006-01-02") != want {
				t.Errorf("Date(%q) = %v, want %s", in, got, want)
			}
		}
	}
}

func TestAPIAdapterWritesReturnedError(t *testing.T) {
	kit := newKit(t, &bytes.Buffer{})
	h := kit.API(func(w http.ResponseWriter, r *http.Request) error {
		if r.URL.Query().Get("ok") != "" {
			web.WriteJSON(w, http.StatusOK, map[string]string{"ok": "yes"})
			return nil
		}
		return app.NotFound("network")
	})
	rec := httptest.NewRecorder()
	h(rec, httptest.NewRequest(http.MethodGet, "/api/v1/x", nil))
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `"code":"not_found"`) {
		t.Fatalf("error: %d %s", rec.Code, rec.Body.String())
	}
	rec = httptest.NewRecorder()
	h(rec, httptest.NewRequest(http.MethodGet, "/api/v1/x?ok=1", nil))
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "error") {
		t.Fatalf("success: %d %s", rec.Code, rec.Body.String())
	}
}
