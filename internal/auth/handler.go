package auth

import (
	"context"

	"github.com/a-h/templ"
	"net/http"
	"strings"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves sign-in, sign-out and the language switch.
type Handler struct {
	web    *web.Kit
	db     *db.DB
	store  *Store
	policy *Policy
	mail   *mail.Outbox // nil: no reset or invitation mail (see WithMail)
	// throttle slows down sign-in and reset requests (see WithThrottle).
	throttle *Throttle
}

// NewHandler returns the auth handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d, store: NewStore(d), policy: NewPolicy(d, kit.Clock), throttle: NewThrottle(nil)}
}

// Routes registers the auth routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /login", h.web.HTML(h.showLogin))
	mux.HandleFunc("POST /login", h.web.HTML(h.login))
	mux.HandleFunc("POST /logout", h.web.HTML(h.logout))
	mux.HandleFunc("GET /lang/{lang}", h.web.HTML(h.setLang))
	mux.HandleFunc("POST /lang", h.web.HTML(h.saveLang))
	h.resetRoutes(mux)
	h.inviteRoutes(mux)
	h.accountRoutes(mux)
}

// LoginPage is the sign-in form.
type LoginPage struct {
	Email string
	Next  string
	Error string
}

func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request) error {
	p := &LoginPage{Next: web.SafeNext(r.URL.Query().Get("next"))}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "auth.sign_in_title"), func(v *web.View) templ.Component { return loginPage(v, p) })
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := &LoginPage{Email: web.Field(r, "email"), Next: web.SafeNext(r.PostFormValue("next"))}
	title := h.web.T(r, "auth.sign_in_title")
	page := func(v *web.View) templ.Component { return loginPage(v, p) }
	ctx, now, ip := r.Context(), h.web.Clock.Now(), ClientIP(r, h.throttle.Proxies)
	throttled, err := h.loginThrottled(ctx, p.Email, ip, now)
	if err != nil {
		return err
	}
	if throttled {
		p.Error = h.web.T(r, "err.too_many_requests")
		return h.tooManyRequests(w, r, title, page)
	}
	acct, err := Authenticate(ctx, h.store, p.Email, r.PostFormValue("password"))
	if err != nil {
		if app.IsCode(err, app.EINTERNAL) {
			return err
		}
		if err := h.store.RecordLoginFailure(ctx, p.Email, ip, now); err != nil {
			return err
		}
		p.Error = h.web.T(r, "auth.bad_credentials")
		return h.web.Page(w, r, http.StatusUnprocessableEntity, title, page)
	}
	if err := h.store.ClearLoginFailures(ctx, acct.Email); err != nil {
		return err
	}
	if err := h.SignIn(r, acct); err != nil {
		return err
	}
	web.Redirect(w, r, p.Next)
	return nil
}

// Session keys.
const (
	sessionUser  = "user_id"
	sessionEpoch = "epoch" // the account's session epoch at sign-in
)

// SignIn starts a session for acct (renewing the token against fixation).
// The session carries the account's session epoch, so that ending the
// account's sessions (EndSessions) ends this one too.
func (h *Handler) SignIn(r *http.Request, acct *Account) error {
	ctx := r.Context()
	if err := h.web.Sessions.RenewToken(ctx); err != nil {
		return err
	}
	h.web.Sessions.Put(ctx, sessionUser, acct.ID)
	h.web.Sessions.Put(ctx, sessionEpoch, acct.SessionEpoch)
	return h.store.TouchLogin(ctx, acct.ID, h.web.Clock.Now())
}

