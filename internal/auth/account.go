package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// The account page (/account) is where the signed-in owner, and only the
// owner, changes what identifies and protects their account: the sign-in
// address (after re-entering the password, confirmed by a link sent to the
// new address, with a notice to the old one), the password, their other
// sessions, their API tokens, and whether the public sees them as project
// staff. Nobody else can change an account's sign-in address: the person
// form and API keep it as it is (see person.Service.Update).

func (h *Handler) accountRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /account", h.web.HTML(h.showAccount))
	mux.HandleFunc("POST /account/email", h.web.HTML(h.requestEmailChange))
	mux.HandleFunc("GET /account/email/{token}", h.web.HTML(h.showConfirmEmail))
	mux.HandleFunc("POST /account/email/{token}", h.web.HTML(h.confirmEmail))
	mux.HandleFunc("POST /account/password", h.web.HTML(h.changePassword))
	mux.HandleFunc("POST /account/sessions/end", h.web.HTML(h.endOtherSessions))
	mux.HandleFunc("POST /account/tokens", h.web.HTML(h.createAPIToken))
	mux.HandleFunc("POST /account/tokens/{id}/revoke", h.web.HTML(h.revokeAPIToken))
	mux.HandleFunc("POST /account/listing", h.web.HTML(h.setListing))
}

// checkOwnPassword verifies the owner's password before a sensitive change
// and reports a wrong one as a field error on field. Wrong answers count
// against the account like failed sign-ins (and the account's sign-in
// lock applies here too), so the form cannot be used to guess it.
func checkOwnPassword(ctx context.Context, s *Store, acct *Account, password, field string, now time.Time) error {
	n, err := s.CountAttempts(ctx, accountKey(acct.Email), now)
	if err != nil {
		return err
	}
	if n >= MaxAccountFailures {
		return app.FieldInvalid(field, "err.too_many_requests")
	}
	if password == "" {
		return app.FieldInvalid(field, "err.required")
	}
	if acct.PasswordHash == "" || !CheckPassword(acct.PasswordHash, password) {
		if err := s.RecordAttempt(ctx, now, accountKey(acct.Email)); err != nil {
			return err
		}
		return app.FieldInvalid(field, "account.wrong_password")
	}
	return nil
}

// RequestEmailChange starts moving acct's sign-in address to newEmail once
// the owner's password checks: in one transaction it stores a one-time
// link carrying the new address, mails the link to the new address and a
// notice to the current one. The address changes only when the link is
// opened (ConfirmEmailChange). EINVALID on new_email or email_password,
// ECONFLICT (new_email) when someone else has the address.
func RequestEmailChange(ctx context.Context, d *db.DB, outbox *mail.Outbox, acct *Account, newEmail, password string, now time.Time) error {
	if outbox == nil {
		return errors.New("change address: no mail outbox configured")
	}
	newEmail = NormalizeEmail(newEmail)
	var v app.Validator
	v.Required("new_email", newEmail)
	v.MaxLen("new_email", newEmail, 254)
	v.Email("new_email", newEmail)
	v.Check(newEmail == "" || newEmail != acct.Email, "new_email", "account.email_same")
	if err := v.Err(); err != nil {
		return err
	}
	if err := checkOwnPassword(ctx, NewStore(d), acct, password, "email_password", now); err != nil {
		return err
	}
	return d.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		owner, err := s.EmailOwner(ctx, newEmail)
		if err != nil {
			return err
		}
		if owner != 0 {
			return app.FieldConflict("new_email", "account.email_taken")
		}
		secret, err := s.CreateEmailChange(ctx, acct.ID, newEmail, now)
		if err != nil {
			return err
		}
		hours := int(EmailTTL.Hours())
		if _, err := outbox.Enqueue(ctx, tx, mail.Message{
			Kind: "email_confirm", Lang: acct.Lang, To: mail.Address{Name: acct.Name, Email: newEmail},
			Data: map[string]any{"Link": outbox.URL("/account/email/" + secret), "Email": newEmail, "Hours": hours},
		}); err != nil {
			return err
		}
		_, err = outbox.Enqueue(ctx, tx, mail.Message{
			Kind: "email_notice", Lang: acct.Lang, To: mail.Address{Name: acct.Name, Email: acct.Email},
			Data: map[string]any{"Email": newEmail, "Hours": hours, "ResetLink": outbox.URL("/password/forgot")},
		})
		return err
	})
}

