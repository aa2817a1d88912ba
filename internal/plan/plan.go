// Package plan holds the action plans of development networks: plans for a
// period, objectives linked to the project's plan goals, actions with an
// owner, dates, status and progress, and indicators with measured values.
// Progress rolls up (weighted) from actions to objectives to the project's
// goals, shown on the project's goals page, which the coordinator may
// publish to the public.
package plan

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Plan statuses.
const (
	StatusDraft  = "draft"
	StatusActive = "active"
	StatusClosed = "closed"
)

// PlanStatuses lists the plan statuses in display order.
var PlanStatuses = []string{StatusDraft, StatusActive, StatusClosed}

// Action statuses.
const (
	ActionPlanned    = "planned"
	ActionInProgress = "in_progress"
	ActionDone       = "done"
	ActionCancelled  = "cancelled"
)

// ActionStatuses lists the action statuses in display order.
var ActionStatuses = []string{ActionPlanned, ActionInProgress, ActionDone, ActionCancelled}

// Limits of the fields.
const (
	MaxTitle       = 300
	MaxDescription = 10000
	MaxUnit        = 50
	MaxWeight      = 1000
	// MaxNumber bounds indicator numbers, so they stay exact enough on
	// both databases.
	MaxNumber = 1e12
)

// Plan is a network's action plan for a period.
type Plan struct {
	ID          int64
	NetworkID   int64
	NetworkName string
	ProjectID   int64
	ProjectName string
	Title       string
	Description string
	StartsOn    time.Time
	EndsOn      time.Time
	Status      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Objectives are loaded by GetFull.
	Objectives []Objective

	// The Swedish and English names, "" when not given.
	NetworkNameSv, NetworkNameEn, ProjectNameSv, ProjectNameEn string
}

// Progress is the plan's weighted progress over its objectives (objectives
// without counted actions count as 0 %); ok is false when it has no
// objectives.
func (p *Plan) Progress() (float64, bool) {
	return GoalProgress(p.Objectives)
}

// Objective is an objective of a plan, optionally linked to one of the
// project's plan goals.
type Objective struct {
	ID          int64
	PlanID      int64
	NetworkID   int64
	ProjectID   int64
	Title       string
	Description string
	GoalID      int64 // 0: not linked
	GoalTitle   string
	Weight      float64
	Actions     []Action
	// Set by the goals report: the plan and network it belongs to.
	PlanTitle   string
	PlanStatus  string
	NetworkName string
	// The network's Swedish and English names, "" when not given.
	NetworkNameSv, NetworkNameEn string
}

// NetworkNameIn returns the network's name in lang, in Finnish when not
// given in it.
func (o *Objective) NetworkNameIn(lang string) string {
	return i18n.Pick(lang, o.NetworkName, o.NetworkNameSv, o.NetworkNameEn)
}

// Progress is the objective's weighted progress over its actions; ok is
// false when no action counts (none, or all cancelled).
func (o *Objective) Progress() (float64, bool) { return ObjectiveProgress(o.Actions) }

// Action is a task of an objective.
type Action struct {
	ID          int64
	ObjectiveID int64
	PlanID      int64
	NetworkID   int64
	Title       string
	Description string
	OwnerID     int64 // 0: nobody
	OwnerName   string
	// OwnerOrganisation is the owner's organisation, the only owner detail
	// the public goals page shows.
	OwnerOrganisation string
	StartsOn          *time.Time
	DueOn             *time.Time
	Status            string
	Progress          int
	Weight            float64
	Indicators        []Indicator
}

// Late reports whether the action is overdue on today (a Helsinki day as
// from Day): due before today and neither done nor cancelled.
func (a *Action) Late(today time.Time) bool {
	return IsLate(a.Status, a.DueOn, today)
}

// Indicator measures an action: a unit, an optional baseline, a target and
// values measured on dates.
type Indicator struct {
	ID       int64
	ActionID int64
	PlanID   int64
	Name     string
	Unit     string
	Baseline *float64
	Target   float64
	// Values are by date, oldest first (GetFull loads only the latest).
	Values []Value
}

