package person

import (
	"context"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Service holds the person use cases; the page and the API call the same
// ones, so the rules below live only here.
type Service struct {
	store  *Store
	policy *auth.Policy
	clock  app.Clock
}

// NewService returns the service on d.
func NewService(d *db.DB, policy *auth.Policy, clock app.Clock) *Service {
	return &Service{store: NewStore(d), policy: policy, clock: clock}
}

// EditRights says what an editor may change of a person.
type EditRights struct {
	// HideContacts: the editor may not see the person's e-mail and
	// phone, so the form leaves them out and they are kept as stored.
	HideContacts bool
	// EmailLocked: the person has an account and the e-mail is its
	// sign-in address, which only its owner changes, on the account page
	// after re-entering the password and confirming the new address from
	// its mailbox. A directory editor who could set it could take the
	// account over with a password reset.
	EmailLocked bool
}

// ForEdit returns the person and what actor may change of them; EUNAUTH
// or EFORBIDDEN when actor may not edit them (auth.Policy.CanEditPerson),
// ENOTFOUND when they do not exist.
func (s *Service) ForEdit(ctx context.Context, actor *app.User, id int64) (*Person, EditRights, error) {
	var r EditRights
	if err := s.policy.CanEditPerson(ctx, actor, id); err != nil {
		return nil, r, err
	}
	p, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, r, err
	}
	see, err := s.policy.CanSeeContacts(ctx, actor, id)
	if err != nil {
		return nil, r, err
	}
	r.HideContacts = !see
	if r.EmailLocked, err = s.store.HasAccount(ctx, id); err != nil {
		return nil, r, err
	}
	return p, r, nil
}

// Update replaces the editable fields of person id with in's as actor and
// returns the stored person and the rights it was edited with. An editor
// who may not see the contact details keeps the stored ones; the sign-in
// address of an account stays as it is: a different one is EINVALID on
// the email field (person.err.email_locked; person.err.email_sign_in when
// it would be removed), reported with in's other problems.
func (s *Service) Update(ctx context.Context, actor *app.User, id int64, in *Person) (*Person, EditRights, error) {
	stored, r, err := s.ForEdit(ctx, actor, id)
	if err != nil {
		return nil, r, err
	}
	in.ID = id
	if r.HideContacts {
		in.Email, in.Phone = stored.Email, stored.Phone
	}
	var v app.Validator
	switch email := NormalizeEmail(in.Email); {
	case !r.EmailLocked || r.HideContacts || email == stored.Email:
	case email == "":
		v.Add("email", "person.err.email_sign_in", nil)
	default:
		v.Add("email", "person.err.email_locked", nil)
	}
	if e := app.AsError(in.Validate()); e != nil {
		for _, f := range e.Fields {
			v.Add(f.Field, f.Key, f.Args)
		}
	}
	if err := v.Err(); err != nil {
		return nil, r, err
	}
	if err := s.store.Update(ctx, in, s.clock.Now()); err != nil {
		return nil, r, err
	}
	return in, r, nil
}
