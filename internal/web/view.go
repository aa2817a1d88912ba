package web

import (
	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// View is what every page receives besides its own typed data: the
// translated chrome (user, language, flash, field errors).
type View struct {
	L     *i18n.Localizer
	Lang  string
	Title string
	User  *app.User
	// Path is the page's own GET address (path and query): where the
	// language switch returns and, after a form post answered with a
	// page, what the address bar is set to (app.js), so reloading or
	// switching language shows the form's page and never the post's URL.
	// Kit.View sets it (see pagePath); a handler that knows better may
	// set it in its PageFunc before it returns the page.
	Path string
	// Posted is true when the page answers a form post (not a GET).
	Posted       bool
	Flash        string
	FlashUndo    *FlashButton // the flash's Undo button, or nil
	Errors       map[string]string
	ErrorOrder   []string // Errors' fields in the order the summary links them
	ErrorSummary string
	RequestID    string
}

// T translates id; args are key/value pairs.
func (v *View) T(id string, args ...any) string { return v.L.T(id, args...) }

// Err returns the translated error of a form field, or "".
func (v *View) Err(field string) string { return v.Errors[field] }

// Langs lists the selectable languages.
func (v *View) Langs() []string { return i18n.Langs }

// SignedIn reports whether a user is signed in.
func (v *View) SignedIn() bool { return v.User != nil }

// SummaryLink is one line of the error summary: a field's error that
// links to the field.
type SummaryLink struct {
	Field   string
	Message string
}

// summaryLinks lists the field errors in the order the error named them.
func (v *View) summaryLinks() []SummaryLink {
	out := make([]SummaryLink, 0, len(v.ErrorOrder))
	for _, f := range v.ErrorOrder {
		if msg := v.Errors[f]; msg != "" {
			out = append(out, SummaryLink{Field: f, Message: msg})
		}
	}
	return out
}
