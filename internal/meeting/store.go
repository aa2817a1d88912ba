package meeting

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Store is the meetings' SQL. Create, Update and the agenda moves write
// several rows: give the store a transaction when they must be atomic (the
// handlers do).
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

// networkExists returns ENOTFOUND for a network that does not exist.
func (s *Store) networkExists(ctx context.Context, id int64) error {
	var one int
	err := s.q.QueryRowContext(ctx, `SELECT 1 FROM networks WHERE id = $1`, id).Scan(&one)
	if err != nil {
		return db.NotFound(err, "network", "get network")
	}
	return nil
}

const meetingCols = `m.id, m.network_id, n.name, n.name_sv, n.name_en, n.project_id, COALESCE(m.series_id, 0), m.title, m.title_sv, m.title_en,
	m.description, m.description_sv, m.description_en, m.starts_at, m.ends_at,
	m.mode, m.place, m.remote_link, m.agenda_deadline, m.status, m.sequence, m.created_at, m.updated_at`

func scanMeeting(row interface{ Scan(...any) error }) (*Meeting, error) {
	var m Meeting
	var deadline sql.NullTime
	err := row.Scan(&m.ID, &m.NetworkID, &m.NetworkName, &m.NetworkNameSv, &m.NetworkNameEn, &m.ProjectID, &m.SeriesID, &m.Title, &m.TitleSv, &m.TitleEn,
		&m.Description, &m.DescriptionSv, &m.DescriptionEn, &m.StartsAt, &m.EndsAt,
		&m.Mode, &m.Place, &m.RemoteLink, &deadline, &m.Status, &m.Sequence, &m.CreatedAt, &m.UpdatedAt)
	if err != nil {
		return nil, err
	}
	m.StartsAt, m.EndsAt = m.StartsAt.UTC(), m.EndsAt.UTC()
	if deadline.Valid {
		d := deadline.Time.UTC()
		m.AgendaDeadline = &d
	}
	return &m, nil
}

// Get returns a meeting; ENOTFOUND when missing.
func (s *Store) Get(ctx context.Context, id int64) (*Meeting, error) {
	m, err := scanMeeting(s.q.QueryRowContext(ctx, `SELECT `+meetingCols+` FROM meetings m JOIN networks n ON n.id = m.network_id WHERE m.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "meeting", "get meeting")
	}
	return m, nil
}

// ListFilter selects a network's meetings for List.
type ListFilter struct {
	NetworkID int64
	// When is "upcoming" (not yet ended at Now, soonest first), "past"
	// (ended, latest first) or "" (all, by start).
	When   string
	Now    time.Time
	Limit  int // 0: no limit
	Offset int
}

// List returns a page of a network's meetings and the number matching.
func (s *Store) List(ctx context.Context, f ListFilter) ([]Meeting, int, error) {
	where := ` WHERE m.network_id = $1`
	args := []any{f.NetworkID}
	order := ` ORDER BY m.starts_at, m.id`
	switch f.When {
	case "upcoming":
		args = append(args, db.Now(f.Now))
		where += ` AND m.ends_at > $2`
	case "past":
		args = append(args, db.Now(f.Now))
		where += ` AND m.ends_at <= $2`
		order = ` ORDER BY m.starts_at DESC, m.id DESC`
	}
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM meetings m`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count meetings: %w", err)
	}
	q := `SELECT ` + meetingCols + ` FROM meetings m JOIN networks n ON n.id = m.network_id` + where + order
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	rows, err := s.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list meetings: %w", err)
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan meeting: %w", err)
		}
		out = append(out, *m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list meetings: %w", err)
	}
	return out, total, nil
}

