package browsertest_test

import (
	"context"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// seedAttendance gives the demo network three past meetings with recorded
// attendance and answers, for the attendance history pages.
func seedAttendance(t *testing.T, env *servertest.Env, ids demoIDs) {
	t.Helper()
	ctx := context.Background()
	d := env.DB
	now := env.Clock.Now()
	other := queryID(t, d, `SELECT COALESCE(MIN(person_id), 0) FROM memberships WHERE network_id = $1 AND person_id <> $2 AND organisation_id IS NOT NULL`,
		ids.network, ids.member)
	for i, ago := range []int{90, 60, 30} {
		start := now.Add(-time.Duration(ago) * 24 * time.Hour).Truncate(time.Hour)
		mid := queryID(t, d, `INSERT INTO meetings (network_id, title, starts_at, ends_at, mode, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 'hybrid', 'scheduled', $5, $5) RETURNING id`,
			ids.network, []string{"Kevään aloituskokous", "Verkostokokous", "Syyskokous"}[i], db.Now(start), db.Now(start.Add(2*time.Hour)), db.Now(now))
		who := map[int64]string{}
		switch i {
		case 0:
			who[ids.member] = "in_person"
		case 1:
			if other != 0 {
				who[other] = "remote"
			}
		case 2:
			who[ids.member] = "remote"
			if other != 0 {
				who[other] = "in_person"
			}
		}
		for pid, mode := range who {
			if _, err := d.ExecContext(ctx, `INSERT INTO meeting_attendance (meeting_id, person_id, organisation_id, mode, recorded_at)
				VALUES ($1, $2, (SELECT organisation_id FROM memberships WHERE network_id = $3 AND person_id = $2), $4, $5)`,
				mid, pid, ids.network, mode, db.Now(start)); err != nil {
				t.Fatalf("seed attendance: %v", err)
			}
		}
		if _, err := d.ExecContext(ctx, `INSERT INTO meeting_responses (meeting_id, person_id, answer, updated_at) VALUES ($1, $2, $3, $4)`,
			mid, ids.member, []string{"in_person", "not_attending", "remote"}[i], db.Now(start)); err != nil {
			t.Fatalf("seed answer: %v", err)
		}
	}
}
