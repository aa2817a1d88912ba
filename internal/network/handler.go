package network

import (
	"database/sql"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

const (
	listPerPage       = 50
	peoplePickerLimit = 100
)

// Handler serves the network pages and API.
type Handler struct {
	web     *web.Kit
	db      *db.DB
	store   *Store
	policy  *auth.Policy
	rosters *RosterCache
}

// rosterCacheSize bounds the cached rosters (about 15 KB each for 50
// members).
const rosterCacheSize = 256

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d, store: NewStore(d), policy: auth.NewPolicy(d, kit.Clock), rosters: NewRosterCache(rosterCacheSize)}
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /networks", h.listNetworks)
	mux.HandleFunc("GET /projects/{id}/networks/new", h.showNewNetwork)
	mux.HandleFunc("POST /projects/{id}/networks", h.createNetwork)
	mux.HandleFunc("GET /networks/{id}", h.showNetwork)
	mux.HandleFunc("GET /networks/{id}/edit", h.showEditNetwork)
	mux.HandleFunc("POST /networks/{id}", h.updateNetwork)
	mux.HandleFunc("POST /networks/{id}/archive", h.setStatus(StatusArchived))
	mux.HandleFunc("POST /networks/{id}/unarchive", h.setStatus(StatusActive))
	mux.HandleFunc("GET /networks/{id}/memberships/new", h.showNewMembership)
	mux.HandleFunc("POST /networks/{id}/memberships", h.createMembership)
	mux.HandleFunc("GET /memberships/{id}/edit", h.showEditMembership)
	mux.HandleFunc("POST /memberships/{id}", h.updateMembership)
	mux.HandleFunc("POST /memberships/{id}/delete", h.deleteMembership)
	h.apiRoutes(mux)
}

func networkURL(id int64) string { return "/networks/" + strconv.FormatInt(id, 10) }

// ListPage is the networks list with its filters.
type ListPage struct {
	Networks  []Network
	Projects  []Option
	ProjectID int64
	Status    string
	Statuses  []string
	Total     int
	Page      int
	PrevURL   string
	NextURL   string
}

func (h *Handler) listNetworks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := ListPage{Statuses: Statuses, Page: web.PageParam(r)}
	if id, err := strconv.ParseInt(q.Get("project"), 10, 64); err == nil && id > 0 {
		page.ProjectID = id
	}
	if s := q.Get("status"); oneOf(s, Statuses) {
		page.Status = s
	}
	var err error
	page.Networks, page.Total, err = h.store.List(r.Context(), ListFilter{
		ProjectID: page.ProjectID, Status: page.Status, Limit: listPerPage, Offset: (page.Page - 1) * listPerPage})
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if page.Projects, err = h.store.Projects(r.Context()); err != nil {
		h.web.Error(w, r, err)
		return
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
	h.web.Render(w, r, http.StatusOK, "network/list", h.web.T(r, "network.list_title"), page)
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
		row := CoverageRow{Represented: sc.Represented(), Label: l.T("network.sector_" + sc.Sector)}
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
			gv.Anchor, gv.Heading = "sector-"+g.Sector, l.T("network.sector_"+g.Sector)
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

func (h *Handler) showNetwork(w http.ResponseWriter, r *http.Request) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	ctx := r.Context()
	n, err := h.store.Get(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	u := app.UserFrom(ctx)
	page := ViewPage{Network: n, Today: Day(h.web.Clock.Now())}
	if h.policy.CanSeePeople(u) == nil {
		page.ShowMembers = true
		if err := h.policy.CanManageNetwork(ctx, u, id); err == nil {
			page.CanManage = true
		} else if app.IsCode(err, app.EINTERNAL) {
			h.web.Error(w, r, err)
			return
		}
		if page.ShowContacts, err = h.policy.SharesProject(ctx, u, n.ProjectID); err != nil {
			h.web.Error(w, r, err)
			return
		}
		if page.Members, err = h.rosters.Roster(ctx, h.store, id); err != nil {
			h.web.Error(w, r, err)
			return
		}
		region, err := h.store.ProjectMunicipalities(ctx, n.ProjectID)
		if err != nil {
			h.web.Error(w, r, err)
			return
		}
		page.Groups = h.groupViews(r, page.Members, page.Today)
		page.Coverage = ComputeCoverage(page.Members, region, page.Today)
		page.Cover = h.coverageView(r, page.Coverage)
	}
	v := h.web.View(r, n.Name, page)
	h.web.RenderComponent(w, r, http.StatusOK, v, viewPage(v, &page))
}

// FormPage is the network create / edit form.
type FormPage struct {
	IsNew       bool
	ID          int64
	ProjectID   int64
	ProjectName string
	Name        string
	Purpose     string
	Cadence     string
	Status      string
	Themes      string
	Cadences    []string
	Statuses    []string
}

func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, f *FormPage, err error) {
	f.Cadences, f.Statuses = Cadences, Statuses
	title := h.web.T(r, "network.new_title")
	if !f.IsNew {
		title = h.web.T(r, "network.edit_title")
	}
	if err != nil {
		h.web.FormError(w, r, "network/form", title, f, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "network/form", title, f)
}

// projectForCreate loads the project named by the path and checks the user
// may create networks in it.
func (h *Handler) projectForCreate(w http.ResponseWriter, r *http.Request) (int64, string, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return 0, "", false
	}
	name, err := h.store.ProjectName(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return 0, "", false
	}
	if err := h.policy.CanCreateNetwork(r.Context(), app.UserFrom(r.Context()), id); err != nil {
		h.web.Error(w, r, err)
		return 0, "", false
	}
	return id, name, true
}

