package meeting

import (
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
	NetworkNameSv  string     `json:"network_name_sv"`
	NetworkNameEn  string     `json:"network_name_en"`
	SeriesID       *int64     `json:"series_id"`
	Title          string     `json:"title"`
	TitleSv        string     `json:"title_sv"`
	TitleEn        string     `json:"title_en"`
	Description    string     `json:"description"`
	DescriptionSv  string     `json:"description_sv"`
	DescriptionEn  string     `json:"description_en"`
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
	TitleSv        string  `json:"title_sv"`
	TitleEn        string  `json:"title_en"`
	Description    string  `json:"description"`
	DescriptionSv  string  `json:"description_sv"`
	DescriptionEn  string  `json:"description_en"`
	StartsAt       string  `json:"starts_at"`
	EndsAt         string  `json:"ends_at"`
	Mode           string  `json:"mode"`
	Place          string  `json:"place"`
	RemoteLink     *string `json:"remote_link"`
	AgendaDeadline *string `json:"agenda_deadline"`
	RRule          string  `json:"rrule"`
	Status         string  `json:"status"`

	ID            json.RawMessage `json:"id,omitempty"`
	NetworkID     json.RawMessage `json:"network_id,omitempty"`
	NetworkName   json.RawMessage `json:"network_name,omitempty"`
	NetworkNameSv json.RawMessage `json:"network_name_sv,omitempty"`
	NetworkNameEn json.RawMessage `json:"network_name_en,omitempty"`
	SeriesID      json.RawMessage `json:"series_id,omitempty"`
	TimeZone      json.RawMessage `json:"time_zone,omitempty"`
	Sequence      json.RawMessage `json:"sequence,omitempty"`
	CreatedAt     json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt     json.RawMessage `json:"updated_at,omitempty"`
}

