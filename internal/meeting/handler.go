package meeting

import (
	"context"
	"database/sql"
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
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

const (
	listPerPage  = 50
	defaultCount = 6
)

// Handler serves the meeting pages and API.
type Handler struct {
	web    *web.Kit
	db     *db.DB
	store  *Store
	policy *auth.Policy
	mail   *mail.Outbox
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d, store: NewStore(d), policy: auth.NewPolicy(d, kit.Clock)}
}

// WithMail sets the outbox invitations are queued in (without one, no
// mail is sent).
func (h *Handler) WithMail(o *mail.Outbox) *Handler {
	h.mail = o
	return h
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /networks/{id}/meetings", h.listMeetings)
	mux.HandleFunc("GET /networks/{id}/meetings/new", h.showNewMeeting)
	mux.HandleFunc("POST /networks/{id}/meetings", h.createMeeting)
	mux.HandleFunc("GET /networks/{id}/attendance", h.showAttendanceHistory)
	mux.HandleFunc("GET /meetings/{id}", h.showMeeting)
	mux.HandleFunc("GET /meetings/{id}/edit", h.showEditMeeting)
	mux.HandleFunc("POST /meetings/{id}", h.updateMeeting)
	mux.HandleFunc("POST /meetings/{id}/cancel", h.cancelMeeting)
	mux.HandleFunc("POST /meetings/{id}/agenda", h.addItem)
	mux.HandleFunc("POST /meetings/{id}/response", h.respond)
	mux.HandleFunc("POST /meetings/{id}/attendance", h.recordAttendance)
	mux.HandleFunc("POST /agenda-items/{id}/accept", h.acceptItem)
	mux.HandleFunc("POST /agenda-items/{id}/move", h.moveItem)
	mux.HandleFunc("POST /agenda-items/{id}/delete", h.deleteItem)
	h.apiRoutes(mux)
	h.historyRoutes(mux)
}

func meetingURL(id int64) string { return "/meetings/" + strconv.FormatInt(id, 10) }

// access is what the user may do in a network.
type access struct {
	Manage  bool // convener, secretary, project staff, admin
	Member  bool // has a membership (any role)
	Invitee bool // Manage or Member: sees the remote link
	SignIn  bool // signed in
}

func (h *Handler) access(ctx context.Context, networkID int64) (access, error) {
	u := app.UserFrom(ctx)
	var a access
	if u == nil {
		return a, nil
	}
	a.SignIn = true
	if err := h.policy.CanManageNetwork(ctx, u, networkID); err == nil {
		a.Manage = true
	} else if app.IsCode(err, app.EINTERNAL) {
		return a, err
	}
	role, err := h.policy.NetworkRole(ctx, u, networkID)
	if err != nil {
		return a, err
	}
	a.Member = role != ""
	a.Invitee = a.Manage || a.Member
	return a, nil
}

func deny(ctx context.Context) error {
	if err := auth.RequireUser(app.UserFrom(ctx)); err != nil {
		return err
	}
	return app.Forbidden()
}

// ListPage is a network's meetings.
type ListPage struct {
	Network   *NetworkInfo
	CanManage bool
	Invitee   bool
	Upcoming  []Meeting
	Past      []Meeting
	PastTotal int
	Page      int
	PrevURL   string
	NextURL   string
}

