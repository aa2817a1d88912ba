package network

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Service is the network domain's use cases: every operation the pages
// and the JSON API perform is written here once, loading what it needs,
// deciding the actor's right through auth.Policy, validating and running
// the transaction.
//
// Each operation checks the actor's right itself. An adapter that must
// answer "forbidden" before it reads the request body (so a refused
// caller never learns what was wrong with the body) asks Managed,
// ProjectForCreate or CanSeeMembers first; the operation then checks
// again, so it is safe whoever calls it.
type Service struct {
	db      *db.DB
	store   *Store
	refs    *Refs
	policy  *auth.Policy
	clock   app.Clock
	rosters *RosterCache
	lists   *listCache
}

// rosterCacheSize bounds the cached rosters (about 15 KB each for 50
// members); listCacheSize the cached pages of the network list (about
// 20 KB each for 50 networks).
const (
	rosterCacheSize = 256
	listCacheSize   = 64
)

// NewService returns the use cases on d, deciding rights with policy p
// and reading the time from clock.
func NewService(d *db.DB, p *auth.Policy, clock app.Clock) *Service {
	return &Service{db: d, store: NewStore(d), refs: NewRefs(d, p), policy: p, clock: clock,
		rosters: NewRosterCache(rosterCacheSize), lists: newListCache(listCacheSize)}
}

// Today is the current calendar date (see Day).
func (s *Service) Today() time.Time { return app.Day(s.clock.Now()) }

// List returns a page of networks matching f and the total; anyone may
// list networks. The page comes from a cache kept fresh by the directory
// version; its slice is shared, so callers must not modify it.
func (s *Service) List(ctx context.Context, f ListFilter) ([]Network, int, error) {
	return s.lists.List(ctx, s.store, f)
}

// Projects returns every project by name for the list's filter; Detail
// is "archived" for archived projects.
func (s *Service) Projects(ctx context.Context) ([]Option, error) {
	return s.store.Projects(ctx)
}

// Get returns a network with its themes; anyone may read one. ENOTFOUND
// when missing.
func (s *Service) Get(ctx context.Context, id int64) (*Network, error) {
	return s.store.Get(ctx, id)
}

// Details is a network as its page shows it to one user.
type Details struct {
	Network *Network
	// ShowMembers: signed-in users see the members and the coverage.
	ShowMembers bool
	CanManage   bool
	// ShowContacts: staff of the network's project see members' e-mail
	// and phone.
	ShowContacts bool
	Members      []Membership // shared with the roster cache: do not modify
	Region       []Municipality
}

// Details loads the network page for u: the network, u's rights on it
// and, for signed-in users, its members and the project's region.
// ENOTFOUND when the network does not exist.
func (s *Service) Details(ctx context.Context, u *app.User, id int64) (*Details, error) {
	n, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &Details{Network: n}
	if s.policy.CanSeePeople(u) != nil {
		return d, nil
	}
	d.ShowMembers = true
	if err := s.policy.CanManageNetwork(ctx, u, id); err == nil {
		d.CanManage = true
	} else if app.IsCode(err, app.EINTERNAL) {
		return nil, err
	}
	if d.ShowContacts, err = s.policy.SharesProject(ctx, u, n.ProjectID); err != nil {
		return nil, err
	}
	if d.Members, err = s.rosters.Roster(ctx, s.store, id); err != nil {
		return nil, err
	}
	if d.Region, err = s.store.ProjectMunicipalities(ctx, n.ProjectID); err != nil {
		return nil, err
	}
	return d, nil
}

// ProjectForCreate returns the name of the project u would create a
// network in: ENOTFOUND for an unknown project, EUNAUTH or EFORBIDDEN
// when u may not create networks in it (admins and the project's staff
// may).
func (s *Service) ProjectForCreate(ctx context.Context, u *app.User, projectID int64) (i18n.Text, error) {
	name, err := s.store.ProjectName(ctx, projectID)
	if err != nil {
		return i18n.Text{}, err
	}
	if err := s.policy.CanCreateNetwork(ctx, u, projectID); err != nil {
		return i18n.Text{}, err
	}
	return name, nil
}

// Create creates a network in the project as u (see ProjectForCreate)
// and returns its id; EINVALID when in is not valid.
func (s *Service) Create(ctx context.Context, u *app.User, projectID int64, in Input) (int64, error) {
	if _, err := s.ProjectForCreate(ctx, u, projectID); err != nil {
		return 0, err
	}
	if err := validate(&in); err != nil {
		return 0, err
	}
	var id int64
	err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = NewStore(tx).Create(ctx, projectID, in, s.clock.Now())
		return err
	})
	return id, err
}

// Managed returns the network u manages (Refs.Managed: ENOTFOUND,
// EUNAUTH, EFORBIDDEN).
func (s *Service) Managed(ctx context.Context, u *app.User, id int64) (*Ref, error) {
	return s.refs.Managed(ctx, u, id)
}

// ManagedNetwork is Managed with the whole network, as its edit form
// shows it.
func (s *Service) ManagedNetwork(ctx context.Context, u *app.User, id int64) (*Network, error) {
	if _, err := s.Managed(ctx, u, id); err != nil {
		return nil, err
	}
	return s.store.Get(ctx, id)
}

// Update saves a network u manages (see Managed); EINVALID when in is not
// valid.
func (s *Service) Update(ctx context.Context, u *app.User, id int64, in Input) error {
	if _, err := s.Managed(ctx, u, id); err != nil {
		return err
	}
	if err := validate(&in); err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		return NewStore(tx).Update(ctx, id, in, s.clock.Now())
	})
}

