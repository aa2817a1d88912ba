package demo

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestHistoryAndCurrent: the seeds' projects keep their real periods and
// have ended, their networks archived and every term over by the project's
// end, their meetings held in their own years; the current project runs
// around the load time and holds today's meetings, in its own period;
// members joined before the first meeting they could attend; in-person
// meetings have no remote answers.
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
			checkPastMeetings(t, d, now)
			if d.Dialect == db.Postgres {
				// Nobody is a member since long before the meetings held.
				if n := count(t, d, `SELECT COUNT(*) FROM memberships m WHERE m.term_end IS NULL AND m.term_start < (
					SELECT MIN(x.starts_at) FROM meetings x WHERE x.network_id = m.network_id) - INTERVAL '240 days'`); n != 0 {
					t.Errorf("%d current members joined long before the first meeting", n)
				}
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

// checkPastMeetings: every meeting lies within its project's period (the
// Helsinki day of its start); every network of an ended project has
// meetings, all held before the load, each with approved minutes and
// attended only by people whose terms cover its day; their action items
// are done or closed. Computed in Go, so the same on both databases.
func checkPastMeetings(t *testing.T, d *db.DB, now time.Time) {
	t.Helper()
	ctx := context.Background()
	today := app.Day(now)
	rows, err := d.QueryContext(ctx, `SELECT n.id, n.name, p.starts_on, p.ends_on, m.id, m.starts_at, m.ends_at, m.status, COALESCE(x.status, '')
		FROM networks n JOIN projects p ON p.id = n.project_id
		LEFT JOIN meetings m ON m.network_id = n.id LEFT JOIN minutes x ON x.meeting_id = m.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type meetingDay struct {
		network string
		id      int64
		day     time.Time
	}
	ended := map[int64]int{} // network of an ended project → its meetings
	days := map[int64]meetingDay{}
	for rows.Next() {
		var netID int64
		var name, minutesStatus string
		var starts, ends sql.NullTime
		var meetingID sql.NullInt64
		var at, end sql.NullTime
		var mstatus sql.NullString
		if err := rows.Scan(&netID, &name, &starts, &ends, &meetingID, &at, &end, &mstatus, &minutesStatus); err != nil {
			t.Fatal(err)
		}
		status := mstatus.String
		past := ends.Valid && ends.Time.Before(today)
		if past {
			ended[netID] += 0
		}
		if !meetingID.Valid {
			continue
		}
		day := app.Day(at.Time)
		if day.Before(starts.Time) || day.After(ends.Time) {
			t.Errorf("%s: meeting %s outside its project's period", name, day.Format(time.DateOnly))
		}
		if !past {
			continue
		}
		ended[netID]++
		days[meetingID.Int64] = meetingDay{name, netID, day}
		if !end.Time.Before(now) || status != "scheduled" {
			t.Errorf("%s: meeting %s is not held (%s)", name, day.Format(time.DateOnly), status)
		}
		if minutesStatus != "approved" {
			t.Errorf("%s: meeting %s has minutes %q, want approved", name, day.Format(time.DateOnly), minutesStatus)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(ended) < 4 {
		t.Errorf("%d networks of ended projects, want the seeds' ones", len(ended))
	}
	for id, n := range ended {
		if n == 0 {
			t.Errorf("network %d of an ended project has no meetings", id)
		}
	}

	// Attendance only within the attendee's term in the network.
	arows, err := d.QueryContext(ctx, `SELECT a.meeting_id, s.term_start, s.term_end FROM meeting_attendance a
		JOIN meetings m ON m.id = a.meeting_id
		JOIN memberships s ON s.network_id = m.network_id AND s.person_id = a.person_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer arows.Close()
	attended := 0
	for arows.Next() {
		var meetingID int64
		var start, end sql.NullTime
		if err := arows.Scan(&meetingID, &start, &end); err != nil {
			t.Fatal(err)
		}
		md, ok := days[meetingID]
		if !ok {
			continue
		}
		attended++
		if start.Valid && md.day.Before(start.Time) || end.Valid && md.day.After(end.Time) {
			t.Errorf("%s: attendance on %s outside the term %v–%v", md.network, md.day.Format(time.DateOnly), start.Time, end.Time)
		}
	}
	if err := arows.Err(); err != nil {
		t.Fatal(err)
	}
	if attended == 0 {
		t.Errorf("nobody attended the ended projects' meetings")
	}

	// Everyone whose term covers a past meeting's day has answered.
	answered := map[[2]int64]bool{}
	rrows, err := d.QueryContext(ctx, `SELECT meeting_id, person_id FROM meeting_responses`)
	if err != nil {
		t.Fatal(err)
	}
	defer rrows.Close()
	for rrows.Next() {
		var k [2]int64
		if err := rrows.Scan(&k[0], &k[1]); err != nil {
			t.Fatal(err)
		}
		answered[k] = true
	}
	type term struct {
		person     int64
		start, end sql.NullTime
	}
	terms := map[int64][]term{}
	mrows, err := d.QueryContext(ctx, `SELECT network_id, person_id, term_start, term_end FROM memberships`)
	if err != nil {
		t.Fatal(err)
	}
	defer mrows.Close()
	for mrows.Next() {
		var net int64
		var tm term
		if err := mrows.Scan(&net, &tm.person, &tm.start, &tm.end); err != nil {
			t.Fatal(err)
		}
		terms[net] = append(terms[net], tm)
	}
	unanswered := 0
	for id, md := range days {
		for _, tm := range terms[md.id] {
			if (!tm.start.Valid || !md.day.Before(tm.start.Time)) && (!tm.end.Valid || !md.day.After(tm.end.Time)) && !answered[[2]int64{id, tm.person}] {
				unanswered++
			}
		}
	}
	if unanswered != 0 {
		t.Errorf("%d members never answered a meeting of an ended project", unanswered)
	}

	// Nothing of the past is waiting: no open action item, no proposal.
	if n := count(t, d, `SELECT COUNT(*) FROM action_items i JOIN networks n ON n.id = i.network_id JOIN projects p ON p.id = n.project_id
		WHERE p.ends_on < $1 AND i.status = 'open'`, today); n != 0 {
		t.Errorf("%d open action items in the ended projects", n)
	}
	if n := count(t, d, `SELECT COUNT(*) FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id JOIN networks n ON n.id = m.network_id
		JOIN projects p ON p.id = n.project_id WHERE p.ends_on < $1 AND i.status <> 'accepted'`, today); n != 0 {
		t.Errorf("%d agenda proposals waiting in the ended projects", n)
	}
}
