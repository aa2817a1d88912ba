package task

import (
	"context"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Reader is the read model the task domain exports on purpose: the home
// page lists a person's open tasks through it, never through the Store.
type Reader struct {
	q     db.Querier
	s     *Store
	cache *db.Cache[openKey, []Task]
}

// openKey is a person's open tasks on a day (the day decides what is
// overdue).
type openKey struct {
	person int64
	day    int64
}

// openCacheSize bounds the cached task lists: one per person who opened
// the home page today, about a kilobyte each.
const openCacheSize = 4096

// NewReader returns a reader on q (a *db.DB or *sql.Tx). It caches each
// person's open tasks while task_version, which database triggers move
// with every write to what the list shows, stays the same.
func NewReader(q db.Querier) *Reader {
	return &Reader{q: q, s: NewStore(q), cache: db.NewCache[openKey, []Task](db.TaskVersion, openCacheSize)}
}

// Open lists a person's open tasks as "My tasks" shows them: overdue
// first, then by due date, tasks without a due date last. today is the
// start of the local day (app.Day).
func (r *Reader) Open(ctx context.Context, personID int64, today time.Time) ([]Task, error) {
	// The list is shared between requests: callers only read it.
	return r.cache.Get(ctx, r.q, openKey{personID, today.Unix()}, func(ctx context.Context) ([]Task, error) {
		return r.s.Open(ctx, personID, today)
	})
}