// SetStatus archives (StatusArchived) or reactivates (StatusActive) a
// network u manages.
func (s *Service) SetStatus(ctx context.Context, u *app.User, id int64, status string) error {
	if _, err := s.Managed(ctx, u, id); err != nil {
		return err
	}
	if !slices.Contains(Statuses, status) {
		return app.FieldInvalid("status", "err.invalid_choice")
	}
	return s.store.SetStatus(ctx, id, status, s.clock.Now())
}

func validate(in *Input) error {
	var v app.Validator
	in.Validate(&v)
	return v.Err()
}

// CanSeeMembers answers nil when u may see networks' members (any
// signed-in user), else EUNAUTH.
func (s *Service) CanSeeMembers(u *app.User) error { return s.policy.CanSeePeople(u) }

// Memberships returns a page of a network's members for u (see
// CanSeeMembers) and the total; ENOTFOUND for an unknown network. The
// slice is shared with the roster cache: callers must not modify it.
func (s *Service) Memberships(ctx context.Context, u *app.User, networkID int64, limit, offset int) ([]Membership, int, error) {
	if err := s.CanSeeMembers(u); err != nil {
		return nil, 0, err
	}
	if _, err := s.refs.Get(ctx, networkID); err != nil {
		return nil, 0, err
	}
	// A page of the roster the network page reads too, from the same
	// cache: one version read while nothing changed.
	all, err := s.rosters.Roster(ctx, s.store, networkID)
	if err != nil {
		return nil, 0, err
	}
	if limit <= 0 {
		return all, len(all), nil
	}
	start := min(max(offset, 0), len(all))
	end := min(start+limit, len(all))
	return all[start:end:end], len(all), nil
}

// Membership returns a membership for u (see CanSeeMembers); ENOTFOUND
// when missing.
func (s *Service) Membership(ctx context.Context, u *app.User, id int64) (*Membership, error) {
	if err := s.CanSeeMembers(u); err != nil {
		return nil, err
	}
	return s.store.Membership(ctx, id)
}

// ManagedMembership returns a membership and its network when u manages
// the network: ENOTFOUND for an unknown membership, then as Managed.
func (s *Service) ManagedMembership(ctx context.Context, u *app.User, id int64) (*Membership, *Ref, error) {
	m, err := s.store.Membership(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	n, err := s.Managed(ctx, u, m.NetworkID)
	if err != nil {
		return nil, nil, err
	}
	return m, n, nil
}

// MemberChoices is what the membership form offers.
type MemberChoices struct {
	People        []Option // people found by the search (new memberships only)
	Organisations []Option
	// Deputies are the members the person may deputise for: everyone
	// but the membership itself and, when editing, the person's own seat.
	Deputies []Membership
}

// MemberQuery says which membership form the choices are for.
type MemberQuery struct {
	// MembershipID and PersonID are the edited membership's; 0 for a new
	// one.
	MembershipID, PersonID int64
	// FindPeople searches the people who are not yet members for Search
	// (every one when blank).
	FindPeople bool
	Search     string
}

// MemberChoices loads the membership form's choices for a network u
// manages.
func (s *Service) MemberChoices(ctx context.Context, u *app.User, networkID int64, q MemberQuery) (*MemberChoices, error) {
	if _, err := s.Managed(ctx, u, networkID); err != nil {
		return nil, err
	}
	var c MemberChoices
	var err error
	if q.FindPeople {
		if c.People, err = s.store.SearchPeople(ctx, networkID, q.Search, peoplePickerLimit); err != nil {
			return nil, err
		}
	}
	if c.Organisations, err = s.store.Organisations(ctx); err != nil {
		return nil, err
	}
	all, err := s.store.Memberships(ctx, networkID)
	if err != nil {
		return nil, err
	}
	isNew := q.MembershipID == 0
	for _, m := range all {
		if m.ID != q.MembershipID && (isNew || m.PersonID != q.PersonID) {
			c.Deputies = append(c.Deputies, m)
		}
	}
	return &c, nil
}

// AddMember adds a membership to a network u manages and returns its id:
// EINVALID when in is not valid or names an unknown person, organisation
// or deputy, ECONFLICT when the person is already a member.
func (s *Service) AddMember(ctx context.Context, u *app.User, networkID int64, in MembershipInput) (int64, error) {
	if _, err := s.Managed(ctx, u, networkID); err != nil {
		return 0, err
	}
	if err := validateMember(&in); err != nil {
		return 0, err
	}
	return s.store.CreateMembership(ctx, networkID, in, s.clock.Now())
}

// UpdateMember saves a membership of a network u manages (see
// ManagedMembership); errors as AddMember.
func (s *Service) UpdateMember(ctx context.Context, u *app.User, id int64, in MembershipInput) error {
	if _, _, err := s.ManagedMembership(ctx, u, id); err != nil {
		return err
	}
	if err := validateMember(&in); err != nil {
		return err
	}
	return s.store.UpdateMembership(ctx, id, in, s.clock.Now())
}

// RemoveMember ends a membership of a network u manages and returns it as
// it was.
func (s *Service) RemoveMember(ctx context.Context, u *app.User, id int64) (*Membership, error) {
	m, _, err := s.ManagedMembership(ctx, u, id)
	if err != nil {
		return nil, err
	}
	err = s.db.WithTx(ctx, func(tx *sql.Tx) error {
		return NewStore(tx).DeleteMembership(ctx, m.ID)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

func validateMember(in *MembershipInput) error {
	var v app.Validator
	in.Validate(&v)
	return v.Err()
}
