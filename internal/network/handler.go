package network

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

const (
	listPerPage       = 50
	peoplePickerLimit = 100
)

// Handler serves the network pages and API: both adapters decode the
// request, call the Service and render or encode its answer.
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
	mux.HandleFunc("GET /networks", h.web.HTML(h.listNetworks))
	mux.HandleFunc("GET /projects/{id}/networks/new", h.web.HTML(h.showNewNetwork))
	mux.HandleFunc("POST /projects/{id}/networks", h.web.HTML(h.createNetwork))
	mux.HandleFunc("GET /networks/{id}", h.web.HTML(h.showNetwork))
	mux.HandleFunc("GET /networks/{id}/edit", h.web.HTML(h.showEditNetwork))
	mux.HandleFunc("POST /networks/{id}", h.web.HTML(h.updateNetwork))
	mux.HandleFunc("POST /networks/{id}/archive", h.web.HTML(h.setStatus(StatusArchived)))
	mux.HandleFunc("POST /networks/{id}/unarchive", h.web.HTML(h.setStatus(StatusActive)))
	mux.HandleFunc("GET /networks/{id}/memberships/new", h.web.HTML(h.showNewMembership))
	mux.HandleFunc("POST /networks/{id}/memberships", h.web.HTML(h.createMembership))
	mux.HandleFunc("GET /memberships/{id}/edit", h.web.HTML(h.showEditMembership))
	mux.HandleFunc("POST /memberships/{id}", h.web.HTML(h.updateMembership))
	mux.HandleFunc("POST /memberships/{id}/delete", h.web.HTML(h.deleteMembership))
	h.apiRoutes(mux)
}

func networkURL(id int64) string { return "/networks/" + strconv.FormatInt(id, 10) }

// ListPage is the networks list with its filters.
type ListPage struct {
	Networks  []Network
	Projects  []Option
	ProjectID int64
	Status    string
	Total     int
	Page      int
	PrevURL   string
	NextURL   string
}

func (h *Handler) listNetworks(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page := ListPage{Page: web.PageParam(r)}
	if id, err := strconv.ParseInt(q.Get("project"), 10, 64); err == nil && id > 0 {
		page.ProjectID = id
	}
	if s := q.Get("status"); slices.Contains(Statuses, s) {
		page.Status = s
	}
	var err error
	page.Networks, page.Total, err = h.svc.List(r.Context(), ListFilter{
		ProjectID: page.ProjectID, Status: page.Status, Limit: listPerPage, Offset: (page.Page - 1) * listPerPage})
	if err != nil {
		return err
	}
	if page.Projects, err = h.svc.Projects(r.Context()); err != nil {
		return err
	}
	link := func(p int) string {
		v := url.Values{}
		if page.ProjectID != 0 {
			v.Set("project", strconv.FormatInt(page.ProjectID, 10))
		}
		if page.Status != "" {
			v.Set("status", page.Status)
		}
		v.Set("page", strconv.Itoa(p))
		return "/networks?" + v.Encode()
	}
	if page.Page > 1 {
		page.PrevURL = link(page.Page - 1)
	}
	if page.Page*listPerPage < page.Total {
		page.NextURL = link(page.Page + 1)
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "network.list_title"), func(v *web.View) templ.Component {
		return listPage(v, &page)
	})
}

// ViewPage is a network's page.
type ViewPage struct {
	Network      *Network
	CanManage    bool
	ShowMembers  bool
	ShowContacts bool
	Members      []Membership
	Groups       []GroupView
	Coverage     Coverage
	// Cover is Coverage with every label translated before rendering.
	Cover CoverageView
	Today time.Time
}

// CoverageView is the coverage panel's text, translated in Go: the panel's
// per-entry translation calls (plurals included) were a third of the
// page's template time.
type CoverageView struct {
	SectorsSummary        string
	Sectors               []CoverageRow
	MunicipalitiesSummary string
	Municipalities        []CoverageRow
	Ended                 []string
}

// CoverageRow is one sector or municipality of the panel.
type CoverageRow struct {
	Represented bool
	Label       string
	Count       string // "(3 members)" when represented
}

