package demo

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/task"
)

func TestNationalSmallScale(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var progress strings.Builder
		n, err := loadScaled(ctx, d, testNow, 0.01, &progress)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s\n%s", progress.String(), n)
		checks := []struct {
			what  string
			query string
			want  int
		}{
			{"projects", `SELECT COUNT(*) FROM projects`, n.Projects},
			{"networks", `SELECT COUNT(*) FROM networks`, n.Networks},
			{"people", `SELECT COUNT(*) FROM people`, n.People},
			{"memberships", `SELECT COUNT(*) FROM memberships`, n.Memberships},
			{"organisations", `SELECT COUNT(*) FROM organisations`, n.Organisations},
			{"series", `SELECT COUNT(*) FROM meeting_series`, n.Series},
			{"meetings", `SELECT COUNT(*) FROM meetings`, n.Meetings},
			{"agenda items", `SELECT COUNT(*) FROM agenda_items`, n.AgendaItems},
			{"answers", `SELECT COUNT(*) FROM meeting_responses`, n.Responses},
			{"attendance", `SELECT COUNT(*) FROM meeting_attendance`, n.Attendance},
			{"minutes", `SELECT COUNT(*) FROM minutes`, n.Minutes},
			{"decisions", `SELECT COUNT(*) FROM decisions`, n.Decisions},
			{"action items", `SELECT COUNT(*) FROM action_items`, n.ActionItems},
			{"plans", `SELECT COUNT(*) FROM action_plans`, n.Plans},
			{"objectives", `SELECT COUNT(*) FROM plan_objectives`, n.Objectives},
			{"actions", `SELECT COUNT(*) FROM plan_actions`, n.Actions},
		}
		for _, c := range checks {
			if got := count(t, d, c.query); got != c.want {
				t.Errorf("%s: %d, summary says %d", c.what, got, c.want)
			}
		}
		if n.Networks != 20 || n.Memberships != 1000 || n.People != 501 || n.Meetings != 2000 || n.ActionItems != 5000 {
			t.Errorf("scale 0.01: %+v", n)
		}
		checkMeetings(t, d, n)
		if got := count(t, d, `SELECT COUNT(*) FROM memberships WHERE network_id = $1`, n.BenchNetworkID); got != BenchNetworkSize {
			t.Errorf("bench network has %d members", got)
		}
		if got := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.network_id = $1 AND p.email = $2`, n.BenchNetworkID, BenchEmail); got != 1 {
			t.Errorf("bench user not in the bench network")
		}
		if got := count(t, d, `SELECT COUNT(*) FROM (SELECT network_id, person_id FROM memberships GROUP BY network_id, person_id HAVING COUNT(*) > 1) x`); got != 0 {
			t.Errorf("duplicate memberships: %d", got)
		}
		if got := count(t, d, `SELECT COUNT(*) FROM memberships WHERE deputy_of_id IS NOT NULL`); got == 0 {
			t.Error("no deputies")
		}
		s := auth.NewStore(d)
		if _, err := auth.Authenticate(ctx, s, BenchEmail, BenchPassword); err != nil {
			t.Errorf("bench sign-in: %v", err)
		}
		if _, err := auth.Authenticate(ctx, s, AdminEmail, Password); err != nil {
			t.Errorf("admin sign-in: %v", err)
		}
		for _, want := range []string{"/networks/", "/meetings/", BenchEmail, "20 networks", "2000 meetings", "5000 action items"} {
			if !strings.Contains(n.String(), want) {
				t.Errorf("summary lacks %q: %s", want, n)
			}
		}
		// Ids continue after the generated ones (PostgreSQL sequences moved).
		var id int64
		if err := d.QueryRowContext(ctx, `INSERT INTO people (name, created_at, updated_at) VALUES ('Uusi', $1, $1) RETURNING id`, testNow).Scan(&id); err != nil {
			t.Fatalf("insert after generation: %v", err)
		}
		// A second run refuses the now-used database.
		if _, err := loadScaled(ctx, d, testNow, 0.01, nil); !errors.Is(err, ErrNotEmpty) {
			t.Errorf("second run: %v", err)
		}
	})
}

func TestNetworkSizes(t *testing.T) {
	for _, c := range []struct{ n, total int }{{1, 50}, {20, 1000}, {2000, 100000}, {7, 400}} {
		sizes := networkSizes(c.n, c.total)
		sum := 0
		for _, s := range sizes {
			if s < 5 {
				t.Errorf("%v: size %d", c, s)
			}
			sum += s
		}
		if sizes[0] != BenchNetworkSize || (c.n > 1 && sum != c.total) {
			t.Errorf("%v: first %d, sum %d", c, sizes[0], sum)
		}
	}
}

// BenchmarkNational measures the generator at a tenth of national scale
// on SQLite: go test -bench National ./internal/demo
func BenchmarkNational(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := dbtest.SQLite(b)
		b.StartTimer()
		if _, err := loadScaled(context.Background(), d, testNow, 0.1, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// checkMeetings checks the generated meetings, minutes, action items and
// plans against the app's rules, and that the app's stores read them.
func checkMeetings(t *testing.T, d *db.DB, n National) {
	ctx := context.Background()
	// Rules that hold for every row.
	for _, c := range []struct{ what, query string }{
		{"overlapping scheduled meetings", `SELECT COUNT(*) FROM meetings a JOIN meetings b ON a.network_id = b.network_id AND a.id < b.id
			WHERE a.status = 'scheduled' AND b.status = 'scheduled' AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`},
		{"meetings ending before they start", `SELECT COUNT(*) FROM meetings WHERE ends_at <= starts_at OR agenda_deadline > starts_at`},
		{"series meetings of another network", `SELECT COUNT(*) FROM meetings m JOIN meeting_series s ON s.id = m.series_id WHERE s.network_id <> m.network_id`},
		{"cancelled meetings without a higher sequence", `SELECT COUNT(*) FROM meetings WHERE status = 'cancelled' AND sequence < 1`},
		{"minutes of coming or cancelled meetings", `SELECT COUNT(*) FROM minutes n JOIN meetings m ON m.id = n.meeting_id
			WHERE m.ends_at > $1 OR m.status <> 'scheduled'`},
		{"approved minutes without approver", `SELECT COUNT(*) FROM minutes WHERE status = 'approved' AND (approved_by IS NULL OR approved_at IS NULL)`},
		{"drafts with an approver", `SELECT COUNT(*) FROM minutes WHERE status = 'draft' AND (approved_by IS NOT NULL OR approved_at IS NOT NULL)`},
		{"attendance of coming meetings", `SELECT COUNT(*) FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.starts_at > $1`},
		{"attendance of non-members", `SELECT COUNT(*) FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
			WHERE NOT EXISTS (SELECT 1 FROM memberships x WHERE x.network_id = m.network_id AND x.person_id = a.person_id)`},
		{"answers of non-members", `SELECT COUNT(*) FROM meeting_responses a JOIN meetings m ON m.id = a.meeting_id
			WHERE NOT EXISTS (SELECT 1 FROM memberships x WHERE x.network_id = m.network_id AND x.person_id = a.person_id)`},
		{"agenda preparers outside the network", `SELECT COUNT(*) FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
			WHERE a.preparer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.network_id = m.network_id AND x.person_id = a.preparer_id)`},
		{"action items of another network's meeting", `SELECT COUNT(*) FROM action_items a JOIN meetings m ON m.id = a.meeting_id WHERE m.network_id <> a.network_id`},
		{"action items without minutes", `SELECT COUNT(*) FROM action_items a WHERE NOT EXISTS (SELECT 1 FROM minutes n WHERE n.meeting_id = a.meeting_id)`},
		{"action item owners outside the network", `SELECT COUNT(*) FROM action_items a
			WHERE NOT EXISTS (SELECT 1 FROM memberships x WHERE x.network_id = a.network_id AND x.person_id = a.owner_person_id)`},
		{"action items linked to another network's plan", `SELECT COUNT(*) FROM action_items a JOIN plan_actions pa ON pa.id = a.plan_action_id
			JOIN plan_objectives o ON o.id = pa.objective_id JOIN action_plans p ON p.id = o.plan_id WHERE p.network_id <> a.network_id`},
		{"done items without completion time", `SELECT COUNT(*) FROM action_items WHERE (status = 'done') <> (completed_at IS NOT NULL)`},
		{"objectives linked to another project's goals", `SELECT COUNT(*) FROM plan_objectives o JOIN action_plans p ON p.id = o.plan_id
			JOIN networks n ON n.id = p.network_id JOIN project_goals g ON g.id = o.project_goal_id WHERE g.project_id <> n.project_id`},
		{"plan action owners outside the network", `SELECT COUNT(*) FROM plan_actions a JOIN plan_objectives o ON o.id = a.objective_id
			JOIN action_plans p ON p.id = o.plan_id WHERE NOT EXISTS (SELECT 1 FROM memberships x WHERE x.network_id = p.network_id AND x.person_id = a.owner_id)`},
		{"done actions below 100 %", `SELECT COUNT(*) FROM plan_actions WHERE status = 'done' AND progress <> 100`},
	} {
		args := []any{}
		if strings.Contains(c.query, "$1") {
			args = append(args, testNow)
		}
		if got := count(t, d, c.query, args...); got != 0 {
			t.Errorf("%s: %d", c.what, got)
		}
	}
	for _, c := range []struct {
		what  string
		query string
	}{
		{"linked action items", `SELECT COUNT(*) FROM action_items WHERE plan_action_id IS NOT NULL`},
		{"open action items", `SELECT COUNT(*) FROM action_items WHERE status = 'open'`},
		{"cancelled action items", `SELECT COUNT(*) FROM action_items WHERE status = 'cancelled'`},
		{"draft minutes", `SELECT COUNT(*) FROM minutes WHERE status = 'draft'`},
		{"cancelled meetings", `SELECT COUNT(*) FROM meetings WHERE status = 'cancelled'`},
		{"coming meetings", `SELECT COUNT(*) FROM meetings WHERE starts_at > $1`},
		{"proposed agenda items", `SELECT COUNT(*) FROM agenda_items WHERE status = 'proposed'`},
		{"meetings without a series", `SELECT COUNT(*) FROM meetings WHERE series_id IS NULL`},
		{"indicator values", `SELECT COUNT(*) FROM indicator_values`},
	} {
		args := []any{}
		if strings.Contains(c.query, "$1") {
			args = append(args, testNow)
		}
		if got := count(t, d, c.query, args...); got == 0 {
			t.Errorf("no %s", c.what)
		}
	}

	// Every series is what its rule says.
	rows, err := d.QueryContext(ctx, `SELECT id, rrule, first_start, last_start FROM meeting_series ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	type series struct {
		id          int64
		rule        string
		first, last time.Time
	}
	var all []series
	for rows.Next() {
		var s series
		if err := rows.Scan(&s.id, &s.rule, &s.first, &s.last); err != nil {
			t.Fatal(err)
		}
		all = append(all, s)
	}
	rows.Close()
	if len(all) == 0 {
		t.Fatal("no series")
	}
	for i, s := range all {
		if i%7 != 0 && i != len(all)-1 {
			continue // a sample is enough
		}
		occ, err := meeting.Occurrences(s.rule, s.first)
		if err != nil {
			t.Errorf("series %d %q: %v", s.id, s.rule, err)
			continue
		}
		var starts []time.Time
		rs, err := d.QueryContext(ctx, `SELECT starts_at FROM meetings WHERE series_id = $1 ORDER BY starts_at`, s.id)
		if err != nil {
			t.Fatal(err)
		}
		for rs.Next() {
			var st time.Time
			if err := rs.Scan(&st); err != nil {
				t.Fatal(err)
			}
			starts = append(starts, st.UTC())
		}
		rs.Close()
		ok := len(occ) == len(starts) && occ[len(occ)-1].Equal(s.last.UTC())
		for j := 0; ok && j < len(occ); j++ {
			ok = occ[j].Equal(starts[j])
		}
		if !ok {
			t.Errorf("series %d %q from %s: rule gives %v, meetings %v", s.id, s.rule, s.first, occ, starts)
		}
	}

	// The benchmark meeting through the app's stores.
	ms := meeting.NewStore(d)
	m, err := ms.Get(ctx, n.BenchMeetingID)
	if err != nil {
		t.Fatalf("bench meeting: %v", err)
	}
	if m.NetworkID != n.BenchNetworkID || !m.EndsAt.Before(testNow) || m.Cancelled() {
		t.Errorf("bench meeting %+v", m)
	}
	if items, err := ms.Items(ctx, m.ID); err != nil || len(items) < 3 {
		t.Errorf("bench meeting agenda: %d, %v", len(items), err)
	}
	if rs, err := ms.Responses(ctx, m.ID); err != nil || len(rs) < 6 {
		t.Errorf("bench meeting answers: %d, %v", len(rs), err)
	}
	if at, err := ms.Attendance(ctx, m.ID); err != nil || len(at) == 0 {
		t.Errorf("bench meeting attendance: %d, %v", len(at), err)
	}
	if list, total, err := ms.List(ctx, meeting.ListFilter{NetworkID: n.BenchNetworkID, When: "upcoming", Now: testNow}); err != nil || total == 0 || len(list) != total {
		t.Errorf("bench network's coming meetings: %d, %v", total, err)
	}
	mins := minutes.NewStore(d)
	mm, err := mins.Get(ctx, m.ID)
	if err != nil || !mm.Approved() || len(mm.Decisions) == 0 || !strings.Contains(string(mm.HTML()), "<li>") {
		t.Errorf("bench meeting minutes: %+v, %v", mm, err)
	}
	if items, err := mins.Items(ctx, m.ID, testNow); err != nil || len(items) < 2 {
		t.Errorf("bench meeting action items: %d, %v", len(items), err)
	}

	// My tasks of the bench user: both kinds, the count the summary says.
	var person int64
	if err := d.QueryRowContext(ctx, `SELECT id FROM people WHERE email = $1`, BenchEmail).Scan(&person); err != nil {
		t.Fatal(err)
	}
	tasks, err := task.NewStore(d).Open(ctx, person, app.Day(testNow))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, x := range tasks {
		kinds[x.Kind]++
	}
	if len(tasks) != n.BenchOpenTasks || len(tasks) < 20 || len(tasks) > 40 || kinds[task.KindItem] == 0 || kinds[task.KindAction] == 0 {
		t.Errorf("bench user's tasks: %d (%v), summary says %d", len(tasks), kinds, n.BenchOpenTasks)
	}
	// Reminders of tasks already due count as sent: the first start
	// mails nobody.
	if due, err := task.NewStore(d).NeedingReminders(ctx, app.Day(testNow)); err != nil || len(due) != 0 {
		t.Errorf("generated data needs %d reminders (%v)", len(due), err)
	}
}
