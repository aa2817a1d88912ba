package project

import (
	"context"
	"database/sql"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Service is the project domain's use cases: every operation the pages
// and the JSON API perform is written here once, loading what it needs,
// deciding the actor's right through auth.Policy, validating and running
// the transaction.
//
// Each operation checks the actor's right itself. An adapter that must
// answer "forbidden" before it reads the request body asks Managed or
// CanCreate first; the operation then checks again, so it is safe
// whoever calls it.
type Service struct {
	db     *db.DB
	store  *Store
	policy *auth.Policy
	clock  app.Clock
	lists  *db.Cache[listKey, cachedPage]
}

// listKey is a ListFilter as a cache key; cachedPage a page of the list.
type listKey struct {
	archived      int8 // 0 all, 1 archived, 2 active
	limit, offset int
}

type cachedPage struct {
	list  []Project
	total int
}

// listCacheSize bounds the cached pages of the project list.
const listCacheSize = 64

// NewService returns the use cases on d, deciding rights with policy p
// and reading the time from clock.
func NewService(d *db.DB, p *auth.Policy, clock app.Clock) *Service {
	return &Service{db: d, store: NewStore(d), policy: p, clock: clock,
		lists: db.NewCache[listKey, cachedPage](db.NetworkListVersion, listCacheSize)}
}

// List returns projects matching f, active first, and the total; anyone
// may list projects. Pages come from a cache that the network list
// version (which covers projects) keeps fresh; the slice is shared, so
// callers must not modify it.
func (s *Service) List(ctx context.Context, f ListFilter) ([]Project, int, error) {
	k := listKey{limit: f.Limit, offset: f.Offset}
	if f.Archived != nil {
		k.archived = 2
		if *f.Archived {
			k.archived = 1
		}
	}
	p, err := s.lists.Get(ctx, s.db, k, func(ctx context.Context) (cachedPage, error) {
		list, total, err := s.store.List(ctx, f)
		return cachedPage{list, total}, err
	})
	return p.list, p.total, err
}

// CanCreate answers nil when u may create projects (admins), else EUNAUTH
// or EFORBIDDEN.
func (s *Service) CanCreate(u *app.User) error { return s.policy.CanCreateProject(u) }

// Project returns a project with its goals, region, staff and networks
// as u may see it: the public sees only the staff who chose to be listed
// (PublicStaff). ENOTFOUND when missing.
func (s *Service) Project(ctx context.Context, u *app.User, id int64) (*Project, error) {
	p, err := s.store.GetFull(ctx, id)
	if err != nil {
		return nil, err
	}
	if u == nil {
		p.Staff = PublicStaff(p.Staff)
	}
	return p, nil
}

// Details is a project as its page shows it to one user.
type Details struct {
	Project          *Project
	CanManage        bool
	CanCreateNetwork bool
	// ShowContacts: the staff's e-mail and phone are shown.
	ShowContacts bool
	// Unlisted counts the staff the public does not see (for those who
	// manage the project).
	Unlisted int
	// People are the people the staff picker offers (for those who
	// manage the project, when asked for).
	People []PersonOption
}

// StaffSearch asks Details for the staff picker's people: those whose
// name or organisation contains Text (everyone when blank).
type StaffSearch struct {
	Find bool
	Text string
}

// Details loads the project page for u: the project (see Project), u's
// rights on it and, for those who manage it, the staff picker's people.
func (s *Service) Details(ctx context.Context, u *app.User, id int64, search StaffSearch) (*Details, error) {
	p, err := s.Project(ctx, u, id)
	if err != nil {
		return nil, err
	}
	d := &Details{Project: p}
	if u != nil {
		if err := s.policy.CanManageProject(ctx, u, id); err == nil {
			d.CanManage = true
		} else if app.IsCode(err, app.EINTERNAL) {
			return nil, err
		}
		if err := s.policy.CanCreateNetwork(ctx, u, id); err == nil {
			d.CanCreateNetwork = true
		} else if app.IsCode(err, app.EINTERNAL) {
			return nil, err
		}
		if d.ShowContacts, err = s.policy.SharesProject(ctx, u, id); err != nil {
			return nil, err
		}
	} else {
		for _, st := range p.Staff {
			d.ShowContacts = d.ShowContacts || st.Email != "" || st.Phone != ""
		}
	}
	if d.CanManage {
		d.Unlisted = len(p.Staff) - len(PublicStaff(p.Staff))
		if search.Find {
			if d.People, err = s.store.SearchPeople(ctx, id, search.Text, peoplePickerLimit); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// Municipalities returns every municipality with its region, for the
// region picker.
func (s *Service) Municipalities(ctx context.Context) ([]Municipality, error) {
	return s.store.Municipalities(ctx)
}

// Create creates a project as u (see CanCreate), archived when asked, and
// returns its id; EINVALID when in is not valid or names an unknown
// municipality.
func (s *Service) Create(ctx context.Context, u *app.User, in Input, archived bool) (int64, error) {
	if err := s.CanCreate(u); err != nil {
		return 0, err
	}
	if err := validate(&in); err != nil {
		return 0, err
	}
	var id int64
	err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		st := NewStore(tx)
		var err error
		if id, err = st.Create(ctx, in, s.clock.Now()); err != nil {
			return err
		}
		if archived {
			return st.SetArchived(ctx, id, true, s.clock.Now())
		}
		return nil
	})
	return id, err
}

// Managed returns the project u manages: ENOTFOUND when it does not
// exist, EUNAUTH or EFORBIDDEN when u may not manage it (admins and its
// coordinators may).
func (s *Service) Managed(ctx context.Context, u *app.User, id int64) (*Project, error) {
	p, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.policy.CanManageProject(ctx, u, id); err != nil {
		return nil, err
	}
	return p, nil
}

// ManagedFull is Managed with goals, region, staff and networks, as the
// edit form shows them.
func (s *Service) ManagedFull(ctx context.Context, u *app.User, id int64) (*Project, error) {
	if _, err := s.Managed(ctx, u, id); err != nil {
		return nil, err
	}
	return s.store.GetFull(ctx, id)
}

// Update saves a project u manages (see Managed) with its goals and
// region, and archives or reactivates it when archived is set; errors as
// Create.
func (s *Service) Update(ctx context.Context, u *app.User, id int64, in Input, archived *bool) error {
	if _, err := s.Managed(ctx, u, id); err != nil {
		return err
	}
	if err := validate(&in); err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		st := NewStore(tx)
		if err := st.Update(ctx, id, in, s.clock.Now()); err != nil {
			return err
		}
		if archived != nil {
			return st.SetArchived(ctx, id, *archived, s.clock.Now())
		}
		return nil
	})
}

// SetArchived archives or reactivates a project u manages.
func (s *Service) SetArchived(ctx context.Context, u *app.User, id int64, archived bool) error {
	if _, err := s.Managed(ctx, u, id); err != nil {
		return err
	}
	return s.store.SetArchived(ctx, id, archived, s.clock.Now())
}

// AddStaff adds a person to the staff of a project u manages: EINVALID
// for an unknown person or role, ECONFLICT when they already are staff.
func (s *Service) AddStaff(ctx context.Context, u *app.User, id int64, in StaffInput) error {
	if _, err := s.Managed(ctx, u, id); err != nil {
		return err
	}
	var v app.Validator
	in.Validate(&v)
	if err := v.Err(); err != nil {
		return err
	}
	return s.store.AddStaff(ctx, id, in.PersonID, in.Role)
}

// RemoveStaff removes a person from the staff of a project u manages;
// ENOTFOUND when they are not staff.
func (s *Service) RemoveStaff(ctx context.Context, u *app.User, id, personID int64) error {
	if _, err := s.Managed(ctx, u, id); err != nil {
		return err
	}
	return s.store.RemoveStaff(ctx, id, personID)
}

func validate(in *Input) error {
	var v app.Validator
	in.Validate(&v)
	return v.Err()
}
