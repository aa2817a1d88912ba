package person

import (
	"context"
	"strings"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Service holds the person use cases; the page and the API call the same
// ones, so the rules below live only here.
type Service struct {
	db     *db.DB
	store  *Store
	policy *auth.Policy
	clock  app.Clock
	lists  *db.Cache[Filter, cachedPage]
}

// cachedPage is a page of the list and the number matching.
type cachedPage struct {
	list  []Person
	total int
}

// listCacheSize bounds the cached pages of the list.
const listCacheSize = 64

// NewService returns the service on d.
func NewService(d *db.DB, policy *auth.Policy, clock app.Clock) *Service {
	return &Service{db: d, store: NewStore(d), policy: policy, clock: clock,
		lists: db.NewCache[Filter, cachedPage](db.DirectoryVersion, listCacheSize)}
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

// MayCreate returns nil when actor may add people (a directory editor),
// else EUNAUTH or EFORBIDDEN.
func (s *Service) MayCreate(ctx context.Context, actor *app.User) error {
	return s.policy.CanEditDirectory(ctx, actor)
}

// CanCreate reports whether actor may add people; only internal errors
// are returned.
func (s *Service) CanCreate(ctx context.Context, actor *app.User) (bool, error) {
	return allowed(s.policy.CanEditDirectory(ctx, actor))
}

// Create adds p as actor and fills in its id and stored fields. EUNAUTH
// or EFORBIDDEN when actor may not edit the directory; EINVALID and
// ECONFLICT on p's fields.
func (s *Service) Create(ctx context.Context, actor *app.User, p *Person) error {
	if err := s.policy.CanEditDirectory(ctx, actor); err != nil {
		return err
	}
	return s.store.Create(ctx, p, s.clock.Now())
}

// Get returns person id as actor sees them and whether actor may see
// their contact details. EUNAUTH for the public, ENOTFOUND when they do
// not exist.
func (s *Service) Get(ctx context.Context, actor *app.User, id int64) (*Person, bool, error) {
	if err := s.policy.CanSeePeople(actor); err != nil {
		return nil, false, err
	}
	p, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, false, err
	}
	see, err := s.policy.CanSeeContacts(ctx, actor, id)
	if err != nil {
		return nil, false, err
	}
	return p, see, nil
}

// Profile is what person id's page shows actor. EUNAUTH for the public,
// ENOTFOUND when they do not exist.
func (s *Service) Profile(ctx context.Context, actor *app.User, id int64) (*ProfilePage, error) {
	p, see, err := s.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	page := &ProfilePage{Person: p, IsSelf: actor.PersonID == p.ID, ShowContacts: see}
	if page.Memberships, err = s.store.Memberships(ctx, id); err != nil {
		return nil, err
	}
	if page.Staff, err = s.store.Staff(ctx, id); err != nil {
		return nil, err
	}
	if page.CanEdit, err = allowed(s.policy.CanEditPerson(ctx, actor, id)); err != nil {
		return nil, err
	}
	// The attendance history is for the person, admins and those who
	// manage one of the person's networks.
	page.ShowAttendance = page.IsSelf || actor.IsAdmin
	if !page.ShowAttendance {
		ids := make([]int64, len(page.Memberships))
		for i, m := range page.Memberships {
			ids[i] = m.NetworkID
		}
		if page.ShowAttendance, err = s.policy.ManagesAnyNetwork(ctx, actor, ids); err != nil {
			return nil, err
		}
	}
	// An invitation is offered for someone with an address and no
	// account in use yet, to those who may edit them.
	if !page.IsSelf && p.Email != "" && page.CanEdit {
		active, err := s.store.HasActiveAccount(ctx, id)
		if err != nil {
			return nil, err
		}
		page.CanInvite = !active
	}
	return page, nil
}

// allowed turns a policy answer into a bool, passing on only internal
// errors.
func allowed(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	if c := app.ErrorCode(err); c == app.EFORBIDDEN || c == app.EUNAUTH {
		return false, nil
	}
	return false, err
}

// MaySeePeople returns nil when actor may see the people directory (anyone
// signed in), else EUNAUTH.
func (s *Service) MaySeePeople(actor *app.User) error { return s.policy.CanSeePeople(actor) }

// List returns a page of the people matching f and the number matching.
// Pages without a name search come from a cache that the directory
// version keeps fresh; their slices are shared, so callers must not
// modify them.
func (s *Service) List(ctx context.Context, f Filter) ([]Person, int, error) {
	if strings.TrimSpace(f.Query) != "" {
		return s.store.List(ctx, f)
	}
	f.Query = ""
	p, err := s.lists.Get(ctx, s.db, f, func(ctx context.Context) (cachedPage, error) {
		list, total, err := s.store.List(ctx, f)
		return cachedPage{list, total}, err
	})
	return p.list, p.total, err
}
