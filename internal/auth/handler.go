package auth

import (
	"context"
	"net/http"
	"net/url"
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
}

// NewHandler returns the auth handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d, store: NewStore(d), policy: NewPolicy(d)}
}

// Routes registers the auth routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /login", h.showLogin)
	mux.HandleFunc("POST /login", h.login)
	mux.HandleFunc("POST /logout", h.logout)
	mux.HandleFunc("GET /lang/{lang}", h.setLang)
	h.resetRoutes(mux)
	h.inviteRoutes(mux)
}

// LoginPage is the sign-in form.
type LoginPage struct {
	Email string
	Next  string
	Error string
}

func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request) {
	h.web.Render(w, r, http.StatusOK, "auth/login", h.web.T(r, "auth.sign_in_title"),
		LoginPage{Next: web.SafeNext(r.URL.Query().Get("next"))})
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	page := LoginPage{Email: web.Field(r, "email"), Next: web.SafeNext(r.PostFormValue("next"))}
	ctx, now, ip := r.Context(), h.web.Clock.Now(), ClientIP(r)
	throttled, err := h.store.LoginThrottled(ctx, page.Email, ip, now)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if throttled {
		page.Error = h.web.T(r, "err.too_many_requests")
		h.tooManyRequests(w, r, "auth/login", h.web.T(r, "auth.sign_in_title"), page)
		return
	}
	acct, err := Authenticate(ctx, h.store, page.Email, r.PostFormValue("password"))
	if err != nil {
		if app.IsCode(err, app.EINTERNAL) {
			h.web.Error(w, r, err)
			return
		}
		if err := h.store.RecordLoginFailure(ctx, page.Email, ip, now); err != nil {
			h.web.Error(w, r, err)
			return
		}
		page.Error = h.web.T(r, "auth.bad_credentials")
		h.web.Render(w, r, http.StatusUnprocessableEntity, "auth/login", h.web.T(r, "auth.sign_in_title"), page)
		return
	}
	if err := h.store.ClearLoginFailures(ctx, acct.Email); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := h.SignIn(r, acct); err != nil {
		h.web.Error(w, r, err)
		return
	}
	web.Redirect(w, r, page.Next)
}

// SignIn starts a session for acct (renewing the token against fixation).
func (h *Handler) SignIn(r *http.Request, acct *Account) error {
	ctx := r.Context()
	if err := h.web.Sessions.RenewToken(ctx); err != nil {
		return err
	}
	h.web.Sessions.Put(ctx, "user_id", acct.ID)
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

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if err := h.web.Sessions.Destroy(r.Context()); err != nil {
		h.web.Error(w, r, err)
		return
	}
	web.Redirect(w, r, "/")
}

// setLang stores an explicit language choice in a cookie and, for a
// signed-in user, as their preference.
func (h *Handler) setLang(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if !i18n.Supported(lang) {
		h.web.Error(w, r, app.NotFound("language"))
		return
	}
	http.SetCookie(w, &http.Cookie{Name: web.LangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.web.Sessions.Cookie.Secure})
	if u := app.UserFrom(r.Context()); u != nil {
		if err := h.store.SetLang(r.Context(), u.PersonID, lang); err != nil {
			h.web.Error(w, r, err)
			return
		}
	}
	next, _ := url.QueryUnescape(r.URL.Query().Get("next"))
	web.Redirect(w, r, web.SafeNext(next))
}

// LoadUser puts the signed-in user (from the session) into the request
// context. A disabled or deleted account ends the session.
func LoadUser(kit *web.Kit, store *Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if h := r.Header.Get("Authorization"); h != "" {
				token, ok := strings.CutPrefix(h, "Bearer ")
				acct, err := store.AccountByAPIToken(r.Context(), strings.TrimSpace(token))
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
			id := kit.Sessions.GetInt64(r.Context(), "user_id")
			if id == 0 {
				next.ServeHTTP(w, r)
				return
			}
			acct, err := store.AccountByID(r.Context(), id)
			if err != nil || acct.Disabled {
				if err != nil && !app.IsCode(err, app.ENOTFOUND) {
					kit.Error(w, r, err)
					return
				}
				kit.Sessions.Remove(r.Context(), "user_id")
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
