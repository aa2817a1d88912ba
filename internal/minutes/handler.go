package minutes

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the minutes pages and API.
type Handler struct {
	web      *web.Kit
	db       *db.DB
	store    *Store
	meetings *meeting.Store
	policy   *auth.Policy
	mail     *mail.Outbox
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d, store: NewStore(d), meetings: meeting.NewStore(d), policy: auth.NewPolicy(d, kit.Clock)}
}

// WithMail sets the outbox approved minutes are queued in (without one, no
// mail is sent).
func (h *Handler) WithMail(o *mail.Outbox) *Handler {
	h.mail = o
	return h
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /meetings/{id}/minutes", h.showMinutes)
	mux.HandleFunc("POST /meetings/{id}/minutes", h.saveMinutes)
	mux.HandleFunc("POST /meetings/{id}/minutes/approve", h.approveMinutes)
	mux.HandleFunc("POST /meetings/{id}/action-items", h.addItem)
	mux.HandleFunc("GET /meetings/{id}/summary", h.showSummary)
	mux.HandleFunc("GET /action-items/{id}/edit", h.showEditItem)
	mux.HandleFunc("POST /action-items/{id}", h.updateItem)
	mux.HandleFunc("POST /action-items/{id}/status", h.setItemStatus)
	h.apiRoutes(mux)
}

func minutesURL(id int64) string { return "/meetings/" + strconv.FormatInt(id, 10) + "/minutes" }

// access is what the user may do with a network's minutes.
type access struct {
	Manage  bool // write minutes and action items: convener, secretary, project staff, admin
	Approve bool // approve: convener, the project's coordinator, admin
	Invitee bool // read: Manage or a member of the network
	Person  int64
}

func (h *Handler) access(ctx context.Context, m *meeting.Meeting) (access, error) {
	u := app.UserFrom(ctx)
	var a access
	if u == nil {
		return a, nil
	}
	a.Person = u.PersonID
	if err := h.policy.CanManageNetwork(ctx, u, m.NetworkID); err == nil {
		a.Manage = true
	} else if app.IsCode(err, app.EINTERNAL) {
		return a, err
	}
	role, err := h.policy.NetworkRole(ctx, u, m.NetworkID)
	if err != nil {
		return a, err
	}
	a.Invitee = a.Manage || role != ""
	if role == auth.RoleConvener {
		a.Approve = true
	} else if err := h.policy.CanManageProject(ctx, u, m.ProjectID); err == nil {
		a.Approve = true
	} else if app.IsCode(err, app.EINTERNAL) {
		return a, err
	}
	return a, nil
}

func deny(ctx context.Context) error {
	if err := auth.RequireUser(app.UserFrom(ctx)); err != nil {
		return err
	}
	return app.Forbidden()
}

// loadMeeting loads the meeting named by the path and the user's access;
// need says which right is required.
func (h *Handler) loadMeeting(r *http.Request, need func(access) bool) (*meeting.Meeting, access, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, access{}, err
	}
	m, err := h.meetings.Get(r.Context(), id)
	if err != nil {
		return nil, access{}, err
	}
	a, err := h.access(r.Context(), m)
	if err != nil {
		return nil, access{}, err
	}
	if !need(a) {
		return nil, access{}, deny(r.Context())
	}
	return m, a, nil
}

func canRead(a access) bool   { return a.Invitee }
func canManage(a access) bool { return a.Manage }

// MinutesForm is the minutes form's values.
type MinutesForm struct {
	Body      string
	Decisions string
	Reason    string
	Version   int
}

// ItemForm is the action item form's values.
type ItemForm struct {
	Title        string
	OwnerID      int64
	DueOn        string
	Status       string
	PlanActionID int64
}

// Page is a meeting's minutes page.
type Page struct {
	Meeting     *meeting.Meeting
	Minutes     *Minutes // nil before anything is written
	Revisions   []Revision
	Items       []ActionItem
	Members     []Member
	PlanActions []PlanAction
	Access      access
	Form        MinutesForm
	Item        ItemForm
	Today       time.Time
	Statuses    []string
}