func (h *Handler) listMeetings(w http.ResponseWriter, r *http.Request) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	ctx := r.Context()
	n, err := h.store.Network(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	a, err := h.access(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	now := h.web.Clock.Now()
	page := ListPage{Network: n, CanManage: a.Manage, Invitee: a.Invitee, Page: web.PageParam(r)}
	if page.Upcoming, _, err = h.store.List(ctx, ListFilter{NetworkID: id, When: "upcoming", Now: now, Limit: 200}); err != nil {
		h.web.Error(w, r, err)
		return
	}
	page.Past, page.PastTotal, err = h.store.List(ctx, ListFilter{NetworkID: id, When: "past", Now: now,
		Limit: listPerPage, Offset: (page.Page - 1) * listPerPage})
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	base := fmt.Sprintf("/networks/%d/meetings?page=", id)
	if page.Page > 1 {
		page.PrevURL = base + strconv.Itoa(page.Page-1) + "#past"
	}
	if page.Page*listPerPage < page.PastTotal {
		page.NextURL = base + strconv.Itoa(page.Page+1) + "#past"
	}
	h.web.Render(w, r, http.StatusOK, "meeting/list", h.web.T(r, "meeting.list_title", "Network", n.Name), page)
}

// FormPage is the meeting create / edit form. Times are Helsinki time.
type FormPage struct {
	IsNew          bool
	ID             int64
	Network        *NetworkInfo
	Title          string
	Description    string
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
	Modes          []string
	Repeats        []string
}

func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, f *FormPage, err error) {
	f.Modes, f.Repeats = Modes, Repeats
	title := h.web.T(r, "meeting.new_title")
	if !f.IsNew {
		title = h.web.T(r, "meeting.edit_title")
	}
	if err != nil {
		h.web.FormError(w, r, "meeting/form", title, f, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "meeting/form", title, f)
}

// networkManaged loads the network named by the path and checks the user
// may manage it.
func (h *Handler) networkManaged(w http.ResponseWriter, r *http.Request) (*NetworkInfo, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	n, err := h.store.Network(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	if err := h.policy.CanManageNetwork(r.Context(), app.UserFrom(r.Context()), id); err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	return n, true
}

func (h *Handler) showNewMeeting(w http.ResponseWriter, r *http.Request) {
	n, ok := h.networkManaged(w, r)
	if !ok {
		return
	}
	h.renderForm(w, r, &FormPage{IsNew: true, Network: n, Mode: ModeInPerson, StartTime: "09:00", EndTime: "11:00",
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
	t := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, Helsinki).UTC()
	return &t
}

func deadlineDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Add(-time.Second).In(Helsinki).Format("2006-01-02")
}

func readForm(r *http.Request, f *FormPage, now time.Time) (Input, error) {
	var v app.Validator
	f.Title = web.Field(r, "title")
	f.Description = web.Field(r, "description")
	f.Date = web.Field(r, "date")
	f.StartTime = web.Field(r, "start_time")
	f.EndTime = web.Field(r, "end_time")
	f.Mode = web.Field(r, "mode")
	f.Place = web.Field(r, "place")
	f.RemoteLink = web.Field(r, "remote_link")
	f.AgendaDeadline = web.Field(r, "agenda_deadline")
	in := Input{Title: f.Title, Description: f.Description, Mode: f.Mode, Place: f.Place, RemoteLink: f.RemoteLink}
	in.StartsAt = localTime(&v, "date", f.Date, "start_time", f.StartTime)
	if !in.StartsAt.IsZero() {
		hh, mm, ok := parseClock(f.EndTime)
		if ok {
			s := in.StartsAt.In(Helsinki)
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
	if v.Valid() {
		in.Validate(&v, now, f.IsNew)
	}
	return in, v.Err()
}

func (h *Handler) createMeeting(w http.ResponseWriter, r *http.Request) {
	n, ok := h.networkManaged(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	now := h.web.Clock.Now()
	f := &FormPage{IsNew: true, Network: n}
	in, err := readForm(r, f, now)
	var ids []int64
	if err == nil {
		ids, err = h.create(r.Context(), n.ID, in, now)
	}
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	if len(ids) > 1 {
		h.web.Flash(r, h.web.T(r, "meeting.series_created", "Count", len(ids)))
	} else {
		h.web.Flash(r, h.web.T(r, "meeting.created"))
	}
	web.Redirect(w, r, meetingURL(ids[0]))
}

// create stores the meeting(s) and queues the invitations in one
// transaction.
func (h *Handler) create(ctx context.Context, networkID int64, in Input, now time.Time) ([]int64, error) {
	var ids []int64
	err := h.db.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		var err error
		if ids, err = s.Create(ctx, networkID, in, now); err != nil {
			return err
		}
		ms := make([]*Meeting, 0, len(ids))
		for _, id := range ids {
			m, err := s.Get(ctx, id)
			if err != nil {
				return err
			}
			ms = append(ms, m)
		}
		_, err = Notify(ctx, tx, h.mail, KindInvite, ms, now)
		return err
	})
	return ids, err
}

// update saves the meeting and, when something a calendar shows changed,
// queues updates with the higher sequence number.
func (h *Handler) update(ctx context.Context, id int64, in Input, now time.Time) error {
	return h.db.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		changed, err := s.Update(ctx, id, in, now)
		if err != nil || !changed {
			return err
		}
		m, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		_, err = Notify(ctx, tx, h.mail, KindUpdate, []*Meeting{m}, now)
		return err
	})
}

func (h *Handler) cancel(ctx context.Context, id int64, now time.Time) error {
	return h.db.WithTx(ctx, func(tx *sql.Tx) error {
		s := NewStore(tx)
		if err := s.Cancel(ctx, id, now); err != nil {
			return err
		}
		m, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		_, err = Notify(ctx, tx, h.mail, KindCancel, []*Meeting{m}, now)
		return err
	})
}

// loadMeeting loads the meeting named by the path and the user's access
// to its network.
func (h *Handler) loadMeeting(w http.ResponseWriter, r *http.Request) (*Meeting, access, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, access{}, false
	}
	m, err := h.store.Get(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, access{}, false
	}
	a, err := h.access(r.Context(), m.NetworkID)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, access{}, false
	}
	return m, a, true
}

