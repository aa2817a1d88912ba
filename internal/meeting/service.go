package meeting

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/network"
)

// Service holds the meeting use cases: each loads what it needs, decides
// the actor's right through the one policy (auth.Policy.NetworkAccess),
// validates, runs the transaction and queues the mail. The HTML handler
// and the JSON API both call it and only decode, call and answer.
//
// An adapter's decoding problems (a date or number that does not parse)
// travel in the input's Problems and are reported after the right is
// checked, together with the validation's, so the public and outsiders
// get 401 or 403 whatever they send.
type Service struct {
	db     *db.DB
	store  *Store
	policy *auth.Policy
	refs   *network.Refs
	clock  app.Clock
	mail   *mail.Outbox
	lists  *db.Cache[listKey, cachedPage]
}

// listKey is a ListFilter without a time window as a cache key; cachedPage
// a page of a network's meetings.
type listKey struct {
	networkID     int64
	limit, offset int
}

type cachedPage struct {
	list  []Meeting
	total int
}

// listCacheSize bounds the cached pages of networks' meeting lists (about
// 25 KB each for 50 meetings).
const listCacheSize = 128

// NewService returns the use cases on d; outbox may be nil (no mail).
func NewService(d *db.DB, policy *auth.Policy, clock app.Clock, outbox *mail.Outbox) *Service {
	if clock == nil {
		clock = app.SystemClock{}
	}
	return &Service{db: d, store: NewStore(d), policy: policy, refs: network.NewRefs(d, policy), clock: clock, mail: outbox,
		lists: db.NewCache[listKey, cachedPage](db.MeetingListVersion, listCacheSize)}
}

// Now returns the service clock's time.
func (s *Service) Now() time.Time { return s.clock.Now() }

// problems starts a validator with an adapter's decoding problems: their
// field errors are reported with the validation's; any other error is
// returned as is.
func problems(err error) (*app.Validator, error) {
	var v app.Validator
	if err == nil {
		return &v, nil
	}
	e := app.AsError(err)
	if e == nil || len(e.Fields) == 0 {
		return nil, err
	}
	for _, f := range e.Fields {
		v.Add(f.Field, f.Key, f.Args)
	}
	return &v, nil
}

// Network returns a network and actor's access to its meetings;
// ENOTFOUND when it does not exist.
func (s *Service) Network(ctx context.Context, actor *app.User, networkID int64) (*network.Ref, auth.NetworkAccess, error) {
	n, err := s.refs.Get(ctx, networkID)
	if err != nil {
		return nil, auth.NetworkAccess{}, err
	}
	a, err := s.policy.NetworkAccess(ctx, actor, networkID)
	if err != nil {
		return nil, a, err
	}
	return n, a, nil
}

// ManagedNetwork returns the network actor manages: ENOTFOUND, EUNAUTH or
// EFORBIDDEN otherwise.
func (s *Service) ManagedNetwork(ctx context.Context, actor *app.User, networkID int64) (*network.Ref, error) {
	return s.refs.Managed(ctx, actor, networkID)
}

// List returns a page of a network's meetings (public: the remote link is
// for the caller to blank) and the number matching.
//
// A list without a time window comes from a cache that the meeting list
// version keeps fresh; its slice is shared, so callers must not modify it.
func (s *Service) List(ctx context.Context, f ListFilter) ([]Meeting, int, error) {
	if f.When != "" {
		return s.store.List(ctx, f)
	}
	k := listKey{networkID: f.NetworkID, limit: f.Limit, offset: f.Offset}
	p, err := s.lists.Get(ctx, s.db, k, func(ctx context.Context) (cachedPage, error) {
		list, total, err := s.store.List(ctx, f)
		return cachedPage{list, total}, err
	})
	return p.list, p.total, err
}

// Meeting returns a meeting and actor's access to its network; ENOTFOUND
// when missing. The remote link is the caller's to hide from those who
// are not invitees.
func (s *Service) Meeting(ctx context.Context, actor *app.User, id int64) (*Meeting, auth.NetworkAccess, error) {
	m, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, auth.NetworkAccess{}, err
	}
	a, err := s.policy.NetworkAccess(ctx, actor, m.NetworkID)
	if err != nil {
		return nil, a, err
	}
	return m, a, nil
}

