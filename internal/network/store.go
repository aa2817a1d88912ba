package network

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Store is the networks' and memberships' SQL. Create and Update write
// several rows: give the store a transaction when they must be atomic (the
// Service does).
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

// ListFilter selects networks for List.
type ListFilter struct {
	ProjectID int64  // 0: every project
	Status    string // "": every status
	Limit     int    // 0: no limit
	Offset    int
}

const networkCols = `n.id, n.project_id, p.name, p.name_sv, p.name_en, n.name, n.name_sv, n.name_en,
	n.purpose, n.purpose_sv, n.purpose_en, n.cadence, n.status, n.created_at, n.updated_at,
	(SELECT COUNT(*) FROM memberships m WHERE m.network_id = n.id)`

func scanNetwork(row interface{ Scan(...any) error }) (*Network, error) {
	var n Network
	err := row.Scan(&n.ID, &n.ProjectID, &n.ProjectName, &n.ProjectNameSv, &n.ProjectNameEn,
		&n.Name, &n.NameSv, &n.NameEn, &n.Purpose, &n.PurposeSv, &n.PurposeEn, &n.Cadence, &n.Status, &n.CreatedAt, &n.UpdatedAt, &n.MemberCount)
	if err != nil {
		return nil, err
	}
	return &n, nil
}

// List returns networks (active first, then by project and name) and the
// number matching the filter.
func (s *Store) List(ctx context.Context, f ListFilter) ([]Network, int, error) {
	var conds []string
	var args []any
	if f.ProjectID != 0 {
		args = append(args, f.ProjectID)
		conds = append(conds, fmt.Sprintf("n.project_id = $%d", len(args)))
	}
	if f.Status != "" {
		args = append(args, f.Status)
		conds = append(conds, fmt.Sprintf("n.status = $%d", len(args)))
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM networks n`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count networks: %w", err)
	}
	// The page's ids are chosen first, so the columns (with the
	// member-count sub-query) are read for its rows only. (A window count
	// in the same query measured twice as slow on SQLite as this count.)
	const order = ` ORDER BY CASE WHEN n.status = 'active' THEN 0 ELSE 1 END, p.name, n.name, n.id`
	inner := `SELECT n.id FROM networks n JOIN projects p ON p.id = n.project_id` + where + order
	if f.Limit > 0 {
		inner += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	rows, err := s.q.QueryContext(ctx, `SELECT `+networkCols+` FROM (`+inner+`) pg
		JOIN networks n ON n.id = pg.id JOIN projects p ON p.id = n.project_id`+order, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list networks: %w", err)
	}
	defer rows.Close()
	var out []Network
	for rows.Next() {
		n, err := scanNetwork(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan network: %w", err)
		}
		out = append(out, *n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list networks: %w", err)
	}
	return out, total, nil
}

// Get returns a network with its themes; ENOTFOUND when missing.
func (s *Store) Get(ctx context.Context, id int64) (*Network, error) {
	n, err := scanNetwork(s.q.QueryRowContext(ctx, `SELECT `+networkCols+` FROM networks n
		JOIN projects p ON p.id = n.project_id WHERE n.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "network", "get network")
	}
	if n.Themes, err = s.Themes(ctx, id); err != nil {
		return nil, err
	}
	return n, nil
}

