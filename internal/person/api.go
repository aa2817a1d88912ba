package person

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// JSON is a person in the API. Email and Phone are present only when the
// caller may see the person's contact details.
type JSON struct {
	ID               int64     `json:"id"`
	Name             string    `json:"name"`
	Title            string    `json:"title"`
	OrganisationID   *int64    `json:"organisation_id"`
	OrganisationName string    `json:"organisation_name"`
	Email            *string   `json:"email,omitempty"`
	Phone            *string   `json:"phone,omitempty"`
	Lang             string    `json:"lang"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// Input is the body of POST and PUT (a full replacement). A null or absent
// organisation_id means no organisation.
type Input struct {
	Name           string `json:"name"`
	Title          string `json:"title"`
	OrganisationID *int64 `json:"organisation_id"`
	Email          string `json:"email"`
	Phone          string `json:"phone"`
	Lang           string `json:"lang"`
}

// ToJSON returns the API form of p, with contact details when contacts is
// true.
func ToJSON(p *Person, contacts bool) JSON {
	j := JSON{ID: p.ID, Name: p.Name, Title: p.Title, OrganisationName: p.OrganisationName,
		Lang: p.Lang, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if p.OrganisationID != 0 {
		id := p.OrganisationID
		j.OrganisationID = &id
	}
	if contacts {
		email, phone := p.Email, p.Phone
		j.Email, j.Phone = &email, &phone
	}
	return j
}

func (in Input) person() *Person {
	p := &Person{Name: in.Name, Title: in.Title, Email: in.Email, Phone: in.Phone, Lang: in.Lang}
	if in.OrganisationID != nil {
		p.OrganisationID = *in.OrganisationID
	}
	return p
}

func (h *Handler) apiRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /api/v1/people", h.web.API(h.apiList))
	mux.HandleFunc("GET /api/v1/people/{id}", h.web.API(h.apiGet))
	mux.HandleFunc("POST /api/v1/people", h.web.API(h.apiCreate))
	mux.HandleFunc("PUT /api/v1/people/{id}", h.web.API(h.apiUpdate))
}

func (h *Handler) toJSON(ctx context.Context, p *Person) (JSON, error) {
	ok, err := h.policy.CanSeeContacts(ctx, app.UserFrom(ctx), p.ID)
	if err != nil {
		return JSON{}, err
	}
	return ToJSON(p, ok), nil
}

// apiList lists people: ?page, ?per_page, ?q (name), ?organisation_id.
func (h *Handler) apiList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := h.service.MaySeePeople(app.UserFrom(ctx)); err != nil {
		return err
	}
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := Filter{Query: q.Get("q"), Page: page, PerPage: perPage}
	var v app.Validator
	v.MaxLen("q", f.Query, MaxName)
	if s := q.Get("organisation_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		v.Check(err == nil && id > 0, "organisation_id", "err.invalid_number")
		f.OrganisationID = id
	}
	if err := v.Err(); err != nil {
		return err
	}
	items, total, err := h.service.List(ctx, f)
	if err != nil {
		return err
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	seen, err := h.policy.ContactsVisible(ctx, app.UserFrom(ctx), ids)
	if err != nil {
		return err
	}
	out := web.ListResponse[JSON]{Items: make([]JSON, 0, len(items)), Page: page, PerPage: perPage, Total: total}
	for i := range items {
		out.Items = append(out.Items, ToJSON(&items[i], seen[items[i].ID]))
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) apiGet(w http.ResponseWriter, r *http.Request) error {
	id, err := h.personID(r)
	if err != nil {
		if app.IsCode(err, app.ENOTFOUND) {
			return app.NotFound("person")
		}
		return err
	}
	p, see, err := h.service.Get(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, ToJSON(p, see))
	return nil
}

func (h *Handler) apiCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in Input
	if err := web.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	p := in.person()
	if err := h.service.Create(ctx, app.UserFrom(ctx), p); err != nil {
		return err
	}
	j, err := h.toJSON(ctx, p)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusCreated, j)
	return nil
}

func (h *Handler) apiUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := web.ID(r, "id")
	if err != nil {
		return app.NotFound("person")
	}
	// The rights come first, so a caller who may not edit the person
	// learns nothing from the body's validation.
	if _, _, err := h.service.ForEdit(ctx, app.UserFrom(ctx), id); err != nil {
		return err
	}
	var in Input
	if err := web.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	// An editor who may not see the contact details cannot replace them
	// either: the stored ones are kept and never echoed back.
	p, _, err := h.service.Update(ctx, app.UserFrom(ctx), id, in.person())
	if err != nil {
		return err
	}
	j, err := h.toJSON(ctx, p)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, j)
	return nil
}
