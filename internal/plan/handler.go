package plan

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the action plan pages and API.
type Handler struct {
	web    *web.Kit
	db     *db.DB
	store  *Store
	policy *auth.Policy
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d, store: NewStore(d), policy: auth.NewPolicy(d, kit.Clock)}
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /networks/{id}/plans", h.listPlans)
	mux.HandleFunc("GET /networks/{id}/plans/new", h.showNewPlan)
	mux.HandleFunc("POST /networks/{id}/plans", h.createPlan)
	mux.HandleFunc("GET /plans/{id}", h.showPlan)
	mux.HandleFunc("GET /plans/{id}/edit", h.showEditPlan)
	mux.HandleFunc("POST /plans/{id}", h.updatePlan)
	mux.HandleFunc("GET /plans/{id}/objectives/new", h.showNewObjective)
	mux.HandleFunc("POST /plans/{id}/objectives", h.createObjective)
	mux.HandleFunc("GET /objectives/{id}/edit", h.showEditObjective)
	mux.HandleFunc("POST /objectives/{id}", h.updateObjective)
	mux.HandleFunc("GET /objectives/{id}/actions/new", h.showNewAction)
	mux.HandleFunc("POST /objectives/{id}/actions", h.createAction)
	mux.HandleFunc("GET /actions/{id}/edit", h.showEditAction)
	mux.HandleFunc("POST /actions/{id}", h.updateAction)
	mux.HandleFunc("GET /actions/{id}/indicators/new", h.showNewIndicator)
	mux.HandleFunc("POST /actions/{id}/indicators", h.createIndicator)
	mux.HandleFunc("GET /indicators/{id}", h.showIndicator)
	mux.HandleFunc("POST /indicators/{id}/values", h.addValue)
	mux.HandleFunc("GET /projects/{id}/goals", h.showGoals)
	mux.HandleFunc("POST /projects/{id}/goals/publish", h.publishGoals(true))
	mux.HandleFunc("POST /projects/{id}/goals/unpublish", h.publishGoals(false))
	h.apiRoutes(mux)
}

func planURL(id int64) string { return "/plans/" + strconv.FormatInt(id, 10) }

func (h *Handler) today() time.Time { return Day(h.web.Clock.Now()) }

// canManage reports whether the user may edit the network's plans; only
// internal errors are returned.
func (h *Handler) canManage(ctx context.Context, networkID int64) (bool, error) {
	u := app.UserFrom(ctx)
	if u == nil {
		return false, nil
	}
	err := h.policy.CanManageNetwork(ctx, u, networkID)
	if err == nil {
		return true, nil
	}
	if app.IsCode(err, app.EINTERNAL) {
		return false, err
	}
	return false, nil
}

// ListPage is a network's plans.
type ListPage struct {
	Network   *NetworkRef
	Plans     []PlanRow
	CanManage bool
}

// PlanRow is a plan in the list.
type PlanRow struct {
	*Plan
	Progress ProgressView
}