// Themes returns a network's themes in order.
func (s *Store) Themes(ctx context.Context, networkID int64) ([]Theme, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, position, name FROM network_themes WHERE network_id = $1 ORDER BY position, id`, networkID)
	if err != nil {
		return nil, fmt.Errorf("list themes: %w", err)
	}
	defer rows.Close()
	var out []Theme
	for rows.Next() {
		var t Theme
		if err := rows.Scan(&t.ID, &t.Position, &t.Name); err != nil {
			return nil, fmt.Errorf("scan theme: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ProjectName returns a project's name in Finnish, Swedish and English;
// ENOTFOUND when it does not exist.
func (s *Store) ProjectName(ctx context.Context, projectID int64) (i18n.Text, error) {
	var name i18n.Text
	err := s.q.QueryRowContext(ctx, `SELECT name, name_sv, name_en FROM projects WHERE id = $1`, projectID).Scan(&name.Fi, &name.Sv, &name.En)
	if err != nil {
		return i18n.Text{}, db.NotFound(err, "project", "get project name")
	}
	return name, nil
}

// Create stores a network under a project and returns its id. Call
// in.Validate first. EINVALID when the project does not exist.
func (s *Store) Create(ctx context.Context, projectID int64, in Input, now time.Time) (int64, error) {
	if _, err := s.ProjectName(ctx, projectID); err != nil {
		if app.IsCode(err, app.ENOTFOUND) {
			return 0, app.FieldInvalid("project_id", "err.invalid_choice")
		}
		return 0, err
	}
	now = db.Now(now)
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO networks (project_id, name, name_sv, name_en, purpose, purpose_sv, purpose_en,
		cadence, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		projectID, in.Name, in.NameSv, in.NameEn, in.Purpose, in.PurposeSv, in.PurposeEn, in.Cadence, in.Status, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create network: %w", err)
	}
	return id, s.saveThemes(ctx, id, in.Themes)
}

// Update replaces a network's fields and themes (themes whose name is
// unchanged keep their ids). ENOTFOUND when missing.
func (s *Store) Update(ctx context.Context, id int64, in Input, now time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE networks SET name = $1, name_sv = $2, name_en = $3, purpose = $4, purpose_sv = $5, purpose_en = $6,
		cadence = $7, status = $8, updated_at = $9 WHERE id = $10`,
		in.Name, in.NameSv, in.NameEn, in.Purpose, in.PurposeSv, in.PurposeEn, in.Cadence, in.Status, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("update network: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("network")
	}
	return s.saveThemes(ctx, id, in.Themes)
}

func (s *Store) saveThemes(ctx context.Context, networkID int64, themes []string) error {
	old, err := s.Themes(ctx, networkID)
	if err != nil {
		return err
	}
	byName := map[string][]Theme{}
	for _, t := range old {
		byName[t.Name] = append(byName[t.Name], t)
	}
	keep := map[int64]bool{}
	for i, name := range themes {
		if same := byName[name]; len(same) > 0 {
			keep[same[0].ID] = true
			byName[name] = same[1:]
			if _, err := s.q.ExecContext(ctx, `UPDATE network_themes SET position = $1 WHERE id = $2`, i+1, same[0].ID); err != nil {
				return fmt.Errorf("update theme: %w", err)
			}
			continue
		}
		if _, err := s.q.ExecContext(ctx, `INSERT INTO network_themes (network_id, position, name) VALUES ($1, $2, $3)`,
			networkID, i+1, name); err != nil {
			return fmt.Errorf("add theme: %w", err)
		}
	}
	for _, t := range old {
		if !keep[t.ID] {
			if _, err := s.q.ExecContext(ctx, `DELETE FROM network_themes WHERE id = $1`, t.ID); err != nil {
				return fmt.Errorf("delete theme: %w", err)
			}
		}
	}
	return nil
}

