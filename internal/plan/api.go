package plan

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

func (h *Handler) apiRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /api/v1/networks/{id}/plans", h.web.API(h.apiListPlans))
	mux.HandleFunc("POST /api/v1/networks/{id}/plans", h.web.API(h.apiCreatePlan))
	mux.HandleFunc("GET /api/v1/plans/{id}", h.web.API(h.apiGetPlan))
	mux.HandleFunc("PUT /api/v1/plans/{id}", h.web.API(h.apiUpdatePlan))
	mux.HandleFunc("POST /api/v1/plans/{id}/objectives", h.web.API(h.apiCreateObjective))
	mux.HandleFunc("PUT /api/v1/objectives/{id}", h.web.API(h.apiUpdateObjective))
	mux.HandleFunc("POST /api/v1/objectives/{id}/actions", h.web.API(h.apiCreateAction))
	mux.HandleFunc("GET /api/v1/actions/{id}", h.web.API(h.apiGetAction))
	mux.HandleFunc("PUT /api/v1/actions/{id}", h.web.API(h.apiUpdateAction))
	mux.HandleFunc("PUT /api/v1/actions/{id}/progress", h.web.API(h.apiUpdateProgress))
	mux.HandleFunc("POST /api/v1/actions/{id}/indicators", h.web.API(h.apiCreateIndicator))
	mux.HandleFunc("GET /api/v1/indicators/{id}", h.web.API(h.apiGetIndicator))
	mux.HandleFunc("POST /api/v1/indicators/{id}/values", h.web.API(h.apiAddValue))
	mux.HandleFunc("GET /api/v1/projects/{id}/goals", h.web.API(h.apiGoals))
}

// PlanJSON is a plan in the API; objectives are left out of list items.
type PlanJSON struct {
	ID          int64           `json:"id"`
	NetworkID   int64           `json:"network_id"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	StartsOn    string          `json:"starts_on"`
	EndsOn      string          `json:"ends_on"`
	Status      string          `json:"status"`
	Progress    *float64        `json:"progress"`
	Objectives  []ObjectiveJSON `json:"objectives,omitempty"`
	CreatedAt   time.Time       `json:"created_at"`
	UpdatedAt   time.Time       `json:"updated_at"`
}

// ObjectiveJSON is an objective in the API.
type ObjectiveJSON struct {
	ID            int64        `json:"id"`
	PlanID        int64        `json:"plan_id"`
	Title         string       `json:"title"`
	Description   string       `json:"description"`
	ProjectGoalID *int64       `json:"project_goal_id"`
	Weight        float64      `json:"weight"`
	Progress      *float64     `json:"progress"`
	Actions       []ActionJSON `json:"actions"`
}

// ActionJSON is an action in the API.
type ActionJSON struct {
	ID          int64           `json:"id"`
	ObjectiveID int64           `json:"objective_id"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	OwnerID     *int64          `json:"owner_id"`
	OwnerName   string          `json:"owner_name"`
	StartsOn    *string         `json:"starts_on"`
	DueOn       *string         `json:"due_on"`
	Status      string          `json:"status"`
	Progress    int             `json:"progress"`
	Weight      float64         `json:"weight"`
	Late        bool            `json:"late"`
	Indicators  []IndicatorJSON `json:"indicators"`
}

// IndicatorJSON is an indicator in the API, with its latest value (plan)
// or all its values (action).
type IndicatorJSON struct {
	ID       int64       `json:"id"`
	ActionID int64       `json:"action_id"`
	Name     string      `json:"name"`
	Unit     string      `json:"unit"`
	Baseline *float64    `json:"baseline"`
	Target   float64     `json:"target"`
	Values   []ValueJSON `json:"values"`
}

// ValueJSON is a measured indicator value.
type ValueJSON struct {
	MeasuredOn string  `json:"measured_on"`
	Value      float64 `json:"value"`
}

func progressPtr(p float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	p = math.Round(p*10) / 10
	return &p
}

