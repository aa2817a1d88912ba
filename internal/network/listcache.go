package network

import (
	"context"
	"sync"
)

// listCache keeps pages of the network list (Store.List) per filter and
// serves one again while the list version it was read at is still
// current; database triggers move the version with every write to
// networks, projects and memberships (migration 00013), whichever
// instance makes it. Sorting every network
// by project and name for each request was the list's whole cost.
// Returned slices are shared: callers must not modify them.
type listCache struct {
	mu      sync.Mutex
	max     int
	entries map[ListFilter]listEntry
}

type listEntry struct {
	version int64
	list    []Network
	total   int
}

func newListCache(max int) *listCache {
	return &listCache{max: max, entries: make(map[ListFilter]listEntry, max)}
}

// List returns the page f of the network list through s.
func (c *listCache) List(ctx context.Context, s *Store, f ListFilter) ([]Network, int, error) {
	// As in RosterCache: the version is read first, so a write in between
	// makes the entry look older than it is, never newer.
	v, err := s.ListVersion(ctx)
	if err != nil {
		return nil, 0, err
	}
	c.mu.Lock()
	e, ok := c.entries[f]
	c.mu.Unlock()
	if ok && e.version == v {
		return e.list, e.total, nil
	}
	list, total, err := s.List(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	c.mu.Lock()
	if len(c.entries) >= c.max {
		clear(c.entries) // pages of old versions or rare filters: start over
	}
	c.entries[f] = listEntry{version: v, list: list, total: total}
	c.mu.Unlock()
	return list, total, nil
}