// CanSetStatus reports whether the user may change the item's status.
func (p *Page) CanSetStatus(it ActionItem) bool {
	return p.Access.Manage || it.OwnerID != 0 && it.OwnerID == p.Access.Person
}

func (h *Handler) showMinutes(w http.ResponseWriter, r *http.Request) {
	m, a, err := h.loadMeeting(r, canRead)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.renderMinutes(w, r, m, a, nil, nil, nil)
}

// renderMinutes shows the minutes page; form and item keep what was typed
// when formErr is a validation error.
func (h *Handler) renderMinutes(w http.ResponseWriter, r *http.Request, m *meeting.Meeting, a access, form *MinutesForm, item *ItemForm, formErr error) {
	ctx := r.Context()
	now := h.web.Clock.Now()
	p := &Page{Meeting: m, Access: a, Today: Today(now), Statuses: ItemStatuses, Item: ItemForm{Status: ItemOpen}}
	mn, err := h.store.Get(ctx, m.ID)
	if err != nil && !app.IsCode(err, app.ENOTFOUND) {
		h.web.Error(w, r, err)
		return
	}
	if mn != nil {
		p.Minutes = mn
		p.Form = MinutesForm{Body: mn.Body, Decisions: strings.Join(mn.DecisionTexts(), "\n"), Version: mn.Version}
		if p.Revisions, err = h.store.Revisions(ctx, mn.ID); err != nil {
			h.web.Error(w, r, err)
			return
		}
	}
	if form != nil {
		p.Form = *form
	}
	if item != nil {
		p.Item = *item
	}
	if p.Items, err = h.store.Items(ctx, m.ID, now); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if a.Manage {
		if p.Members, err = h.store.Members(ctx, m.NetworkID, now); err != nil {
			h.web.Error(w, r, err)
			return
		}
		if p.PlanActions, err = h.store.PlanActions(ctx, m.NetworkID); err != nil {
			h.web.Error(w, r, err)
			return
		}
	}
	title := h.web.T(r, "minutes.title", "Title", m.Title)
	if formErr != nil {
		h.web.FormError(w, r, "minutes/view", title, p, formErr)
		return
	}
	h.web.Render(w, r, http.StatusOK, "minutes/view", title, p)
}

func readMinutesForm(r *http.Request, f *MinutesForm) Input {
	f.Body = web.Field(r, "body")
	f.Decisions = r.PostFormValue("decisions")
	f.Reason = web.Field(r, "reason")
	return Input{Body: f.Body, Decisions: SplitDecisions(f.Decisions), Reason: f.Reason}
}

func (h *Handler) saveMinutes(w http.ResponseWriter, r *http.Request) {
	m, a, err := h.loadMeeting(r, canManage)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	ctx := r.Context()
	var f MinutesForm
	in := readMinutesForm(r, &f)
	err = h.db.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		cur, err := s.Get(ctx, m.ID)
		if err != nil && !app.IsCode(err, app.ENOTFOUND) {
			return err
		}
		approved := cur != nil && cur.Approved()
		if cur != nil {
			f.Version = cur.Version
		}
		var v app.Validator
		in.Validate(&v, approved)
		if err := v.Err(); err != nil {
			return err
		}
		_, err = s.Save(ctx, m.ID, in, a.Person, h.web.Clock.Now())
		return err
	})
	if err != nil {
		h.renderMinutes(w, r, m, a, &f, nil, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "minutes.saved"))
	web.Redirect(w, r, minutesURL(m.ID))
}

func (h *Handler) approveMinutes(w http.ResponseWriter, r *http.Request) {
	m, a, err := h.loadMeeting(r, func(a access) bool { return a.Approve })
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	version, convErr := strconv.Atoi(web.Field(r, "version"))
	if convErr != nil || version <= 0 {
		h.renderMinutes(w, r, m, a, nil, nil, app.FieldInvalid("version", "minutes.err.changed"))
		return
	}
	var sent int
	err = h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		var err error
		sent, err = h.approve(r.Context(), tx, m, version, a.Person)
		return err
	})
	if err != nil {
		h.renderMinutes(w, r, m, a, nil, nil, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "minutes.approved_flash", "N", sent))
	web.Redirect(w, r, minutesURL(m.ID))
}

