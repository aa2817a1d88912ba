package org

import (
	"net/http"

	"github.com/a-h/templ"
	"net/url"
	"strconv"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// PageSize is the number of organisations on one list page.
const PageSize = 25

// Handler serves the organisation pages and API.
type Handler struct {
	web     *web.Kit
	store   *Store
	service *Service
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, store: NewStore(d), service: NewService(d, auth.NewPolicy(d, kit.Clock), kit.Clock)}
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /organisations", h.web.HTML(h.listOrganisations))
	mux.HandleFunc("GET /organisations/new", h.web.HTML(h.showNewForm))
	mux.HandleFunc("POST /organisations", h.web.HTML(h.createOrganisation))
	mux.HandleFunc("GET /organisations/{id}", h.web.HTML(h.showOrganisation))
	mux.HandleFunc("GET /organisations/{id}/edit", h.web.HTML(h.showEditForm))
	mux.HandleFunc("POST /organisations/{id}", h.web.HTML(h.updateOrganisation))
	mux.HandleFunc("GET /organisations/{id}/merge", h.web.HTML(h.showMergeForm))
	mux.HandleFunc("POST /organisations/{id}/merge", h.web.HTML(h.mergeOrganisation))
	h.apiRoutes(mux)
}

// ListPage is the data of the organisation list.
type ListPage struct {
	Items          []Organisation
	Filter         Filter
	Municipalities []Municipality
	Total          int
	PrevURL        string
	NextURL        string
	CanCreate      bool
}

func listURL(f Filter, page int) string {
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.Sector != "" {
		q.Set("sector", f.Sector)
	}
	if f.Municipality != "" {
		q.Set("municipality", f.Municipality)
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/organisations"
	}
	return "/organisations?" + q.Encode()
}