func (h *Handler) listPlans(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	n, err := h.store.Network(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := auth.RequireUser(app.UserFrom(ctx)); err != nil {
		h.web.Error(w, r, err)
		return
	}
	plans, err := h.store.ListPlans(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page := ListPage{Network: n}
	if page.CanManage, err = h.canManage(ctx, id); err != nil {
		h.web.Error(w, r, err)
		return
	}
	for i := range plans {
		page.Plans = append(page.Plans, PlanRow{Plan: &plans[i], Progress: progressView(plans[i].Progress())})
	}
	h.web.Render(w, r, http.StatusOK, "plan/list", h.web.T(r, "plan.list_title", "Network", n.Name), page)
}

// PlanForm is the plan create / edit form.
type PlanForm struct {
	IsNew       bool
	ID          int64
	Network     *NetworkRef
	Title       string
	Description string
	StartsOn    string
	EndsOn      string
	Status      string
	Statuses    []string
}

func readPlanForm(r *http.Request) (*PlanForm, PlanInput, error) {
	f := &PlanForm{
		Title:       web.Field(r, "title"),
		Description: web.Field(r, "description"),
		StartsOn:    web.Field(r, "starts_on"),
		EndsOn:      web.Field(r, "ends_on"),
		Status:      web.Field(r, "status"),
		Statuses:    PlanStatuses,
	}
	var v app.Validator
	in := PlanInput{Title: f.Title, Description: f.Description, Status: f.Status,
		StartsOn: web.Date(&v, "starts_on", f.StartsOn), EndsOn: web.Date(&v, "ends_on", f.EndsOn)}
	in.Validate(&v)
	return f, in, v.Err()
}

func (h *Handler) renderPlanForm(w http.ResponseWriter, r *http.Request, f *PlanForm, err error) {
	title := h.web.T(r, "plan.new_title")
	if !f.IsNew {
		title = h.web.T(r, "plan.edit_title")
	}
	f.Statuses = PlanStatuses
	if err != nil {
		h.web.FormError(w, r, "plan/form", title, f, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "plan/form", title, f)
}

// managedNetwork loads the network named by the path and checks the user
// may manage it.
func (h *Handler) managedNetwork(w http.ResponseWriter, r *http.Request) (*NetworkRef, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	n, err := h.store.Network(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	if err := h.policy.CanManageNetwork(r.Context(), app.UserFrom(r.Context()), id); err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	return n, true
}

func (h *Handler) showNewPlan(w http.ResponseWriter, r *http.Request) {
	n, ok := h.managedNetwork(w, r)
	if !ok {
		return
	}
	h.renderPlanForm(w, r, &PlanForm{IsNew: true, Network: n, Status: StatusDraft}, nil)
}

func (h *Handler) createPlan(w http.ResponseWriter, r *http.Request) {
	n, ok := h.managedNetwork(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f, in, err := readPlanForm(r)
	f.IsNew, f.Network = true, n
	if err == nil {
		var id int64
		if id, err = h.store.CreatePlan(r.Context(), n.ID, in, h.web.Clock.Now()); err == nil {
			h.web.Flash(r, h.web.T(r, "plan.created"))
			web.Redirect(w, r, planURL(id))
			return
		}
	}
	h.renderPlanForm(w, r, f, err)
}

// loadPlan loads the plan named by the path; with manage it checks the
// user may edit it, else that they are signed in.
func (h *Handler) loadPlan(w http.ResponseWriter, r *http.Request, manage bool) (*Plan, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	p, err := h.store.GetPlan(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	u := app.UserFrom(r.Context())
	if manage {
		err = h.policy.CanManageNetwork(r.Context(), u, p.NetworkID)
	} else {
		err = auth.RequireUser(u)
	}
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	return p, true
}

// PlanPage is a plan's page.
type PlanPage struct {
	Plan       *Plan
	CanManage  bool
	Progress   ProgressView
	Objectives []ObjectiveView
	Late       int
}

func (h *Handler) showPlan(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadPlan(w, r, false)
	if !ok {
		return
	}
	ctx := r.Context()
	full, err := h.store.GetFull(ctx, p.ID)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page := PlanPage{Plan: full, Progress: progressView(full.Progress()),
		Objectives: objectiveViews(full.Objectives, h.today(), web.Lang(ctx))}
	for _, o := range page.Objectives {
		page.Late += o.Late
	}
	if page.CanManage, err = h.canManage(ctx, full.NetworkID); err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "plan/view", full.Title, page)
}

func isoDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

func (h *Handler) showEditPlan(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadPlan(w, r, true)
	if !ok {
		return
	}
	h.renderPlanForm(w, r, &PlanForm{ID: p.ID, Network: &NetworkRef{ID: p.NetworkID, Name: p.NetworkName},
		Title: p.Title, Description: p.Description, StartsOn: isoDate(&p.StartsOn), EndsOn: isoDate(&p.EndsOn),
		Status: p.Status}, nil)
}

func (h *Handler) updatePlan(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadPlan(w, r, true)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f, in, err := readPlanForm(r)
	f.ID, f.Network = p.ID, &NetworkRef{ID: p.NetworkID, Name: p.NetworkName}
	if err == nil {
		if err = h.store.UpdatePlan(r.Context(), p.ID, in, h.web.Clock.Now()); err == nil {
			h.web.Flash(r, h.web.T(r, "plan.saved"))
			web.Redirect(w, r, planURL(p.ID))
			return
		}
	}
	h.renderPlanForm(w, r, f, err)
}

// ObjectiveForm is the objective create / edit form.
type ObjectiveForm struct {
	IsNew       bool
	ID          int64
	Plan        *Plan
	Title       string
	Description string
	GoalID      int64
	Weight      string
	Goals       []Goal
}

func readObjectiveForm(r *http.Request) (*ObjectiveForm, ObjectiveInput, error) {
	f := &ObjectiveForm{Title: web.Field(r, "title"), Description: web.Field(r, "description"), Weight: web.Field(r, "weight")}
	var v app.Validator
	f.GoalID = web.OptionalID(&v, "project_goal_id", r.PostFormValue("project_goal_id"))
	in := ObjectiveInput{Title: f.Title, Description: f.Description, GoalID: f.GoalID, Weight: 1}
	if w := ParseNumber(&v, "weight", f.Weight); w != nil {
		in.Weight = *w
	}
	in.Validate(&v)
	return f, in, v.Err()
}

func (h *Handler) renderObjectiveForm(w http.ResponseWriter, r *http.Request, f *ObjectiveForm, err error) {
	goals, gerr := h.store.Goals(r.Context(), f.Plan.ProjectID)
	if gerr != nil {
		h.web.Error(w, r, gerr)
		return
	}
	f.Goals = goals
	title := h.web.T(r, "plan.new_objective")
	if !f.IsNew {
		title = h.web.T(r, "plan.edit_objective")
	}
	if err != nil {
		h.web.FormError(w, r, "plan/objective_form", title, f, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "plan/objective_form", title, f)
}

func (h *Handler) showNewObjective(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadPlan(w, r, true)
	if !ok {
		return
	}
	h.renderObjectiveForm(w, r, &ObjectiveForm{IsNew: true, Plan: p, Weight: "1"}, nil)
}

func (h *Handler) createObjective(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadPlan(w, r, true)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f, in, err := readObjectiveForm(r)
	f.IsNew, f.Plan = true, p
	if err == nil {
		if _, err = h.store.CreateObjective(r.Context(), p.ID, in, h.web.Clock.Now()); err == nil {
			h.web.Flash(r, h.web.T(r, "plan.objective_created"))
			web.Redirect(w, r, planURL(p.ID))
			return
		}
	}
	h.renderObjectiveForm(w, r, f, err)
}

// loadObjective loads the objective named by the path and its plan, and
// checks the user may edit them.
func (h *Handler) loadObjective(w http.ResponseWriter, r *http.Request) (*Objective, *Plan, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, false
	}
	o, err := h.store.GetObjective(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, false
	}
	if err := h.policy.CanManageNetwork(r.Context(), app.UserFrom(r.Context()), o.NetworkID); err != nil {
		h.web.Error(w, r, err)
		return nil, nil, false
	}
	p, err := h.store.GetPlan(r.Context(), o.PlanID)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, false
	}
	return o, p, true
}

func (h *Handler) showEditObjective(w http.ResponseWriter, r *http.Request) {
	o, p, ok := h.loadObjective(w, r)
	if !ok {
		return
	}
	h.renderObjectiveForm(w, r, &ObjectiveForm{ID: o.ID, Plan: p, Title: o.Title, Description: o.Description,
		GoalID: o.GoalID, Weight: FormatNumber(o.Weight, web.Lang(r.Context()))}, nil)
}

func (h *Handler) updateObjective(w http.ResponseWriter, r *http.Request) {
	o, p, ok := h.loadObjective(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f, in, err := readObjectiveForm(r)
	f.ID, f.Plan = o.ID, p
	if err == nil {
		if err = h.store.UpdateObjective(r.Context(), o.ID, in, h.web.Clock.Now()); err == nil {
			h.web.Flash(r, h.web.T(r, "plan.saved"))
			web.Redirect(w, r, planURL(p.ID)+"#objective-"+strconv.FormatInt(o.ID, 10))
			return
		}
	}
	h.renderObjectiveForm(w, r, f, err)
}

// ActionForm is the action create / edit form.
type ActionForm struct {
	IsNew       bool
	ID          int64
	Plan        *Plan
	Objective   *Objective
	Title       string
	Description string
	OwnerID     int64
	StartsOn    string
	DueOn       string
	Status      string
	Progress    string
	Weight      string
	Owners      []Person
	Statuses    []string
}

func readActionForm(r *http.Request) (*ActionForm, ActionInput, error) {
	f := &ActionForm{Title: web.Field(r, "title"), Description: web.Field(r, "description"),
		StartsOn: web.Field(r, "starts_on"), DueOn: web.Field(r, "due_on"), Status: web.Field(r, "status"),
		Progress: web.Field(r, "progress"), Weight: web.Field(r, "weight")}
	var v app.Validator
	f.OwnerID = web.OptionalID(&v, "owner_id", r.PostFormValue("owner_id"))
	in := ActionInput{Title: f.Title, Description: f.Description, OwnerID: f.OwnerID, Status: f.Status,
		StartsOn: web.Date(&v, "starts_on", f.StartsOn), DueOn: web.Date(&v, "due_on", f.DueOn),
		Progress: ParseInt(&v, "progress", f.Progress, 0), Weight: 1}
	if w := ParseNumber(&v, "weight", f.Weight); w != nil {
		in.Weight = *w
	}
	in.Validate(&v)
	return f, in, v.Err()
}

func (h *Handler) renderActionForm(w http.ResponseWriter, r *http.Request, f *ActionForm, err error) {
	owners, oerr := h.store.Owners(r.Context(), f.Plan.NetworkID)
	if oerr != nil {
		h.web.Error(w, r, oerr)
		return
	}
	f.Owners, f.Statuses = owners, ActionStatuses
	title := h.web.T(r, "plan.new_action")
	if !f.IsNew {
		title = h.web.T(r, "plan.edit_action")
	}
	if err != nil {
		h.web.FormError(w, r, "plan/action_form", title, f, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "plan/action_form", title, f)
}

func (h *Handler) showNewAction(w http.ResponseWriter, r *http.Request) {
	o, p, ok := h.loadObjective(w, r)
	if !ok {
		return
	}
	h.renderActionForm(w, r, &ActionForm{IsNew: true, Plan: p, Objective: o, Status: ActionPlanned, Progress: "0", Weight: "1"}, nil)
}

func (h *Handler) createAction(w http.ResponseWriter, r *http.Request) {
	o, p, ok := h.loadObjective(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f, in, err := readActionForm(r)
	f.IsNew, f.Plan, f.Objective = true, p, o
	if err == nil {
		if _, err = h.store.CreateAction(r.Context(), o.ID, in, h.web.Clock.Now()); err == nil {
			h.web.Flash(r, h.web.T(r, "plan.action_created"))
			web.Redirect(w, r, planURL(p.ID)+"#objective-"+strconv.FormatInt(o.ID, 10))
			return
		}
	}
	h.renderActionForm(w, r, f, err)
}

// loadAction loads the action named by the path with its objective and
// plan, and checks the user may edit them.
func (h *Handler) loadAction(w http.ResponseWriter, r *http.Request) (*Action, *Objective, *Plan, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, nil, false
	}
	ctx := r.Context()
	a, err := h.store.GetAction(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, nil, false
	}
	if err := h.policy.CanManageNetwork(ctx, app.UserFrom(ctx), a.NetworkID); err != nil {
		h.web.Error(w, r, err)
		return nil, nil, nil, false
	}
	o, err := h.store.GetObjective(ctx, a.ObjectiveID)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, nil, false
	}
	p, err := h.store.GetPlan(ctx, a.PlanID)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, nil, false
	}
	return a, o, p, true
}

func (h *Handler) showEditAction(w http.ResponseWriter, r *http.Request) {
	a, o, p, ok := h.loadAction(w, r)
	if !ok {
		return
	}
	f := &ActionForm{ID: a.ID, Plan: p, Objective: o, Title: a.Title, Description: a.Description, OwnerID: a.OwnerID,
		StartsOn: isoDate(a.StartsOn), DueOn: isoDate(a.DueOn), Status: a.Status, Progress: strconv.Itoa(a.Progress),
		Weight: FormatNumber(a.Weight, web.Lang(r.Context()))}
	h.renderActionForm(w, r, f, nil)
}

func (h *Handler) updateAction(w http.ResponseWriter, r *http.Request) {
	a, o, p, ok := h.loadAction(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f, in, err := readActionForm(r)
	f.ID, f.Plan, f.Objective = a.ID, p, o
	if err == nil {
		if err = h.store.UpdateAction(r.Context(), a.ID, in, h.web.Clock.Now()); err == nil {
			h.web.Flash(r, h.web.T(r, "plan.saved"))
			web.Redirect(w, r, planURL(p.ID)+"#objective-"+strconv.FormatInt(o.ID, 10))
			return
		}
	}
	h.renderActionForm(w, r, f, err)
}

// IndicatorForm is the new indicator form.
type IndicatorForm struct {
	Plan     *Plan
	Action   *Action
	Name     string
	Unit     string
	Baseline string
	Target   string
}

func (h *Handler) renderIndicatorForm(w http.ResponseWriter, r *http.Request, f *IndicatorForm, err error) {
	title := h.web.T(r, "plan.new_indicator")
	if err != nil {
		h.web.FormError(w, r, "plan/indicator_form", title, f, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "plan/indicator_form", title, f)
}

func (h *Handler) showNewIndicator(w http.ResponseWriter, r *http.Request) {
	a, _, p, ok := h.loadAction(w, r)
	if !ok {
		return
	}
	h.renderIndicatorForm(w, r, &IndicatorForm{Plan: p, Action: a}, nil)
}

func (h *Handler) createIndicator(w http.ResponseWriter, r *http.Request) {
	a, _, p, ok := h.loadAction(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f := &IndicatorForm{Plan: p, Action: a, Name: web.Field(r, "name"), Unit: web.Field(r, "unit"),
		Baseline: web.Field(r, "baseline"), Target: web.Field(r, "target")}
	var v app.Validator
	in := IndicatorInput{Name: f.Name, Unit: f.Unit, Baseline: ParseNumber(&v, "baseline", f.Baseline),
		Target: ParseNumber(&v, "target", f.Target)}
	in.Validate(&v)
	err := v.Err()
	if err == nil {
		var id int64
		if id, err = h.store.CreateIndicator(r.Context(), a.ID, in, h.web.Clock.Now()); err == nil {
			h.web.Flash(r, h.web.T(r, "plan.indicator_created"))
			web.Redirect(w, r, "/indicators/"+strconv.FormatInt(id, 10))
			return
		}
	}
	h.renderIndicatorForm(w, r, f, err)
}

// IndicatorPage is an indicator's page: its values and a form to add one.
type IndicatorPage struct {
	Plan       *Plan
	Action     *Action
	Indicator  IndicatorView
	Values     []ValueRow
	CanManage  bool
	MeasuredOn string
	Value      string
}

// ValueRow is a measured value formatted for the page.
type ValueRow struct {
	MeasuredOn time.Time
	Value      string
}

func (h *Handler) indicatorPage(r *http.Request, id int64) (*IndicatorPage, error) {
	ctx := r.Context()
	ind, err := h.store.GetIndicator(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := auth.RequireUser(app.UserFrom(ctx)); err != nil {
		return nil, err
	}
	a, err := h.store.GetAction(ctx, ind.ActionID)
	if err != nil {
		return nil, err
	}
	p, err := h.store.GetPlan(ctx, a.PlanID)
	if err != nil {
		return nil, err
	}
	lang := web.Lang(ctx)
	page := &IndicatorPage{Plan: p, Action: a, Indicator: indicatorView(ind, lang),
		MeasuredOn: isoDate(new(h.today()))}
	for _, v := range ind.Values {
		page.Values = append(page.Values, ValueRow{MeasuredOn: v.MeasuredOn, Value: FormatNumber(v.Value, lang)})
	}
	if page.CanManage, err = h.canManage(ctx, p.NetworkID); err != nil {
		return nil, err
	}
	return page, nil
}

func (h *Handler) showIndicator(w http.ResponseWriter, r *http.Request) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page, err := h.indicatorPage(r, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "plan/indicator", page.Indicator.Name, page)
}

func (h *Handler) addValue(w http.ResponseWriter, r *http.Request) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page, err := h.indicatorPage(r, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if !page.CanManage {
		h.web.Error(w, r, app.Forbidden())
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	page.MeasuredOn, page.Value = web.Field(r, "measured_on"), web.Field(r, "value")
	var v app.Validator
	in := ValueInput{MeasuredOn: web.Date(&v, "measured_on", page.MeasuredOn), Value: ParseNumber(&v, "value", page.Value)}
	in.Validate(&v)
	if err = v.Err(); err == nil {
		if err = h.store.SetValue(r.Context(), id, in, h.web.Clock.Now()); err == nil {
			h.web.Flash(r, h.web.T(r, "plan.value_saved"))
			web.Redirect(w, r, "/indicators/"+strconv.FormatInt(id, 10))
			return
		}
	}
	h.web.FormError(w, r, "plan/indicator", page.Indicator.Name, page, err)
}

// GoalsPage is a project's goals with their networks' objectives and
// actions.
type GoalsPage struct {
	Project   *ProjectRef
	CanManage bool
	// Public: the viewer is not signed in, so owners are shown by their
	// organisation only and plans are not linked.
	Public   bool
	Goals    []GoalView
	Late     []TimelineRow
	Timeline []TimelineRow
}

func (h *Handler) showGoals(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	p, err := h.store.Project(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	u := app.UserFrom(ctx)
	if !p.GoalsPublished {
		if err := auth.RequireUser(u); err != nil {
			h.web.Error(w, r, err)
			return
		}
	}
	report, err := h.store.GoalsReport(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page := GoalsPage{Project: p, Public: u == nil, Goals: goalViews(report, h.today(), web.Lang(ctx))}
	page.Timeline, page.Late = timeline(page.Goals)
	if u != nil {
		if err := h.policy.CanManageProject(ctx, u, id); err == nil {
			page.CanManage = true
		} else if app.IsCode(err, app.EINTERNAL) {
			h.web.Error(w, r, err)
			return
		}
	}
	h.web.Render(w, r, http.StatusOK, "plan/goals", h.web.T(r, "plan.goals_title", "Project", p.Name), page)
}

func (h *Handler) publishGoals(published bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, err := web.ID(r, "id")
		if err != nil {
			h.web.Error(w, r, err)
			return
		}
		if _, err := h.store.Project(ctx, id); err != nil {
			h.web.Error(w, r, err)
			return
		}
		if err := h.policy.CanManageProject(ctx, app.UserFrom(ctx), id); err != nil {
			h.web.Error(w, r, err)
			return
		}
		if err := h.store.SetGoalsPublished(ctx, id, published, h.web.Clock.Now()); err != nil {
			h.web.Error(w, r, err)
			return
		}
		msg := "plan.goals_published_flash"
		if !published {
			msg = "plan.goals_unpublished_flash"
		}
		h.web.Flash(r, h.web.T(r, msg))
		web.Redirect(w, r, "/projects/"+strconv.FormatInt(id, 10)+"/goals")
	}
}
