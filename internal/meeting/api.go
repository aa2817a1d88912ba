package meeting

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

func (h *Handler) apiRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /api/v1/networks/{id}/meetings", h.web.API(h.apiListMeetings))
	mux.HandleFunc("POST /api/v1/networks/{id}/meetings", h.web.API(h.apiCreateMeeting))
	mux.HandleFunc("GET /api/v1/meetings/{id}", h.web.API(h.apiGetMeeting))
	mux.HandleFunc("PUT /api/v1/meetings/{id}", h.web.API(h.apiUpdateMeeting))
}

// JSON is a meeting in the API. remote_link is null for callers who are
// not invitees.
type JSON struct {
	ID             int64      `json:"id"`
	NetworkID      int64      `json:"network_id"`
	NetworkName    string     `json:"network_name"`
	SeriesID       *int64     `json:"series_id"`
	Title          string     `json:"title"`
	Description    string     `json:"description"`
	StartsAt       time.Time  `json:"starts_at"`
	EndsAt         time.Time  `json:"ends_at"`
	TimeZone       string     `json:"time_zone"`
	Mode           string     `json:"mode"`
	Place          string     `json:"place"`
	RemoteLink     *string    `json:"remote_link"`
	AgendaDeadline *time.Time `json:"agenda_deadline"`
	Status         string     `json:"status"`
	Sequence       int        `json:"sequence"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// InputJSON is the body of POST and PUT meetings. Times are RFC 3339; a
// time without an offset is Helsinki time. rrule (POST only) makes a
// series. status "cancelled" on PUT cancels the meeting. The read-only
// fields of JSON may be sent back and are ignored.
type InputJSON struct {
	Title          string  `json:"title"`
	Description    string  `json:"description"`
	StartsAt       string  `json:"starts_at"`
	EndsAt         string  `json:"ends_at"`
	Mode           string  `json:"mode"`
	Place          string  `json:"place"`
	RemoteLink     *string `json:"remote_link"`
	AgendaDeadline *string `json:"agenda_deadline"`
	RRule          string  `json:"rrule"`
	Status         string  `json:"status"`

	ID          json.RawMessage `json:"id,omitempty"`
	NetworkID   json.RawMessage `json:"network_id,omitempty"`
	NetworkName json.RawMessage `json:"network_name,omitempty"`
	SeriesID    json.RawMessage `json:"series_id,omitempty"`
	TimeZone    json.RawMessage `json:"time_zone,omitempty"`
	Sequence    json.RawMessage `json:"sequence,omitempty"`
	CreatedAt   json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt   json.RawMessage `json:"updated_at,omitempty"`
}

// ToJSON converts a meeting for the API; showLink tells whether the caller
// is an invitee.
func ToJSON(m *Meeting, showLink bool) JSON {
	j := JSON{ID: m.ID, NetworkID: m.NetworkID, NetworkName: m.NetworkName, Title: m.Title, Description: m.Description,
		StartsAt: m.StartsAt.UTC(), EndsAt: m.EndsAt.UTC(), TimeZone: "Europe/Helsinki", Mode: m.Mode, Place: m.Place,
		AgendaDeadline: m.AgendaDeadline, Status: m.Status, Sequence: m.Sequence, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
	if m.SeriesID != 0 {
		id := m.SeriesID
		j.SeriesID = &id
	}
	if showLink {
		link := m.RemoteLink
		j.RemoteLink = &link
	}
	return j
}

// parseAPITime parses RFC 3339, or a local Helsinki time without offset.
func parseAPITime(v *app.Validator, field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		v.Add(field, "err.required", nil)
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC()
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, Helsinki); err == nil {
			return t.UTC()
		}
	}
	v.Add(field, "meeting.err.bad_datetime", nil)
	return time.Time{}
}

func (in *InputJSON) toInput(now time.Time, isNew bool) (Input, error) {
	var v app.Validator
	out := Input{Title: in.Title, Description: in.Description, Mode: in.Mode, Place: in.Place, RRule: in.RRule}
	if in.RemoteLink != nil {
		out.RemoteLink = *in.RemoteLink
	}
	out.StartsAt = parseAPITime(&v, "starts_at", in.StartsAt)
	out.EndsAt = parseAPITime(&v, "ends_at", in.EndsAt)
	if in.AgendaDeadline != nil && *in.AgendaDeadline != "" {
		if t := parseAPITime(&v, "agenda_deadline", *in.AgendaDeadline); !t.IsZero() {
			out.AgendaDeadline = &t
		}
	}
	if !isNew && in.RRule != "" {
		v.Add("rrule", "meeting.err.rrule_on_create", nil)
	}
	if in.Status != "" && in.Status != StatusScheduled && in.Status != StatusCancelled {
		v.Add("status", "err.invalid_choice", nil)
	}
	if v.Valid() {
		out.Validate(&v, now, isNew)
	}
	return out, v.Err()
}

func (h *Handler) apiListMeetings(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	when := r.URL.Query().Get("when")
	if when != "" && when != "upcoming" && when != "past" {
		return app.FieldInvalid("when", "err.invalid_choice")
	}
	if _, err := h.store.Network(r.Context(), id); err != nil {
		return err
	}
	a, err := h.access(r.Context(), id)
	if err != nil {
		return err
	}
	list, total, err := h.store.List(r.Context(), ListFilter{NetworkID: id, When: when, Now: h.web.Clock.Now(),
		Limit: perPage, Offset: (page - 1) * perPage})
	if err != nil {
		return err
	}
	items := make([]JSON, 0, len(list))
	for i := range list {
		items = append(items, ToJSON(&list[i], a.Invitee))
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[JSON]{Items: items, Page: page, PerPage: perPage, Total: total})
	return nil
}

func (h *Handler) writeMeeting(w http.ResponseWriter, r *http.Request, status int, id int64) {
	m, err := h.store.Get(r.Context(), id)
	if err != nil {
		h.web.APIError(w, r, err)
		return
	}
	a, err := h.access(r.Context(), m.NetworkID)
	if err != nil {
		h.web.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, status, ToJSON(m, a.Invitee))
}

func (h *Handler) apiGetMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	h.writeMeeting(w, r, http.StatusOK, id)
	return nil
}

func (h *Handler) apiCreateMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	if _, err := h.store.Network(ctx, id); err != nil {
		return err
	}
	if err := h.policy.CanManageNetwork(ctx, u, id); err != nil {
		return err
	}
	var body InputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	now := h.web.Clock.Now()
	in, err := body.toInput(now, true)
	if err == nil && body.Status == StatusCancelled {
		err = app.FieldInvalid("status", "err.invalid_choice")
	}
	if err != nil {
		return err
	}
	ids, err := h.create(ctx, id, in, now)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/meetings/"+strconv.FormatInt(ids[0], 10))
	h.writeMeeting(w, r, http.StatusCreated, ids[0])
	return nil
}

func (h *Handler) apiUpdateMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	m, err := h.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := h.policy.CanManageNetwork(ctx, u, m.NetworkID); err != nil {
		return err
	}
	var body InputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	now := h.web.Clock.Now()
	in, err := body.toInput(now, false)
	if err != nil {
		return err
	}
	if body.Status == StatusCancelled {
		if !m.Cancelled() {
			err = h.cancel(ctx, id, now)
		}
	} else {
		err = h.update(ctx, id, in, now)
	}
	if err != nil {
		return err
	}
	h.writeMeeting(w, r, http.StatusOK, id)
	return nil
}
