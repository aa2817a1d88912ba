package network

import (
	"context"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// listCache keeps pages of the network list (Store.List) per filter and
// serves one again while the network list version it was read at is
// still current (migration 00013: networks, projects, memberships).
// Sorting every network by project and name for each request was the
// list's whole cost. Returned slices are shared: callers must not modify
// them.
type listCache struct {
	c *db.Cache[ListFilter, cachedPage]
}

type cachedPage struct {
	list  []Network
	total int
}

func newListCache(max int) *listCache {
	return &listCache{c: db.NewCache[ListFilter, cachedPage](db.NetworkListVersion, max)}
}

// List returns the page f of the network list through s.
func (c *listCache) List(ctx context.Context, s *Store, f ListFilter) ([]Network, int, error) {
	p, err := c.c.Get(ctx, s.q, f, func(ctx context.Context) (cachedPage, error) {
		list, total, err := s.List(ctx, f)
		return cachedPage{list, total}, err
	})
	return p.list, p.total, err
}
