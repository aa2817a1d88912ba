package network

import (
	"context"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// MeetingReader is the read model the network domain exports on purpose
// for the meeting domain, which shows which sectors and municipalities
// the people coming to a meeting represent; meetings never read the
// network's store.
type MeetingReader struct {
	s *Store
}

// NewMeetingReader returns the reader on q (a *db.DB or *sql.Tx).
func NewMeetingReader(q db.Querier) *MeetingReader { return &MeetingReader{s: NewStore(q)} }

// CoverageOf works out which sectors and which of the project's
// municipalities the members of the network for whom include(personID)
// is true represent on now's day (ComputeCoverage on them).
func (r *MeetingReader) CoverageOf(ctx context.Context, networkID, projectID int64, include func(personID int64) bool, now time.Time) (*Coverage, error) {
	members, err := r.s.Memberships(ctx, networkID)
	if err != nil {
		return nil, err
	}
	region, err := r.s.ProjectMunicipalities(ctx, projectID)
	if err != nil {
		return nil, err
	}
	var in []Membership
	for _, m := range members {
		if include(m.PersonID) {
			in = append(in, m)
		}
	}
	c := ComputeCoverage(in, region, app.Day(now))
	return &c, nil
}
