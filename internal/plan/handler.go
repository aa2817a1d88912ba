package plan

import (
	"net/http"
	"strconv"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the action plan pages and API: it decodes the request,
// calls the Service and renders, redirects or encodes.
type Handler struct {
	web *web.Kit
	svc *Service
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, svc: NewService(d, auth.NewPolicy(d, kit.Clock), kit.Clock)}
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /networks/{id}/plans", h.web.HTML(h.listPlans))
	mux.HandleFunc("GET /networks/{id}/plans/new", h.web.HTML(h.showNewPlan))
	mux.HandleFunc("POST /networks/{id}/plans", h.web.HTML(h.createPlan))
	mux.HandleFunc("GET /plans/{id}", h.web.HTML(h.showPlan))
	mux.HandleFunc("GET /plans/{id}/edit", h.web.HTML(h.showEditPlan))
	mux.HandleFunc("POST /plans/{id}", h.web.HTML(h.updatePlan))
	mux.HandleFunc("GET /plans/{id}/objectives/new", h.web.HTML(h.showNewObjective))
	mux.HandleFunc("POST /plans/{id}/objectives", h.web.HTML(h.createObjective))
	mux.HandleFunc("GET /objectives/{id}/edit", h.web.HTML(h.showEditObjective))
	mux.HandleFunc("POST /objectives/{id}", h.web.HTML(h.updateObjective))
	mux.HandleFunc("GET /objectives/{id}/actions/new", h.web.HTML(h.showNewAction))
	mux.HandleFunc("POST /objectives/{id}/actions", h.web.HTML(h.createAction))
	mux.HandleFunc("GET /actions/{id}/edit", h.web.HTML(h.showEditAction))
	mux.HandleFunc("POST /actions/{id}", h.web.HTML(h.updateAction))
	mux.HandleFunc("GET /actions/{id}/progress", h.web.HTML(h.showProgress))
	mux.HandleFunc("POST /actions/{id}/progress", h.web.HTML(h.updateProgress))
	mux.HandleFunc("POST /actions/{id}/undo", h.web.HTML(h.undoDone))
	mux.HandleFunc("GET /actions/{id}/indicators/new", h.web.HTML(h.showNewIndicator))
	mux.HandleFunc("POST /actions/{id}/indicators", h.web.HTML(h.createIndicator))
	mux.HandleFunc("GET /indicators/{id}", h.web.HTML(h.showIndicator))
	mux.HandleFunc("POST /indicators/{id}/values", h.web.HTML(h.addValue))
	mux.HandleFunc("GET /projects/{id}/goals", h.web.HTML(h.showGoals))
	mux.HandleFunc("POST /projects/{id}/goals/publish", h.web.HTML(h.publishGoals(true)))
	mux.HandleFunc("POST /projects/{id}/goals/unpublish", h.web.HTML(h.publishGoals(false)))
	h.apiRoutes(mux)
}

func planURL(id int64) string { return "/plans/" + strconv.FormatInt(id, 10) }

// objectiveURL is the objective's place on its plan's page.
func objectiveURL(p Place) string {
	return planURL(p.PlanID) + "#objective-" + strconv.FormatInt(p.ObjectiveID, 10)
}

func indicatorURL(id int64) string { return "/indicators/" + strconv.FormatInt(id, 10) }

// ListPage is a network's plans.
type ListPage struct {
	Network   *network.Ref
	Plans     []PlanRow
	CanManage bool
}

// PlanRow is a plan in the list.
type PlanRow struct {
	*Plan
	Progress ProgressView
}

func (h *Handler) listPlans(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	list, err := h.svc.NetworkPlans(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	page := ListPage{Network: list.Network, CanManage: list.CanManage}
	for i := range list.Plans {
		page.Plans = append(page.Plans, PlanRow{Plan: &list.Plans[i], Progress: progressView(list.Plans[i].Progress())})
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "plan.list_title", "Network", list.Network.NameIn(web.Lang(r.Context()))),
		func(v *web.View) templ.Component { return listPage(v, &page) })
}

