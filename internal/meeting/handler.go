package meeting

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

const (
	listPerPage  = 50
	defaultCount = 6
)

// Handler serves the meeting pages and API: both adapt the use cases of
// Service.
type Handler struct {
	web   *web.Kit
	svc   *Service
	store *Store // reads for the meeting page
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, svc: NewService(d, auth.NewPolicy(d, kit.Clock), kit.Clock, nil), store: NewStore(d)}
}

// WithMail sets the outbox invitations are queued in (without one, no
// mail is sent).
func (h *Handler) WithMail(o *mail.Outbox) *Handler {
	h.svc.mail = o
	return h
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /networks/{id}/meetings", h.web.HTML(h.listMeetings))
	mux.HandleFunc("GET /networks/{id}/meetings/new", h.web.HTML(h.showNewMeeting))
	mux.HandleFunc("POST /networks/{id}/meetings", h.web.HTML(h.createMeeting))
	mux.HandleFunc("GET /networks/{id}/attendance", h.web.HTML(h.showAttendanceHistory))
	mux.HandleFunc("GET /meetings/{id}", h.web.HTML(h.showMeeting))
	mux.HandleFunc("GET /meetings/{id}/edit", h.web.HTML(h.showEditMeeting))
	mux.HandleFunc("GET /meetings/{id}/meeting.ics", h.web.HTML(h.downloadICS))
	mux.HandleFunc("POST /meetings/{id}", h.web.HTML(h.updateMeeting))
	mux.HandleFunc("GET /meetings/{id}/cancel", h.web.HTML(h.showCancelMeeting))
	mux.HandleFunc("POST /meetings/{id}/cancel", h.web.HTML(h.cancelMeeting))
	mux.HandleFunc("POST /meetings/{id}/agenda", h.web.HTML(h.addItem))
	mux.HandleFunc("POST /meetings/{id}/response", h.web.HTML(h.respond))
	mux.HandleFunc("POST /meetings/{id}/attendance", h.web.HTML(h.recordAttendance))
	mux.HandleFunc("POST /agenda-items/{id}/accept", h.web.HTML(h.acceptItem))
	mux.HandleFunc("POST /agenda-items/{id}/move", h.web.HTML(h.moveItem))
	mux.HandleFunc("GET /agenda-items/{id}/edit", h.web.HTML(h.showEditItem))
	mux.HandleFunc("POST /agenda-items/{id}", h.web.HTML(h.updateItem))
	mux.HandleFunc("GET /agenda-items/{id}/delete", h.web.HTML(h.showDeleteItem))
	mux.HandleFunc("POST /agenda-items/{id}/delete", h.web.HTML(h.deleteItem))
	h.apiRoutes(mux)
	h.historyRoutes(mux)
}

func meetingURL(id int64) string { return "/meetings/" + strconv.FormatInt(id, 10) }

// ListPage is a network's meetings.
type ListPage struct {
	Network   *network.Ref
	CanManage bool
	Invitee   bool
	Upcoming  []Meeting
	Past      []Meeting
	PastTotal int
	Page      int
	PrevURL   string
	NextURL   string
}

func (h *Handler) listMeetings(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	n, a, err := h.svc.Network(ctx, app.UserFrom(ctx), id)
	if err != nil {
		return err
	}
	now := h.svc.Now()
	p := ListPage{Network: n, CanManage: a.Manage, Invitee: a.Invitee, Page: web.PageParam(r)}
	if p.Upcoming, _, err = h.svc.List(ctx, ListFilter{NetworkID: id, When: "upcoming", Now: now, Limit: 200}); err != nil {
		return err
	}
	p.Past, p.PastTotal, err = h.svc.List(ctx, ListFilter{NetworkID: id, When: "past", Now: now,
		Limit: listPerPage, Offset: (p.Page - 1) * listPerPage})
	if err != nil {
		return err
	}
	base := fmt.Sprintf("/networks/%d/meetings?page=", id)
	if p.Page > 1 {
		p.PrevURL = base + strconv.Itoa(p.Page-1) + "#past"
	}
	if p.Page*listPerPage < p.PastTotal {
		p.NextURL = base + strconv.Itoa(p.Page+1) + "#past"
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "meeting.list_title", "Network", n.NameIn(web.Lang(r.Context()))),
		func(v *web.View) templ.Component { return listPage(v, &p) })
}

