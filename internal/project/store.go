package project

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Store is the projects' SQL. Create, Update and the staff changes make
// several statements: give the store a transaction when they must be
// atomic (the Service does).
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

// ListFilter selects projects for List.
type ListFilter struct {
	// Archived, when set, keeps only archived (true) or active (false)
	// projects.
	Archived *bool
	// Limit and Offset page the list; Limit 0 means no limit.
	Limit  int
	Offset int
}

const projectCols = `p.id, p.name, p.name_sv, p.name_en, p.funder, p.starts_on, p.ends_on, p.description, p.description_sv, p.description_en,
	p.archived, p.created_at, p.updated_at`

func scanProject(row interface{ Scan(...any) error }) (*Project, error) {
	var p Project
	var starts, ends sql.NullTime
	if err := row.Scan(&p.ID, &p.Name, &p.NameSv, &p.NameEn, &p.Funder, &starts, &ends,
		&p.Description, &p.DescriptionSv, &p.DescriptionEn, &p.Archived, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	p.StartsOn, p.EndsOn = db.DateOut(starts), db.DateOut(ends)
	return &p, nil
}

// List returns projects, active first and then by name, and the total
// number matching the filter.
func (s *Store) List(ctx context.Context, f ListFilter) ([]Project, int, error) {
	where, args := "", []any{}
	if f.Archived != nil {
		where = " WHERE p.archived = $1"
		args = append(args, *f.Archived)
	}
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM projects p`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count projects: %w", err)
	}
	q := `SELECT ` + projectCols + ` FROM projects p` + where + ` ORDER BY p.archived, LOWER(p.name), p.id`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	rows, err := s.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list projects: %w", err)
	}
	defer rows.Close()
	var out []Project
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan project: %w", err)
		}
		out = append(out, *p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list projects: %w", err)
	}
	return out, total, nil
}

// Get returns a project without its goals, region or staff; ENOTFOUND when
// missing.
func (s *Store) Get(ctx context.Context, id int64) (*Project, error) {
	p, err := scanProject(s.q.QueryRowContext(ctx, `SELECT `+projectCols+` FROM projects p WHERE p.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "project", "get project")
	}
	return p, nil
}

// GetFull returns a project with its goals, municipalities, staff and
// networks; ENOTFOUND when missing.
func (s *Store) GetFull(ctx context.Context, id int64) (*Project, error) {
	p, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.Goals, err = s.Goals(ctx, id); err != nil {
		return nil, err
	}
	if p.Municipalities, err = s.ProjectMunicipalities(ctx, id); err != nil {
		return nil, err
	}
	if p.Staff, err = s.Staff(ctx, id); err != nil {
		return nil, err
	}
	if p.Networks, err = s.Networks(ctx, id); err != nil {
		return nil, err
	}
	return p, nil
}

