package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// ValidText reports whether s may be stored or searched: valid UTF-8
// without NUL. PostgreSQL refuses both (a 500 if let through); SQLite would
// store them and hand them to every reader.
func ValidText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// errBadInput is the error for input that is not text.
func errBadInput() *app.Error {
	return app.KeyError(app.EINVALID, "err.bad_input", "input holds NUL or invalid UTF-8")
}

// validValues reports whether every key and value of v is valid text.
func validValues(v url.Values) bool {
	for k, vs := range v {
		if !ValidText(k) {
			return false
		}
		for _, s := range vs {
			if !ValidText(s) {
				return false
			}
		}
	}
	return true
}

// CheckInput refuses a request whose path, query string or the headers the
// application reads (Authorization, Accept-Language) hold NUL or invalid
// UTF-8, with a translated 400 page (a JSON error under /api/), before the
// session is loaded or any handler runs. Cookies need no check: Go's cookie
// parser drops values with such bytes. Form and JSON bodies are checked by
// ParseForm and DecodeJSON.
func (k *Kit) CheckInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ValidText(r.URL.Path) && validQuery(r.URL.RawQuery) &&
			ValidText(r.Header.Get("Authorization")) && ValidText(r.Header.Get("Accept-Language")) {
			next.ServeHTTP(w, r)
			return
		}
		r = r.WithContext(withoutSession(r.Context()))
		if strings.HasPrefix(r.URL.Path, "/api/") {
			k.APIError(w, r, errBadInput())
			return
		}
		Language(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			l := k.L(r)
			_ = k.ErrorPage(w, r, http.StatusBadRequest,
				ErrorPage{Heading: l.T("err.bad_request_title"), Message: l.T("err.bad_input"), Status: http.StatusBadRequest})
		})).ServeHTTP(w, r)
	})
}

// validQuery checks a raw query string; the common case, plain ASCII
// without escapes, needs no parsing.
func validQuery(raw string) bool {
	plain := true
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c == '%' || c == '+' || c == 0 || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return true
	}
	v, _ := url.ParseQuery(raw) // malformed pairs are dropped, as r.URL.Query does
	return validValues(v)
}

// SearchText checks the search text s of field: text longer than
// db.MaxSearchLen characters comes back cut to that length, for the page to
// show, with an EINVALID field error to show next to the search field.
// Such text is never searched for.
func SearchText(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= db.MaxSearchLen {
		return s, nil
	}
	cut := []rune(s)[:db.MaxSearchLen]
	return string(cut), &app.Error{Code: app.EINVALID, Key: "err.invalid_form", Message: "search text too long",
		Fields: []app.FieldError{{Field: field, Key: "err.too_long", Args: map[string]any{"Max": db.MaxSearchLen}}}}
}

// DefaultRequestTimeout is how long a request may use the database: past
// it, its queries fail and it answers 503. Long work (mail, reminders, the
// national demo data) runs in jobs or commands, not in requests.
const DefaultRequestTimeout = 15 * time.Second

// Deadline gives every request's context a deadline of d, so that no
// database call made for a request can wait longer on a frozen server.
func Deadline(d time.Duration) func(http.Handler) http.Handler {
	if d <= 0 {
		d = DefaultRequestTimeout
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// RetryAfter is the Retry-After of a 503 answer, in seconds.
const RetryAfter = "30"

// errorCode is err's application code, with database outages (see
// db.IsUnavailable) told apart from other internal errors.
func errorCode(err error) string {
	code := app.ErrorCode(err)
	if code == app.EINTERNAL && db.IsUnavailable(err) {
		return app.EUNAVAILABLE
	}
	return code
}

// clientGone reports whether err only says that the client went away.
func clientGone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) && r.Context().Err() != nil
}

// StatusClientClosed is what the access log records for a request whose
// client went away before the answer (nginx's 499); nobody receives it.
const StatusClientClosed = 499

type sessionlessKey struct{}

// withoutSession marks a context whose request has no session loaded (it
// was refused before, or loading it failed), so pages rendered for it do
// not touch the session.
func withoutSession(ctx context.Context) context.Context {
	return context.WithValue(ctx, sessionlessKey{}, true)
}

func sessionless(ctx context.Context) bool {
	v, _ := ctx.Value(sessionlessKey{}).(bool)
	return v
}

// guardWriter lets an answer written by the session layer's ErrorFunc be
// the whole answer: scs calls ErrorFunc from inside the handler's first
// WriteHeader or Write when saving the session fails, and would then
// append the handler's own answer to it.
type guardWriter struct {
	http.ResponseWriter
	done bool
}

func (g *guardWriter) WriteHeader(code int) {
	if !g.done {
		g.ResponseWriter.WriteHeader(code)
	}
}

func (g *guardWriter) Write(b []byte) (int, error) {
	if g.done {
		return len(b), nil
	}
	return g.ResponseWriter.Write(b)
}

func (g *guardWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// GuardSession wraps the session middleware (scs LoadAndSave) so that
// SessionError's answer is not followed by the handler's.
func GuardSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&guardWriter{ResponseWriter: w}, r)
	})
}

// SessionError is the session manager's ErrorFunc: loading or saving the
// session failed. It answers like any other error (a translated page, 503
// with Retry-After when the database is out of reach, the JSON error under
// /api/), logged once as JSON; a client that went away is logged at info.
func (k *Kit) SessionError(w http.ResponseWriter, r *http.Request, err error) {
	// The request is as the session layer got it, before Language ran.
	Language(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(withoutSession(r.Context()))
		if strings.HasPrefix(r.URL.Path, "/api/") {
			k.APIError(w, r, err)
		} else {
			k.Error(w, r, err)
		}
	})).ServeHTTP(w, r)
	if g, ok := w.(*guardWriter); ok {
		g.done = true
	}
}