// ConfirmEmailChange applies the address change behind a link: the
// account's sign-in address becomes the one the link carries, and the
// link (with any other pending change) stops working. ENOTFOUND
// (auth.link_invalid) for an unknown, used or expired link or a disabled
// account; ECONFLICT when the address was taken in the meantime.
func ConfirmEmailChange(ctx context.Context, d *db.DB, secret string, now time.Time) (*Account, error) {
	var acct *Account
	err := d.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		tok, err := s.FindUserToken(ctx, secret, PurposeEmail, now)
		if err != nil {
			return err
		}
		if acct, err = s.AccountByID(ctx, tok.UserID); err != nil {
			return err
		}
		if acct.Disabled {
			return app.KeyError(app.ENOTFOUND, "auth.link_invalid", "account disabled")
		}
		if err := s.UseUserToken(ctx, tok.ID, now); err != nil {
			return err
		}
		if err := s.SetEmail(ctx, acct.PersonID, tok.NewEmail, now); err != nil {
			if app.IsCode(err, app.ECONFLICT) {
				return app.KeyError(app.ECONFLICT, "account.email_taken", "address taken meanwhile")
			}
			return err
		}
		acct.Email = tok.NewEmail
		return nil
	})
	if err != nil {
		return nil, err
	}
	return acct, nil
}

// ChangePassword replaces the owner's password after checking the current
// one; pending reset links and address changes stop working. With
// endOthers it also ends every session of the account and returns the new
// session epoch (0 otherwise) for the session that goes on.
func ChangePassword(ctx context.Context, d *db.DB, acct *Account, current, password, confirm string, endOthers bool, now time.Time) (int64, error) {
	err := ValidatePassword(password, confirm)
	if err != nil {
		return 0, err
	}
	if err := checkOwnPassword(ctx, NewStore(d), acct, current, "current_password", now); err != nil {
		return 0, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return 0, err
	}
	var epoch int64
	err = d.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		if err := s.SetPassword(ctx, acct.ID, hash); err != nil {
			return err
		}
		if err := s.UseAllUserTokens(ctx, acct.ID, now); err != nil {
			return err
		}
		if endOthers {
			var err error
			epoch, err = s.EndSessions(ctx, acct.ID)
			return err
		}
		return nil
	})
	return epoch, err
}

// CreateOwnAPIToken makes an API token for the owner after checking the
// password (a token outlives sessions and password changes, so taking one
// needs more than an open session) and returns the token, shown once.
func CreateOwnAPIToken(ctx context.Context, d *db.DB, acct *Account, name, password string, now time.Time) (string, error) {
	name = strings.TrimSpace(name)
	var v app.Validator
	v.Required("token_name", name)
	v.MaxLen("token_name", name, MaxTokenName)
	if err := v.Err(); err != nil {
		return "", err
	}
	s := NewStore(d)
	if err := checkOwnPassword(ctx, s, acct, password, "token_password", now); err != nil {
		return "", err
	}
	return s.CreateAPIToken(ctx, acct.ID, name, now)
}

// AccountPage is the account page's data.
type AccountPage struct {
	Account *Account
	// PendingEmail is a requested address not yet confirmed, valid until
	// PendingUntil.
	PendingEmail string
	PendingUntil time.Time
	Tokens       []APIToken
	// NewToken is a token just made, shown this once.
	NewToken string
	// IsStaff: the person is staff of a project, so the public listing
	// choice applies to them.
	IsStaff   bool
	Listing   string
	MinLength int
	// Values re-fill the form that failed.
	NewEmail  string
	TokenName string
}

// currentAccount returns the signed-in user's account; EUNAUTH for the
// public. Bearer tokens do not reach the account pages (they are HTML).
func (h *Handler) currentAccount(r *http.Request) (*Account, error) {
	u := app.UserFrom(r.Context())
	if err := RequireUser(u); err != nil {
		return nil, err
	}
	return h.store.AccountByID(r.Context(), u.ID)
}