// loadManagedMeeting is loadMeeting for managers only.
func (h *Handler) loadManagedMeeting(w http.ResponseWriter, r *http.Request) (*Meeting, bool) {
	m, a, ok := h.loadMeeting(w, r)
	if !ok {
		return nil, false
	}
	if !a.Manage {
		h.web.Error(w, r, deny(r.Context()))
		return nil, false
	}
	return m, true
}

func (h *Handler) showEditMeeting(w http.ResponseWriter, r *http.Request) {
	m, ok := h.loadManagedMeeting(w, r)
	if !ok {
		return
	}
	n := &NetworkInfo{ID: m.NetworkID, Name: m.NetworkName, ProjectID: m.ProjectID}
	h.renderForm(w, r, &FormPage{ID: m.ID, Network: n, Title: m.Title, Description: m.Description,
		Date: m.Start().Format("2006-01-02"), StartTime: m.Start().Format("15:04"), EndTime: m.End().Format("15:04"),
		Mode: m.Mode, Place: m.Place, RemoteLink: m.RemoteLink, AgendaDeadline: deadlineDate(m.AgendaDeadline)}, nil)
}

func (h *Handler) updateMeeting(w http.ResponseWriter, r *http.Request) {
	m, ok := h.loadManagedMeeting(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	now := h.web.Clock.Now()
	f := &FormPage{ID: m.ID, Network: &NetworkInfo{ID: m.NetworkID, Name: m.NetworkName, ProjectID: m.ProjectID}}
	in, err := readForm(r, f, now)
	if err == nil {
		err = h.update(r.Context(), m.ID, in, now)
	}
	if err != nil {
		h.renderForm(w, r, f, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "meeting.saved"))
	web.Redirect(w, r, meetingURL(m.ID))
}

func (h *Handler) cancelMeeting(w http.ResponseWriter, r *http.Request) {
	m, ok := h.loadManagedMeeting(w, r)
	if !ok {
		return
	}
	if err := h.cancel(r.Context(), m.ID, h.web.Clock.Now()); err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "meeting.cancelled_flash"))
	web.Redirect(w, r, meetingURL(m.ID))
}