// approve approves the minutes and queues the mail to the members in tx.
func (h *Handler) approve(ctx context.Context, tx *sql.Tx, m *meeting.Meeting, version int, approver int64) (int, error) {
	now := h.web.Clock.Now()
	mn, err := NewStore(tx).Approve(ctx, m.ID, version, approver, now)
	if err != nil {
		return 0, err
	}
	return Notify(ctx, tx, h.mail, m, mn, now)
}

func readItemForm(r *http.Request, f *ItemForm) (ItemInput, error) {
	var v app.Validator
	f.Title = web.Field(r, "title")
	f.OwnerID = web.OptionalID(&v, "owner_id", r.PostFormValue("owner_id"))
	f.DueOn = web.Field(r, "due_on")
	f.Status = web.Field(r, "status")
	f.PlanActionID = web.OptionalID(&v, "plan_action_id", r.PostFormValue("plan_action_id"))
	in := ItemInput{Title: f.Title, OwnerID: f.OwnerID, DueOn: web.Date(&v, "due_on", f.DueOn), Status: f.Status, PlanActionID: f.PlanActionID}
	in.Validate(&v)
	return in, v.Err()
}

func (h *Handler) addItem(w http.ResponseWriter, r *http.Request) {
	m, a, err := h.loadMeeting(r, canManage)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	var f ItemForm
	in, err := readItemForm(r, &f)
	if err == nil {
		_, err = h.store.AddItem(r.Context(), m.ID, m.NetworkID, in, h.web.Clock.Now())
	}
	if err != nil {
		h.renderMinutes(w, r, m, a, nil, &f, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "minutes.item_added"))
	web.Redirect(w, r, minutesURL(m.ID)+"#action-items")
}

// loadItem loads the action item named by the path, its meeting and the
// user's access.
func (h *Handler) loadItem(r *http.Request) (*ActionItem, *meeting.Meeting, access, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, nil, access{}, err
	}
	it, err := h.store.Item(r.Context(), id, h.web.Clock.Now())
	if err != nil {
		return nil, nil, access{}, err
	}
	m, err := h.meetings.Get(r.Context(), it.MeetingID)
	if err != nil {
		return nil, nil, access{}, err
	}
	a, err := h.access(r.Context(), m)
	if err != nil {
		return nil, nil, access{}, err
	}
	return it, m, a, nil
}

// ItemPage is the action item edit form.
type ItemPage struct {
	Action      *ActionItem
	Meeting     *meeting.Meeting
	Item        ItemForm
	Members     []Member
	PlanActions []PlanAction
	Statuses    []string
}

func (h *Handler) renderItem(w http.ResponseWriter, r *http.Request, p *ItemPage, formErr error) {
	ctx := r.Context()
	var err error
	if p.Members, err = h.store.Members(ctx, p.Meeting.NetworkID, h.web.Clock.Now()); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if p.PlanActions, err = h.store.PlanActions(ctx, p.Meeting.NetworkID); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if p.Action.OwnerID != 0 && !p.Action.OwnerIsMember {
		// The owner has left: they may be kept, or the item re-assigned.
		p.Members = append(p.Members, Member{PersonID: p.Action.OwnerID,
			Name: p.Action.OwnerName + " – " + h.web.T(r, "minutes.owner_left")})
	}
	p.Statuses = ItemStatuses
	title := h.web.T(r, "minutes.edit_item")
	if formErr != nil {
		h.web.FormError(w, r, "minutes/item", title, p, formErr)
		return
	}
	h.web.Render(w, r, http.StatusOK, "minutes/item", title, p)
}

