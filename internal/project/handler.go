package project

import (
	"net/http"
	"strconv"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/home"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// peoplePickerLimit caps the people offered in the staff picker; a search
// narrows it.
const peoplePickerLimit = 100

// Handler serves the project pages and API: both adapters decode the
// request, call the Service and render or encode its answer.
type Handler struct {
	web *web.Kit
	svc *Service
	db  *db.DB
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, svc: NewService(d, auth.NewPolicy(d, kit.Clock), kit.Clock), db: d}
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /projects", h.web.HTML(h.listProjects))
	mux.HandleFunc("GET /projects/new", h.web.HTML(h.showNewProject))
	mux.HandleFunc("POST /projects", h.web.HTML(h.createProject))
	mux.HandleFunc("GET /projects/{id}", h.web.HTML(h.showProject))
	mux.HandleFunc("GET /projects/{id}/edit", h.web.HTML(h.showEditProject))
	mux.HandleFunc("POST /projects/{id}", h.web.HTML(h.updateProject))
	mux.HandleFunc("POST /projects/{id}/archive", h.web.HTML(h.archiveProject(true)))
	mux.HandleFunc("POST /projects/{id}/unarchive", h.web.HTML(h.archiveProject(false)))
	mux.HandleFunc("POST /projects/{id}/staff", h.web.HTML(h.addStaff))
	mux.HandleFunc("POST /projects/{id}/staff/{person}/delete", h.web.HTML(h.removeStaff))
	h.apiRoutes(mux)
}

func projectURL(id int64) string { return "/projects/" + strconv.FormatInt(id, 10) }

// ListPage is the projects list.
type ListPage struct {
	Active    []Project
	Archived  []Project
	CanCreate bool
}

func (h *Handler) listProjects(w http.ResponseWriter, r *http.Request) error {
	all, _, err := h.svc.List(r.Context(), ListFilter{})
	if err != nil {
		return err
	}
	page := ListPage{CanCreate: h.svc.CanCreate(app.UserFrom(r.Context())) == nil}
	for _, p := range all {
		if p.Archived {
			page.Archived = append(page.Archived, p)
		} else {
			page.Active = append(page.Active, p)
		}
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "project.list_title"), func(v *web.View) templ.Component {
		return listPage(v, &page)
	})
}

// ViewPage is a project's page.
type ViewPage struct {
	*Details
	// Staff picker (only for managers).
	StaffQuery string
	PersonID   int64
	Role       string
	// Overview is what needs attention in the networks the reader
	// manages (home.ProjectOverview).
	Overview []home.Needs
}

// viewPage loads the project page; searchErr is set when the staff search
// text was refused (too long).
func (h *Handler) viewPage(r *http.Request, id int64) (page *ViewPage, searchErr error, err error) {
	var search StaffSearch
	search.Text, searchErr = web.SearchText("staff_q", r.URL.Query().Get("staff_q"))
	search.Find = searchErr == nil
	d, err := h.svc.Details(r.Context(), app.UserFrom(r.Context()), id, search)
	if err != nil {
		return nil, nil, err
	}
	page = &ViewPage{Details: d, Role: RoleWorker}
	if page.Overview, err = home.ProjectOverview(r.Context(), h.db, app.UserFrom(r.Context()), id, h.web.Clock.Now()); err != nil {
		return nil, nil, err
	}
	if !d.CanManage {
		return page, nil, nil
	}
	page.StaffQuery = search.Text
	return page, searchErr, nil
}

func (h *Handler) renderView(w http.ResponseWriter, r *http.Request, page *ViewPage, err error) error {
	c := func(v *web.View) templ.Component { return viewPage(v, page) }
	if err != nil {
		return h.web.Form(w, r, err, page.Project.NameIn(web.Lang(r.Context())), c)
	}
	return h.web.Page(w, r, http.StatusOK, page.Project.NameIn(web.Lang(r.Context())), c)
}

func (h *Handler) showProject(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	page, searchErr, err := h.viewPage(r, id)
	if err != nil {
		return err
	}
	return h.renderView(w, r, page, searchErr)
}

// FormPage is the create / edit form.
type FormPage struct {
	IsNew         bool
	ID            int64
	Name          string
	NameSv        string
	NameEn        string
	Funder        string
	StartsOn      string
	EndsOn        string
	Description   string
	DescriptionSv string
	DescriptionEn string
	Goals         string
	Selected      []string
	Regions       []RegionGroup
}

// RegionGroup is the municipalities of one region in the picker.
type RegionGroup struct {
	Name           string
	Municipalities []Municipality
}

func (h *Handler) withRegions(r *http.Request, f *FormPage) error {
	all, err := h.svc.Municipalities(r.Context())
	if err != nil {
		return err
	}
	other := h.web.T(r, "project.region_other")
	for _, m := range all {
		name := m.RegionName
		if name == "" {
			name = other
		}
		if n := len(f.Regions); n == 0 || f.Regions[n-1].Name != name {
			f.Regions = append(f.Regions, RegionGroup{Name: name})
		}
		g := &f.Regions[len(f.Regions)-1]
		g.Municipalities = append(g.Municipalities, m)
	}
	return nil
}

