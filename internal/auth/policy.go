package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Project staff roles.
const (
	RoleCoordinator = "coordinator"
	RoleWorker      = "worker"
)

// Network roles.
const (
	RoleConvener  = "convener"
	RoleSecretary = "secretary"
	RoleMember    = "member"
	RoleGuest     = "guest"
)

// Policy answers who may see and change what. Rules:
//
//   - the public (nil user) reads projects, networks and organisations, but
//     no member lists or people;
//   - any signed-in user reads member lists and people's names, titles and
//     organisations;
//   - contact details (e-mail, phone) only when the viewer shares a project
//     with the person (staff, or member of any of its networks), is the
//     person, or is a platform admin;
//   - platform admins do everything; project coordinators manage their
//     project, its networks and memberships; project workers, conveners and
//     secretaries manage their networks and memberships; coordinators,
//     workers and conveners add and edit organisations and people; merging
//     organisations is for admins.
//
// Every right that comes from a network membership comes from a current
// one: a membership whose term has ended (term_end before today, Helsinki
// time) gives no rights at all, exactly as it gets no mail. The condition
// lives in one place, currentMembership.
type Policy struct {
	q        db.Querier
	clock    app.Clock
	contacts *db.Cache[contactsKey, map[int64]bool]
}

// NewPolicy returns a policy reading from q; clock decides which
// memberships are current.
func NewPolicy(q db.Querier, clock app.Clock) *Policy {
	if clock == nil {
		clock = app.SystemClock{}
	}
	return &Policy{q: q, clock: clock, contacts: newContactsCache()}
}

// currentMembership is the SQL condition that the membership row m is
// current on the date given as the query's parameter $today (app.Day of
// now): its term has not ended. A term may start in the future: such a
// member is already invited to meetings, so they also read them.
const currentMembership = `(m.term_end IS NULL OR m.term_end >= $today)`

// current returns query with currentMembership's $today replaced by the
// placeholder $n, where the caller passes p.today() as that argument.
func current(query string, n int) string {
	return strings.ReplaceAll(query, "$today", "$"+strconv.Itoa(n))
}

// The policy's queries, with currentMembership's date as the last
// parameter.
var (
	qNetworkRole   = current(`SELECT m.role FROM memberships m WHERE m.network_id = $1 AND m.person_id = $2 AND `+currentMembership, 3)
	qManageNetwork = current(`SELECT EXISTS (
		SELECT 1 FROM networks n JOIN project_staff s ON s.project_id = n.project_id
		WHERE n.id = $1 AND s.person_id = $2
		UNION ALL
		SELECT 1 FROM memberships m WHERE m.network_id = $1 AND m.person_id = $2 AND m.role IN ('convener', 'secretary')
			AND `+currentMembership+`)`, 3)
	qEditDirectory = current(`SELECT EXISTS (
		SELECT 1 FROM project_staff WHERE person_id = $1
		UNION ALL
		SELECT 1 FROM memberships m WHERE m.person_id = $1 AND m.role = 'convener' AND `+currentMembership+`)`, 2)
	qSharesProject = current(`SELECT EXISTS (
		SELECT 1 FROM project_staff WHERE project_id = $1 AND person_id = $2
		UNION ALL
		SELECT 1 FROM memberships m JOIN networks n ON n.id = m.network_id
		WHERE n.project_id = $1 AND m.person_id = $2 AND `+currentMembership+`)`, 3)
	// qMyProjects is the projects u ($1) works in or has a current
	// membership in; contact details are shared within them.
	qMyProjects = `SELECT project_id FROM project_staff WHERE person_id = $1
		UNION
		SELECT n.project_id FROM memberships m JOIN networks n ON n.id = m.network_id
		WHERE m.person_id = $1 AND ` + currentMembership
	// qRank orders people by the rights they hold (see rank).
	qRank = current(`SELECT CASE
		WHEN EXISTS (SELECT 1 FROM users WHERE person_id = $1 AND is_admin) THEN 3
		WHEN EXISTS (SELECT 1 FROM project_staff WHERE person_id = $1 AND role = 'coordinator') THEN 2
		WHEN EXISTS (SELECT 1 FROM project_staff WHERE person_id = $1)
			OR EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = $1 AND m.role IN ('convener', 'secretary') AND `+currentMembership+`) THEN 1
		ELSE 0 END`, 2)
)

// today is the date against which terms are compared.
func (p *Policy) today() time.Time { return app.Day(p.clock.Now()) }