func (h *Handler) showEditItem(w http.ResponseWriter, r *http.Request) {
	it, m, a, err := h.loadItem(r)
	if err == nil && !a.Manage {
		err = deny(r.Context())
	}
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.renderItem(w, r, &ItemPage{Action: it, Meeting: m, Item: ItemForm{Title: it.Title, OwnerID: it.OwnerID, DueOn: isoDate(it.DueOn),
		Status: it.Status, PlanActionID: it.PlanActionID}}, nil)
}

func isoDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

func (h *Handler) updateItem(w http.ResponseWriter, r *http.Request) {
	it, m, a, err := h.loadItem(r)
	if err == nil && !a.Manage {
		err = deny(r.Context())
	}
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	var f ItemForm
	in, err := readItemForm(r, &f)
	if err == nil {
		err = h.store.UpdateItem(r.Context(), it.ID, in, h.web.Clock.Now())
	}
	if err != nil {
		h.renderItem(w, r, &ItemPage{Action: it, Meeting: m, Item: f}, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "minutes.item_saved"))
	web.Redirect(w, r, minutesURL(m.ID)+"#action-items")
}

func (h *Handler) setItemStatus(w http.ResponseWriter, r *http.Request) {
	it, m, a, err := h.loadItem(r)
	if err == nil && !a.Manage && (it.OwnerID == 0 || it.OwnerID != a.Person) {
		err = deny(r.Context())
	}
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	if err := h.store.SetItemStatus(r.Context(), it.ID, web.Field(r, "status"), h.web.Clock.Now()); err != nil {
		h.renderMinutes(w, r, m, a, nil, nil, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "minutes.item_status_saved", "Title", it.Title))
	next := web.SafeNext(r.PostFormValue("next"))
	if next == "" || next == "/" {
		next = minutesURL(m.ID) + "#action-items"
	}
	web.Redirect(w, r, next)
}

// SummaryPage is the take-home summary: the list of represented
// organisations, or one organisation's summary.
type SummaryPage struct {
	Meeting       *meeting.Meeting
	Organisations []Organisation
	Organisation  *Organisation // nil on the list
	Minutes       *Minutes      // nil when none or a draft the user may not see
	Draft         bool
	Items         []ActionItem
	Next          *meeting.Meeting
}

func (h *Handler) showSummary(w http.ResponseWriter, r *http.Request) {
	m, a, err := h.loadMeeting(r, canRead)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	ctx := r.Context()
	now := h.web.Clock.Now()
	p := &SummaryPage{Meeting: m}
	if p.Organisations, err = h.store.Organisations(ctx, m.NetworkID, m.ID, now); err != nil {
		h.web.Error(w, r, err)
		return
	}
	orgParam := r.URL.Query().Get("organisation")
	if orgParam == "" {
		h.web.Render(w, r, http.StatusOK, "minutes/summary_list", h.web.T(r, "minutes.summary_list_title", "Title", m.Title), p)
		return
	}
	orgID, perr := strconv.ParseInt(orgParam, 10, 64)
	for i := range p.Organisations {
		if perr == nil && p.Organisations[i].ID == orgID {
			p.Organisation = &p.Organisations[i]
		}
	}
	if p.Organisation == nil {
		h.web.Error(w, r, app.NotFound("organisation"))
		return
	}
	mn, err := h.store.Get(ctx, m.ID)
	if err != nil && !app.IsCode(err, app.ENOTFOUND) {
		h.web.Error(w, r, err)
		return
	}
	if mn != nil && (mn.Approved() || a.Manage) {
		p.Minutes, p.Draft = mn, !mn.Approved()
	}
	items, err := h.store.Items(ctx, m.ID, now)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	for _, it := range items {
		if it.OrganisationID == orgID && it.Status != ItemCancelled {
			p.Items = append(p.Items, it)
		}
	}
	if p.Next, err = h.store.NextMeeting(ctx, m); err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "minutes/summary",
		h.web.T(r, "minutes.summary_title", "Organisation", p.Organisation.Name, "Title", m.Title), p)
}

// summaryURL is the take-home summary of an organisation.
func summaryURL(meetingID, orgID int64) string {
	return fmt.Sprintf("/meetings/%d/summary?organisation=%d", meetingID, orgID)
}
