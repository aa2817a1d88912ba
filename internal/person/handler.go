package person

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// PageSize is the number of people on one list page.
const PageSize = 25

// Handler serves the person pages and API.
type Handler struct {
	web     *web.Kit
	db      *db.DB
	store   *Store
	policy  *auth.Policy
	service *Service
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	policy := auth.NewPolicy(d, kit.Clock)
	return &Handler{web: kit, db: d, store: NewStore(d), policy: policy, service: NewService(d, policy, kit.Clock)}
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /people", h.listPeople)
	mux.HandleFunc("GET /people/new", h.showNewForm)
	mux.HandleFunc("POST /people", h.createPerson)
	mux.HandleFunc("GET /people/{id}", h.showPerson)
	mux.HandleFunc("GET /people/{id}/edit", h.showEditForm)
	mux.HandleFunc("POST /people/{id}", h.updatePerson)
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

// ListPage is the data of the people list.
type ListPage struct {
	Items         []Person
	Filter        Filter
	Organisations []Option
	Total         int
	PrevURL       string
	NextURL       string
	CanCreate     bool
}

func listURL(f Filter, page int) string {
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.OrganisationID != 0 {
		q.Set("organisation", strconv.FormatInt(f.OrganisationID, 10))
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/people"
	}
	return "/people?" + q.Encode()
}

func (h *Handler) listPeople(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := app.UserFrom(ctx)
	if err := h.policy.CanSeePeople(u); err != nil {
		h.web.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := Filter{Query: q.Get("q"), Page: web.PageParam(r), PerPage: PageSize}
	// The organisation filter comes from a select box; a malformed value
	// is ignored rather than an error page.
	if id, err := strconv.ParseInt(q.Get("organisation"), 10, 64); err == nil && id > 0 {
		f.OrganisationID = id
	}
	var qerr error
	f.Query, qerr = web.SearchText("q", f.Query)
	var items []Person
	var total int
	if qerr == nil {
		var err error
		if items, total, err = h.store.List(ctx, f); err != nil {
			h.web.Error(w, r, err)
			return
		}
	}
	orgs, err := h.store.OrganisationOptions(ctx)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	canCreate, err := allowed(h.policy.CanEditDirectory(ctx, u))
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page := ListPage{Items: items, Filter: f, Organisations: orgs, Total: total, CanCreate: canCreate}
	if f.Page > 1 {
		page.PrevURL = listURL(f, f.Page-1)
	}
	if f.Page*f.PerPage < total {
		page.NextURL = listURL(f, f.Page+1)
	}
	if qerr != nil {
		h.web.FormError(w, r, "person/list", h.web.T(r, "person.list_title"), page, qerr)
		return
	}
	h.web.Render(w, r, http.StatusOK, "person/list", h.web.T(r, "person.list_title"), page)
}

// ProfilePage is the data of a person's profile.
type ProfilePage struct {
	Person       *Person
	Memberships  []Membership
	Staff        []Staff
	ShowContacts bool
	CanEdit      bool
	IsSelf       bool
	// CanInvite is set for directory editors who may edit the person
	// when the person has an e-mail address and no account in use yet.
	CanInvite bool
	// ShowAttendance links the attendance history: for the person, admins
	// and those who manage one of the person's networks.
	ShowAttendance bool
}

func (h *Handler) showPerson(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := app.UserFrom(ctx)
	if err := h.policy.CanSeePeople(u); err != nil {
		h.web.Error(w, r, err)
		return
	}
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	p, err := h.store.Get(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	page := ProfilePage{Person: p, IsSelf: u.PersonID == p.ID}
	if page.Memberships, err = h.store.Memberships(ctx, id); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if page.Staff, err = h.store.Staff(ctx, id); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if page.ShowContacts, err = h.policy.CanSeeContacts(ctx, u, id); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if page.CanEdit, err = allowed(h.policy.CanEditPerson(ctx, u, id)); err != nil {
		h.web.Error(w, r, err)
		return
	}
	page.ShowAttendance = page.IsSelf || u.IsAdmin
	if !page.ShowAttendance {
		ids := make([]int64, len(page.Memberships))
		for i, m := range page.Memberships {
			ids[i] = m.NetworkID
		}
		if page.ShowAttendance, err = h.policy.ManagesAnyNetwork(ctx, u, ids); err != nil {
			h.web.Error(w, r, err)
			return
		}
	}
	if !page.IsSelf && p.Email != "" {
		if page.CanEdit {
			active, err := h.store.HasActiveAccount(ctx, id)
			if err != nil {
				h.web.Error(w, r, err)
				return
			}
			page.CanInvite = !active
		}
	}
	h.web.Render(w, r, http.StatusOK, "person/profile", p.Name, page)
}

// FormPage is the data of the create and edit forms.
type FormPage struct {
	Person        *Person
	IsNew         bool
	IsSelf        bool
	Action        string
	Organisations []Option
	Langs         []string
	// HideContacts is set when the editor may edit the person but not see
	// their contact details: the form leaves e-mail and phone out and the
	// stored values are kept.
	HideContacts bool
	// EmailLocked: the e-mail is an account's sign-in address, shown but
	// not editable (its owner changes it on the account page).
	EmailLocked bool
}

func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, p *Person, rights EditRights, err error) {
	hideContacts := rights.HideContacts
	orgs, oerr := h.store.OrganisationOptions(r.Context())
	if oerr != nil {
		h.web.Error(w, r, oerr)
		return
	}
	u := app.UserFrom(r.Context())
	page := FormPage{Person: p, IsNew: p.ID == 0, IsSelf: u != nil && p.ID != 0 && u.PersonID == p.ID,
		Organisations: orgs, Langs: i18n.Langs, Action: "/people", HideContacts: hideContacts, EmailLocked: rights.EmailLocked}
	if hideContacts {
		shown := *p
		shown.Email, shown.Phone = "", ""
		page.Person = &shown
	}
	title := h.web.T(r, "person.new_title")
	if p.ID != 0 {
		page.Action = "/people/" + strconv.FormatInt(p.ID, 10)
		title = h.web.T(r, "person.edit_title")
		if page.IsSelf {
			title = h.web.T(r, "person.edit_own_title")
		}
	}
	if err != nil {
		h.web.FormError(w, r, "person/form", title, page, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "person/form", title, page)
}

// formPerson reads the form. A malformed organisation id becomes -1,
// which Validate reports with the form's other problems.
func formPerson(r *http.Request) *Person {
	var v app.Validator
	p := &Person{
		Name:           web.Field(r, "name"),
		Title:          web.Field(r, "title"),
		OrganisationID: web.OptionalID(&v, "organisation_id", r.PostFormValue("organisation_id")),
		Email:          web.Field(r, "email"),
		Phone:          web.Field(r, "phone"),
		Lang:           web.Field(r, "lang"),
	}
	if !v.Valid() {
		p.OrganisationID = -1
	}
	return p
}

func (h *Handler) showNewForm(w http.ResponseWriter, r *http.Request) {
	if err := h.policy.CanEditDirectory(r.Context(), app.UserFrom(r.Context())); err != nil {
		h.web.Error(w, r, err)
		return
	}
	p := &Person{Lang: i18n.Default}
	if id, err := strconv.ParseInt(r.URL.Query().Get("organisation"), 10, 64); err == nil && id > 0 {
		p.OrganisationID = id
	}
	h.renderForm(w, r, p, EditRights{}, nil)
}

func (h *Handler) createPerson(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.policy.CanEditDirectory(ctx, app.UserFrom(ctx)); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	p := formPerson(r)
	if err := h.store.Create(ctx, p, h.web.Clock.Now()); err != nil {
		h.renderForm(w, r, p, EditRights{}, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "person.created"))
	web.Redirect(w, r, "/people/"+strconv.FormatInt(p.ID, 10))
}

func (h *Handler) showEditForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	p, rights, err := h.service.ForEdit(ctx, app.UserFrom(ctx), id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.renderForm(w, r, p, rights, nil)
}

func (h *Handler) updatePerson(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	u := app.UserFrom(ctx)
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	p := formPerson(r)
	saved, rights, err := h.service.Update(ctx, u, id, p)
	if err != nil {
		if app.IsCode(err, app.EINVALID) || app.IsCode(err, app.ECONFLICT) {
			p.ID = id
			h.renderForm(w, r, p, rights, err)
			return
		}
		h.web.Error(w, r, err)
		return
	}
	p = saved
	if u.PersonID == id {
		// An explicit language cookie outranks the stored preference, so
		// the new preference must replace it to take effect now.
		http.SetCookie(w, &http.Cookie{Name: web.LangCookie, Value: p.Lang, Path: "/", MaxAge: 365 * 24 * 3600, // #nosec G124 -- HttpOnly, SameSite=Lax; Secure like the session cookie (on under https://)
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.web.Sessions.Cookie.Secure})
		r = r.WithContext(web.WithLang(ctx, p.Lang))
	}
	h.web.Flash(r, h.web.T(r, "saved"))
	web.Redirect(w, r, "/people/"+strconv.FormatInt(id, 10))
}
