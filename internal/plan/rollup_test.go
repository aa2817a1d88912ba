package plan

import (
	"math"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestActionProgress(t *testing.T) {
	tests := []struct {
		name     string
		status   string
		progress int
		want     float64
		counts   bool
	}{
		{"Planned", ActionPlanned, 0, 0, true},
		{"InProgress", ActionInProgress, 40, 40, true},
		{"DoneIsFull", ActionDone, 30, 100, true},
		{"CancelledDoesNotCount", ActionCancelled, 80, 0, false},
		{"ClampedHigh", ActionInProgress, 150, 100, true},
		{"ClampedLow", ActionInProgress, -5, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ActionProgress(tt.status, tt.progress)
			if ok != tt.counts || !near(got, tt.want) {
				t.Errorf("ActionProgress(%s, %d) = %v, %v; want %v, %v", tt.status, tt.progress, got, ok, tt.want, tt.counts)
			}
		})
	}
}

func act(status string, progress int, weight float64) Action {
	return Action{Status: status, Progress: progress, Weight: weight}
}

func TestObjectiveProgress(t *testing.T) {
	tests := []struct {
		name    string
		actions []Action
		want    float64
		ok      bool
	}{
		{"NoActions", nil, 0, false},
		{"OnlyCancelled", []Action{act(ActionCancelled, 50, 1)}, 0, false},
		{"Single", []Action{act(ActionInProgress, 40, 1)}, 40, true},
		{"EqualWeights", []Action{act(ActionInProgress, 40, 1), act(ActionPlanned, 0, 1)}, 20, true},
		{"Weighted", []Action{act(ActionInProgress, 40, 3), act(ActionDone, 0, 1)}, (40*3 + 100) / 4.0, true},
		{"CancelledExcluded", []Action{act(ActionDone, 0, 1), act(ActionCancelled, 0, 5)}, 100, true},
		{"FractionalWeights", []Action{act(ActionInProgress, 50, 0.5), act(ActionInProgress, 100, 1.5)}, 87.5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ObjectiveProgress(tt.actions)
			if ok != tt.ok || !near(got, tt.want) {
				t.Errorf("ObjectiveProgress = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestGoalProgress(t *testing.T) {
	obj := func(weight float64, actions ...Action) Objective { return Objective{Weight: weight, Actions: actions} }
	tests := []struct {
		name string
		objs []Objective
		want float64
		ok   bool
	}{
		{"NoObjectives", nil, 0, false},
		{"ObjectiveWithoutActionsCountsZero", []Objective{obj(1), obj(1, act(ActionDone, 0, 1))}, 50, true},
		{"Weighted", []Objective{obj(1, act(ActionInProgress, 20, 1)), obj(3, act(ActionInProgress, 60, 1))}, (20 + 180) / 4.0, true},
		{"AcrossNetworks", []Objective{
			obj(2, act(ActionDone, 0, 1), act(ActionPlanned, 0, 1)), // 50
			obj(1, act(ActionInProgress, 80, 1)),                    // 80
		}, (100 + 80) / 3.0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := GoalProgress(tt.objs)
			if ok != tt.ok || !near(got, tt.want) {
				t.Errorf("GoalProgress = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestIsLate(t *testing.T) {
	// 22.11.2026 at 23:30 in Helsinki is still the 22nd there, though
	// already past 21:30 UTC.
	now := time.Date(2026, 11, 22, 21, 30, 0, 0, time.UTC)
	d := func(day int) *time.Time { t := time.Date(2026, 11, day, 0, 0, 0, 0, time.UTC); return &t }
	tests := []struct {
		name   string
		status string
		due    *time.Time
		want   bool
	}{
		{"NoDueDate", ActionPlanned, nil, false},
		{"DueToday", ActionPlanned, d(22), false},
		{"DueYesterday", ActionInProgress, d(21), true},
		{"DoneNotLate", ActionDone, d(1), false},
		{"CancelledNotLate", ActionCancelled, d(1), false},
		{"DueTomorrow", ActionPlanned, d(23), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsLate(tt.status, tt.due, now); got != tt.want {
				t.Errorf("IsLate = %v, want %v", got, tt.want)
			}
		})
	}
	// Just after midnight in Helsinki (22:10 UTC on the 22nd), the 22nd
	// is yesterday.
	if !IsLate(ActionPlanned, d(22), time.Date(2026, 11, 22, 22, 10, 0, 0, time.UTC)) {
		t.Error("due 22.11. is late at 00:10 Helsinki time on 23.11.")
	}
}

func fieldKeys(err error) map[string]string {
	out := map[string]string{}
	if e := app.AsError(err); e != nil {
		for _, f := range e.Fields {
			out[f.Field] = f.Key
		}
	}
	return out
}

func TestValidate(t *testing.T) {
	d := func(m time.Month, day int) *time.Time { t := time.Date(2026, m, day, 0, 0, 0, 0, time.UTC); return &t }
	num := func(x float64) *float64 { return &x }
	tests := []struct {
		name  string
		in    interface{ Validate(*app.Validator) }
		field string
		key   string
	}{
		{"PlanTitleRequired", &PlanInput{Title: "  ", StartsOn: d(1, 1), EndsOn: d(12, 31), Status: StatusDraft}, "title", "err.required"},
		{"PlanEndBeforeStart", &PlanInput{Title: "P", StartsOn: d(6, 1), EndsOn: d(5, 31), Status: StatusDraft}, "ends_on", "err.end_before_start"},
		{"PlanStartRequired", &PlanInput{Title: "P", EndsOn: d(5, 31), Status: StatusDraft}, "starts_on", "err.required"},
		{"PlanBadStatus", &PlanInput{Title: "P", StartsOn: d(1, 1), EndsOn: d(2, 1), Status: "open"}, "status", "err.invalid_choice"},
		{"ObjectiveTitleRequired", &ObjectiveInput{Weight: 1}, "title", "err.required"},
		{"ObjectiveWeightZero", &ObjectiveInput{Title: "O", Weight: 0}, "weight", "plan.err.weight_positive"},
		{"ObjectiveWeightNegative", &ObjectiveInput{Title: "O", Weight: -1}, "weight", "plan.err.weight_positive"},
		{"ActionTitleRequired", &ActionInput{Status: ActionPlanned, Weight: 1}, "title", "err.required"},
		{"ActionProgressHigh", &ActionInput{Title: "A", Status: ActionPlanned, Progress: 101, Weight: 1}, "progress", "plan.err.progress_range"},
		{"ActionProgressNegative", &ActionInput{Title: "A", Status: ActionPlanned, Progress: -1, Weight: 1}, "progress", "plan.err.progress_range"},
		{"ActionDueBeforeStart", &ActionInput{Title: "A", Status: ActionPlanned, Weight: 1, StartsOn: d(3, 2), DueOn: d(3, 1)}, "due_on", "plan.err.due_before_start"},
		{"ActionWeightZero", &ActionInput{Title: "A", Status: ActionPlanned, Weight: 0}, "weight", "plan.err.weight_positive"},
		{"ActionBadStatus", &ActionInput{Title: "A", Status: "late", Weight: 1}, "status", "err.invalid_choice"},
		{"IndicatorTargetMissing", &IndicatorInput{Name: "Osallistujat"}, "target", "plan.err.target_required"},
		{"IndicatorNameRequired", &IndicatorInput{Target: num(10)}, "name", "err.required"},
		{"ValueRequired", &ValueInput{MeasuredOn: d(1, 1)}, "value", "err.required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v app.Validator
			tt.in.Validate(&v)
			if got := fieldKeys(v.Err())[tt.field]; got != tt.key {
				t.Errorf("field %s: error %q, want %q (all: %v)", tt.field, got, tt.key, fieldKeys(v.Err()))
			}
		})
	}

	t.Run("DoneIsHundred", func(t *testing.T) {
		in := ActionInput{Title: "A", Status: ActionDone, Progress: 30, Weight: 1}
		var v app.Validator
		in.Validate(&v)
		if v.Err() != nil || in.Progress != 100 {
			t.Errorf("done action: err %v, progress %d", v.Err(), in.Progress)
		}
	})
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want *float64
		bad  bool
	}{
		{"", nil, false},
		{"12,5", new(12.5), false},
		{"1 200", new(1200.0), false},
		{"-3.25", new(-3.25), false},
		{"abc", nil, true},
		{"NaN", nil, true},
	}
	for _, tt := range tests {
		var v app.Validator
		got := ParseNumber(&v, "x", tt.in)
		if tt.bad != !v.Valid() || (got == nil) != (tt.want == nil) || (got != nil && !near(*got, *tt.want)) {
			t.Errorf("ParseNumber(%q) = %v (valid %v)", tt.in, got, v.Valid())
		}
	}
	if got := FormatNumber(12.5, "fi"); got != "12,5" {
		t.Errorf("FormatNumber fi = %q", got)
	}
	if got := FormatNumber(12.5, "en"); got != "12.5" {
		t.Errorf("FormatNumber en = %q", got)
	}
}
