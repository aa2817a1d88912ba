package project

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// peoplePickerLimit caps the people offered in the staff picker; a search
// narrows it.
const peoplePickerLimit = 100

// Handler serves the project pages and API.
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
	mux.HandleFunc("GET /projects", h.listProjects)
	mux.HandleFunc("GET /projects/new", h.showNewProject)
	mux.HandleFunc("POST /projects", h.createProject)
	mux.HandleFunc("GET /projects/{id}", h.showProject)
	mux.HandleFunc("GET /projects/{id}/edit", h.showEditProject)
	mux.HandleFunc("POST /projects/{id}", h.updateProject)
	mux.HandleFunc("POST /projects/{id}/archive", h.archiveProject(true))
	mux.HandleFunc("POST /projects/{id}/unarchive", h.archiveProject(false))
	mux.HandleFunc("POST /projects/{id}/staff", h.addStaff)
	mux.HandleFunc("POST /projects/{id}/staff/{person}/delete", h.removeStaff)
	h.apiRoutes(mux)
}

// ListPage is the projects list.
type ListPage struct {
	Active    []Project
	Archived  []Project
	CanCreate bool
}

func (h *Handler) listProjects(w http.ResponseWriter, r *http.Request) {
	all, _, err := h.store.List(r.Context(), ListFilter{})
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page := ListPage{CanCreate: h.policy.CanCreateProject(app.UserFrom(r.Context())) == nil}
	for _, p := range all {
		if p.Archived {
			page.Archived = append(page.Archived, p)
		} else {
			page.Active = append(page.Active, p)
		}
	}
	h.web.Render(w, r, http.StatusOK, "project/list", h.web.T(r, "project.list_title"), page)
}

// ViewPage is a project's page.
type ViewPage struct {
	Project          *Project
	CanManage        bool
	CanCreateNetwork bool
	ShowContacts     bool
	// Unlisted counts the staff the public does not see (shown to those
	// who manage the project).
	Unlisted int
	// Staff picker (only for managers).
	StaffQuery string
	// searchErr: the staff search text was refused (too long).
	searchErr error
	People    []PersonOption
	Roles     []string
	PersonID  int64
	Role      string
}

func (h *Handler) viewPage(r *http.Request, id int64) (*ViewPage, error) {
	ctx := r.Context()
	p, err := h.store.GetFull(ctx, id)
	if err != nil {
		return nil, err
	}
	u := app.UserFrom(ctx)
	page := &ViewPage{Project: p, Roles: StaffRoles, Role: RoleWorker}
	if u != nil {
		if err := h.policy.CanManageProject(ctx, u, id); err == nil {
			page.CanManage = true
		} else if app.IsCode(err, app.EINTERNAL) {
			return nil, err
		}
		if err := h.policy.CanCreateNetwork(ctx, u, id); err == nil {
			page.CanCreateNetwork = true
		} else if app.IsCode(err, app.EINTERNAL) {
			return nil, err
		}
		if page.ShowContacts, err = h.policy.SharesProject(ctx, u, id); err != nil {
			return nil, err
		}
	} else {
		p.Staff = PublicStaff(p.Staff)
		for _, s := range p.Staff {
			page.ShowContacts = page.ShowContacts || s.Email != "" || s.Phone != ""
		}
	}
	if page.CanManage {
		page.Unlisted = len(p.Staff) - len(PublicStaff(p.Staff))
	}
	if page.CanManage {
		page.StaffQuery, page.searchErr = web.SearchText("staff_q", r.URL.Query().Get("staff_q"))
		if page.searchErr == nil {
			if page.People, err = h.store.SearchPeople(ctx, id, page.StaffQuery, peoplePickerLimit); err != nil {
				return nil, err
			}
		}
	}
	return page, nil
}

func (h *Handler) showProject(w http.ResponseWriter, r *http.Request) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page, err := h.viewPage(r, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if page.searchErr != nil {
		h.web.FormError(w, r, "project/view", page.Project.Name, page, page.searchErr)
		return
	}
	h.web.Render(w, r, http.StatusOK, "project/view", page.Project.Name, page)
}

// FormPage is the create / edit form.
type FormPage struct {
	IsNew       bool
	ID          int64
	Name        string
	Funder      string
	StartsOn    string
	EndsOn      string
	Description string
	Goals       string
	Selected    []string
	Regions     []RegionGroup
}

// RegionGroup is the municipalities of one region in the picker.
type RegionGroup struct {
	Name           string
	Municipalities []Municipality
}