func (h *Handler) listOrganisations(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f := Filter{Query: q.Get("q"), Sector: q.Get("sector"), Municipality: q.Get("municipality"), Page: web.PageParam(r), PerPage: PageSize}
	// Filters come from select boxes; an unknown value is ignored rather
	// than an error page.
	if !ValidSector(f.Sector) {
		f.Sector = ""
	}
	if !ValidMunicipalityCode(f.Municipality) {
		f.Municipality = ""
	}
	var qerr error
	f.Query, qerr = web.SearchText("q", f.Query)
	p := ListPage{Filter: f}
	var err error
	if qerr == nil {
		if p.Items, p.Total, err = h.service.List(ctx, f); err != nil {
			return err
		}
	}
	if p.Municipalities, err = h.store.Municipalities(ctx, true); err != nil {
		return err
	}
	if p.CanCreate, err = h.service.CanCreate(ctx, app.UserFrom(ctx)); err != nil {
		return err
	}
	if f.Page > 1 {
		p.PrevURL = listURL(f, f.Page-1)
	}
	if f.Page*f.PerPage < p.Total {
		p.NextURL = listURL(f, f.Page+1)
	}
	title := h.web.T(r, "org.list_title")
	page := func(v *web.View) templ.Component { return listPage(v, &p) }
	if qerr != nil {
		return h.web.Form(w, r, qerr, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

// ViewPage is the data of an organisation's page.
type ViewPage struct {
	Org             *Organisation
	SignedIn        bool
	Representatives []Representative
	Members         []Member
	CanEdit         bool
	CanMerge        bool
	// ShowAttendance links the attendance history: for admins, the
	// organisation's representatives and those who manage one of the
	// networks it is represented in.
	ShowAttendance bool
}

func (h *Handler) showOrganisation(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.service.Organisation(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.web.Page(w, r, http.StatusOK, p.Org.Name, func(v *web.View) templ.Component { return viewPage(v, p) })
}

// FormPage is the data of the create and edit forms.
type FormPage struct {
	Org            *Organisation
	IsNew          bool
	Action         string
	Municipalities []Municipality
}

// renderForm shows the form for o, with err's field errors (422) when err
// is set; an error without fields is returned.
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, o *Organisation, err error) error {
	if err != nil && h.web.FieldErrors(r, err) == nil {
		return err
	}
	munis, merr := h.store.Municipalities(r.Context(), false)
	if merr != nil {
		return merr
	}
	p := &FormPage{Org: o, IsNew: o.ID == 0, Municipalities: munis, Action: "/organisations"}
	title := h.web.T(r, "org.new_title")
	if o.ID != 0 {
		p.Action = "/organisations/" + strconv.FormatInt(o.ID, 10)
		title = h.web.T(r, "org.edit_title")
	}
	page := func(v *web.View) templ.Component { return formPage(v, p) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func formOrganisation(r *http.Request) *Organisation {
	return &Organisation{
		Name:             web.Field(r, "name"),
		Sector:           web.Field(r, "sector"),
		MunicipalityCode: web.Field(r, "municipality_code"),
		Website:          web.Field(r, "website"),
		Email:            web.Field(r, "email"),
		Phone:            web.Field(r, "phone"),
		Description:      web.Field(r, "description"),
	}
}

func (h *Handler) showNewForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.service.MayEdit(r.Context(), app.UserFrom(r.Context())); err != nil {
		return err
	}
	return h.renderForm(w, r, &Organisation{}, nil)
}

func (h *Handler) createOrganisation(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	o := formOrganisation(r)
	if err := h.service.Create(r.Context(), app.UserFrom(r.Context()), o); err != nil {
		return h.renderForm(w, r, o, err)
	}
	h.web.Flash(r, h.web.T(r, "org.created"))
	web.Redirect(w, r, "/organisations/"+strconv.FormatInt(o.ID, 10))
	return nil
}

func (h *Handler) showEditForm(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	o, err := h.service.ForEdit(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, o, nil)
}

func (h *Handler) updateOrganisation(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	o := formOrganisation(r)
	if err := h.service.Update(r.Context(), app.UserFrom(r.Context()), id, o); err != nil {
		o.ID = id
		return h.renderForm(w, r, o, err)
	}
	h.web.Flash(r, h.web.T(r, "saved"))
	web.Redirect(w, r, "/organisations/"+strconv.FormatInt(id, 10))
	return nil
}

// MergePage is the data of the merge form.
type MergePage struct {
	Org      *Organisation
	Options  []Option
	Counts   MergeCounts
	TargetID int64
}

// renderMerge shows the merge form of organisation id with targetID
// chosen, with err's field errors (422) when err is set; an error without
// fields is returned.
func (h *Handler) renderMerge(w http.ResponseWriter, r *http.Request, id, targetID int64, err error) error {
	if err != nil && h.web.FieldErrors(r, err) == nil {
		return err
	}
	p, perr := h.service.MergeForm(r.Context(), app.UserFrom(r.Context()), id)
	if perr != nil {
		return perr
	}
	p.TargetID = targetID
	title := h.web.T(r, "org.merge_title", "Name", p.Org.Name)
	page := func(v *web.View) templ.Component { return mergePage(v, p) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showMergeForm(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.renderMerge(w, r, id, 0, nil)
}

func (h *Handler) mergeOrganisation(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var v app.Validator
	target := web.OptionalID(&v, "target_id", r.PostFormValue("target_id"))
	if err := v.Err(); err != nil {
		return h.renderMerge(w, r, id, 0, err)
	}
	dup, counts, err := h.service.Merge(r.Context(), app.UserFrom(r.Context()), id, target)
	if err != nil {
		return h.renderMerge(w, r, id, target, err)
	}
	h.web.Flash(r, h.web.T(r, "org.merged", "Name", dup.Name, "People", counts.People, "Memberships", counts.Memberships))
	web.Redirect(w, r, "/organisations/"+strconv.FormatInt(target, 10))
	return nil
}