// FormPage is the meeting create / edit form. Times are Helsinki time.
type FormPage struct {
	IsNew          bool
	ID             int64
	Network        *network.Ref
	Title          string
	TitleSv        string
	TitleEn        string
	Description    string
	DescriptionSv  string
	DescriptionEn  string
	Date           string
	StartTime      string
	EndTime        string
	Mode           string
	Place          string
	RemoteLink     string
	AgendaDeadline string
	Repeat         string
	Count          string
	Until          string
}

func (h *Handler) formTitle(r *http.Request, f *FormPage) string {
	if f.IsNew {
		return h.web.T(r, "meeting.new_title")
	}
	return h.web.T(r, "meeting.edit_title")
}

// renderForm shows the form, or again with err's field errors (422);
// any other err is returned for the error page.
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, f *FormPage, err error) error {
	page := func(v *web.View) templ.Component {
		// After a failed POST, a reload or the language switch goes to
		// the form's GET address.
		if f.IsNew {
			v.Path = fmt.Sprintf("/networks/%d/meetings/new", f.Network.ID)
		} else {
			v.Path = meetingURL(f.ID) + "/edit"
		}
		return formPage(v, f)
	}
	if err != nil {
		return h.web.Form(w, r, err, h.formTitle(r, f), page)
	}
	return h.web.Page(w, r, http.StatusOK, h.formTitle(r, f), page)
}

func (h *Handler) showNewMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	n, err := h.svc.ManagedNetwork(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, &FormPage{IsNew: true, Network: n, Mode: ModeInPerson, StartTime: "09:00", EndTime: "11:00",
		Repeat: RepeatNone, Count: strconv.Itoa(defaultCount)}, nil)
}

// parseClock parses 9:00, 09:00 or 9.00.
func parseClock(s string) (int, int, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ".", ":")
	t, err := time.Parse("15:04", s)
	if err != nil {
		if t, err = time.Parse("15:04:05", s); err != nil {
			return 0, 0, false
		}
	}
	return t.Hour(), t.Minute(), true
}

// localTime combines a date and a clock time in Helsinki; a time that does
// not exist there that day (clocks going forward) is a field error.
func localTime(v *app.Validator, dateField, date, clockField, clock string) time.Time {
	d := web.Date(v, dateField, date)
	if date == "" {
		v.Add(dateField, "err.required", nil)
	}
	hh, mm, ok := parseClock(clock)
	if !ok {
		if clock == "" {
			v.Add(clockField, "err.required", nil)
		} else {
			v.Add(clockField, "meeting.err.bad_time", nil)
		}
	}
	if d == nil || !ok {
		return time.Time{}
	}
	t, exists := HelsinkiTime(d.Year(), d.Month(), d.Day(), hh, mm, 0)
	if !exists {
		noSuchTime(v, clockField, d.Year(), d.Month(), d.Day(), hh, mm)
	}
	return t
}

// deadlineFromDate makes "proposals until the end of this day" (Helsinki).
func deadlineFromDate(d *time.Time) *time.Time {
	if d == nil {
		return nil
	}
	t := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, app.Helsinki).UTC()
	return &t
}

func deadlineDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Add(-time.Second).In(app.Helsinki).Format("2006-01-02")
}

