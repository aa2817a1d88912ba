package minutes

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the minutes pages and API, both adapters over Service.
type Handler struct {
	web *web.Kit
	svc *Service
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, svc: NewService(d, auth.NewPolicy(d, kit.Clock), kit.Clock, nil)}
}

// WithMail sets the outbox approved minutes are queued in (without one, no
// mail is sent).
func (h *Handler) WithMail(o *mail.Outbox) *Handler {
	h.svc.mail = o
	return h
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /meetings/{id}/minutes", h.web.HTML(h.showMinutes))
	mux.HandleFunc("POST /meetings/{id}/minutes", h.web.HTML(h.saveMinutes))
	mux.HandleFunc("GET /meetings/{id}/minutes/approve", h.web.HTML(h.showApprove))
	mux.HandleFunc("POST /meetings/{id}/minutes/approve", h.web.HTML(h.approveMinutes))
	mux.HandleFunc("POST /meetings/{id}/action-items", h.web.HTML(h.addItem))
	mux.HandleFunc("GET /meetings/{id}/summary", h.web.HTML(h.showSummary))
	mux.HandleFunc("GET /action-items/{id}/edit", h.web.HTML(h.showEditItem))
	mux.HandleFunc("POST /action-items/{id}", h.web.HTML(h.updateItem))
	mux.HandleFunc("POST /action-items/{id}/status", h.web.HTML(h.setItemStatus))
	mux.HandleFunc("POST /action-items/{id}/undo", h.web.HTML(h.undoItemStatus))
	h.apiRoutes(mux)
}

func minutesURL(id int64) string { return "/meetings/" + strconv.FormatInt(id, 10) + "/minutes" }

// meetingTarget loads the meeting named by the path with the user's
// access, requiring right r.
func (h *Handler) meetingTarget(r *http.Request, right Right) (*Target, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.svc.Meeting(r.Context(), app.UserFrom(r.Context()), id, right)
}

// itemTarget loads the action item named by the path with its meeting
// and the user's access, requiring right r.
func (h *Handler) itemTarget(r *http.Request, right Right) (*ItemTarget, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.svc.Item(r.Context(), app.UserFrom(r.Context()), id, right)
}

// MinutesForm is the minutes form's values: a section per agenda item,
// then the text and decisions of the minutes as a whole.
type MinutesForm struct {
	Body      string
	Decisions string
	Reason    string
	Sections  []SectionForm
}

// SectionForm is the part of the minutes form about one agenda item.
type SectionForm struct {
	AgendaItemID int64 // 0: the agenda item was removed; Title is kept
	Title        string
	Preparer     string
	Body         string
	Decisions    string
	// A new action item under the agenda item.
	ItemTitle string
	ItemOwner int64
	ItemDue   string
}

// draftForm is the minutes form for the minutes mn (nil before any are
// written) and the agenda: a section per agenda item, in the agenda's
// order, with what is written under it; a section whose agenda item was
// removed since stays where it was.
func draftForm(mn *Minutes, agenda []meeting.Item) MinutesForm {
	var f MinutesForm
	saved := map[int64]*Section{}
	if mn != nil {
		f.Body, f.Decisions = mn.Body, strings.Join(mn.GeneralDecisions(), "\n")
		for i := range mn.Sections {
			if id := mn.Sections[i].AgendaItemID; id != 0 {
				saved[id] = &mn.Sections[i]
			}
		}
	}
	for _, it := range agenda {
		sf := SectionForm{AgendaItemID: it.ID, Title: it.Title, Preparer: it.PreparerName}
		if sec := saved[it.ID]; sec != nil {
			sf.Body, sf.Decisions = sec.Body, strings.Join(sec.Decisions, "\n")
		}
		f.Sections = append(f.Sections, sf)
	}
	if mn != nil {
		for i, sec := range mn.Sections {
			if sec.AgendaItemID != 0 {
				continue
			}
			sf := SectionForm{Title: sec.Title, Preparer: sec.Preparer, Body: sec.Body, Decisions: strings.Join(sec.Decisions, "\n")}
			at := min(i, len(f.Sections))
			f.Sections = append(f.Sections[:at], append([]SectionForm{sf}, f.Sections[at:]...)...)
		}
	}
	return f
}

// ItemForm is the action item form's values.
type ItemForm struct {
	Title        string
	OwnerID      int64
	DueOn        string
	Status       string
	PlanActionID int64
	AgendaItemID int64
}