// PlanForm is the plan create / edit form.
type PlanForm struct {
	IsNew       bool
	ID          int64
	Network     *network.Ref
	Title       string
	Description string
	StartsOn    string
	EndsOn      string
	Status      string
}

func readPlanForm(r *http.Request) (*PlanForm, PlanInput) {
	f := &PlanForm{
		Title:       web.Field(r, "title"),
		Description: web.Field(r, "description"),
		StartsOn:    web.Field(r, "starts_on"),
		EndsOn:      web.Field(r, "ends_on"),
		Status:      web.Field(r, "status"),
	}
	in := PlanInput{Title: f.Title, Description: f.Description, Status: f.Status}
	in.StartsOn = web.Date(&in.Unparsed, "starts_on", f.StartsOn)
	in.EndsOn = web.Date(&in.Unparsed, "ends_on", f.EndsOn)
	return f, in
}

func (h *Handler) planFormTitle(r *http.Request, f *PlanForm) string {
	if f.IsNew {
		return h.web.T(r, "plan.new_title")
	}
	return h.web.T(r, "plan.edit_title")
}

func (h *Handler) renderPlanForm(w http.ResponseWriter, r *http.Request, f *PlanForm, err error) error {
	page := func(v *web.View) templ.Component { return planFormPage(v, f) }
	if err != nil {
		return h.web.Form(w, r, err, h.planFormTitle(r, f), page)
	}
	return h.web.Page(w, r, http.StatusOK, h.planFormTitle(r, f), page)
}

func (h *Handler) showNewPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	n, err := h.svc.ManagedNetwork(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderPlanForm(w, r, &PlanForm{IsNew: true, Network: n, Status: StatusDraft}, nil)
}

func (h *Handler) createPlan(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in := readPlanForm(r)
	planID, err := h.svc.CreatePlan(ctx, u, id, in)
	if err == nil {
		h.web.Flash(r, h.web.T(r, "plan.created"))
		web.Redirect(w, r, planURL(planID))
		return nil
	}
	if !hasFields(err) {
		return err
	}
	n, nerr := h.svc.ManagedNetwork(ctx, u, id)
	if nerr != nil {
		return nerr
	}
	f.IsNew, f.Network = true, n
	return h.renderPlanForm(w, r, f, err)
}

// PlanPage is a plan's page.
type PlanPage struct {
	Plan      *Plan
	CanManage bool
	// Viewer is the reader's person: the owner of an action updates its
	// progress.
	Viewer     int64
	Progress   ProgressView
	Objectives []ObjectiveView
	Late       int
}

func (h *Handler) showPlan(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	full, err := h.svc.Plan(ctx, u, id)
	if err != nil {
		return err
	}
	page := PlanPage{Plan: full, Progress: progressView(full.Progress()),
		Objectives: objectiveViews(full.Objectives, h.svc.Today(), web.Lang(ctx))}
	for _, o := range page.Objectives {
		page.Late += o.Late
	}
	if page.CanManage, err = h.svc.CanManage(ctx, u, full.NetworkID); err != nil {
		return err
	}
	page.Viewer = u.PersonID
	return h.web.Page(w, r, http.StatusOK, full.Title, func(v *web.View) templ.Component { return planPage(v, &page) })
}

func planNetwork(p *Plan) *network.Ref {
	return &network.Ref{ID: p.NetworkID, Name: p.NetworkName, NameSv: p.NetworkNameSv, NameEn: p.NetworkNameEn,
		ProjectID: p.ProjectID, ProjectName: p.ProjectName, ProjectNameSv: p.ProjectNameSv, ProjectNameEn: p.ProjectNameEn}
}

func (h *Handler) showEditPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.svc.ManagedPlan(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderPlanForm(w, r, &PlanForm{ID: p.ID, Network: planNetwork(p), Title: p.Title, Description: p.Description,
		StartsOn: app.ISODate(&p.StartsOn), EndsOn: app.ISODate(&p.EndsOn), Status: p.Status}, nil)
}