func (h *Handler) coverageView(r *http.Request, c Coverage) CoverageView {
	l := h.web.L(r)
	var v CoverageView
	if len(c.MissingSectors) > 0 {
		v.SectorsSummary = l.T("network.missing_sectors", "Count", len(c.MissingSectors))
	} else {
		v.SectorsSummary = l.T("network.all_sectors")
	}
	for _, sc := range c.Sectors {
		row := CoverageRow{Represented: sc.Represented(), Label: l.T(SectorKey(sc.Sector))}
		if sc.Represented() {
			row.Count = "(" + l.T("network.member_count", "Count", sc.Members) + ")"
		}
		v.Sectors = append(v.Sectors, row)
	}
	if len(c.MissingMunicipalities) > 0 {
		v.MunicipalitiesSummary = l.T("network.missing_municipalities", "Count", len(c.MissingMunicipalities))
	} else {
		v.MunicipalitiesSummary = l.T("network.all_municipalities")
	}
	for _, mc := range c.Municipalities {
		row := CoverageRow{Represented: mc.Represented(), Label: mc.Name + " (" + mc.Code + ")"}
		if mc.Represented() {
			row.Count = "(" + l.T("network.member_count", "Count", mc.Members) + ")"
		}
		v.Municipalities = append(v.Municipalities, row)
	}
	for _, m := range c.Ended {
		s := m.PersonName
		if m.OrganisationName != "" {
			s += " – " + m.OrganisationName
		}
		v.Ended = append(v.Ended, s+": "+l.T("network.term_ended_on", "Date", web.FormatDate(m.TermEnd)))
	}
	return v
}

// GroupView is one sector's members, with every label translated before
// rendering: per-row template calls were most of the page's CPU.
type GroupView struct {
	Sector  string
	Heading string
	Anchor  string
	Rows    []MemberRow
}

// MemberRow is a member as shown in the members table.
type MemberRow struct {
	*Membership
	RoleLabel   string
	DeputyLabel string
	Term        string
	Ended       bool
	EditLabel   string
}

func (h *Handler) groupViews(r *http.Request, members []Membership, today time.Time) []GroupView {
	l := h.web.L(r)
	groups := GroupBySector(members)
	out := make([]GroupView, len(groups))
	for i, g := range groups {
		gv := GroupView{Sector: g.Sector, Anchor: "sector-none", Heading: l.T("network.sector_none"), Rows: make([]MemberRow, len(g.Members))}
		if g.Sector != "" {
			gv.Anchor, gv.Heading = "sector-"+g.Sector, l.T(SectorKey(g.Sector))
		}
		for j := range g.Members {
			m := &g.Members[j]
			row := MemberRow{Membership: m, RoleLabel: l.T("network.role_" + m.Role), Ended: m.Ended(today),
				EditLabel: l.T("network.edit_member_named", "Name", m.PersonName), Term: "–"}
			if m.DeputyOfID != 0 {
				row.DeputyLabel = l.T("network.deputy_for", "Name", m.DeputyOfName)
			}
			if m.TermStart != nil || m.TermEnd != nil {
				row.Term = web.FormatDate(m.TermStart) + "–" + web.FormatDate(m.TermEnd)
			}
			gv.Rows[j] = row
		}
		out[i] = gv
	}
	return out
}

func (h *Handler) showNetwork(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	d, err := h.svc.Details(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	page := ViewPage{Network: d.Network, CanManage: d.CanManage, ShowMembers: d.ShowMembers, ShowContacts: d.ShowContacts,
		Members: d.Members, Today: h.svc.Today()}
	if d.ShowMembers {
		page.Groups = h.groupViews(r, page.Members, page.Today)
		page.Coverage = ComputeCoverage(page.Members, d.Region, page.Today)
		page.Cover = h.coverageView(r, page.Coverage)
	}
	return h.web.Page(w, r, http.StatusOK, d.Network.NameIn(web.Lang(r.Context())), func(v *web.View) templ.Component { return viewPage(v, &page) })
}

// FormPage is the network create / edit form.
type FormPage struct {
	IsNew       bool
	ID          int64
	ProjectID   int64
	ProjectName i18n.Text
	Name        string
	NameSv      string
	NameEn      string
	Purpose     string
	PurposeSv   string
	PurposeEn   string
	Cadence     string
	Status      string
	Themes      string
}

func (h *Handler) formTitle(r *http.Request, f *FormPage) string {
	if f.IsNew {
		return h.web.T(r, "network.new_title")
	}
	return h.web.T(r, "network.edit_title")
}

// renderForm shows the form, or, with err, shows it again with err's
// field errors (any other error goes to the error page).
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, f *FormPage, err error) error {
	page := func(v *web.View) templ.Component { return formPage(v, f) }
	if err != nil {
		return h.web.Form(w, r, err, h.formTitle(r, f), page)
	}
	return h.web.Page(w, r, http.StatusOK, h.formTitle(r, f), page)
}

// projectForCreate reads the project id of the path and returns it with
// the project's name when the user may create networks in it.
func (h *Handler) projectForCreate(r *http.Request) (int64, i18n.Text, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return 0, i18n.Text{}, err
	}
	name, err := h.svc.ProjectForCreate(r.Context(), app.UserFrom(r.Context()), id)
	return id, name, err
}

