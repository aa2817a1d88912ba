package project

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

func (h *Handler) apiRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /api/v1/projects", h.web.API(h.apiListProjects))
	mux.HandleFunc("POST /api/v1/projects", h.web.API(h.apiCreateProject))
	mux.HandleFunc("GET /api/v1/projects/{id}", h.web.API(h.apiGetProject))
	mux.HandleFunc("PUT /api/v1/projects/{id}", h.web.API(h.apiUpdateProject))
}

// JSON is a project in the API. Goals, municipalities and staff are left
// out of list items.
type JSON struct {
	ID             int64       `json:"id"`
	Name           string      `json:"name"`
	NameSv         string      `json:"name_sv"`
	NameEn         string      `json:"name_en"`
	Funder         string      `json:"funder"`
	StartsOn       *string     `json:"starts_on"`
	EndsOn         *string     `json:"ends_on"`
	Description    string      `json:"description"`
	DescriptionSv  string      `json:"description_sv"`
	DescriptionEn  string      `json:"description_en"`
	Archived       bool        `json:"archived"`
	Goals          []GoalJSON  `json:"goals,omitempty"`
	Municipalities []string    `json:"municipalities,omitempty"`
	Staff          []StaffJSON `json:"staff,omitempty"`
	CreatedAt      time.Time   `json:"created_at"`
	UpdatedAt      time.Time   `json:"updated_at"`
}

// GoalJSON is a plan goal in the API.
type GoalJSON struct {
	ID          int64  `json:"id,omitempty"`
	Position    int    `json:"position,omitempty"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// StaffJSON is a staff member in the API (no contact details).
type StaffJSON struct {
	PersonID int64  `json:"person_id"`
	Name     string `json:"name"`
	Role     string `json:"role"`
}

// InputJSON is the body of POST and PUT. Read-only fields of JSON may be
// sent back unchanged and are ignored.
type InputJSON struct {
	Name           string     `json:"name"`
	NameSv         string     `json:"name_sv"`
	NameEn         string     `json:"name_en"`
	Funder         string     `json:"funder"`
	StartsOn       *string    `json:"starts_on"`
	EndsOn         *string    `json:"ends_on"`
	Description    string     `json:"description"`
	DescriptionSv  string     `json:"description_sv"`
	DescriptionEn  string     `json:"description_en"`
	Archived       *bool      `json:"archived"`
	Goals          []GoalJSON `json:"goals"`
	Municipalities []string   `json:"municipalities"`

	ID        json.RawMessage `json:"id,omitempty"`
	Staff     json.RawMessage `json:"staff,omitempty"`
	CreatedAt json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt json.RawMessage `json:"updated_at,omitempty"`
}

// ToJSON converts a project for the API.
func ToJSON(p *Project) JSON {
	out := JSON{ID: p.ID, Name: p.Name, NameSv: p.NameSv, NameEn: p.NameEn, Funder: p.Funder,
		StartsOn: app.ISODatePtr(p.StartsOn), EndsOn: app.ISODatePtr(p.EndsOn),
		Description: p.Description, DescriptionSv: p.DescriptionSv, DescriptionEn: p.DescriptionEn,
		Archived: p.Archived, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	for _, g := range p.Goals {
		out.Goals = append(out.Goals, GoalJSON(g))
	}
	out.Municipalities = p.MunicipalityCodes()
	for _, s := range p.Staff {
		out.Staff = append(out.Staff, StaffJSON{PersonID: s.PersonID, Name: s.Name, Role: s.Role})
	}
	return out
}

func (in *InputJSON) toInput() (Input, error) {
	var v app.Validator
	out := Input{Name: in.Name, NameSv: in.NameSv, NameEn: in.NameEn, Funder: in.Funder,
		Description: in.Description, DescriptionSv: in.DescriptionSv, DescriptionEn: in.DescriptionEn,
		Municipalities: in.Municipalities}
	if in.StartsOn != nil {
		out.StartsOn = web.Date(&v, "starts_on", *in.StartsOn)
	}
	if in.EndsOn != nil {
		out.EndsOn = web.Date(&v, "ends_on", *in.EndsOn)
	}
	for _, g := range in.Goals {
		out.Goals = append(out.Goals, GoalInput{Title: g.Title, Description: g.Description})
	}
	out.Validate(&v)
	return out, v.Err()
}

func (h *Handler) apiListProjects(w http.ResponseWriter, r *http.Request) error {
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	f := ListFilter{Limit: perPage, Offset: (page - 1) * perPage}
	switch r.URL.Query().Get("archived") {
	case "":
	case "true":
		f.Archived = new(true)
	case "false":
		f.Archived = new(false)
	default:
		return app.FieldInvalid("archived", "err.invalid_choice")
	}
	list, total, err := h.svc.List(r.Context(), f)
	if err != nil {
		return err
	}
	items := make([]JSON, 0, len(list))
	for i := range list {
		j := ToJSON(&list[i])
		j.Municipalities = nil
		items = append(items, j)
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[JSON]{Items: items, Page: page, PerPage: perPage, Total: total})
	return nil
}

func (h *Handler) apiGetProject(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.writeProject(w, r, http.StatusOK, id)
}

func (h *Handler) writeProject(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	p, err := h.svc.Project(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	web.WriteJSON(w, status, ToJSON(p))
	return nil
}

func (h *Handler) apiCreateProject(w http.ResponseWriter, r *http.Request) error {
	u := app.UserFrom(r.Context())
	if err := h.svc.CanCreate(u); err != nil {
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
	id, err := h.svc.Create(r.Context(), u, in, body.Archived != nil && *body.Archived)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/projects/"+strconv.FormatInt(id, 10))
	return h.writeProject(w, r, http.StatusCreated, id)
}

func (h *Handler) apiUpdateProject(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	u := app.UserFrom(r.Context())
	// The public is told to sign in before anything else; the right is
	// asked before the body is read.
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	if _, err := h.svc.Managed(r.Context(), u, id); err != nil {
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
	if err := h.svc.Update(r.Context(), u, id, in, body.Archived); err != nil {
		return err
	}
	return h.writeProject(w, r, http.StatusOK, id)
}
