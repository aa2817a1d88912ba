package demo

import (
	"context"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestHistoryAndCurrent: the seeds' projects keep their real periods and
// have ended, their networks archived and every term over by the project's
// end; the current project runs around the load time and holds every
// meeting, in its own period; members joined before the first meeting
// they could attend; in-person meetings have no remote answers.
func TestHistoryAndCurrent(t *testing.T) {
	for _, now := range []time.Time{testNow, time.Date(2027, 1, 12, 22, 30, 0, 0, time.UTC)} {
		dbtest.Each(t, func(t *testing.T, d *db.DB) {
			if _, err := LoadIfEmpty(context.Background(), d, now); err != nil {
				t.Fatal(err)
			}
			today := app.Day(now)
			if n := count(t, d, `SELECT COUNT(*) FROM projects WHERE name = $1 AND starts_on <= $2 AND ends_on >= $2`, OuluProject, today); n != 1 {
				t.Errorf("the current project does not run today")
			}
			for name, want := range map[string][2]time.Time{
				OuluHistoryProject: {date(2008, 3, 1), date(2011, 12, 31)},
				"KasvuPOK":         {date(2019, 6, 1), date(2022, 5, 31)},
			} {
				if n := count(t, d, `SELECT COUNT(*) FROM projects WHERE name = $1 AND starts_on = $2 AND ends_on = $3`, name, want[0], want[1]); n != 1 {
					t.Errorf("%s lost its period", name)
				}
			}
			if n := count(t, d, `SELECT COUNT(*) FROM networks n JOIN projects p ON p.id = n.project_id WHERE p.ends_on < $1 AND n.status <> 'archived'`, today); n != 0 {
				t.Errorf("%d networks of ended projects still active", n)
			}
			if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN networks n ON n.id = m.network_id JOIN projects p ON p.id = n.project_id
				WHERE m.term_start < p.starts_on OR m.term_end IS NULL AND p.ends_on < $1 OR m.term_end > p.ends_on`, today); n != 0 {
				t.Errorf("%d memberships outside their project's period", n)
			}
			if d.Dialect == db.Postgres {
				if n := count(t, d, `SELECT COUNT(*) FROM meetings m JOIN networks n ON n.id = m.network_id JOIN projects p ON p.id = n.project_id
					WHERE m.starts_at < p.starts_on OR m.starts_at > p.ends_on + INTERVAL '1 day'`); n != 0 {
					t.Errorf("%d meetings outside their project's period", n)
				}
				// Nobody is a member since long before the meetings held.
				if n := count(t, d, `SELECT COUNT(*) FROM memberships m WHERE m.term_end IS NULL AND m.term_start < (
					SELECT MIN(x.starts_at) FROM meetings x WHERE x.network_id = m.network_id) - INTERVAL '240 days'`); n != 0 {
					t.Errorf("%d current members joined long before the first meeting", n)
				}
			}
			if n := count(t, d, `SELECT COUNT(*) FROM meetings m JOIN networks n ON n.id = m.network_id JOIN projects p ON p.id = n.project_id WHERE p.name <> $1`, OuluProject); n != 0 {
				t.Errorf("%d meetings in the ended projects' networks", n)
			}
			if n := count(t, d, `SELECT COUNT(*) FROM meeting_responses r JOIN meetings m ON m.id = r.meeting_id
				WHERE m.mode = 'in_person' AND r.answer = 'remote'`); n != 0 {
				t.Errorf("%d remote answers to in-person meetings", n)
			}
			if n := count(t, d, `SELECT COUNT(*) FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
				WHERE m.mode = 'in_person' AND a.mode = 'remote'`); n != 0 {
				t.Errorf("%d remote attendances at in-person meetings", n)
			}
		})
	}
}
