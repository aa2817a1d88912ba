package minutes

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/web"
)

func (h *Handler) apiRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /api/v1/meetings/{id}/minutes", h.web.API(h.apiGetMinutes))
	mux.HandleFunc("PUT /api/v1/meetings/{id}/minutes", h.web.API(h.apiPutMinutes))
	mux.HandleFunc("POST /api/v1/meetings/{id}/minutes/approve", h.web.API(h.apiApproveMinutes))
	mux.HandleFunc("POST /api/v1/meetings/{id}/action-items", h.web.API(h.apiAddItem))
	mux.HandleFunc("GET /api/v1/action-items/{id}", h.web.API(h.apiGetItem))
	mux.HandleFunc("PUT /api/v1/action-items/{id}", h.web.API(h.apiPutItem))
}

// RevisionJSON is a correction of approved minutes in the API: the text it
// replaced.
type RevisionJSON struct {
	Body       string        `json:"body"`
	Decisions  []string      `json:"decisions"`
	AuthorID   *int64        `json:"author_id"`
	AuthorName string        `json:"author_name"`
	Reason     string        `json:"reason"`
	CreatedAt  time.Time     `json:"created_at"`
	Sections   []SectionJSON `json:"sections"`
}

// SectionJSON is the part of the minutes about one agenda item.
type SectionJSON struct {
	AgendaItemID *int64   `json:"agenda_item_id"`
	Number       int      `json:"number"`
	Title        string   `json:"title"`
	Preparer     string   `json:"preparer"`
	Body         string   `json:"body"`
	BodyHTML     string   `json:"body_html"`
	Decisions    []string `json:"decisions"`
}

// SectionInputJSON is a section in PUT minutes: agenda_item_id names an
// accepted item of the meeting's agenda (its title and preparer are
// taken from it); title is used only without one.
type SectionInputJSON struct {
	AgendaItemID *int64   `json:"agenda_item_id"`
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	Decisions    []string `json:"decisions"`

	Number   json.RawMessage `json:"number,omitempty"`
	Preparer json.RawMessage `json:"preparer,omitempty"`
	BodyHTML json.RawMessage `json:"body_html,omitempty"`
}

func sectionsToJSON(secs []Section) []SectionJSON {
	out := []SectionJSON{}
	for _, sec := range secs {
		ds := sec.Decisions
		if ds == nil {
			ds = []string{}
		}
		out = append(out, SectionJSON{AgendaItemID: optID(sec.AgendaItemID), Number: sec.Number, Title: sec.Title, Preparer: sec.Preparer,
			Body: sec.Body, BodyHTML: string(sec.HTML()), Decisions: ds})
	}
	return out
}

// JSON is a meeting's minutes in the API.
type JSON struct {
	MeetingID   int64            `json:"meeting_id"`
	Body        string           `json:"body"`
	BodyHTML    string           `json:"body_html"`
	Status      string           `json:"status"`
	Version     int              `json:"version"`
	Decisions   []string         `json:"decisions"`
	Sections    []SectionJSON    `json:"sections"`
	ApprovedBy  *int64           `json:"approved_by"`
	ApprovedAt  *time.Time       `json:"approved_at"`
	Revisions   []RevisionJSON   `json:"revisions"`
	ActionItems []ActionItemJSON `json:"action_items"`
	CreatedAt   time.Time        `json:"created_at"`
	UpdatedAt   time.Time        `json:"updated_at"`
}

// InputJSON is the body of PUT minutes. status "approved" approves draft
// minutes (for approvers only); reason is required when correcting
// approved minutes; sections, when sent, replace the sections (left out,
// they stay as they are). The read-only fields of JSON may be sent back
// and are ignored.
type InputJSON struct {
	Body      string              `json:"body"`
	Decisions []string            `json:"decisions"`
	Reason    string              `json:"reason"`
	Status    string              `json:"status"`
	Sections  *[]SectionInputJSON `json:"sections"`

	MeetingID   json.RawMessage `json:"meeting_id,omitempty"`
	BodyHTML    json.RawMessage `json:"body_html,omitempty"`
	Version     json.RawMessage `json:"version,omitempty"`
	ApprovedBy  json.RawMessage `json:"approved_by,omitempty"`
	ApprovedAt  json.RawMessage `json:"approved_at,omitempty"`
	Revisions   json.RawMessage `json:"revisions,omitempty"`
	ActionItems json.RawMessage `json:"action_items,omitempty"`
	CreatedAt   json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt   json.RawMessage `json:"updated_at,omitempty"`
}

