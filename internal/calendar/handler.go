package calendar

import (
	"database/sql"

	"github.com/a-h/templ"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the calendar page and the feeds.
type Handler struct {
	web    *web.Kit
	db     *db.DB
	store  *Store
	outbox *mail.Outbox
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d, store: NewStore(d)}
}

// WithOutbox sets the outbox whose base URL makes the feed addresses and
// meeting links absolute and whose host names the UIDs, so that they are
// those of the invitation mails. Without one they come from the request.
func (h *Handler) WithOutbox(o *mail.Outbox) *Handler {
	h.outbox = o
	return h
}

// Routes registers the calendar routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /calendar", h.web.HTML(h.showCalendar))
	mux.HandleFunc("POST /calendar/token", h.web.HTML(h.createToken))
	mux.HandleFunc("POST /calendar/token/delete", h.web.HTML(h.revokeToken))
	// The wildcard is a whole segment: "{token}.ics" is checked in the
	// handler.
	mux.HandleFunc("GET /calendar/{file}", h.web.HTML(h.personalFeed))
	mux.HandleFunc("GET /networks/{id}/calendar.ics", h.web.HTML(h.networkFeed))
}

// base returns the site's base URL (no trailing slash) and the host that
// names UIDs.
func (h *Handler) base(r *http.Request) (baseURL, host string) {
	if h.outbox != nil {
		return h.outbox.URL(""), h.outbox.Host()
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host = r.Host
	if hn, _, err := net.SplitHostPort(host); err == nil {
		host = hn
	}
	return scheme + "://" + r.Host, host
}

// NetworkFeed is a network's feed on the calendar page.
type NetworkFeed struct {
	Network
	URL string
}

// Page is the calendar page.
type Page struct {
	// Token is the working token (nil when none).
	Token *Token
	// FeedURL is the personal feed's address, known only right after it
	// was made; WebcalURL is the same with the webcal: scheme.
	FeedURL   string
	WebcalURL string
	Revoked   bool
	Networks  []NetworkFeed
}

// CreatedDate formats when the token was made, in Helsinki time.
func (p *Page) CreatedDate() string {
	if p.Token == nil {
		return ""
	}
	return p.Token.CreatedAt.In(app.Helsinki).Format("2.1.2006")
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, u *app.User, p *Page) error {
	ctx := r.Context()
	t, err := h.store.ActiveToken(ctx, u.ID)
	switch {
	case err == nil:
		p.Token = t
	case !app.IsCode(err, app.ENOTFOUND):
		return err
	}
	nets, err := h.store.Networks(ctx, u.PersonID, h.web.Clock.Now())
	if err != nil {
		return err
	}
	base, _ := h.base(r)
	for _, n := range nets {
		p.Networks = append(p.Networks, NetworkFeed{Network: n, URL: base + networkFeedPath(n.ID)})
	}
	// The page may show a secret: keep it out of caches and history.
	w.Header().Set("Cache-Control", "no-store")
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "calendar.title"), func(v *web.View) templ.Component { return calendarPage(v, p) })
}

func networkFeedPath(id int64) string {
	return "/networks/" + strconv.FormatInt(id, 10) + "/calendar.ics"
}

// newFeedKey is the session key under which a just-made secret waits for
// the redirect that shows it once (see createToken).
const newFeedKey = "calendar_new_feed"

// newFeedShownFor is how long after its making a new address is still
// shown: a secret popped from the session later than this (the redirect was
// never followed) is dropped unseen.
const newFeedShownFor = 10 * time.Minute

func (h *Handler) showCalendar(w http.ResponseWriter, r *http.Request) error {
	u := app.UserFrom(r.Context())
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	p := &Page{}
	if h.web.Sessions != nil {
		// Popped, so a reload no longer shows it; shown only while it is
		// the user's working, fresh address.
		if secret := h.web.Sessions.PopString(r.Context(), newFeedKey); secret != "" {
			o, err := h.store.Owner(r.Context(), secret)
			switch {
			case err == nil && o.UserID == u.ID:
				if t, err := h.store.ActiveToken(r.Context(), u.ID); err == nil && h.web.Clock.Now().Sub(t.CreatedAt) < newFeedShownFor {
					h.showSecret(r, p, secret)
				}
			case err != nil && !app.IsCode(err, app.ENOTFOUND):
				return err
			}
		}
	}
	return h.render(w, r, u, p)
}

