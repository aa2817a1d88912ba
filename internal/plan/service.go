package plan

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/network"
)

// Service holds the action plans' use cases. Each method loads what it
// needs, decides the actor's right through the policy, validates and runs
// the change in one transaction; the HTML and JSON handlers only decode,
// call it and render or encode.
//
// Rights: anyone signed in reads plans, objectives, actions and
// indicators; whoever manages the network (auth.Policy.CanManageNetwork)
// edits them; an action's owner updates its status, progress and
// indicator values (auth.Policy.CanUpdateActionProgress); the project's goals page is for the signed-in until a
// project manager publishes it. The caller is asked to sign in (EUNAUTH)
// before anything is looked up.
type Service struct {
	db       *db.DB
	store    *Store
	policy   *auth.Policy
	networks *network.Refs
	clock    app.Clock
}

// NewService returns the service on d, deciding rights with policy and
// taking the time from clock.
func NewService(d *db.DB, policy *auth.Policy, clock app.Clock) *Service {
	return &Service{db: d, store: NewStore(d), policy: policy, networks: network.NewRefs(d, policy), clock: clock}
}

// Today is the current day in Finland (see Day), the day lateness is
// judged on.
func (s *Service) Today() time.Time { return app.Day(s.clock.Now()) }

// CanManage reports whether u may edit the network's plans; only internal
// errors are returned.
func (s *Service) CanManage(ctx context.Context, u *app.User, networkID int64) (bool, error) {
	if u == nil {
		return false, nil
	}
	return allowed(s.policy.CanManageNetwork(ctx, u, networkID))
}

// allowed turns a policy decision into a yes or no, keeping internal
// errors.
func allowed(err error) (bool, error) {
	switch {
	case err == nil:
		return true, nil
	case app.IsCode(err, app.EINTERNAL):
		return false, err
	}
	return false, nil
}

// manage checks that u may edit the network's plans: EUNAUTH for the
// public, EFORBIDDEN for others who do not manage it.
func (s *Service) manage(ctx context.Context, u *app.User, networkID int64) error {
	return s.policy.CanManageNetwork(ctx, u, networkID)
}

// tx runs fn with a store inside one transaction.
func (s *Service) tx(ctx context.Context, fn func(st *Store) error) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error { return fn(NewStore(tx)) })
}

// validate runs an input's Validate and returns its EINVALID error.
func validate(in interface{ Validate(*app.Validator) }) error {
	var v app.Validator
	in.Validate(&v)
	return v.Err()
}

// Plans.

// NetworkPlans is a network's plans, each with its objectives and actions
// (for its progress), newest period first.
type NetworkPlans struct {
	Network   *network.Ref
	Plans     []Plan
	CanManage bool
}

// NetworkPlans returns a network's plans for u: EUNAUTH for the public,
// ENOTFOUND for an unknown network.
func (s *Service) NetworkPlans(ctx context.Context, u *app.User, networkID int64) (*NetworkPlans, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	n, err := s.networks.Get(ctx, networkID)
	if err != nil {
		return nil, err
	}
	plans, err := s.store.ListPlans(ctx, networkID)
	if err != nil {
		return nil, err
	}
	out := &NetworkPlans{Network: n, Plans: plans}
	if out.CanManage, err = s.CanManage(ctx, u, networkID); err != nil {
		return nil, err
	}
	return out, nil
}

// ManagedNetwork returns the network whose plans u may edit: EUNAUTH for
// the public, ENOTFOUND, then EFORBIDDEN.
func (s *Service) ManagedNetwork(ctx context.Context, u *app.User, networkID int64) (*network.Ref, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	return s.networks.Managed(ctx, u, networkID)
}

// Plan returns a plan with its objectives, actions, indicators and their
// latest values: EUNAUTH for the public, ENOTFOUND when missing.
func (s *Service) Plan(ctx context.Context, u *app.User, id int64) (*Plan, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	return s.store.GetFull(ctx, id)
}

