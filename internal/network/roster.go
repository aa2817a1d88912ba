package network

import (
	"context"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// RosterCache keeps networks' rosters (Store.Memberships) in memory and
// serves one again as long as the directory version it was read at is
// still current: one primary-key read instead of fifty joined rows on the
// busiest page. Returned slices are shared: callers must not modify them.
type RosterCache struct {
	c *db.Cache[int64, []Membership]
}

// NewRosterCache returns a cache of at most max rosters.
func NewRosterCache(max int) *RosterCache {
	return &RosterCache{c: db.NewCache[int64, []Membership](db.DirectoryVersion, max)}
}

// Roster returns the network's roster through s.
func (c *RosterCache) Roster(ctx context.Context, s *Store, networkID int64) ([]Membership, error) {
	return c.c.Get(ctx, s.q, networkID, func(ctx context.Context) ([]Membership, error) {
		return s.Memberships(ctx, networkID)
	})
}

// rosterLabels are the roster table's labels, translated once per page.
type rosterLabels struct {
	Person, Role, Representing, Term, Contact, Actions string
	Ended, Edit                                        string
}

// headers are the roster table's column headers.
func (l *rosterLabels) headers(showContacts, canManage bool) []string {
	h := []string{l.Person, l.Role, l.Representing, l.Term}
	if showContacts {
		h = append(h, l.Contact)
	}
	if canManage {
		h = append(h, l.Actions)
	}
	return h
}
