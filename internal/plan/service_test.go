package plan

import (
	"context"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestService: the rights come before validation, and a value the adapter
// could not parse keeps its own error ahead of validation's.
func TestService(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(fixture{t, d})
		clock := app.NewFixedClock(now)
		s := NewService(d, auth.NewPolicy(d, clock), clock)
		coord := &app.User{ID: 1, PersonID: w.staff}
		member := &app.User{ID: 2, PersonID: w.member1}
		good := PlanInput{Title: "TS 2027", StartsOn: day(2027, 1, 1), EndsOn: day(2027, 12, 31), Status: StatusActive}

		t.Run("Rights", func(t *testing.T) {
			bad := PlanInput{}
			for name, c := range map[string]struct {
				u    *app.User
				net  int64
				code string
			}{
				"Public":         {nil, w.net1, app.EUNAUTH},
				"PublicMissing":  {nil, 999999, app.EUNAUTH},
				"Member":         {member, w.net1, app.EFORBIDDEN},
				"MissingNetwork": {coord, 999999, app.ENOTFOUND},
				"Invalid":        {coord, w.net1, app.EINVALID},
			} {
				if _, err := s.CreatePlan(ctx, c.u, c.net, bad); !app.IsCode(err, c.code) {
					t.Errorf("%s: %v, want %s", name, err, c.code)
				}
			}
			if n := count(t, d, "action_plans"); n != 0 {
				t.Errorf("%d plans stored", n)
			}
		})

		t.Run("UnparsedFirst", func(t *testing.T) {
			in := PlanInput{Title: "TS", EndsOn: day(2027, 1, 1), Status: StatusActive}
			in.Unparsed.Add("starts_on", "err.invalid_date", nil)
			_, err := s.CreatePlan(ctx, coord, w.net1, in)
			e := app.AsError(err)
			if e == nil || len(e.Fields) != 1 || e.Fields[0].Field != "starts_on" || e.Fields[0].Key != "err.invalid_date" {
				t.Errorf("unparsed date: %v", err)
			}
		})

		t.Run("Flow", func(t *testing.T) {
			planID, err := s.CreatePlan(ctx, coord, w.net1, good)
			if err != nil {
				t.Fatal(err)
			}
			obj, err := s.CreateObjective(ctx, coord, planID, ObjectiveInput{Title: "O", GoalID: w.goal1, Weight: 1})
			if err != nil || obj.PlanID != planID || obj.ObjectiveID == 0 {
				t.Fatalf("objective: %+v %v", obj, err)
			}
			act, err := s.CreateAction(ctx, coord, obj.ObjectiveID, ActionInput{Title: "A", Status: ActionDone, Weight: 1})
			if err != nil || act.ObjectiveID != obj.ObjectiveID || act.PlanID != planID || act.ActionID == 0 {
				t.Fatalf("action: %+v %v", act, err)
			}
			if _, err := s.UpdateAction(ctx, member, act.ActionID, ActionInput{Title: "A", Status: ActionDone, Weight: 1}); !app.IsCode(err, app.EFORBIDDEN) {
				t.Errorf("member updates an action: %v", err)
			}
			target := 10.0
			ind, err := s.CreateIndicator(ctx, coord, act.ActionID, IndicatorInput{Name: "I", Target: &target})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SetValue(ctx, member, ind, ValueInput{MeasuredOn: day(2027, 2, 1), Value: &target}); !app.IsCode(err, app.EFORBIDDEN) {
				t.Errorf("member records a value: %v", err)
			}
			if err := s.SetValue(ctx, coord, ind, ValueInput{MeasuredOn: day(2027, 2, 1), Value: &target}); err != nil {
				t.Fatal(err)
			}
			detail, err := s.Indicator(ctx, member, ind)
			if err != nil || detail.CanManage || len(detail.Indicator.Values) != 1 || detail.Plan.ID != planID {
				t.Errorf("indicator for a member: %+v %v", detail, err)
			}
			p, err := s.Plan(ctx, member, planID)
			if err != nil || len(p.Objectives) != 1 {
				t.Fatalf("plan: %v", err)
			}
			if pr, ok := p.Progress(); !ok || pr != 100 {
				t.Errorf("progress %v %v, want 100", pr, ok)
			}
		})

		t.Run("Goals", func(t *testing.T) {
			if _, err := s.ProjectGoals(ctx, nil, w.project); !app.IsCode(err, app.EUNAUTH) {
				t.Errorf("public, unpublished: %v", err)
			}
			if err := s.PublishGoals(ctx, member, w.project, true); !app.IsCode(err, app.EFORBIDDEN) {
				t.Errorf("member publishes: %v", err)
			}
			if err := s.PublishGoals(ctx, coord, w.project, true); err != nil {
				t.Fatal(err)
			}
			g, err := s.ProjectGoals(ctx, nil, w.project)
			if err != nil || g.CanManage || !g.Project.GoalsPublished {
				t.Errorf("public, published: %+v %v", g, err)
			}
			if g, err := s.ProjectGoals(ctx, coord, w.project); err != nil || !g.CanManage {
				t.Errorf("coordinator: %+v %v", g, err)
			}
		})
	})
}