// renderForm shows the form, or, with err, shows it again with err's
// field errors (any other error goes to the error page).
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, f *FormPage, err error) error {
	if rerr := h.withRegions(r, f); rerr != nil {
		return rerr
	}
	title := h.web.T(r, "project.new_title")
	if !f.IsNew {
		title = h.web.T(r, "project.edit_title")
	}
	page := func(v *web.View) templ.Component { return formPage(v, f) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showNewProject(w http.ResponseWriter, r *http.Request) error {
	if err := h.svc.CanCreate(app.UserFrom(r.Context())); err != nil {
		return err
	}
	return h.renderForm(w, r, &FormPage{IsNew: true}, nil)
}

// readForm reads the project form into the page (for re-rendering) and an
// Input, validating it.
func readForm(r *http.Request) (*FormPage, Input, error) {
	f := &FormPage{
		Name:          web.Field(r, "name"),
		NameSv:        web.Field(r, "name_sv"),
		NameEn:        web.Field(r, "name_en"),
		Funder:        web.Field(r, "funder"),
		StartsOn:      web.Field(r, "starts_on"),
		EndsOn:        web.Field(r, "ends_on"),
		Description:   web.Field(r, "description"),
		DescriptionSv: web.Field(r, "description_sv"),
		DescriptionEn: web.Field(r, "description_en"),
		Goals:         r.PostFormValue("goals"),
		Selected:      r.PostForm["municipalities"],
	}
	var v app.Validator
	in := Input{
		Name:           f.Name,
		NameSv:         f.NameSv,
		NameEn:         f.NameEn,
		Funder:         f.Funder,
		StartsOn:       web.Date(&v, "starts_on", f.StartsOn),
		EndsOn:         web.Date(&v, "ends_on", f.EndsOn),
		Description:    f.Description,
		DescriptionSv:  f.DescriptionSv,
		DescriptionEn:  f.DescriptionEn,
		Goals:          ParseGoals(f.Goals),
		Municipalities: append([]string(nil), f.Selected...),
	}
	in.Validate(&v)
	return f, in, v.Err()
}

func (h *Handler) createProject(w http.ResponseWriter, r *http.Request) error {
	u := app.UserFrom(r.Context())
	if err := h.svc.CanCreate(u); err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in, err := readForm(r)
	f.IsNew = true
	var id int64
	if err == nil {
		id, err = h.svc.Create(r.Context(), u, in, false)
	}
	if err != nil {
		return h.renderForm(w, r, f, err)
	}
	h.web.Flash(r, h.web.T(r, "project.created"))
	web.Redirect(w, r, projectURL(id))
	return nil
}

// managed reads the project id of the path and returns the project when
// the user manages it.
func (h *Handler) managed(r *http.Request) (*Project, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.svc.Managed(r.Context(), app.UserFrom(r.Context()), id)
}

func (h *Handler) showEditProject(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.svc.ManagedFull(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, &FormPage{
		ID: p.ID, Name: p.Name, NameSv: p.NameSv, NameEn: p.NameEn, Funder: p.Funder,
		StartsOn: app.ISODate(p.StartsOn), EndsOn: app.ISODate(p.EndsOn),
		Description: p.Description, DescriptionSv: p.DescriptionSv, DescriptionEn: p.DescriptionEn,
		Goals: p.GoalLines(), Selected: p.MunicipalityCodes(),
	}, nil)
}

func (h *Handler) updateProject(w http.ResponseWriter, r *http.Request) error {
	p, err := h.managed(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in, err := readForm(r)
	f.ID = p.ID
	if err == nil {
		err = h.svc.Update(r.Context(), app.UserFrom(r.Context()), p.ID, in, nil)
	}
	if err != nil {
		return h.renderForm(w, r, f, err)
	}
	h.web.Flash(r, h.web.T(r, "project.saved"))
	web.Redirect(w, r, projectURL(p.ID))
	return nil
}

func (h *Handler) archiveProject(archived bool) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := web.ID(r, "id")
		if err != nil {
			return err
		}
		if err := h.svc.SetArchived(r.Context(), app.UserFrom(r.Context()), id, archived); err != nil {
			return err
		}
		msg := "project.archived_flash"
		if !archived {
			msg = "project.unarchived_flash"
		}
		h.web.Flash(r, h.web.T(r, msg))
		web.Redirect(w, r, projectURL(id))
		return nil
	}
}

func (h *Handler) addStaff(w http.ResponseWriter, r *http.Request) error {
	p, err := h.managed(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var v app.Validator
	in := StaffInput{PersonID: web.OptionalID(&v, "person_id", r.PostFormValue("person_id")), Role: web.Field(r, "role")}
	in.Validate(&v)
	err = v.Err()
	if err == nil {
		err = h.svc.AddStaff(r.Context(), app.UserFrom(r.Context()), p.ID, in)
	}
	if err != nil {
		page, _, perr := h.viewPage(r, p.ID)
		if perr != nil {
			return perr
		}
		page.PersonID, page.Role = in.PersonID, in.Role
		return h.renderView(w, r, page, err)
	}
	h.web.Flash(r, h.web.T(r, "project.staff_added"))
	web.Redirect(w, r, projectURL(p.ID)+"#staff")
	return nil
}

func (h *Handler) removeStaff(w http.ResponseWriter, r *http.Request) error {
	p, err := h.managed(r)
	if err != nil {
		return err
	}
	personID, err := web.ID(r, "person")
	if err != nil {
		return err
	}
	if err := h.svc.RemoveStaff(r.Context(), app.UserFrom(r.Context()), p.ID, personID); err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "project.staff_removed"))
	web.Redirect(w, r, projectURL(p.ID)+"#staff")
	return nil
}
