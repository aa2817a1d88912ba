package org

import (
	"net/http"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// JSON is an organisation in the API.
type JSON struct {
	ID               int64     `json:"id"`
	Name             string    `json:"name"`
	Sector           string    `json:"sector"`
	MunicipalityCode string    `json:"municipality_code"`
	MunicipalityName string    `json:"municipality_name"`
	Website          string    `json:"website"`
	Email            string    `json:"email"`
	Phone            string    `json:"phone"`
	Description      string    `json:"description"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// Input is the body of POST and PUT (a full replacement).
type Input struct {
	Name             string `json:"name"`
	Sector           string `json:"sector"`
	MunicipalityCode string `json:"municipality_code"`
	Website          string `json:"website"`
	Email            string `json:"email"`
	Phone            string `json:"phone"`
	Description      string `json:"description"`
}

// ToJSON returns the API form of o.
func ToJSON(o *Organisation) JSON {
	return JSON{
		ID: o.ID, Name: o.Name, Sector: o.Sector, MunicipalityCode: o.MunicipalityCode,
		MunicipalityName: o.MunicipalityName, Website: o.Website, Email: o.Email, Phone: o.Phone,
		Description: o.Description, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
}

func (in Input) organisation() *Organisation {
	return &Organisation{Name: in.Name, Sector: in.Sector, MunicipalityCode: in.MunicipalityCode,
		Website: in.Website, Email: in.Email, Phone: in.Phone, Description: in.Description}
}

func (h *Handler) apiRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /api/v1/organisations", h.web.API(h.apiList))
	mux.HandleFunc("GET /api/v1/organisations/{id}", h.web.API(h.apiGet))
	mux.HandleFunc("POST /api/v1/organisations", h.web.API(h.apiCreate))
	mux.HandleFunc("PUT /api/v1/organisations/{id}", h.web.API(h.apiUpdate))
}

// apiList lists organisations: ?page, ?per_page, ?sector, ?municipality,
// ?q. Unlike the page, a bad filter is an error, so scripts notice it.
func (h *Handler) apiList(w http.ResponseWriter, r *http.Request) error {
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := Filter{Query: q.Get("q"), Sector: q.Get("sector"), Municipality: q.Get("municipality"), Page: page, PerPage: perPage}
	var v app.Validator
	v.Check(f.Sector == "" || ValidSector(f.Sector), "sector", "err.invalid_choice")
	v.Check(f.Municipality == "" || ValidMunicipalityCode(f.Municipality), "municipality", "err.invalid_municipality")
	v.MaxLen("q", f.Query, MaxName)
	if err := v.Err(); err != nil {
		return err
	}
	items, total, err := h.service.List(r.Context(), f)
	if err != nil {
		return err
	}
	out := web.ListResponse[JSON]{Items: make([]JSON, 0, len(items)), Page: page, PerPage: perPage, Total: total}
	for i := range items {
		out.Items = append(out.Items, ToJSON(&items[i]))
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) apiGet(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return app.NotFound("organisation")
	}
	o, err := h.store.Get(r.Context(), id)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, ToJSON(o))
	return nil
}

func (h *Handler) apiCreate(w http.ResponseWriter, r *http.Request) error {
	var in Input
	if err := web.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	o := in.organisation()
	if err := h.service.Create(r.Context(), app.UserFrom(r.Context()), o); err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusCreated, ToJSON(o))
	return nil
}

func (h *Handler) apiUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return app.NotFound("organisation")
	}
	var in Input
	if err := web.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	o := in.organisation()
	if err := h.service.Update(r.Context(), app.UserFrom(r.Context()), id, o); err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, ToJSON(o))
	return nil
}