// ViewPage is a meeting's page.
type ViewPage struct {
	Meeting       *Meeting
	CanManage     bool
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

func (h *Handler) showMeeting(w http.ResponseWriter, r *http.Request) {
	m, a, ok := h.loadMeeting(w, r)
	if !ok {
		return
	}
	h.renderMeeting(w, r, m, a, ItemForm{}, nil)
}

func (h *Handler) renderMeeting(w http.ResponseWriter, r *http.Request, m *Meeting, a access, item ItemForm, formErr error) {
	ctx := r.Context()
	now := h.web.Clock.Now()
	p := ViewPage{Meeting: m, CanManage: a.Manage, Invitee: a.Invitee, Member: a.Member, SignedIn: a.SignIn, Item: item,
		Answers: Answers, Modes: AttendanceModes}
	if !a.Invitee {
		// The remote link is for invitees only.
		mm := *m
		mm.RemoteLink = ""
		p.Meeting = &mm
	}
	if a.SignIn {
		items, err := h.store.Items(ctx, m.ID)
		if err != nil {
			h.web.Error(w, r, err)
			return
		}
		u := app.UserFrom(ctx)
		for _, it := range items {
			if it.Status == ItemAccepted {
				p.Accepted = append(p.Accepted, it)
				p.TotalMinutes += it.Minutes
			} else if a.Manage || it.ProposedByID == u.PersonID {
				p.Proposed = append(p.Proposed, it)
			}
		}
	}
	if a.Invitee {
		var err error
		if p.Members, err = h.store.Invitees(ctx, m.NetworkID, now); err != nil {
			h.web.Error(w, r, err)
			return
		}
		p.CanPropose = a.Manage && !m.Cancelled() || a.Member && m.ProposalsOpen(now)
		if !p.CanPropose && a.Member && !m.Cancelled() && item != (ItemForm{}) {
			p.CanPropose = true // a refused proposal keeps its form and message
		}
		p.Answerable = a.Member && m.Answerable(now)
		if p.Responses, err = h.store.Responses(ctx, m.ID); err != nil {
			h.web.Error(w, r, err)
			return
		}
		p.Counts = map[string]int{}
		answered := map[int64]bool{}
		coming := map[int64]bool{}
		for _, resp := range p.Responses {
			p.Counts[resp.Answer]++
			answered[resp.PersonID] = true
			if resp.Answer != AnswerNo {
				coming[resp.PersonID] = true
			}
			if resp.PersonID == app.UserFrom(ctx).PersonID {
				p.MyAnswer = resp.Answer
			}
		}
		for _, inv := range p.Members {
			if !answered[inv.PersonID] {
				p.NoAnswer = append(p.NoAnswer, inv)
			}
		}
		if a.Manage {
			cov, err := h.comingCoverage(ctx, m, coming, now)
			if err != nil {
				h.web.Error(w, r, err)
				return
			}
			p.Coverage = cov
			p.AttendanceOn = m.AttendanceOpen(now)
			p.Roster = p.Members
		}
		att, err := h.store.Attendance(ctx, m.ID)
		if err != nil {
			h.web.Error(w, r, err)
			return
		}
		p.AttendedNames = att
		p.Attendance = map[int64]string{}
		for _, x := range att {
			p.Attendance[x.PersonID] = x.Mode
		}
	}
	if formErr != nil {
		h.web.FormErrorComponent(w, r, m.Title, p, formErr, func(v *web.View) templ.Component { return meetingView(v, &p) })
		return
	}
	v := h.web.View(r, m.Title, p)
	h.web.RenderComponent(w, r, http.StatusOK, v, meetingView(v, &p))
}

// comingCoverage works out which sectors and project municipalities those
// who said they come represent (network.ComputeCoverage on them).
func (h *Handler) comingCoverage(ctx context.Context, m *Meeting, coming map[int64]bool, now time.Time) (*network.Coverage, error) {
	ns := network.NewStore(h.db)
	members, err := ns.Memberships(ctx, m.NetworkID)
	if err != nil {
		return nil, err
	}
	region, err := ns.ProjectMunicipalities(ctx, m.ProjectID)
	if err != nil {
		return nil, err
	}
	var in []network.Membership
	for _, x := range members {
		if coming[x.PersonID] {
			in = append(in, x)
		}
	}
	c := network.ComputeCoverage(in, region, network.Day(now))
	return &c, nil
}

func readItemForm(r *http.Request, f *ItemForm) (ItemInput, error) {
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
	in.Validate(&v)
	return in, v.Err()
}

func (h *Handler) addItem(w http.ResponseWriter, r *http.Request) {
	m, a, ok := h.loadMeeting(w, r)
	if !ok {
		return
	}
	if !a.Invitee {
		h.web.Error(w, r, deny(r.Context()))
		return
	}
	now := h.web.Clock.Now()
	if m.Cancelled() {
		h.web.Error(w, r, app.KeyError(app.EINVALID, "meeting.err.proposals_closed", "proposals are closed"))
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	var f ItemForm
	in, err := readItemForm(r, &f)
	if !a.Manage && !m.ProposalsOpen(now) {
		// The deadline passed while the member wrote: the form comes back
		// with their text and the reason by the title.
		err = app.FieldInvalid("item_title", "meeting.err.proposals_closed")
	}
	if err == nil {
		status := ItemProposed
		if a.Manage {
			status = ItemAccepted
		}
		_, err = h.store.AddItem(r.Context(), m, in, status, app.UserFrom(r.Context()).PersonID, now)
	}
	if err != nil {
		h.renderMeeting(w, r, m, a, f, err)
		return
	}
	if a.Manage {
		h.web.Flash(r, h.web.T(r, "meeting.item_added"))
	} else {
		h.web.Flash(r, h.web.T(r, "meeting.item_proposed"))
	}
	web.Redirect(w, r, meetingURL(m.ID)+"#agenda")
}

// loadItem loads the agenda item named by the path and its meeting, and
// checks the user may manage the network.
func (h *Handler) loadItem(w http.ResponseWriter, r *http.Request) (*Item, bool) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	it, err := h.store.Item(r.Context(), id)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	m, err := h.store.Get(r.Context(), it.MeetingID)
	if err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	if err := h.policy.CanManageNetwork(r.Context(), app.UserFrom(r.Context()), m.NetworkID); err != nil {
		h.web.Error(w, r, err)
		return nil, false
	}
	return it, true
}

func (h *Handler) acceptItem(w http.ResponseWriter, r *http.Request) {
	it, ok := h.loadItem(w, r)
	if !ok {
		return
	}
	err := h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		return NewStore(tx).AcceptItem(r.Context(), it.ID, h.web.Clock.Now())
	})
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "meeting.item_accepted", "Title", it.Title))
	web.Redirect(w, r, meetingURL(it.MeetingID)+"#agenda")
}