// readForm reads the meeting form into f and the input; what does not
// parse is the input's Problems.
func readForm(r *http.Request, f *FormPage) Input {
	var v app.Validator
	f.Title = web.Field(r, "title")
	f.TitleSv = web.Field(r, "title_sv")
	f.TitleEn = web.Field(r, "title_en")
	f.Description = web.Field(r, "description")
	f.DescriptionSv = web.Field(r, "description_sv")
	f.DescriptionEn = web.Field(r, "description_en")
	f.Date = web.Field(r, "date")
	f.StartTime = web.Field(r, "start_time")
	f.EndTime = web.Field(r, "end_time")
	f.Mode = web.Field(r, "mode")
	f.Place = web.Field(r, "place")
	f.RemoteLink = web.Field(r, "remote_link")
	f.AgendaDeadline = web.Field(r, "agenda_deadline")
	in := Input{Title: f.Title, TitleSv: f.TitleSv, TitleEn: f.TitleEn, Description: f.Description, DescriptionSv: f.DescriptionSv,
		DescriptionEn: f.DescriptionEn, Mode: f.Mode, Place: f.Place, RemoteLink: f.RemoteLink}
	in.StartsAt = localTime(&v, "date", f.Date, "start_time", f.StartTime)
	if !in.StartsAt.IsZero() {
		hh, mm, ok := parseClock(f.EndTime)
		if ok {
			s := in.StartsAt.In(app.Helsinki)
			var exists bool
			if in.EndsAt, exists = HelsinkiTime(s.Year(), s.Month(), s.Day(), hh, mm, 0); !exists {
				noSuchTime(&v, "end_time", s.Year(), s.Month(), s.Day(), hh, mm)
			}
		} else if f.EndTime == "" {
			v.Add("end_time", "err.required", nil)
		} else {
			v.Add("end_time", "meeting.err.bad_time", nil)
		}
	}
	in.AgendaDeadline = deadlineFromDate(web.Date(&v, "agenda_deadline", f.AgendaDeadline))
	if f.IsNew {
		f.Repeat = web.Field(r, "repeat")
		f.Count = web.Field(r, "count")
		f.Until = web.Field(r, "until")
		switch f.Repeat {
		case "", RepeatNone:
			f.Repeat = RepeatNone
		case RepeatMonthly:
			until := web.Date(&v, "until", f.Until)
			count := 0
			if until == nil {
				n, err := strconv.Atoi(f.Count)
				if err != nil || n < 2 || n > MaxOccurrences {
					v.Add("count", "meeting.err.bad_count", map[string]any{"Max": MaxOccurrences})
				}
				count = n
			}
			if !in.StartsAt.IsZero() && v.Valid() {
				in.RRule = MonthlyRule(in.StartsAt, count, until)
			}
		default:
			v.Add("repeat", "err.invalid_choice", nil)
		}
	}
	if in.Mode == "" {
		in.Mode = "-"
	}
	in.Problems = v.Err()
	return in
}

func (h *Handler) createMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	f := &FormPage{IsNew: true}
	ids, err := h.svc.Create(ctx, u, id, readForm(r, f))
	if err != nil {
		if !hasFields(err) {
			return err
		}
		n, nerr := h.svc.ManagedNetwork(ctx, u, id)
		if nerr != nil {
			return nerr
		}
		f.Network = n
		return h.renderForm(w, r, f, err)
	}
	if len(ids) > 1 {
		h.web.Flash(r, h.web.T(r, "meeting.series_created", "Count", len(ids)))
	} else {
		h.web.Flash(r, h.web.T(r, "meeting.created"))
	}
	web.Redirect(w, r, meetingURL(ids[0]))
	return nil
}

// hasFields reports whether err carries field errors: a form shows them
// by its fields rather than on the error page.
func hasFields(err error) bool {
	e := app.AsError(err)
	return e != nil && len(e.Fields) > 0
}

// formOf fills the edit form from a meeting.
func formOf(m *Meeting) *FormPage {
	return &FormPage{ID: m.ID, Network: &network.Ref{ID: m.NetworkID, Name: m.NetworkName, NameSv: m.NetworkNameSv, NameEn: m.NetworkNameEn, ProjectID: m.ProjectID}}
}

func (h *Handler) showEditMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	m, err := h.svc.ManagedMeeting(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	f := formOf(m)
	f.Title, f.Description, f.Mode, f.Place, f.RemoteLink = m.Title, m.Description, m.Mode, m.Place, m.RemoteLink
	f.TitleSv, f.TitleEn, f.DescriptionSv, f.DescriptionEn = m.TitleSv, m.TitleEn, m.DescriptionSv, m.DescriptionEn
	f.Date, f.StartTime, f.EndTime = m.Start().Format("2006-01-02"), m.Start().Format("15:04"), m.End().Format("15:04")
	f.AgendaDeadline = deadlineDate(m.AgendaDeadline)
	return h.renderForm(w, r, f, nil)
}

func (h *Handler) updateMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	f := &FormPage{ID: id}
	if err := h.svc.Update(ctx, u, id, readForm(r, f)); err != nil {
		if !hasFields(err) {
			return err
		}
		m, merr := h.svc.ManagedMeeting(ctx, u, id)
		if merr != nil {
			return merr
		}
		f.Network = formOf(m).Network
		return h.renderForm(w, r, f, err)
	}
	h.web.Flash(r, h.web.T(r, "meeting.saved"))
	web.Redirect(w, r, meetingURL(id))
	return nil
}

// CancelPage is the confirmation in front of cancelling a meeting.
type CancelPage struct {
	Plan    *CancelPlan
	Refusal string // why it cannot be cancelled, translated; "" when it can
}