// ManagedPlan returns a plan, without objectives, that u may edit:
// EUNAUTH for the public, ENOTFOUND, then EFORBIDDEN.
func (s *Service) ManagedPlan(ctx context.Context, u *app.User, id int64) (*Plan, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	p, err := s.store.GetPlan(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.manage(ctx, u, p.NetworkID); err != nil {
		return nil, err
	}
	return p, nil
}

// CreatePlan adds a plan to a network u manages and returns its id:
// EUNAUTH, ENOTFOUND, EFORBIDDEN, then EINVALID with the fields.
func (s *Service) CreatePlan(ctx context.Context, u *app.User, networkID int64, in PlanInput) (int64, error) {
	if _, err := s.ManagedNetwork(ctx, u, networkID); err != nil {
		return 0, err
	}
	if err := validate(&in); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(st *Store) error {
		var err error
		id, err = st.CreatePlan(ctx, networkID, in, s.clock.Now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create plan: %w", err)
	}
	return id, nil
}

// UpdatePlan replaces a plan's fields: EUNAUTH, ENOTFOUND, EFORBIDDEN,
// then EINVALID with the fields.
func (s *Service) UpdatePlan(ctx context.Context, u *app.User, id int64, in PlanInput) error {
	if _, err := s.ManagedPlan(ctx, u, id); err != nil {
		return err
	}
	if err := validate(&in); err != nil {
		return err
	}
	err := s.tx(ctx, func(st *Store) error { return st.UpdatePlan(ctx, id, in, s.clock.Now()) })
	if err != nil {
		return fmt.Errorf("update plan: %w", err)
	}
	return nil
}

// Objectives.

// Place is where an objective or action sits in its plan, for the
// adapters' redirects and Location headers.
type Place struct {
	PlanID      int64
	ObjectiveID int64
	ActionID    int64 // 0 for an objective
}

// Goals returns the project's plan goals an objective may be linked to,
// in order.
func (s *Service) Goals(ctx context.Context, projectID int64) ([]Goal, error) {
	return s.store.Goals(ctx, projectID)
}

// Objective returns an objective with its actions: EUNAUTH for the
// public, ENOTFOUND when missing.
func (s *Service) Objective(ctx context.Context, u *app.User, id int64) (*Objective, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	o, err := s.store.GetObjective(ctx, id)
	if err != nil {
		return nil, err
	}
	if o.Actions, err = s.store.ObjectiveActions(ctx, id); err != nil {
		return nil, err
	}
	return o, nil
}

// ManagedObjective returns an objective, without its actions, and its
// plan when u may edit them: EUNAUTH, ENOTFOUND, then EFORBIDDEN.
func (s *Service) ManagedObjective(ctx context.Context, u *app.User, id int64) (*Objective, *Plan, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, nil, err
	}
	o, err := s.store.GetObjective(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if err := s.manage(ctx, u, o.NetworkID); err != nil {
		return nil, nil, err
	}
	p, err := s.store.GetPlan(ctx, o.PlanID)
	if err != nil {
		return nil, nil, err
	}
	return o, p, nil
}

// CreateObjective adds an objective to a plan u may edit: EUNAUTH,
// ENOTFOUND, EFORBIDDEN, then EINVALID with the fields (a goal of another
// project included).
func (s *Service) CreateObjective(ctx context.Context, u *app.User, planID int64, in ObjectiveInput) (Place, error) {
	if _, err := s.ManagedPlan(ctx, u, planID); err != nil {
		return Place{}, err
	}
	if err := validate(&in); err != nil {
		return Place{}, err
	}
	place := Place{PlanID: planID}
	err := s.tx(ctx, func(st *Store) error {
		var err error
		place.ObjectiveID, err = st.CreateObjective(ctx, planID, in, s.clock.Now())
		return err
	})
	if err != nil {
		return Place{}, fmt.Errorf("create objective: %w", err)
	}
	return place, nil
}

// UpdateObjective replaces an objective's fields: EUNAUTH, ENOTFOUND,
// EFORBIDDEN, then EINVALID with the fields.
func (s *Service) UpdateObjective(ctx context.Context, u *app.User, id int64, in ObjectiveInput) (Place, error) {
	o, _, err := s.ManagedObjective(ctx, u, id)
	if err != nil {
		return Place{}, err
	}
	if err := validate(&in); err != nil {
		return Place{}, err
	}
	err = s.tx(ctx, func(st *Store) error { return st.UpdateObjective(ctx, id, in, s.clock.Now()) })
	if err != nil {
		return Place{}, fmt.Errorf("update objective: %w", err)
	}
	return Place{PlanID: o.PlanID, ObjectiveID: id}, nil
}

// Actions.

// Owners returns the people who may own an action of the network's
// plans.
func (s *Service) Owners(ctx context.Context, networkID int64) ([]Person, error) {
	return s.store.Owners(ctx, networkID)
}

// Action returns an action with its indicators and all their values:
// EUNAUTH for the public, ENOTFOUND when missing.
func (s *Service) Action(ctx context.Context, u *app.User, id int64) (*Action, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	return s.store.GetAction(ctx, id)
}

// ManagedAction returns an action with its objective and plan when u may
// edit them: EUNAUTH, ENOTFOUND, then EFORBIDDEN.
func (s *Service) ManagedAction(ctx context.Context, u *app.User, id int64) (*Action, *Objective, *Plan, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, nil, nil, err
	}
	a, err := s.store.GetAction(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := s.manage(ctx, u, a.NetworkID); err != nil {
		return nil, nil, nil, err
	}
	o, err := s.store.GetObjective(ctx, a.ObjectiveID)
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := s.store.GetPlan(ctx, a.PlanID)
	if err != nil {
		return nil, nil, nil, err
	}
	return a, o, p, nil
}

// managedAction is ManagedAction without the objective and plan.
func (s *Service) managedAction(ctx context.Context, u *app.User, id int64) (*Action, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	a, err := s.store.GetAction(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.manage(ctx, u, a.NetworkID); err != nil {
		return nil, err
	}
	return a, nil
}

// CreateAction adds an action to an objective u may edit: EUNAUTH,
// ENOTFOUND, EFORBIDDEN, then EINVALID with the fields (an owner outside
// the network included).
func (s *Service) CreateAction(ctx context.Context, u *app.User, objectiveID int64, in ActionInput) (Place, error) {
	o, _, err := s.ManagedObjective(ctx, u, objectiveID)
	if err != nil {
		return Place{}, err
	}
	if err := validate(&in); err != nil {
		return Place{}, err
	}
	place := Place{PlanID: o.PlanID, ObjectiveID: objectiveID}
	err = s.tx(ctx, func(st *Store) error {
		var err error
		place.ActionID, err = st.CreateAction(ctx, objectiveID, in, s.clock.Now())
		return err
	})
	if err != nil {
		return Place{}, fmt.Errorf("create action: %w", err)
	}
	return place, nil
}

// UpdateAction replaces an action's fields, its status and progress
// among them (done is 100 %): EUNAUTH, ENOTFOUND, EFORBIDDEN, then
// EINVALID with the fields.
func (s *Service) UpdateAction(ctx context.Context, u *app.User, id int64, in ActionInput) (Place, error) {
	a, err := s.managedAction(ctx, u, id)
	if err != nil {
		return Place{}, err
	}
	if err := validate(&in); err != nil {
		return Place{}, err
	}
	err = s.tx(ctx, func(st *Store) error { return st.UpdateAction(ctx, id, in, s.clock.Now()) })
	if err != nil {
		return Place{}, fmt.Errorf("update action: %w", err)
	}
	return Place{PlanID: a.PlanID, ObjectiveID: a.ObjectiveID, ActionID: id}, nil
}

// ownedAction returns an action whose progress u may update: its
// managers and its owner (auth.Policy.CanUpdateActionProgress). EUNAUTH,
// ENOTFOUND, then EFORBIDDEN.
func (s *Service) ownedAction(ctx context.Context, u *app.User, id int64) (*Action, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	a, err := s.store.GetAction(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.policy.CanUpdateActionProgress(ctx, u, a.NetworkID, a.OwnerID); err != nil {
		return nil, err
	}
	return a, nil
}

// ProgressTarget is an action whose progress u may update, with its plan.
type ProgressTarget struct {
	Action *Action
	Plan   *Plan
}

// OwnedAction returns an action and its plan when u may update its
// progress (its managers and its owner): EUNAUTH, ENOTFOUND, then
// EFORBIDDEN.
func (s *Service) OwnedAction(ctx context.Context, u *app.User, id int64) (*ProgressTarget, error) {
	a, err := s.ownedAction(ctx, u, id)
	if err != nil {
		return nil, err
	}
	p, err := s.store.GetPlan(ctx, a.PlanID)
	if err != nil {
		return nil, err
	}
	return &ProgressTarget{Action: a, Plan: p}, nil
}

// UpdateProgress sets an action's status and progress, the one operation
// its owner may do besides recording indicator values (My tasks, the
// progress page and PUT /api/v1/actions/{id}/progress call it): EUNAUTH,
// ENOTFOUND, EFORBIDDEN, then EINVALID with the fields.
func (s *Service) UpdateProgress(ctx context.Context, u *app.User, id int64, in ProgressInput) (Place, error) {
	a, err := s.ownedAction(ctx, u, id)
	if err != nil {
		return Place{}, err
	}
	var v app.Validator
	in.Validate(&v, a.Status)
	if err := v.Err(); err != nil {
		return Place{}, err
	}
	err = s.tx(ctx, func(st *Store) error { return st.SetActionProgress(ctx, id, in.Status, in.Progress, s.clock.Now()) })
	if err != nil {
		return Place{}, fmt.Errorf("update action progress: %w", err)
	}
	return Place{PlanID: a.PlanID, ObjectiveID: a.ObjectiveID, ActionID: id}, nil
}

// ProgressState is an action's status and progress, as kept for the Undo
// offered after marking it done.
type ProgressState struct {
	Status   string
	Progress int
}

// UndoDone puts an action that was marked done back to its status and
// progress before (the Undo offered after marking it done, from My tasks
// or the progress page): the same right as UpdateProgress (its owner and
// its managers), EUNAUTH, ENOTFOUND, EFORBIDDEN; ECONFLICT (key
// undo.changed) when the action is no longer done, so an undo never
// overwrites a change made since; EINVALID for a state out of range.
func (s *Service) UndoDone(ctx context.Context, u *app.User, id int64, prev ProgressState) (Place, error) {
	a, err := s.ownedAction(ctx, u, id)
	if err != nil {
		return Place{}, err
	}
	if a.Status != ActionDone {
		return Place{}, app.KeyError(app.ECONFLICT, "undo.changed", "action changed since it was marked done")
	}
	return s.UpdateProgress(ctx, u, id, ProgressInput{Status: prev.Status, Progress: prev.Progress})
}

// Indicators.

// IndicatorDetail is an indicator with all its values, the action and
// plan it measures and whether the reader may record values.
type IndicatorDetail struct {
	Indicator *Indicator
	Action    *Action
	Plan      *Plan
	CanManage bool
}

// Indicator returns an indicator with all its values: EUNAUTH for the
// public, ENOTFOUND when missing.
func (s *Service) Indicator(ctx context.Context, u *app.User, id int64) (*IndicatorDetail, error) {
	if err := auth.RequireUser(u); err != nil {
		return nil, err
	}
	ind, err := s.store.GetIndicator(ctx, id)
	if err != nil {
		return nil, err
	}
	a, err := s.store.GetAction(ctx, ind.ActionID)
	if err != nil {
		return nil, err
	}
	p, err := s.store.GetPlan(ctx, a.PlanID)
	if err != nil {
		return nil, err
	}
	out := &IndicatorDetail{Indicator: ind, Action: a, Plan: p}
	if out.CanManage, err = allowed(s.policy.CanUpdateActionProgress(ctx, u, p.NetworkID, a.OwnerID)); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateIndicator adds an indicator to an action u may edit and returns
// its id: EUNAUTH, ENOTFOUND, EFORBIDDEN, then EINVALID with the fields.
func (s *Service) CreateIndicator(ctx context.Context, u *app.User, actionID int64, in IndicatorInput) (int64, error) {
	if _, err := s.managedAction(ctx, u, actionID); err != nil {
		return 0, err
	}
	if err := validate(&in); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(st *Store) error {
		var err error
		id, err = st.CreateIndicator(ctx, actionID, in, s.clock.Now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create indicator: %w", err)
	}
	return id, nil
}

// SetValue records an indicator's value on a date, replacing the value of
// that date, when u manages the network or owns the indicator's action: EUNAUTH, ENOTFOUND, EFORBIDDEN,
// then EINVALID with the fields.
func (s *Service) SetValue(ctx context.Context, u *app.User, indicatorID int64, in ValueInput) error {
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	ind, err := s.store.GetIndicator(ctx, indicatorID)
	if err != nil {
		return err
	}
	if _, err := s.ownedAction(ctx, u, ind.ActionID); err != nil {
		return err
	}
	if err := validate(&in); err != nil {
		return err
	}
	err = s.tx(ctx, func(st *Store) error { return st.SetValue(ctx, indicatorID, in, s.clock.Now()) })
	if err != nil {
		return fmt.Errorf("set indicator value: %w", err)
	}
	return nil
}

// The goals report.

// ProjectGoals is a project's goals report as u may see it.
type ProjectGoals struct {
	Project *ProjectRef
	Goals   []GoalReport
	// CanManage: u may publish or withdraw the page.
	CanManage bool
}

// ProjectGoals returns the project's goals with the objectives of its
// networks' plans: ENOTFOUND for an unknown project, EUNAUTH for the
// public while the page is not published.
func (s *Service) ProjectGoals(ctx context.Context, u *app.User, projectID int64) (*ProjectGoals, error) {
	p, err := s.store.Project(ctx, projectID)
	if err != nil {
		return nil, err
	}
	if !p.GoalsPublished {
		if err := auth.RequireUser(u); err != nil {
			return nil, err
		}
	}
	report, err := s.store.GoalsReport(ctx, projectID)
	if err != nil {
		return nil, err
	}
	out := &ProjectGoals{Project: p, Goals: report}
	if u != nil {
		if out.CanManage, err = allowed(s.policy.CanManageProject(ctx, u, projectID)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PublishGoals publishes (or, with published false, withdraws) a
// project's goals page: ENOTFOUND, then EUNAUTH or EFORBIDDEN unless u
// manages the project.
func (s *Service) PublishGoals(ctx context.Context, u *app.User, projectID int64, published bool) error {
	if _, err := s.store.Project(ctx, projectID); err != nil {
		return err
	}
	if err := s.policy.CanManageProject(ctx, u, projectID); err != nil {
		return err
	}
	err := s.tx(ctx, func(st *Store) error { return st.SetGoalsPublished(ctx, projectID, published, s.clock.Now()) })
	if err != nil {
		return fmt.Errorf("publish goals: %w", err)
	}
	return nil
}
