package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/a-h/templ"
	"github.com/alexedwards/scs/v2"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Kit is what every domain handler needs from the web layer. It is built
// once in server.New and passed to each domain's handler.
type Kit struct {
	Renderer *Renderer
	I18n     *i18n.Bundle
	Sessions *scs.SessionManager
	Log      *slog.Logger
	Clock    app.Clock
}

type langKey struct{}

// WithLang returns a context carrying the request's language.
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, langKey{}, lang)
}

// Lang returns the request's language (i18n.Default when unset).
func Lang(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	return i18n.Default
}

// L returns the localizer of the request's language.
func (k *Kit) L(r *http.Request) *i18n.Localizer { return k.I18n.Localizer(Lang(r.Context())) }

// T translates id into the request's language.
func (k *Kit) T(r *http.Request, id string, args ...any) string { return k.L(r).T(id, args...) }

// View builds the view for a page.
func (k *Kit) View(r *http.Request, title string) *View {
	lang := Lang(r.Context())
	v := &View{
		L:         k.I18n.Localizer(lang),
		Lang:      lang,
		Title:     title,
		User:      app.UserFrom(r.Context()),
		Path:      pagePath(r),
		Posted:    r.Method != http.MethodGet && r.Method != http.MethodHead,
		RequestID: RequestID(r.Context()),
	}
	if k.Sessions != nil && !sessionless(r.Context()) {
		v.Flash = k.Sessions.PopString(r.Context(), "flash")
		if v.Flash != "" {
			v.FlashUndo = k.popFlashButton(r)
		}
	}
	return v
}

// pagePath is the GET address of the page a request shows, for the
// language switch and the address bar: a GET's own URI; for a form post
// answered with a page (a 422 with field errors, an error page) it is the
// page the form was on, from the same-origin Referer, else "/" (the
// handler may set View.Path itself when it knows better). Where the form
// page and the post share a path (/login), that is the path; a page
// shown at a post-only address has its address bar set to the form's
// page by app.js, so a second post from it still names the form's page.
// The Referer's host must be this server's
// (Referrer-Policy strict-origin-when-cross-origin sends it in full
// within the site; the /lang handler checks its next address again).
func pagePath(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return r.URL.RequestURI()
	}
	ref, err := url.Parse(r.Referer())
	if err != nil || ref.Host != r.Host || ref.Path == "" || !strings.HasPrefix(ref.Path, "/") ||
		strings.HasPrefix(ref.Path, "//") || strings.ContainsRune(ref.Path, '\\') {
		return "/"
	}
	return ref.RequestURI()
}

// renderFailed handles a page that could not be rendered or sent. A client
// that went away while it was sent is logged once at info; there is
// nobody to answer.
func (k *Kit) renderFailed(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() == context.Canceled {
		LoggerFrom(r.Context(), k.Log).Info("request cancelled by the client", "err", err)
		return
	}
	LoggerFrom(r.Context(), k.Log).Error("render page", "err", err)
	http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
}

// PageFunc builds a templ page from the view of its request; the view
// carries the language, the user, the flash and any field errors.
type PageFunc func(*View) templ.Component

// HTML adapts a page handler that returns its error: a non-nil error is
// answered with the translated error page (see Error), so page handlers
// read as straight-line code with plain `return err`, as API handlers do.
func (k *Kit) HTML(fn func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			k.Error(w, r, err)
		}
	}
}

// Page renders the templ page built by page inside the layout with status
// and the already translated title. A page that fails to render is
// returned before anything is written, for the adapter's error page; one
// that cannot be sent is logged here, as the status line is already out.
func (k *Kit) Page(w http.ResponseWriter, r *http.Request, status int, title string, page PageFunc) error {
	v := k.View(r, title)
	return k.sendPage(w, r, status, v, page(v))
}

func (k *Kit) sendPage(w http.ResponseWriter, r *http.Request, status int, v *View, c templ.Component) error {
	err := k.Renderer.ExecuteComponent(w, status, v, c)
	var we errWrite
	if errors.As(err, &we) {
		k.renderFailed(w, r, err)
		return nil
	}
	return err
}

