// Package admin serves the platform administrators' pages: an index, the
// mail outbox (every message the platform composed, with its delivery
// status; the only place mail shows when no SMTP server is configured) and
// the list of accounts.
package admin

import (
	"fmt"

	"github.com/a-h/templ"
	"net/http"
	"regexp"
	"strings"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// PerPage is the length of the admin lists.
const PerPage = 50

// Handler serves /admin.
type Handler struct {
	web  *web.Kit
	db   *db.DB
	mail *mail.Store
	auth *auth.Store
}

// NewHandler returns the admin handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d, mail: mail.NewStore(d), auth: auth.NewStore(d)}
}

// Routes registers the admin routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /admin", h.admin(h.showIndex))
	mux.HandleFunc("GET /admin/outbox", h.admin(h.listOutbox))
	mux.HandleFunc("GET /admin/outbox/{id}", h.admin(h.showMessage))
	mux.HandleFunc("GET /admin/accounts", h.admin(h.listAccounts))
}

// admin lets platform admins through; the public is sent to sign in and
// everyone else gets 403.
func (h *Handler) admin(next func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return h.web.HTML(func(w http.ResponseWriter, r *http.Request) error {
		u := app.UserFrom(r.Context())
		if err := auth.RequireUser(u); err != nil {
			return err
		}
		if !u.IsAdmin {
			return app.Forbidden()
		}
		return next(w, r)
	})
}

func (h *Handler) showIndex(w http.ResponseWriter, r *http.Request) error {
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "admin.title"), indexPage)
}

// Pager is the paging of an admin list.
type Pager struct {
	Page    int
	Total   int
	PrevURL string
	NextURL string
}

func pager(path string, page, total int) Pager {
	p := Pager{Page: page, Total: total}
	if page > 1 {
		p.PrevURL = fmt.Sprintf("%s?page=%d", path, page-1)
	}
	if page*PerPage < total {
		p.NextURL = fmt.Sprintf("%s?page=%d", path, page+1)
	}
	return p
}

// OutboxPage lists mail deliveries.
type OutboxPage struct {
	Items []*mail.Delivery
	Pager Pager
}

func (h *Handler) listOutbox(w http.ResponseWriter, r *http.Request) error {
	page := web.PageParam(r)
	items, total, err := h.mail.List(r.Context(), PerPage, (page-1)*PerPage)
	if err != nil {
		return err
	}
	for _, d := range items {
		d.Subject = maskSecrets(d.Subject)
	}
	p := &OutboxPage{Items: items, Pager: pager("/admin/outbox", page, total)}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "admin.outbox_title"), func(v *web.View) templ.Component { return outboxPage(v, p) })
}

// MessagePage shows one delivery and its message.
type MessagePage struct {
	D          *mail.Delivery
	Paragraphs [][]Line
}

// Line is one line of a plain-text message; a line that is a bare URL
// becomes a link (long links would not fit a phone screen as text).
type Line struct {
	Text string
	URL  string
}

// secretLink matches the secret of a one-time link: password reset,
// invitation, e-mail address confirmation, personal calendar feed.
var secretLink = regexp.MustCompile(`(/password/reset/|/invitations/|/account/email/|/calendar/)([A-Za-z0-9_-]{16,})`)

// maskSecrets hides the secrets of one-time links in mail text shown to
// admins: a live reset or invitation link in the outbox would let an admin
// (or whoever looks over their shoulder) take over the account. The last
// four characters stay, so links can still be told apart.
func maskSecrets(s string) string {
	return secretLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := secretLink.FindStringSubmatch(m)
		return sub[1] + "…" + sub[2][len(sub[2])-4:]
	})
}

// paragraphs splits a plain-text body into paragraphs of lines, with the
// secrets of one-time links masked (and those lines shown as text, as the
// masked link leads nowhere).
func paragraphs(text string) [][]Line {
	var out [][]Line
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		var lines []Line
		for _, l := range strings.Split(strings.Trim(para, "\n"), "\n") {
			masked := maskSecrets(l)
			if masked == l && (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(l, " \t") {
				lines = append(lines, Line{URL: l})
			} else {
				lines = append(lines, Line{Text: masked})
			}
		}
		if len(lines) > 0 && (len(lines) > 1 || lines[0] != (Line{})) {
			out = append(out, lines)
		}
	}
	return out
}

func (h *Handler) showMessage(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	d, err := h.mail.Delivery(r.Context(), id)
	if err != nil {
		return err
	}
	d.Subject, d.LastError = maskSecrets(d.Subject), maskSecrets(d.LastError)
	p := &MessagePage{D: d, Paragraphs: paragraphs(d.Text)}
	return h.web.Page(w, r, http.StatusOK, d.Subject, func(v *web.View) templ.Component { return messagePage(v, p) })
}

// AccountsPage lists accounts.
type AccountsPage struct {
	Items []*auth.Account
	Pager Pager
}

func (h *Handler) listAccounts(w http.ResponseWriter, r *http.Request) error {
	page := web.PageParam(r)
	items, total, err := h.auth.ListAccounts(r.Context(), PerPage, (page-1)*PerPage)
	if err != nil {
		return err
	}
	p := &AccountsPage{Items: items, Pager: pager("/admin/accounts", page, total)}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "admin.accounts_title"), func(v *web.View) templ.Component { return accountsPage(v, p) })
}
