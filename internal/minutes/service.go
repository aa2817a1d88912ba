package minutes

import (
	"context"
	"database/sql"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
)

// Service holds the minutes' use cases, written once for the pages
// (handler.go) and the API (api.go): each loads what it needs, decides the
// actor's right through auth.Policy (MinutesAccess), validates, runs the
// transaction and queues the mail.
//
// An operation runs in two steps so that a request is refused for want of
// rights before its body is looked at, as it always was: Meeting or Item
// loads the target once with the actor's access and requires a right;
// the operation (SaveMinutes, Approve, AddItem, UpdateItem, SetItemStatus)
// takes that target and checks the right it needs again, without a query.
type Service struct {
	db     *db.DB
	store  *Store
	policy *auth.Policy
	clock  app.Clock
	mail   *mail.Outbox
}

// NewService returns the service on d; policy decides the rights, clock
// dates every change and outbox, when not nil, receives the mail of
// approved minutes.
func NewService(d *db.DB, policy *auth.Policy, clock app.Clock, outbox *mail.Outbox) *Service {
	if clock == nil {
		clock = app.SystemClock{}
	}
	return &Service{db: d, store: NewStore(d), policy: policy, clock: clock, mail: outbox}
}

// Right is what an operation requires of the actor.
type Right int

// Rights.
const (
	// RightRead reads the minutes, the action items and the summaries.
	RightRead Right = iota
	// RightManage writes the minutes and the action items.
	RightManage
	// RightApprove approves draft minutes.
	RightApprove
	// RightSetStatus sets an action item's status (managers and the
	// item's owner); only for Item.
	RightSetStatus
)

// Target is a meeting with the actor's access to its minutes, as loaded by
// Meeting or Item.
type Target struct {
	Meeting *meeting.Meeting
	Access  auth.MinutesAccess
	actor   *app.User
}

// ItemTarget is an action item with its meeting and the actor's access, as
// loaded by Item.
type ItemTarget struct {
	Target
	Item *ActionItem
}

// deny is the error for a right the actor lacks: EUNAUTH for the public,
// EFORBIDDEN for anyone signed in.
func deny(u *app.User) error {
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	return app.Forbidden()
}

func (t *Target) has(r Right) bool {
	switch r {
	case RightRead:
		return t.Access.Read
	case RightManage:
		return t.Access.Manage
	case RightApprove:
		return t.Access.Approve
	}
	return false
}

// require returns nil when the actor has right r, else the denial.
func (t *Target) require(r Right) error {
	if t.has(r) {
		return nil
	}
	return deny(t.actor)
}

func (t *ItemTarget) require(r Right) error {
	if r == RightSetStatus {
		if t.Access.CanSetItemStatus(t.Item.OwnerID) {
			return nil
		}
		return deny(t.actor)
	}
	return t.Target.require(r)
}

