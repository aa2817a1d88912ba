package home

import (
	"context"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// networkCards serves the home page's network cards from a per-instance
// cache. What they show changes with writes to memberships and project
// staff (directory_version), networks and projects (network_list_version)
// and meetings (meeting_list_version), which database triggers count on
// any instance, and with time: the next meeting is another one once it
// has ended, and terms end at midnight (the day is in the key).
type networkCards struct {
	q     db.Querier
	store *Store
	cache *db.Cache[cardsKey, cards]
}

type cardsKey struct{ person, day int64 }

type cards struct {
	networks []MyNetwork
	// until is when the first of the next meetings ends (zero when there
	// are none): from then on the cards are read again.
	until time.Time
}

// cardsCacheSize bounds the cached card lists: one per person who opened
// the home page today.
const cardsCacheSize = 4096

// cardVersions are the versions whose sum is the cards' version.
var cardVersions = []db.Version{db.DirectoryVersion, db.NetworkListVersion, db.MeetingListVersion}

func newNetworkCards(q db.Querier, store *Store) *networkCards {
	// The cache is read with At and the summed version, never with Get,
	// so the version it is made with is only a label.
	return &networkCards{q: q, store: store, cache: db.NewCache[cardsKey, cards](db.MeetingListVersion, cardsCacheSize)}
}

// For returns the person's network cards as MyNetworks lists them. The
// slice is shared between requests: callers only read it.
func (c *networkCards) For(ctx context.Context, personID int64, today, now time.Time) ([]MyNetwork, error) {
	v, err := db.ReadVersions(ctx, c.q, cardVersions...)
	if err != nil {
		return nil, err
	}
	key := cardsKey{personID, today.Unix()}
	load := func(ctx context.Context) (cards, error) {
		nets, err := c.store.MyNetworks(ctx, personID, today, now)
		var until time.Time
		for _, n := range nets {
			if m := n.NextMeeting; m != nil && (until.IsZero() || m.EndsAt.Before(until)) {
				until = m.EndsAt
			}
		}
		return cards{networks: nets, until: until}, err
	}
	got, err := c.cache.At(ctx, v, key, load)
	if err == nil && !got.until.IsZero() && !now.Before(got.until) {
		c.cache.Forget(key)
		got, err = c.cache.At(ctx, v, key, load)
	}
	return got.networks, err
}
