package plan

import (
	"sort"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// The view models below are computed before rendering: templates cannot
// call the two-result progress functions.

// ProgressView is a progress ready to show: Has is false when there is
// nothing to measure yet.
type ProgressView struct {
	Has     bool
	Percent int
}

func progressView(p float64, ok bool) ProgressView {
	return ProgressView{Has: ok, Percent: Percent(p)}
}

// ObjectiveView is an objective with its progress and its actions' views.
type ObjectiveView struct {
	*Objective
	Progress ProgressView
	Actions  []ActionView
	Late     int
}

// ActionView is an action with what the page shows about it.
type ActionView struct {
	*Action
	// Counted is the progress the action counts with (done 100 %);
	// Counted.Has is false for a cancelled action.
	Counted    ProgressView
	IsLate     bool
	Indicators []IndicatorView
}

// IndicatorView is an indicator with its numbers formatted for the
// page's language.
type IndicatorView struct {
	*Indicator
	BaselineText string
	TargetText   string
	LatestText   string
	LatestOn     *time.Time
}

func indicatorView(i *Indicator, lang string) IndicatorView {
	v := IndicatorView{Indicator: i, TargetText: FormatNumber(i.Target, lang)}
	if i.Baseline != nil {
		v.BaselineText = FormatNumber(*i.Baseline, lang)
	}
	if l := i.Latest(); l != nil {
		v.LatestText = FormatNumber(l.Value, lang)
		d := l.MeasuredOn
		v.LatestOn = &d
	}
	return v
}

func actionView(a *Action, today time.Time, lang string) ActionView {
	p, ok := ActionProgress(a.Status, a.Progress)
	v := ActionView{Action: a, Counted: progressView(p, ok), IsLate: a.Late(today)}
	for i := range a.Indicators {
		v.Indicators = append(v.Indicators, indicatorView(&a.Indicators[i], lang))
	}
	return v
}

func objectiveViews(objs []Objective, today time.Time, lang string) []ObjectiveView {
	out := make([]ObjectiveView, len(objs))
	for i := range objs {
		o := &objs[i]
		ov := ObjectiveView{Objective: o, Progress: progressView(o.Progress())}
		for j := range o.Actions {
			av := actionView(&o.Actions[j], today, lang)
			if av.IsLate {
				ov.Late++
			}
			ov.Actions = append(ov.Actions, av)
		}
		out[i] = ov
	}
	return out
}

// TimelineRow is an action on the goals page's timeline.
type TimelineRow struct {
	ActionView
	ObjectiveTitle string
	NetworkName    string
	NetworkNameSv  string // "" when not given
	NetworkNameEn  string
	GoalTitle      string
}

// NetworkNameIn returns the network's name in lang, in Finnish when not
// given in it.
func (r *TimelineRow) NetworkNameIn(lang string) string {
	return i18n.Pick(lang, r.NetworkName, r.NetworkNameSv, r.NetworkNameEn)
}

// timeline returns the actions of goals ordered by due date (undated
// last), and the late ones.
func timeline(goals []GoalView) (all, late []TimelineRow) {
	for _, g := range goals {
		for _, o := range g.Objectives {
			for _, a := range o.Actions {
				row := TimelineRow{ActionView: a, ObjectiveTitle: o.Title, NetworkName: o.NetworkName,
					NetworkNameSv: o.NetworkNameSv, NetworkNameEn: o.NetworkNameEn, GoalTitle: g.Title}
				all = append(all, row)
				if a.IsLate {
					late = append(late, row)
				}
			}
		}
	}
	less := func(rows []TimelineRow) func(i, j int) bool {
		return func(i, j int) bool {
			a, b := rows[i].DueOn, rows[j].DueOn
			switch {
			case a == nil && b == nil:
				return rows[i].ID < rows[j].ID
			case a == nil:
				return false
			case b == nil:
				return true
			case !a.Equal(*b):
				return a.Before(*b)
			}
			return rows[i].ID < rows[j].ID
		}
	}
	sort.SliceStable(all, less(all))
	sort.SliceStable(late, less(late))
	return all, late
}

// GoalView is a goal on the goals page.
type GoalView struct {
	ID         int64
	Title      string
	Progress   ProgressView
	Objectives []ObjectiveView
	Late       int
}

func goalViews(report []GoalReport, today time.Time, lang string) []GoalView {
	out := make([]GoalView, len(report))
	for i := range report {
		g := &report[i]
		gv := GoalView{ID: g.ID, Title: g.Title, Progress: progressView(g.Progress()),
			Objectives: objectiveViews(g.Objectives, today, lang)}
		for _, o := range gv.Objectives {
			gv.Late += o.Late
		}
		out[i] = gv
	}
	return out
}
