package minutes

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
)

// Store is the minutes' and action items' SQL. Save and Approve write
// several rows: give the store a transaction (the handlers do).
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

func nullDate(t *time.Time) any {
	if t == nil {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d
}

// Today returns the day of now in Helsinki, as a UTC midnight (the form
// dates are compared in).
func Today(now time.Time) time.Time { return app.Day(now) }

// Get returns a meeting's minutes with their decisions; ENOTFOUND when the
// meeting has none.
func (s *Store) Get(ctx context.Context, meetingID int64) (*Minutes, error) {
	var m Minutes
	var approvedAt sql.NullTime
	err := s.q.QueryRowContext(ctx, `SELECT n.id, n.meeting_id, n.body, n.status, n.version, COALESCE(n.approved_by, 0), COALESCE(p.name, ''),
		n.approved_at, n.created_at, n.updated_at FROM minutes n LEFT JOIN people p ON p.id = n.approved_by WHERE n.meeting_id = $1`, meetingID).
		Scan(&m.ID, &m.MeetingID, &m.Body, &m.Status, &m.Version, &m.ApprovedByID, &m.ApprovedByName, &approvedAt, &m.CreatedAt, &m.UpdatedAt)
	if err != nil {
		return nil, db.NotFound(err, "minutes", "get minutes")
	}
	if approvedAt.Valid {
		t := approvedAt.Time.UTC()
		m.ApprovedAt = &t
	}
	if m.Sections, err = s.sections(ctx, m.ID); err != nil {
		return nil, err
	}
	rows, err := s.q.QueryContext(ctx, `SELECT id, position, text, COALESCE(section_id, 0) FROM decisions WHERE minutes_id = $1 ORDER BY position, id`, m.ID)
	if err != nil {
		return nil, fmt.Errorf("list decisions: %w", err)
	}
	defer rows.Close()
	bySection := map[int64]int{}
	for i, sec := range m.Sections {
		bySection[sec.ID] = i
	}
	for rows.Next() {
		var d Decision
		if err := rows.Scan(&d.ID, &d.Position, &d.Text, &d.SectionID); err != nil {
			return nil, fmt.Errorf("scan decision: %w", err)
		}
		m.Decisions = append(m.Decisions, d)
		if i, ok := bySection[d.SectionID]; ok && d.SectionID != 0 {
			m.Sections[i].Decisions = append(m.Sections[i].Decisions, d.Text)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list decisions: %w", err)
	}
	return &m, nil
}

// sections returns the minutes' sections in order, without decisions.
func (s *Store) sections(ctx context.Context, minutesID int64) ([]Section, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, COALESCE(agenda_item_id, 0), position, title, preparer, body
		FROM minutes_sections WHERE minutes_id = $1 ORDER BY position, id`, minutesID)
	if err != nil {
		return nil, fmt.Errorf("list minutes sections: %w", err)
	}
	defer rows.Close()
	var out []Section
	for rows.Next() {
		var sec Section
		if err := rows.Scan(&sec.ID, &sec.AgendaItemID, &sec.Number, &sec.Title, &sec.Preparer, &sec.Body); err != nil {
			return nil, fmt.Errorf("scan minutes section: %w", err)
		}
		out = append(out, sec)
	}
	return out, rows.Err()
}

func sameTexts(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// unchanged reports whether in writes what cur holds.
func unchanged(cur *Minutes, in Input) bool {
	if cur.Body != in.Body || !sameTexts(cur.GeneralDecisions(), in.Decisions) || len(cur.Sections) != len(in.Sections) {
		return false
	}
	for i, sec := range cur.Sections {
		x := in.Sections[i]
		if sec.AgendaItemID != x.AgendaItemID || sec.Title != x.Title || sec.Preparer != x.Preparer || sec.Body != x.Body ||
			!sameTexts(sec.Decisions, x.Decisions) {
			return false
		}
	}
	return true
}

// sectionsJSON is the sections as a revision keeps them ("" for none).
func sectionsJSON(secs []Section) (string, error) {
	if len(secs) == 0 {
		return "", nil
	}
	b, err := json.Marshal(secs)
	if err != nil {
		return "", fmt.Errorf("encode minutes sections: %w", err)
	}
	return string(b), nil
}

// Save creates or replaces a meeting's minutes, their sections and
// decisions (in.Sections with their titles and preparers filled in; the
// action items of in.Sections are not the store's). Call in.Validate
// first (with approved set for approved minutes). Correcting
// approved minutes needs in.Reason and keeps the replaced text as a
// revision by author; saving unchanged approved minutes does nothing.
func (s *Store) Save(ctx context.Context, meetingID int64, in Input, authorID int64, now time.Time) (*Minutes, error) {
	now = db.Now(now)
	cur, err := s.Get(ctx, meetingID)
	if app.IsCode(err, app.ENOTFOUND) {
		var id int64
		if err := s.q.QueryRowContext(ctx, `INSERT INTO minutes (meeting_id, body, status, version, created_at, updated_at)
			VALUES ($1, $2, 'draft', 1, $3, $3) RETURNING id`, meetingID, in.Body, now).Scan(&id); err != nil {
			return nil, fmt.Errorf("create minutes: %w", err)
		}
		if err := s.setContent(ctx, id, in); err != nil {
			return nil, err
		}
		return s.Get(ctx, meetingID)
	}
	if err != nil {
		return nil, err
	}
	if cur.Approved() {
		if unchanged(cur, in) {
			return cur, nil
		}
		if strings.TrimSpace(in.Reason) == "" {
			return nil, app.FieldInvalid("reason", "minutes.err.reason_required")
		}
		secs, err := sectionsJSON(cur.Sections)
		if err != nil {
			return nil, err
		}
		if _, err := s.q.ExecContext(ctx, `INSERT INTO minutes_revisions (minutes_id, body, decisions, author_id, reason, created_at, sections)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, cur.ID, cur.Body, strings.Join(cur.GeneralDecisions(), "\n"), db.NullID(authorID), in.Reason, now, secs); err != nil {
			return nil, fmt.Errorf("store minutes revision: %w", err)
		}
	}
	if _, err := s.q.ExecContext(ctx, `UPDATE minutes SET body = $1, version = version + 1, updated_at = $2 WHERE id = $3`,
		in.Body, now, cur.ID); err != nil {
		return nil, fmt.Errorf("update minutes: %w", err)
	}
	if err := s.setContent(ctx, cur.ID, in); err != nil {
		return nil, err
	}
	return s.Get(ctx, meetingID)
}