// overlap returns a scheduled meeting of the network (other than except)
// overlapping [start, end), or nil.
func (s *Store) overlap(ctx context.Context, networkID, except int64, start, end time.Time) (*Meeting, error) {
	m, err := scanMeeting(s.q.QueryRowContext(ctx, `SELECT `+meetingCols+` FROM meetings m JOIN networks n ON n.id = m.network_id
		WHERE m.network_id = $1 AND m.id <> $2 AND m.status = 'scheduled' AND m.starts_at < $3 AND m.ends_at > $4
		ORDER BY m.starts_at LIMIT 1`, networkID, except, db.Now(end), db.Now(start)))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("check overlapping meetings: %w", err)
	}
	return m, nil
}

func overlapError(m *Meeting) error {
	e := app.FieldConflict("starts_at", "meeting.err.overlap")
	e.Fields[0].Args = map[string]any{"Title": m.Title, "When": m.When()}
	return e
}

// Create stores a meeting, or a series when in.RRule is set (one meeting
// per occurrence), and returns the new meetings' ids in time order. Call
// in.Validate first. ECONFLICT when a meeting would overlap a scheduled
// meeting of the network; ENOTFOUND for an unknown network.
func (s *Store) Create(ctx context.Context, networkID int64, in Input, now time.Time) ([]int64, error) {
	if err := s.networkExists(ctx, networkID); err != nil {
		return nil, err
	}
	starts := []time.Time{in.StartsAt.UTC()}
	var seriesID any
	if in.RRule != "" {
		var err error
		if starts, err = Occurrences(in.RRule, in.StartsAt); err != nil {
			return nil, app.FieldInvalid("rrule", "meeting.err.bad_rrule")
		}
	}
	length := in.EndsAt.Sub(in.StartsAt)
	for _, st := range starts {
		if m, err := s.overlap(ctx, networkID, 0, st, st.Add(length)); err != nil {
			return nil, err
		} else if m != nil {
			return nil, overlapError(m)
		}
	}
	now = db.Now(now)
	if in.RRule != "" {
		var id int64
		err := s.q.QueryRowContext(ctx, `INSERT INTO meeting_series (network_id, rrule, first_start, last_start, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, networkID, CanonicalRule(in.RRule), db.Now(starts[0]), db.Now(starts[len(starts)-1]), now).Scan(&id)
		if err != nil {
			return nil, fmt.Errorf("create meeting series: %w", err)
		}
		seriesID = id
	}
	ids := make([]int64, 0, len(starts))
	for _, st := range starts {
		var deadline any
		if in.AgendaDeadline != nil {
			// A series keeps the deadline's distance from the start.
			deadline = db.Now(st.Add(in.AgendaDeadline.Sub(in.StartsAt)))
		}
		var id int64
		err := s.q.QueryRowContext(ctx, `INSERT INTO meetings (network_id, series_id, title, description, starts_at, ends_at, mode, place,
			remote_link, agenda_deadline, status, sequence, created_at, updated_at, title_sv, title_en, description_sv, description_en)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'scheduled', 0, $11, $11, $12, $13, $14, $15) RETURNING id`,
			networkID, seriesID, in.Title, in.Description, db.Now(st), db.Now(st.Add(length)), in.Mode, in.Place,
			in.RemoteLink, deadline, now, in.TitleSv, in.TitleEn, in.DescriptionSv, in.DescriptionEn).Scan(&id)
		if err != nil {
			return nil, fmt.Errorf("create meeting: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// Update replaces a meeting's fields (in.RRule is ignored: an occurrence
// is edited alone) and reports whether anything a calendar shows changed;
// then the sequence number goes up. ENOTFOUND when missing, ECONFLICT on
// an overlap, EINVALID for a cancelled meeting.
func (s *Store) Update(ctx context.Context, id int64, in Input, now time.Time) (bool, error) {
	cur, err := s.Get(ctx, id)
	if err != nil {
		return false, err
	}
	if cur.Cancelled() {
		return false, app.KeyError(app.EINVALID, "meeting.err.cancelled", "the meeting is cancelled")
	}
	if m, err := s.overlap(ctx, cur.NetworkID, id, in.StartsAt, in.EndsAt); err != nil {
		return false, err
	} else if m != nil {
		return false, overlapError(m)
	}
	changed := cur.Title != in.Title || cur.Description != in.Description ||
		cur.TitleSv != in.TitleSv || cur.TitleEn != in.TitleEn || cur.DescriptionSv != in.DescriptionSv || cur.DescriptionEn != in.DescriptionEn ||
		!cur.StartsAt.Equal(db.Now(in.StartsAt)) ||
		!cur.EndsAt.Equal(db.Now(in.EndsAt)) || cur.Mode != in.Mode || cur.Place != in.Place || cur.RemoteLink != in.RemoteLink
	seq := cur.Sequence
	if changed {
		seq++
	}
	_, err = s.q.ExecContext(ctx, `UPDATE meetings SET title = $1, description = $2, starts_at = $3, ends_at = $4, mode = $5, place = $6,
		remote_link = $7, agenda_deadline = $8, sequence = $9, updated_at = $10,
		title_sv = $12, title_en = $13, description_sv = $14, description_en = $15 WHERE id = $11`,
		in.Title, in.Description, db.Now(in.StartsAt), db.Now(in.EndsAt), in.Mode, in.Place, in.RemoteLink, db.NullTime(in.AgendaDeadline),
		seq, db.Now(now), id, in.TitleSv, in.TitleEn, in.DescriptionSv, in.DescriptionEn)
	if err != nil {
		return false, fmt.Errorf("update meeting: %w", err)
	}
	return changed, nil
}

// Cancel marks a meeting cancelled and raises its sequence number.
// ENOTFOUND when missing; EINVALID when it was cancelled already.
func (s *Store) Cancel(ctx context.Context, id int64, now time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE meetings SET status = 'cancelled', sequence = sequence + 1, updated_at = $1
		WHERE id = $2 AND status = 'scheduled'`, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("cancel meeting: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.Get(ctx, id); err != nil {
			return err
		}
		return app.KeyError(app.EINVALID, "meeting.err.cancelled", "the meeting is cancelled")
	}
	return nil
}