// SetStatus archives or reactivates a network. ENOTFOUND when missing.
func (s *Store) SetStatus(ctx context.Context, id int64, status string, now time.Time) error {
	if !slices.Contains(Statuses, status) {
		return app.FieldInvalid("status", "err.invalid_choice")
	}
	res, err := s.q.ExecContext(ctx, `UPDATE networks SET status = $1, updated_at = $2 WHERE id = $3`, status, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("set network status: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("network")
	}
	return nil
}

// ProjectMunicipalities returns the region of a project by name.
func (s *Store) ProjectMunicipalities(ctx context.Context, projectID int64) ([]Municipality, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT m.code, m.name_fi FROM project_municipalities pm
		JOIN municipalities m ON m.code = pm.municipality_code WHERE pm.project_id = $1 ORDER BY m.name_fi, m.code`, projectID)
	if err != nil {
		return nil, fmt.Errorf("list project municipalities: %w", err)
	}
	defer rows.Close()
	var out []Municipality
	for rows.Next() {
		var m Municipality
		if err := rows.Scan(&m.Code, &m.Name); err != nil {
			return nil, fmt.Errorf("scan municipality: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

const membershipSelect = `SELECT m.id, m.network_id, m.person_id, p.name, p.title, COALESCE(p.email, ''), p.phone, m.role,
	COALESCE(m.organisation_id, 0), COALESCE(o.name, ''), COALESCE(o.sector, ''), COALESCE(o.municipality_code, ''),
	COALESCE(m.deputy_of_id, 0), COALESCE(dp.name, ''), m.term_start, m.term_end, m.created_at, m.updated_at
	FROM memberships m
	JOIN people p ON p.id = m.person_id
	LEFT JOIN organisations o ON o.id = m.organisation_id
	LEFT JOIN memberships d ON d.id = m.deputy_of_id
	LEFT JOIN people dp ON dp.id = d.person_id`

func scanMembership(row interface{ Scan(...any) error }) (*Membership, error) {
	var m Membership
	var start, end sql.NullTime
	err := row.Scan(&m.ID, &m.NetworkID, &m.PersonID, &m.PersonName, &m.PersonTitle, &m.Email, &m.Phone, &m.Role,
		&m.OrganisationID, &m.OrganisationName, &m.Sector, &m.MunicipalityCode,
		&m.DeputyOfID, &m.DeputyOfName, &start, &end, &m.CreatedAt, &m.UpdatedAt)
	if err != nil {
		return nil, err
	}
	m.TermStart, m.TermEnd = db.DateOut(start), db.DateOut(end)
	return &m, nil
}

// membershipOrder lists members by role (convener first) and name.
const membershipOrder = ` ORDER BY CASE m.role WHEN 'convener' THEN 0 WHEN 'secretary' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, p.name, m.id`

// Memberships returns a network's whole roster by role (convener first)
// and name, for pages. It leaves out CreatedAt and UpdatedAt: on SQLite,
// reading a timestamp costs more than the rest of a row together
// (measured: 2 timestamps were a third of the network page's query).
func (s *Store) Memberships(ctx context.Context, networkID int64) ([]Membership, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT m.id, m.person_id, p.name, p.title, COALESCE(p.email, ''), p.phone, m.role,
	COALESCE(m.organisation_id, 0), COALESCE(o.name, ''), COALESCE(o.sector, ''), COALESCE(o.municipality_code, ''),
	COALESCE(m.deputy_of_id, 0), m.term_start, m.term_end, m.created_at, m.updated_at
	FROM memberships m
	JOIN people p ON p.id = m.person_id
	LEFT JOIN organisations o ON o.id = m.organisation_id
	WHERE m.network_id = $1`+membershipOrder, networkID)
	if err != nil {
		return nil, fmt.Errorf("list roster: %w", err)
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		m := Membership{NetworkID: networkID}
		var start, end sql.NullTime
		if err := rows.Scan(&m.ID, &m.PersonID, &m.PersonName, &m.PersonTitle, &m.Email, &m.Phone, &m.Role,
			&m.OrganisationID, &m.OrganisationName, &m.Sector, &m.MunicipalityCode,
			&m.DeputyOfID, &start, &end, &m.CreatedAt, &m.UpdatedAt); err != nil {
			return nil, fmt.Errorf("scan roster: %w", err)
		}
		m.TermStart, m.TermEnd = db.DateOut(start), db.DateOut(end)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list roster: %w", err)
	}
	// A deputy stands in for a member of the same network, so the names
	// come from the roster itself rather than from two more joins per row.
	names := make(map[int64]string, len(out))
	for _, m := range out {
		names[m.ID] = m.PersonName
	}
	for i := range out {
		if out[i].DeputyOfID != 0 {
			out[i].DeputyOfName = names[out[i].DeputyOfID]
		}
	}
	return out, nil
}

