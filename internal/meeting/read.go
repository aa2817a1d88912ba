package meeting

import (
	"context"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Reader is the read model the meeting domain exports on purpose: other
// domains (minutes, the calendar, the home page) read meetings through
// it, never through the Store.
type Reader struct {
	s *Store
}

// NewReader returns a reader on q (a *db.DB or *sql.Tx).
func NewReader(q db.Querier) *Reader { return &Reader{s: NewStore(q)} }

// Meeting returns a meeting; ENOTFOUND when missing.
func (r *Reader) Meeting(ctx context.Context, id int64) (*Meeting, error) {
	return r.s.Get(ctx, id)
}
