package person

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Store is the people's SQL.
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

const personCols = `p.id, p.name, p.title, COALESCE(p.organisation_id, 0), COALESCE(o.name, ''), COALESCE(p.email, ''),
	p.phone, p.lang, p.created_at, p.updated_at`

const personFrom = ` FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id`

func scanPerson(row interface{ Scan(...any) error }) (*Person, error) {
	var p Person
	err := row.Scan(&p.ID, &p.Name, &p.Title, &p.OrganisationID, &p.OrganisationName, &p.Email,
		&p.Phone, &p.Lang, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

func duplicateEmail() error { return app.FieldConflict("email", "person.err.duplicate_email") }

// check verifies what Validate cannot: the organisation exists and the
// e-mail address is not another person's (id is the person's own id, 0 for
// a new one). Checking before writing keeps a PostgreSQL transaction
// usable; the UNIQUE constraint still decides races.
func (s *Store) check(ctx context.Context, p *Person, id int64) error {
	if p.OrganisationID != 0 {
		var ok bool
		if err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organisations WHERE id = $1)`, p.OrganisationID).Scan(&ok); err != nil {
			return fmt.Errorf("check organisation: %w", err)
		}
		if !ok {
			return app.FieldInvalid("organisation_id", "err.invalid_choice")
		}
	}
	if p.Email != "" {
		var taken bool
		if err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM people WHERE email = $1 AND id <> $2)`, p.Email, id).Scan(&taken); err != nil {
			return fmt.Errorf("check e-mail: %w", err)
		}
		if taken {
			return duplicateEmail()
		}
	}
	return nil
}

// Create validates p and stores it, setting its ID and times. EINVALID for
// bad input or an unknown organisation, ECONFLICT when the e-mail address
// is taken.
func (s *Store) Create(ctx context.Context, p *Person, now time.Time) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := s.check(ctx, p, 0); err != nil {
		return err
	}
	now = db.Now(now)
	err := s.q.QueryRowContext(ctx, `INSERT INTO people (name, title, organisation_id, email, phone, lang, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
		p.Name, p.Title, db.NullID(p.OrganisationID), db.NullString(p.Email), p.Phone, p.Lang, now).Scan(&p.ID)
	if db.IsUniqueViolation(err) {
		return duplicateEmail()
	}
	if err != nil {
		return fmt.Errorf("create person: %w", err)
	}
	stored, err := s.Get(ctx, p.ID)
	if err != nil {
		return err
	}
	*p = *stored
	return nil
}

// Update validates p and replaces the stored person p.ID. ENOTFOUND when
// missing; EINVALID and ECONFLICT as Create, and EINVALID when the e-mail
// of a person with an account would be removed (it is their sign-in name).
func (s *Store) Update(ctx context.Context, p *Person, now time.Time) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if _, err := s.Get(ctx, p.ID); err != nil {
		return err
	}
	if err := s.check(ctx, p, p.ID); err != nil {
		return err
	}
	if p.Email == "" {
		has, err := s.HasAccount(ctx, p.ID)
		if err != nil {
			return err
		}
		if has {
			return app.FieldInvalid("email", "person.err.email_sign_in")
		}
	}
	_, err := s.q.ExecContext(ctx, `UPDATE people SET name = $1, title = $2, organisation_id = $3, email = $4, phone = $5,
		lang = $6, updated_at = $7 WHERE id = $8`,
		p.Name, p.Title, db.NullID(p.OrganisationID), db.NullString(p.Email), p.Phone, p.Lang, db.Now(now), p.ID)
	if db.IsUniqueViolation(err) {
		return duplicateEmail()
	}
	if err != nil {
		return fmt.Errorf("update person: %w", err)
	}
	stored, err := s.Get(ctx, p.ID)
	if err != nil {
		return err
	}
	*p = *stored
	return nil
}

// Get returns a person; ENOTFOUND when missing.
func (s *Store) Get(ctx context.Context, id int64) (*Person, error) {
	p, err := scanPerson(s.q.QueryRowContext(ctx, `SELECT `+personCols+personFrom+` WHERE p.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "person", "get person")
	}
	return p, nil
}