// RequireUser returns EUNAUTH for the public.
func RequireUser(u *app.User) error {
	if u == nil {
		return app.KeyError(app.EUNAUTH, "err.unauthorized", "sign in required")
	}
	return nil
}

func deny(u *app.User) error {
	if u == nil {
		return RequireUser(u)
	}
	return app.Forbidden()
}

// ProjectRole returns the user's staff role in a project ("" when none).
func (p *Policy) ProjectRole(ctx context.Context, u *app.User, projectID int64) (string, error) {
	if u == nil {
		return "", nil
	}
	var role string
	err := p.q.QueryRowContext(ctx, `SELECT role FROM project_staff WHERE project_id = $1 AND person_id = $2`, projectID, u.PersonID).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("project role: %w", err)
	}
	return role, nil
}

// NetworkRole returns the user's role in a network through a current
// membership ("" when none).
func (p *Policy) NetworkRole(ctx context.Context, u *app.User, networkID int64) (string, error) {
	if u == nil {
		return "", nil
	}
	var role string
	err := p.q.QueryRowContext(ctx, qNetworkRole, networkID, u.PersonID, p.today()).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("network role: %w", err)
	}
	return role, nil
}

// CanCreateProject allows platform admins.
func (p *Policy) CanCreateProject(u *app.User) error {
	if u != nil && u.IsAdmin {
		return nil
	}
	return deny(u)
}

// CanManageProject allows admins and the project's coordinators.
func (p *Policy) CanManageProject(ctx context.Context, u *app.User, projectID int64) error {
	if u == nil {
		return deny(u)
	}
	if u.IsAdmin {
		return nil
	}
	role, err := p.ProjectRole(ctx, u, projectID)
	if err != nil {
		return err
	}
	if role == RoleCoordinator {
		return nil
	}
	return deny(u)
}

// CanCreateNetwork allows admins and the project's staff.
func (p *Policy) CanCreateNetwork(ctx context.Context, u *app.User, projectID int64) error {
	if u == nil {
		return deny(u)
	}
	if u.IsAdmin {
		return nil
	}
	role, err := p.ProjectRole(ctx, u, projectID)
	if err != nil {
		return err
	}
	if role != "" {
		return nil
	}
	return deny(u)
}

// CanManageNetwork allows admins, the staff of the network's project and
// the network's conveners and secretaries.
func (p *Policy) CanManageNetwork(ctx context.Context, u *app.User, networkID int64) error {
	if u == nil {
		return deny(u)
	}
	if u.IsAdmin {
		return nil
	}
	var ok bool
	err := p.q.QueryRowContext(ctx, qManageNetwork, networkID, u.PersonID, p.today()).Scan(&ok)
	if err != nil {
		return fmt.Errorf("check network rights: %w", err)
	}
	if ok {
		return nil
	}
	return deny(u)
}

// ManagesAnyNetwork reports whether u may manage at least one of the
// networks (CanManageNetwork); only database errors are returned.
func (p *Policy) ManagesAnyNetwork(ctx context.Context, u *app.User, networkIDs []int64) (bool, error) {
	if u == nil {
		return false, nil
	}
	for _, id := range networkIDs {
		err := p.CanManageNetwork(ctx, u, id)
		if err == nil {
			return true, nil
		}
		if app.IsCode(err, app.EINTERNAL) {
			return false, err
		}
	}
	return false, nil
}

// CanEditDirectory allows admins, any project staff and any convener to
// add and edit organisations and people.
func (p *Policy) CanEditDirectory(ctx context.Context, u *app.User) error {
	if u == nil {
		return deny(u)
	}
	if u.IsAdmin {
		return nil
	}
	var ok bool
	err := p.q.QueryRowContext(ctx, qEditDirectory, u.PersonID, p.today()).Scan(&ok)
	if err != nil {
		return fmt.Errorf("check directory rights: %w", err)
	}
	if ok {
		return nil
	}
	return deny(u)
}

// CanEditPerson allows the person themself, and directory editors whose
// own rights are at least the person's (rank), so that no one edits an
// account with more rights than their own: a convener edits a member, not
// the project's coordinator or a platform admin. What an editor may change
// of the person is the person domain's rule (person.Service.Update): never
// the sign-in address of an account.
func (p *Policy) CanEditPerson(ctx context.Context, u *app.User, personID int64) error {
	if u != nil && u.PersonID == personID {
		return nil
	}
	if err := p.CanEditDirectory(ctx, u); err != nil {
		return err
	}
	if u.IsAdmin {
		return nil
	}
	mine, err := p.rank(ctx, u.PersonID)
	if err != nil {
		return err
	}
	theirs, err := p.rank(ctx, personID)
	if err != nil {
		return err
	}
	if theirs > mine {
		return app.Forbidden()
	}
	return nil
}

