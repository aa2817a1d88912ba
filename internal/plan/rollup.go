package plan

import (
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// The roll-up rules (issue 3, point 8):
//
//   - an action counts with its progress, a done action with 100 % and a
//     cancelled action not at all;
//   - an objective's progress is the weighted average of its counted
//     actions (action weights); without counted actions it has none;
//   - a goal's progress is the weighted average (objective weights) of all
//     objectives linked to it across the project's networks, where an
//     objective without counted actions counts as 0 %: the work is planned
//     but nothing is done yet. A goal without objectives has none.

// Weighted is a value with its weight.
type Weighted struct {
	Value  float64
	Weight float64
}

// WeightedAverage returns the weighted average of items; ok is false when
// the total weight is not positive. Items with a weight ≤ 0 are skipped.
func WeightedAverage(items []Weighted) (avg float64, ok bool) {
	var sum, total float64
	for _, it := range items {
		if it.Weight <= 0 {
			continue
		}
		sum += it.Value * it.Weight
		total += it.Weight
	}
	if total <= 0 {
		return 0, false
	}
	return sum / total, true
}

// ActionProgress returns the progress an action counts with in the
// roll-up; ok is false for a cancelled action, which does not count.
func ActionProgress(status string, progress int) (float64, bool) {
	switch status {
	case ActionCancelled:
		return 0, false
	case ActionDone:
		return 100, true
	}
	return float64(min(max(progress, 0), 100)), true
}

// ObjectiveProgress is the weighted progress of actions; ok is false when
// none counts.
func ObjectiveProgress(actions []Action) (float64, bool) {
	items := make([]Weighted, 0, len(actions))
	for _, a := range actions {
		if p, ok := ActionProgress(a.Status, a.Progress); ok {
			items = append(items, Weighted{Value: p, Weight: a.Weight})
		}
	}
	return WeightedAverage(items)
}

// GoalProgress is the weighted progress of the objectives linked to a goal
// (or of a plan's objectives): an objective without counted actions counts
// as 0 %. ok is false without objectives.
func GoalProgress(objectives []Objective) (float64, bool) {
	items := make([]Weighted, 0, len(objectives))
	for i := range objectives {
		p, _ := objectives[i].Progress()
		items = append(items, Weighted{Value: p, Weight: objectives[i].Weight})
	}
	return WeightedAverage(items)
}

// IsLate reports whether an action with the status and due date is late on
// today: due before today and neither done nor cancelled.
func IsLate(status string, due *time.Time, today time.Time) bool {
	if due == nil || status == ActionDone || status == ActionCancelled {
		return false
	}
	return due.Before(app.Day(today))
}

// Percent rounds a progress for display (0–100).
func Percent(p float64) int {
	return int(min(max(p+0.5, 0), 100))
}
