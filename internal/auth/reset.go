package auth

import (
	"context"

	"database/sql"
	"errors"
	"fmt"
	"github.com/a-h/templ"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Password rules.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 200
)

// WithMail gives the handler the outbox for reset and invitation mail.
func (h *Handler) WithMail(o *mail.Outbox) *Handler {
	h.mail = o
	return h
}

func (h *Handler) resetRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /password/forgot", h.web.HTML(h.showForgot))
	mux.HandleFunc("POST /password/forgot", h.web.HTML(h.forgot))
	mux.HandleFunc("GET /password/reset/{token}", h.web.HTML(h.showSetPassword(PurposeReset)))
	mux.HandleFunc("POST /password/reset/{token}", h.web.HTML(h.setPassword(PurposeReset)))
}

// ForgotPage is the "forgot your password" form.
type ForgotPage struct {
	Email string
	Error string
}

func (h *Handler) showForgot(w http.ResponseWriter, r *http.Request) error {
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "auth.forgot_title"), func(v *web.View) templ.Component { return forgotPage(v, &ForgotPage{}) })
}

// forgot answers the same for every well-formed address, whether or not an
// account exists, so the form does not tell who has an account.
func (h *Handler) forgot(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	title := h.web.T(r, "auth.forgot_title")
	p := &ForgotPage{Email: web.Field(r, "email")}
	page := func(v *web.View) templ.Component { return forgotPage(v, p) }
	var v app.Validator
	v.Required("email", p.Email)
	v.MaxLen("email", p.Email, 254)
	v.Email("email", NormalizeEmail(p.Email))
	if err := v.Err(); err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	ctx, now, ip := r.Context(), h.web.Clock.Now(), ClientIP(r, h.throttle.Proxies)
	// Many requests from the address slow it down, never lock it; each
	// account gets at most MaxResetMails (sendReset).
	ok, err := h.slowDown(ctx, resetIPKey(ip), MaxResetRequests, now)
	if err != nil {
		return err
	}
	if !ok {
		p.Error = h.web.T(r, "err.too_many_requests")
		return h.tooManyRequests(w, r, title, page)
	}
	if err := h.sendReset(ctx, p.Email, ip, now); err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "auth.reset_sent"))
	web.Redirect(w, r, "/login")
	return nil
}

// sendReset queues a reset mail when an active account has the address
// and it has not had MaxResetMails in the window (so the form cannot be
// used to flood someone's mailbox).
func (h *Handler) sendReset(ctx context.Context, email, ip string, now time.Time) error {
	if h.mail == nil {
		return errors.New("password reset: no mail outbox configured")
	}
	return h.db.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		if err := s.RecordAttempt(ctx, now, resetIPKey(ip)); err != nil {
			return err
		}
		acct, err := s.AccountByEmail(ctx, email)
		if app.IsCode(err, app.ENOTFOUND) {
			return nil
		}
		if err != nil {
			return err
		}
		if acct.Disabled {
			return nil
		}
		n, err := s.CountAttempts(ctx, resetKey(acct.Email), now)
		if err != nil || n >= MaxResetMails {
			return err
		}
		if err := s.RecordAttempt(ctx, now, resetKey(acct.Email)); err != nil {
			return err
		}
		secret, err := s.CreateUserToken(ctx, acct.ID, PurposeReset, ResetTTL, now)
		if err != nil {
			return err
		}
		_, err = h.mail.Enqueue(ctx, tx, mail.Message{
			Kind: "reset", Lang: acct.Lang, To: mail.Address{Name: acct.Name, Email: acct.Email},
			Data: map[string]any{"Link": h.mail.URL("/password/reset/" + secret), "Hours": int(ResetTTL.Hours())},
		})
		return err
	})
}

// SetPasswordPage is the form behind a reset or invitation link.
type SetPasswordPage struct {
	Action    string
	Invite    bool
	Name      string
	Email     string
	MinLength int
}

// LinkInvalidPage is shown for an unknown, expired or used link.
type LinkInvalidPage struct {
	Invite bool
	Email  bool // an address change link: a new one is asked on the account page
}

func linkPath(purpose, secret string) string {
	if purpose == PurposeInvite {
		return "/invitations/" + secret
	}
	return "/password/reset/" + secret
}

func titleKey(purpose string) string {
	if purpose == PurposeInvite {
		return "auth.invite_title"
	}
	return "auth.reset_title"
}

// linkAccount resolves a link's secret to its token and active account;
// ENOTFOUND (auth.link_invalid) when the link is unknown, expired, used or
// its account disabled.
func (h *Handler) linkAccount(ctx context.Context, s *Store, secret, purpose string) (*UserToken, *Account, error) {
	tok, err := s.FindUserToken(ctx, secret, purpose, h.web.Clock.Now())
	if err != nil {
		return nil, nil, err
	}
	acct, err := s.AccountByID(ctx, tok.UserID)
	if err != nil {
		return nil, nil, err
	}
	if acct.Disabled {
		return nil, nil, app.KeyError(app.ENOTFOUND, "auth.link_invalid", "account disabled")
	}
	return tok, acct, nil
}