// showSecret puts the feed's address, and the same with the webcal:
// scheme, on the page.
func (h *Handler) showSecret(r *http.Request, p *Page, secret string) {
	base, _ := h.base(r)
	p.FeedURL = base + "/calendar/" + secret + ".ics"
	if i := strings.Index(p.FeedURL, "://"); i > 0 {
		p.WebcalURL = "webcal" + p.FeedURL[i:]
	}
}

// createToken makes a new secret address (revoking the old) and redirects
// to the calendar page, which shows it once: the secret waits in the
// server-side session (never in a URL, a cookie or a log) until that page
// pops it, so a reload neither shows it again nor makes another.
// Replacing a working address breaks the calendars subscribed to it, so it
// needs replace=1, sent by the confirmation on the page; without it the
// user is sent back to the page to confirm.
func (h *Handler) createToken(w http.ResponseWriter, r *http.Request) error {
	u := app.UserFrom(r.Context())
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	if r.PostFormValue("replace") != "1" {
		_, err := h.store.ActiveToken(r.Context(), u.ID)
		switch {
		case err == nil:
			h.web.Flash(r, h.web.T(r, "calendar.confirm_first"))
			web.Redirect(w, r, "/calendar#personal-feed")
			return nil
		case !app.IsCode(err, app.ENOTFOUND):
			return err
		}
	}
	var secret string
	err := h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		var err error
		secret, err = NewStore(tx).CreateToken(r.Context(), u.ID, h.web.Clock.Now())
		return err
	})
	if err != nil {
		return err
	}
	if h.web.Sessions == nil {
		// No sessions (a bare kit in tests): show it in the answer.
		p := &Page{}
		h.showSecret(r, p, secret)
		return h.render(w, r, u, p)
	}
	h.web.Sessions.Put(r.Context(), newFeedKey, secret)
	web.Redirect(w, r, "/calendar")
	return nil
}

func (h *Handler) revokeToken(w http.ResponseWriter, r *http.Request) error {
	u := app.UserFrom(r.Context())
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	if err := h.store.RevokeTokens(r.Context(), u.ID, h.web.Clock.Now()); err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "calendar.revoked"))
	web.Redirect(w, r, "/calendar")
	return nil
}

// personalFeed serves /calendar/{token}.ics. Anyone holding the secret
// may read it; an unknown or revoked one is 404.
func (h *Handler) personalFeed(w http.ResponseWriter, r *http.Request) error {
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || secret == "" {
		return app.NotFound("calendar")
	}
	ctx := r.Context()
	o, err := h.store.Owner(ctx, secret)
	if err != nil {
		return err
	}
	now := h.web.Clock.Now()
	ms, err := h.store.PersonalMeetings(ctx, o.PersonID, now)
	if err != nil {
		return err
	}
	lang := o.Lang
	if !i18n.Supported(lang) {
		lang = i18n.Default
	}
	name := h.web.I18n.Localizer(lang).T("calendar.feed_name", "Name", o.Name)
	// Private: the feed has remote links and shows whose calendar it is.
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Header().Set("X-Robots-Tag", "noindex")
	h.writeFeed(w, r, ms, name, true, now, lang)
	return nil
}

// networkFeed serves a network's public feed.
func (h *Handler) networkFeed(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	n, err := h.store.Network(ctx, id)
	if err != nil {
		return err
	}
	now := h.web.Clock.Now()
	ms, err := h.store.NetworkMeetings(ctx, id, now)
	if err != nil {
		return err
	}
	// A public feed has no owner whose language to follow, and calendar
	// apps fetch it without the site's language cookie: Finnish, the
	// language every meeting has (and one answer for a shared cache).
	w.Header().Set("Cache-Control", "public, max-age=300")
	h.writeFeed(w, r, ms, "Kohtaamo: "+n.Name, false, now, i18n.Default)
	return nil
}

func (h *Handler) writeFeed(w http.ResponseWriter, r *http.Request, ms []Meeting, name string, links bool, now time.Time, lang string) {
	base, host := h.base(r)
	body := Feed(ms, FeedOptions{Name: name, Host: host, URL: func(p string) string { return base + p }, ShowLinks: links, Now: now,
		Lang: lang})
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="kohtaamo.ics"`)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(body))
	}
}
