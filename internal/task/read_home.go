package task

import (
	"context"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Reader is the read model the task domain exports on purpose: the home
// page lists a person's open tasks through it, never through the Store.
type Reader struct {
	s *Store
}

// NewReader returns a reader on q (a *db.DB or *sql.Tx).
func NewReader(q db.Querier) *Reader { return &Reader{s: NewStore(q)} }

// Open lists a person's open tasks as "My tasks" shows them: overdue
// first, then by due date, tasks without a due date last. today is the
// start of the local day (app.Day).
func (r *Reader) Open(ctx context.Context, personID int64, today time.Time) ([]Task, error) {
	return r.s.Open(ctx, personID, today)
}
