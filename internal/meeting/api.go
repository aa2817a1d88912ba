package meeting

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
	mux.HandleFunc("POST /api/v1/meetings/{id}/cancel", h.web.API(h.apiCancelMeeting))
	mux.HandleFunc("GET /api/v1/meetings/{id}/agenda", h.web.API(h.apiListItems))
	mux.HandleFunc("POST /api/v1/meetings/{id}/agenda", h.web.API(h.apiAddItem))
	mux.HandleFunc("GET /api/v1/agenda-items/{id}", h.web.API(h.apiGetItem))
	mux.HandleFunc("PUT /api/v1/agenda-items/{id}", h.web.API(h.apiUpdateItem))
	mux.HandleFunc("DELETE /api/v1/agenda-items/{id}", h.web.API(h.apiDeleteItem))
	mux.HandleFunc("GET /api/v1/meetings/{id}/responses", h.web.API(h.apiListResponses))
	mux.HandleFunc("PUT /api/v1/meetings/{id}/response", h.web.API(h.apiPutResponse))
	mux.HandleFunc("GET /api/v1/meetings/{id}/attendance", h.web.API(h.apiGetAttendance))
	mux.HandleFunc("PUT /api/v1/meetings/{id}/attendance", h.web.API(h.apiPutAttendance))
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
// time without an offset is Helsinki time (see parseAPITime). rrule (POST only) makes a
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

// parseAPITime parses RFC 3339, or a local Helsinki time without offset
// (HelsinkiTime: a time skipped when clocks go forward is a field error, a
// time repeated when they go back is its first occurrence).
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
		// The wall-clock fields, then the instant in Helsinki (which may
		// not exist, or exist twice, on the nights clocks change).
		if w, err := time.Parse(layout, s); err == nil {
			t, ok := HelsinkiTime(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second())
			if !ok {
				noSuchTime(v, field, w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute())
			}
			return t
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

// apiMeeting loads the meeting named by the path and the caller's access
// to its network.
func (h *Handler) apiMeeting(r *http.Request) (*Meeting, access, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, access{}, err
	}
	m, err := h.store.Get(r.Context(), id)
	if err != nil {
		return nil, access{}, err
	}
	a, err := h.access(r.Context(), m.NetworkID)
	if err != nil {
		return nil, access{}, err
	}
	return m, a, nil
}

// apiCancelMeeting cancels a meeting and sends METHOD:CANCEL to the
// members, as the page's cancel button does.
func (h *Handler) apiCancelMeeting(w http.ResponseWriter, r *http.Request) error {
	m, a, err := h.apiMeeting(r)
	if err != nil {
		return err
	}
	if !a.Manage {
		return deny(r.Context())
	}
	if err := h.cancel(r.Context(), m.ID, h.web.Clock.Now()); err != nil {
		return err
	}
	h.writeMeeting(w, r, http.StatusOK, m.ID)
	return nil
}