// setContent replaces the minutes' sections and decisions: the sections'
// decisions first, in order, then those of the minutes as a whole.
func (s *Store) setContent(ctx context.Context, minutesID int64, in Input) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM decisions WHERE minutes_id = $1`, minutesID); err != nil {
		return fmt.Errorf("clear decisions: %w", err)
	}
	if _, err := s.q.ExecContext(ctx, `DELETE FROM minutes_sections WHERE minutes_id = $1`, minutesID); err != nil {
		return fmt.Errorf("clear minutes sections: %w", err)
	}
	pos := 0
	addDecisions := func(texts []string, sectionID int64) error {
		for _, t := range texts {
			pos++
			if _, err := s.q.ExecContext(ctx, `INSERT INTO decisions (minutes_id, position, text, section_id) VALUES ($1, $2, $3, $4)`,
				minutesID, pos, t, db.NullID(sectionID)); err != nil {
				return fmt.Errorf("add decision: %w", err)
			}
		}
		return nil
	}
	for i, sec := range in.Sections {
		var id int64
		if err := s.q.QueryRowContext(ctx, `INSERT INTO minutes_sections (minutes_id, agenda_item_id, position, title, preparer, body)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, minutesID, db.NullID(sec.AgendaItemID), i+1, sec.Title, sec.Preparer, sec.Body).Scan(&id); err != nil {
			return fmt.Errorf("add minutes section: %w", err)
		}
		if err := addDecisions(sec.Decisions, id); err != nil {
			return err
		}
	}
	return addDecisions(in.Decisions, 0)
}

