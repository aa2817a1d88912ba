package org

import (
	"context"
	"strings"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Service holds the organisation use cases; the pages and the API call
// the same ones, so the rights and rules live only here.
type Service struct {
	db     *db.DB
	store  *Store
	policy *auth.Policy
	clock  app.Clock
	lists  *db.Cache[Filter, cachedPage]
}

// cachedPage is a page of the list and the number matching.
type cachedPage struct {
	list  []Organisation
	total int
}

// listCacheSize bounds the cached pages of the list.
const listCacheSize = 64

// NewService returns the service on d.
func NewService(d *db.DB, policy *auth.Policy, clock app.Clock) *Service {
	return &Service{db: d, store: NewStore(d), policy: policy, clock: clock,
		lists: db.NewCache[Filter, cachedPage](db.DirectoryVersion, listCacheSize)}
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

// MayEdit returns nil when actor may add and edit organisations (a
// directory editor), else EUNAUTH or EFORBIDDEN.
func (s *Service) MayEdit(ctx context.Context, actor *app.User) error {
	return s.policy.CanEditDirectory(ctx, actor)
}

// CanCreate reports whether actor may add organisations (a directory
// editor); only internal errors are returned.
func (s *Service) CanCreate(ctx context.Context, actor *app.User) (bool, error) {
	return allowed(s.policy.CanEditDirectory(ctx, actor))
}

// Organisation is what actor sees of organisation id: the organisation,
// and for a signed-in actor its representatives and people and what actor
// may do with it. ENOTFOUND when it does not exist.
func (s *Service) Organisation(ctx context.Context, actor *app.User, id int64) (*ViewPage, error) {
	o, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &ViewPage{Org: o, SignedIn: actor != nil}
	if actor == nil {
		return p, nil
	}
	if p.Representatives, err = s.store.Representatives(ctx, id); err != nil {
		return nil, err
	}
	if p.Members, err = s.store.Members(ctx, id); err != nil {
		return nil, err
	}
	if p.CanEdit, err = allowed(s.policy.CanEditDirectory(ctx, actor)); err != nil {
		return nil, err
	}
	p.CanMerge = s.policy.CanMergeOrganisations(actor) == nil
	// The attendance history is for admins, the organisation's
	// representatives and those who manage one of the networks it is
	// represented in.
	p.ShowAttendance = actor.IsAdmin
	ids := make([]int64, 0, len(p.Representatives))
	for _, rep := range p.Representatives {
		p.ShowAttendance = p.ShowAttendance || rep.PersonID == actor.PersonID
		ids = append(ids, rep.NetworkID)
	}
	if !p.ShowAttendance {
		if p.ShowAttendance, err = s.policy.ManagesAnyNetwork(ctx, actor, ids); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// ForEdit returns organisation id for actor to edit; EUNAUTH or
// EFORBIDDEN when actor may not edit the directory, ENOTFOUND when it does
// not exist.
func (s *Service) ForEdit(ctx context.Context, actor *app.User, id int64) (*Organisation, error) {
	if err := s.policy.CanEditDirectory(ctx, actor); err != nil {
		return nil, err
	}
	return s.store.Get(ctx, id)
}

// Create adds o as actor and fills in its id and stored fields. EUNAUTH or
// EFORBIDDEN when actor may not edit the directory; EINVALID and ECONFLICT
// (a duplicate name) on o's fields.
func (s *Service) Create(ctx context.Context, actor *app.User, o *Organisation) error {
	if err := s.policy.CanEditDirectory(ctx, actor); err != nil {
		return err
	}
	return s.store.Create(ctx, o, s.clock.Now())
}

// Update replaces organisation id's fields with o's as actor and fills o
// with the stored organisation. EUNAUTH or EFORBIDDEN when actor may not
// edit the directory, ENOTFOUND when it does not exist (before o is
// validated), EINVALID and ECONFLICT on o's fields.
func (s *Service) Update(ctx context.Context, actor *app.User, id int64, o *Organisation) error {
	if _, err := s.ForEdit(ctx, actor, id); err != nil {
		return err
	}
	o.ID = id
	return s.store.Update(ctx, o, s.clock.Now())
}

// MergeForm is what the merge form of organisation id shows: the
// organisation, the organisations it may be merged into and what a merge
// would move. EUNAUTH or EFORBIDDEN for anyone but admins, ENOTFOUND when
// it does not exist.
func (s *Service) MergeForm(ctx context.Context, actor *app.User, id int64) (*MergePage, error) {
	if err := s.policy.CanMergeOrganisations(actor); err != nil {
		return nil, err
	}
	o, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &MergePage{Org: o}
	if p.Options, err = s.store.Options(ctx, id); err != nil {
		return nil, err
	}
	if p.Counts, err = s.store.MergeCounts(ctx, id); err != nil {
		return nil, err
	}
	return p, nil
}

// Merge merges the duplicate organisation id into targetID as actor, in
// one transaction, and returns the duplicate as it was and what moved.
// EUNAUTH or EFORBIDDEN for anyone but admins, ENOTFOUND when id does not
// exist, EINVALID on target_id when the target is missing (0), unknown or
// id itself.
func (s *Service) Merge(ctx context.Context, actor *app.User, id, targetID int64) (*Organisation, MergeCounts, error) {
	if err := s.policy.CanMergeOrganisations(actor); err != nil {
		return nil, MergeCounts{}, err
	}
	dup, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, MergeCounts{}, err
	}
	if targetID == 0 {
		return dup, MergeCounts{}, app.FieldInvalid("target_id", "err.required")
	}
	counts, err := MergeTx(ctx, s.db, id, targetID, s.clock.Now())
	return dup, counts, err
}

// List returns a page of the organisations matching f and the number matching.
// Pages without a name search come from a cache that the directory
// version keeps fresh; their slices are shared, so callers must not
// modify them.
func (s *Service) List(ctx context.Context, f Filter) ([]Organisation, int, error) {
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
