package auth

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

func (h *Handler) inviteRoutes(mux *web.Mux) {
	mux.HandleFunc("POST /people/{id}/invite", h.web.HTML(h.invite))
	mux.HandleFunc("GET /invitations/{token}", h.web.HTML(h.showSetPassword(PurposeInvite)))
	mux.HandleFunc("POST /invitations/{token}", h.web.HTML(h.setPassword(PurposeInvite)))
}

// Invitee is the person an invitation goes to.
type Invitee struct {
	PersonID int64
	Name     string
	Email    string
	Lang     string
}

// Invitee returns a person's name, e-mail and language; ENOTFOUND when
// the person does not exist.
func (s *Store) Invitee(ctx context.Context, personID int64) (*Invitee, error) {
	var p Invitee
	err := s.q.QueryRowContext(ctx, `SELECT id, name, COALESCE(email, ''), lang FROM people WHERE id = $1`, personID).
		Scan(&p.PersonID, &p.Name, &p.Email, &p.Lang)
	if err != nil {
		return nil, db.NotFound(err, "person", "get invitee")
	}
	return &p, nil
}

// Invite creates an account without a password for the person when they
// have none, and queues an invitation mail with a link where they set a
// password, all in one transaction. EINVALID (auth.invite_no_email) when
// the person has no e-mail address; ECONFLICT (auth.invite_active) when
// their account already has a password, (auth.account_disabled) when it is
// disabled.
func Invite(ctx context.Context, d *db.DB, outbox *mail.Outbox, inviter *app.User, personID int64, now time.Time) (*Invitee, error) {
	if outbox == nil {
		return nil, fmt.Errorf("invite: no mail outbox configured")
	}
	var p *Invitee
	err := d.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		var err error
		p, err = s.Invitee(ctx, personID)
		if err != nil {
			return err
		}
		if p.Email == "" {
			return app.KeyError(app.EINVALID, "auth.invite_no_email", "the person has no e-mail address")
		}
		acct, err := s.AccountByPerson(ctx, personID)
		switch {
		case app.IsCode(err, app.ENOTFOUND):
			id, err := s.CreateAccount(ctx, personID, false, now)
			if err != nil {
				return err
			}
			if acct, err = s.AccountByID(ctx, id); err != nil {
				return err
			}
		case err != nil:
			return err
		case acct.Disabled:
			return app.KeyError(app.ECONFLICT, "auth.account_disabled", "the account is disabled")
		case acct.PasswordHash != "":
			return app.KeyError(app.ECONFLICT, "auth.invite_active", "the person already uses their account")
		}
		secret, err := s.CreateUserToken(ctx, acct.ID, PurposeInvite, InviteTTL, now)
		if err != nil {
			return err
		}
		_, err = outbox.Enqueue(ctx, tx, mail.Message{
			Kind: "invite", Lang: p.Lang, To: mail.Address{Name: p.Name, Email: p.Email},
			Data: map[string]any{"Link": outbox.URL("/invitations/" + secret), "Days": int(InviteTTL.Hours() / 24), "Inviter": inviter.Name},
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// invite handles POST /people/{id}/invite (a button on the person's page)
// for directory editors who may edit the person, then returns to the
// person's page.
func (h *Handler) invite(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	// An invitation hands the person's rights to whoever reads the
	// mailbox, so it takes the right to edit the person: no one invites
	// someone with more rights than their own.
	if err := h.policy.CanEditPerson(ctx, u, id); err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p, err := Invite(ctx, h.db, h.mail, u, id, h.web.Clock.Now())
	if err != nil {
		return err
	}
	// Name the address only to someone who may see the person's contacts.
	see, err := h.policy.CanSeeContacts(ctx, u, id)
	if err != nil {
		return err
	}
	if see {
		h.web.Flash(r, h.web.T(r, "auth.invite_sent", "Email", p.Email))
	} else {
		h.web.Flash(r, h.web.T(r, "auth.invite_sent_named", "Name", p.Name))
	}
	web.Redirect(w, r, fmt.Sprintf("/people/%d", id))
	return nil
}