// ManagedMeeting returns a meeting of a network actor manages: ENOTFOUND,
// EUNAUTH or EFORBIDDEN otherwise.
func (s *Service) ManagedMeeting(ctx context.Context, actor *app.User, id int64) (*Meeting, error) {
	m, a, err := s.Meeting(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !a.Manage {
		return nil, auth.Deny(actor)
	}
	return m, nil
}

// Create schedules a meeting, or a series when in.RRule is set, in a
// network actor manages, and queues the invitations in the same
// transaction. It returns the new meetings' ids in time order. EINVALID
// for bad input (in.Cancel included), ECONFLICT on an overlap.
func (s *Service) Create(ctx context.Context, actor *app.User, networkID int64, in Input) ([]int64, error) {
	if _, err := s.refs.Managed(ctx, actor, networkID); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	if err := in.check(now, true); err != nil {
		return nil, err
	}
	if in.Cancel {
		return nil, app.FieldInvalid("status", "err.invalid_choice")
	}
	var ids []int64
	err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		st := NewStore(tx)
		var err error
		if ids, err = st.Create(ctx, networkID, in, now); err != nil {
			return err
		}
		ms := make([]*Meeting, 0, len(ids))
		for _, id := range ids {
			m, err := st.Get(ctx, id)
			if err != nil {
				return err
			}
			ms = append(ms, m)
		}
		_, err = Notify(ctx, tx, s.mail, KindInvite, ms, now)
		return err
	})
	return ids, err
}

// check reports the decoding problems, else the validation's.
func (in *Input) check(now time.Time, isNew bool) error {
	v, err := problems(in.Problems)
	if err != nil {
		return err
	}
	if v.Valid() {
		in.Validate(v, now, isNew)
	}
	return v.Err()
}

// Update saves a meeting of a network actor manages and, when something
// a calendar shows changed, queues updates with the higher sequence
// number; with in.Cancel it cancels the meeting instead (once). EINVALID,
// ECONFLICT as Store.Update.
func (s *Service) Update(ctx context.Context, actor *app.User, id int64, in Input) error {
	m, err := s.ManagedMeeting(ctx, actor, id)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	if err := in.check(now, false); err != nil {
		return err
	}
	if in.Cancel {
		if m.Cancelled() {
			return nil
		}
		return s.cancel(ctx, id, now)
	}
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		st := NewStore(tx)
		changed, err := st.Update(ctx, id, in, now)
		if err != nil || !changed {
			return err
		}
		m, err := st.Get(ctx, id)
		if err != nil {
			return err
		}
		_, err = Notify(ctx, tx, s.mail, KindUpdate, []*Meeting{m}, now)
		return err
	})
}

// errStarted refuses to cancel a meeting that has started: its
// attendance and minutes are history, and a cancellation would hide it
// from everyone's attendance record and mail every member.
func errStarted() error {
	return app.KeyError(app.ECONFLICT, "meeting.err.started", "the meeting has started and can no longer be cancelled")
}

// Cancel cancels a meeting of a network actor manages and sends
// METHOD:CANCEL to the members. ECONFLICT meeting.err.started once the
// meeting has started (start <= now by the clock); EINVALID
// meeting.err.cancelled when it already is.
func (s *Service) Cancel(ctx context.Context, actor *app.User, id int64) error {
	if _, err := s.ManagedMeeting(ctx, actor, id); err != nil {
		return err
	}
	return s.cancel(ctx, id, s.clock.Now())
}

// CancelPlan is what cancelling a meeting would do: the meeting, how many
// members would get the cancellation mail, and why it cannot be cancelled
// (nil when it can).
type CancelPlan struct {
	Meeting    *Meeting
	Recipients int
	Refused    error
}