// Form answers a failed form post: when err carries field errors, the
// form built by page is rendered again with them, the error summary and
// status 422, and Form returns nil; any other error is returned for the
// adapter to answer.
func (k *Kit) Form(w http.ResponseWriter, r *http.Request, err error, title string, page PageFunc) error {
	fields, order := k.fieldErrors(r, err)
	if fields == nil {
		return err
	}
	v := k.View(r, title)
	v.Errors, v.ErrorOrder = fields, order
	v.ErrorSummary = k.T(r, "err.invalid_form")
	return k.sendPage(w, r, http.StatusUnprocessableEntity, v, page(v))
}

// Flash stores a one-time message shown on the next page (replacing
// any earlier one, with its Undo button; see FlashUndo).
func (k *Kit) Flash(r *http.Request, msg string) {
	if k.Sessions != nil {
		k.Sessions.Put(r.Context(), "flash", msg)
		k.Sessions.Remove(r.Context(), sessionFlashUndo)
	}
}

// Redirect answers 303 See Other to url.
func Redirect(w http.ResponseWriter, r *http.Request, url string) {
	http.Redirect(w, r, url, http.StatusSeeOther)
}

// Status maps an app error code to an HTTP status.
func Status(code string) int {
	switch code {
	case app.EINVALID:
		return http.StatusUnprocessableEntity
	case app.ENOTFOUND:
		return http.StatusNotFound
	case app.ECONFLICT:
		return http.StatusConflict
	case app.EFORBIDDEN:
		return http.StatusForbidden
	case app.EUNAUTH:
		return http.StatusUnauthorized
	case app.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// ErrorPage is the data of the error page.
type ErrorPage struct {
	Heading string
	Message string
	Status  int
}

// Error renders err as a translated error page with the status its code
// maps to. Only internal errors and outages are logged. A signed-out user
// who meets EUNAUTH or EFORBIDDEN on a GET is sent to the sign-in page
// instead. A database out of reach (db.IsUnavailable) is a 503 with
// Retry-After; a client that went away gets nothing and is logged at info.
func (k *Kit) Error(w http.ResponseWriter, r *http.Request, err error) {
	if clientGone(r, err) {
		LoggerFrom(r.Context(), k.Log).Info("request cancelled by the client", "err", err)
		w.WriteHeader(StatusClientClosed)
		return
	}
	code := errorCode(err)
	if (code == app.EUNAUTH || code == app.EFORBIDDEN) && app.UserFrom(r.Context()) == nil && r.Method == http.MethodGet {
		Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()))
		return
	}
	status := Status(code)
	l := k.L(r)
	page := ErrorPage{Status: status}
	switch code {
	case app.ENOTFOUND:
		page.Heading, page.Message = l.T("err.not_found_title"), l.T("err.not_found")
	case app.EFORBIDDEN, app.EUNAUTH:
		page.Heading, page.Message = l.T("err.forbidden_title"), l.T("err.forbidden")
	case app.EUNAVAILABLE:
		LoggerFrom(r.Context(), k.Log).Warn("database unavailable", "err", err)
		w.Header().Set("Retry-After", RetryAfter)
		page.Heading, page.Message = l.T("err.unavailable_title"), l.T("err.unavailable")
	case app.EINTERNAL:
		LoggerFrom(r.Context(), k.Log).Error("request failed", "err", err)
		page.Heading, page.Message = l.T("err.internal_title"), l.T("err.internal")
	default:
		page.Heading = l.T("err.invalid_form")
		page.Message = k.Message(r, err)
	}
	_ = k.ErrorPage(w, r, status, page)
}

// ErrorPage renders the error page with status; a page that fails to
// render is answered with a bare 500.
func (k *Kit) ErrorPage(w http.ResponseWriter, r *http.Request, status int, p ErrorPage) error {
	if err := k.Page(w, r, status, p.Heading, func(v *View) templ.Component { return ErrorView(v, p) }); err != nil {
		k.renderFailed(w, r, err)
	}
	return nil
}

