package network

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// OverviewReader is the read model the network domain exports on purpose
// for the overviews of what needs a network's managers (the home and
// project pages): which sectors nobody coming to the next meeting
// represents. It applies the coverage panel's own rule (ComputeCoverage)
// to many networks at once, reading their memberships in one query.
type OverviewReader struct{ q db.Querier }

// NewOverviewReader returns the reader on q (a *db.DB or *sql.Tx).
func NewOverviewReader(q db.Querier) *OverviewReader { return &OverviewReader{q: q} }

// SectorGaps returns, for each network of coming, the sectors (in the
// order of Sectors) that none of the people coming (coming[network]
// holds their person ids) represents on now's day, by the coverage
// panel's rule: guests and members without an organisation do not count.
// SectorOther is never a gap: "other" is what is left, not a sector to
// recruit. A network missing from coming is left out.
func (r *OverviewReader) SectorGaps(ctx context.Context, coming map[int64]map[int64]bool, now time.Time) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(coming) == 0 {
		return out, nil
	}
	ids := make([]int64, 0, len(coming))
	for id := range coming {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	members := map[int64][]Membership{}
	// Only the people coming are read: the gaps are about them.
	var people []int64
	for _, set := range coming {
		for p := range set {
			people = append(people, p)
		}
	}
	if len(people) > 0 {
		slices.Sort(people)
		people = slices.Compact(people)
		in, args := db.InIDs(ids, 1)
		inP, argsP := db.InIDs(people, 1+len(args))
		rows, err := r.q.QueryContext(ctx, `SELECT m.network_id, m.person_id, m.role, COALESCE(m.organisation_id, 0),
			COALESCE(o.sector, ''), COALESCE(o.municipality_code, ''), m.term_start, m.term_end
			FROM memberships m LEFT JOIN organisations o ON o.id = m.organisation_id
			WHERE m.network_id IN (`+in+`) AND m.person_id IN (`+inP+`)`, append(args, argsP...)...)
		if err != nil {
			return nil, fmt.Errorf("read coverage: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var m Membership
			var start, end sql.NullTime
			if err := rows.Scan(&m.NetworkID, &m.PersonID, &m.Role, &m.OrganisationID, &m.Sector, &m.MunicipalityCode, &start, &end); err != nil {
				return nil, fmt.Errorf("scan coverage: %w", err)
			}
			m.TermStart, m.TermEnd = db.DateOut(start), db.DateOut(end)
			if coming[m.NetworkID][m.PersonID] {
				members[m.NetworkID] = append(members[m.NetworkID], m)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read coverage: %w", err)
		}
	}
	today := app.Day(now)
	for _, id := range ids {
		c := ComputeCoverage(members[id], nil, today)
		gaps := []string{}
		for _, s := range c.MissingSectors {
			if s != SectorOther {
				gaps = append(gaps, s)
			}
		}
		out[id] = gaps
	}
	return out, nil
}