// PlanCancel tells a manager of the meeting's network what cancelling it
// would do: Recipients is counted from the same members Notify mails.
// Refused is ECONFLICT meeting.err.started for a meeting that has
// started, EINVALID meeting.err.cancelled for one already cancelled; the
// error is ENOTFOUND, EUNAUTH or EFORBIDDEN as ManagedMeeting.
func (s *Service) PlanCancel(ctx context.Context, actor *app.User, id int64) (*CancelPlan, error) {
	m, err := s.ManagedMeeting(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	p := &CancelPlan{Meeting: m, Refused: cancelRefusal(m, now)}
	if p.Refused != nil {
		return p, nil
	}
	to, err := mailRecipients(ctx, s.store, m.NetworkID, now)
	if err != nil {
		return nil, err
	}
	if s.mail != nil {
		p.Recipients = len(to)
	}
	return p, nil
}

// cancelRefusal is why m cannot be cancelled at now, or nil.
func cancelRefusal(m *Meeting, now time.Time) error {
	switch {
	case m.Cancelled():
		return app.KeyError(app.EINVALID, "meeting.err.cancelled", "the meeting is cancelled")
	case !m.CanCancel(now):
		return errStarted()
	}
	return nil
}

func (s *Service) cancel(ctx context.Context, id int64, now time.Time) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		st := NewStore(tx)
		m, err := st.Get(ctx, id)
		if err != nil {
			return err
		}
		// Decided inside the transaction on the row as it is now; the
		// store's WHERE status = 'scheduled' keeps a second cancel out.
		if !m.Cancelled() && !m.CanCancel(now) {
			return errStarted()
		}
		if err := st.Cancel(ctx, id, now); err != nil {
			return err
		}
		if m, err = st.Get(ctx, id); err != nil {
			return err
		}
		_, err = Notify(ctx, tx, s.mail, KindCancel, []*Meeting{m}, now)
		return err
	})
}

// errProposalsClosed refuses agenda proposals for a cancelled meeting or,
// from members, after the deadline.
func errProposalsClosed() error {
	return app.KeyError(app.EINVALID, "meeting.err.proposals_closed", "proposals are closed")
}

// AddItem adds an agenda item: an accepted item from a manager, a
// proposal from a member before the deadline (invitees only). It returns
// the new item's id and whether it went straight onto the agenda.
// EINVALID meeting.err.proposals_closed when the meeting is cancelled or,
// for members, the deadline has passed.
func (s *Service) AddItem(ctx context.Context, actor *app.User, meetingID int64, in ItemInput) (id int64, accepted bool, err error) {
	m, a, err := s.Meeting(ctx, actor, meetingID)
	if err != nil {
		return 0, false, err
	}
	if !a.Invitee {
		return 0, false, auth.Deny(actor)
	}
	now := s.clock.Now()
	if m.Cancelled() || !a.Manage && !m.ProposalsOpen(now) {
		return 0, false, errProposalsClosed()
	}
	v, err := problems(in.Problems)
	if err != nil {
		return 0, false, err
	}
	in.Validate(v)
	if err := v.Err(); err != nil {
		return 0, false, err
	}
	if a.Manage {
		id, err = s.store.AddItem(ctx, m, in, ItemAccepted, actor.PersonID, now)
		return id, true, err
	}
	// A member's proposal and the mail to those who run the agenda are
	// one transaction: the mail is queued once, with the proposal.
	err = s.db.WithTx(ctx, func(tx *sql.Tx) error {
		st := NewStore(tx)
		if id, err = st.AddItem(ctx, m, in, ItemProposed, actor.PersonID, now); err != nil {
			return err
		}
		it, err := st.Item(ctx, id)
		if err != nil {
			return err
		}
		_, err = notifyProposal(ctx, tx, s.mail, m, it, now)
		return err
	})
	return id, false, err
}

// visibleItem reports whether an agenda item is shown to the caller:
// accepted items to the signed-in, proposals to managers and whoever
// proposed them.
func visibleItem(it *Item, a auth.NetworkAccess, personID int64) bool {
	return a.SignIn && (it.Status == ItemAccepted || a.Manage || it.ProposedByID != 0 && it.ProposedByID == personID)
}

// Agenda returns the meeting's agenda items actor sees (visibleItem),
// accepted first in their order, then the proposals.
func (s *Service) Agenda(ctx context.Context, actor *app.User, m *Meeting, a auth.NetworkAccess) ([]Item, error) {
	if !a.SignIn {
		return nil, nil
	}
	all, err := s.store.Items(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(it Item) bool { return !visibleItem(&it, a, actor.PersonID) }), nil
}