func (h *Handler) showNewNetwork(w http.ResponseWriter, r *http.Request) error {
	pid, pname, err := h.projectForCreate(r)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, &FormPage{IsNew: true, ProjectID: pid, ProjectName: pname, Cadence: CadenceMonthly, Status: StatusActive}, nil)
}

func readNetworkForm(r *http.Request, f *FormPage) (Input, error) {
	f.Name = web.Field(r, "name")
	f.NameSv = web.Field(r, "name_sv")
	f.NameEn = web.Field(r, "name_en")
	f.Purpose = web.Field(r, "purpose")
	f.PurposeSv = web.Field(r, "purpose_sv")
	f.PurposeEn = web.Field(r, "purpose_en")
	f.Cadence = web.Field(r, "cadence")
	f.Themes = r.PostFormValue("themes")
	if !f.IsNew {
		f.Status = web.Field(r, "status")
	}
	in := Input{Name: f.Name, NameSv: f.NameSv, NameEn: f.NameEn, Purpose: f.Purpose, PurposeSv: f.PurposeSv, PurposeEn: f.PurposeEn,
		Cadence: f.Cadence, Status: f.Status, Themes: ParseThemes(f.Themes)}
	if in.Cadence == "" {
		// A radio group sends nothing when nothing is chosen.
		in.Cadence = "-"
	}
	var v app.Validator
	in.Validate(&v)
	return in, v.Err()
}