func (h *Handler) showNewNetwork(w http.ResponseWriter, r *http.Request) {
	pid, pname, ok := h.projectForCreate(w, r)
	if !ok {
		return
	}
	h.renderForm(w, r, &FormPage{IsNew: true, ProjectID: pid, ProjectName: pname, Cadence: CadenceMonthly, Status: StatusActive}, nil)
}

func readNetworkForm(r *http.Request, f *FormPage) (Input, error) {
	f.Name = web.Field(r, "name")
	f.Purpose = web.Field(r, "purpose")
	f.Cadence = web.Field(r, "cadence")
	f.Themes = r.PostFormValue("themes")
	if !f.IsNew {
		f.Status = web.Field(r, "status")
	}
	in := Input{Name: f.Name, Purpose: f.Purpose, Cadence: f.Cadence, Status: f.Status, Themes: ParseThemes(f.Themes)}
	if in.Cadence == "" {
		// A radio group sends nothing when nothing is chosen.
		in.Cadence = "-"
	}
	var v app.Validator
	in.Validate(&v)
	return in, v.Err()
}

func (h *Handler) createNetwork(w http.ResponseWriter, r *http.Request) {
	pid, pname, ok := h.projectForCreate(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f := &FormPage{IsNew: true, ProjectID: pid, ProjectName: pname, Status: StatusActive}
	in, err := readNetworkForm(r, f)
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	var id int64
	err = h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		var err error
		id, err = NewStore(tx).Create(r.Context(), pid, in, h.web.Clock.Now())
		return err
	})
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "network.created"))
	web.Redirect(w, r, networkURL(id))
}

// loadManaged loads the network named by the path and checks the user may
// manage it.
func (h *Handler) loadManaged(w http.ResponseWriter, r *http.Request) (*Network, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	n, err := h.store.Get(r.Context(), id)
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

func (h *Handler) showEditNetwork(w http.ResponseWriter, r *http.Request) {
	n, ok := h.loadManaged(w, r)
	if !ok {
		return
	}
	h.renderForm(w, r, &FormPage{ID: n.ID, ProjectID: n.ProjectID, ProjectName: n.ProjectName, Name: n.Name, Purpose: n.Purpose,
		Cadence: n.Cadence, Status: n.Status, Themes: n.ThemeLines()}, nil)
}

func (h *Handler) updateNetwork(w http.ResponseWriter, r *http.Request) {
	n, ok := h.loadManaged(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f := &FormPage{ID: n.ID, ProjectID: n.ProjectID, ProjectName: n.ProjectName}
	in, err := readNetworkForm(r, f)
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	err = h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		return NewStore(tx).Update(r.Context(), n.ID, in, h.web.Clock.Now())
	})
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "network.saved"))
	web.Redirect(w, r, networkURL(n.ID))
}

func (h *Handler) setStatus(status string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, ok := h.loadManaged(w, r)
		if !ok {
			return
		}
		if err := h.store.SetStatus(r.Context(), n.ID, status, h.web.Clock.Now()); err != nil {
			h.web.Error(w, r, err)
			return
		}
		msg := "network.archived_flash"
		if status == StatusActive {
			msg = "network.unarchived_flash"
		}
		h.web.Flash(r, h.web.T(r, msg))
		web.Redirect(w, r, networkURL(n.ID))
	}
}

