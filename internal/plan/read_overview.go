package plan

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// OverviewReader is the read model the plan domain exports on purpose for
// the overviews of what needs a network's managers (the home and project
// pages): late actions of plans that are not closed (a closed plan's
// late actions are history). The counts take a set of networks and
// answer in one query, whatever the set's size.
type OverviewReader struct{ q db.Querier }

// NewOverviewReader returns the reader on q (a *db.DB or *sql.Tx).
func NewOverviewReader(q db.Querier) *OverviewReader { return &OverviewReader{q: q} }

// LateAction is an action past its due date and not done or cancelled
// (IsLate), with where it is.
type LateAction struct {
	ID        int64
	Title     string
	DueOn     time.Time
	Progress  int
	OwnerName string // "" without an owner
	PlanID    int64
	PlanTitle string
}

// URL is the action's row on its plan's page.
func (a *LateAction) URL() string { return ActionURL(a.PlanID, a.ID) }

// lateWhere is IsLate in SQL, on plans that are not closed ($1 today,
// $2 closed).
const lateWhere = `pa.status IN ('planned', 'in_progress') AND pa.due_on < $1 AND ap.status <> $2`

// LateCounts counts, by network, the late actions of its plans; today is
// the start of the local day (app.Day). Networks with none are left out.
func (r *OverviewReader) LateCounts(ctx context.Context, networkIDs []int64, today time.Time) (map[int64]int, error) {
	out := map[int64]int{}
	if len(networkIDs) == 0 {
		return out, nil
	}
	in, args := db.InIDs(networkIDs, 3)
	rows, err := r.q.QueryContext(ctx, `SELECT ap.network_id, COUNT(*) FROM action_plans ap
		JOIN plan_objectives o ON o.plan_id = ap.id JOIN plan_actions pa ON pa.objective_id = o.id
		WHERE ap.network_id IN (`+in+`) AND `+lateWhere+` GROUP BY ap.network_id`,
		append([]any{db.DateIn(&today), StatusClosed}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count late actions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("scan late action count: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// Late lists a network's late actions, oldest due first.
func (r *OverviewReader) Late(ctx context.Context, networkID int64, today time.Time) ([]LateAction, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT pa.id, pa.title, pa.due_on, pa.progress, COALESCE(p.name, ''), ap.id, ap.title
		FROM action_plans ap JOIN plan_objectives o ON o.plan_id = ap.id JOIN plan_actions pa ON pa.objective_id = o.id
		LEFT JOIN people p ON p.id = pa.owner_id
		WHERE `+lateWhere+` AND ap.network_id = $3 ORDER BY pa.due_on, pa.id`, db.DateIn(&today), StatusClosed, networkID)
	if err != nil {
		return nil, fmt.Errorf("list late actions: %w", err)
	}
	defer rows.Close()
	var out []LateAction
	for rows.Next() {
		var a LateAction
		var due sql.NullTime
		if err := rows.Scan(&a.ID, &a.Title, &due, &a.Progress, &a.OwnerName, &a.PlanID, &a.PlanTitle); err != nil {
			return nil, fmt.Errorf("scan late action: %w", err)
		}
		if d := db.DateOut(due); d != nil {
			a.DueOn = *d
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