// renderCancel shows the cancellation's confirmation page (or, for a
// meeting that has started or is cancelled, the reason there is nothing
// to confirm) with status.
func (h *Handler) renderCancel(w http.ResponseWriter, r *http.Request, status int, p *CancelPlan) error {
	page := &CancelPage{Plan: p}
	if p.Refused != nil {
		page.Refusal = h.web.Message(r, p.Refused)
	}
	return h.web.Page(w, r, status, h.web.T(r, "meeting.cancel_title", "Title", p.Meeting.TitleIn(web.Lang(r.Context()))), func(v *web.View) templ.Component {
		v.Path = meetingURL(p.Meeting.ID) + "/cancel"
		return cancelPage(v, page)
	})
}

func (h *Handler) showCancelMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.svc.PlanCancel(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderCancel(w, r, http.StatusOK, p)
}

func (h *Handler) cancelMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	if err := h.svc.Cancel(ctx, u, id); err != nil {
		if e := app.AsError(err); e == nil || e.Key != "meeting.err.started" && e.Key != "meeting.err.cancelled" {
			return err
		}
		// Refused: the confirmation page says why, with the refusal's
		// status (409 started, 422 already cancelled).
		p, perr := h.svc.PlanCancel(ctx, u, id)
		if perr != nil {
			return perr
		}
		p.Refused = err
		return h.renderCancel(w, r, web.Status(app.AsError(err).Code), p)
	}
	h.web.Flash(r, h.web.T(r, "meeting.cancelled_flash"))
	web.Redirect(w, r, meetingURL(id))
	return nil
}