// HasAccount reports whether the person has a sign-in account.
func (s *Store) HasAccount(ctx context.Context, id int64) (bool, error) {
	var ok bool
	if err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE person_id = $1)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("check account: %w", err)
	}
	return ok, nil
}

// List returns one page of people matching f, ordered by name, and the
// number of all matches.
func (s *Store) List(ctx context.Context, f Filter) ([]Person, int, error) {
	limit, offset := f.limits()
	var where []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.OrganisationID != 0 {
		add("p.organisation_id = $%d", f.OrganisationID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		add(`LOWER(p.name) LIKE $%d ESCAPE '\'`, db.LikeContains(q))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM people p`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count people: %w", err)
	}
	args = append(args, limit, offset)
	rows, err := s.q.QueryContext(ctx, `SELECT `+personCols+personFrom+cond+
		fmt.Sprintf(` ORDER BY p.name, p.id LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	out := []Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan person: %w", err)
		}
		out = append(out, *p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list people: %w", err)
	}
	return out, total, nil
}

// Memberships lists the networks the person belongs to, by network name.
func (s *Store) Memberships(ctx context.Context, id int64) ([]Membership, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT n.id, n.name, n.name_sv, n.name_en, pr.id, pr.name, pr.name_sv, pr.name_en, m.role, COALESCE(o.name, ''), m.term_start, m.term_end
		FROM memberships m JOIN networks n ON n.id = m.network_id JOIN projects pr ON pr.id = n.project_id
		LEFT JOIN organisations o ON o.id = m.organisation_id
		WHERE m.person_id = $1 ORDER BY n.name, n.id`, id)
	if err != nil {
		return nil, fmt.Errorf("list person's memberships: %w", err)
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		var start, end sql.NullTime
		if err := rows.Scan(&m.NetworkID, &m.NetworkName, &m.NetworkNameSv, &m.NetworkNameEn, &m.ProjectID, &m.ProjectName, &m.ProjectNameSv, &m.ProjectNameEn, &m.Role, &m.OrganisationName, &start, &end); err != nil {
			return nil, fmt.Errorf("scan membership: %w", err)
		}
		if start.Valid {
			m.TermStart = &start.Time
		}
		if end.Valid {
			m.TermEnd = &end.Time
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Staff lists the projects the person works in as staff, by project name.
func (s *Store) Staff(ctx context.Context, id int64) ([]Staff, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT pr.id, pr.name, pr.name_sv, pr.name_en, s.role FROM project_staff s JOIN projects pr ON pr.id = s.project_id
		WHERE s.person_id = $1 ORDER BY pr.name, pr.id`, id)
	if err != nil {
		return nil, fmt.Errorf("list person's projects: %w", err)
	}
	defer rows.Close()
	var out []Staff
	for rows.Next() {
		var st Staff
		if err := rows.Scan(&st.ProjectID, &st.ProjectName, &st.ProjectNameSv, &st.ProjectNameEn, &st.Role); err != nil {
			return nil, fmt.Errorf("scan project staff: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// OrganisationOptions lists every organisation's id and name by name, for
// the organisation select box (read-only; the org package owns the table).
func (s *Store) OrganisationOptions(ctx context.Context) ([]Option, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, name FROM organisations ORDER BY name_key, id`)
	if err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	defer rows.Close()
	var out []Option
	for rows.Next() {
		var o Option
		if err := rows.Scan(&o.ID, &o.Name); err != nil {
			return nil, fmt.Errorf("scan organisation: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// HasActiveAccount reports whether the person has an account with a
// password set (an invitation would then be pointless).
func (s *Store) HasActiveAccount(ctx context.Context, id int64) (bool, error) {
	var ok bool
	err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE person_id = $1 AND password_hash <> '')`, id).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("check account: %w", err)
	}
	return ok, nil
}
