package org

import (
	"net/http"
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
	mux.HandleFunc("GET /organisations", h.listOrganisations)
	mux.HandleFunc("GET /organisations/new", h.showNewForm)
	mux.HandleFunc("POST /organisations", h.createOrganisation)
	mux.HandleFunc("GET /organisations/{id}", h.showOrganisation)
	mux.HandleFunc("GET /organisations/{id}/edit", h.showEditForm)
	mux.HandleFunc("POST /organisations/{id}", h.updateOrganisation)
	mux.HandleFunc("GET /organisations/{id}/merge", h.showMergeForm)
	mux.HandleFunc("POST /organisations/{id}/merge", h.mergeOrganisation)
	h.apiRoutes(mux)
}

// allowed turns a policy answer into a bool, passing on only internal
// errors.
func allowed(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	if c := app.ErrorCode(err); c == app.EFORBIDDEN || c == app.EUNAUTH {
		return false, nil
	}
	return false, err
}

// ListPage is the data of the organisation list.
type ListPage struct {
	Items          []Organisation
	Filter         Filter
	Sectors        []string
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

func (h *Handler) listOrganisations(w http.ResponseWriter, r *http.Request) {
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
	var items []Organisation
	var total int
	if qerr == nil {
		var err error
		if items, total, err = h.store.List(ctx, f); err != nil {
			h.web.Error(w, r, err)
			return
		}
	}
	munis, err := h.store.Municipalities(ctx, true)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	canCreate, err := allowed(h.policy.CanEditDirectory(ctx, app.UserFrom(ctx)))
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page := ListPage{Items: items, Filter: f, Sectors: Sectors, Municipalities: munis, Total: total, CanCreate: canCreate}
	if f.Page > 1 {
		page.PrevURL = listURL(f, f.Page-1)
	}
	if f.Page*f.PerPage < total {
		page.NextURL = listURL(f, f.Page+1)
	}
	if qerr != nil {
		h.web.FormError(w, r, "org/list", h.web.T(r, "org.list_title"), page, qerr)
		return
	}
	h.web.Render(w, r, http.StatusOK, "org/list", h.web.T(r, "org.list_title"), page)
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

func (h *Handler) showOrganisation(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	o, err := h.store.Get(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	u := app.UserFrom(ctx)
	page := ViewPage{Org: o, SignedIn: u != nil}
	if u != nil {
		if page.Representatives, err = h.store.Representatives(ctx, id); err != nil {
			h.web.Error(w, r, err)
			return
		}
		if page.Members, err = h.store.Members(ctx, id); err != nil {
			h.web.Error(w, r, err)
			return
		}
		if page.CanEdit, err = allowed(h.policy.CanEditDirectory(ctx, u)); err != nil {
			h.web.Error(w, r, err)
			return
		}
		page.CanMerge = h.policy.CanMergeOrganisations(u) == nil
		page.ShowAttendance = u.IsAdmin
		ids := make([]int64, 0, len(page.Representatives))
		for _, rep := range page.Representatives {
			page.ShowAttendance = page.ShowAttendance || rep.PersonID == u.PersonID
			ids = append(ids, rep.NetworkID)
		}
		if !page.ShowAttendance {
			if page.ShowAttendance, err = h.policy.ManagesAnyNetwork(ctx, u, ids); err != nil {
				h.web.Error(w, r, err)
				return
			}
		}
	}
	h.web.Render(w, r, http.StatusOK, "org/view", o.Name, page)
}

// FormPage is the data of the create and edit forms.
type FormPage struct {
	Org            *Organisation
	IsNew          bool
	Action         string
	Sectors        []string
	Municipalities []Municipality
}

func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, o *Organisation, err error) {
	munis, merr := h.store.Municipalities(r.Context(), false)
	if merr != nil {
		h.web.Error(w, r, merr)
		return
	}
	page := FormPage{Org: o, IsNew: o.ID == 0, Sectors: Sectors, Municipalities: munis, Action: "/organisations"}
	title := h.web.T(r, "org.new_title")
	if o.ID != 0 {
		page.Action = "/organisations/" + strconv.FormatInt(o.ID, 10)
		title = h.web.T(r, "org.edit_title")
	}
	if err != nil {
		h.web.FormError(w, r, "org/form", title, page, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "org/form", title, page)
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

func (h *Handler) showNewForm(w http.ResponseWriter, r *http.Request) {
	if err := h.policy.CanEditDirectory(r.Context(), app.UserFrom(r.Context())); err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.renderForm(w, r, &Organisation{}, nil)
}

func (h *Handler) createOrganisation(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.policy.CanEditDirectory(ctx, app.UserFrom(ctx)); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	o := formOrganisation(r)
	if err := h.store.Create(ctx, o, h.web.Clock.Now()); err != nil {
		h.renderForm(w, r, o, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "org.created"))
	web.Redirect(w, r, "/organisations/"+strconv.FormatInt(o.ID, 10))
}

func (h *Handler) showEditForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := h.policy.CanEditDirectory(ctx, app.UserFrom(ctx)); err != nil {
		h.web.Error(w, r, err)
		return
	}
	o, err := h.store.Get(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.renderForm(w, r, o, nil)
}

func (h *Handler) updateOrganisation(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := h.policy.CanEditDirectory(ctx, app.UserFrom(ctx)); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if _, err := h.store.Get(ctx, id); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	o := formOrganisation(r)
	o.ID = id
	if err := h.store.Update(ctx, o, h.web.Clock.Now()); err != nil {
		h.renderForm(w, r, o, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "saved"))
	web.Redirect(w, r, "/organisations/"+strconv.FormatInt(id, 10))
}

// MergePage is the data of the merge form.
type MergePage struct {
	Org      *Organisation
	Options  []Option
	Counts   MergeCounts
	TargetID int64
}

func (h *Handler) renderMerge(w http.ResponseWriter, r *http.Request, o *Organisation, targetID int64, err error) {
	ctx := r.Context()
	opts, oerr := h.store.Options(ctx, o.ID)
	if oerr != nil {
		h.web.Error(w, r, oerr)
		return
	}
	counts, cerr := h.store.MergeCounts(ctx, o.ID)
	if cerr != nil {
		h.web.Error(w, r, cerr)
		return
	}
	page := MergePage{Org: o, Options: opts, Counts: counts, TargetID: targetID}
	title := h.web.T(r, "org.merge_title", "Name", o.Name)
	if err != nil {
		h.web.FormError(w, r, "org/merge", title, page, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "org/merge", title, page)
}

func (h *Handler) showMergeForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := h.policy.CanMergeOrganisations(app.UserFrom(ctx)); err != nil {
		h.web.Error(w, r, err)
		return
	}
	o, err := h.store.Get(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.renderMerge(w, r, o, 0, nil)
}

func (h *Handler) mergeOrganisation(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := h.policy.CanMergeOrganisations(app.UserFrom(ctx)); err != nil {
		h.web.Error(w, r, err)
		return
	}
	o, err := h.store.Get(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	var v app.Validator
	target := web.OptionalID(&v, "target_id", r.PostFormValue("target_id"))
	if v.Valid() && target == 0 {
		v.Add("target_id", "err.required", nil)
	}
	if err := v.Err(); err != nil {
		h.renderMerge(w, r, o, 0, err)
		return
	}
	counts, err := MergeTx(ctx, h.db, id, target, h.web.Clock.Now())
	if err != nil {
		h.renderMerge(w, r, o, target, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "org.merged", "Name", o.Name, "People", counts.People, "Memberships", counts.Memberships))
	web.Redirect(w, r, "/organisations/"+strconv.FormatInt(target, 10))
}
