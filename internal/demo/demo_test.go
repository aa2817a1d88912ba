package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/task"
)

var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func count(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestLoadIfEmpty(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		loaded, err := LoadIfEmpty(ctx, d, testNow)
		if err != nil || !loaded {
			t.Fatalf("first load: %v %v", loaded, err)
		}
		again, err := LoadIfEmpty(ctx, d, testNow)
		if err != nil || again {
			t.Fatalf("second load: %v %v", again, err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM projects`); n != 4 {
			t.Errorf("projects: %d, want 4", n)
		}
		var ouluID int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM projects WHERE name = $1`, OuluProject).Scan(&ouluID); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM networks WHERE project_id = $1`, ouluID); n != 4 {
			t.Errorf("Oulu networks: %d, want 4", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM project_goals WHERE project_id = $1`, ouluID); n < 4 {
			t.Errorf("Oulu goals: %d", n)
		}
		for _, code := range []string{"564", "244", "425", "436", "494", "859", "072", "139"} {
			if n := count(t, d, `SELECT COUNT(*) FROM project_municipalities WHERE project_id = $1 AND municipality_code = $2`, ouluID, code); n != 1 {
				t.Errorf("Oulu project lacks municipality %s", code)
			}
			if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE sector = 'municipality' AND municipality_code = $1`, code); n < 1 {
				t.Errorf("no municipality organisation for %s", code)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM people`); n < 55 || n > 70 {
			t.Errorf("people: %d, want about 60", n)
		}
		for _, s := range []string{"employment_services", "state_admin", "municipality", "wellbeing_county", "third_sector", "education", "business", "project", "other"} {
			if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE sector = $1`, s); n == 0 {
				t.Errorf("no organisation of sector %s", s)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE name IN ('Nuorten Ystävät ry', 'VATES-säätiö', 'Oulun TE-toimisto', 'Pohjois-Pohjanmaan ELY-keskus', 'Lapin yliopisto', 'Rovaniemen koulutuskuntayhtymä REDU', 'Pohjois-Karjalan ELY-keskus')`); n != 7 {
			t.Errorf("named organisations: %d, want 7", n)
		}
		for _, role := range []string{"convener", "secretary", "member", "guest"} {
			if n := count(t, d, `SELECT COUNT(*) FROM memberships WHERE role = $1`, role); n == 0 {
				t.Errorf("no membership with role %s", role)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships WHERE deputy_of_id IS NOT NULL`); n < 2 {
			t.Errorf("deputies: %d", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships WHERE term_end IS NOT NULL AND term_end < $1`, testNow); n < 2 {
			t.Errorf("ended terms: %d", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM project_staff WHERE role = 'coordinator'`); n != 4 {
			t.Errorf("coordinators: %d", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM networks WHERE status = 'archived'`); n < 1 {
			t.Errorf("no archived network")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM people WHERE email <> LOWER(email) OR (phone <> '' AND phone NOT LIKE '040 000 %')`); n != 0 {
			t.Errorf("%d people with upper-case e-mail or a phone outside the fake range", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE name_key <> LOWER(name_key)`); n != 0 {
			t.Errorf("name keys not lower-case: %d", n)
		}
		// Never the real people of the seeds.
		for _, real := range []string{"Limingoja", "Mustonen", "Saila Lehto", "Minkkinen", "Johansson", "Arosara", "Järvensivu"} {
			if n := count(t, d, `SELECT COUNT(*) FROM people WHERE name LIKE $1`, "%"+real+"%"); n != 0 {
				t.Errorf("a real person's name in the demo: %s", real)
			}
		}

		// Every demo account signs in with the demo password, with its role.
		s := auth.NewStore(d)
		for _, a := range demoAccounts {
			if _, err := auth.Authenticate(ctx, s, a.email, Password); err != nil {
				t.Errorf("sign in %s: %v", a.email, err)
			}
		}
		admin, _ := s.AccountByEmail(ctx, AdminEmail)
		if admin == nil || !admin.IsAdmin {
			t.Errorf("admin account is not an admin: %+v", admin)
		}
		pol := auth.NewPolicy(d, nil)
		coord, _ := s.AccountByEmail(ctx, CoordinatorEmail)
		if role, _ := pol.ProjectRole(ctx, coord.User(), ouluID); role != auth.RoleCoordinator {
			t.Errorf("coordinator's role: %q", role)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = $1 AND m.role = 'convener'`, ConvenerEmail); n < 1 {
			t.Errorf("convener account convenes nothing")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = $1 AND m.role = 'member'`, MemberEmail); n < 1 {
			t.Errorf("member account is a member of nothing")
		}
		help := SignInHelp()
		for _, want := range []string{AdminEmail, CoordinatorEmail, ConvenerEmail, MemberEmail, Password} {
			if !strings.Contains(help, want) {
				t.Errorf("sign-in help lacks %q:\n%s", want, help)
			}
		}
	})
}

// TestCoverageGap checks that a network of the Oulu project misses both a
// sector and one of the project's municipalities among its current members.
func TestCoverageGap(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if _, err := LoadIfEmpty(context.Background(), d, testNow); err != nil {
			t.Fatal(err)
		}
		const current = `m.network_id = n.id AND (m.term_end IS NULL OR m.term_end >= $1)`
		sectorGaps := count(t, d, `SELECT COUNT(*) FROM networks n JOIN projects p ON p.id = n.project_id
			WHERE p.name = $2 AND EXISTS (
				SELECT 1 FROM organisations s WHERE s.sector IN ('education', 'business') AND NOT EXISTS (
					SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
					WHERE `+current+` AND o.sector = s.sector))
			AND EXISTS (
				SELECT 1 FROM project_municipalities pm WHERE pm.project_id = p.id AND NOT EXISTS (
					SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
					WHERE `+current+` AND o.municipality_code = pm.municipality_code))`, testNow, OuluProject)
		if sectorGaps < 1 {
			t.Fatal("no Oulu network misses both a sector and a municipality")
		}
		// And one network is complete, so the panel shows both states.
		full := count(t, d, `SELECT COUNT(*) FROM networks n JOIN projects p ON p.id = n.project_id
			WHERE p.name = $2 AND NOT EXISTS (
				SELECT 1 FROM project_municipalities pm WHERE pm.project_id = p.id AND NOT EXISTS (
					SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
					WHERE `+current+` AND o.municipality_code = pm.municipality_code))`, testNow, OuluProject)
		if full < 1 {
			t.Fatal("no Oulu network covers every municipality")
		}
	})
}

func TestLoadIfEmptySkipsUsedDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := auth.NewStore(d).CreatePersonAccount(ctx, "Olemassa Oleva", "olemassa@example.fi", true, testNow); err != nil {
			t.Fatal(err)
		}
		loaded, err := LoadIfEmpty(ctx, d, testNow)
		if err != nil || loaded {
			t.Fatalf("load into a used database: %v %v", loaded, err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM projects`); n != 0 {
			t.Fatalf("projects: %d", n)
		}
	})
}

// TestActivity checks the running networks of the demo through the domain
// stores: what each demo sign-in sees first.
func TestActivity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if loaded, err := LoadIfEmpty(ctx, d, testNow); err != nil || !loaded {
			t.Fatalf("load: %v %v", loaded, err)
		}
		checkActivity(t, d, testNow)

		// The coordinator sees the goals' progress rolled up from the
		// networks' plans.
		var ouluID int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM projects WHERE name = $1`, OuluProject).Scan(&ouluID); err != nil {
			t.Fatal(err)
		}
		report, err := plan.NewStore(d).GoalsReport(ctx, ouluID)
		if err != nil {
			t.Fatal(err)
		}
		withProgress := 0
		for _, g := range report {
			if p, ok := g.Progress(); ok && p > 0 && p < 100 {
				withProgress++
			}
			if g.ID == 0 {
				t.Errorf("objectives linked to no goal: %+v", g.Objectives)
			}
		}
		if withProgress < 3 {
			t.Errorf("%d goals with partial progress, want 3: %+v", withProgress, report)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM action_plans WHERE status = 'active' AND starts_on = $1`, date(testNow.Year(), 1, 1)); n < 2 {
			t.Errorf("active plans for the year: %d", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM indicator_values`); n < 3 {
			t.Errorf("indicator values: %d", n)
		}
		var late int
		for _, status := range []string{plan.ActionPlanned, plan.ActionInProgress, plan.ActionDone} {
			if n := count(t, d, `SELECT COUNT(*) FROM plan_actions WHERE status = $1 AND owner_id IS NOT NULL`, status); n == 0 {
				t.Errorf("no plan action %s", status)
			}
		}
		late = count(t, d, `SELECT COUNT(*) FROM plan_actions WHERE status IN ('planned', 'in_progress') AND due_on < $1`, app.Day(testNow))
		if late != 1 {
			t.Errorf("late plan actions: %d, want 1", late)
		}

		// Meetings in every mode, each with place or link as it needs.
		for _, mode := range meeting.Modes {
			if n := count(t, d, `SELECT COUNT(*) FROM meetings WHERE mode = $1`, mode); n == 0 {
				t.Errorf("no %s meeting", mode)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM meetings WHERE (mode <> 'remote' AND place = '') OR (mode <> 'in_person' AND remote_link = '')`); n != 0 {
			t.Errorf("%d meetings without their place or link", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM meeting_series`); n < 2 {
			t.Errorf("series: %d", n)
		}
		for _, status := range minutes.ItemStatuses[:2] {
			if n := count(t, d, `SELECT COUNT(*) FROM action_items WHERE status = $1`, status); n < 3 {
				t.Errorf("action items %s: %d", status, n)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM action_items WHERE plan_action_id IS NOT NULL`); n == 0 {
			t.Error("no action item linked to a plan action")
		}

		// Loading again changes nothing.
		before := count(t, d, `SELECT (SELECT COUNT(*) FROM meetings) + (SELECT COUNT(*) FROM action_items) + (SELECT COUNT(*) FROM action_plans)`)
		if again, err := LoadIfEmpty(ctx, d, testNow.Add(time.Hour)); err != nil || again {
			t.Fatalf("second load: %v %v", again, err)
		}
		if after := count(t, d, `SELECT (SELECT COUNT(*) FROM meetings) + (SELECT COUNT(*) FROM action_items) + (SELECT COUNT(*) FROM action_plans)`); after != before {
			t.Errorf("second load wrote rows: %d → %d", before, after)
		}
	})
}

// TestActivityAnyDay loads the demo at awkward moments (during and just
// after a meeting, just before one, New Year, a daylight saving change,
// the summer break) and checks that every sign-in still sees its part.
func TestActivityAnyDay(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, 12, 8, 8, 30, 0, 0, time.UTC),  // during the convener's network's meeting
		time.Date(2026, 12, 8, 9, 0, 1, 0, time.UTC),   // a second after it ended
		time.Date(2026, 12, 7, 20, 0, 0, 0, time.UTC),  // the evening before it
		time.Date(2026, 12, 17, 12, 0, 0, 0, time.UTC), // during the member's network's meeting
		time.Date(2027, 1, 1, 6, 0, 0, 0, time.UTC),    // New Year's Day
		time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC),  // summer time begins
		time.Date(2026, 7, 20, 9, 0, 0, 0, time.UTC),   // summer break
		time.Date(2026, 12, 31, 21, 0, 0, 0, time.UTC), // the first hours of a new year in Helsinki
	} {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			d := dbtest.SQLite(t)
			if loaded, err := LoadIfEmpty(context.Background(), d, now); err != nil || !loaded {
				t.Fatalf("load: %v %v", loaded, err)
			}
			checkActivity(t, d, now)
		})
	}
}

// checkActivity checks what the demo accounts see of the networks'
// activity at now.
func checkActivity(t *testing.T, d *db.DB, now time.Time) {
	t.Helper()
	ctx := context.Background()
	today := app.Day(now)
	personOf := func(email string) int64 {
		var id int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM people WHERE email = $1`, email).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}

	// The member has open tasks in My tasks, exactly one of them overdue,
	// and an action of a plan among them.
	tasks, err := task.NewStore(d).Open(ctx, personOf(MemberEmail), today)
	if err != nil {
		t.Fatal(err)
	}
	overdue, actions := 0, 0
	for _, tk := range tasks {
		if tk.Overdue {
			overdue++
		}
		if tk.Kind == task.KindAction {
			actions++
		}
	}
	if len(tasks) < 3 || overdue != 1 || actions == 0 {
		t.Errorf("member's tasks: %d, %d overdue, %d plan actions; want 3+, 1, 1+: %+v", len(tasks), overdue, actions, tasks)
	}
	if conv, err := task.NewStore(d).Open(ctx, personOf(ConvenerEmail), today); err != nil || len(conv) == 0 {
		t.Errorf("convener's tasks: %v %v", conv, err)
	}

	// The convener's network has a coming meeting with a proposal to
	// accept while proposals are still open, and past meetings with
	// approved minutes (the latest a draft), decisions and attendance.
	var netID int64
	if err := d.QueryRowContext(ctx, `SELECT m.network_id FROM memberships m WHERE m.person_id = $1 AND m.role = 'convener'`,
		personOf(ConvenerEmail)).Scan(&netID); err != nil {
		t.Fatal(err)
	}
	ms := meeting.NewStore(d)
	upcoming, _, err := ms.List(ctx, meeting.ListFilter{NetworkID: netID, When: "upcoming", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	proposal := false
	for _, m := range upcoming {
		items, err := ms.Items(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.Status == meeting.ItemProposed && m.ProposalsOpen(now) && it.ProposedByID != 0 {
				proposal = true
			}
		}
	}
	if len(upcoming) < 2 || !proposal {
		t.Errorf("convener's network: %d coming meetings, a proposal open: %v", len(upcoming), proposal)
	}
	if len(upcoming) > 0 {
		if items, _ := ms.Items(ctx, upcoming[0].ID); len(items) < 3 {
			t.Errorf("next meeting's agenda: %d items", len(items))
		}
		if rs, _ := ms.Responses(ctx, upcoming[0].ID); len(rs) < 3 {
			t.Errorf("next meeting's answers: %d", len(rs))
		}
	}
	mins := minutes.NewStore(d)
	for _, net := range []string{kuntouttava, tyopajat} {
		var id int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM networks WHERE name = $1`, net).Scan(&id); err != nil {
			t.Fatal(err)
		}
		past, _, err := ms.List(ctx, meeting.ListFilter{NetworkID: id, When: "past", Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if len(past) != 4 {
			t.Fatalf("%s: %d past meetings, want 4", net, len(past))
		}
		for i, m := range past { // latest first
			mn, err := mins.Get(ctx, m.ID)
			if err != nil {
				t.Fatalf("%s %s: minutes: %v", net, m.When(), err)
			}
			if want := i > 0; mn.Approved() != want || len(mn.Decisions) == 0 || !strings.Contains(mn.Body, "## ") {
				t.Errorf("%s %s: minutes approved %v (want %v), %d decisions", net, m.When(), mn.Approved(), want, len(mn.Decisions))
			}
			if mn.Approved() && (mn.ApprovedAt == nil || mn.ApprovedAt.After(now) || mn.ApprovedByID == 0) {
				t.Errorf("%s %s: approval %v by %d", net, m.When(), mn.ApprovedAt, mn.ApprovedByID)
			}
			if att, _ := ms.Attendance(ctx, m.ID); len(att) < 6 {
				t.Errorf("%s %s: attendance %d", net, m.When(), len(att))
			}
			items, err := mins.Items(ctx, m.ID, now)
			if err != nil || len(items) == 0 {
				t.Errorf("%s %s: action items %d %v", net, m.When(), len(items), err)
			}
		}
	}

	// Nothing is written in the future, nothing is mailed and no reminder
	// is due at the first start.
	if n := count(t, d, `SELECT COUNT(*) FROM meetings WHERE created_at > $1 OR updated_at > $1`, db.Now(now)); n != 0 {
		t.Errorf("%d meetings written after the load", n)
	}
	if n := count(t, d, `SELECT COUNT(*) FROM action_items WHERE created_at > $1 OR completed_at > $1`, db.Now(now)); n != 0 {
		t.Errorf("%d action items written after the load", n)
	}
	if n := count(t, d, `SELECT COUNT(*) FROM meeting_responses WHERE updated_at > $1`, db.Now(now)); n != 0 {
		t.Errorf("%d answers given after the load", n)
	}
	if n := count(t, d, `SELECT COUNT(*) FROM mail_deliveries`); n != 0 {
		t.Errorf("the demo queued %d mails", n)
	}
	due, err := task.NewStore(d).NeedingReminders(ctx, today)
	if err != nil || len(due) != 0 {
		t.Errorf("reminders due at the first start: %v %v", due, err)
	}
}
