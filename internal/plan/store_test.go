package plan

import (
	"context"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// fixture inserts rows this package only reads, with plain SQL.
type fixture struct {
	t *testing.T
	d *db.DB
}

func (f fixture) id(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.d.QueryRowContext(context.Background(), q+" RETURNING id", args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (f fixture) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := f.d.ExecContext(context.Background(), q, args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

func (f fixture) project(name string) int64 {
	return f.id(`INSERT INTO projects (name, created_at, updated_at) VALUES ($1, $2, $2)`, name, db.Now(now))
}

func (f fixture) goal(projectID int64, pos int, title string) int64 {
	return f.id(`INSERT INTO project_goals (project_id, position, title) VALUES ($1, $2, $3)`, projectID, pos, title)
}

func (f fixture) network(projectID int64, name string) int64 {
	return f.id(`INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)`, projectID, name, db.Now(now))
}

func (f fixture) person(name string) int64 {
	return f.id(`INSERT INTO people (name, created_at, updated_at) VALUES ($1, $2, $2)`, name, db.Now(now))
}

func (f fixture) member(networkID, personID int64) int64 {
	return f.id(`INSERT INTO memberships (network_id, person_id, role, created_at, updated_at) VALUES ($1, $2, 'member', $3, $3)`,
		networkID, personID, db.Now(now))
}

func valid(t *testing.T, in interface{ Validate(*app.Validator) }) {
	t.Helper()
	var v app.Validator
	in.Validate(&v)
	if err := v.Err(); err != nil {
		t.Fatalf("validate: %v", err)
	}
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// world is a project with two goals and two networks, a member of each
// network, a staff member, and another project with its own goal.
type world struct {
	project, goal1, goal2, net1, net2, member1, member2, staff, otherGoal, outsider int64
}

func newWorld(f fixture) world {
	var w world
	w.project = f.project("Välityömarkkinat")
	w.goal1 = f.goal(w.project, 1, "Nuorten työllistyminen")
	w.goal2 = f.goal(w.project, 2, "Yritysyhteistyö")
	w.net1 = f.network(w.project, "Työpajatoiminta")
	w.net2 = f.network(w.project, "Yritysverkosto")
	w.member1 = f.person("Eero Esimerkki")
	w.member2 = f.person("Maija Malli")
	w.staff = f.person("Kaisa Koordinaattori")
	w.outsider = f.person("Ulla Ulkopuolinen")
	f.member(w.net1, w.member1)
	f.member(w.net2, w.member2)
	f.exec(`INSERT INTO project_staff (project_id, person_id, role) VALUES ($1, $2, 'coordinator')`, w.project, w.staff)
	other := f.project("KasvuPOK")
	w.otherGoal = f.goal(other, 1, "Kasvu")
	f.network(other, "Muu verkosto")
	return w
}

func TestPlanStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := fixture{t, d}
		w := newWorld(f)
		s := NewStore(d)

		pin := PlanInput{Title: " Toimintasuunnitelma 2027 ", StartsOn: day(2027, 1, 1), EndsOn: day(2027, 12, 31), Status: StatusActive}
		valid(t, &pin)
		planID, err := s.CreatePlan(ctx, w.net1, pin, now)
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.GetPlan(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != "Toimintasuunnitelma 2027" || p.NetworkName != "Työpajatoiminta" || p.ProjectID != w.project ||
			!p.StartsOn.Equal(*day(2027, 1, 1)) || !p.EndsOn.Equal(*day(2027, 12, 31)) || p.Status != StatusActive {
			t.Errorf("plan read back: %+v", p)
		}
		if _, err := s.CreatePlan(ctx, 999999, pin, now); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("plan in unknown network: %v", err)
		}

		// Objectives: linked to a goal of the project; another project's
		// goal is refused and nothing is stored.
		oin := ObjectiveInput{Title: "Pajat tutuiksi", GoalID: w.goal1, Weight: 2}
		valid(t, &oin)
		obj1, err := s.CreateObjective(ctx, planID, oin, now)
		if err != nil {
			t.Fatal(err)
		}
		bad := ObjectiveInput{Title: "Väärä", GoalID: w.otherGoal, Weight: 1}
		valid(t, &bad)
		before := count(t, d, "plan_objectives")
		if _, err := s.CreateObjective(ctx, planID, bad, now); fieldKeys(err)["project_goal_id"] != "plan.err.goal_other_project" {
			t.Errorf("goal of another project: %v", err)
		}
		if err := s.UpdateObjective(ctx, obj1, bad, now); fieldKeys(err)["project_goal_id"] != "plan.err.goal_other_project" {
			t.Errorf("update to a goal of another project: %v", err)
		}
		if got := count(t, d, "plan_objectives"); got != before {
			t.Errorf("refused objective stored: %d rows, want %d", got, before)
		}
		o, err := s.GetObjective(ctx, obj1)
		if err != nil || o.GoalID != w.goal1 || o.GoalTitle != "Nuorten työllistyminen" || o.Weight != 2 {
			t.Errorf("objective read back: %+v %v", o, err)
		}
		obj2, err := s.CreateObjective(ctx, planID, ObjectiveInput{Title: "Ilman tavoitetta", Weight: 1}, now)
		if err != nil {
			t.Fatal(err)
		}

		// Actions: the owner must be in the network or the project staff.
		ain := ActionInput{Title: "Pajaesittely", OwnerID: w.member1, StartsOn: day(2026, 10, 1), DueOn: day(2026, 11, 1),
			Status: ActionInProgress, Progress: 40, Weight: 1}
		valid(t, &ain)
		act1, err := s.CreateAction(ctx, obj1, ain, now)
		if err != nil {
			t.Fatal(err)
		}
		before = count(t, d, "plan_actions")
		for _, owner := range []int64{w.member2, w.outsider} {
			in := ain
			in.OwnerID = owner
			if _, err := s.CreateAction(ctx, obj1, in, now); fieldKeys(err)["owner_id"] != "plan.err.owner_outside" {
				t.Errorf("owner %d outside the network: %v", owner, err)
			}
		}
		if got := count(t, d, "plan_actions"); got != before {
			t.Errorf("refused action stored: %d rows, want %d", got, before)
		}
		staffIn := ActionInput{Title: "Raportti", OwnerID: w.staff, DueOn: day(2027, 3, 1), Status: ActionDone, Progress: 10, Weight: 3}
		valid(t, &staffIn)
		act2, err := s.CreateAction(ctx, obj1, staffIn, now)
		if err != nil {
			t.Fatalf("project staff as owner: %v", err)
		}
		a, err := s.GetAction(ctx, act2)
		if err != nil || a.Progress != 100 || a.OwnerName != "Kaisa Koordinaattori" || a.Weight != 3 {
			t.Errorf("action read back: %+v %v", a, err)
		}
		if _, err := s.CreateAction(ctx, obj2, ActionInput{Title: "Peruttu", Status: ActionCancelled, Progress: 50, Weight: 1}, now); err != nil {
			t.Fatal(err)
		}

		// A member who leaves keeps their action until it is reassigned.
		f.exec(`DELETE FROM memberships WHERE person_id = $1`, w.member1)
		ain.Progress = 60
		if err := s.UpdateAction(ctx, act1, ain, now); err != nil {
			t.Errorf("update keeping a former member as owner: %v", err)
		}
		ain.OwnerID = w.outsider
		if err := s.UpdateAction(ctx, act1, ain, now); fieldKeys(err)["owner_id"] != "plan.err.owner_outside" {
			t.Errorf("reassign to an outsider: %v", err)
		}
		if a, _ := s.GetAction(ctx, act1); a.OwnerID != w.member1 || a.Progress != 60 {
			t.Errorf("refused update changed the action: %+v", a)
		}

		// Indicators and values; the latest value comes with the plan.
		target, baseline := 12.5, 2.0
		iin := IndicatorInput{Name: "Osallistujat", Unit: "hlö", Baseline: &baseline, Target: &target}
		valid(t, &iin)
		ind, err := s.CreateIndicator(ctx, act1, iin, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []struct {
			on  *time.Time
			val float64
		}{{day(2026, 9, 1), 3}, {day(2026, 11, 1), 7.5}, {day(2026, 10, 1), 5}, {day(2026, 11, 1), 8.25}} {
			vin := ValueInput{MeasuredOn: v.on, Value: &v.val}
			valid(t, &vin)
			if err := s.SetValue(ctx, ind, vin, now); err != nil {
				t.Fatal(err)
			}
		}
		gi, err := s.GetIndicator(ctx, ind)
		if err != nil || len(gi.Values) != 3 || gi.Latest().Value != 8.25 || *gi.Baseline != 2 || gi.Target != 12.5 {
			t.Errorf("indicator read back: %+v %v", gi, err)
		}
		if err := s.SetValue(ctx, 999999, ValueInput{MeasuredOn: day(2026, 1, 1), Value: &target}, now); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("value of unknown indicator: %v", err)
		}
		if _, err := s.GetIndicator(ctx, 999999); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("unknown indicator: %v", err)
		}

		// The full plan and its roll-up: objective 1 has 60 % (weight 1)
		// and done (weight 3) → 90 %; objective 2 has only a cancelled
		// action → 0 % in the plan. Plan: (90·2 + 0·1) / 3 = 60 %.
		full, err := s.GetFull(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Objectives) != 2 || len(full.Objectives[0].Actions) != 2 {
			t.Fatalf("full plan: %+v", full)
		}
		if got := full.Objectives[0].Actions[0].Indicators; len(got) != 1 || got[0].Latest() == nil || got[0].Latest().Value != 8.25 {
			t.Errorf("plan's indicator with latest value: %+v", got)
		}
		if p, ok := full.Objectives[0].Progress(); !ok || !near(p, 90) {
			t.Errorf("objective 1 progress %v %v, want 90", p, ok)
		}
		if _, ok := full.Objectives[1].Progress(); ok {
			t.Errorf("objective with only a cancelled action has progress")
		}
		if p, ok := full.Progress(); !ok || !near(p, 60) {
			t.Errorf("plan progress %v %v, want 60", p, ok)
		}
		if !full.Objectives[0].Actions[0].Late(now) {
			t.Errorf("action due 1.11. and in progress is not late on 22.11.")
		}

		// A second network's objective on goal 1, in a draft plan first
		// (not counted) and then in an active one.
		draftID, err := s.CreatePlan(ctx, w.net2, PlanInput{Title: "Luonnos", StartsOn: day(2027, 1, 1), EndsOn: day(2027, 6, 30), Status: StatusDraft}, now)
		if err != nil {
			t.Fatal(err)
		}
		obj3, err := s.CreateObjective(ctx, draftID, ObjectiveInput{Title: "Yritysvierailut", GoalID: w.goal1, Weight: 1}, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateAction(ctx, obj3, ActionInput{Title: "Vierailu", OwnerID: w.member2, Status: ActionInProgress, Progress: 30, Weight: 1}, now); err != nil {
			t.Fatal(err)
		}
		report, err := s.GoalsReport(ctx, w.project)
		if err != nil {
			t.Fatal(err)
		}
		if len(report) != 3 || report[0].ID != w.goal1 || report[1].ID != w.goal2 || report[2].ID != 0 {
			t.Fatalf("goals report: %+v", report)
		}
		if p, ok := report[0].Progress(); !ok || !near(p, 90) || len(report[0].Objectives) != 1 {
			t.Errorf("goal 1 with the draft: %v %v (%d objectives), want 90", p, ok, len(report[0].Objectives))
		}
		if _, ok := report[1].Progress(); ok {
			t.Errorf("goal 2 without objectives has progress")
		}
		draft, _ := s.GetPlan(ctx, draftID)
		upd := PlanInput{Title: draft.Title, StartsOn: &draft.StartsOn, EndsOn: &draft.EndsOn, Status: StatusActive}
		if err := s.UpdatePlan(ctx, draftID, upd, now); err != nil {
			t.Fatal(err)
		}
		report, err = s.GoalsReport(ctx, w.project)
		if err != nil {
			t.Fatal(err)
		}
		// (90·2 + 30·1) / 3 = 70 %.
		if p, ok := report[0].Progress(); !ok || !near(p, 70) || len(report[0].Objectives) != 2 {
			t.Errorf("goal 1 across networks: %v %v (%d objectives), want 70", p, ok, len(report[0].Objectives))
		}

		// A removed project goal unlinks its objectives.
		f.exec(`DELETE FROM project_goals WHERE id = $1`, w.goal1)
		if o, err := s.GetObjective(ctx, obj1); err != nil || o.GoalID != 0 {
			t.Errorf("objective of a removed goal: %+v %v", o, err)
		}

		// Lists, owners, publishing, missing rows.
		plans, err := s.ListPlans(ctx, w.net1)
		if err != nil || len(plans) != 1 || len(plans[0].Objectives) != 2 {
			t.Errorf("list plans: %+v %v", plans, err)
		}
		owners, err := s.Owners(ctx, w.net2)
		if err != nil || len(owners) != 2 {
			t.Errorf("owners of network 2 (member and staff): %+v %v", owners, err)
		}
		if err := s.SetGoalsPublished(ctx, w.project, true, now); err != nil {
			t.Fatal(err)
		}
		if pr, err := s.Project(ctx, w.project); err != nil || !pr.GoalsPublished {
			t.Errorf("published project: %+v %v", pr, err)
		}
		if err := s.SetGoalsPublished(ctx, 999999, true, now); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("publish unknown project: %v", err)
		}
		if err := s.UpdatePlan(ctx, 999999, pin, now); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("update unknown plan: %v", err)
		}
		for name, err := range map[string]error{
			"plan":      func() error { _, err := s.GetPlan(ctx, 999999); return err }(),
			"objective": func() error { _, err := s.GetObjective(ctx, 999999); return err }(),
			"action":    func() error { _, err := s.GetAction(ctx, 999999); return err }(),
			"report":    func() error { _, err := s.GoalsReport(ctx, 999999); return err }(),
			"obj in":    func() error { _, err := s.CreateObjective(ctx, 999999, oin, now); return err }(),
			"act in":    func() error { _, err := s.CreateAction(ctx, 999999, staffIn, now); return err }(),
			"ind in":    func() error { _, err := s.CreateIndicator(ctx, 999999, iin, now); return err }(),
		} {
			if !app.IsCode(err, app.ENOTFOUND) {
				t.Errorf("%s 999999: %v, want not found", name, err)
			}
		}
	})
}