func (h *Handler) createNetwork(w http.ResponseWriter, r *http.Request) error {
	pid, pname, err := h.projectForCreate(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f := &FormPage{IsNew: true, ProjectID: pid, ProjectName: pname, Status: StatusActive}
	in, err := readNetworkForm(r, f)
	var id int64
	if err == nil {
		id, err = h.svc.Create(r.Context(), app.UserFrom(r.Context()), pid, in)
	}
	if err != nil {
		return h.renderForm(w, r, f, err)
	}
	h.web.Flash(r, h.web.T(r, "network.created"))
	web.Redirect(w, r, networkURL(id))
	return nil
}

// managed reads the network id of the path and returns the network when
// the user manages it.
func (h *Handler) managed(r *http.Request) (*Ref, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.svc.Managed(r.Context(), app.UserFrom(r.Context()), id)
}

func (h *Handler) showEditNetwork(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	n, err := h.svc.ManagedNetwork(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, &FormPage{ID: n.ID, ProjectID: n.ProjectID, ProjectName: n.ProjectText(),
		Name: n.Name, NameSv: n.NameSv, NameEn: n.NameEn, Purpose: n.Purpose, PurposeSv: n.PurposeSv, PurposeEn: n.PurposeEn,
		Cadence: n.Cadence, Status: n.Status, Themes: n.ThemeLines()}, nil)
}

func (h *Handler) updateNetwork(w http.ResponseWriter, r *http.Request) error {
	n, err := h.managed(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f := &FormPage{ID: n.ID, ProjectID: n.ProjectID, ProjectName: n.ProjectText()}
	in, err := readNetworkForm(r, f)
	if err == nil {
		err = h.svc.Update(r.Context(), app.UserFrom(r.Context()), n.ID, in)
	}
	if err != nil {
		return h.renderForm(w, r, f, err)
	}
	h.web.Flash(r, h.web.T(r, "network.saved"))
	web.Redirect(w, r, networkURL(n.ID))
	return nil
}

func (h *Handler) setStatus(status string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := web.ID(r, "id")
		if err != nil {
			return err
		}
		if err := h.svc.SetStatus(r.Context(), app.UserFrom(r.Context()), id, status); err != nil {
			return err
		}
		msg := "network.archived_flash"
		if status == StatusActive {
			msg = "network.unarchived_flash"
		}
		h.web.Flash(r, h.web.T(r, msg))
		web.Redirect(w, r, networkURL(id))
		return nil
	}
}

// MemberFormPage is the form to add or edit a membership.
type MemberFormPage struct {
	IsNew          bool
	ID             int64
	Network        *Ref
	Query          string
	People         []Option
	PersonID       int64
	PersonName     string
	Role           string
	OrganisationID int64
	Organisations  []Option
	DeputyOfID     int64
	Deputies       []Membership
	TermStart      string
	TermEnd        string
}

// renderMemberForm loads the form's choices and shows it, or, with err,
// shows it again with err's field errors.
func (h *Handler) renderMemberForm(w http.ResponseWriter, r *http.Request, f *MemberFormPage, err error) error {
	q := MemberQuery{MembershipID: f.ID, PersonID: f.PersonID}
	if f.IsNew {
		var qerr error
		if f.Query, qerr = web.SearchText("q", f.Query); qerr != nil {
			// Too long to search for: say so next to the search field.
			if err == nil {
				err = qerr
			}
		} else {
			q.FindPeople, q.Search = true, f.Query
		}
	}
	c, lerr := h.svc.MemberChoices(r.Context(), app.UserFrom(r.Context()), f.Network.ID, q)
	if lerr != nil {
		return lerr
	}
	f.People, f.Organisations, f.Deputies = c.People, c.Organisations, c.Deputies
	title := h.web.T(r, "network.add_member")
	if !f.IsNew {
		title = h.web.T(r, "network.edit_member")
	}
	page := func(v *web.View) templ.Component { return memberFormPage(v, f) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showNewMembership(w http.ResponseWriter, r *http.Request) error {
	n, err := h.managed(r)
	if err != nil {
		return err
	}
	return h.renderMemberForm(w, r, &MemberFormPage{IsNew: true, Network: n, Role: RoleMember,
		Query: strings.TrimSpace(r.URL.Query().Get("q"))}, nil)
}

func readMemberForm(r *http.Request, f *MemberFormPage) (MembershipInput, error) {
	var v app.Validator
	if f.IsNew {
		f.PersonID = web.OptionalID(&v, "person_id", r.PostFormValue("person_id"))
	}
	f.Role = web.Field(r, "role")
	f.OrganisationID = web.OptionalID(&v, "organisation_id", r.PostFormValue("organisation_id"))
	f.DeputyOfID = web.OptionalID(&v, "deputy_of_id", r.PostFormValue("deputy_of_id"))
	f.TermStart = web.Field(r, "term_start")
	f.TermEnd = web.Field(r, "term_end")
	in := MembershipInput{
		PersonID:       f.PersonID,
		Role:           f.Role,
		OrganisationID: f.OrganisationID,
		DeputyOfID:     f.DeputyOfID,
		TermStart:      web.Date(&v, "term_start", f.TermStart),
		TermEnd:        web.Date(&v, "term_end", f.TermEnd),
	}
	if in.Role == "" {
		in.Role = "-"
	}
	in.Validate(&v)
	return in, v.Err()
}

func (h *Handler) createMembership(w http.ResponseWriter, r *http.Request) error {
	n, err := h.managed(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f := &MemberFormPage{IsNew: true, Network: n, Query: web.Field(r, "q")}
	in, err := readMemberForm(r, f)
	if err == nil {
		_, err = h.svc.AddMember(r.Context(), app.UserFrom(r.Context()), n.ID, in)
	}
	if err != nil {
		return h.renderMemberForm(w, r, f, err)
	}
	h.web.Flash(r, h.web.T(r, "network.member_added"))
	web.Redirect(w, r, networkURL(n.ID)+"#members")
	return nil
}

// managedMembership reads the membership id of the path and returns the
// membership and its network when the user manages the network.
func (h *Handler) managedMembership(r *http.Request) (*Membership, *Ref, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	return h.svc.ManagedMembership(r.Context(), app.UserFrom(r.Context()), id)
}

func (h *Handler) showEditMembership(w http.ResponseWriter, r *http.Request) error {
	m, n, err := h.managedMembership(r)
	if err != nil {
		return err
	}
	return h.renderMemberForm(w, r, &MemberFormPage{ID: m.ID, Network: n, PersonID: m.PersonID, PersonName: m.PersonName,
		Role: m.Role, OrganisationID: m.OrganisationID, DeputyOfID: m.DeputyOfID,
		TermStart: app.ISODate(m.TermStart), TermEnd: app.ISODate(m.TermEnd)}, nil)
}

func (h *Handler) updateMembership(w http.ResponseWriter, r *http.Request) error {
	m, n, err := h.managedMembership(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f := &MemberFormPage{ID: m.ID, Network: n, PersonID: m.PersonID, PersonName: m.PersonName}
	in, err := readMemberForm(r, f)
	if err == nil {
		err = h.svc.UpdateMember(r.Context(), app.UserFrom(r.Context()), m.ID, in)
	}
	if err != nil {
		return h.renderMemberForm(w, r, f, err)
	}
	h.web.Flash(r, h.web.T(r, "network.member_saved"))
	web.Redirect(w, r, networkURL(n.ID)+"#members")
	return nil
}

func (h *Handler) deleteMembership(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	m, err := h.svc.RemoveMember(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "network.member_removed", "Name", m.PersonName))
	web.Redirect(w, r, networkURL(m.NetworkID)+"#members")
	return nil
}