// linkError answers a link that is unknown, expired, used or whose
// account is disabled with the page that says so (404); any other error
// is returned.
func (h *Handler) linkError(w http.ResponseWriter, r *http.Request, purpose string, err error) error {
	if app.IsCode(err, app.ENOTFOUND) || app.IsCode(err, app.ECONFLICT) {
		p := &LinkInvalidPage{Invite: purpose == PurposeInvite, Email: purpose == PurposeEmail}
		return h.web.Page(w, r, http.StatusNotFound, h.web.T(r, "auth.link_invalid_title"),
			func(v *web.View) templ.Component { return linkInvalidPage(v, p) })
	}
	return err
}

// setPasswordForm builds the form behind a reset or invitation link.
func setPasswordForm(purpose, secret string, acct *Account) web.PageFunc {
	p := &SetPasswordPage{Action: linkPath(purpose, secret), Invite: purpose == PurposeInvite, Name: acct.Name, Email: acct.Email, MinLength: MinPasswordLen}
	return func(v *web.View) templ.Component { return setPasswordPage(v, p) }
}

func (h *Handler) showSetPassword(purpose string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		secret := r.PathValue("token")
		_, acct, err := h.linkAccount(r.Context(), h.store, secret, purpose)
		if err != nil {
			return h.linkError(w, r, purpose, err)
		}
		return h.web.Page(w, r, http.StatusOK, h.web.T(r, titleKey(purpose)), setPasswordForm(purpose, secret, acct))
	}
}

// ValidatePassword checks a new password and its confirmation.
func ValidatePassword(pw, confirm string) error {
	var v app.Validator
	v.Required("password", pw)
	if pw != "" && utf8.RuneCountInString(pw) < MinPasswordLen {
		v.Add("password", "auth.password_too_short", map[string]any{"Min": MinPasswordLen})
	}
	v.MaxLen("password", pw, MaxPasswordLen)
	v.Required("password_confirm", confirm)
	if confirm != "" {
		v.Check(pw == confirm, "password_confirm", "auth.password_mismatch")
	}
	return v.Err()
}

// setPassword sets the password of a link's account, uses up the link
// (and every other open link of the account, pending address changes
// too), ends every session of the account and signs the user in.
func (h *Handler) setPassword(purpose string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := web.ParseForm(w, r); err != nil {
			return err
		}
		ctx, secret := r.Context(), r.PathValue("token")
		_, acct, err := h.linkAccount(ctx, h.store, secret, purpose)
		if err != nil {
			return h.linkError(w, r, purpose, err)
		}
		pw := r.PostFormValue("password")
		if err := ValidatePassword(pw, r.PostFormValue("password_confirm")); err != nil {
			return h.web.Form(w, r, err, h.web.T(r, titleKey(purpose)), setPasswordForm(purpose, secret, acct))
		}
		hash, err := HashPassword(pw) // before the transaction: it takes a while
		if err != nil {
			return err
		}
		now := h.web.Clock.Now()
		err = h.db.WithTx(ctx, func(tx *sql.Tx) error {
			s := NewStore(tx)
			tok, acct2, err := h.linkAccount(ctx, s, secret, purpose)
			if err != nil {
				return err
			}
			if acct2.ID != acct.ID {
				return app.KeyError(app.ECONFLICT, "auth.link_invalid", "link changed hands")
			}
			if err := s.UseUserToken(ctx, tok.ID, now); err != nil {
				return err
			}
			if err := s.UseAllUserTokens(ctx, acct.ID, now); err != nil {
				return err
			}
			if err := s.SetPassword(ctx, acct.ID, hash); err != nil {
				return err
			}
			// Whoever knew the old password may still be signed in
			// somewhere: a new password ends every session, and the one
			// started below carries the new epoch.
			if acct.SessionEpoch, err = s.EndSessions(ctx, acct.ID); err != nil {
				return err
			}
			return s.ClearLoginFailures(ctx, acct.Email)
		})
		if err != nil {
			return h.linkError(w, r, purpose, err)
		}
		if err := h.SignIn(r, acct); err != nil {
			return err
		}
		h.web.Flash(r, h.web.T(r, "auth.password_set"))
		web.Redirect(w, r, "/")
		return nil
	}
}

// UseAllUserTokens marks every open one-time link of the account used, so
// an older reset or invitation mail stops working once a password is set.
func (s *Store) UseAllUserTokens(ctx context.Context, userID int64, now time.Time) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE user_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL`, db.Now(now), userID); err != nil {
		return fmt.Errorf("use all tokens: %w", err)
	}
	return nil
}