func (h *Handler) moveItem(w http.ResponseWriter, r *http.Request) {
	it, ok := h.loadItem(w, r)
	if !ok {
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	dir := web.Field(r, "direction")
	if dir != "up" && dir != "down" {
		h.web.Error(w, r, app.FieldInvalid("direction", "err.invalid_choice"))
		return
	}
	err := h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
		return NewStore(tx).MoveItem(r.Context(), it.ID, dir == "up")
	})
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	web.Redirect(w, r, meetingURL(it.MeetingID)+"#agenda")
}

func (h *Handler) deleteItem(w http.ResponseWriter, r *http.Request) {
	it, ok := h.loadItem(w, r)
	if !ok {
		return
	}
	if err := h.store.DeleteItem(r.Context(), it.ID); err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "meeting.item_removed", "Title", it.Title))
	web.Redirect(w, r, meetingURL(it.MeetingID)+"#agenda")
}

func (h *Handler) respond(w http.ResponseWriter, r *http.Request) {
	m, a, ok := h.loadMeeting(w, r)
	if !ok {
		return
	}
	if !a.Member {
		h.web.Error(w, r, deny(r.Context()))
		return
	}
	if !m.Answerable(h.web.Clock.Now()) {
		h.web.Error(w, r, app.KeyError(app.EINVALID, "meeting.err.not_answerable", "the meeting can no longer be answered"))
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	answer := web.Field(r, "answer")
	err := h.store.SetResponse(r.Context(), m.ID, app.UserFrom(r.Context()).PersonID, answer, h.web.Clock.Now())
	if err != nil {
		h.renderMeeting(w, r, m, a, ItemForm{}, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "meeting.answer_saved"))
	web.Redirect(w, r, meetingURL(m.ID)+"#response")
}

func (h *Handler) recordAttendance(w http.ResponseWriter, r *http.Request) {
	m, a, ok := h.loadMeeting(w, r)
	if !ok {
		return
	}
	if !a.Manage {
		h.web.Error(w, r, deny(r.Context()))
		return
	}
	now := h.web.Clock.Now()
	if !m.AttendanceOpen(now) {
		h.web.Error(w, r, app.KeyError(app.EINVALID, "meeting.err.attendance_early", "attendance is recorded at the meeting"))
		return
	}
	if err := web.ParseForm(w, r); err != nil {
		h.web.Error(w, r, err)
		return
	}
	modes := map[int64]string{}
	var v app.Validator
	for key, vals := range r.PostForm {
		rest, ok := strings.CutPrefix(key, "attendance_")
		if !ok || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		pid, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || pid <= 0 {
			v.Add(key, "err.invalid_choice", nil)
			continue
		}
		modes[pid] = strings.TrimSpace(vals[0])
	}
	err := v.Err()
	if err == nil {
		err = h.db.WithTx(r.Context(), func(tx *sql.Tx) error {
			return NewStore(tx).SetAttendance(r.Context(), m, modes, now)
		})
	}
	if err != nil {
		h.renderMeeting(w, r, m, a, ItemForm{}, err)
		return
	}
	h.web.Flash(r, h.web.T(r, "meeting.attendance_saved"))
	web.Redirect(w, r, meetingURL(m.ID)+"#attendance")
}

// HistoryPage is a network's attendance table: members by meetings.
type HistoryPage struct {
	Network  *NetworkInfo
	Meetings []Meeting
	Rows     []HistoryRow
}

// HistoryRow is one person's attendance across the meetings.
type HistoryRow struct {
	PersonID     int64
	Name         string
	Organisation string
	Cells        []string // mode per meeting, "" when absent
	Attended     int
}

func (h *Handler) showAttendanceHistory(w http.ResponseWriter, r *http.Request) {
	id, err := web.ID(r, "id")
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	ctx := r.Context()
	n, err := h.store.Network(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	a, err := h.access(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	if !a.Invitee {
		h.web.Error(w, r, deny(ctx))
		return
	}
	now := h.web.Clock.Now()
	// The latest 24 meetings that have started, oldest first.
	past, _, err := h.store.List(ctx, ListFilter{NetworkID: id, When: "past", Now: now.Add(24 * time.Hour * 366 * 100), Limit: 0})
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	var ms []Meeting
	for _, m := range past {
		if !m.StartsAt.After(now) && !m.Cancelled() {
			ms = append(ms, m)
		}
		if len(ms) == 24 {
			break
		}
	}
	for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
		ms[i], ms[j] = ms[j], ms[i]
	}
	att, err := h.store.NetworkAttendance(ctx, id)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	col := map[int64]int{}
	for i, m := range ms {
		col[m.ID] = i
	}
	rows := map[int64]*HistoryRow{}
	var order []int64
	members, err := h.store.Invitees(ctx, id, now)
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	for _, p := range members {
		rows[p.PersonID] = &HistoryRow{PersonID: p.PersonID, Name: p.Name, Cells: make([]string, len(ms))}
		order = append(order, p.PersonID)
	}
	for _, x := range att {
		c, ok := col[x.MeetingID]
		if !ok {
			continue
		}
		row := rows[x.PersonID]
		if row == nil {
			row = &HistoryRow{PersonID: x.PersonID, Name: x.PersonName, Cells: make([]string, len(ms))}
			rows[x.PersonID] = row
			order = append(order, x.PersonID)
		}
		if x.OrganisationName != "" {
			row.Organisation = x.OrganisationName
		}
		row.Cells[c] = x.Mode
		row.Attended++
	}
	page := HistoryPage{Network: n, Meetings: ms}
	for _, pid := range order {
		page.Rows = append(page.Rows, *rows[pid])
	}
	h.web.Render(w, r, http.StatusOK, "meeting/attendance", h.web.T(r, "meeting.history_title", "Network", n.Name), page)
}