// Authenticate checks an e-mail and password. Any failure is the same
// EUNAUTH, so callers cannot tell which part was wrong.
func Authenticate(ctx context.Context, s *Store, email, password string) (*Account, error) {
	fail := app.KeyError(app.EUNAUTH, "auth.bad_credentials", "wrong e-mail or password")
	acct, err := s.AccountByEmail(ctx, email)
	if app.IsCode(err, app.ENOTFOUND) {
		CheckPassword(dummyHash, password)
		return nil, fail
	}
	if err != nil {
		return nil, err
	}
	if acct.Disabled || acct.PasswordHash == "" || !CheckPassword(acct.PasswordHash, password) {
		return nil, fail
	}
	return acct, nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	if err := h.web.Sessions.Destroy(r.Context()); err != nil {
		return err
	}
	web.Redirect(w, r, "/")
	return nil
}

// setLang keeps an explicit language choice in a cookie and returns to
// next. It is the switch for the public and for browsers without forms:
// a GET that a link preview or a crawler may follow, so it changes
// nothing stored (the signed-in user's preference is saveLang's).
func (h *Handler) setLang(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	if !i18n.Supported(lang) {
		return app.NotFound("language")
	}
	h.langCookie(w, lang)
	// Query() has decoded next once, as langURL encoded it once; decoding
	// it again would turn %2F into / (and + into a space) behind
	// SafeNext's back.
	web.Redirect(w, r, web.SafeNext(r.URL.Query().Get("next")))
	return nil
}

// saveLang is the language switch of a signed-in user (a form in the
// layout): it sets the cookie and stores the choice as the user's
// preference, which mail in their language follows.
func (h *Handler) saveLang(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	lang := web.Field(r, "lang")
	if !i18n.Supported(lang) {
		return app.FieldInvalid("lang", "err.invalid_choice")
	}
	h.langCookie(w, lang)
	if u := app.UserFrom(r.Context()); u != nil {
		if err := h.store.SetLang(r.Context(), u.PersonID, lang); err != nil {
			return err
		}
	}
	web.Redirect(w, r, web.SafeNext(r.PostFormValue("next")))
	return nil
}

func (h *Handler) langCookie(w http.ResponseWriter, lang string) {
	http.SetCookie(w, &http.Cookie{Name: web.LangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, // #nosec G124 -- HttpOnly, SameSite=Lax; Secure like the session cookie (on under https://)
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.web.Sessions.Cookie.Secure})
}

// LoadUser puts the signed-in user (from the session) into the request
// context. A disabled or deleted account ends the session, and so does an
// account whose sessions were ended (a password reset, "sign out
// everywhere else") since this one began.
func LoadUser(kit *web.Kit, store *Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if h := r.Header.Get("Authorization"); h != "" {
				token, ok := strings.CutPrefix(h, "Bearer ")
				acct, err := store.AccountByAPIToken(r.Context(), strings.TrimSpace(token), kit.Clock.Now())
				if !ok || err != nil || acct.Disabled {
					if err != nil && !app.IsCode(err, app.ENOTFOUND) {
						kit.APIError(w, r, err)
						return
					}
					kit.APIError(w, r, app.KeyError(app.EUNAUTH, "err.unauthorized", "invalid bearer token"))
					return
				}
				u := acct.User()
				ctx := app.WithUser(r.Context(), u)
				next.ServeHTTP(w, r.WithContext(web.WithUserLogger(ctx, kit.Log, u)))
				return
			}
			id := kit.Sessions.GetInt64(r.Context(), sessionUser)
			if id == 0 {
				next.ServeHTTP(w, r)
				return
			}
			acct, err := store.AccountByID(r.Context(), id)
			if err != nil && !app.IsCode(err, app.ENOTFOUND) {
				kit.Error(w, r, err)
				return
			}
			if err != nil || acct.Disabled || acct.SessionEpoch != kit.Sessions.GetInt64(r.Context(), sessionEpoch) {
				kit.Sessions.Remove(r.Context(), sessionUser)
				kit.Sessions.Remove(r.Context(), sessionEpoch)
				next.ServeHTTP(w, r)
				return
			}
			u := acct.User()
			ctx := app.WithUser(r.Context(), u)
			ctx = web.WithUserLogger(ctx, kit.Log, u)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