func idPtr(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func planJSON(p *Plan) PlanJSON {
	return PlanJSON{ID: p.ID, NetworkID: p.NetworkID, Title: p.Title, Description: p.Description,
		StartsOn: p.StartsOn.Format("2006-01-02"), EndsOn: p.EndsOn.Format("2006-01-02"), Status: p.Status,
		Progress: progressPtr(p.Progress()), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

func objectiveJSON(o *Objective, today time.Time) ObjectiveJSON {
	out := ObjectiveJSON{ID: o.ID, PlanID: o.PlanID, Title: o.Title, Description: o.Description,
		ProjectGoalID: idPtr(o.GoalID), Weight: o.Weight, Progress: progressPtr(o.Progress()), Actions: []ActionJSON{}}
	for i := range o.Actions {
		out.Actions = append(out.Actions, actionJSON(&o.Actions[i], today))
	}
	return out
}

func actionJSON(a *Action, today time.Time) ActionJSON {
	out := ActionJSON{ID: a.ID, ObjectiveID: a.ObjectiveID, Title: a.Title, Description: a.Description,
		OwnerID: idPtr(a.OwnerID), OwnerName: a.OwnerName, StartsOn: app.ISODatePtr(a.StartsOn), DueOn: app.ISODatePtr(a.DueOn),
		Status: a.Status, Progress: a.Progress, Weight: a.Weight, Late: a.Late(today), Indicators: []IndicatorJSON{}}
	for i := range a.Indicators {
		out.Indicators = append(out.Indicators, indicatorJSON(&a.Indicators[i]))
	}
	return out
}

func indicatorJSON(i *Indicator) IndicatorJSON {
	ij := IndicatorJSON{ID: i.ID, ActionID: i.ActionID, Name: i.Name, Unit: i.Unit, Baseline: i.Baseline, Target: i.Target, Values: []ValueJSON{}}
	for _, v := range i.Values {
		ij.Values = append(ij.Values, ValueJSON{MeasuredOn: v.MeasuredOn.Format("2006-01-02"), Value: v.Value})
	}
	return ij
}

func (h *Handler) apiListPlans(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	list, err := h.svc.NetworkPlans(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	plans := list.Plans
	items := []PlanJSON{}
	for i := (page - 1) * perPage; i < len(plans) && i < page*perPage; i++ {
		items = append(items, planJSON(&plans[i]))
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[PlanJSON]{Items: items, Page: page, PerPage: perPage, Total: len(plans)})
	return nil
}

// writePlan answers with the plan and its objectives; a created one with
// its Location.
func (h *Handler) writePlan(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	p, err := h.svc.Plan(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	today := h.svc.Today()
	out := planJSON(p)
	out.Objectives = []ObjectiveJSON{}
	for i := range p.Objectives {
		out.Objectives = append(out.Objectives, objectiveJSON(&p.Objectives[i], today))
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/plans/"+strconv.FormatInt(id, 10))
	}
	web.WriteJSON(w, status, out)
	return nil
}

func (h *Handler) apiGetPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.writePlan(w, r, http.StatusOK, id)
}

// PlanInputJSON is the body of POST and PUT for a plan. Read-only fields of
// PlanJSON may be sent back and are ignored.
type PlanInputJSON struct {
	Title       string  `json:"title"`
	Description string  `json:"description"`
	StartsOn    *string `json:"starts_on"`
	EndsOn      *string `json:"ends_on"`
	Status      string  `json:"status"`

	ID         json.RawMessage `json:"id,omitempty"`
	NetworkID  json.RawMessage `json:"network_id,omitempty"`
	Progress   json.RawMessage `json:"progress,omitempty"`
	Objectives json.RawMessage `json:"objectives,omitempty"`
	CreatedAt  json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt  json.RawMessage `json:"updated_at,omitempty"`
}

func optDate(v *app.Validator, field string, s *string) *time.Time {
	if s == nil {
		return nil
	}
	return web.Date(v, field, *s)
}

// input is the body as a PlanInput; status defaults to draft.
func (b *PlanInputJSON) input() PlanInput {
	in := PlanInput{Title: b.Title, Description: b.Description, Status: b.Status}
	in.StartsOn, in.EndsOn = optDate(&in.Unparsed, "starts_on", b.StartsOn), optDate(&in.Unparsed, "ends_on", b.EndsOn)
	if in.Status == "" {
		in.Status = StatusDraft
	}
	return in
}

// decode reads a JSON body into dst once the path's id has parsed.
func decode[T any](w http.ResponseWriter, r *http.Request, dst *T) (int64, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, web.DecodeJSON(w, r, dst)
}

func (h *Handler) apiCreatePlan(w http.ResponseWriter, r *http.Request) error {
	var body PlanInputJSON
	id, err := decode(w, r, &body)
	if err != nil {
		return err
	}
	planID, err := h.svc.CreatePlan(r.Context(), app.UserFrom(r.Context()), id, body.input())
	if err != nil {
		return err
	}
	return h.writePlan(w, r, http.StatusCreated, planID)
}

func (h *Handler) apiUpdatePlan(w http.ResponseWriter, r *http.Request) error {
	var body PlanInputJSON
	id, err := decode(w, r, &body)
	if err != nil {
		return err
	}
	if err := h.svc.UpdatePlan(r.Context(), app.UserFrom(r.Context()), id, body.input()); err != nil {
		return err
	}
	return h.writePlan(w, r, http.StatusOK, id)
}

// ObjectiveInputJSON is the body of POST and PUT for an objective; weight
// defaults to 1.
type ObjectiveInputJSON struct {
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	ProjectGoalID *int64   `json:"project_goal_id"`
	Weight        *float64 `json:"weight"`

	ID       json.RawMessage `json:"id,omitempty"`
	PlanID   json.RawMessage `json:"plan_id,omitempty"`
	Progress json.RawMessage `json:"progress,omitempty"`
	Actions  json.RawMessage `json:"actions,omitempty"`
}

func (b *ObjectiveInputJSON) input() ObjectiveInput {
	in := ObjectiveInput{Title: b.Title, Description: b.Description, Weight: 1}
	if b.ProjectGoalID != nil {
		in.GoalID = *b.ProjectGoalID
	}
	if b.Weight != nil {
		in.Weight = *b.Weight
	}
	return in
}

// writeObjective answers with the objective and its actions; a created
// one with its Location.
func (h *Handler) writeObjective(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	o, err := h.svc.Objective(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/objectives/"+strconv.FormatInt(id, 10))
	}
	web.WriteJSON(w, status, objectiveJSON(o, h.svc.Today()))
	return nil
}

func (h *Handler) apiCreateObjective(w http.ResponseWriter, r *http.Request) error {
	var body ObjectiveInputJSON
	id, err := decode(w, r, &body)
	if err != nil {
		return err
	}
	place, err := h.svc.CreateObjective(r.Context(), app.UserFrom(r.Context()), id, body.input())
	if err != nil {
		return err
	}
	return h.writeObjective(w, r, http.StatusCreated, place.ObjectiveID)
}

func (h *Handler) apiUpdateObjective(w http.ResponseWriter, r *http.Request) error {
	var body ObjectiveInputJSON
	id, err := decode(w, r, &body)
	if err != nil {
		return err
	}
	if _, err := h.svc.UpdateObjective(r.Context(), app.UserFrom(r.Context()), id, body.input()); err != nil {
		return err
	}
	return h.writeObjective(w, r, http.StatusOK, id)
}

// ActionInputJSON is the body of POST and PUT for an action; status
// defaults to planned and weight to 1.
type ActionInputJSON struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	OwnerID     *int64   `json:"owner_id"`
	StartsOn    *string  `json:"starts_on"`
	DueOn       *string  `json:"due_on"`
	Status      string   `json:"status"`
	Progress    int      `json:"progress"`
	Weight      *float64 `json:"weight"`

	ID          json.RawMessage `json:"id,omitempty"`
	ObjectiveID json.RawMessage `json:"objective_id,omitempty"`
	OwnerName   json.RawMessage `json:"owner_name,omitempty"`
	Late        json.RawMessage `json:"late,omitempty"`
	Indicators  json.RawMessage `json:"indicators,omitempty"`
}

func (b *ActionInputJSON) input() ActionInput {
	in := ActionInput{Title: b.Title, Description: b.Description, Status: b.Status, Progress: b.Progress, Weight: 1}
	in.StartsOn, in.DueOn = optDate(&in.Unparsed, "starts_on", b.StartsOn), optDate(&in.Unparsed, "due_on", b.DueOn)
	if b.OwnerID != nil {
		in.OwnerID = *b.OwnerID
	}
	if b.Weight != nil {
		in.Weight = *b.Weight
	}
	if in.Status == "" {
		in.Status = ActionPlanned
	}
	return in
}

// writeAction answers with the action, its indicators and their values;
// a created one with its Location.
func (h *Handler) writeAction(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	a, err := h.svc.Action(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/actions/"+strconv.FormatInt(id, 10))
	}
	web.WriteJSON(w, status, actionJSON(a, h.svc.Today()))
	return nil
}

func (h *Handler) apiCreateAction(w http.ResponseWriter, r *http.Request) error {
	var body ActionInputJSON
	id, err := decode(w, r, &body)
	if err != nil {
		return err
	}
	place, err := h.svc.CreateAction(r.Context(), app.UserFrom(r.Context()), id, body.input())
	if err != nil {
		return err
	}
	return h.writeAction(w, r, http.StatusCreated, place.ActionID)
}

func (h *Handler) apiGetAction(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.writeAction(w, r, http.StatusOK, id)
}

func (h *Handler) apiUpdateAction(w http.ResponseWriter, r *http.Request) error {
	var body ActionInputJSON
	id, err := decode(w, r, &body)
	if err != nil {
		return err
	}
	if _, err := h.svc.UpdateAction(r.Context(), app.UserFrom(r.Context()), id, body.input()); err != nil {
		return err
	}
	return h.writeAction(w, r, http.StatusOK, id)
}

// IndicatorInputJSON is the body of POST indicators. The read-only fields
// of IndicatorJSON may be sent back and are ignored.
type IndicatorInputJSON struct {
	Name     string   `json:"name"`
	Unit     string   `json:"unit"`
	Baseline *float64 `json:"baseline"`
	Target   *float64 `json:"target"`

	ID       json.RawMessage `json:"id,omitempty"`
	ActionID json.RawMessage `json:"action_id,omitempty"`
	Values   json.RawMessage `json:"values,omitempty"`
}

// ValueInputJSON is the body of POST values: a value measured on a date
// (yyyy-mm-dd); it replaces the value of that date.
type ValueInputJSON struct {
	MeasuredOn string   `json:"measured_on"`
	Value      *float64 `json:"value"`
}

// writeIndicator answers with the indicator and all its values; a created
// one with its Location.
func (h *Handler) writeIndicator(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	d, err := h.svc.Indicator(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/indicators/"+strconv.FormatInt(id, 10))
	}
	web.WriteJSON(w, status, indicatorJSON(d.Indicator))
	return nil
}

// apiCreateIndicator adds an indicator to an action, as POST
// /actions/{id}/indicators.
func (h *Handler) apiCreateIndicator(w http.ResponseWriter, r *http.Request) error {
	var body IndicatorInputJSON
	id, err := decode(w, r, &body)
	if err != nil {
		return err
	}
	in := IndicatorInput{Name: body.Name, Unit: body.Unit, Baseline: body.Baseline, Target: body.Target}
	indID, err := h.svc.CreateIndicator(r.Context(), app.UserFrom(r.Context()), id, in)
	if err != nil {
		return err
	}
	return h.writeIndicator(w, r, http.StatusCreated, indID)
}

func (h *Handler) apiGetIndicator(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.writeIndicator(w, r, http.StatusOK, id)
}

// apiAddValue records an indicator's value on a date, as POST
// /indicators/{id}/values, and answers with the indicator.
func (h *Handler) apiAddValue(w http.ResponseWriter, r *http.Request) error {
	var body ValueInputJSON
	id, err := decode(w, r, &body)
	if err != nil {
		return err
	}
	var in ValueInput
	in.MeasuredOn, in.Value = web.Date(&in.Unparsed, "measured_on", body.MeasuredOn), body.Value
	if err := h.svc.SetValue(r.Context(), app.UserFrom(r.Context()), id, in); err != nil {
		return err
	}
	return h.writeIndicator(w, r, http.StatusOK, id)
}

// GoalsJSON is a project's goal progress in the API.
type GoalsJSON struct {
	ProjectID int64      `json:"project_id"`
	Published bool       `json:"published"`
	Goals     []GoalJSON `json:"goals"`
	Late      []LateJSON `json:"late"`
}

// GoalJSON is a goal with its progress and linked objectives. ID 0 holds
// the objectives linked to no goal.
type GoalJSON struct {
	ID         int64               `json:"id"`
	Title      string              `json:"title"`
	Progress   *float64            `json:"progress"`
	Objectives []GoalObjectiveJSON `json:"objectives"`
}

// GoalObjectiveJSON is an objective on the goals report.
type GoalObjectiveJSON struct {
	ID          int64    `json:"id"`
	PlanID      int64    `json:"plan_id"`
	NetworkID   int64    `json:"network_id"`
	NetworkName string   `json:"network_name"`
	Title       string   `json:"title"`
	Weight      float64  `json:"weight"`
	Progress    *float64 `json:"progress"`
	Actions     int      `json:"actions"`
	LateActions int      `json:"late_actions"`
}

// LateJSON is a late action on the goals report. Owners are named to
// signed-in users only; the public sees the owner's organisation.
type LateJSON struct {
	ID                int64   `json:"id"`
	Title             string  `json:"title"`
	DueOn             *string `json:"due_on"`
	Status            string  `json:"status"`
	Progress          int     `json:"progress"`
	OwnerName         string  `json:"owner_name,omitempty"`
	OwnerOrganisation string  `json:"owner_organisation"`
	NetworkName       string  `json:"network_name"`
}

func (h *Handler) apiGoals(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	g, err := h.svc.ProjectGoals(ctx, u, id)
	if err != nil {
		return err
	}
	report := g.Goals
	out := GoalsJSON{ProjectID: id, Published: g.Project.GoalsPublished, Goals: []GoalJSON{}, Late: []LateJSON{}}
	views := goalViews(report, h.svc.Today(), web.Lang(ctx))
	for i := range report {
		g := &report[i]
		gj := GoalJSON{ID: g.ID, Title: g.Title, Progress: progressPtr(g.Progress()), Objectives: []GoalObjectiveJSON{}}
		for j, o := range views[i].Objectives {
			obj := &g.Objectives[j]
			gj.Objectives = append(gj.Objectives, GoalObjectiveJSON{ID: obj.ID, PlanID: obj.PlanID, NetworkID: obj.NetworkID,
				NetworkName: obj.NetworkName, Title: obj.Title, Weight: obj.Weight, Progress: progressPtr(obj.Progress()),
				Actions: len(obj.Actions), LateActions: o.Late})
		}
		out.Goals = append(out.Goals, gj)
	}
	_, late := timeline(views)
	for _, row := range late {
		lj := LateJSON{ID: row.ID, Title: row.Title, DueOn: app.ISODatePtr(row.DueOn), Status: row.Status, Progress: row.Progress,
			OwnerOrganisation: row.OwnerOrganisation, NetworkName: row.NetworkName}
		if u != nil {
			lj.OwnerName = row.OwnerName
		}
		out.Late = append(out.Late, lj)
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}