// rank orders people by the rights they hold: 3 platform admin, 2 project
// coordinator, 1 project worker or current convener or secretary, 0
// anyone else.
func (p *Policy) rank(ctx context.Context, personID int64) (int, error) {
	var r int
	if err := p.q.QueryRowContext(ctx, qRank, personID, p.today()).Scan(&r); err != nil {
		return 0, fmt.Errorf("rank person: %w", err)
	}
	return r, nil
}

// CanMergeOrganisations allows platform admins.
func (p *Policy) CanMergeOrganisations(u *app.User) error {
	if u != nil && u.IsAdmin {
		return nil
	}
	return deny(u)
}

// CanSeePeople allows any signed-in user to see member lists and names.
func (p *Policy) CanSeePeople(u *app.User) error { return RequireUser(u) }

// SharesProject reports whether the user is staff of the project or a
// member of any of its networks; admins always do.
func (p *Policy) SharesProject(ctx context.Context, u *app.User, projectID int64) (bool, error) {
	if u == nil {
		return false, nil
	}
	if u.IsAdmin {
		return true, nil
	}
	var ok bool
	err := p.q.QueryRowContext(ctx, qSharesProject, projectID, u.PersonID, p.today()).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("check shared project: %w", err)
	}
	return ok, nil
}

// CanSeeContacts reports whether the user may see a person's e-mail and
// phone: themself, admins, and anyone who shares a project with them.
func (p *Policy) CanSeeContacts(ctx context.Context, u *app.User, personID int64) (bool, error) {
	seen, err := p.ContactsVisible(ctx, u, []int64{personID})
	if err != nil {
		return false, err
	}
	return seen[personID], nil
}

// ContactsVisible is CanSeeContacts for a page of people at once, in one
// query driven by their ids (a per-person check scanned every membership
// for each row of a list): the ids whose contact details u may see.
func (p *Policy) ContactsVisible(ctx context.Context, u *app.User, personIDs []int64) (map[int64]bool, error) {
	out := make(map[int64]bool, len(personIDs))
	if u == nil || len(personIDs) == 0 {
		return out, nil
	}
	if u.IsAdmin {
		for _, id := range personIDs {
			out[id] = true
		}
		return out, nil
	}
	shared, err := p.sharedProjects(ctx, u, personIDs)
	if err != nil {
		return nil, err
	}
	for id := range shared {
		out[id] = true
	}
	if u.PersonID != 0 {
		for _, id := range personIDs {
			if id == u.PersonID {
				out[id] = true
			}
		}
	}
	return out, nil
}

// sharedProjects returns the ids among personIDs who share a current
// project with u (as staff or through a current membership), from a
// cache that the directory version keeps fresh: a list page asks the
// same question for the same people again and again.
func (p *Policy) sharedProjects(ctx context.Context, u *app.User, personIDs []int64) (map[int64]bool, error) {
	today := p.today()
	key := contactsKey{viewer: u.PersonID, day: today.Unix(), ids: idList(personIDs)}
	return p.contacts.Get(ctx, p.q, key, func(ctx context.Context) (map[int64]bool, error) {
		out := make(map[int64]bool)
		args := []any{u.PersonID, today}
		marks := make([]string, len(personIDs))
		for i, id := range personIDs {
			args = append(args, id)
			marks[i] = "$" + strconv.Itoa(i+3)
		}
		in := strings.Join(marks, ", ")
		q := current(`WITH mine AS (`+qMyProjects+`)
			SELECT s.person_id FROM project_staff s WHERE s.person_id IN (`+in+`) AND s.project_id IN (SELECT project_id FROM mine)
			UNION
			SELECT m.person_id FROM memberships m JOIN networks n ON n.id = m.network_id
			WHERE m.person_id IN (`+in+`) AND `+currentMembership+` AND n.project_id IN (SELECT project_id FROM mine)`, 2)
		rows, err := p.q.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("check contact visibility: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, fmt.Errorf("check contact visibility: %w", err)
			}
			out[id] = true
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("check contact visibility: %w", err)
		}
		return out, nil
	})
}