func (h *Handler) accountPage(r *http.Request, acct *Account) (*AccountPage, error) {
	ctx := r.Context()
	p := &AccountPage{Account: acct, MinLength: MinPasswordLen}
	var err error
	if p.PendingEmail, p.PendingUntil, err = h.store.PendingEmailChange(ctx, acct.ID, h.web.Clock.Now()); err != nil {
		return nil, err
	}
	if p.Tokens, err = h.store.APITokens(ctx, acct.ID); err != nil {
		return nil, err
	}
	if p.IsStaff, err = h.store.IsStaff(ctx, acct.PersonID); err != nil {
		return nil, err
	}
	if p.Listing, err = h.store.PublicListing(ctx, acct.PersonID); err != nil {
		return nil, err
	}
	return p, nil
}

// renderAccount renders the account page, with err's field errors (422)
// when err is set.
func (h *Handler) renderAccount(w http.ResponseWriter, r *http.Request, p *AccountPage, err error) error {
	title := h.web.T(r, "account.title")
	page := func(v *web.View) templ.Component { return accountPageView(v, p) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showAccount(w http.ResponseWriter, r *http.Request) error {
	acct, err := h.currentAccount(r)
	if err != nil {
		return err
	}
	p, err := h.accountPage(r, acct)
	if err != nil {
		return err
	}
	return h.renderAccount(w, r, p, nil)
}

// accountForm parses the form of an account page POST and returns the
// signed-in owner's account.
func (h *Handler) accountForm(w http.ResponseWriter, r *http.Request) (*Account, error) {
	acct, err := h.currentAccount(r)
	if err != nil {
		return nil, err
	}
	if err := web.ParseForm(w, r); err != nil {
		return nil, err
	}
	return acct, nil
}

// failed re-renders the account page with a form's error, or returns the
// error for the error page when it is not the user's mistake.
func (h *Handler) failed(w http.ResponseWriter, r *http.Request, acct *Account, err error, fill func(*AccountPage)) error {
	if app.AsError(err) == nil || app.IsCode(err, app.EINTERNAL) {
		return err
	}
	p, perr := h.accountPage(r, acct)
	if perr != nil {
		return perr
	}
	if fill != nil {
		fill(p)
	}
	return h.renderAccount(w, r, p, err)
}

func (h *Handler) requestEmailChange(w http.ResponseWriter, r *http.Request) error {
	acct, err := h.accountForm(w, r)
	if err != nil {
		return err
	}
	newEmail := web.Field(r, "new_email")
	err = RequestEmailChange(r.Context(), h.db, h.mail, acct, newEmail, r.PostFormValue("email_password"), h.web.Clock.Now())
	if err != nil {
		return h.failed(w, r, acct, err, func(p *AccountPage) { p.NewEmail = newEmail })
	}
	h.web.Flash(r, h.web.T(r, "account.email_link_sent", "Email", NormalizeEmail(newEmail)))
	web.Redirect(w, r, "/account")
	return nil
}

// ConfirmEmailPage is the page behind an address change link.
type ConfirmEmailPage struct {
	Action   string
	Name     string
	NewEmail string
}

func (h *Handler) showConfirmEmail(w http.ResponseWriter, r *http.Request) error {
	secret := r.PathValue("token")
	tok, err := h.store.FindUserToken(r.Context(), secret, PurposeEmail, h.web.Clock.Now())
	var acct *Account
	if err == nil {
		acct, err = h.store.AccountByID(r.Context(), tok.UserID)
	}
	if err == nil && acct.Disabled {
		err = app.KeyError(app.ENOTFOUND, "auth.link_invalid", "account disabled")
	}
	if err != nil {
		return h.linkError(w, r, PurposeEmail, err)
	}
	// Opening the link changes nothing: a mail scanner that follows links
	// must not confirm the change; the button below does.
	p := &ConfirmEmailPage{Action: "/account/email/" + secret, Name: acct.Name, NewEmail: tok.NewEmail}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "account.confirm_title"), func(v *web.View) templ.Component { return confirmEmailView(v, p) })
}