// Approve approves a meeting's draft minutes as they were at version (the
// one the approver read). EINVALID when there are none or they are
// approved already; ECONFLICT when they changed since.
func (s *Store) Approve(ctx context.Context, meetingID int64, version int, approverID int64, now time.Time) (*Minutes, error) {
	cur, err := s.Get(ctx, meetingID)
	if app.IsCode(err, app.ENOTFOUND) {
		return nil, app.KeyError(app.EINVALID, "minutes.err.none", "the meeting has no minutes")
	}
	if err != nil {
		return nil, err
	}
	if cur.Approved() {
		return nil, app.KeyError(app.EINVALID, "minutes.err.already_approved", "the minutes are approved already")
	}
	if cur.Empty() {
		return nil, app.KeyError(app.EINVALID, "minutes.err.none", "the minutes are empty")
	}
	if cur.Version != version {
		e := app.FieldConflict("version", "minutes.err.changed")
		e.Key = "minutes.err.changed"
		return nil, e
	}
	res, err := s.q.ExecContext(ctx, `UPDATE minutes SET status = 'approved', approved_by = $1, approved_at = $2, updated_at = $2
		WHERE id = $3 AND status = 'draft' AND version = $4`, db.NullID(approverID), db.Now(now), cur.ID, version)
	if err != nil {
		return nil, fmt.Errorf("approve minutes: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, app.FieldConflict("version", "minutes.err.changed")
	}
	return s.Get(ctx, meetingID)
}

// Revisions returns the corrections of a meeting's minutes, newest first.
func (s *Store) Revisions(ctx context.Context, minutesID int64) ([]Revision, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT r.id, r.body, r.decisions, COALESCE(r.author_id, 0), COALESCE(p.name, ''), r.reason, r.created_at, r.sections
		FROM minutes_revisions r LEFT JOIN people p ON p.id = r.author_id WHERE r.minutes_id = $1 ORDER BY r.created_at DESC, r.id DESC`, minutesID)
	if err != nil {
		return nil, fmt.Errorf("list minutes revisions: %w", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var secs string
		if err := rows.Scan(&r.ID, &r.Body, &r.Decisions, &r.AuthorID, &r.AuthorName, &r.Reason, &r.CreatedAt, &secs); err != nil {
			return nil, fmt.Errorf("scan minutes revision: %w", err)
		}
		if secs != "" {
			if err := json.Unmarshal([]byte(secs), &r.Sections); err != nil {
				return nil, fmt.Errorf("decode minutes revision sections: %w", err)
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Member is a current member of a network, with the organisation they
// represent.
type Member struct {
	PersonID         int64
	Name             string
	Email            string
	Lang             string
	OrganisationID   int64
	OrganisationName string
}

// Members returns the network's current members (term not ended on the
// day of now) by name.
func (s *Store) Members(ctx context.Context, networkID int64, now time.Time) ([]Member, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT p.id, p.name, COALESCE(p.email, ''), p.lang,
		COALESCE(m.organisation_id, p.organisation_id, 0), COALESCE(o.name, '')
		FROM memberships m JOIN people p ON p.id = m.person_id
		LEFT JOIN organisations o ON o.id = COALESCE(m.organisation_id, p.organisation_id)
		WHERE m.network_id = $1 AND (m.term_end IS NULL OR m.term_end >= $2)
		ORDER BY p.name, p.id`, networkID, Today(now))
	if err != nil {
		return nil, fmt.Errorf("list members: %w", err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.PersonID, &m.Name, &m.Email, &m.Lang, &m.OrganisationID, &m.OrganisationName); err != nil {
			return nil, fmt.Errorf("scan member: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// IsCurrentMember reports whether the person is a current member of the
// network on the day of now.
func (s *Store) IsCurrentMember(ctx context.Context, networkID, personID int64, now time.Time) (bool, error) {
	var n int
	err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships WHERE network_id = $1 AND person_id = $2
		AND (term_end IS NULL OR term_end >= $3)`, networkID, personID, Today(now)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check membership: %w", err)
	}
	return n > 0, nil
}

// PlanAction is an action of one of a network's plans, for the link of an
// action item.
type PlanAction struct {
	ID        int64
	Title     string
	PlanTitle string
}

// PlanActions returns the actions of the network's plans.
func (s *Store) PlanActions(ctx context.Context, networkID int64) ([]PlanAction, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT a.id, a.title, p.title FROM plan_actions a
		JOIN plan_objectives o ON o.id = a.objective_id JOIN action_plans p ON p.id = o.plan_id
		WHERE p.network_id = $1 ORDER BY p.starts_on DESC, p.id, a.id`, networkID)
	if err != nil {
		return nil, fmt.Errorf("list plan actions: %w", err)
	}
	defer rows.Close()
	var out []PlanAction
	for rows.Next() {
		var a PlanAction
		if err := rows.Scan(&a.ID, &a.Title, &a.PlanTitle); err != nil {
			return nil, fmt.Errorf("scan plan action: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *Store) planActionInNetwork(ctx context.Context, networkID, actionID int64) (bool, error) {
	var n int
	err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM plan_actions a JOIN plan_objectives o ON o.id = a.objective_id
		JOIN action_plans p ON p.id = o.plan_id WHERE a.id = $1 AND p.network_id = $2`, actionID, networkID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check plan action: %w", err)
	}
	return n > 0, nil
}

const itemQuery = `SELECT a.id, a.meeting_id, mt.title, a.network_id, a.title, COALESCE(a.owner_person_id, 0), COALESCE(p.name, ''),
	CASE WHEN ms.id IS NOT NULL AND (ms.term_end IS NULL OR ms.term_end >= $1) THEN 1 ELSE 0 END,
	COALESCE(ms.organisation_id, p.organisation_id, 0), COALESCE(o.name, ''),
	a.due_on, a.status, COALESCE(a.plan_action_id, 0), COALESCE(pa.title, ''), a.created_at, a.updated_at, a.completed_at,
	COALESCE(a.agenda_item_id, 0)
	FROM action_items a JOIN meetings mt ON mt.id = a.meeting_id
	LEFT JOIN people p ON p.id = a.owner_person_id
	LEFT JOIN memberships ms ON ms.network_id = a.network_id AND ms.person_id = a.owner_person_id
	LEFT JOIN organisations o ON o.id = COALESCE(ms.organisation_id, p.organisation_id)
	LEFT JOIN plan_actions pa ON pa.id = a.plan_action_id `

func scanItem(row interface{ Scan(...any) error }) (*ActionItem, error) {
	var a ActionItem
	var member int
	var due, completed sql.NullTime
	err := row.Scan(&a.ID, &a.MeetingID, &a.MeetingTitle, &a.NetworkID, &a.Title, &a.OwnerID, &a.OwnerName, &member,
		&a.OrganisationID, &a.OrganisationName, &due, &a.Status, &a.PlanActionID, &a.PlanActionTitle, &a.CreatedAt, &a.UpdatedAt, &completed,
		&a.AgendaItemID)
	if err != nil {
		return nil, err
	}
	a.OwnerIsMember = member == 1
	if due.Valid {
		d := due.Time.UTC()
		a.DueOn = &d
	}
	if completed.Valid {
		c := completed.Time.UTC()
		a.CompletedAt = &c
	}
	return &a, nil
}

// Items returns a meeting's action items: open ones by due date first.
func (s *Store) Items(ctx context.Context, meetingID int64, now time.Time) ([]ActionItem, error) {
	rows, err := s.q.QueryContext(ctx, itemQuery+`WHERE a.meeting_id = $2
		ORDER BY CASE WHEN a.status = 'open' THEN 0 ELSE 1 END, a.due_on, a.id`, Today(now), meetingID)
	if err != nil {
		return nil, fmt.Errorf("list action items: %w", err)
	}
	defer rows.Close()
	var out []ActionItem
	for rows.Next() {
		a, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("scan action item: %w", err)
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// Item returns an action item; ENOTFOUND when missing.
func (s *Store) Item(ctx context.Context, id int64, now time.Time) (*ActionItem, error) {
	a, err := scanItem(s.q.QueryRowContext(ctx, itemQuery+`WHERE a.id = $2`, Today(now), id))
	if err != nil {
		return nil, db.NotFound(err, "action_item", "get action item")
	}
	return a, nil
}

// checkItem checks the owner (a current member, or the unchanged owner
// keepOwner), the plan action (one of the network's) and the agenda item
// (an accepted one of the meeting's).
func (s *Store) checkItem(ctx context.Context, meetingID, networkID int64, in ItemInput, keepOwner int64, now time.Time) error {
	if in.AgendaItemID != 0 {
		var n int
		if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM agenda_items WHERE id = $1 AND meeting_id = $2 AND status = 'accepted'`,
			in.AgendaItemID, meetingID).Scan(&n); err != nil {
			return fmt.Errorf("check agenda item: %w", err)
		}
		if n == 0 {
			return app.FieldInvalid("agenda_item_id", "minutes.err.agenda_item")
		}
	}
	if in.OwnerID != keepOwner || keepOwner == 0 {
		ok, err := s.IsCurrentMember(ctx, networkID, in.OwnerID, now)
		if err != nil {
			return err
		}
		if !ok {
			return app.FieldInvalid("owner_id", "minutes.err.owner_not_member")
		}
	}
	if in.PlanActionID != 0 {
		ok, err := s.planActionInNetwork(ctx, networkID, in.PlanActionID)
		if err != nil {
			return err
		}
		if !ok {
			return app.FieldInvalid("plan_action_id", "minutes.err.plan_action")
		}
	}
	return nil
}

func completedAt(status string, prev *time.Time, now time.Time) any {
	if status != ItemDone {
		return nil
	}
	if prev != nil {
		return db.Now(*prev)
	}
	return now
}

// AddItem adds an action item to a meeting and returns its id. Call
// in.Validate first. EINVALID when the owner is not a current member of
// the network or the plan action is not the network's.
func (s *Store) AddItem(ctx context.Context, meetingID, networkID int64, in ItemInput, now time.Time) (int64, error) {
	if err := s.checkItem(ctx, meetingID, networkID, in, 0, now); err != nil {
		return 0, err
	}
	now = db.Now(now)
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO action_items (meeting_id, network_id, title, owner_person_id, due_on, status, plan_action_id,
		created_at, updated_at, completed_at, agenda_item_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) RETURNING id`,
		meetingID, networkID, in.Title, in.OwnerID, nullDate(in.DueOn), in.Status, db.NullID(in.PlanActionID), now,
		completedAt(in.Status, nil, now), db.NullID(in.AgendaItemID)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add action item: %w", err)
	}
	return id, nil
}

// UpdateItem replaces an action item's fields. A new owner must be a
// current member; the owner who has left may be kept. ENOTFOUND when
// missing.
func (s *Store) UpdateItem(ctx context.Context, id int64, in ItemInput, now time.Time) error {
	cur, err := s.Item(ctx, id, now)
	if err != nil {
		return err
	}
	check := in
	if check.AgendaItemID == cur.AgendaItemID {
		check.AgendaItemID = 0 // kept as it was, even if no longer accepted
	}
	if err := s.checkItem(ctx, cur.MeetingID, cur.NetworkID, check, cur.OwnerID, now); err != nil {
		return err
	}
	now = db.Now(now)
	_, err = s.q.ExecContext(ctx, `UPDATE action_items SET title = $1, owner_person_id = $2, due_on = $3, status = $4, plan_action_id = $5,
		updated_at = $6, completed_at = $7, agenda_item_id = $8 WHERE id = $9`, in.Title, db.NullID(in.OwnerID), nullDate(in.DueOn), in.Status,
		db.NullID(in.PlanActionID), now, completedAt(in.Status, cur.CompletedAt, now), db.NullID(in.AgendaItemID), id)
	if err != nil {
		return fmt.Errorf("update action item: %w", err)
	}
	return nil
}

// SetItemStatus changes an action item's status. EINVALID for an unknown
// status, ENOTFOUND when missing.
func (s *Store) SetItemStatus(ctx context.Context, id int64, status string, now time.Time) error {
	if !validStatus(status) {
		return app.FieldInvalid("status", "err.invalid_choice")
	}
	cur, err := s.Item(ctx, id, now)
	if err != nil {
		return err
	}
	now = db.Now(now)
	if _, err := s.q.ExecContext(ctx, `UPDATE action_items SET status = $1, updated_at = $2, completed_at = $3 WHERE id = $4`,
		status, now, completedAt(status, cur.CompletedAt, now), id); err != nil {
		return fmt.Errorf("set action item status: %w", err)
	}
	return nil
}

// NextMeeting returns the network's first scheduled meeting starting after
// m, or nil.
func (s *Store) NextMeeting(ctx context.Context, m *meeting.Meeting) (*meeting.Meeting, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `SELECT id FROM meetings WHERE network_id = $1 AND status = 'scheduled' AND starts_at > $2
		ORDER BY starts_at, id LIMIT 1`, m.NetworkID, db.Now(m.StartsAt)).Scan(&id)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find next meeting: %w", err)
	}
	return meeting.NewReader(s.q).Meeting(ctx, id)
}

// Organisation is an organisation represented in a network.
type Organisation struct {
	ID   int64
	Name string
}

// Organisations returns the organisations the network's current members
// represent, with those of the meeting's action item owners, by name.
func (s *Store) Organisations(ctx context.Context, networkID, meetingID int64, now time.Time) ([]Organisation, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT DISTINCT o.id, o.name FROM organisations o WHERE o.id IN (
		SELECT COALESCE(m.organisation_id, p.organisation_id) FROM memberships m JOIN people p ON p.id = m.person_id
			WHERE m.network_id = $1 AND (m.term_end IS NULL OR m.term_end >= $2)
		UNION
		SELECT COALESCE(ms.organisation_id, p.organisation_id) FROM action_items a JOIN people p ON p.id = a.owner_person_id
			LEFT JOIN memberships ms ON ms.network_id = a.network_id AND ms.person_id = a.owner_person_id
			WHERE a.meeting_id = $3)
		ORDER BY o.name, o.id`, networkID, Today(now), meetingID)
	if err != nil {
		return nil, fmt.Errorf("list represented organisations: %w", err)
	}
	defer rows.Close()
	var out []Organisation
	for rows.Next() {
		var o Organisation
		if err := rows.Scan(&o.ID, &o.Name); err != nil {
			return nil, fmt.Errorf("scan organisation: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