// ListMemberships returns a page of a network's members (limit 0: all) and
// their total number.
func (s *Store) ListMemberships(ctx context.Context, networkID int64, limit, offset int) ([]Membership, int, error) {
	var total int
	if limit > 0 {
		if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships WHERE network_id = $1`, networkID).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("count memberships: %w", err)
		}
	}
	q := membershipSelect + ` WHERE m.network_id = $1` + membershipOrder
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
	}
	rows, err := s.q.QueryContext(ctx, q, networkID)
	if err != nil {
		return nil, 0, fmt.Errorf("list memberships: %w", err)
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		m, err := scanMembership(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan membership: %w", err)
		}
		out = append(out, *m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list memberships: %w", err)
	}
	if limit <= 0 {
		total = len(out)
	}
	return out, total, nil
}

// Membership returns one membership; ENOTFOUND when missing.
func (s *Store) Membership(ctx context.Context, id int64) (*Membership, error) {
	m, err := scanMembership(s.q.QueryRowContext(ctx, membershipSelect+` WHERE m.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "membership", "get membership")
	}
	return m, nil
}

// resolve checks the references of a membership input and fills the
// default organisation (the person's own). id is the membership being
// updated (0 when creating).
func (s *Store) resolve(ctx context.Context, networkID, id int64, in *MembershipInput) error {
	var personOrg sql.NullInt64
	err := s.q.QueryRowContext(ctx, `SELECT organisation_id FROM people WHERE id = $1`, in.PersonID).Scan(&personOrg)
	if err == sql.ErrNoRows {
		return app.FieldInvalid("person_id", "err.invalid_choice")
	}
	if err != nil {
		return fmt.Errorf("check person: %w", err)
	}
	if in.OrganisationID == 0 {
		in.OrganisationID = personOrg.Int64
	} else {
		var n int
		if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations WHERE id = $1`, in.OrganisationID).Scan(&n); err != nil {
			return fmt.Errorf("check organisation: %w", err)
		}
		if n == 0 {
			return app.FieldInvalid("organisation_id", "network.err.unknown_organisation")
		}
	}
	if in.DeputyOfID != 0 {
		if in.DeputyOfID == id {
			return app.FieldInvalid("deputy_of_id", "network.err.deputy_self")
		}
		var person int64
		err := s.q.QueryRowContext(ctx, `SELECT person_id FROM memberships WHERE id = $1 AND network_id = $2`, in.DeputyOfID, networkID).Scan(&person)
		if err == sql.ErrNoRows {
			return app.FieldInvalid("deputy_of_id", "network.err.deputy_not_member")
		}
		if err != nil {
			return fmt.Errorf("check deputy: %w", err)
		}
		if person == in.PersonID {
			return app.FieldInvalid("deputy_of_id", "network.err.deputy_self")
		}
	}
	return nil
}

func duplicateMember() error {
	return app.FieldConflict("person_id", "network.err.duplicate_member")
}

// CreateMembership adds a member to a network and returns the id. Call
// in.Validate first. EINVALID for an unknown person, organisation or
// deputy; ECONFLICT when the person already is a member; ENOTFOUND for an
// unknown network.
func (s *Store) CreateMembership(ctx context.Context, networkID int64, in MembershipInput, now time.Time) (int64, error) {
	if err := s.resolve(ctx, networkID, 0, &in); err != nil {
		return 0, err
	}
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships WHERE network_id = $1 AND person_id = $2`, networkID, in.PersonID).Scan(&n); err != nil {
		return 0, fmt.Errorf("check membership: %w", err)
	}
	if n > 0 {
		return 0, duplicateMember()
	}
	now = db.Now(now)
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO memberships (network_id, person_id, role, organisation_id, deputy_of_id, term_start, term_end, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		networkID, in.PersonID, in.Role, db.NullID(in.OrganisationID), db.NullID(in.DeputyOfID), db.DateIn(in.TermStart), db.DateIn(in.TermEnd), now).Scan(&id)
	switch {
	case db.IsUniqueViolation(err):
		return 0, duplicateMember()
	case db.IsForeignKeyViolation(err):
		return 0, app.NotFound("network")
	case err != nil:
		return 0, fmt.Errorf("create membership: %w", err)
	}
	return id, nil
}