// ActionItemJSON is an action item in the API.
type ActionItemJSON struct {
	ID             int64      `json:"id"`
	MeetingID      int64      `json:"meeting_id"`
	NetworkID      int64      `json:"network_id"`
	Title          string     `json:"title"`
	OwnerID        *int64     `json:"owner_id"`
	OwnerName      string     `json:"owner_name"`
	OwnerIsMember  bool       `json:"owner_is_member"`
	OrganisationID *int64     `json:"organisation_id"`
	DueOn          *string    `json:"due_on"`
	Status         string     `json:"status"`
	PlanActionID   *int64     `json:"plan_action_id"`
	AgendaItemID   *int64     `json:"agenda_item_id"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	CompletedAt    *time.Time `json:"completed_at"`
}

// ItemInputJSON is the body of POST and PUT action items (due_on is
// yyyy-mm-dd). The read-only fields of ActionItemJSON may be sent back and
// are ignored.
type ItemInputJSON struct {
	Title        string `json:"title"`
	OwnerID      int64  `json:"owner_id"`
	DueOn        string `json:"due_on"`
	Status       string `json:"status"`
	PlanActionID *int64 `json:"plan_action_id"`
	AgendaItemID *int64 `json:"agenda_item_id"`

	ID             json.RawMessage `json:"id,omitempty"`
	MeetingID      json.RawMessage `json:"meeting_id,omitempty"`
	NetworkID      json.RawMessage `json:"network_id,omitempty"`
	OwnerName      json.RawMessage `json:"owner_name,omitempty"`
	OwnerIsMember  json.RawMessage `json:"owner_is_member,omitempty"`
	OrganisationID json.RawMessage `json:"organisation_id,omitempty"`
	CreatedAt      json.RawMessage `json:"created_at,omitempty"`
	UpdatedAt      json.RawMessage `json:"updated_at,omitempty"`
	CompletedAt    json.RawMessage `json:"completed_at,omitempty"`
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// ItemToJSON converts an action item for the API.
func ItemToJSON(a *ActionItem) ActionItemJSON {
	j := ActionItemJSON{ID: a.ID, MeetingID: a.MeetingID, NetworkID: a.NetworkID, Title: a.Title, OwnerID: optID(a.OwnerID),
		OwnerName: a.OwnerName, OwnerIsMember: a.OwnerIsMember, OrganisationID: optID(a.OrganisationID), Status: a.Status,
		PlanActionID: optID(a.PlanActionID), AgendaItemID: optID(a.AgendaItemID), CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, CompletedAt: a.CompletedAt}
	if a.DueOn != nil {
		d := a.DueOn.Format("2006-01-02")
		j.DueOn = &d
	}
	return j
}

// minutesJSON is the meeting's minutes with their revisions and action
// items, as the API shows them.
func (h *Handler) minutesJSON(r *http.Request, t *Target) (*JSON, error) {
	rec, err := h.svc.Record(r.Context(), t)
	if err != nil {
		return nil, err
	}
	mn := rec.Minutes
	j := &JSON{MeetingID: t.Meeting.ID, Body: mn.Body, BodyHTML: string(mn.HTML()), Status: mn.Status, Version: mn.Version,
		Decisions: append([]string{}, mn.GeneralDecisions()...), Sections: sectionsToJSON(mn.Sections), ApprovedBy: optID(mn.ApprovedByID), ApprovedAt: mn.ApprovedAt,
		Revisions: []RevisionJSON{}, ActionItems: []ActionItemJSON{}, CreatedAt: mn.CreatedAt, UpdatedAt: mn.UpdatedAt}
	for _, rv := range rec.Revisions {
		j.Revisions = append(j.Revisions, RevisionJSON{Body: rv.Body, Decisions: SplitDecisions(rv.Decisions), AuthorID: optID(rv.AuthorID),
			AuthorName: rv.AuthorName, Reason: rv.Reason, CreatedAt: rv.CreatedAt, Sections: sectionsToJSON(rv.Sections)})
	}
	for i := range rec.Items {
		j.ActionItems = append(j.ActionItems, ItemToJSON(&rec.Items[i]))
	}
	return j, nil
}

// writeMinutes answers with the meeting's minutes.
func (h *Handler) writeMinutes(w http.ResponseWriter, r *http.Request, t *Target) error {
	j, err := h.minutesJSON(r, t)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, j)
	return nil
}

func (h *Handler) apiGetMinutes(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightRead)
	if err != nil {
		return err
	}
	return h.writeMinutes(w, r, t)
}

func (h *Handler) apiPutMinutes(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightManage)
	if err != nil {
		return err
	}
	var in InputJSON
	if err := web.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	save := SaveInput{Input: Input{Body: in.Body, Decisions: in.Decisions, Reason: in.Reason}, Status: in.Status, KeepSections: in.Sections == nil}
	if in.Sections != nil {
		for _, sec := range *in.Sections {
			si := SectionInput{Title: sec.Title, Body: sec.Body, Decisions: sec.Decisions}
			if sec.AgendaItemID != nil {
				si.AgendaItemID = *sec.AgendaItemID
			}
			save.Sections = append(save.Sections, si)
		}
	}
	if _, err := h.svc.SaveMinutes(r.Context(), t, save); err != nil {
		return err
	}
	return h.writeMinutes(w, r, t)
}

// ApproveJSON is the body of POST minutes/approve: the version of the
// minutes the approver read (409 when they have changed since).
type ApproveJSON struct {
	Version int `json:"version"`
}

// apiApproveMinutes approves draft minutes and e-mails them to the members,
// as POST /meetings/{id}/minutes/approve (conveners, the project's
// coordinators and admins).
func (h *Handler) apiApproveMinutes(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightApprove)
	if err != nil {
		return err
	}
	var body ApproveJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	if _, err := h.svc.Approve(r.Context(), t, body.Version); err != nil {
		return err
	}
	return h.writeMinutes(w, r, t)
}

func (in *ItemInputJSON) toInput() ItemInput {
	out := ItemInput{Title: in.Title, OwnerID: in.OwnerID, Status: in.Status}
	out.DueOn = web.Date(&out.Problems, "due_on", in.DueOn)
	if in.PlanActionID != nil {
		out.PlanActionID = *in.PlanActionID
	}
	if in.AgendaItemID != nil {
		out.AgendaItemID = *in.AgendaItemID
	}
	return out
}

func (h *Handler) apiAddItem(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightManage)
	if err != nil {
		return err
	}
	var body ItemInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	it, err := h.svc.AddItem(r.Context(), t, body.toInput())
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/action-items/%d", it.ID))
	web.WriteJSON(w, http.StatusCreated, ItemToJSON(it))
	return nil
}

func (h *Handler) apiGetItem(w http.ResponseWriter, r *http.Request) error {
	t, err := h.itemTarget(r, RightRead)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, ItemToJSON(t.Item))
	return nil
}

// apiPutItem replaces an action item. Managers may change everything; the
// owner may change only the status (the other fields must be sent as they
// are).
func (h *Handler) apiPutItem(w http.ResponseWriter, r *http.Request) error {
	t, err := h.itemTarget(r, RightSetStatus)
	if err != nil {
		return err
	}
	var body ItemInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	it, err := h.svc.UpdateItem(r.Context(), t, body.toInput())
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, ItemToJSON(it))
	return nil
}