// MemberFormPage is the form to add or edit a membership.
type MemberFormPage struct {
	IsNew          bool
	ID             int64
	Network        *Network
	Query          string
	People         []Option
	PersonID       int64
	PersonName     string
	Role           string
	Roles          []string
	OrganisationID int64
	Organisations  []Option
	DeputyOfID     int64
	Deputies       []Membership
	TermStart      string
	TermEnd        string
}

func (h *Handler) renderMemberForm(w http.ResponseWriter, r *http.Request, f *MemberFormPage, err error) {
	ctx := r.Context()
	f.Roles = Roles
	var lerr error
	if f.IsNew {
		var qerr error
		if f.Query, qerr = web.SearchText("q", f.Query); qerr != nil {
			// Too long to search for: say so next to the search field.
			if err == nil {
				err = qerr
			}
		} else {
			f.People, lerr = h.store.SearchPeople(ctx, f.Network.ID, f.Query, peoplePickerLimit)
		}
	}
	if lerr == nil {
		f.Organisations, lerr = h.store.Organisations(ctx)
	}
	if lerr == nil {
		var all []Membership
		all, lerr = h.store.Memberships(ctx, f.Network.ID)
		for _, m := range all {
			if m.ID != f.ID && (f.IsNew || m.PersonID != f.PersonID) {
				f.Deputies = append(f.Deputies, m)
			}
		}
	}
	if lerr != nil {
		h.web.Error(w, r, lerr)
		return
	}
	title := h.web.T(r, "network.add_member")
	if !f.IsNew {
		title = h.web.T(r, "network.edit_member")
	}
	if err != nil {
		h.web.FormError(w, r, "network/member_form", title, f, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "network/member_form", title, f)
}

func (h *Handler) showNewMembership(w http.ResponseWriter, r *http.Request) {
	n, ok := h.loadManaged(w, r)
	if !ok {
		return
	}
	h.renderMemberForm(w, r, &MemberFormPage{IsNew: true, Network: n, Role: RoleMember,
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

func (h *Handler) createMembership(w http.ResponseWriter, r *http.Request) {
	n, ok := h.loadManaged(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f := &MemberFormPage{IsNew: true, Network: n, Query: web.Field(r, "q")}
	in, err := readMemberForm(r, f)
	if err == nil {
		_, err = h.store.CreateMembership(r.Context(), n.ID, in, h.web.Clock.Now())
	}
	if err != nil {
		h.renderMemberForm(w, r, f, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "network.member_added"))
	web.Redirect(w, r, networkURL(n.ID)+"#members")
}

// loadMembership loads the membership named by the path, its network, and
// checks the user may manage the network.
func (h *Handler) loadMembership(w http.ResponseWriter, r *http.Request) (*Membership, *Network, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, false
	}
	m, err := h.store.Membership(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, false
	}
	n, err := h.store.Get(r.Context(), m.NetworkID)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, nil, false
	}
	if err := h.policy.CanManageNetwork(r.Context(), app.UserFrom(r.Context()), n.ID); err != nil {
		h.web.Error(w, r, err)
		return nil, nil, false
	}
	return m, n, true
}

func isoDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

func (h *Handler) showEditMembership(w http.ResponseWriter, r *http.Request) {
	m, n, ok := h.loadMembership(w, r)
	if !ok {
		return
	}
	h.renderMemberForm(w, r, &MemberFormPage{ID: m.ID, Network: n, PersonID: m.PersonID, PersonName: m.PersonName,
		Role: m.Role, OrganisationID: m.OrganisationID, DeputyOfID: m.DeputyOfID,
		TermStart: isoDate(m.TermStart), TermEnd: isoDate(m.TermEnd)}, nil)
}

func (h *Handler) updateMembership(w http.ResponseWriter, r *http.Request) {
	m, n, ok := h.loadMembership(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	f := &MemberFormPage{ID: m.ID, Network: n, PersonID: m.PersonID, PersonName: m.PersonName}
	in, err := readMemberForm(r, f)
	if err == nil {
		err = h.store.UpdateMembership(r.Context(), m.ID, in, h.web.Clock.Now())
	}
	if err != nil {
		h.renderMemberForm(w, r, f, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "network.member_saved"))
	web.Redirect(w, r, networkURL(n.ID)+"#members")
}

func (h *Handler) deleteMembership(w http.ResponseWriter, r *http.Request) {
	m, n, ok := h.loadMembership(w, r)
	if !ok {
		return
	}
	err := h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		return NewStore(tx).DeleteMembership(r.Context(), m.ID)
	})
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "network.member_removed", "Name", m.PersonName))
	web.Redirect(w, r, networkURL(n.ID)+"#members")
}
