package task

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Store holds the read-only task queries across action items and plan
// actions, and the reminder log.
type Store struct{ q db.Querier }

// NewStore returns a store on q.
func NewStore(q db.Querier) *Store { return &Store{q: q} }

// openTasks selects every open task with its owner: action items still
// open, plan actions planned or in progress.
const openTasks = `SELECT 'item' AS kind, ai.id, ai.title, ai.due_on, ai.network_id, n.name, n.name_sv, n.name_en, ai.meeting_id AS ref, ai.owner_person_id AS owner, 0 AS progress
		FROM action_items ai JOIN networks n ON n.id = ai.network_id
		WHERE ai.status = 'open'
	UNION ALL
	SELECT 'action', pa.id, pa.title, pa.due_on, p.network_id, n.name, n.name_sv, n.name_en, p.id, pa.owner_id, pa.progress
		FROM plan_actions pa JOIN plan_objectives o ON o.id = pa.objective_id
		JOIN action_plans p ON p.id = o.plan_id JOIN networks n ON n.id = p.network_id
		WHERE pa.status IN ('planned', 'in_progress')`

// link is the page where a task is handled: an action item's minutes, or
// the action's row on its plan (ref is the meeting or the plan).
func link(kind string, id, ref int64) string {
	if kind == KindItem {
		return "/meetings/" + strconv.FormatInt(ref, 10) + "/minutes"
	}
	return "/plans/" + strconv.FormatInt(ref, 10) + "#action-" + strconv.FormatInt(id, 10)
}

// Open lists a person's open tasks: overdue first, then by due date, tasks
// without a due date last.
func (s *Store) Open(ctx context.Context, personID int64, today time.Time) ([]Task, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT kind, id, title, due_on, network_id, name, name_sv, name_en, ref, progress FROM (`+openTasks+`) t
		WHERE owner = $1
		ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, title, id`, personID)
	if err != nil {
		return nil, fmt.Errorf("list open tasks: %w", err)
	}
	defer rows.Close()
	out := make([]Task, 0, 16)
	for rows.Next() {
		out = append(out, Task{})
		t := &out[len(out)-1]
		var due sql.NullTime
		var ref int64
		if err := rows.Scan(&t.Kind, &t.ID, &t.Title, &due, &t.NetworkID, &t.NetworkName, &t.NetworkNameSv, &t.NetworkNameEn, &ref, &t.Progress); err != nil {
			return nil, fmt.Errorf("scan task: %w", err)
		}
		if due.Valid {
			d := due.Time.UTC()
			t.DueOn = &d
			t.Overdue = d.Before(today)
		}
		t.Link = link(t.Kind, t.ID, ref)
	}
	return out, rows.Err()
}

// NeedingReminders lists open tasks with an owner who has an e-mail address,
// due within DueSoonDays or overdue, that have not yet had that reminder for
// their current due date. (MarkReminded still guards against two workers
// racing for the same reminder.)
func (s *Store) NeedingReminders(ctx context.Context, today time.Time) ([]Due, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT t.kind, t.id, t.title, t.due_on, t.network_id, t.name, t.ref,
		p.id, p.name, p.email, p.lang
		FROM (`+openTasks+`) t JOIN people p ON p.id = t.owner
		WHERE t.due_on IS NOT NULL AND t.due_on <= $1 AND p.email IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM task_reminders r WHERE r.kind = t.kind AND r.task_id = t.id AND r.due_on = t.due_on
			AND r.reminder = CASE WHEN t.due_on < $2 THEN 'overdue' ELSE 'due_soon' END)
		ORDER BY t.due_on, t.kind, t.id`, db.Now(today.AddDate(0, 0, DueSoonDays)), db.Now(today))
	if err != nil {
		return nil, fmt.Errorf("list tasks needing reminders: %w", err)
	}
	defer rows.Close()
	var out []Due
	for rows.Next() {
		var d Due
		var due time.Time
		var ref int64
		if err := rows.Scan(&d.Kind, &d.ID, &d.Title, &due, &d.NetworkID, &d.NetworkName, &ref,
			&d.OwnerID, &d.OwnerName, &d.OwnerEmail, &d.OwnerLang); err != nil {
			return nil, fmt.Errorf("scan task reminder: %w", err)
		}
		due = due.UTC()
		d.DueOn, d.Link = &due, link(d.Kind, d.ID, ref)
		d.Reminder = ReminderFor(due, today)
		d.Overdue = d.Reminder == ReminderOverdue
		out = append(out, d)
	}
	return out, rows.Err()
}

// MarkReminded records that a reminder was sent and reports whether this
// call recorded it (false: it had been sent already).
func (s *Store) MarkReminded(ctx context.Context, kind string, id int64, reminder string, dueOn, now time.Time) (bool, error) {
	res, err := s.q.ExecContext(ctx, `INSERT INTO task_reminders (kind, task_id, reminder, due_on, sent_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, kind, id, reminder, dueOn, db.Now(now))
	if err != nil {
		return false, fmt.Errorf("record reminder: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("record reminder: %w", err)
	}
	return n == 1, nil
}