// target loads the meeting and the actor's access to its minutes.
func (s *Service) target(ctx context.Context, actor *app.User, meetingID int64) (*Target, error) {
	m, err := meeting.NewReader(s.db).Meeting(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	a, err := s.policy.MinutesAccess(ctx, actor, m.NetworkID, m.ProjectID)
	if err != nil {
		return nil, err
	}
	return &Target{Meeting: m, Access: a, actor: actor}, nil
}

// Meeting loads a meeting and the actor's access to its minutes and
// requires right r: ENOTFOUND when the meeting is missing, EUNAUTH or
// EFORBIDDEN without the right.
func (s *Service) Meeting(ctx context.Context, actor *app.User, meetingID int64, r Right) (*Target, error) {
	t, err := s.target(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	if err := t.require(r); err != nil {
		return nil, err
	}
	return t, nil
}

// Item loads an action item, its meeting and the actor's access and
// requires right r: ENOTFOUND when the item is missing, EUNAUTH or
// EFORBIDDEN without the right.
func (s *Service) Item(ctx context.Context, actor *app.User, itemID int64, r Right) (*ItemTarget, error) {
	it, err := s.store.Item(ctx, itemID, s.clock.Now())
	if err != nil {
		return nil, err
	}
	t, err := s.target(ctx, actor, it.MeetingID)
	if err != nil {
		return nil, err
	}
	target := &ItemTarget{Target: *t, Item: it}
	if err := target.require(r); err != nil {
		return nil, err
	}
	return target, nil
}

// Record is a meeting's minutes with what is shown beside them.
type Record struct {
	Minutes   *Minutes // nil before anything is written (Overview only)
	Revisions []Revision
	Items     []ActionItem
	// Agenda is the meeting's accepted agenda, which the minutes are
	// drafted from.
	Agenda []meeting.Item
}

// Record returns the meeting's minutes, their revisions and the action
// items; ENOTFOUND when none are written yet.
func (s *Service) Record(ctx context.Context, t *Target) (*Record, error) {
	if err := t.require(RightRead); err != nil {
		return nil, err
	}
	return s.record(ctx, t.Meeting.ID, true)
}

func (s *Service) record(ctx context.Context, meetingID int64, required bool) (*Record, error) {
	var rec Record
	mn, err := s.store.Get(ctx, meetingID)
	if err != nil && (required || !app.IsCode(err, app.ENOTFOUND)) {
		return nil, err
	}
	if mn != nil {
		rec.Minutes = mn
		if rec.Revisions, err = s.store.Revisions(ctx, mn.ID); err != nil {
			return nil, err
		}
	}
	if rec.Items, err = s.store.Items(ctx, meetingID, s.clock.Now()); err != nil {
		return nil, err
	}
	if rec.Agenda, err = meeting.NewReader(s.db).Agenda(ctx, meetingID); err != nil {
		return nil, err
	}
	return &rec, nil
}

// Choices are the owners and plan actions an action item may be given.
type Choices struct {
	Members     []Member
	PlanActions []PlanAction
	// AgendaItems are the accepted agenda items an action item may be
	// given under.
	AgendaItems []meeting.Item
}

// Overview is the minutes page: the record (Minutes nil before anything is
// written) and, for managers, the choices of the action item form.
type Overview struct {
	Record
	Choices
}

// Overview returns what the minutes page shows the actor. It asks for no
// right of its own: the page is also the answer to a failed form of any
// operation the target was loaded for (the owner of an action item who
// has left the network still sees it after a bad status).
func (s *Service) Overview(ctx context.Context, t *Target) (*Overview, error) {
	rec, err := s.record(ctx, t.Meeting.ID, false)
	if err != nil {
		return nil, err
	}
	o := &Overview{Record: *rec}
	if t.Access.Manage {
		c, err := s.choices(ctx, t.Meeting.NetworkID, t.Meeting.ID)
		if err != nil {
			return nil, err
		}
		o.Choices = *c
	}
	return o, nil
}

func (s *Service) choices(ctx context.Context, networkID, meetingID int64) (*Choices, error) {
	var c Choices
	var err error
	if c.AgendaItems, err = meeting.NewReader(s.db).Agenda(ctx, meetingID); err != nil {
		return nil, err
	}
	if c.Members, err = s.store.Members(ctx, networkID, s.clock.Now()); err != nil {
		return nil, err
	}
	if c.PlanActions, err = s.store.PlanActions(ctx, networkID); err != nil {
		return nil, err
	}
	return &c, nil
}

// ItemChoices returns the owners and plan actions the item may be given
// (for its managers).
func (s *Service) ItemChoices(ctx context.Context, t *ItemTarget) (*Choices, error) {
	if err := t.require(RightManage); err != nil {
		return nil, err
	}
	return s.choices(ctx, t.Meeting.NetworkID, t.Meeting.ID)
}

// SaveInput is a save of the minutes: the text and, from the API, the
// status wanted ("" or "draft" keeps it; "approved" approves draft minutes
// after saving them, for approvers only). KeepSections keeps the sections
// as they are (an API client that sends none), ignoring Input.Sections.
type SaveInput struct {
	Input
	Status       string
	KeepSections bool
}

// sections fills in the sections' titles and preparers from the agenda
// (a section's agenda item must be an accepted item of the meeting, once)
// and checks their new action items; it returns the field errors.
func sections(v *app.Validator, in *Input, agenda []meeting.Item) {
	byID := map[int64]*meeting.Item{}
	for i := range agenda {
		byID[agenda[i].ID] = &agenda[i]
	}
	seen := map[int64]bool{}
	for i := range in.Sections {
		sec := &in.Sections[i]
		if sec.AgendaItemID != 0 {
			it, ok := byID[sec.AgendaItemID]
			if !ok || seen[sec.AgendaItemID] {
				v.Add(SectionField(i, "body"), "minutes.err.agenda_item", nil)
				continue
			}
			seen[sec.AgendaItemID] = true
			sec.Title, sec.Preparer = it.Title, it.PreparerName
		}
		if sec.Item != nil {
			if sec.AgendaItemID == 0 {
				v.Add(SectionField(i, "item-title"), "minutes.err.agenda_item", nil)
				continue
			}
			sec.Item.AgendaItemID = sec.AgendaItemID
			iv := sec.Item.Problems
			sec.Item.Validate(&iv)
			for _, fe := range iv.Fields() {
				v.Add(sectionItemField(i, fe.Field), fe.Key, fe.Args)
			}
		}
	}
}

// sectionItemField is the form field of a section's new action item that
// reports an error of the action item's field.
func sectionItemField(i int, field string) string {
	switch field {
	case "title":
		return SectionField(i, "item-title")
	case "owner_id":
		return SectionField(i, "item-owner")
	case "due_on":
		return SectionField(i, "item-due")
	}
	return SectionField(i, "item-title")
}

// sectionItemErr moves the field errors of a section's action item to the
// section's fields.
func sectionItemErr(i int, err error) error {
	e := app.AsError(err)
	if e == nil || len(e.Fields) == 0 {
		return err
	}
	var v app.Validator
	for _, fe := range e.Fields {
		v.Add(sectionItemField(i, fe.Field), fe.Key, fe.Args)
	}
	return v.Err()
}

// SaveMinutes writes or corrects the meeting's minutes (managers; a
// correction of approved minutes needs a reason and keeps a revision) and,
// with Status "approved", approves them and mails them to the members in
// the same transaction. EINVALID for bad input, EFORBIDDEN when approving
// without the right.
func (s *Service) SaveMinutes(ctx context.Context, t *Target, in SaveInput) (*Minutes, error) {
	if err := t.require(RightManage); err != nil {
		return nil, err
	}
	if in.Status != "" && in.Status != StatusDraft && in.Status != StatusApproved {
		return nil, app.FieldInvalid("status", "err.invalid_choice")
	}
	if in.Status == StatusApproved && !t.Access.Approve {
		return nil, app.Forbidden()
	}
	input := Input{Body: in.Body, Decisions: append([]string(nil), in.Decisions...), Reason: in.Reason,
		Sections: append([]SectionInput(nil), in.Sections...)}
	now := s.clock.Now()
	var saved *Minutes
	err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		st := NewStore(tx)
		cur, err := st.Get(ctx, t.Meeting.ID)
		if err != nil && !app.IsCode(err, app.ENOTFOUND) {
			return err
		}
		approved := cur != nil && cur.Approved()
		if approved && in.Status == StatusDraft {
			return app.FieldInvalid("status", "minutes.err.unapprove")
		}
		if in.KeepSections {
			input.Sections = nil
			if cur != nil {
				for _, sec := range cur.Sections {
					input.Sections = append(input.Sections, SectionInput{AgendaItemID: sec.AgendaItemID, Title: sec.Title,
						Preparer: sec.Preparer, Body: sec.Body, Decisions: sec.Decisions})
				}
			}
		}
		agenda, err := meeting.NewReader(tx).Agenda(ctx, t.Meeting.ID)
		if err != nil {
			return err
		}
		var v app.Validator
		if !in.KeepSections {
			sections(&v, &input, agenda)
		}
		input.Validate(&v, approved)
		if err := v.Err(); err != nil {
			return err
		}
		if saved, err = st.Save(ctx, t.Meeting.ID, input, t.Access.Person, now); err != nil {
			return err
		}
		for i, sec := range input.Sections {
			if sec.Item == nil {
				continue
			}
			if _, err := st.AddItem(ctx, t.Meeting.ID, t.Meeting.NetworkID, *sec.Item, now); err != nil {
				return sectionItemErr(i, err)
			}
		}
		if in.Status == StatusApproved && !saved.Approved() {
			if saved, _, err = s.approve(ctx, tx, t.Meeting, saved.Version, t.Access.Person, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// Approval is what approving the minutes would do: the draft approved
// and the number of members the minutes are mailed to.
type Approval struct {
	Minutes    *Minutes
	Recipients int
}

// Approval returns what approving the meeting's minutes would do, for the
// confirmation page (approvers). EINVALID when there are none, they are
// empty or approved already. Recipients counts exactly the members Notify
// mails.
func (s *Service) Approval(ctx context.Context, t *Target) (*Approval, error) {
	if err := t.require(RightApprove); err != nil {
		return nil, err
	}
	mn, err := s.store.Get(ctx, t.Meeting.ID)
	if app.IsCode(err, app.ENOTFOUND) {
		return nil, app.KeyError(app.EINVALID, "minutes.err.none", "the meeting has no minutes")
	}
	if err != nil {
		return nil, err
	}
	if mn.Approved() {
		return nil, app.KeyError(app.EINVALID, "minutes.err.already_approved", "the minutes are approved already")
	}
	if mn.Empty() {
		return nil, app.KeyError(app.EINVALID, "minutes.err.none", "the minutes are empty")
	}
	members, err := s.store.Members(ctx, t.Meeting.NetworkID, s.clock.Now())
	if err != nil {
		return nil, err
	}
	return &Approval{Minutes: mn, Recipients: len(recipients(members))}, nil
}

// CanApprove reports whether approval is offered to the actor: an
// approver, draft minutes with something written.
func (t *Target) CanApprove(mn *Minutes) bool {
	return t.Access.Approve && mn != nil && !mn.Approved() && !mn.Empty()
}

// Approve approves the meeting's draft minutes as they were at version
// (the one the approver read) and mails them to every current member in
// the same transaction; it returns the number of mails queued. EINVALID
// when version is missing, there are no minutes or they are approved
// already; ECONFLICT when they changed since version.
func (s *Service) Approve(ctx context.Context, t *Target, version int) (int, error) {
	if err := t.require(RightApprove); err != nil {
		return 0, err
	}
	if version <= 0 {
		return 0, app.FieldInvalid("version", "err.required")
	}
	var sent int
	err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		_, sent, err = s.approve(ctx, tx, t.Meeting, version, t.Access.Person, s.clock.Now())
		return err
	})
	return sent, err
}

// approve approves the minutes and queues the mail to the members in tx.
func (s *Service) approve(ctx context.Context, tx *sql.Tx, m *meeting.Meeting, version int, approver int64, now time.Time) (*Minutes, int, error) {
	mn, err := NewStore(tx).Approve(ctx, m.ID, version, approver, now)
	if err != nil {
		return nil, 0, err
	}
	sent, err := Notify(ctx, tx, s.mail, m, mn, now)
	return mn, sent, err
}

// validItem validates an action item, with the errors found while decoding
// it.
func validItem(in *ItemInput) error {
	v := in.Problems
	in.Validate(&v)
	return v.Err()
}

// AddItem gives the meeting a new action item (managers) and returns it.
// EINVALID for bad input, an owner who is not a current member of the
// network or a plan action not the network's.
func (s *Service) AddItem(ctx context.Context, t *Target, in ItemInput) (*ActionItem, error) {
	if err := t.require(RightManage); err != nil {
		return nil, err
	}
	if err := validItem(&in); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	id, err := s.store.AddItem(ctx, t.Meeting.ID, t.Meeting.NetworkID, in, now)
	if err != nil {
		return nil, err
	}
	return s.store.Item(ctx, id, now)
}

// UpdateItem replaces an action item and returns it. Managers change
// everything (a departed owner may be kept); the owner changes only the
// status, and must send the other fields as they are (EFORBIDDEN
// otherwise). EINVALID for bad input.
func (s *Service) UpdateItem(ctx context.Context, t *ItemTarget, in ItemInput) (*ActionItem, error) {
	if err := t.require(RightSetStatus); err != nil {
		return nil, err
	}
	if err := validItem(&in); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	it := t.Item
	var err error
	if t.Access.Manage {
		err = s.store.UpdateItem(ctx, it.ID, in, now)
	} else if in.Title != it.Title || in.OwnerID != it.OwnerID || app.ISODate(in.DueOn) != app.ISODate(it.DueOn) || in.PlanActionID != it.PlanActionID {
		err = app.Forbidden()
	} else {
		err = s.store.SetItemStatus(ctx, it.ID, in.Status, now)
	}
	if err != nil {
		return nil, err
	}
	return s.store.Item(ctx, it.ID, now)
}

// SetItemStatus marks an action item done, open or cancelled (managers and
// the item's owner). EINVALID for an unknown status.
func (s *Service) SetItemStatus(ctx context.Context, t *ItemTarget, status string) error {
	if err := t.require(RightSetStatus); err != nil {
		return err
	}
	return s.store.SetItemStatus(ctx, t.Item.ID, status, s.clock.Now())
}

// UndoItemStatus puts an action item's status back to prev after it was
// set to set (the Undo offered after marking it done): the same right as
// SetItemStatus (managers and the item's owner), EFORBIDDEN otherwise;
// ECONFLICT (key undo.changed) when its status is no longer set, so an
// undo never overwrites a change made since. EINVALID for an unknown
// status.
func (s *Service) UndoItemStatus(ctx context.Context, t *ItemTarget, set, prev string) error {
	if err := t.require(RightSetStatus); err != nil {
		return err
	}
	if t.Item.Status != set {
		return app.KeyError(app.ECONFLICT, "undo.changed", "action item status changed since")
	}
	return s.store.SetItemStatus(ctx, t.Item.ID, prev, s.clock.Now())
}

// Organisations returns the organisations represented in the meeting's
// network (its members' and its action items' owners'), for the list of
// take-home summaries.
func (s *Service) Organisations(ctx context.Context, t *Target) ([]Organisation, error) {
	if err := t.require(RightRead); err != nil {
		return nil, err
	}
	return s.store.Organisations(ctx, t.Meeting.NetworkID, t.Meeting.ID, s.clock.Now())
}

// Summary is the take-home summary of one organisation.
type Summary struct {
	Organisations []Organisation
	Organisation  *Organisation
	Minutes       *Minutes // nil when none, or a draft the actor may not see
	Draft         bool
	Items         []ActionItem // the organisation's, cancelled ones left out
	Next          *meeting.Meeting
}

// Summary returns the take-home summary of the organisation orgID: the
// decisions (of a draft for managers only), the organisation's action
// items and the network's next meeting. ENOTFOUND when the organisation is
// not represented in the network.
func (s *Service) Summary(ctx context.Context, t *Target, orgID int64) (*Summary, error) {
	orgs, err := s.Organisations(ctx, t)
	if err != nil {
		return nil, err
	}
	sum := &Summary{Organisations: orgs}
	for i := range orgs {
		if orgs[i].ID == orgID {
			sum.Organisation = &orgs[i]
		}
	}
	if sum.Organisation == nil {
		return nil, app.NotFound("organisation")
	}
	m := t.Meeting
	mn, err := s.store.Get(ctx, m.ID)
	if err != nil && !app.IsCode(err, app.ENOTFOUND) {
		return nil, err
	}
	if mn != nil && (mn.Approved() || t.Access.Manage) {
		sum.Minutes, sum.Draft = mn, !mn.Approved()
	}
	items, err := s.store.Items(ctx, m.ID, s.clock.Now())
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if it.OrganisationID == orgID && it.Status != ItemCancelled {
			sum.Items = append(sum.Items, it)
		}
	}
	if sum.Next, err = s.store.NextMeeting(ctx, m); err != nil {
		return nil, err
	}
	return sum, nil
}