// downloadICS answers a meeting's calendar file ("add to calendar"): seen
// by whoever sees the page, with the remote link for invitees only.
func (h *Handler) downloadICS(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	m, a, err := h.svc.Meeting(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	base, host := h.base(r)
	body := ICS(m, ICSOptions{Host: host, URL: base + meetingURL(m.ID), ShowLink: a.Invitee, Now: h.svc.Now(), Publish: true,
		Lang: web.Lang(r.Context())})
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="meeting-%d.ics"`, m.ID))
	if a.Invitee {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(body))
	return nil
}

// base returns the site's base URL (no trailing slash) and the host that
// names calendar UIDs: the outbox's, as in the invitations, so a calendar
// that has the invitation sees the same event.
func (h *Handler) base(r *http.Request) (baseURL, host string) {
	if h.svc.mail != nil {
		return h.svc.mail.URL(""), h.svc.mail.Host()
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host = r.Host
	if hn, _, err := net.SplitHostPort(host); err == nil {
		host = hn
	}
	return scheme + "://" + r.Host, host
}

// ViewPage is a meeting's page.
type ViewPage struct {
	Meeting       *Meeting
	CanManage     bool
	CanCancel     bool
	FailedForm    string // formItem, formResponse, formAttendance or ""
	FormError     string // the failed form's summary message
	Invitee       bool
	Member        bool
	SignedIn      bool
	Accepted      []Item
	Proposed      []Item
	CanPropose    bool
	Members       []Invitee
	Item          ItemForm
	MyAnswer      string
	Answerable    bool
	Answers       []string
	Responses     []Response
	Counts        map[string]int
	NoAnswer      []Invitee
	Coverage      *network.Coverage
	AttendanceOn  bool
	Attendance    map[int64]string
	AttendedNames []Attendance
	Roster        []Invitee
	Modes         []string
	TotalMinutes  int
}

// ItemForm is the agenda proposal form's values.
type ItemForm struct {
	Title      string
	PreparerID int64
	Minutes    string
	Notes      string
	Link       string
}

func (h *Handler) showMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	return h.renderMeeting(w, r, id, "", ItemForm{}, nil)
}

// The forms of the meeting page, named in ViewPage.FailedForm.
const (
	formItem       = "item"
	formResponse   = "response"
	formAttendance = "attendance"
)

// renderMeeting shows the meeting page or, with the field errors of the
// form named failed in formErr, the page again with them (422): the form
// shows its own error summary, linked to its fields, and the page's
// address stays the meeting's (a reload or the language switch goes to
// GET /meetings/{id}, not to the POST's address). Any other formErr is
// returned for the error page.
func (h *Handler) renderMeeting(w http.ResponseWriter, r *http.Request, id int64, failed string, item ItemForm, formErr error) error {
	if formErr != nil && !hasFields(formErr) {
		return formErr
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	m, a, err := h.svc.Meeting(ctx, u, id)
	if err != nil {
		return err
	}
	now := h.svc.Now()
	p := ViewPage{Meeting: m, CanManage: a.Manage, CanCancel: a.Manage && m.CanCancel(now), Invitee: a.Invitee, Member: a.Member, SignedIn: a.SignIn, Item: item,
		Answers: m.AnswerChoices(), Modes: AttendanceModes}
	if !a.Invitee {
		// The remote link is for invitees only.
		mm := *m
		mm.RemoteLink = ""
		p.Meeting = &mm
	}
	items, err := h.svc.Agenda(ctx, u, m, a)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Status == ItemAccepted {
			p.Accepted = append(p.Accepted, it)
			p.TotalMinutes += it.Minutes
		} else {
			p.Proposed = append(p.Proposed, it)
		}
	}
	if a.Invitee {
		ans, err := h.svc.Answers(ctx, u, m, a)
		if err != nil {
			return err
		}
		p.Members, p.Responses, p.Counts, p.NoAnswer, p.MyAnswer = ans.Invitees, ans.Responses, ans.Counts, ans.NoAnswer, ans.MyAnswer
		p.CanPropose = p.CanManage && !m.Cancelled() || a.Member && m.ProposalsOpen(now)
		if !p.CanPropose && a.Member && !m.Cancelled() && item != (ItemForm{}) {
			p.CanPropose = true // a refused proposal keeps its form and message
		}
		p.Answerable = a.Member && m.Answerable(now)
		if p.CanManage {
			p.Coverage = ans.Coverage
			p.AttendanceOn = m.AttendanceOpen(now)
			p.Roster = p.Members
		}
		att, err := h.svc.Attendance(ctx, u, m, a)
		if err != nil {
			return err
		}
		p.AttendedNames = att
		p.Attendance = map[int64]string{}
		for _, x := range att {
			p.Attendance[x.PersonID] = x.Mode
		}
	}
	page := func(v *web.View) templ.Component {
		v.Path = meetingURL(m.ID)
		if formErr != nil {
			// The failing form reports its errors next to itself; the
			// layout's summary at the top would be far from its fields
			// and look like the first form's.
			p.FailedForm, p.FormError = failed, v.ErrorSummary
			v.ErrorSummary = ""
		}
		return meetingView(v, &p)
	}
	if formErr != nil {
		return h.web.Form(w, r, formErr, m.TitleIn(web.Lang(ctx)), page)
	}
	return h.web.Page(w, r, http.StatusOK, m.TitleIn(web.Lang(ctx)), page)
}

// readItemForm reads the agenda form into f and the input; a number that
// does not parse is the input's Problems.
func readItemForm(r *http.Request, f *ItemForm) ItemInput {
	var v app.Validator
	f.Title = web.Field(r, "item_title")
	f.PreparerID = web.OptionalID(&v, "preparer_id", r.PostFormValue("preparer_id"))
	f.Minutes = web.Field(r, "minutes")
	f.Notes = web.Field(r, "notes")
	f.Link = web.Field(r, "link")
	in := ItemInput{Title: f.Title, PreparerID: f.PreparerID, Notes: f.Notes, Link: f.Link}
	if f.Minutes != "" {
		n, err := strconv.Atoi(f.Minutes)
		if err != nil {
			v.Add("minutes", "err.invalid_number", nil)
		}
		in.Minutes = n
	}
	in.Problems = v.Err()
	return in
}

func (h *Handler) addItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	var f ItemForm
	_, accepted, err := h.svc.AddItem(ctx, u, id, readItemForm(r, &f))
	if err != nil {
		if e := app.AsError(err); e != nil && e.Key == "meeting.err.proposals_closed" {
			// The deadline passed while the member wrote: the form comes
			// back with their text and the reason by the title (a
			// cancelled meeting has the error page).
			m, _, merr := h.svc.Meeting(ctx, u, id)
			if merr != nil {
				return merr
			}
			if !m.Cancelled() {
				err = app.FieldInvalid("item_title", "meeting.err.proposals_closed")
			}
		}
		return h.renderMeeting(w, r, id, formItem, f, err)
	}
	if accepted {
		h.web.Flash(r, h.web.T(r, "meeting.item_added"))
	} else {
		h.web.Flash(r, h.web.T(r, "meeting.item_proposed"))
	}
	web.Redirect(w, r, meetingURL(id)+"#agenda")
	return nil
}

func (h *Handler) acceptItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	it, err := h.svc.AcceptItem(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "meeting.item_accepted", "Title", it.Title))
	web.Redirect(w, r, meetingURL(it.MeetingID)+"#agenda")
	return nil
}

func (h *Handler) moveItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	it, err := h.svc.MoveItem(r.Context(), app.UserFrom(r.Context()), id, web.Field(r, "direction"))
	if err != nil {
		return err
	}
	web.Redirect(w, r, meetingURL(it.MeetingID)+"#agenda")
	return nil
}

// ItemEditPage is the agenda item edit form.
type ItemEditPage struct {
	Edit *ItemEdit
	Form ItemForm
}

func itemURL(id int64) string { return "/agenda-items/" + strconv.FormatInt(id, 10) }

// renderEditItem shows the edit form, or again with err's field errors
// (422); any other err is returned.
func (h *Handler) renderEditItem(w http.ResponseWriter, r *http.Request, p *ItemEditPage, err error) error {
	title := h.web.T(r, "meeting.edit_item_title")
	page := func(v *web.View) templ.Component {
		// A failed POST answers on the POST's address; the language
		// switch and a reload go to the form's GET address instead.
		v.Path = itemURL(p.Edit.Item.ID) + "/edit"
		return itemEditPage(v, p)
	}
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showEditItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	e, err := h.svc.EditItem(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	it := e.Item
	f := ItemForm{Title: it.Title, PreparerID: it.PreparerID, Notes: it.Notes, Link: it.Link}
	if it.Minutes != 0 {
		f.Minutes = strconv.Itoa(it.Minutes)
	}
	return h.renderEditItem(w, r, &ItemEditPage{Edit: e, Form: f}, nil)
}

func (h *Handler) updateItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	u := app.UserFrom(ctx)
	var f ItemForm
	in := readItemForm(r, &f)
	if err := h.svc.UpdateItem(ctx, u, id, ItemUpdate{ItemInput: in}); err != nil {
		if !hasFields(err) {
			return err
		}
		e, eerr := h.svc.EditItem(ctx, u, id)
		if eerr != nil {
			return eerr
		}
		return h.renderEditItem(w, r, &ItemEditPage{Edit: e, Form: f}, err)
	}
	e, err := h.svc.EditItem(ctx, u, id)
	if err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "meeting.item_saved", "Title", e.Item.Title))
	web.Redirect(w, r, meetingURL(e.Item.MeetingID)+"#agenda")
	return nil
}

func (h *Handler) showDeleteItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	e, err := h.svc.EditItem(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "meeting.delete_item_title", "Title", e.Item.Title),
		func(v *web.View) templ.Component { return itemDeletePage(v, e) })
}

func (h *Handler) deleteItem(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	it, err := h.svc.DeleteItem(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	h.web.Flash(r, h.web.T(r, "meeting.item_removed", "Title", it.Title))
	web.Redirect(w, r, meetingURL(it.MeetingID)+"#agenda")
	return nil
}

func (h *Handler) respond(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	if _, err := h.svc.Respond(r.Context(), app.UserFrom(r.Context()), id, web.Field(r, "answer")); err != nil {
		return h.renderMeeting(w, r, id, formResponse, ItemForm{}, err)
	}
	h.web.Flash(r, h.web.T(r, "meeting.answer_saved"))
	web.Redirect(w, r, meetingURL(id)+"#response")
	return nil
}

// readAttendance reads the attendance form: attendance_<person id> =
// in_person or remote; an empty value is absent.
func readAttendance(r *http.Request) AttendanceInput {
	var in AttendanceInput
	for key, vals := range r.PostForm {
		rest, ok := strings.CutPrefix(key, "attendance_")
		if !ok || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		pid, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			pid = 0
		}
		in.Entries = append(in.Entries, AttendanceEntry{PersonID: pid, Mode: strings.TrimSpace(vals[0]), Field: key})
	}
	return in
}

func (h *Handler) recordAttendance(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	if err := h.svc.RecordAttendance(r.Context(), app.UserFrom(r.Context()), id, readAttendance(r)); err != nil {
		return h.renderMeeting(w, r, id, formAttendance, ItemForm{}, err)
	}
	h.web.Flash(r, h.web.T(r, "meeting.attendance_saved"))
	web.Redirect(w, r, meetingURL(id)+"#attendance")
	return nil
}

func (h *Handler) showAttendanceHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.svc.NetworkHistory(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "meeting.history_title", "Network", p.Network.NameIn(web.Lang(r.Context()))),
		func(v *web.View) templ.Component { return historyPage(v, p) })
}
