package network

import (
	"context"
	"fmt"
	"sync"
)

// DirectoryVersion returns a counter that database triggers move on with
// every write to memberships, people or organisations (migration 00010),
// whichever code path or instance makes it.
func (s *Store) DirectoryVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.q.QueryRowContext(ctx, `SELECT v FROM directory_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read directory version: %w", err)
	}
	return v, nil
}

// ListVersion returns a counter that database triggers move on with every
// write to networks, projects or memberships (migration 00013): what the
// list of networks shows.
func (s *Store) ListVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.q.QueryRowContext(ctx, `SELECT v FROM network_list_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read network list version: %w", err)
	}
	return v, nil
}

// RosterCache keeps networks' rosters (Store.Memberships) in memory and
// serves one again as long as the directory version it was read at is
// still current: one primary-key read instead of fifty joined rows on the
// busiest page. Several instances each keep their own cache; the version
// lives in the shared database, so none serves a stale roster. Returned
// slices are shared: callers must not modify them.
type RosterCache struct {
	mu      sync.Mutex
	max     int
	entries map[int64]rosterEntry
}

type rosterEntry struct {
	version int64
	members []Membership
}

// NewRosterCache returns a cache of at most max rosters.
func NewRosterCache(max int) *RosterCache {
	return &RosterCache{max: max, entries: make(map[int64]rosterEntry, max)}
}

// Roster returns the network's roster through s.
func (c *RosterCache) Roster(ctx context.Context, s *Store, networkID int64) ([]Membership, error) {
	// The version is read before the roster: a write in between makes
	// the entry look older than it is, never newer, so the worst case is
	// one extra read.
	v, err := s.DirectoryVersion(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	e, ok := c.entries[networkID]
	c.mu.Unlock()
	if ok && e.version == v {
		return e.members, nil
	}
	members, err := s.Memberships(ctx, networkID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[networkID]; !ok && len(c.entries) >= c.max {
		c.evict(v)
	}
	c.entries[networkID] = rosterEntry{version: v, members: members}
	return members, nil
}

// evict makes room: entries from older versions go first (they can never
// be served again); if all are current, an arbitrary one goes.
func (c *RosterCache) evict(current int64) {
	for id, e := range c.entries {
		if e.version != current {
			delete(c.entries, id)
		}
	}
	if len(c.entries) < c.max {
		return
	}
	for id := range c.entries {
		delete(c.entries, id)
		return
	}
}