// Invitees returns the network's current members (term not ended on the
// day of at) by name.
func (s *Store) Invitees(ctx context.Context, networkID int64, at time.Time) ([]Invitee, error) {
	day := at.In(app.Helsinki)
	today := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	rows, err := s.q.QueryContext(ctx, `SELECT p.id, p.name, COALESCE(p.email, ''), p.lang FROM memberships m
		JOIN people p ON p.id = m.person_id
		WHERE m.network_id = $1 AND (m.term_end IS NULL OR m.term_end >= $2)
		ORDER BY p.name, p.id`, networkID, today)
	if err != nil {
		return nil, fmt.Errorf("list invitees: %w", err)
	}
	defer rows.Close()
	var out []Invitee
	for rows.Next() {
		var i Invitee
		if err := rows.Scan(&i.PersonID, &i.Name, &i.Email, &i.Lang); err != nil {
			return nil, fmt.Errorf("scan invitee: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// AgendaRunners returns the network's current conveners and secretaries
// (term not ended on the day of at) by name: they receive agenda
// proposals.
func (s *Store) AgendaRunners(ctx context.Context, networkID int64, at time.Time) ([]Invitee, error) {
	day := at.In(app.Helsinki)
	today := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	rows, err := s.q.QueryContext(ctx, `SELECT p.id, p.name, COALESCE(p.email, ''), p.lang FROM memberships m
		JOIN people p ON p.id = m.person_id
		WHERE m.network_id = $1 AND m.role IN ('convener', 'secretary') AND (m.term_end IS NULL OR m.term_end >= $2)
		ORDER BY p.name, p.id`, networkID, today)
	if err != nil {
		return nil, fmt.Errorf("list agenda runners: %w", err)
	}
	defer rows.Close()
	var out []Invitee
	for rows.Next() {
		var i Invitee
		if err := rows.Scan(&i.PersonID, &i.Name, &i.Email, &i.Lang); err != nil {
			return nil, fmt.Errorf("scan agenda runner: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// IsMember reports whether the person has a membership in the network.
func (s *Store) IsMember(ctx context.Context, networkID, personID int64) (bool, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships WHERE network_id = $1 AND person_id = $2`, networkID, personID).Scan(&n); err != nil {
		return false, fmt.Errorf("check membership: %w", err)
	}
	return n > 0, nil
}

const itemCols = `i.id, i.meeting_id, i.position, i.title, COALESCE(i.preparer_id, 0), COALESCE(pp.name, ''), i.duration_minutes,
	i.notes, i.link, i.status, COALESCE(i.proposed_by, 0), COALESCE(pb.name, ''), i.created_at, i.updated_at
	FROM agenda_items i LEFT JOIN people pp ON pp.id = i.preparer_id LEFT JOIN people pb ON pb.id = i.proposed_by`

func scanItem(row interface{ Scan(...any) error }) (*Item, error) {
	var i Item
	err := row.Scan(&i.ID, &i.MeetingID, &i.Position, &i.Title, &i.PreparerID, &i.PreparerName, &i.Minutes,
		&i.Notes, &i.Link, &i.Status, &i.ProposedByID, &i.ProposedByName, &i.CreatedAt, &i.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &i, nil
}

// Items returns a meeting's agenda: accepted items by position, then
// proposals by position.
func (s *Store) Items(ctx context.Context, meetingID int64) ([]Item, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+itemCols+` WHERE i.meeting_id = $1
		ORDER BY CASE WHEN i.status = 'accepted' THEN 0 ELSE 1 END, i.position, i.id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("list agenda: %w", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		i, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("scan agenda item: %w", err)
		}
		out = append(out, *i)
	}
	return out, rows.Err()
}

// Item returns an agenda item; ENOTFOUND when missing.
func (s *Store) Item(ctx context.Context, id int64) (*Item, error) {
	i, err := scanItem(s.q.QueryRowContext(ctx, `SELECT `+itemCols+` WHERE i.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "agenda_item", "get agenda item")
	}
	return i, nil
}

// AddItem adds an agenda item with the given status at the end of the
// agenda and returns its id. Call in.Validate first. EINVALID when the
// preparer is not a member of the meeting's network.
func (s *Store) AddItem(ctx context.Context, m *Meeting, in ItemInput, status string, proposedBy int64, now time.Time) (int64, error) {
	if in.PreparerID != 0 {
		ok, err := s.IsMember(ctx, m.NetworkID, in.PreparerID)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, app.FieldInvalid("preparer_id", "meeting.err.preparer_not_member")
		}
	}
	var pos int
	if err := s.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM agenda_items WHERE meeting_id = $1`, m.ID).Scan(&pos); err != nil {
		return 0, fmt.Errorf("agenda position: %w", err)
	}
	now = db.Now(now)
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO agenda_items (meeting_id, position, title, preparer_id, duration_minutes, notes, link, status,
		proposed_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		m.ID, pos+1, in.Title, db.NullID(in.PreparerID), in.Minutes, in.Notes, in.Link, status, db.NullID(proposedBy), now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add agenda item: %w", err)
	}
	return id, nil
}

// UpdateItem replaces an agenda item's title, preparer, duration, notes and
// link. Call in.Validate first. ENOTFOUND when missing; EINVALID when a new
// preparer is not a member of the meeting's network (a preparer who has
// left may be kept).
func (s *Store) UpdateItem(ctx context.Context, id int64, in ItemInput, now time.Time) error {
	it, err := s.Item(ctx, id)
	if err != nil {
		return err
	}
	if in.PreparerID != 0 && in.PreparerID != it.PreparerID {
		m, err := s.Get(ctx, it.MeetingID)
		if err != nil {
			return err
		}
		ok, err := s.IsMember(ctx, m.NetworkID, in.PreparerID)
		if err != nil {
			return err
		}
		if !ok {
			return app.FieldInvalid("preparer_id", "meeting.err.preparer_not_member")
		}
	}
	if _, err := s.q.ExecContext(ctx, `UPDATE agenda_items SET title = $1, preparer_id = $2, duration_minutes = $3, notes = $4, link = $5,
		updated_at = $6 WHERE id = $7`, in.Title, db.NullID(in.PreparerID), in.Minutes, in.Notes, in.Link, db.Now(now), id); err != nil {
		return fmt.Errorf("update agenda item: %w", err)
	}
	return nil
}

// AcceptItem accepts a proposed item and moves it to the end of the
// accepted items. ENOTFOUND when missing.
func (s *Store) AcceptItem(ctx context.Context, id int64, now time.Time) error {
	it, err := s.Item(ctx, id)
	if err != nil {
		return err
	}
	if it.Status == ItemAccepted {
		return nil
	}
	var pos int
	if err := s.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM agenda_items WHERE meeting_id = $1`, it.MeetingID).Scan(&pos); err != nil {
		return fmt.Errorf("agenda position: %w", err)
	}
	if _, err := s.q.ExecContext(ctx, `UPDATE agenda_items SET status = 'accepted', position = $1, updated_at = $2 WHERE id = $3`,
		pos+1, db.Now(now), id); err != nil {
		return fmt.Errorf("accept agenda item: %w", err)
	}
	return nil
}

// MoveItem swaps an item with its neighbour of the same status, up
// (towards the start) or down. Moving past the end does nothing.
// ENOTFOUND when missing.
func (s *Store) MoveItem(ctx context.Context, id int64, up bool) error {
	it, err := s.Item(ctx, id)
	if err != nil {
		return err
	}
	q := `SELECT id, position FROM agenda_items WHERE meeting_id = $1 AND status = $2 AND (position > $3 OR (position = $3 AND id > $4))
		ORDER BY position, id LIMIT 1`
	if up {
		q = `SELECT id, position FROM agenda_items WHERE meeting_id = $1 AND status = $2 AND (position < $3 OR (position = $3 AND id < $4))
		ORDER BY position DESC, id DESC LIMIT 1`
	}
	var otherID int64
	var otherPos int
	err = s.q.QueryRowContext(ctx, q, it.MeetingID, it.Status, it.Position, it.ID).Scan(&otherID, &otherPos)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find agenda neighbour: %w", err)
	}
	if otherPos == it.Position {
		// Equal positions (should not happen): make them distinct.
		if up {
			otherPos--
		} else {
			otherPos++
		}
	}
	if _, err := s.q.ExecContext(ctx, `UPDATE agenda_items SET position = $1 WHERE id = $2`, otherPos, it.ID); err != nil {
		return fmt.Errorf("move agenda item: %w", err)
	}
	if _, err := s.q.ExecContext(ctx, `UPDATE agenda_items SET position = $1 WHERE id = $2`, it.Position, otherID); err != nil {
		return fmt.Errorf("move agenda item: %w", err)
	}
	return nil
}

// DeleteItem removes an agenda item (a rejected proposal). ENOTFOUND when
// missing.
func (s *Store) DeleteItem(ctx context.Context, id int64) error {
	res, err := s.q.ExecContext(ctx, `DELETE FROM agenda_items WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete agenda item: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("agenda_item")
	}
	return nil
}

// SetResponse records (or replaces) a person's answer. EINVALID for an
// unknown answer.
func (s *Store) SetResponse(ctx context.Context, meetingID, personID int64, answer string, now time.Time) error {
	if !slices.Contains(Answers, answer) {
		return app.FieldInvalid("answer", "err.invalid_choice")
	}
	res, err := s.q.ExecContext(ctx, `UPDATE meeting_responses SET answer = $1, updated_at = $2 WHERE meeting_id = $3 AND person_id = $4`,
		answer, db.Now(now), meetingID, personID)
	if err != nil {
		return fmt.Errorf("update response: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	if _, err := s.q.ExecContext(ctx, `INSERT INTO meeting_responses (meeting_id, person_id, answer, updated_at) VALUES ($1, $2, $3, $4)`,
		meetingID, personID, answer, db.Now(now)); err != nil {
		return fmt.Errorf("add response: %w", err)
	}
	return nil
}

// Responses returns a meeting's answers by name.
func (s *Store) Responses(ctx context.Context, meetingID int64) ([]Response, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT r.person_id, p.name, r.answer, r.updated_at FROM meeting_responses r
		JOIN people p ON p.id = r.person_id WHERE r.meeting_id = $1 ORDER BY p.name, p.id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("list responses: %w", err)
	}
	defer rows.Close()
	var out []Response
	for rows.Next() {
		var r Response
		if err := rows.Scan(&r.PersonID, &r.PersonName, &r.Answer, &r.UpdatedAt); err != nil {
			return nil, fmt.Errorf("scan response: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetAttendance replaces a meeting's attendance with modes (person id →
// in_person or remote). Each person must be a member of the network; the
// organisation they represent is stored with the row. EINVALID otherwise.
func (s *Store) SetAttendance(ctx context.Context, m *Meeting, modes map[int64]string, now time.Time) error {
	for pid, mode := range modes {
		if !slices.Contains(AttendanceModes, mode) {
			return app.FieldInvalid(fmt.Sprintf("attendance_%d", pid), "err.invalid_choice")
		}
		ok, err := s.IsMember(ctx, m.NetworkID, pid)
		if err != nil {
			return err
		}
		if !ok {
			return app.FieldInvalid(fmt.Sprintf("attendance_%d", pid), "meeting.err.not_member")
		}
	}
	if _, err := s.q.ExecContext(ctx, `DELETE FROM meeting_attendance WHERE meeting_id = $1`, m.ID); err != nil {
		return fmt.Errorf("clear attendance: %w", err)
	}
	for pid, mode := range modes {
		if _, err := s.q.ExecContext(ctx, `INSERT INTO meeting_attendance (meeting_id, person_id, organisation_id, mode, recorded_at)
			VALUES ($1, $2, (SELECT organisation_id FROM memberships WHERE network_id = $3 AND person_id = $2), $4, $5)`,
			m.ID, pid, m.NetworkID, mode, db.Now(now)); err != nil {
			return fmt.Errorf("record attendance: %w", err)
		}
	}
	return nil
}

// Attendance returns who attended a meeting, by name.
func (s *Store) Attendance(ctx context.Context, meetingID int64) ([]Attendance, error) {
	return s.attendance(ctx, `WHERE a.meeting_id = $1 ORDER BY p.name, p.id`, meetingID)
}

// NetworkAttendance returns the attendance of every meeting of a network.
func (s *Store) NetworkAttendance(ctx context.Context, networkID int64) ([]Attendance, error) {
	return s.attendance(ctx, `JOIN meetings m ON m.id = a.meeting_id WHERE m.network_id = $1 ORDER BY m.starts_at, p.name`, networkID)
}

func (s *Store) attendance(ctx context.Context, where string, arg int64) ([]Attendance, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT a.meeting_id, a.person_id, p.name, COALESCE(o.name, ''), a.mode FROM meeting_attendance a
		JOIN people p ON p.id = a.person_id LEFT JOIN organisations o ON o.id = a.organisation_id `+where, arg)
	if err != nil {
		return nil, fmt.Errorf("list attendance: %w", err)
	}
	defer rows.Close()
	var out []Attendance
	for rows.Next() {
		var a Attendance
		if err := rows.Scan(&a.MeetingID, &a.PersonID, &a.PersonName, &a.OrganisationName, &a.Mode); err != nil {
			return nil, fmt.Errorf("scan attendance: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
