package minutes

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
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
	Body       string    `json:"body"`
	Decisions  []string  `json:"decisions"`
	AuthorID   *int64    `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Reason     string    `json:"reason"`
	CreatedAt  time.Time `json:"created_at"`
}

// JSON is a meeting's minutes in the API.
type JSON struct {
	MeetingID   int64            `json:"meeting_id"`
	Body        string           `json:"body"`
	BodyHTML    string           `json:"body_html"`
	Status      string           `json:"status"`
	Version     int              `json:"version"`
	Decisions   []string         `json:"decisions"`
	ApprovedBy  *int64           `json:"approved_by"`
	ApprovedAt  *time.Time       `json:"approved_at"`
	Revisions   []RevisionJSON   `json:"revisions"`
	ActionItems []ActionItemJSON `json:"action_items"`
	CreatedAt   time.Time        `json:"created_at"`
	UpdatedAt   time.Time        `json:"updated_at"`
}

// InputJSON is the body of PUT minutes. status "approved" approves draft
// minutes (for approvers only); reason is required when correcting
// approved minutes. The read-only fields of JSON may be sent back and are
// ignored.
type InputJSON struct {
	Body      string   `json:"body"`
	Decisions []string `json:"decisions"`
	Reason    string   `json:"reason"`
	Status    string   `json:"status"`

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
		PlanActionID: optID(a.PlanActionID), CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, CompletedAt: a.CompletedAt}
	if a.DueOn != nil {
		d := a.DueOn.Format("2006-01-02")
		j.DueOn = &d
	}
	return j
}

func (h *Handler) minutesJSON(r *http.Request, meetingID int64) (*JSON, error) {
	ctx := r.Context()
	mn, err := h.store.Get(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	revs, err := h.store.Revisions(ctx, mn.ID)
	if err != nil {
		return nil, err
	}
	items, err := h.store.Items(ctx, meetingID, h.web.Clock.Now())
	if err != nil {
		return nil, err
	}
	j := &JSON{MeetingID: meetingID, Body: mn.Body, BodyHTML: string(mn.HTML()), Status: mn.Status, Version: mn.Version,
		Decisions: mn.DecisionTexts(), ApprovedBy: optID(mn.ApprovedByID), ApprovedAt: mn.ApprovedAt,
		Revisions: []RevisionJSON{}, ActionItems: []ActionItemJSON{}, CreatedAt: mn.CreatedAt, UpdatedAt: mn.UpdatedAt}
	for _, rv := range revs {
		j.Revisions = append(j.Revisions, RevisionJSON{Body: rv.Body, Decisions: SplitDecisions(rv.Decisions), AuthorID: optID(rv.AuthorID),
			AuthorName: rv.AuthorName, Reason: rv.Reason, CreatedAt: rv.CreatedAt})
	}
	for i := range items {
		j.ActionItems = append(j.ActionItems, ItemToJSON(&items[i]))
	}
	return j, nil
}

func (h *Handler) apiGetMinutes(w http.ResponseWriter, r *http.Request) error {
	m, _, err := h.loadMeeting(r, canRead)
	if err != nil {
		return err
	}
	j, err := h.minutesJSON(r, m.ID)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, j)
	return nil
}

func (h *Handler) apiPutMinutes(w http.ResponseWriter, r *http.Request) error {
	m, a, err := h.loadMeeting(r, canManage)
	if err != nil {
		return err
	}
	var in InputJSON
	if err := web.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Status != "" && in.Status != StatusDraft && in.Status != StatusApproved {
		return app.FieldInvalid("status", "err.invalid_choice")
	}
	if in.Status == StatusApproved && !a.Approve {
		return app.Forbidden()
	}
	ctx := r.Context()
	now := h.web.Clock.Now()
	err = h.db.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		cur, err := s.Get(ctx, m.ID)
		if err != nil && !app.IsCode(err, app.ENOTFOUND) {
			return err
		}
		approved := cur != nil && cur.Approved()
		if approved && in.Status == StatusDraft {
			return app.FieldInvalid("status", "minutes.err.unapprove")
		}
		input := Input{Body: in.Body, Decisions: append([]string(nil), in.Decisions...), Reason: in.Reason}
		var v app.Validator
		input.Validate(&v, approved)
		if err := v.Err(); err != nil {
			return err
		}
		mn, err := s.Save(ctx, m.ID, input, a.Person, now)
		if err != nil {
			return err
		}
		if in.Status == StatusApproved && !mn.Approved() {
			if _, err := h.approve(ctx, tx, m, mn.Version, a.Person); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	j, err := h.minutesJSON(r, m.ID)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, j)
	return nil
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
	m, a, err := h.loadMeeting(r, func(a access) bool { return a.Approve })
	if err != nil {
		return err
	}
	var body ApproveJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	if body.Version <= 0 {
		return app.FieldInvalid("version", "err.required")
	}
	if err := h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		_, err := h.approve(r.Context(), tx, m, body.Version, a.Person)
		return err
	}); err != nil {
		return err
	}
	j, err := h.minutesJSON(r, m.ID)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, j)
	return nil
}

func (in *ItemInputJSON) toInput() (ItemInput, error) {
	var v app.Validator
	out := ItemInput{Title: in.Title, OwnerID: in.OwnerID, Status: in.Status, DueOn: web.Date(&v, "due_on", in.DueOn)}
	if in.PlanActionID != nil {
		out.PlanActionID = *in.PlanActionID
	}
	out.Validate(&v)
	return out, v.Err()
}

func (h *Handler) apiAddItem(w http.ResponseWriter, r *http.Request) error {
	m, _, err := h.loadMeeting(r, canManage)
	if err != nil {
		return err
	}
	var body ItemInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in, err := body.toInput()
	var id int64
	if err == nil {
		id, err = h.store.AddItem(r.Context(), m.ID, m.NetworkID, in, h.web.Clock.Now())
	}
	if err != nil {
		return err
	}
	it, err := h.store.Item(r.Context(), id, h.web.Clock.Now())
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/action-items/%d", id))
	web.WriteJSON(w, http.StatusCreated, ItemToJSON(it))
	return nil
}

func (h *Handler) apiGetItem(w http.ResponseWriter, r *http.Request) error {
	it, _, a, err := h.loadItem(r)
	if err == nil && !a.Invitee {
		err = deny(r.Context())
	}
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, ItemToJSON(it))
	return nil
}

// apiPutItem replaces an action item. Managers may change everything; the
// owner may change only the status (the other fields must be sent as they
// are).
func (h *Handler) apiPutItem(w http.ResponseWriter, r *http.Request) error {
	it, _, a, err := h.loadItem(r)
	owner := it != nil && it.OwnerID != 0 && it.OwnerID == a.Person
	if err == nil && !a.Manage && !owner {
		err = deny(r.Context())
	}
	if err != nil {
		return err
	}
	var body ItemInputJSON
	if err := web.DecodeJSON(w, r, &body); err != nil {
		return err
	}
	in, err := body.toInput()
	now := h.web.Clock.Now()
	if err == nil && !a.Manage {
		if in.Title != it.Title || in.OwnerID != it.OwnerID || isoDate(in.DueOn) != isoDate(it.DueOn) || in.PlanActionID != it.PlanActionID {
			err = app.Forbidden()
		} else {
			err = h.store.SetItemStatus(r.Context(), it.ID, in.Status, now)
		}
	} else if err == nil {
		err = h.store.UpdateItem(r.Context(), it.ID, in, now)
	}
	if err != nil {
		return err
	}
	if it, err = h.store.Item(r.Context(), it.ID, now); err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, ItemToJSON(it))
	return nil
}