// Latest returns the most recent value, or nil.
func (i *Indicator) Latest() *Value {
	if len(i.Values) == 0 {
		return nil
	}
	return &i.Values[len(i.Values)-1]
}

// Value is an indicator's value measured on a date.
type Value struct {
	ID          int64
	IndicatorID int64
	MeasuredOn  time.Time
	Value       float64
}

// PlanInput is what a form or API call gives to create or update a plan.
type PlanInput struct {
	Title       string
	Description string
	StartsOn    *time.Time
	EndsOn      *time.Time
	Status      string
	// Unparsed holds what the adapter could not parse (a malformed date
	// or number); Validate reports it first, so the field keeps that error.
	Unparsed app.Validator
}

// Validate records problems on v and trims the input.
func (in *PlanInput) Validate(v *app.Validator) {
	mergeProblems(v, &in.Unparsed)
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	v.Required("title", in.Title)
	v.MaxLen("title", in.Title, MaxTitle)
	v.MaxLen("description", in.Description, MaxDescription)
	if in.StartsOn == nil {
		v.Add("starts_on", "err.required", nil)
	}
	if in.EndsOn == nil {
		v.Add("ends_on", "err.required", nil)
	}
	if in.StartsOn != nil && in.EndsOn != nil && in.EndsOn.Before(*in.StartsOn) {
		v.Add("ends_on", "err.end_before_start", nil)
	}
	v.Check(slices.Contains(PlanStatuses, in.Status), "status", "err.invalid_choice")
}

// ObjectiveInput is what a form or API call gives for an objective. Whether
// the goal belongs to the plan's project is checked by the store.
type ObjectiveInput struct {
	Title       string
	Description string
	GoalID      int64
	Weight      float64
	// Unparsed holds what the adapter could not parse (a malformed date
	// or number); Validate reports it first, so the field keeps that error.
	Unparsed app.Validator
}

// Validate records problems on v and trims the input.
func (in *ObjectiveInput) Validate(v *app.Validator) {
	mergeProblems(v, &in.Unparsed)
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	v.Required("title", in.Title)
	v.MaxLen("title", in.Title, MaxTitle)
	v.MaxLen("description", in.Description, MaxDescription)
	checkWeight(v, in.Weight)
	v.Check(in.GoalID >= 0, "project_goal_id", "err.invalid_choice")
}

// ActionInput is what a form or API call gives for an action. Whether the
// owner belongs to the network is checked by the store.
type ActionInput struct {
	Title       string
	Description string
	OwnerID     int64
	StartsOn    *time.Time
	DueOn       *time.Time
	Status      string
	Progress    int
	Weight      float64
	// Unparsed holds what the adapter could not parse (a malformed date
	// or number); Validate reports it first, so the field keeps that error.
	Unparsed app.Validator
}

// Validate records problems on v and trims the input. A done action is
// 100 % complete.
func (in *ActionInput) Validate(v *app.Validator) {
	mergeProblems(v, &in.Unparsed)
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	v.Required("title", in.Title)
	v.MaxLen("title", in.Title, MaxTitle)
	v.MaxLen("description", in.Description, MaxDescription)
	if in.StartsOn != nil && in.DueOn != nil && in.DueOn.Before(*in.StartsOn) {
		v.Add("due_on", "plan.err.due_before_start", nil)
	}
	v.Check(slices.Contains(ActionStatuses, in.Status), "status", "err.invalid_choice")
	if in.Progress < 0 || in.Progress > 100 {
		v.Add("progress", "plan.err.progress_range", nil)
	}
	checkWeight(v, in.Weight)
	v.Check(in.OwnerID >= 0, "owner_id", "err.invalid_choice")
	if in.Status == ActionDone && v.Valid() {
		in.Progress = 100
	}
}

// IndicatorInput is what a form or API call gives for an indicator.
type IndicatorInput struct {
	Name     string
	Unit     string
	Baseline *float64
	Target   *float64
	// Unparsed holds what the adapter could not parse (a malformed date
	// or number); Validate reports it first, so the field keeps that error.
	Unparsed app.Validator
}

