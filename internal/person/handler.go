package person

import (
	"net/http"

	"github.com/a-h/templ"
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
	store   *Store
	policy  *auth.Policy
	service *Service
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	policy := auth.NewPolicy(d, kit.Clock)
	return &Handler{web: kit, store: NewStore(d), policy: policy, service: NewService(d, policy, kit.Clock)}
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /people", h.web.HTML(h.listPeople))
	mux.HandleFunc("GET /people/new", h.web.HTML(h.showNewForm))
	mux.HandleFunc("POST /people", h.web.HTML(h.createPerson))
	mux.HandleFunc("GET /people/{id}", h.web.HTML(h.showPerson))
	mux.HandleFunc("GET /people/{id}/edit", h.web.HTML(h.showEditForm))
	mux.HandleFunc("POST /people/{id}", h.web.HTML(h.updatePerson))
	h.apiRoutes(mux)
}

// personID is the {id} of a page that only those signed in may see: the
// public is sent to sign in before anything is said about the address.
func (h *Handler) personID(r *http.Request) (int64, error) {
	if err := h.service.MaySeePeople(app.UserFrom(r.Context())); err != nil {
		return 0, err
	}
	return web.ID(r, "id")
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

func (h *Handler) listPeople(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := app.UserFrom(ctx)
	if err := h.service.MaySeePeople(u); err != nil {
		return err
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
	p := ListPage{Filter: f}
	var err error
	if qerr == nil {
		if p.Items, p.Total, err = h.service.List(ctx, f); err != nil {
			return err
		}
	}
	if p.Organisations, err = h.store.OrganisationOptions(ctx); err != nil {
		return err
	}
	if p.CanCreate, err = h.service.CanCreate(ctx, u); err != nil {
		return err
	}
	if f.Page > 1 {
		p.PrevURL = listURL(f, f.Page-1)
	}
	if f.Page*f.PerPage < p.Total {
		p.NextURL = listURL(f, f.Page+1)
	}
	title := h.web.T(r, "person.list_title")
	page := func(v *web.View) templ.Component { return listPage(v, &p) }
	if qerr != nil {
		return h.web.Form(w, r, qerr, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
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

func (h *Handler) showPerson(w http.ResponseWriter, r *http.Request) error {
	id, err := h.personID(r)
	if err != nil {
		return err
	}
	p, err := h.service.Profile(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.web.Page(w, r, http.StatusOK, p.Person.Name, func(v *web.View) templ.Component { return profilePage(v, p) })
}

// FormPage is the data of the create and edit forms.
type FormPage struct {
	Person        *Person
	IsNew         bool
	IsSelf        bool
	Action        string
	Organisations []Option
	// HideContacts is set when the editor may edit the person but not see
	// their contact details: the form leaves e-mail and phone out and the
	// stored values are kept.
	HideContacts bool
	// EmailLocked: the e-mail is an account's sign-in address, shown but
	// not editable (its owner changes it on the account page).
	EmailLocked bool
}

// renderForm shows the form for p, with err's field errors (422) when err
// is set; an error without fields is returned.
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, p *Person, rights EditRights, err error) error {
	if err != nil && h.web.FieldErrors(r, err) == nil {
		return err
	}
	orgs, oerr := h.store.OrganisationOptions(r.Context())
	if oerr != nil {
		return oerr
	}
	u := app.UserFrom(r.Context())
	page := &FormPage{Person: p, IsNew: p.ID == 0, IsSelf: u != nil && p.ID != 0 && u.PersonID == p.ID,
		Organisations: orgs, Action: "/people", HideContacts: rights.HideContacts, EmailLocked: rights.EmailLocked}
	if rights.HideContacts {
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
	form := func(v *web.View) templ.Component { return formPage(v, page) }
	if err != nil {
		return h.web.Form(w, r, err, title, form)
	}
	return h.web.Page(w, r, http.StatusOK, title, form)
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

func (h *Handler) showNewForm(w http.ResponseWriter, r *http.Request) error {
	if err := h.service.MayCreate(r.Context(), app.UserFrom(r.Context())); err != nil {
		return err
	}
	p := &Person{Lang: i18n.Default}
	if id, err := strconv.ParseInt(r.URL.Query().Get("organisation"), 10, 64); err == nil && id > 0 {
		p.OrganisationID = id
	}
	return h.renderForm(w, r, p, EditRights{}, nil)
}

func (h *Handler) createPerson(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := formPerson(r)
	if err := h.service.Create(r.Context(), app.UserFrom(r.Context()), p); err != nil {
		return h.renderForm(w, r, p, EditRights{}, err)
	}
	h.web.Flash(r, h.web.T(r, "person.created"))
	web.Redirect(w, r, "/people/"+strconv.FormatInt(p.ID, 10))
	return nil
}

func (h *Handler) showEditForm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	p, rights, err := h.service.ForEdit(ctx, app.UserFrom(ctx), id)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, p, rights, nil)
}

func (h *Handler) updatePerson(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	u := app.UserFrom(ctx)
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p := formPerson(r)
	saved, rights, err := h.service.Update(ctx, u, id, p)
	if err != nil {
		p.ID = id
		return h.renderForm(w, r, p, rights, err)
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
	return nil
}