// Goals returns the project's goals in order.
func (s *Store) Goals(ctx context.Context, projectID int64) ([]Goal, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, position, title, description FROM project_goals
		WHERE project_id = $1 ORDER BY position, id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list goals: %w", err)
	}
	defer rows.Close()
	var out []Goal
	for rows.Next() {
		var g Goal
		if err := rows.Scan(&g.ID, &g.Position, &g.Title, &g.Description); err != nil {
			return nil, fmt.Errorf("scan goal: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// ProjectMunicipalities returns the project's region by municipality name.
func (s *Store) ProjectMunicipalities(ctx context.Context, projectID int64) ([]Municipality, error) {
	return s.municipalities(ctx, `SELECT m.code, m.name_fi, m.region_name FROM project_municipalities pm
		JOIN municipalities m ON m.code = pm.municipality_code WHERE pm.project_id = $1 ORDER BY m.name_fi, m.code`, projectID)
}

// Municipalities returns every municipality, by region and name, for the
// region picker.
func (s *Store) Municipalities(ctx context.Context) ([]Municipality, error) {
	return s.municipalities(ctx, `SELECT code, name_fi, region_name FROM municipalities
		ORDER BY CASE WHEN region_name = '' THEN 1 ELSE 0 END, region_name, name_fi, code`)
}

func (s *Store) municipalities(ctx context.Context, q string, args ...any) ([]Municipality, error) {
	rows, err := s.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list municipalities: %w", err)
	}
	defer rows.Close()
	var out []Municipality
	for rows.Next() {
		var m Municipality
		if err := rows.Scan(&m.Code, &m.Name, &m.RegionName); err != nil {
			return nil, fmt.Errorf("scan municipality: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Staff returns the project's staff, coordinators first.
func (s *Store) Staff(ctx context.Context, projectID int64) ([]Staff, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT p.id, p.name, p.title, COALESCE(p.email, ''), p.phone, COALESCE(o.name, ''), ps.role, p.public_listing
		FROM project_staff ps JOIN people p ON p.id = ps.person_id
		LEFT JOIN organisations o ON o.id = p.organisation_id
		WHERE ps.project_id = $1
		ORDER BY CASE WHEN ps.role = 'coordinator' THEN 0 ELSE 1 END, p.name, p.id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	defer rows.Close()
	var out []Staff
	for rows.Next() {
		var st Staff
		if err := rows.Scan(&st.PersonID, &st.Name, &st.Title, &st.Email, &st.Phone, &st.OrganisationName, &st.Role, &st.PublicListing); err != nil {
			return nil, fmt.Errorf("scan staff: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// Networks returns the project's networks, active first.
func (s *Store) Networks(ctx context.Context, projectID int64) ([]NetworkSummary, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT n.id, n.name, n.name_sv, n.name_en, n.status,
		(SELECT COUNT(*) FROM memberships m WHERE m.network_id = n.id)
		FROM networks n WHERE n.project_id = $1
		ORDER BY CASE WHEN n.status = 'active' THEN 0 ELSE 1 END, n.name, n.id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list project networks: %w", err)
	}
	defer rows.Close()
	var out []NetworkSummary
	for rows.Next() {
		var n NetworkSummary
		if err := rows.Scan(&n.ID, &n.Name, &n.NameSv, &n.NameEn, &n.Status, &n.MemberCount); err != nil {
			return nil, fmt.Errorf("scan project network: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// checkMunicipalities returns an EINVALID field error when a code does not
// exist.
func (s *Store) checkMunicipalities(ctx context.Context, codes []string) error {
	for _, c := range codes {
		var n int
		if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM municipalities WHERE code = $1`, c).Scan(&n); err != nil {
			return fmt.Errorf("check municipality: %w", err)
		}
		if n == 0 {
			return app.FieldInvalid("municipalities", "err.invalid_municipality")
		}
	}
	return nil
}

// Create stores a new project with its goals and region and returns its
// id. Call in.Validate first. EINVALID for an unknown municipality.
func (s *Store) Create(ctx context.Context, in Input, now time.Time) (int64, error) {
	if err := s.checkMunicipalities(ctx, in.Municipalities); err != nil {
		return 0, err
	}
	now = db.Now(now)
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO projects (name, name_sv, name_en, funder, starts_on, ends_on,
		description, description_sv, description_en, archived, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE, $10, $10) RETURNING id`,
		in.Name, in.NameSv, in.NameEn, in.Funder, db.DateIn(in.StartsOn), db.DateIn(in.EndsOn),
		in.Description, in.DescriptionSv, in.DescriptionEn, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create project: %w", err)
	}
	if err := s.saveGoals(ctx, id, in.Goals); err != nil {
		return 0, err
	}
	if err := s.saveMunicipalities(ctx, id, in.Municipalities); err != nil {
		return 0, err
	}
	return id, nil
}

// Update replaces a project's fields, goals and region. Goals whose title
// is unchanged keep their ids. ENOTFOUND when missing, EINVALID for an
// unknown municipality.
func (s *Store) Update(ctx context.Context, id int64, in Input, now time.Time) error {
	if err := s.checkMunicipalities(ctx, in.Municipalities); err != nil {
		return err
	}
	res, err := s.q.ExecContext(ctx, `UPDATE projects SET name = $1, name_sv = $2, name_en = $3, funder = $4, starts_on = $5, ends_on = $6,
		description = $7, description_sv = $8, description_en = $9, updated_at = $10 WHERE id = $11`,
		in.Name, in.NameSv, in.NameEn, in.Funder, db.DateIn(in.StartsOn), db.DateIn(in.EndsOn),
		in.Description, in.DescriptionSv, in.DescriptionEn, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("update project: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("project")
	}
	if err := s.saveGoals(ctx, id, in.Goals); err != nil {
		return err
	}
	return s.saveMunicipalities(ctx, id, in.Municipalities)
}

// saveGoals makes the project's goals equal to goals, reusing the rows of
// goals whose title is unchanged.
func (s *Store) saveGoals(ctx context.Context, projectID int64, goals []GoalInput) error {
	old, err := s.Goals(ctx, projectID)
	if err != nil {
		return err
	}
	byTitle := map[string][]Goal{}
	for _, g := range old {
		byTitle[g.Title] = append(byTitle[g.Title], g)
	}
	keep := map[int64]bool{}
	for i, g := range goals {
		if same := byTitle[g.Title]; len(same) > 0 {
			keep[same[0].ID] = true
			byTitle[g.Title] = same[1:]
			if _, err := s.q.ExecContext(ctx, `UPDATE project_goals SET position = $1, description = $2 WHERE id = $3`,
				i+1, g.Description, same[0].ID); err != nil {
				return fmt.Errorf("update goal: %w", err)
			}
			continue
		}
		if _, err := s.q.ExecContext(ctx, `INSERT INTO project_goals (project_id, position, title, description) VALUES ($1, $2, $3, $4)`,
			projectID, i+1, g.Title, g.Description); err != nil {
			return fmt.Errorf("add goal: %w", err)
		}
	}
	for _, g := range old {
		if !keep[g.ID] {
			if _, err := s.q.ExecContext(ctx, `DELETE FROM project_goals WHERE id = $1`, g.ID); err != nil {
				return fmt.Errorf("delete goal: %w", err)
			}
		}
	}
	return nil
}

func (s *Store) saveMunicipalities(ctx context.Context, projectID int64, codes []string) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM project_municipalities WHERE project_id = $1`, projectID); err != nil {
		return fmt.Errorf("clear project municipalities: %w", err)
	}
	for _, c := range codes {
		if _, err := s.q.ExecContext(ctx, `INSERT INTO project_municipalities (project_id, municipality_code) VALUES ($1, $2)`,
			projectID, c); err != nil {
			if db.IsForeignKeyViolation(err) {
				return app.FieldInvalid("municipalities", "err.invalid_municipality")
			}
			return fmt.Errorf("add project municipality: %w", err)
		}
	}
	return nil
}

// SetArchived archives or restores a project. ENOTFOUND when missing.
func (s *Store) SetArchived(ctx context.Context, id int64, archived bool, now time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE projects SET archived = $1, updated_at = $2 WHERE id = $3`, archived, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("archive project: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("project")
	}
	return nil
}

// AddStaff adds a person to the project's staff. EINVALID for an unknown
// person or role, ECONFLICT when they already are staff.
func (s *Store) AddStaff(ctx context.Context, projectID, personID int64, role string) error {
	if !ValidStaffRole(role) {
		return app.FieldInvalid("role", "err.invalid_choice")
	}
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM people WHERE id = $1`, personID).Scan(&n); err != nil {
		return fmt.Errorf("check person: %w", err)
	}
	if n == 0 {
		return app.FieldInvalid("person_id", "err.invalid_choice")
	}
	_, err := s.q.ExecContext(ctx, `INSERT INTO project_staff (project_id, person_id, role) VALUES ($1, $2, $3)`, projectID, personID, role)
	if db.IsUniqueViolation(err) {
		return app.FieldConflict("person_id", "project.err.staff_duplicate")
	}
	if db.IsForeignKeyViolation(err) {
		return app.NotFound("project")
	}
	if err != nil {
		return fmt.Errorf("add staff: %w", err)
	}
	return nil
}

// RemoveStaff removes a person from the project's staff. ENOTFOUND when
// they are not staff.
func (s *Store) RemoveStaff(ctx context.Context, projectID, personID int64) error {
	res, err := s.q.ExecContext(ctx, `DELETE FROM project_staff WHERE project_id = $1 AND person_id = $2`, projectID, personID)
	if err != nil {
		return fmt.Errorf("remove staff: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("staff")
	}
	return nil
}

// PersonOption is a person offered in a picker.
type PersonOption struct {
	ID               int64
	Name             string
	OrganisationName string
}

// SearchPeople returns at most limit people who are not yet staff of the
// project whose name or organisation's name contains q, or whose e-mail
// address is q exactly (all when q is blank), by name. Only a whole
// address matches: matching part of one would let a coordinator read
// addresses they may not see a character at a time.
func (s *Store) SearchPeople(ctx context.Context, projectID int64, q string, limit int) ([]PersonOption, error) {
	rows, err := s.q.QueryContext(ctx, fmt.Sprintf(`SELECT p.id, p.name, COALESCE(o.name, '') FROM people p
		LEFT JOIN organisations o ON o.id = p.organisation_id
		WHERE (LOWER(p.name) LIKE $1 ESCAPE '\' OR LOWER(COALESCE(o.name, '')) LIKE $1 ESCAPE '\' OR LOWER(p.email) = $3)
		  AND NOT EXISTS (SELECT 1 FROM project_staff ps WHERE ps.project_id = $2 AND ps.person_id = p.id)
		ORDER BY p.name, p.id LIMIT %d`, limit), db.LikeContains(q), projectID, strings.ToLower(strings.TrimSpace(q)))
	if err != nil {
		return nil, fmt.Errorf("search people: %w", err)
	}
	defer rows.Close()
	var out []PersonOption
	for rows.Next() {
		var p PersonOption
		if err := rows.Scan(&p.ID, &p.Name, &p.OrganisationName); err != nil {
			return nil, fmt.Errorf("scan person: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
