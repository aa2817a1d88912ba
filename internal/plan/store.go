package plan

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Store is the action plans' SQL.
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

type scanner interface{ Scan(...any) error }

func floatIn(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// ProjectRef is the project a goals page is for.
type ProjectRef struct {
	ID             int64
	Name           string
	GoalsPublished bool
}

// Project returns a project's name and whether its goals page is
// published; ENOTFOUND when missing.
func (s *Store) Project(ctx context.Context, id int64) (*ProjectRef, error) {
	var p ProjectRef
	err := s.q.QueryRowContext(ctx, `SELECT id, name, goals_published FROM projects WHERE id = $1`, id).
		Scan(&p.ID, &p.Name, &p.GoalsPublished)
	if err != nil {
		return nil, db.NotFound(err, "project", "get project")
	}
	return &p, nil
}

// SetGoalsPublished publishes or withdraws a project's goals page.
// ENOTFOUND when the project is missing.
func (s *Store) SetGoalsPublished(ctx context.Context, projectID int64, published bool, now time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE projects SET goals_published = $1, updated_at = $2 WHERE id = $3`,
		published, db.Now(now), projectID)
	if err != nil {
		return fmt.Errorf("publish goals: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("project")
	}
	return nil
}

// Goal is a project plan goal offered for an objective.
type Goal struct {
	ID    int64
	Title string
}

// Goals returns a project's plan goals in order.
func (s *Store) Goals(ctx context.Context, projectID int64) ([]Goal, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, title FROM project_goals WHERE project_id = $1 ORDER BY position, id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list goals: %w", err)
	}
	defer rows.Close()
	var out []Goal
	for rows.Next() {
		var g Goal
		if err := rows.Scan(&g.ID, &g.Title); err != nil {
			return nil, fmt.Errorf("scan goal: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Person is someone who may own an action.
type Person struct {
	ID               int64
	Name             string
	OrganisationName string
}

// Owners returns the people who may own actions of a network's plans: its
// members and the staff of its project, by name.
func (s *Store) Owners(ctx context.Context, networkID int64) ([]Person, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT p.id, p.name, COALESCE(o.name, '') FROM people p
		LEFT JOIN organisations o ON o.id = p.organisation_id
		WHERE p.id IN (SELECT person_id FROM memberships WHERE network_id = $1
			UNION SELECT ps.person_id FROM project_staff ps JOIN networks n ON n.project_id = ps.project_id WHERE n.id = $1)
		ORDER BY p.name, p.id`, networkID)
	if err != nil {
		return nil, fmt.Errorf("list owners: %w", err)
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.ID, &p.Name, &p.OrganisationName); err != nil {
			return nil, fmt.Errorf("scan owner: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// checkOwner returns an EINVALID field error unless the person is a member
// of the network or staff of its project.
func (s *Store) checkOwner(ctx context.Context, networkID, personID int64) error {
	if personID == 0 {
		return nil
	}
	var ok bool
	err := s.q.QueryRowContext(ctx, `SELECT EXISTS (
		SELECT 1 FROM memberships WHERE network_id = $1 AND person_id = $2
		UNION ALL
		SELECT 1 FROM project_staff ps JOIN networks n ON n.project_id = ps.project_id WHERE n.id = $1 AND ps.person_id = $2)`,
		networkID, personID).Scan(&ok)
	if err != nil {
		return fmt.Errorf("check owner: %w", err)
	}
	if !ok {
		return app.FieldInvalid("owner_id", "plan.err.owner_outside")
	}
	return nil
}

// checkGoal returns an EINVALID field error unless the goal belongs to the
// project.
func (s *Store) checkGoal(ctx context.Context, projectID, goalID int64) error {
	if goalID == 0 {
		return nil
	}
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM project_goals WHERE id = $1 AND project_id = $2`, goalID, projectID).Scan(&n); err != nil {
		return fmt.Errorf("check goal: %w", err)
	}
	if n == 0 {
		return app.FieldInvalid("project_goal_id", "plan.err.goal_other_project")
	}
	return nil
}

// Plans.

const planCols = `ap.id, ap.network_id, n.name, n.name_sv, n.name_en, n.project_id, p.name, p.name_sv, p.name_en, ap.title, ap.description, ap.starts_on, ap.ends_on,
	ap.status, ap.created_at, ap.updated_at`

const planFrom = ` FROM action_plans ap JOIN networks n ON n.id = ap.network_id JOIN projects p ON p.id = n.project_id`

func scanPlan(row scanner) (*Plan, error) {
	var p Plan
	var starts, ends sql.NullTime
	if err := row.Scan(&p.ID, &p.NetworkID, &p.NetworkName, &p.NetworkNameSv, &p.NetworkNameEn, &p.ProjectID, &p.ProjectName, &p.ProjectNameSv, &p.ProjectNameEn, &p.Title, &p.Description,
		&starts, &ends, &p.Status, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	if d := db.DateOut(starts); d != nil {
		p.StartsOn = *d
	}
	if d := db.DateOut(ends); d != nil {
		p.EndsOn = *d
	}
	return &p, nil
}

// ListPlans returns a network's plans, newest period first, with their
// objectives and actions (for their progress).
func (s *Store) ListPlans(ctx context.Context, networkID int64) ([]Plan, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+planCols+planFrom+` WHERE ap.network_id = $1
		ORDER BY ap.starts_on DESC, ap.id DESC`, networkID)
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	var out []Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("scan plan: %w", err)
		}
		out = append(out, *p)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	for i := range out {
		if out[i].Objectives, err = s.objectives(ctx, `WHERE o.plan_id = $1`, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// GetPlan returns a plan without objectives; ENOTFOUND when missing.
func (s *Store) GetPlan(ctx context.Context, id int64) (*Plan, error) {
	p, err := scanPlan(s.q.QueryRowContext(ctx, `SELECT `+planCols+planFrom+` WHERE ap.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "plan", "get plan")
	}
	return p, nil
}

// GetFull returns a plan with its objectives, their actions, the actions'
// indicators and each indicator's latest value; ENOTFOUND when missing.
func (s *Store) GetFull(ctx context.Context, id int64) (*Plan, error) {
	p, err := s.GetPlan(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.Objectives, err = s.objectives(ctx, `WHERE o.plan_id = $1`, id); err != nil {
		return nil, err
	}
	inds, err := s.indicators(ctx, `WHERE o.plan_id = $1`, id)
	if err != nil {
		return nil, err
	}
	for i := range p.Objectives {
		for j := range p.Objectives[i].Actions {
			a := &p.Objectives[i].Actions[j]
			a.Indicators = inds[a.ID]
		}
	}
	return p, nil
}

// CreatePlan stores a new plan in a network and returns its id. Call
// in.Validate first. ENOTFOUND for an unknown network.
func (s *Store) CreatePlan(ctx context.Context, networkID int64, in PlanInput, now time.Time) (int64, error) {
	now = db.Now(now)
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO action_plans (network_id, title, description, starts_on, ends_on, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
		networkID, in.Title, in.Description, db.DateIn(in.StartsOn), db.DateIn(in.EndsOn), in.Status, now).Scan(&id)
	if db.IsForeignKeyViolation(err) {
		return 0, app.NotFound("network")
	}
	if err != nil {
		return 0, fmt.Errorf("create plan: %w", err)
	}
	return id, nil
}

// UpdatePlan replaces a plan's fields. ENOTFOUND when missing.
func (s *Store) UpdatePlan(ctx context.Context, id int64, in PlanInput, now time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE action_plans SET title = $1, description = $2, starts_on = $3, ends_on = $4,
		status = $5, updated_at = $6 WHERE id = $7`,
		in.Title, in.Description, db.DateIn(in.StartsOn), db.DateIn(in.EndsOn), in.Status, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("update plan: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("plan")
	}
	return nil
}

// Objectives.

const objectiveCols = `o.id, o.plan_id, ap.network_id, n.project_id, o.title, o.description, COALESCE(o.project_goal_id, 0),
	COALESCE(g.title, ''), o.weight, ap.title, ap.status, n.name, n.name_sv, n.name_en`

const objectiveFrom = ` FROM plan_objectives o JOIN action_plans ap ON ap.id = o.plan_id JOIN networks n ON n.id = ap.network_id
	LEFT JOIN project_goals g ON g.id = o.project_goal_id `

func scanObjective(row scanner) (*Objective, error) {
	var o Objective
	if err := row.Scan(&o.ID, &o.PlanID, &o.NetworkID, &o.ProjectID, &o.Title, &o.Description, &o.GoalID, &o.GoalTitle,
		&o.Weight, &o.PlanTitle, &o.PlanStatus, &o.NetworkName, &o.NetworkNameSv, &o.NetworkNameEn); err != nil {
		return nil, err
	}
	return &o, nil
}

// objectives returns the objectives matching where (on o, ap, n) with their
// actions, in creation order.
func (s *Store) objectives(ctx context.Context, where string, args ...any) ([]Objective, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+objectiveCols+objectiveFrom+where+` ORDER BY n.name, ap.starts_on, o.plan_id, o.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list objectives: %w", err)
	}
	var out []Objective
	for rows.Next() {
		o, err := scanObjective(rows)
		if err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("scan objective: %w", err)
		}
		out = append(out, *o)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("list objectives: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list objectives: %w", err)
	}
	acts, err := s.actions(ctx, where, args...)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Actions = acts[out[i].ID]
	}
	return out, nil
}