// Item returns an agenda item actor may see; EUNAUTH or EFORBIDDEN
// otherwise.
func (s *Service) Item(ctx context.Context, actor *app.User, id int64) (*Item, error) {
	it, a, err := s.item(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if actor == nil || !visibleItem(it, a, actor.PersonID) {
		return nil, auth.Deny(actor)
	}
	return it, nil
}

func (s *Service) item(ctx context.Context, actor *app.User, id int64) (*Item, auth.NetworkAccess, error) {
	it, err := s.store.Item(ctx, id)
	if err != nil {
		return nil, auth.NetworkAccess{}, err
	}
	_, a, err := s.Meeting(ctx, actor, it.MeetingID)
	if err != nil {
		return nil, a, err
	}
	return it, a, nil
}

// managedItem returns an agenda item of a network actor manages.
func (s *Service) managedItem(ctx context.Context, actor *app.User, id int64) (*Item, error) {
	it, a, err := s.item(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !a.Manage {
		return nil, auth.Deny(actor)
	}
	return it, nil
}

// AcceptItem accepts a proposal onto the agenda (managers) and returns
// the item as it was.
func (s *Service) AcceptItem(ctx context.Context, actor *app.User, id int64) (*Item, error) {
	it, err := s.managedItem(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return it, s.db.WithTx(ctx, func(tx *sql.Tx) error {
		return NewStore(tx).AcceptItem(ctx, it.ID, s.clock.Now())
	})
}

// MoveItem moves an agenda item one place "up" or "down" among the items
// of its status (managers) and returns it.
func (s *Service) MoveItem(ctx context.Context, actor *app.User, id int64, direction string) (*Item, error) {
	it, err := s.managedItem(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if direction != "up" && direction != "down" {
		return nil, app.FieldInvalid("direction", "err.invalid_choice")
	}
	return it, s.db.WithTx(ctx, func(tx *sql.Tx) error {
		return NewStore(tx).MoveItem(ctx, it.ID, direction == "up")
	})
}

// ItemEdit is what the agenda item edit form needs: the item, its
// meeting and the members to choose a preparer from.
type ItemEdit struct {
	Item    *Item
	Meeting *Meeting
	Members []Invitee
}

// EditItem returns an agenda item to edit or delete with its meeting and
// the network's current members (managers); ENOTFOUND, EUNAUTH or
// EFORBIDDEN otherwise.
func (s *Service) EditItem(ctx context.Context, actor *app.User, id int64) (*ItemEdit, error) {
	it, err := s.managedItem(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	m, err := s.store.Get(ctx, it.MeetingID)
	if err != nil {
		return nil, err
	}
	members, err := s.store.Invitees(ctx, m.NetworkID, s.clock.Now())
	if err != nil {
		return nil, err
	}
	return &ItemEdit{Item: it, Meeting: m, Members: members}, nil
}

// DeleteItem removes an agenda item (managers) and returns it as it was.
func (s *Service) DeleteItem(ctx context.Context, actor *app.User, id int64) (*Item, error) {
	it, err := s.managedItem(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return it, s.store.DeleteItem(ctx, it.ID)
}

// ItemUpdate is a change of an agenda item: its fields and, optionally,
// acceptance and a new place (from 1) among the items of its status.
type ItemUpdate struct {
	ItemInput
	Status   string // "", ItemProposed (an item not yet accepted) or ItemAccepted (accept it)
	Position *int
}

// UpdateItem replaces an agenda item's fields and, when asked, accepts
// and moves it (managers).
func (s *Service) UpdateItem(ctx context.Context, actor *app.User, id int64, in ItemUpdate) error {
	it, err := s.managedItem(ctx, actor, id)
	if err != nil {
		return err
	}
	v, err := problems(in.Problems)
	if err != nil {
		return err
	}
	in.Validate(v)
	err = v.Err()
	if err == nil && in.Status != "" && in.Status != ItemAccepted && (in.Status != ItemProposed || it.Status == ItemAccepted) {
		err = app.FieldInvalid("status", "err.invalid_choice")
	}
	if err == nil && in.Position != nil && *in.Position < 1 {
		err = app.FieldInvalid("position", "err.invalid_number")
	}
	if err != nil {
		return err
	}
	now := s.clock.Now()
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		st := NewStore(tx)
		if err := st.UpdateItem(ctx, it.ID, in.ItemInput, now); err != nil {
			return err
		}
		if in.Status == ItemAccepted {
			if err := st.AcceptItem(ctx, it.ID, now); err != nil {
				return err
			}
		}
		if in.Position == nil {
			return nil
		}
		return moveTo(ctx, st, it.ID, *in.Position)
	})
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

// Respond records actor's own answer to the invitation (members, while
// the meeting can be answered) and returns it as stored.
func (s *Service) Respond(ctx context.Context, actor *app.User, meetingID int64, answer string) (*Response, error) {
	m, a, err := s.Meeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	if !a.Member {
		return nil, auth.Deny(actor)
	}
	now := s.clock.Now()
	if !m.Answerable(now) {
		return nil, app.KeyError(app.EINVALID, "meeting.err.not_answerable", "the meeting can no longer be answered")
	}
	if slices.Contains(Answers, answer) && !slices.Contains(m.AnswerChoices(), answer) {
		return nil, app.FieldInvalid("answer", "meeting.err.no_remote")
	}
	if err := s.store.SetResponse(ctx, m.ID, actor.PersonID, answer, now); err != nil {
		return nil, err
	}
	resps, err := s.store.Responses(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	for _, x := range resps {
		if x.PersonID == actor.PersonID {
			return &x, nil
		}
	}
	return nil, app.NotFound("response")
}

// AnswerSummary is who answered a meeting's invitation and how.
type AnswerSummary struct {
	Invitees  []Invitee  // the current members
	Responses []Response // by name
	Counts    map[string]int
	NoAnswer  []Invitee
	MyAnswer  string // actor's answer; "" when none
	// Coverage is which sectors and project municipalities those who
	// come represent; for managers only, nil for others.
	Coverage *network.Coverage
}

// Answers returns the answers to a meeting's invitation (invitees only),
// with the coverage of those coming for managers.
func (s *Service) Answers(ctx context.Context, actor *app.User, m *Meeting, a auth.NetworkAccess) (*AnswerSummary, error) {
	if !a.Invitee {
		return nil, auth.Deny(actor)
	}
	now := s.clock.Now()
	out := &AnswerSummary{Counts: map[string]int{}}
	var err error
	if out.Invitees, err = s.store.Invitees(ctx, m.NetworkID, now); err != nil {
		return nil, err
	}
	if out.Responses, err = s.store.Responses(ctx, m.ID); err != nil {
		return nil, err
	}
	answered, coming := map[int64]bool{}, map[int64]bool{}
	for _, x := range out.Responses {
		out.Counts[x.Answer]++
		answered[x.PersonID] = true
		if x.Answer != AnswerNo {
			coming[x.PersonID] = true
		}
		if x.PersonID == actor.PersonID {
			out.MyAnswer = x.Answer
		}
	}
	for _, inv := range out.Invitees {
		if !answered[inv.PersonID] {
			out.NoAnswer = append(out.NoAnswer, inv)
		}
	}
	if a.Manage {
		include := func(personID int64) bool { return coming[personID] }
		if out.Coverage, err = network.NewMeetingReader(s.db).CoverageOf(ctx, m.NetworkID, m.ProjectID, include, now); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AttendanceEntry is one person's attendance as an adapter read it;
// Field names the input a problem with it is reported on.
type AttendanceEntry struct {
	PersonID int64 // ≤ 0: not a person
	Mode     string
	Field    string
}

// AttendanceInput is everyone who attended a meeting: it replaces what
// was recorded (no entries clears it). Missing is an API body without
// the list.
type AttendanceInput struct {
	Entries []AttendanceEntry
	Missing bool
}

// RecordAttendance records who attended (managers, from an hour before the
// start on).
func (s *Service) RecordAttendance(ctx context.Context, actor *app.User, meetingID int64, in AttendanceInput) error {
	m, a, err := s.Meeting(ctx, actor, meetingID)
	if err != nil {
		return err
	}
	if !a.Manage {
		return auth.Deny(actor)
	}
	now := s.clock.Now()
	if !m.AttendanceOpen(now) {
		return app.KeyError(app.EINVALID, "meeting.err.attendance_early", "attendance is recorded at the meeting")
	}
	var v app.Validator
	if in.Missing {
		v.Add("attendance", "err.required", nil)
	}
	modes := map[int64]string{}
	for _, e := range in.Entries {
		if _, dup := modes[e.PersonID]; e.PersonID <= 0 || dup {
			v.Add(e.Field, "err.invalid_choice", nil)
			continue
		}
		modes[e.PersonID] = e.Mode
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		return NewStore(tx).SetAttendance(ctx, m, modes, now)
	})
}

// Attendance returns who attended a meeting (invitees only).
func (s *Service) Attendance(ctx context.Context, actor *app.User, m *Meeting, a auth.NetworkAccess) ([]Attendance, error) {
	if !a.Invitee {
		return nil, auth.Deny(actor)
	}
	return s.store.Attendance(ctx, m.ID)
}

// NetworkHistory is a network's attendance table: members by meetings.
type NetworkHistory struct {
	Network  *network.Ref
	Meetings []Meeting // the latest 24 held, oldest first
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

// NetworkHistory returns the attendance at a network's latest 24 held
// meetings (invitees only): its current members, then anyone else who
// attended.
func (s *Service) NetworkHistory(ctx context.Context, actor *app.User, networkID int64) (*NetworkHistory, error) {
	n, a, err := s.Network(ctx, actor, networkID)
	if err != nil {
		return nil, err
	}
	if !a.Invitee {
		return nil, auth.Deny(actor)
	}
	now := s.clock.Now()
	// The latest 24 meetings that have started, oldest first.
	past, _, err := s.store.List(ctx, ListFilter{NetworkID: networkID, When: "past", Now: now.Add(24 * time.Hour * 366 * 100), Limit: 0})
	if err != nil {
		return nil, err
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
	slices.Reverse(ms)
	att, err := s.store.NetworkAttendance(ctx, networkID)
	if err != nil {
		return nil, err
	}
	col := map[int64]int{}
	for i, m := range ms {
		col[m.ID] = i
	}
	rows := map[int64]*HistoryRow{}
	var order []int64
	members, err := s.store.Invitees(ctx, networkID, now)
	if err != nil {
		return nil, err
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
	out := &NetworkHistory{Network: n, Meetings: ms}
	for _, pid := range order {
		out.Rows = append(out.Rows, *rows[pid])
	}
	return out, nil
}

// manages reports whether u manages the network; EINTERNAL errors only.
func (s *Service) manages(ctx context.Context, u *app.User, networkID int64) (bool, error) {
	err := s.policy.CanManageNetwork(ctx, u, networkID)
	switch {
	case err == nil:
		return true, nil
	case app.IsCode(err, app.EFORBIDDEN), app.IsCode(err, app.EUNAUTH):
		return false, nil
	}
	return false, err
}

// PersonHistory returns a person's attendance for actor: EUNAUTH for the
// public, ENOTFOUND, EFORBIDDEN when actor is not the person and may see
// none of their networks (they see the networks they manage).
func (s *Service) PersonHistory(ctx context.Context, actor *app.User, personID int64) (*PersonHistory, error) {
	if err := auth.RequireUser(actor); err != nil {
		return nil, err
	}
	self := actor.PersonID == personID
	hist, err := s.store.PersonHistory(ctx, personID, s.clock.Now(), func(networkID int64) (bool, error) {
		if self {
			return true, nil
		}
		return s.manages(ctx, actor, networkID)
	})
	if err != nil {
		return nil, err
	}
	if !self && !actor.IsAdmin && len(hist.Networks) == 0 {
		return nil, app.Forbidden()
	}
	return hist, nil
}

// OrgHistory returns an organisation's presence for actor: EUNAUTH for
// the public, ENOTFOUND, EFORBIDDEN when actor may see none of its
// networks (its current representatives and the networks' managers do).
func (s *Service) OrgHistory(ctx context.Context, actor *app.User, orgID int64) (*OrgHistory, error) {
	if err := auth.RequireUser(actor); err != nil {
		return nil, err
	}
	hist, err := s.store.OrgHistory(ctx, orgID, s.clock.Now(), func(networkID int64, reps []int64) (bool, error) {
		if slices.Contains(reps, actor.PersonID) {
			return true, nil
		}
		return s.manages(ctx, actor, networkID)
	})
	if err != nil {
		return nil, err
	}
	if !actor.IsAdmin && len(hist.Networks) == 0 {
		return nil, app.Forbidden()
	}
	return hist, nil
}