func (h *Handler) confirmEmail(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	acct, err := ConfirmEmailChange(r.Context(), h.db, r.PathValue("token"), h.web.Clock.Now())
	if app.IsCode(err, app.ECONFLICT) && app.AsError(err).Key == "account.email_taken" {
		return h.web.ErrorPage(w, r, http.StatusConflict,
			web.ErrorPage{Status: http.StatusConflict, Heading: h.web.T(r, "account.confirm_title"), Message: h.web.T(r, "account.email_taken")})
	}
	if err != nil {
		return h.linkError(w, r, PurposeEmail, err)
	}
	h.web.Flash(r, h.web.T(r, "account.email_changed", "Email", acct.Email))
	if u := app.UserFrom(r.Context()); u != nil && u.ID == acct.ID {
		web.Redirect(w, r, "/account")
		return nil
	}
	web.Redirect(w, r, "/login")
	return nil
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) error {
	acct, err := h.accountForm(w, r)
	if err != nil {
		return err
	}
	endOthers := r.PostFormValue("end_sessions") != ""
	epoch, err := ChangePassword(r.Context(), h.db, acct, r.PostFormValue("current_password"), r.PostFormValue("password"),
		r.PostFormValue("password_confirm"), endOthers, h.web.Clock.Now())
	if err != nil {
		return h.failed(w, r, acct, err, nil)
	}
	key := "account.password_changed"
	if endOthers {
		if err := h.keepSession(r, epoch); err != nil {
			return err
		}
		key = "account.password_changed_signed_out"
	}
	h.web.Flash(r, h.web.T(r, key))
	web.Redirect(w, r, "/account")
	return nil
}

// keepSession moves this session to the account's new epoch (after the
// others were ended) under a new token.
func (h *Handler) keepSession(r *http.Request, epoch int64) error {
	if err := h.web.Sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	h.web.Sessions.Put(r.Context(), sessionEpoch, epoch)
	return nil
}

func (h *Handler) endOtherSessions(w http.ResponseWriter, r *http.Request) error {
	acct, err := h.accountForm(w, r)
	if err != nil {
		return err
	}
	epoch, err := h.store.EndSessions(r.Context(), acct.ID)
	if err != nil {
		return err
	}
	if err := h.keepSession(r, epoch); err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "account.sessions_ended"))
	web.Redirect(w, r, "/account")
	return nil
}

func (h *Handler) createAPIToken(w http.ResponseWriter, r *http.Request) error {
	acct, err := h.accountForm(w, r)
	if err != nil {
		return err
	}
	name := web.Field(r, "token_name")
	token, err := CreateOwnAPIToken(r.Context(), h.db, acct, name, r.PostFormValue("token_password"), h.web.Clock.Now())
	if err != nil {
		return h.failed(w, r, acct, err, func(p *AccountPage) { p.TokenName = name })
	}
	// The token is shown in this answer only, never stored or redirected
	// through the session.
	p, err := h.accountPage(r, acct)
	if err != nil {
		return err
	}
	p.NewToken = token
	return h.renderAccount(w, r, p, nil)
}

func (h *Handler) revokeAPIToken(w http.ResponseWriter, r *http.Request) error {
	acct, err := h.accountForm(w, r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return app.NotFound("api token")
	}
	if err := h.store.RevokeAPIToken(r.Context(), acct.ID, id, h.web.Clock.Now()); err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "account.token_revoked"))
	web.Redirect(w, r, "/account#tokens")
	return nil
}

func (h *Handler) setListing(w http.ResponseWriter, r *http.Request) error {
	acct, err := h.accountForm(w, r)
	if err != nil {
		return err
	}
	err = h.store.SetPublicListing(r.Context(), acct.PersonID, r.PostFormValue("public_listing"), h.web.Clock.Now())
	if err != nil {
		return h.failed(w, r, acct, err, nil)
	}
	h.web.Flash(r, h.web.T(r, "saved"))
	web.Redirect(w, r, "/account#listing")
	return nil
}

// PendingEmailChange returns the address of the account's pending change
// and when its link expires ("" when none).
func (s *Store) PendingEmailChange(ctx context.Context, userID int64, now time.Time) (string, time.Time, error) {
	var email string
	var until time.Time
	err := s.q.QueryRowContext(ctx, `SELECT COALESCE(new_email, ''), expires_at FROM user_tokens
		WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 ORDER BY created_at DESC, id DESC LIMIT 1`,
		userID, PurposeEmail, db.Now(now)).Scan(&email, &until)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("pending address change: %w", err)
	}
	return email, until, nil
}

// IsStaff reports whether the person is staff of any project.
func (s *Store) IsStaff(ctx context.Context, personID int64) (bool, error) {
	var ok bool
	if err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM project_staff WHERE person_id = $1)`, personID).Scan(&ok); err != nil {
		return false, fmt.Errorf("check staff: %w", err)
	}
	return ok, nil
}