// GetObjective returns an objective without its actions; ENOTFOUND when
// missing.
func (s *Store) GetObjective(ctx context.Context, id int64) (*Objective, error) {
	o, err := scanObjective(s.q.QueryRowContext(ctx, `SELECT `+objectiveCols+objectiveFrom+`WHERE o.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "objective", "get objective")
	}
	return o, nil
}

// ObjectiveActions returns an objective's actions in due date order
// (undated last), without their indicators.
func (s *Store) ObjectiveActions(ctx context.Context, objectiveID int64) ([]Action, error) {
	acts, err := s.actions(ctx, `WHERE o.id = $1`, objectiveID)
	if err != nil {
		return nil, err
	}
	return acts[objectiveID], nil
}

// CreateObjective adds an objective to a plan and returns its id. Call
// in.Validate first. ENOTFOUND for an unknown plan, EINVALID for a goal of
// another project.
func (s *Store) CreateObjective(ctx context.Context, planID int64, in ObjectiveInput, now time.Time) (int64, error) {
	p, err := s.GetPlan(ctx, planID)
	if err != nil {
		return 0, err
	}
	if err := s.checkGoal(ctx, p.ProjectID, in.GoalID); err != nil {
		return 0, err
	}
	now = db.Now(now)
	var id int64
	err = s.q.QueryRowContext(ctx, `INSERT INTO plan_objectives (plan_id, title, description, project_goal_id, weight, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
		planID, in.Title, in.Description, db.NullID(in.GoalID), in.Weight, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create objective: %w", err)
	}
	return id, nil
}

// UpdateObjective replaces an objective's fields. ENOTFOUND when missing,
// EINVALID for a goal of another project.
func (s *Store) UpdateObjective(ctx context.Context, id int64, in ObjectiveInput, now time.Time) error {
	o, err := s.GetObjective(ctx, id)
	if err != nil {
		return err
	}
	if err := s.checkGoal(ctx, o.ProjectID, in.GoalID); err != nil {
		return err
	}
	_, err = s.q.ExecContext(ctx, `UPDATE plan_objectives SET title = $1, description = $2, project_goal_id = $3, weight = $4,
		updated_at = $5 WHERE id = $6`, in.Title, in.Description, db.NullID(in.GoalID), in.Weight, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("update objective: %w", err)
	}
	return nil
}

// Actions.

const actionCols = `a.id, a.objective_id, o.plan_id, ap.network_id, a.title, a.description, COALESCE(a.owner_id, 0),
	COALESCE(pe.name, ''), COALESCE(og.name, ''), a.starts_on, a.due_on, a.status, a.progress, a.weight`

const actionFrom = ` FROM plan_actions a JOIN plan_objectives o ON o.id = a.objective_id
	JOIN action_plans ap ON ap.id = o.plan_id JOIN networks n ON n.id = ap.network_id
	LEFT JOIN people pe ON pe.id = a.owner_id LEFT JOIN organisations og ON og.id = pe.organisation_id `

func scanAction(row scanner) (*Action, error) {
	var a Action
	var starts, due sql.NullTime
	if err := row.Scan(&a.ID, &a.ObjectiveID, &a.PlanID, &a.NetworkID, &a.Title, &a.Description, &a.OwnerID, &a.OwnerName,
		&a.OwnerOrganisation, &starts, &due, &a.Status, &a.Progress, &a.Weight); err != nil {
		return nil, err
	}
	a.StartsOn, a.DueOn = db.DateOut(starts), db.DateOut(due)
	return &a, nil
}

// actions returns the actions matching where (on o, ap, n), by objective,
// in due date order (undated last).
func (s *Store) actions(ctx context.Context, where string, args ...any) (map[int64][]Action, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+actionCols+actionFrom+where+`
		ORDER BY a.objective_id, CASE WHEN a.due_on IS NULL THEN 1 ELSE 0 END, a.due_on, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	defer rows.Close()
	out := map[int64][]Action{}
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("scan action: %w", err)
		}
		out[a.ObjectiveID] = append(out[a.ObjectiveID], *a)
	}
	return out, rows.Err()
}

// GetAction returns an action with its indicators and all their values;
// ENOTFOUND when missing.
func (s *Store) GetAction(ctx context.Context, id int64) (*Action, error) {
	a, err := scanAction(s.q.QueryRowContext(ctx, `SELECT `+actionCols+actionFrom+`WHERE a.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "action", "get action")
	}
	inds, err := s.indicators(ctx, `WHERE a.id = $1`, id)
	if err != nil {
		return nil, err
	}
	a.Indicators = inds[id]
	for i := range a.Indicators {
		if a.Indicators[i].Values, err = s.Values(ctx, a.Indicators[i].ID); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// CreateAction adds an action to an objective and returns its id. Call
// in.Validate first. ENOTFOUND for an unknown objective, EINVALID for an
// owner who is neither a member of the network nor staff of its project.
func (s *Store) CreateAction(ctx context.Context, objectiveID int64, in ActionInput, now time.Time) (int64, error) {
	o, err := s.GetObjective(ctx, objectiveID)
	if err != nil {
		return 0, err
	}
	if err := s.checkOwner(ctx, o.NetworkID, in.OwnerID); err != nil {
		return 0, err
	}
	now = db.Now(now)
	var id int64
	err = s.q.QueryRowContext(ctx, `INSERT INTO plan_actions (objective_id, title, description, owner_id, starts_on, due_on,
		status, progress, weight, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		objectiveID, in.Title, in.Description, db.NullID(in.OwnerID), db.DateIn(in.StartsOn), db.DateIn(in.DueOn),
		in.Status, in.Progress, in.Weight, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create action: %w", err)
	}
	return id, nil
}

// UpdateAction replaces an action's fields. The owner is checked only when
// it changes: an owner who has left the network keeps their actions until
// someone reassigns them. ENOTFOUND when missing, EINVALID for a new owner
// outside the network.
func (s *Store) UpdateAction(ctx context.Context, id int64, in ActionInput, now time.Time) error {
	a, err := s.GetAction(ctx, id)
	if err != nil {
		return err
	}
	if in.OwnerID != a.OwnerID {
		if err := s.checkOwner(ctx, a.NetworkID, in.OwnerID); err != nil {
			return err
		}
	}
	_, err = s.q.ExecContext(ctx, `UPDATE plan_actions SET title = $1, description = $2, owner_id = $3, starts_on = $4,
		due_on = $5, status = $6, progress = $7, weight = $8, updated_at = $9 WHERE id = $10`,
		in.Title, in.Description, db.NullID(in.OwnerID), db.DateIn(in.StartsOn), db.DateIn(in.DueOn), in.Status, in.Progress,
		in.Weight, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("update action: %w", err)
	}
	return nil
}

// SetActionProgress sets an action's status and progress; ENOTFOUND when
// it is missing.
func (s *Store) SetActionProgress(ctx context.Context, id int64, status string, progress int, now time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE plan_actions SET status = $1, progress = $2, updated_at = $3 WHERE id = $4`,
		status, progress, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("set action progress: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("set action progress: %w", err)
	} else if n == 0 {
		return app.NotFound("action")
	}
	return nil
}

// Indicators.

// indicators returns the indicators of the actions matching where (on a,
// o, ap, n) by action, each with its latest value only.
func (s *Store) indicators(ctx context.Context, where string, args ...any) (map[int64][]Indicator, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT i.id, i.action_id, o.plan_id, i.name, i.unit, i.baseline, i.target,
		v.id, v.measured_on, v.value
		FROM plan_indicators i JOIN plan_actions a ON a.id = i.action_id JOIN plan_objectives o ON o.id = a.objective_id
		JOIN action_plans ap ON ap.id = o.plan_id JOIN networks n ON n.id = ap.network_id
		LEFT JOIN indicator_values v ON v.indicator_id = i.id
			AND v.measured_on = (SELECT MAX(v2.measured_on) FROM indicator_values v2 WHERE v2.indicator_id = i.id) `+where+`
		ORDER BY i.action_id, i.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list indicators: %w", err)
	}
	defer rows.Close()
	out := map[int64][]Indicator{}
	for rows.Next() {
		var i Indicator
		var baseline, value sql.NullFloat64
		var valueID sql.NullInt64
		var measured sql.NullTime
		if err := rows.Scan(&i.ID, &i.ActionID, &i.PlanID, &i.Name, &i.Unit, &baseline, &i.Target, &valueID, &measured, &value); err != nil {
			return nil, fmt.Errorf("scan indicator: %w", err)
		}
		if baseline.Valid {
			i.Baseline = &baseline.Float64
		}
		if valueID.Valid {
			i.Values = []Value{{ID: valueID.Int64, IndicatorID: i.ID, MeasuredOn: *db.DateOut(measured), Value: value.Float64}}
		}
		out[i.ActionID] = append(out[i.ActionID], i)
	}
	return out, rows.Err()
}

// GetIndicator returns an indicator with all its values; ENOTFOUND when
// missing.
func (s *Store) GetIndicator(ctx context.Context, id int64) (*Indicator, error) {
	inds, err := s.indicators(ctx, `WHERE i.id = $1`, id)
	if err != nil {
		return nil, err
	}
	// The WHERE clause selects one indicator: take it from whichever action
	// it is listed under.
	for _, list := range inds {
		if len(list) == 0 {
			continue
		}
		i := list[0]
		if i.Values, err = s.Values(ctx, id); err != nil {
			return nil, err
		}
		return &i, nil
	}
	return nil, app.NotFound("indicator")
}

// Values returns an indicator's values, oldest first.
func (s *Store) Values(ctx context.Context, indicatorID int64) ([]Value, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, indicator_id, measured_on, value FROM indicator_values
		WHERE indicator_id = $1 ORDER BY measured_on, id`, indicatorID)
	if err != nil {
		return nil, fmt.Errorf("list indicator values: %w", err)
	}
	defer rows.Close()
	var out []Value
	for rows.Next() {
		var v Value
		var measured sql.NullTime
		if err := rows.Scan(&v.ID, &v.IndicatorID, &measured, &v.Value); err != nil {
			return nil, fmt.Errorf("scan indicator value: %w", err)
		}
		if d := db.DateOut(measured); d != nil {
			v.MeasuredOn = *d
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CreateIndicator adds an indicator to an action and returns its id. Call
// in.Validate first. ENOTFOUND for an unknown action.
func (s *Store) CreateIndicator(ctx context.Context, actionID int64, in IndicatorInput, now time.Time) (int64, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM plan_actions WHERE id = $1`, actionID).Scan(&n); err != nil {
		return 0, fmt.Errorf("check action: %w", err)
	}
	if n == 0 {
		return 0, app.NotFound("action")
	}
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO plan_indicators (action_id, name, unit, baseline, target, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		actionID, in.Name, in.Unit, floatIn(in.Baseline), floatIn(in.Target), db.Now(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create indicator: %w", err)
	}
	return id, nil
}

// SetValue records an indicator's value on a date, replacing the value of
// that date. Call in.Validate first. ENOTFOUND for an unknown indicator.
func (s *Store) SetValue(ctx context.Context, indicatorID int64, in ValueInput, now time.Time) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO indicator_values (indicator_id, measured_on, value, created_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (indicator_id, measured_on) DO UPDATE SET value = excluded.value`,
		indicatorID, db.DateIn(in.MeasuredOn), floatIn(in.Value), db.Now(now))
	if db.IsForeignKeyViolation(err) {
		return app.NotFound("indicator")
	}
	if err != nil {
		return fmt.Errorf("set indicator value: %w", err)
	}
	return nil
}

// The goals report.

// GoalReport is a project goal with the objectives of its networks' plans
// linked to it.
type GoalReport struct {
	ID         int64 // 0: objectives not linked to any goal
	Title      string
	Objectives []Objective
}

// Progress is the goal's weighted progress; ok is false without
// objectives.
func (g *GoalReport) Progress() (float64, bool) { return GoalProgress(g.Objectives) }

// GoalsReport returns every goal of the project, in order, with the
// objectives linked to it from its networks' active and closed plans (drafts
// do not count), and last, when there are any, the objectives linked to no
// goal (ID 0). ENOTFOUND for an unknown project.
func (s *Store) GoalsReport(ctx context.Context, projectID int64) ([]GoalReport, error) {
	if _, err := s.Project(ctx, projectID); err != nil {
		return nil, err
	}
	goals, err := s.Goals(ctx, projectID)
	if err != nil {
		return nil, err
	}
	objs, err := s.objectives(ctx, `WHERE n.project_id = $1 AND ap.status IN ('active', 'closed')`, projectID)
	if err != nil {
		return nil, err
	}
	out := make([]GoalReport, 0, len(goals)+1)
	index := map[int64]int{}
	for _, g := range goals {
		index[g.ID] = len(out)
		out = append(out, GoalReport{ID: g.ID, Title: g.Title})
	}
	var unlinked GoalReport
	for _, o := range objs {
		if i, ok := index[o.GoalID]; ok {
			out[i].Objectives = append(out[i].Objectives, o)
		} else {
			unlinked.Objectives = append(unlinked.Objectives, o)
		}
	}
	if len(unlinked.Objectives) > 0 {
		out = append(out, unlinked)
	}
	return out, nil
}
