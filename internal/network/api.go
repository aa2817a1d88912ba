package network

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

func (h *Handler) apiRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /api/v1/networks", h.web.API(h.apiListNetworks))
	mux.HandleFunc("POST /api/v1/networks", h.web.API(h.apiCreateNetwork))
	mux.HandleFunc("GET /api/v1/networks/{id}", h.web.API(h.apiGetNetwork))
	mux.HandleFunc("PUT /api/v1/networks/{id}", h.web.API(h.apiUpdateNetwork))
	mux.HandleFunc("GET /api/v1/networks/{id}/memberships", h.web.API(h.apiListMemberships))
	mux.HandleFunc("POST /api/v1/networks/{id}/memberships", h.web.API(h.apiCreateMembership))
	mux.HandleFunc("GET /api/v1/memberships/{id}", h.web.API(h.apiGetMembership))
	mux.HandleFunc("PUT /api/v1/memberships/{id}", h.web.API(h.apiUpdateMembership))
}

// JSON is a network in the API.
type JSON struct {
	ID            int64     `json:"id"`
	ProjectID     int64     `json:"project_id"`
	ProjectName   string    `json:"project_name"`
	ProjectNameSv string    `json:"project_name_sv"`
	ProjectNameEn string    `json:"project_name_en"`
	Name          string    `json:"name"`
	NameSv        string    `json:"name_sv"`
	NameEn        string    `json:"name_en"`
	Purpose       string    `json:"purpose"`
	PurposeSv     string    `json:"purpose_sv"`
	PurposeEn     string    `json:"purpose_en"`
	Cadence       string    `json:"cadence"`
	Status        string    `json:"status"`
	Themes        []string  `json:"themes"`
	MemberCount   int       `json:"member_count"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// InputJSON is the body of POST and PUT /api/v1/networks. project_id is
// required on POST and ignored on PUT (a network does not move); the other
// read-only fields of JSON may be sent back and are ignored.
type InputJSON struct {
	ProjectID int64    `json:"project_id"`
	Name      string   `json:"name"`
	NameSv    string   `json:"name_sv"`
	NameEn    string   `json:"name_en"`
	Purpose   string   `json:"purpose"`
	PurposeSv string   `json:"purpose_sv"`
	PurposeEn string   `json:"purpose_en"`
	Cadence   string   `json:"cadence"`
	Status    string   `json:"status"`
	Themes    []string `json:"themes"`

	ID            json.RawMessage `json:"id,omitempty"`
	ProjectName   json.RawMessage `json:"project_name,omitempty"`
	ProjectNameSv json.RawMessage `json:"project_name_sv,omitempty"`
	ProjectNameEn json.RawMessage `json:"project_name_en,omitempty"`
	MemberCount   json.RawMessage `json:"member_count,omitempty"`
	CreatedAt     json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt     json.RawMessage `json:"updated_at,omitempty"`
}

// ToJSON converts a network for the API.
func ToJSON(n *Network) JSON {
	themes := n.ThemeNames()
	return JSON{ID: n.ID, ProjectID: n.ProjectID, ProjectName: n.ProjectName, ProjectNameSv: n.ProjectNameSv, ProjectNameEn: n.ProjectNameEn,
		Name: n.Name, NameSv: n.NameSv, NameEn: n.NameEn, Purpose: n.Purpose, PurposeSv: n.PurposeSv, PurposeEn: n.PurposeEn,
		Cadence: n.Cadence, Status: n.Status, Themes: themes, MemberCount: n.MemberCount, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt}
}

func (in *InputJSON) toInput() (Input, error) {
	out := Input{Name: in.Name, NameSv: in.NameSv, NameEn: in.NameEn, Purpose: in.Purpose, PurposeSv: in.PurposeSv, PurposeEn: in.PurposeEn,
		Cadence: in.Cadence, Status: in.Status, Themes: in.Themes}
	var v app.Validator
	out.Validate(&v)
	return out, v.Err()
}

// MembershipJSON is a membership in the API (no contact details).
type MembershipJSON struct {
	ID               int64     `json:"id"`
	NetworkID        int64     `json:"network_id"`
	PersonID         int64     `json:"person_id"`
	PersonName       string    `json:"person_name"`
	Role             string    `json:"role"`
	OrganisationID   *int64    `json:"organisation_id"`
	OrganisationName string    `json:"organisation_name"`
	Sector           string    `json:"sector"`
	DeputyOfID       *int64    `json:"deputy_of_id"`
	TermStart        *string   `json:"term_start"`
	TermEnd          *string   `json:"term_end"`
	TermEnded        bool      `json:"term_ended"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// MembershipInputJSON is the body of POST and PUT memberships. An absent
// or null organisation_id means the person's own organisation.
type MembershipInputJSON struct {
	PersonID       int64   `json:"person_id"`
	Role           string  `json:"role"`
	OrganisationID *int64  `json:"organisation_id"`
	DeputyOfID     *int64  `json:"deputy_of_id"`
	TermStart      *string `json:"term_start"`
	TermEnd        *string `json:"term_end"`

	ID               json.RawMessage `json:"id,omitempty"`
	NetworkID        json.RawMessage `json:"network_id,omitempty"`
	PersonName       json.RawMessage `json:"person_name,omitempty"`
	OrganisationName json.RawMessage `json:"organisation_name,omitempty"`
	Sector           json.RawMessage `json:"sector,omitempty"`
	TermEnded        json.RawMessage `json:"term_ended,omitempty"`
	CreatedAt        json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt        json.RawMessage `json:"updated_at,omitempty"`
}

func idPtr(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// MembershipToJSON converts a membership for the API.
func MembershipToJSON(m *Membership, today time.Time) MembershipJSON {
	return MembershipJSON{ID: m.ID, NetworkID: m.NetworkID, PersonID: m.PersonID, PersonName: m.PersonName, Role: m.Role,
		OrganisationID: idPtr(m.OrganisationID), OrganisationName: m.OrganisationName, Sector: m.Sector,
		DeputyOfID: idPtr(m.DeputyOfID), TermStart: app.ISODatePtr(m.TermStart), TermEnd: app.ISODatePtr(m.TermEnd),
		TermEnded: m.Ended(today), CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
}

func (in *MembershipInputJSON) toInput() (MembershipInput, error) {
	var v app.Validator
	out := MembershipInput{PersonID: in.PersonID, Role: in.Role}
	if in.OrganisationID != nil {
		out.OrganisationID = *in.OrganisationID
		v.Check(out.OrganisationID > 0, "organisation_id", "network.err.unknown_organisation")
	}
	if in.DeputyOfID != nil {
		out.DeputyOfID = *in.DeputyOfID
		v.Check(out.DeputyOfID > 0, "deputy_of_id", "network.err.deputy_not_member")
	}
	if in.TermStart != nil {
		out.TermStart = web.Date(&v, "term_start", *in.TermStart)
	}
	if in.TermEnd != nil {
		out.TermEnd = web.Date(&v, "term_end", *in.TermEnd)
	}
	if in.PersonID < 0 {
		v.Add("person_id", "err.invalid_choice", nil)
	}
	out.Validate(&v)
	return out, v.Err()
}

func (h *Handler) apiListNetworks(w http.ResponseWriter, r *http.Request) error {
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := ListFilter{Limit: perPage, Offset: (page - 1) * perPage}
	if s := q.Get("project_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return app.FieldInvalid("project_id", "err.invalid_number")
		}
		f.ProjectID = id
	}
	if s := q.Get("status"); s != "" {
		if !slices.Contains(Statuses, s) {
			return app.FieldInvalid("status", "err.invalid_choice")
		}
		f.Status = s
	}
	list, total, err := h.svc.List(r.Context(), f)
	if err != nil {
		return err
	}
	items := make([]JSON, 0, len(list))
	for i := range list {
		j := ToJSON(&list[i])
		j.Themes = nil
		items = append(items, j)
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[JSON]{Items: items, Page: page, PerPage: perPage, Total: total})
	return nil
}

func (h *Handler) apiGetNetwork(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.writeNetwork(w, r, http.StatusOK, id)
}

func (h *Handler) writeNetwork(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	n, err := h.svc.Get(r.Context(), id)
	if err != nil {
		return err
	}
	web.WriteJSON(w, status, ToJSON(n))
	return nil
}

func (h *Handler) apiCreateNetwork(w http.ResponseWriter, r *http.Request) error {
	u := app.UserFrom(r.Context())
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	var body InputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	if body.ProjectID <= 0 {
		return app.FieldInvalid("project_id", "err.required")
	}
	if _, err := h.svc.ProjectForCreate(r.Context(), u, body.ProjectID); err != nil {
		if app.IsCode(err, app.ENOTFOUND) {
			err = app.FieldInvalid("project_id", "err.invalid_choice")
		}
		return err
	}
	in, err := body.toInput()
	if err != nil {
		return err
	}
	id, err := h.svc.Create(r.Context(), u, body.ProjectID, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/networks/"+strconv.FormatInt(id, 10))
	return h.writeNetwork(w, r, http.StatusCreated, id)
}

// apiManaged answers EUNAUTH for the public before anything else, then as
// Service.Managed; it is asked before the body is read.
func (h *Handler) apiManaged(r *http.Request, networkID int64) error {
	u := app.UserFrom(r.Context())
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	_, err := h.svc.Managed(r.Context(), u, networkID)
	return err
}

func (h *Handler) apiUpdateNetwork(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := h.apiManaged(r, id); err != nil {
		return err
	}
	var body InputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in, err := body.toInput()
	if err != nil {
		return err
	}
	if err := h.svc.Update(r.Context(), app.UserFrom(r.Context()), id, in); err != nil {
		return err
	}
	return h.writeNetwork(w, r, http.StatusOK, id)
}

func (h *Handler) apiListMemberships(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	u := app.UserFrom(r.Context())
	if err := h.svc.CanSeeMembers(u); err != nil {
		return err
	}
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	list, total, err := h.svc.Memberships(r.Context(), u, id, perPage, (page-1)*perPage)
	if err != nil {
		return err
	}
	today := h.svc.Today()
	items := make([]MembershipJSON, 0, len(list))
	for i := range list {
		items = append(items, MembershipToJSON(&list[i], today))
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[MembershipJSON]{Items: items, Page: page, PerPage: perPage, Total: total})
	return nil
}

func (h *Handler) writeMembership(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	m, err := h.svc.Membership(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	web.WriteJSON(w, status, MembershipToJSON(m, h.svc.Today()))
	return nil
}

func (h *Handler) apiGetMembership(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.writeMembership(w, r, http.StatusOK, id)
}

func (h *Handler) apiCreateMembership(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := h.apiManaged(r, id); err != nil {
		return err
	}
	var body MembershipInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in, err := body.toInput()
	if err != nil {
		return err
	}
	mid, err := h.svc.AddMember(r.Context(), app.UserFrom(r.Context()), id, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/memberships/"+strconv.FormatInt(mid, 10))
	return h.writeMembership(w, r, http.StatusCreated, mid)
}

func (h *Handler) apiUpdateMembership(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	u := app.UserFrom(r.Context())
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	if _, _, err := h.svc.ManagedMembership(r.Context(), u, id); err != nil {
		return err
	}
	var body MembershipInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in, err := body.toInput()
	if err != nil {
		return err
	}
	if err := h.svc.UpdateMember(r.Context(), u, id, in); err != nil {
		return err
	}
	return h.writeMembership(w, r, http.StatusOK, id)
}