// Message translates an application error's message for the user.
func (k *Kit) Message(r *http.Request, err error) string {
	e := app.AsError(err)
	if e == nil {
		return k.T(r, "err.internal")
	}
	if e.Key != "" {
		return k.T(r, e.Key)
	}
	switch e.Code {
	case app.ECONFLICT:
		return k.T(r, "err.conflict")
	case app.EINVALID:
		return k.T(r, "err.bad_request")
	}
	return e.Message
}

// FieldErrors translates an error's field errors; nil when it has none.
func (k *Kit) FieldErrors(r *http.Request, err error) map[string]string {
	out, _ := k.fieldErrors(r, err)
	return out
}

// fieldErrors is FieldErrors with the fields in the order the error named
// them, the order of the error summary's links.
func (k *Kit) fieldErrors(r *http.Request, err error) (map[string]string, []string) {
	e := app.AsError(err)
	if e == nil || len(e.Fields) == 0 {
		return nil, nil
	}
	l := k.L(r)
	out := make(map[string]string, len(e.Fields))
	order := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		if _, seen := out[f.Field]; !seen {
			order = append(order, f.Field)
		}
		out[f.Field] = l.TData(f.Key, f.Args)
	}
	return out, order
}

// APIError writes err as {"error": {"code", "message", "fields"}} with the
// status its code maps to (400 for invalid input in the API).
func (k *Kit) APIError(w http.ResponseWriter, r *http.Request, err error) {
	if clientGone(r, err) {
		LoggerFrom(r.Context(), k.Log).Info("request cancelled by the client", "err", err)
		w.WriteHeader(StatusClientClosed)
		return
	}
	code := errorCode(err)
	status := Status(code)
	if code == app.EINVALID {
		status = http.StatusBadRequest
	}
	body := map[string]any{"code": code, "message": k.Message(r, err)}
	switch code {
	case app.EINTERNAL:
		LoggerFrom(r.Context(), k.Log).Error("api request failed", "err", err)
		body["message"] = k.T(r, "err.internal")
	case app.EUNAVAILABLE:
		LoggerFrom(r.Context(), k.Log).Warn("database unavailable", "err", err)
		w.Header().Set("Retry-After", RetryAfter)
		body["message"] = k.T(r, "err.unavailable")
	}
	if f := k.FieldErrors(r, err); f != nil {
		body["fields"] = f
	}
	WriteJSON(w, status, map[string]any{"error": body})
}

// jsonBufs are WriteJSON's buffers, reused across requests.
var jsonBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// WriteJSON writes v as compact JSON with status and its length. It is
// encoded into a buffer first, so a value that cannot be encoded is a 500
// and never half a body. (Compact: indenting took a fifth of an API
// list's CPU; clients that want it pretty have jq.)
func WriteJSON(w http.ResponseWriter, status int, v any) {
	buf := jsonBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			jsonBufs.Put(buf)
		}
	}()
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"internal error"}}`, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// DecodeJSON decodes a JSON request body into v, refusing unknown fields,
// bodies over 1 MiB and text that is not valid UTF-8 or holds NUL (raw or
// as the \u0000 escape); errors are EINVALID.
func DecodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		return app.KeyError(app.EINVALID, "err.bad_request", "invalid JSON body")
	}
	if !utf8.Valid(body) || (bytes.Contains(body, []byte(`u0000`)) && jsonHasNUL(body)) {
		return errBadInput()
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typ):
			return app.FieldInvalid(typ.Field, "err.invalid_choice")
		case errors.As(err, &syn), strings.HasPrefix(err.Error(), "json: unknown field"):
			return app.KeyError(app.EINVALID, "err.bad_request", err.Error())
		}
		return app.KeyError(app.EINVALID, "err.bad_request", "invalid JSON body")
	}
	return nil
}

// jsonHasNUL reports whether a JSON text's strings or keys hold NUL once
// unescaped; malformed JSON reports false (the decoder refuses it).
func jsonHasNUL(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if s, ok := tok.(string); ok && strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
}

// API adapts a JSON API handler that returns its error: a non-nil error is
// written as the API's JSON error (see APIError), so handlers read as
// straight-line code with plain `return err`.
func (k *Kit) API(fn func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			k.APIError(w, r, err)
		}
	}
}
