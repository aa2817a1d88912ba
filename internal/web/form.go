package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// ParseForm parses a form body of at most 1 MiB; failure, and any name or
// value that is not valid UTF-8 or holds NUL, is EINVALID.
func ParseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return app.KeyError(app.EINVALID, "err.bad_request", "malformed form")
	}
	if !validValues(r.Form) {
		return errBadInput()
	}
	return nil
}

// Field returns a trimmed form value.
func Field(r *http.Request, name string) string {
	return strings.TrimSpace(r.PostFormValue(name))
}

// Date parses a yyyy-mm-dd value; "" gives nil. A bad value is recorded on
// v under field.
func Date(v *app.Validator, field, s string) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		// Finnish users type 22.11.2026 as well.
		t, err = time.Parse("2.1.2006", s)
	}
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		v.Add(field, "err.invalid_date", nil)
		return nil
	}
	return &t
}

// ID parses a path value as a positive int64; failure is ENOTFOUND, as a
// malformed id names nothing that exists.
func ID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, app.NotFound(name)
	}
	return id, nil
}

// OptionalID parses a form id; "" and "0" give 0, a malformed value is
// recorded on v.
func OptionalID(v *app.Validator, field, s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		v.Add(field, "err.invalid_choice", nil)
		return 0
	}
	return id
}

// PageParam reads ?page= (1 when missing or bad).
func PageParam(r *http.Request) int {
	p, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || p < 1 || p > 1_000_000 {
		return 1
	}
	return p
}

// SafeNext returns next when it is a path on this site, else "/". It is
// the target of a redirect, so it is judged the way a browser will read
// the Location header: browsers drop leading and trailing C0 controls and
// spaces, remove tabs and line breaks anywhere and treat \ as /, so
// "/\t/evil.example" and "/\\evil.example" both mean //evil.example, another
// origin. next is normalised that way first and then must be a plain path
// (no scheme, host or user info) starting with exactly one slash, with no
// control characters or spaces left; the normalised form is returned, so
// the header says exactly what was checked.
func SafeNext(next string) string {
	next = strings.TrimFunc(next, func(r rune) bool { return r <= ' ' })
	next = strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(next)
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	if strings.ContainsFunc(next, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	// The decoded path is checked too (/%2F/evil.example, /%09/…), in
	// case something between here and the browser decodes it once more.
	if !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || strings.HasPrefix(u.Path, "/\\") ||
		strings.ContainsFunc(u.Path, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "/"
	}
	return next
}

// MaxAPIPage is the highest ?page= an API list accepts: page × per_page
// then stays far inside what an OFFSET can hold. Beyond it, page is a
// field error.
const MaxAPIPage = 1_000_000

// APIPage reads ?page= and ?per_page= for API lists: page 1..MaxAPIPage,
// per_page 1..200 (default 50). Bad values are EINVALID field errors.
func APIPage(r *http.Request) (page, perPage int, err error) {
	page, perPage = 1, 50
	q := r.URL.Query()
	if s := q.Get("page"); s != "" {
		page, err = strconv.Atoi(s)
		if err != nil || page < 1 || page > MaxAPIPage {
			return 0, 0, &app.Error{Code: app.EINVALID, Key: "err.invalid_form", Message: "invalid input",
				Fields: []app.FieldError{{Field: "page", Key: "err.page_range", Args: map[string]any{"Max": MaxAPIPage}}}}
		}
	}
	if s := q.Get("per_page"); s != "" {
		perPage, err = strconv.Atoi(s)
		if err != nil || perPage < 1 || perPage > 200 {
			return 0, 0, app.FieldInvalid("per_page", "err.invalid_number")
		}
	}
	return page, perPage, nil
}

// ListResponse is the envelope of every API list.
type ListResponse[T any] struct {
	Items   []T `json:"items"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Total   int `json:"total"`
}