// Page is a meeting's minutes page.
type Page struct {
	Meeting     *meeting.Meeting
	Minutes     *Minutes // nil before anything is written
	Revisions   []Revision
	Items       []ActionItem
	Members     []Member
	PlanActions []PlanAction
	Agenda      []meeting.Item
	Access      auth.MinutesAccess
	CanApprove  bool
	Form        MinutesForm
	Item        ItemForm
	Today       time.Time
}

// CanSetStatus reports whether the user may change the item's status.
func (p *Page) CanSetStatus(it ActionItem) bool { return p.Access.CanSetItemStatus(it.OwnerID) }

func (h *Handler) showMinutes(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightRead)
	if err != nil {
		return err
	}
	return h.renderMinutes(w, r, t, nil, nil, nil)
}

// renderMinutes shows the minutes page; form and item keep what was typed
// when formErr is a validation error (any other error is returned).
func (h *Handler) renderMinutes(w http.ResponseWriter, r *http.Request, t *Target, form *MinutesForm, item *ItemForm, formErr error) error {
	o, err := h.svc.Overview(r.Context(), t)
	if err != nil {
		return err
	}
	m := t.Meeting
	p := &Page{Meeting: m, Access: t.Access, Today: Today(h.web.Clock.Now()), Item: ItemForm{Status: ItemOpen},
		Minutes: o.Minutes, Revisions: o.Revisions, Items: o.Items, Members: o.Members, PlanActions: o.PlanActions,
		Agenda: o.Record.Agenda, CanApprove: t.CanApprove(o.Minutes)}
	p.Form = draftForm(o.Minutes, o.Record.Agenda)
	if item := r.URL.Query().Get("agenda_item"); item != "" {
		p.Item.AgendaItemID, _ = strconv.ParseInt(item, 10, 64)
	}
	if form != nil {
		// The titles and preparers shown are the agenda's, not the form's.
		for i := range form.Sections {
			for _, sec := range p.Form.Sections {
				if sec.AgendaItemID != 0 && sec.AgendaItemID == form.Sections[i].AgendaItemID {
					form.Sections[i].Title, form.Sections[i].Preparer = sec.Title, sec.Preparer
				}
			}
		}
		p.Form = *form
	}
	if item != nil {
		p.Item = *item
	}
	title := h.web.T(r, "minutes.title", "Title", m.TitleIn(web.Lang(r.Context())))
	page := func(v *web.View) templ.Component { return minutesPage(v, p) }
	if formErr != nil {
		return h.web.Form(w, r, formErr, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func readMinutesForm(r *http.Request, f *MinutesForm) Input {
	f.Body = web.Field(r, "body")
	f.Decisions = r.PostFormValue("decisions")
	f.Reason = web.Field(r, "reason")
	in := Input{Body: f.Body, Decisions: SplitDecisions(f.Decisions), Reason: f.Reason}
	n, _ := strconv.Atoi(r.PostFormValue("sections"))
	n = max(0, min(n, MaxSections+1))
	for i := range n {
		field := func(part string) string { return r.PostFormValue(SectionField(i, part)) }
		var problems app.Validator
		sf := SectionForm{Title: strings.TrimSpace(field("title")), Body: field("body"), Decisions: field("decisions"),
			ItemTitle: strings.TrimSpace(field("item-title")), ItemDue: strings.TrimSpace(field("item-due"))}
		sf.AgendaItemID = web.OptionalID(&problems, SectionField(i, "body"), field("agenda-item"))
		sf.ItemOwner = web.OptionalID(&problems, SectionField(i, "item-owner"), field("item-owner"))
		sec := SectionInput{AgendaItemID: sf.AgendaItemID, Title: sf.Title, Body: sf.Body, Decisions: SplitDecisions(sf.Decisions)}
		if sf.ItemTitle != "" || sf.ItemOwner != 0 || sf.ItemDue != "" {
			item := &ItemInput{Title: sf.ItemTitle, OwnerID: sf.ItemOwner}
			item.DueOn = web.Date(&item.Problems, "due_on", sf.ItemDue)
			for _, fe := range problems.Fields() {
				item.Problems.Add(fe.Field, fe.Key, fe.Args)
			}
			sec.Item = item
		}
		f.Sections = append(f.Sections, sf)
		in.Sections = append(in.Sections, sec)
	}
	return in
}

func (h *Handler) saveMinutes(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightManage)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var f MinutesForm
	in := readMinutesForm(r, &f)
	if _, err := h.svc.SaveMinutes(r.Context(), t, SaveInput{Input: in}); err != nil {
		return h.renderMinutes(w, r, t, &f, nil, err)
	}
	h.web.Flash(r, h.web.T(r, "minutes.saved"))
	web.Redirect(w, r, minutesURL(t.Meeting.ID))
	return nil
}

// ApprovePage is the confirmation before approving the minutes: what
// approval does and to how many members the minutes are mailed.
type ApprovePage struct {
	Meeting  *meeting.Meeting
	Approval *Approval
}

// showApprove asks before the minutes are approved and mailed.
func (h *Handler) showApprove(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightApprove)
	if err != nil {
		return err
	}
	return h.renderApprove(w, r, t, nil)
}

// renderApprove shows the confirmation; formErr is the failed approval's
// error. Minutes that cannot be approved (none, empty, approved already)
// send the approver back to the minutes page with the reason.
func (h *Handler) renderApprove(w http.ResponseWriter, r *http.Request, t *Target, formErr error) error {
	a, err := h.svc.Approval(r.Context(), t)
	if app.IsCode(err, app.EINVALID) {
		if e := app.AsError(err); e != nil && e.Key != "" {
			h.web.Flash(r, h.web.T(r, e.Key))
		}
		web.Redirect(w, r, minutesURL(t.Meeting.ID))
		return nil
	}
	if err != nil {
		return err
	}
	p := &ApprovePage{Meeting: t.Meeting, Approval: a}
	title := h.web.T(r, "minutes.approve_title", "Title", t.Meeting.TitleIn(web.Lang(r.Context())))
	page := func(v *web.View) templ.Component { return approvePage(v, p) }
	if formErr != nil {
		return h.web.Form(w, r, formErr, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) approveMinutes(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightApprove)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	// The form sends back the version shown; a missing one is the page's
	// own fault, so it reads as a change.
	version, convErr := strconv.Atoi(web.Field(r, "version"))
	if convErr != nil || version <= 0 {
		return h.renderApprove(w, r, t, app.FieldInvalid("version", "minutes.err.changed"))
	}
	sent, err := h.svc.Approve(r.Context(), t, version)
	if err != nil {
		return h.renderApprove(w, r, t, err)
	}
	h.web.Flash(r, h.web.T(r, "minutes.approved_flash", "N", sent))
	web.Redirect(w, r, minutesURL(t.Meeting.ID))
	return nil
}

func readItemForm(r *http.Request, f *ItemForm) ItemInput {
	var in ItemInput
	f.Title = web.Field(r, "title")
	f.OwnerID = web.OptionalID(&in.Problems, "owner_id", r.PostFormValue("owner_id"))
	f.DueOn = web.Field(r, "due_on")
	f.Status = web.Field(r, "status")
	f.PlanActionID = web.OptionalID(&in.Problems, "plan_action_id", r.PostFormValue("plan_action_id"))
	f.AgendaItemID = web.OptionalID(&in.Problems, "agenda_item_id", r.PostFormValue("agenda_item_id"))
	in.Title, in.OwnerID, in.Status, in.PlanActionID, in.AgendaItemID = f.Title, f.OwnerID, f.Status, f.PlanActionID, f.AgendaItemID
	in.DueOn = web.Date(&in.Problems, "due_on", f.DueOn)
	return in
}

func (h *Handler) addItem(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightManage)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var f ItemForm
	if _, err := h.svc.AddItem(r.Context(), t, readItemForm(r, &f)); err != nil {
		return h.renderMinutes(w, r, t, nil, &f, err)
	}
	h.web.Flash(r, h.web.T(r, "minutes.item_added"))
	web.Redirect(w, r, minutesURL(t.Meeting.ID)+"#action-items")
	return nil
}

// ItemPage is the action item edit form.
type ItemPage struct {
	Action      *ActionItem
	Meeting     *meeting.Meeting
	Item        ItemForm
	Members     []Member
	PlanActions []PlanAction
	Agenda      []meeting.Item
}

// renderItem shows the action item form; formErr as for renderMinutes.
func (h *Handler) renderItem(w http.ResponseWriter, r *http.Request, t *ItemTarget, f ItemForm, formErr error) error {
	c, err := h.svc.ItemChoices(r.Context(), t)
	if err != nil {
		return err
	}
	p := &ItemPage{Action: t.Item, Meeting: t.Meeting, Item: f, Members: c.Members, PlanActions: c.PlanActions, Agenda: c.AgendaItems}
	if p.Action.OwnerID != 0 && !p.Action.OwnerIsMember {
		// The owner has left: they may be kept, or the item re-assigned.
		p.Members = append(p.Members, Member{PersonID: p.Action.OwnerID,
			Name: p.Action.OwnerName + " – " + h.web.T(r, "minutes.owner_left")})
	}
	title := h.web.T(r, "minutes.edit_item")
	page := func(v *web.View) templ.Component { return itemPage(v, p) }
	if formErr != nil {
		return h.web.Form(w, r, formErr, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showEditItem(w http.ResponseWriter, r *http.Request) error {
	t, err := h.itemTarget(r, RightManage)
	if err != nil {
		return err
	}
	it := t.Item
	return h.renderItem(w, r, t, ItemForm{Title: it.Title, OwnerID: it.OwnerID, DueOn: app.ISODate(it.DueOn),
		Status: it.Status, PlanActionID: it.PlanActionID, AgendaItemID: it.AgendaItemID}, nil)
}

func (h *Handler) updateItem(w http.ResponseWriter, r *http.Request) error {
	t, err := h.itemTarget(r, RightManage)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var f ItemForm
	if _, err := h.svc.UpdateItem(r.Context(), t, readItemForm(r, &f)); err != nil {
		return h.renderItem(w, r, t, f, err)
	}
	h.web.Flash(r, h.web.T(r, "minutes.item_saved"))
	web.Redirect(w, r, minutesURL(t.Meeting.ID)+"#action-items")
	return nil
}

func (h *Handler) setItemStatus(w http.ResponseWriter, r *http.Request) error {
	t, err := h.itemTarget(r, RightSetStatus)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	if err := h.svc.SetItemStatus(r.Context(), t, web.Field(r, "status")); err != nil {
		return h.renderMinutes(w, r, &t.Target, nil, nil, err)
	}
	next := web.SafeNext(r.PostFormValue("next"))
	if next == "" || next == "/" {
		next = minutesURL(t.Meeting.ID) + "#action-items"
	}
	if status, prev := web.Field(r, "status"), t.Item.Status; status == ItemDone && prev != ItemDone {
		// One click, easy to mistake on a phone: undo, not a confirmation.
		h.web.FlashUndo(r, h.web.T(r, "minutes.item_marked_done", "Title", t.Item.Title),
			web.Undo{Action: itemUndoURL(t.Item.ID), Title: t.Item.Title, State: prev, Next: next})
		next = web.AtFlash(next)
	} else {
		h.web.Flash(r, h.web.T(r, "minutes.item_status_saved", "Title", t.Item.Title))
	}
	web.Redirect(w, r, next)
	return nil
}

func itemUndoURL(id int64) string { return "/action-items/" + strconv.FormatInt(id, 10) + "/undo" }

// undoItemStatus is the Undo of marking an action item done: its status
// before, kept in the session for a short time (web.HandleUndo), comes
// back if the item is still done.
func (h *Handler) undoItemStatus(w http.ResponseWriter, r *http.Request) error {
	t, err := h.itemTarget(r, RightSetStatus)
	if err != nil {
		return err
	}
	return h.web.HandleUndo(w, r, func(prev string) (string, error) {
		if err := h.svc.UndoItemStatus(r.Context(), t, ItemDone, prev); err != nil {
			return "", err
		}
		return h.web.T(r, "minutes.item_undone", "Title", t.Item.Title), nil
	})
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

func (h *Handler) showSummary(w http.ResponseWriter, r *http.Request) error {
	t, err := h.meetingTarget(r, RightRead)
	if err != nil {
		return err
	}
	m := t.Meeting
	orgParam := r.URL.Query().Get("organisation")
	if orgParam == "" {
		orgs, err := h.svc.Organisations(r.Context(), t)
		if err != nil {
			return err
		}
		p := &SummaryPage{Meeting: m, Organisations: orgs}
		return h.web.Page(w, r, http.StatusOK, h.web.T(r, "minutes.summary_list_title", "Title", m.TitleIn(web.Lang(r.Context()))),
			func(v *web.View) templ.Component { return summaryListPage(v, p) })
	}
	orgID, perr := strconv.ParseInt(orgParam, 10, 64)
	if perr != nil {
		orgID = 0 // names no organisation: not found
	}
	s, err := h.svc.Summary(r.Context(), t, orgID)
	if err != nil {
		return err
	}
	p := &SummaryPage{Meeting: m, Organisations: s.Organisations, Organisation: s.Organisation, Minutes: s.Minutes,
		Draft: s.Draft, Items: s.Items, Next: s.Next}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "minutes.summary_title", "Organisation", p.Organisation.Name, "Title", m.TitleIn(web.Lang(r.Context()))),
		func(v *web.View) templ.Component { return summaryPage(v, p) })
}

// summaryURL is the take-home summary of an organisation.
func summaryURL(meetingID, orgID int64) string {
	return fmt.Sprintf("/meetings/%d/summary?organisation=%d", meetingID, orgID)
}