// ItemJSON is an agenda item in the API. position is the item's place among
// the items of the same status, from 1; minutes is its duration.
type ItemJSON struct {
	ID             int64     `json:"id"`
	MeetingID      int64     `json:"meeting_id"`
	Position       int       `json:"position"`
	Title          string    `json:"title"`
	PreparerID     *int64    `json:"preparer_id"`
	PreparerName   string    `json:"preparer_name"`
	Minutes        int       `json:"minutes"`
	Notes          string    `json:"notes"`
	Link           string    `json:"link"`
	Status         string    `json:"status"`
	ProposedByID   *int64    `json:"proposed_by_id"`
	ProposedByName string    `json:"proposed_by_name"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// ItemInputJSON is the body of POST and PUT agenda items. On PUT, status
// "accepted" accepts a proposal (an accepted item cannot go back) and
// position moves the item to that place among the items of its status;
// both may be left out. The read-only fields of ItemJSON may be sent back
// and are ignored.
type ItemInputJSON struct {
	Title      string `json:"title"`
	PreparerID *int64 `json:"preparer_id"`
	Minutes    int    `json:"minutes"`
	Notes      string `json:"notes"`
	Link       string `json:"link"`
	Status     string `json:"status"`
	Position   *int   `json:"position"`

	ID             json.RawMessage `json:"id,omitempty"`
	MeetingID      json.RawMessage `json:"meeting_id,omitempty"`
	PreparerName   json.RawMessage `json:"preparer_name,omitempty"`
	ProposedByID   json.RawMessage `json:"proposed_by_id,omitempty"`
	ProposedByName json.RawMessage `json:"proposed_by_name,omitempty"`
	CreatedAt      json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt      json.RawMessage `json:"updated_at,omitempty"`
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// itemJSONs converts a meeting's agenda (as from Store.Items) for the API,
// numbering each status from 1.
func itemJSONs(items []Item) []ItemJSON {
	out := make([]ItemJSON, 0, len(items))
	rank := map[string]int{}
	for _, it := range items {
		rank[it.Status]++
		out = append(out, ItemJSON{ID: it.ID, MeetingID: it.MeetingID, Position: rank[it.Status], Title: it.Title,
			PreparerID: optID(it.PreparerID), PreparerName: it.PreparerName, Minutes: it.Minutes, Notes: it.Notes, Link: it.Link,
			Status: it.Status, ProposedByID: optID(it.ProposedByID), ProposedByName: it.ProposedByName,
			CreatedAt: it.CreatedAt, UpdatedAt: it.UpdatedAt})
	}
	return out
}

// renameField renames a field of a validation error (the form's
// item_title is the API's title).
func renameField(err error, from, to string) error {
	if e := app.AsError(err); e != nil {
		for i := range e.Fields {
			if e.Fields[i].Field == from {
				e.Fields[i].Field = to
			}
		}
	}
	return err
}

func (b *ItemInputJSON) input() (ItemInput, error) {
	var v app.Validator
	in := ItemInput{Title: b.Title, Minutes: b.Minutes, Notes: b.Notes, Link: b.Link}
	if b.PreparerID != nil {
		in.PreparerID = *b.PreparerID
		v.Check(in.PreparerID > 0, "preparer_id", "err.invalid_choice")
	}
	in.Validate(&v)
	return in, renameField(v.Err(), "item_title", "title")
}

// visibleItem reports whether the caller sees an agenda item, as on the
// meeting page: accepted items for the signed-in, proposals for managers
// and whoever proposed them.
func visibleItem(it *Item, a access, personID int64) bool {
	return a.SignIn && (it.Status == ItemAccepted || a.Manage || it.ProposedByID != 0 && it.ProposedByID == personID)
}

func (h *Handler) apiListItems(w http.ResponseWriter, r *http.Request) error {
	m, a, err := h.apiMeeting(r)
	if err != nil {
		return err
	}
	u := app.UserFrom(r.Context())
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	all, err := h.store.Items(r.Context(), m.ID)
	if err != nil {
		return err
	}
	var visible []ItemJSON
	for i, j := range itemJSONs(all) {
		if visibleItem(&all[i], a, u.PersonID) {
			visible = append(visible, j)
		}
	}
	items := []ItemJSON{}
	for i := (page - 1) * perPage; i < len(visible) && i < page*perPage; i++ {
		items = append(items, visible[i])
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[ItemJSON]{Items: items, Page: page, PerPage: perPage, Total: len(visible)})
	return nil
}

// writeItem answers with an agenda item, numbered among its meeting's.
func (h *Handler) writeItem(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	it, err := h.store.Item(r.Context(), id)
	if err != nil {
		return err
	}
	all, err := h.store.Items(r.Context(), it.MeetingID)
	if err != nil {
		return err
	}
	for _, j := range itemJSONs(all) {
		if j.ID == id {
			if status == http.StatusCreated {
				w.Header().Set("Location", "/api/v1/agenda-items/"+strconv.FormatInt(id, 10))
			}
			web.WriteJSON(w, status, j)
			return nil
		}
	}
	return app.NotFound("agenda_item")
}

// apiAddItem adds an agenda item: a proposal from a member before the
// deadline, an accepted item from a manager (as POST /meetings/{id}/agenda).
func (h *Handler) apiAddItem(w http.ResponseWriter, r *http.Request) error {
	m, a, err := h.apiMeeting(r)
	if err != nil {
		return err
	}
	if !a.Invitee {
		return deny(r.Context())
	}
	now := h.web.Clock.Now()
	if m.Cancelled() || !a.Manage && !m.ProposalsOpen(now) {
		return app.KeyError(app.EINVALID, "meeting.err.proposals_closed", "proposals are closed")
	}
	var body ItemInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	if body.Status != "" || body.Position != nil {
		return app.KeyError(app.EINVALID, "err.bad_request", "status and position are set by the convener")
	}
	in, err := body.input()
	if err != nil {
		return err
	}
	status := ItemProposed
	if a.Manage {
		status = ItemAccepted
	}
	id, err := h.store.AddItem(r.Context(), m, in, status, app.UserFrom(r.Context()).PersonID, now)
	if err != nil {
		return err
	}
	return h.writeItem(w, r, http.StatusCreated, id)
}

// apiItem loads the agenda item named by the path and the caller's access
// to its meeting's network.
func (h *Handler) apiItem(r *http.Request) (*Item, access, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, access{}, err
	}
	it, err := h.store.Item(r.Context(), id)
	if err != nil {
		return nil, access{}, err
	}
	m, err := h.store.Get(r.Context(), it.MeetingID)
	if err != nil {
		return nil, access{}, err
	}
	a, err := h.access(r.Context(), m.NetworkID)
	if err != nil {
		return nil, access{}, err
	}
	return it, a, nil
}

func (h *Handler) apiGetItem(w http.ResponseWriter, r *http.Request) error {
	it, a, err := h.apiItem(r)
	if err != nil {
		return err
	}
	if u := app.UserFrom(r.Context()); u == nil || !visibleItem(it, a, u.PersonID) {
		return deny(r.Context())
	}
	return h.writeItem(w, r, http.StatusOK, it.ID)
}

// apiUpdateItem replaces an agenda item's fields and, when asked, accepts
// it and moves it (managers only, as the page's accept and move buttons).
func (h *Handler) apiUpdateItem(w http.ResponseWriter, r *http.Request) error {
	it, a, err := h.apiItem(r)
	if err != nil {
		return err
	}
	if !a.Manage {
		return deny(r.Context())
	}
	var body ItemInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in, err := body.input()
	if err == nil && body.Status != "" && body.Status != ItemAccepted && (body.Status != ItemProposed || it.Status == ItemAccepted) {
		err = app.FieldInvalid("status", "err.invalid_choice")
	}
	if err == nil && body.Position != nil && *body.Position < 1 {
		err = app.FieldInvalid("position", "err.invalid_number")
	}
	if err != nil {
		return err
	}
	ctx := r.Context()
	now := h.web.Clock.Now()
	err = h.db.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		if err := s.UpdateItem(ctx, it.ID, in, now); err != nil {
			return err
		}
		if body.Status == ItemAccepted {
			if err := s.AcceptItem(ctx, it.ID, now); err != nil {
				return err
			}
		}
		if body.Position == nil {
			return nil
		}
		return moveTo(ctx, s, it.ID, *body.Position)
	})
	if err != nil {
		return err
	}
	return h.writeItem(w, r, http.StatusOK, it.ID)
}

// moveTo moves an agenda item to place pos (from 1) among the items of its
// status with MoveItem; EINVALID when there is no such place.
func moveTo(ctx context.Context, s *Store, id int64, pos int) error {
	it, err := s.Item(ctx, id)
	if err != nil {
		return err
	}
	all, err := s.Items(ctx, it.MeetingID)
	if err != nil {
		return err
	}
	cur, n := 0, 0
	for _, x := range all {
		if x.Status == it.Status {
			n++
			if x.ID == id {
				cur = n
			}
		}
	}
	if pos > n {
		return app.FieldInvalid("position", "err.invalid_number")
	}
	for ; cur > pos; cur-- {
		if err := s.MoveItem(ctx, id, true); err != nil {
			return err
		}
	}
	for ; cur < pos; cur++ {
		if err := s.MoveItem(ctx, id, false); err != nil {
			return err
		}
	}
	return nil
}

func (h *Handler) apiDeleteItem(w http.ResponseWriter, r *http.Request) error {
	it, a, err := h.apiItem(r)
	if err != nil {
		return err
	}
	if !a.Manage {
		return deny(r.Context())
	}
	if err := h.store.DeleteItem(r.Context(), it.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ResponseJSON is a member's answer to an invitation.
type ResponseJSON struct {
	PersonID   int64     `json:"person_id"`
	PersonName string    `json:"person_name"`
	Answer     string    `json:"answer"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// PersonRefJSON names a member.
type PersonRefJSON struct {
	PersonID int64  `json:"person_id"`
	Name     string `json:"name"`
}

// MunicipalityJSON is a municipality of the project's region.
type MunicipalityJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// ResponsesJSON is who answered a meeting's invitation and how, as the
// meeting page shows it. missing_sectors and missing_municipalities (the
// sectors and project municipalities nobody who comes represents) are for
// managers only and null for others.
type ResponsesJSON struct {
	MeetingID             int64              `json:"meeting_id"`
	MyAnswer              *string            `json:"my_answer"`
	Counts                map[string]int     `json:"counts"`
	Responses             []ResponseJSON     `json:"responses"`
	NoAnswer              []PersonRefJSON    `json:"no_answer"`
	MissingSectors        []string           `json:"missing_sectors"`
	MissingMunicipalities []MunicipalityJSON `json:"missing_municipalities"`
}

// ResponseInputJSON is the body of PUT response: in_person, remote or
// not_attending.
type ResponseInputJSON struct {
	Answer string `json:"answer"`

	PersonID   json.RawMessage `json:"person_id,omitempty"`
	PersonName json.RawMessage `json:"person_name,omitempty"`
	UpdatedAt  json.RawMessage `json:"updated_at,omitempty"`
}

func (h *Handler) apiListResponses(w http.ResponseWriter, r *http.Request) error {
	m, a, err := h.apiMeeting(r)
	if err != nil {
		return err
	}
	if !a.Invitee {
		return deny(r.Context())
	}
	ctx := r.Context()
	now := h.web.Clock.Now()
	members, err := h.store.Invitees(ctx, m.NetworkID, now)
	if err != nil {
		return err
	}
	resps, err := h.store.Responses(ctx, m.ID)
	if err != nil {
		return err
	}
	me := app.UserFrom(ctx).PersonID
	out := ResponsesJSON{MeetingID: m.ID, Counts: map[string]int{}, Responses: []ResponseJSON{}, NoAnswer: []PersonRefJSON{}}
	for _, ans := range Answers {
		out.Counts[ans] = 0
	}
	answered, coming := map[int64]bool{}, map[int64]bool{}
	for _, x := range resps {
		out.Counts[x.Answer]++
		answered[x.PersonID] = true
		if x.Answer != AnswerNo {
			coming[x.PersonID] = true
		}
		if x.PersonID == me {
			ans := x.Answer
			out.MyAnswer = &ans
		}
		out.Responses = append(out.Responses, ResponseJSON(x))
	}
	for _, inv := range members {
		if !answered[inv.PersonID] {
			out.NoAnswer = append(out.NoAnswer, PersonRefJSON{PersonID: inv.PersonID, Name: inv.Name})
		}
	}
	out.Counts["no_answer"] = len(out.NoAnswer)
	if a.Manage {
		cov, err := h.comingCoverage(ctx, m, coming, now)
		if err != nil {
			return err
		}
		out.MissingSectors = append([]string{}, cov.MissingSectors...)
		out.MissingMunicipalities = []MunicipalityJSON{}
		for _, mc := range cov.MissingMunicipalities {
			out.MissingMunicipalities = append(out.MissingMunicipalities, MunicipalityJSON{Code: mc.Code, Name: mc.Name})
		}
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

// apiPutResponse records the caller's own answer (members only, while the
// meeting can be answered), as POST /meetings/{id}/response.
func (h *Handler) apiPutResponse(w http.ResponseWriter, r *http.Request) error {
	m, a, err := h.apiMeeting(r)
	if err != nil {
		return err
	}
	if !a.Member {
		return deny(r.Context())
	}
	ctx := r.Context()
	now := h.web.Clock.Now()
	if !m.Answerable(now) {
		return app.KeyError(app.EINVALID, "meeting.err.not_answerable", "the meeting can no longer be answered")
	}
	var body ResponseInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	me := app.UserFrom(ctx).PersonID
	if err := h.store.SetResponse(ctx, m.ID, me, strings.TrimSpace(body.Answer), now); err != nil {
		return err
	}
	resps, err := h.store.Responses(ctx, m.ID)
	if err != nil {
		return err
	}
	for _, x := range resps {
		if x.PersonID == me {
			web.WriteJSON(w, http.StatusOK, ResponseJSON(x))
			return nil
		}
	}
	return app.NotFound("response")
}

// AttendanceEntryJSON is one person's recorded attendance: in_person or remote.
type AttendanceEntryJSON struct {
	PersonID         int64  `json:"person_id"`
	PersonName       string `json:"person_name"`
	OrganisationName string `json:"organisation_name"`
	Mode             string `json:"mode"`
}

// AttendanceJSON is who attended a meeting and how.
type AttendanceJSON struct {
	MeetingID  int64                 `json:"meeting_id"`
	Attendance []AttendanceEntryJSON `json:"attendance"`
}

// AttendanceEntryInputJSON is one person in the body of PUT attendance.
type AttendanceEntryInputJSON struct {
	PersonID int64  `json:"person_id"`
	Mode     string `json:"mode"`

	PersonName       json.RawMessage `json:"person_name,omitempty"`
	OrganisationName json.RawMessage `json:"organisation_name,omitempty"`
}

// AttendanceInputJSON is the body of PUT attendance: everyone who attended
// (the list replaces what was recorded; an empty list clears it).
type AttendanceInputJSON struct {
	Attendance []AttendanceEntryInputJSON `json:"attendance"`

	MeetingID json.RawMessage `json:"meeting_id,omitempty"`
}

func (h *Handler) writeAttendance(w http.ResponseWriter, r *http.Request, m *Meeting) error {
	att, err := h.store.Attendance(r.Context(), m.ID)
	if err != nil {
		return err
	}
	out := AttendanceJSON{MeetingID: m.ID, Attendance: []AttendanceEntryJSON{}}
	for _, x := range att {
		out.Attendance = append(out.Attendance, AttendanceEntryJSON{PersonID: x.PersonID, PersonName: x.PersonName,
			OrganisationName: x.OrganisationName, Mode: x.Mode})
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) apiGetAttendance(w http.ResponseWriter, r *http.Request) error {
	m, a, err := h.apiMeeting(r)
	if err != nil {
		return err
	}
	if !a.Invitee {
		return deny(r.Context())
	}
	return h.writeAttendance(w, r, m)
}

// apiPutAttendance records who attended (managers, from an hour before the
// start on), as POST /meetings/{id}/attendance.
func (h *Handler) apiPutAttendance(w http.ResponseWriter, r *http.Request) error {
	m, a, err := h.apiMeeting(r)
	if err != nil {
		return err
	}
	if !a.Manage {
		return deny(r.Context())
	}
	now := h.web.Clock.Now()
	if !m.AttendanceOpen(now) {
		return app.KeyError(app.EINVALID, "meeting.err.attendance_early", "attendance is recorded at the meeting")
	}
	var body AttendanceInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	var v app.Validator
	if body.Attendance == nil {
		v.Add("attendance", "err.required", nil)
	}
	modes := map[int64]string{}
	for i, x := range body.Attendance {
		field := fmt.Sprintf("attendance_%d", x.PersonID)
		if x.PersonID <= 0 {
			field = fmt.Sprintf("attendance[%d].person_id", i)
		}
		switch _, dup := modes[x.PersonID]; {
		case x.PersonID <= 0, dup:
			v.Add(field, "err.invalid_choice", nil)
		default:
			modes[x.PersonID] = strings.TrimSpace(x.Mode)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		return NewStore(tx).SetAttendance(r.Context(), m, modes, now)
	}); err != nil {
		return err
	}
	return h.writeAttendance(w, r, m)
}