func (h *Handler) withRegions(r *http.Request, f *FormPage) error {
	all, err := h.store.Municipalities(r.Context())
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

func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, f *FormPage, err error) {
	if rerr := h.withRegions(r, f); rerr != nil {
		h.web.Error(w, r, rerr)
		return
	}
	title := h.web.T(r, "project.new_title")
	if !f.IsNew {
		title = h.web.T(r, "project.edit_title")
	}
	if err != nil {
		h.web.FormError(w, r, "project/form", title, f, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "project/form", title, f)
}

func (h *Handler) showNewProject(w http.ResponseWriter, r *http.Request) {
	if err := h.policy.CanCreateProject(app.UserFrom(r.Context())); err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.renderForm(w, r, &FormPage{IsNew: true}, nil)
}

// readForm reads the project form into the page (for re-rendering) and an
// Input, validating it.
func readForm(r *http.Request) (*FormPage, Input, error) {
	f := &FormPage{
		Name:        web.Field(r, "name"),
		Funder:      web.Field(r, "funder"),
		StartsOn:    web.Field(r, "starts_on"),
		EndsOn:      web.Field(r, "ends_on"),
		Description: web.Field(r, "description"),
		Goals:       r.PostFormValue("goals"),
		Selected:    r.PostForm["municipalities"],
	}
	var v app.Validator
	in := Input{
		Name:           f.Name,
		Funder:         f.Funder,
		StartsOn:       web.Date(&v, "starts_on", f.StartsOn),
		EndsOn:         web.Date(&v, "ends_on", f.EndsOn),
		Description:    f.Description,
		Goals:          ParseGoals(f.Goals),
		Municipalities: append([]string(nil), f.Selected...),
	}
	in.Validate(&v)
	return f, in, v.Err()
}

func (h *Handler) createProject(w http.ResponseWriter, r *http.Request) {
	if err := h.policy.CanCreateProject(app.UserFrom(r.Context())); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f, in, err := readForm(r)
	f.IsNew = true
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	var id int64
	err = h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		var err error
		id, err = NewStore(tx).Create(r.Context(), in, h.web.Clock.Now())
		return err
	})
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "project.created"))
	web.Redirect(w, r, "/projects/"+strconv.FormatInt(id, 10))
}

// loadManaged loads the project named by the path and checks the user
// may manage it.
func (h *Handler) loadManaged(w http.ResponseWriter, r *http.Request) (*Project, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	p, err := h.store.Get(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	if err := h.policy.CanManageProject(r.Context(), app.UserFrom(r.Context()), id); err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	return p, true
}

func (h *Handler) showEditProject(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadManaged(w, r)
	if !ok {
		return
	}
	full, err := h.store.GetFull(r.Context(), p.ID)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.renderForm(w, r, &FormPage{
		ID: p.ID, Name: p.Name, Funder: p.Funder, StartsOn: isoDate(p.StartsOn), EndsOn: isoDate(p.EndsOn),
		Description: p.Description, Goals: full.GoalLines(), Selected: full.MunicipalityCodes(),
	}, nil)
}

func (h *Handler) updateProject(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadManaged(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f, in, err := readForm(r)
	f.ID = p.ID
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	err = h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		return NewStore(tx).Update(r.Context(), p.ID, in, h.web.Clock.Now())
	})
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "project.saved"))
	web.Redirect(w, r, "/projects/"+strconv.FormatInt(p.ID, 10))
}

func (h *Handler) archiveProject(archived bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := h.loadManaged(w, r)
		if !ok {
			return
		}
		if err := h.store.SetArchived(r.Context(), p.ID, archived, h.web.Clock.Now()); err != nil {
			h.web.Error(w, r, err)
			return
		}
		msg := "project.archived_flash"
		if !archived {
			msg = "project.unarchived_flash"
		}
		h.web.Flash(r, h.web.T(r, msg))
		web.Redirect(w, r, "/projects/"+strconv.FormatInt(p.ID, 10))
	}
}

func (h *Handler) addStaff(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadManaged(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	var v app.Validator
	personID := web.OptionalID(&v, "person_id", r.PostFormValue("person_id"))
	role := web.Field(r, "role")
	v.Check(personID != 0, "person_id", "err.required")
	v.Check(ValidStaffRole(role), "role", "err.invalid_choice")
	err := v.Err()
	if err == nil {
		err = h.store.AddStaff(r.Context(), p.ID, personID, role)
	}
	if err != nil {
		page, perr := h.viewPage(r, p.ID)
		if perr != nil {
			h.web.Error(w, r, perr)
			return
		}
		page.PersonID, page.Role = personID, role
		h.web.FormError(w, r, "project/view", p.Name, page, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "project.staff_added"))
	web.Redirect(w, r, "/projects/"+strconv.FormatInt(p.ID, 10)+"#staff")
}

func (h *Handler) removeStaff(w http.ResponseWriter, r *http.Request) {
	p, ok := h.loadManaged(w, r)
	if !ok {
		return
	}
	personID, err := web.ID(r, "person")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := h.store.RemoveStaff(r.Context(), p.ID, personID); err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "project.staff_removed"))
	web.Redirect(w, r, "/projects/"+strconv.FormatInt(p.ID, 10)+"#staff")
}

func isoDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}