// UpdateMembership replaces a membership's person, role, organisation,
// deputy and term. Errors as CreateMembership; ENOTFOUND when missing.
func (s *Store) UpdateMembership(ctx context.Context, id int64, in MembershipInput, now time.Time) error {
	cur, err := s.Membership(ctx, id)
	if err != nil {
		return err
	}
	if err := s.resolve(ctx, cur.NetworkID, id, &in); err != nil {
		return err
	}
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships WHERE network_id = $1 AND person_id = $2 AND id <> $3`,
		cur.NetworkID, in.PersonID, id).Scan(&n); err != nil {
		return fmt.Errorf("check membership: %w", err)
	}
	if n > 0 {
		return duplicateMember()
	}
	_, err = s.q.ExecContext(ctx, `UPDATE memberships SET person_id = $1, role = $2, organisation_id = $3, deputy_of_id = $4,
		term_start = $5, term_end = $6, updated_at = $7 WHERE id = $8`,
		in.PersonID, in.Role, db.NullID(in.OrganisationID), db.NullID(in.DeputyOfID), db.DateIn(in.TermStart), db.DateIn(in.TermEnd), db.Now(now), id)
	if db.IsUniqueViolation(err) {
		return duplicateMember()
	}
	if err != nil {
		return fmt.Errorf("update membership: %w", err)
	}
	return nil
}

// DeleteMembership removes a member; their deputies stay members without
// a principal. ENOTFOUND when missing.
func (s *Store) DeleteMembership(ctx context.Context, id int64) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE memberships SET deputy_of_id = NULL WHERE deputy_of_id = $1`, id); err != nil {
		return fmt.Errorf("clear deputies: %w", err)
	}
	res, err := s.q.ExecContext(ctx, `DELETE FROM memberships WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete membership: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("membership")
	}
	return nil
}

// Option is an id and a label for a picker.
type Option struct {
	ID     int64
	Name   string
	Detail string
	// NameSv and NameEn are a project's Swedish and English names (see
	// Projects); empty for other options.
	NameSv, NameEn string
}

// NameIn returns the option's name in lang, in Finnish when not given in
// lang.
func (o *Option) NameIn(lang string) string { return i18n.Pick(lang, o.Name, o.NameSv, o.NameEn) }

// SearchPeople returns at most limit people who are not yet members of
// the network whose name or organisation's name contains q, or whose
// e-mail address is q exactly (all when q is blank), by name; Detail is
// the organisation. Only a whole address matches: matching part of one
// would let anyone who may add members read addresses they may not see a
// character at a time.
func (s *Store) SearchPeople(ctx context.Context, networkID int64, q string, limit int) ([]Option, error) {
	return s.options(ctx, fmt.Sprintf(`SELECT p.id, p.name, COALESCE(o.name, '') FROM people p
		LEFT JOIN organisations o ON o.id = p.organisation_id
		WHERE (LOWER(p.name) LIKE $1 ESCAPE '\' OR LOWER(COALESCE(o.name, '')) LIKE $1 ESCAPE '\' OR LOWER(p.email) = $3)
		  AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.network_id = $2 AND m.person_id = p.id)
		ORDER BY p.name, p.id LIMIT %d`, limit), db.LikeContains(q), networkID, strings.ToLower(strings.TrimSpace(q)))
}

// Organisations returns every organisation by name; Detail is the sector.
func (s *Store) Organisations(ctx context.Context) ([]Option, error) {
	return s.options(ctx, `SELECT id, name, sector FROM organisations ORDER BY name, id`)
}

// Projects returns every project by name (active first).
func (s *Store) Projects(ctx context.Context) ([]Option, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, name, name_sv, name_en, CASE WHEN archived THEN 'archived' ELSE '' END
		FROM projects ORDER BY archived, name, id`)
	if err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	defer rows.Close()
	var out []Option
	for rows.Next() {
		var o Option
		if err := rows.Scan(&o.ID, &o.Name, &o.NameSv, &o.NameEn, &o.Detail); err != nil {
			return nil, fmt.Errorf("scan project: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (s *Store) options(ctx context.Context, q string, args ...any) ([]Option, error) {
	rows, err := s.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list options: %w", err)
	}
	defer rows.Close()
	var out []Option
	for rows.Next() {
		var o Option
		if err := rows.Scan(&o.ID, &o.Name, &o.Detail); err != nil {
			return nil, fmt.Errorf("scan option: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