// ToJSON converts a meeting for the API; showLink tells whether the caller
// is an invitee.
func ToJSON(m *Meeting, showLink bool) JSON {
	j := JSON{ID: m.ID, NetworkID: m.NetworkID, NetworkName: m.NetworkName, Title: m.Title, Description: m.Description,
		NetworkNameSv: m.NetworkNameSv, NetworkNameEn: m.NetworkNameEn,
		TitleSv: m.TitleSv, TitleEn: m.TitleEn, DescriptionSv: m.DescriptionSv, DescriptionEn: m.DescriptionEn,
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

// toInput decodes the body; what does not parse (and an rrule or a status
// where none may be) is the input's Problems.
func (in *InputJSON) toInput(isNew bool) Input {
	var v app.Validator
	out := Input{Title: in.Title, TitleSv: in.TitleSv, TitleEn: in.TitleEn, Description: in.Description,
		DescriptionSv: in.DescriptionSv, DescriptionEn: in.DescriptionEn, Mode: in.Mode, Place: in.Place, RRule: in.RRule,
		Cancel: in.Status == StatusCancelled}
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
	out.Problems = v.Err()
	return out
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
	ctx := r.Context()
	_, a, err := h.svc.Network(ctx, app.UserFrom(ctx), id)
	if err != nil {
		return err
	}
	list, total, err := h.svc.List(ctx, ListFilter{NetworkID: id, When: when, Now: h.svc.Now(),
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

// writeMeeting answers with the meeting as the caller sees it.
func (h *Handler) writeMeeting(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	m, a, err := h.svc.Meeting(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	web.WriteJSON(w, status, ToJSON(m, a.Invitee))
	return nil
}

func (h *Handler) apiGetMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.writeMeeting(w, r, http.StatusOK, id)
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
	var body InputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	ids, err := h.svc.Create(ctx, u, id, body.toInput(true))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/meetings/"+strconv.FormatInt(ids[0], 10))
	return h.writeMeeting(w, r, http.StatusCreated, ids[0])
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
	var body InputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	if err := h.svc.Update(ctx, u, id, body.toInput(false)); err != nil {
		return err
	}
	return h.writeMeeting(w, r, http.StatusOK, id)
}

// apiCancelMeeting cancels a meeting and sends METHOD:CANCEL to the
// members, as the page's cancel button does.
func (h *Handler) apiCancelMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.Cancel(r.Context(), app.UserFrom(r.Context()), id); err != nil {
		return err
	}
	return h.writeMeeting(w, r, http.StatusOK, id)
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

// input decodes the body; a preparer_id that is not one is the input's
// Problems.
func (b *ItemInputJSON) input() ItemInput {
	var v app.Validator
	in := ItemInput{Title: b.Title, Minutes: b.Minutes, Notes: b.Notes, Link: b.Link}
	if b.PreparerID != nil {
		in.PreparerID = *b.PreparerID
		v.Check(in.PreparerID > 0, "preparer_id", "err.invalid_choice")
	}
	in.Problems = v.Err()
	return in
}

func (h *Handler) apiListItems(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	m, a, err := h.svc.Meeting(ctx, u, id)
	if err != nil {
		return err
	}
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	all, err := h.store.Items(ctx, m.ID)
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
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	var body ItemInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in := body.input()
	if body.Status != "" || body.Position != nil {
		in.Problems = app.KeyError(app.EINVALID, "err.bad_request", "status and position are set by the convener")
	}
	itemID, _, err := h.svc.AddItem(r.Context(), app.UserFrom(r.Context()), id, in)
	if err != nil {
		return renameField(err, "item_title", "title")
	}
	return h.writeItem(w, r, http.StatusCreated, itemID)
}

func (h *Handler) apiGetItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	it, err := h.svc.Item(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.writeItem(w, r, http.StatusOK, it.ID)
}

// apiUpdateItem replaces an agenda item's fields and, when asked, accepts
// it and moves it (managers only, as the page's accept and move buttons).
func (h *Handler) apiUpdateItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	var body ItemInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in := ItemUpdate{ItemInput: body.input(), Status: body.Status, Position: body.Position}
	if err := h.svc.UpdateItem(r.Context(), app.UserFrom(r.Context()), id, in); err != nil {
		return renameField(err, "item_title", "title")
	}
	return h.writeItem(w, r, http.StatusOK, id)
}

func (h *Handler) apiDeleteItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if _, err := h.svc.DeleteItem(r.Context(), app.UserFrom(r.Context()), id); err != nil {
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
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	m, a, err := h.svc.Meeting(ctx, u, id)
	if err != nil {
		return err
	}
	ans, err := h.svc.Answers(ctx, u, m, a)
	if err != nil {
		return err
	}
	out := ResponsesJSON{MeetingID: m.ID, Counts: map[string]int{}, Responses: []ResponseJSON{}, NoAnswer: []PersonRefJSON{}}
	for _, x := range Answers {
		out.Counts[x] = ans.Counts[x]
	}
	if ans.MyAnswer != "" {
		my := ans.MyAnswer
		out.MyAnswer = &my
	}
	for _, x := range ans.Responses {
		out.Responses = append(out.Responses, ResponseJSON(x))
	}
	for _, inv := range ans.NoAnswer {
		out.NoAnswer = append(out.NoAnswer, PersonRefJSON{PersonID: inv.PersonID, Name: inv.Name})
	}
	out.Counts["no_answer"] = len(out.NoAnswer)
	if cov := ans.Coverage; cov != nil {
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
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	var body ResponseInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	resp, err := h.svc.Respond(r.Context(), app.UserFrom(r.Context()), id, strings.TrimSpace(body.Answer))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, ResponseJSON(*resp))
	return nil
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

func writeAttendance(w http.ResponseWriter, meetingID int64, att []Attendance) {
	out := AttendanceJSON{MeetingID: meetingID, Attendance: []AttendanceEntryJSON{}}
	for _, x := range att {
		out.Attendance = append(out.Attendance, AttendanceEntryJSON{PersonID: x.PersonID, PersonName: x.PersonName,
			OrganisationName: x.OrganisationName, Mode: x.Mode})
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// apiAttendance answers with who attended (invitees only).
func (h *Handler) apiAttendance(w http.ResponseWriter, r *http.Request, id int64) error {
	ctx := r.Context()
	u := app.UserFrom(ctx)
	m, a, err := h.svc.Meeting(ctx, u, id)
	if err != nil {
		return err
	}
	att, err := h.svc.Attendance(ctx, u, m, a)
	if err != nil {
		return err
	}
	writeAttendance(w, m.ID, att)
	return nil
}

func (h *Handler) apiGetAttendance(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.apiAttendance(w, r, id)
}

// apiPutAttendance records who attended (managers, from an hour before the
// start on), as POST /meetings/{id}/attendance.
func (h *Handler) apiPutAttendance(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	var body AttendanceInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in := AttendanceInput{Missing: body.Attendance == nil}
	for i, x := range body.Attendance {
		field := fmt.Sprintf("attendance_%d", x.PersonID)
		if x.PersonID <= 0 {
			field = fmt.Sprintf("attendance[%d].person_id", i)
		}
		in.Entries = append(in.Entries, AttendanceEntry{PersonID: x.PersonID, Mode: strings.TrimSpace(x.Mode), Field: field})
	}
	if err := h.svc.RecordAttendance(r.Context(), app.UserFrom(r.Context()), id, in); err != nil {
		return err
	}
	return h.apiAttendance(w, r, id)
}