func (h *Handler) updatePlan(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in := readPlanForm(r)
	err = h.svc.UpdatePlan(ctx, u, id, in)
	if err == nil {
		h.web.Flash(r, h.web.T(r, "plan.saved"))
		web.Redirect(w, r, planURL(id))
		return nil
	}
	if !hasFields(err) {
		return err
	}
	p, perr := h.svc.ManagedPlan(ctx, u, id)
	if perr != nil {
		return perr
	}
	f.ID, f.Network = p.ID, planNetwork(p)
	return h.renderPlanForm(w, r, f, err)
}

// hasFields reports whether err is a form's field errors, which the form
// shows again; any other error goes to the error page.
func hasFields(err error) bool {
	e := app.AsError(err)
	return e != nil && len(e.Fields) > 0
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

func readObjectiveForm(r *http.Request) (*ObjectiveForm, ObjectiveInput) {
	f := &ObjectiveForm{Title: web.Field(r, "title"), Description: web.Field(r, "description"), Weight: web.Field(r, "weight")}
	in := ObjectiveInput{Title: f.Title, Description: f.Description, Weight: 1}
	f.GoalID = web.OptionalID(&in.Unparsed, "project_goal_id", r.PostFormValue("project_goal_id"))
	in.GoalID = f.GoalID
	if w := ParseNumber(&in.Unparsed, "weight", f.Weight); w != nil {
		in.Weight = *w
	}
	return f, in
}

func (h *Handler) renderObjectiveForm(w http.ResponseWriter, r *http.Request, f *ObjectiveForm, err error) error {
	goals, gerr := h.svc.Goals(r.Context(), f.Plan.ProjectID)
	if gerr != nil {
		return gerr
	}
	f.Goals = goals
	title := h.web.T(r, "plan.new_objective")
	if !f.IsNew {
		title = h.web.T(r, "plan.edit_objective")
	}
	page := func(v *web.View) templ.Component { return objectiveFormPage(v, f) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showNewObjective(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.svc.ManagedPlan(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderObjectiveForm(w, r, &ObjectiveForm{IsNew: true, Plan: p, Weight: "1"}, nil)
}

func (h *Handler) createObjective(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in := readObjectiveForm(r)
	if _, err = h.svc.CreateObjective(ctx, u, id, in); err == nil {
		h.web.Flash(r, h.web.T(r, "plan.objective_created"))
		web.Redirect(w, r, planURL(id))
		return nil
	}
	if !hasFields(err) {
		return err
	}
	p, perr := h.svc.ManagedPlan(ctx, u, id)
	if perr != nil {
		return perr
	}
	f.IsNew, f.Plan = true, p
	return h.renderObjectiveForm(w, r, f, err)
}

func (h *Handler) showEditObjective(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	o, p, err := h.svc.ManagedObjective(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderObjectiveForm(w, r, &ObjectiveForm{ID: o.ID, Plan: p, Title: o.Title, Description: o.Description,
		GoalID: o.GoalID, Weight: FormatNumber(o.Weight, web.Lang(r.Context()))}, nil)
}

func (h *Handler) updateObjective(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in := readObjectiveForm(r)
	place, err := h.svc.UpdateObjective(ctx, u, id, in)
	if err == nil {
		h.web.Flash(r, h.web.T(r, "plan.saved"))
		web.Redirect(w, r, objectiveURL(place))
		return nil
	}
	if !hasFields(err) {
		return err
	}
	_, p, perr := h.svc.ManagedObjective(ctx, u, id)
	if perr != nil {
		return perr
	}
	f.ID, f.Plan = id, p
	return h.renderObjectiveForm(w, r, f, err)
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
}

func readActionForm(r *http.Request) (*ActionForm, ActionInput) {
	f := &ActionForm{Title: web.Field(r, "title"), Description: web.Field(r, "description"),
		StartsOn: web.Field(r, "starts_on"), DueOn: web.Field(r, "due_on"), Status: web.Field(r, "status"),
		Progress: web.Field(r, "progress"), Weight: web.Field(r, "weight")}
	in := ActionInput{Title: f.Title, Description: f.Description, Status: f.Status, Weight: 1}
	v := &in.Unparsed
	f.OwnerID = web.OptionalID(v, "owner_id", r.PostFormValue("owner_id"))
	in.OwnerID = f.OwnerID
	in.StartsOn, in.DueOn = web.Date(v, "starts_on", f.StartsOn), web.Date(v, "due_on", f.DueOn)
	in.Progress = ParseInt(v, "progress", f.Progress, 0)
	if w := ParseNumber(v, "weight", f.Weight); w != nil {
		in.Weight = *w
	}
	return f, in
}

func (h *Handler) renderActionForm(w http.ResponseWriter, r *http.Request, f *ActionForm, err error) error {
	owners, oerr := h.svc.Owners(r.Context(), f.Plan.NetworkID)
	if oerr != nil {
		return oerr
	}
	f.Owners = owners
	title := h.web.T(r, "plan.new_action")
	if !f.IsNew {
		title = h.web.T(r, "plan.edit_action")
	}
	page := func(v *web.View) templ.Component { return actionFormPage(v, f) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showNewAction(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	o, p, err := h.svc.ManagedObjective(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderActionForm(w, r, &ActionForm{IsNew: true, Plan: p, Objective: o, Status: ActionPlanned, Progress: "0", Weight: "1"}, nil)
}

func (h *Handler) createAction(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in := readActionForm(r)
	place, err := h.svc.CreateAction(ctx, u, id, in)
	if err == nil {
		h.web.Flash(r, h.web.T(r, "plan.action_created"))
		web.Redirect(w, r, objectiveURL(place))
		return nil
	}
	if !hasFields(err) {
		return err
	}
	o, p, perr := h.svc.ManagedObjective(ctx, u, id)
	if perr != nil {
		return perr
	}
	f.IsNew, f.Plan, f.Objective = true, p, o
	return h.renderActionForm(w, r, f, err)
}

func (h *Handler) showEditAction(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	a, o, p, err := h.svc.ManagedAction(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	f := &ActionForm{ID: a.ID, Plan: p, Objective: o, Title: a.Title, Description: a.Description, OwnerID: a.OwnerID,
		StartsOn: app.ISODate(a.StartsOn), DueOn: app.ISODate(a.DueOn), Status: a.Status, Progress: strconv.Itoa(a.Progress),
		Weight: FormatNumber(a.Weight, web.Lang(r.Context()))}
	return h.renderActionForm(w, r, f, nil)
}

func (h *Handler) updateAction(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in := readActionForm(r)
	place, err := h.svc.UpdateAction(ctx, u, id, in)
	if err == nil {
		h.web.Flash(r, h.web.T(r, "plan.saved"))
		web.Redirect(w, r, objectiveURL(place))
		return nil
	}
	if !hasFields(err) {
		return err
	}
	_, o, p, perr := h.svc.ManagedAction(ctx, u, id)
	if perr != nil {
		return perr
	}
	f.ID, f.Plan, f.Objective = id, p, o
	return h.renderActionForm(w, r, f, err)
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

func (h *Handler) renderIndicatorForm(w http.ResponseWriter, r *http.Request, f *IndicatorForm, err error) error {
	title := h.web.T(r, "plan.new_indicator")
	page := func(v *web.View) templ.Component { return indicatorFormPage(v, f) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showNewIndicator(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	a, _, p, err := h.svc.ManagedAction(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderIndicatorForm(w, r, &IndicatorForm{Plan: p, Action: a}, nil)
}

func (h *Handler) createIndicator(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f := &IndicatorForm{Name: web.Field(r, "name"), Unit: web.Field(r, "unit"),
		Baseline: web.Field(r, "baseline"), Target: web.Field(r, "target")}
	in := IndicatorInput{Name: f.Name, Unit: f.Unit}
	in.Baseline = ParseNumber(&in.Unparsed, "baseline", f.Baseline)
	in.Target = ParseNumber(&in.Unparsed, "target", f.Target)
	indID, err := h.svc.CreateIndicator(ctx, u, id, in)
	if err == nil {
		h.web.Flash(r, h.web.T(r, "plan.indicator_created"))
		web.Redirect(w, r, indicatorURL(indID))
		return nil
	}
	if !hasFields(err) {
		return err
	}
	a, _, p, perr := h.svc.ManagedAction(ctx, u, id)
	if perr != nil {
		return perr
	}
	f.Plan, f.Action = p, a
	return h.renderIndicatorForm(w, r, f, err)
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
	MeasuredOn string
	Value      string
}

func (h *Handler) indicatorPage(r *http.Request, id int64) (*IndicatorPage, error) {
	ctx := r.Context()
	d, err := h.svc.Indicator(ctx, app.UserFrom(ctx), id)
	if err != nil {
		return nil, err
	}
	lang := web.Lang(ctx)
	page := &IndicatorPage{Plan: d.Plan, Action: d.Action, Indicator: indicatorView(d.Indicator, lang),
		CanManage: d.CanManage, MeasuredOn: app.ISODate(new(h.svc.Today()))}
	for _, v := range d.Indicator.Values {
		page.Values = append(page.Values, ValueRow{MeasuredOn: web.FormatDate(v.MeasuredOn), Value: FormatNumber(v.Value, lang)})
	}
	return page, nil
}

func (h *Handler) showIndicator(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	page, err := h.indicatorPage(r, id)
	if err != nil {
		return err
	}
	return h.web.Page(w, r, http.StatusOK, page.Indicator.Name, func(v *web.View) templ.Component { return indicatorPage(v, page) })
}

func (h *Handler) addValue(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	measuredOn, value := web.Field(r, "measured_on"), web.Field(r, "value")
	var in ValueInput
	in.MeasuredOn = web.Date(&in.Unparsed, "measured_on", measuredOn)
	in.Value = ParseNumber(&in.Unparsed, "value", value)
	err = h.svc.SetValue(r.Context(), app.UserFrom(r.Context()), id, in)
	if err == nil {
		h.web.Flash(r, h.web.T(r, "plan.value_saved"))
		web.Redirect(w, r, indicatorURL(id))
		return nil
	}
	if !hasFields(err) {
		return err
	}
	page, perr := h.indicatorPage(r, id)
	if perr != nil {
		return perr
	}
	page.MeasuredOn, page.Value = measuredOn, value
	return h.web.Form(w, r, err, page.Indicator.Name, func(v *web.View) templ.Component { return indicatorPage(v, page) })
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

func (h *Handler) showGoals(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	g, err := h.svc.ProjectGoals(ctx, u, id)
	if err != nil {
		return err
	}
	page := GoalsPage{Project: g.Project, CanManage: g.CanManage, Public: u == nil,
		Goals: goalViews(g.Goals, h.svc.Today(), web.Lang(ctx))}
	page.Timeline, page.Late = timeline(page.Goals)
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "plan.goals_title", "Project", g.Project.Name),
		func(v *web.View) templ.Component { return goalsPage(v, &page) })
}

func (h *Handler) publishGoals(published bool) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := web.ID(r, "id")
		if err != nil {
			return err
		}
		if err := h.svc.PublishGoals(r.Context(), app.UserFrom(r.Context()), id, published); err != nil {
			return err
		}
		msg := "plan.goals_published_flash"
		if !published {
			msg = "plan.goals_unpublished_flash"
		}
		h.web.Flash(r, h.web.T(r, msg))
		web.Redirect(w, r, "/projects/"+strconv.FormatInt(id, 10)+"/goals")
		return nil
	}
}