// Validate records problems on v and trims the input.
func (in *IndicatorInput) Validate(v *app.Validator) {
	mergeProblems(v, &in.Unparsed)
	in.Name = strings.TrimSpace(in.Name)
	in.Unit = strings.TrimSpace(in.Unit)
	v.Required("name", in.Name)
	v.MaxLen("name", in.Name, MaxTitle)
	v.MaxLen("unit", in.Unit, MaxUnit)
	if in.Target == nil {
		v.Add("target", "plan.err.target_required", nil)
	} else {
		checkNumber(v, "target", *in.Target)
	}
	if in.Baseline != nil {
		checkNumber(v, "baseline", *in.Baseline)
	}
}

// ValueInput is a measured indicator value.
type ValueInput struct {
	MeasuredOn *time.Time
	Value      *float64
	// Unparsed holds what the adapter could not parse (a malformed date
	// or number); Validate reports it first, so the field keeps that error.
	Unparsed app.Validator
}

// Validate records problems on v.
func (in *ValueInput) Validate(v *app.Validator) {
	mergeProblems(v, &in.Unparsed)
	if in.MeasuredOn == nil {
		v.Add("measured_on", "err.required", nil)
	}
	if in.Value == nil {
		v.Add("value", "err.required", nil)
	} else {
		checkNumber(v, "value", *in.Value)
	}
}

func checkWeight(v *app.Validator, w float64) {
	if math.IsNaN(w) || w <= 0 {
		v.Add("weight", "plan.err.weight_positive", nil)
	} else if w > MaxWeight {
		v.Add("weight", "plan.err.weight_too_big", map[string]any{"Max": MaxWeight})
	}
}

func checkNumber(v *app.Validator, field string, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > MaxNumber {
		v.Add(field, "err.invalid_number", nil)
	}
}

// ParseNumber parses a decimal number as Finns write it too ("12,5",
// "1 200"); "" gives nil. A bad value is recorded on v under field.
func ParseNumber(v *app.Validator, field, s string) *float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", ",", ".").Replace(s)
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		v.Add(field, "err.invalid_number", nil)
		return nil
	}
	return &x
}

// ParseInt parses a whole number; "" gives def. A bad value is recorded on
// v under field.
func ParseInt(v *app.Validator, field, s string, def int) int {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		v.Add(field, "err.invalid_number", nil)
		return def
	}
	return n
}

// FormatNumber formats x without needless decimals, with a decimal comma
// for Finnish and Swedish.
func FormatNumber(x float64, lang string) string {
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// mergeProblems records on v the problems an adapter met while parsing
// (Input.Unparsed), ahead of any that validation finds.
func mergeProblems(v, from *app.Validator) {
	for _, f := range from.Fields() {
		v.Add(f.Field, f.Key, f.Args)
	}
}

// ProgressInput is what an action's owner (or a manager) gives when
// updating its progress from My tasks, the plan page or the API: a status
// and a percentage. An empty Status keeps the action's status, except that
// a planned action with progress becomes in progress; done is 100 %.
type ProgressInput struct {
	Status   string
	Progress int
	// Unparsed holds what the adapter could not parse (a malformed
	// number); Validate reports it first, so the field keeps that error.
	Unparsed app.Validator
}

// Validate records problems on v; current is the action's status now.
func (in *ProgressInput) Validate(v *app.Validator, current string) {
	mergeProblems(v, &in.Unparsed)
	if in.Status == "" {
		in.Status = current
		if current == ActionPlanned && in.Progress > 0 {
			in.Status = ActionInProgress
		}
	}
	v.Check(slices.Contains(ActionStatuses, in.Status), "status", "err.invalid_choice")
	if in.Progress < 0 || in.Progress > 100 {
		v.Add("progress", "plan.err.progress_range", nil)
	}
	if in.Status == ActionDone && v.Valid() {
		in.Progress = 100
	}
}
