package org

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Store is the organisations' SQL.
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

const orgCols = `o.id, o.name, o.sector, COALESCE(o.municipality_code, ''), COALESCE(m.name_fi, ''), COALESCE(m.name_sv, ''),
	o.website, o.email, o.phone, o.description, o.created_at, o.updated_at`

const orgFrom = ` FROM organisations o LEFT JOIN municipalities m ON m.code = o.municipality_code`

func scanOrg(row interface{ Scan(...any) error }) (*Organisation, error) {
	var o Organisation
	err := row.Scan(&o.ID, &o.Name, &o.Sector, &o.MunicipalityCode, &o.MunicipalityName, &o.MunicipalityNameSV,
		&o.Website, &o.Email, &o.Phone, &o.Description, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// validate runs o.Validate and the municipality's existence check together,
// so every problem is reported at once.
func (s *Store) validate(ctx context.Context, o *Organisation) error {
	verr := o.Validate()
	if !ValidMunicipalityCode(o.MunicipalityCode) {
		return verr
	}
	merr := s.checkMunicipality(ctx, o.MunicipalityCode)
	if merr == nil {
		return verr
	}
	if verr == nil || !app.IsCode(merr, app.EINVALID) {
		return merr
	}
	e := app.AsError(verr)
	e.Fields = append(e.Fields, app.AsError(merr).Fields...)
	return e
}

// checkMunicipality returns an EINVALID field error when code is set but is
// not in the municipalities table.
func (s *Store) checkMunicipality(ctx context.Context, code string) error {
	if code == "" {
		return nil
	}
	var ok bool
	if err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM municipalities WHERE code = $1)`, code).Scan(&ok); err != nil {
		return fmt.Errorf("check municipality: %w", err)
	}
	if !ok {
		return app.FieldInvalid("municipality_code", "err.invalid_municipality")
	}
	return nil
}

// checkName returns ECONFLICT on the name field when another organisation
// (not id) already has the same name key. Checking first keeps a
// PostgreSQL transaction usable; the UNIQUE constraint still decides races.
func (s *Store) checkName(ctx context.Context, key string, id int64) error {
	var ok bool
	if err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organisations WHERE name_key = $1 AND id <> $2)`, key, id).Scan(&ok); err != nil {
		return fmt.Errorf("check organisation name: %w", err)
	}
	if ok {
		return duplicateName()
	}
	return nil
}

func duplicateName() error { return app.FieldConflict("name", "org.err.duplicate_name") }

// Create validates o and stores it, setting its ID and times. EINVALID for
// bad input (including an unknown municipality), ECONFLICT when the name is
// taken.
func (s *Store) Create(ctx context.Context, o *Organisation, now time.Time) error {
	if err := s.validate(ctx, o); err != nil {
		return err
	}
	key := NameKey(o.Name)
	if err := s.checkName(ctx, key, 0); err != nil {
		return err
	}
	now = db.Now(now)
	err := s.q.QueryRowContext(ctx, `INSERT INTO organisations
		(name, name_key, sector, municipality_code, website, email, phone, description, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		o.Name, key, o.Sector, db.NullString(o.MunicipalityCode), o.Website, o.Email, o.Phone, o.Description, now).Scan(&o.ID)
	if db.IsUniqueViolation(err) {
		return duplicateName()
	}
	if err != nil {
		return fmt.Errorf("create organisation: %w", err)
	}
	o.CreatedAt, o.UpdatedAt = now, now
	return s.fillMunicipality(ctx, o)
}

func (s *Store) fillMunicipality(ctx context.Context, o *Organisation) error {
	o.MunicipalityName, o.MunicipalityNameSV = "", ""
	if o.MunicipalityCode == "" {
		return nil
	}
	err := s.q.QueryRowContext(ctx, `SELECT name_fi, name_sv FROM municipalities WHERE code = $1`, o.MunicipalityCode).
		Scan(&o.MunicipalityName, &o.MunicipalityNameSV)
	if err != nil {
		return fmt.Errorf("read municipality: %w", err)
	}
	return nil
}

// Update validates o and replaces the stored organisation o.ID. ENOTFOUND
// when it does not exist, EINVALID and ECONFLICT as Create.
func (s *Store) Update(ctx context.Context, o *Organisation, now time.Time) error {
	if err := s.validate(ctx, o); err != nil {
		return err
	}
	key := NameKey(o.Name)
	if err := s.checkName(ctx, key, o.ID); err != nil {
		return err
	}
	now = db.Now(now)
	res, err := s.q.ExecContext(ctx, `UPDATE organisations SET name = $1, name_key = $2, sector = $3, municipality_code = $4,
		website = $5, email = $6, phone = $7, description = $8, updated_at = $9 WHERE id = $10`,
		o.Name, key, o.Sector, db.NullString(o.MunicipalityCode), o.Website, o.Email, o.Phone, o.Description, now, o.ID)
	if db.IsUniqueViolation(err) {
		return duplicateName()
	}
	if err != nil {
		return fmt.Errorf("update organisation: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("organisation")
	}
	stored, err := s.Get(ctx, o.ID)
	if err != nil {
		return err
	}
	*o = *stored
	return nil
}

// Get returns an organisation; ENOTFOUND when missing.
func (s *Store) Get(ctx context.Context, id int64) (*Organisation, error) {
	o, err := scanOrg(s.q.QueryRowContext(ctx, `SELECT `+orgCols+orgFrom+` WHERE o.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "organisation", "get organisation")
	}
	return o, nil
}

// List returns one page of organisations matching f, ordered by name, and
// the number of all matches.
func (s *Store) List(ctx context.Context, f Filter) ([]Organisation, int, error) {
	limit, offset := f.limits()
	var where []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Sector != "" {
		add("o.sector = $%d", f.Sector)
	}
	if f.Municipality != "" {
		add("o.municipality_code = $%d", f.Municipality)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		add(`LOWER(o.name) LIKE $%d ESCAPE '\'`, db.LikeContains(q))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations o`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count organisations: %w", err)
	}
	args = append(args, limit, offset)
	rows, err := s.q.QueryContext(ctx, `SELECT `+orgCols+orgFrom+cond+
		fmt.Sprintf(` ORDER BY o.name_key, o.id LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list organisations: %w", err)
	}
	defer rows.Close()
	out := []Organisation{}
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan organisation: %w", err)
		}
		out = append(out, *o)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list organisations: %w", err)
	}
	return out, total, nil
}

// Option is an id and a name, for select boxes.
type Option struct {
	ID   int64
	Name string
}

// Options returns every organisation's id and name, ordered by name,
// leaving out except (0 for none).
func (s *Store) Options(ctx context.Context, except int64) ([]Option, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, name FROM organisations WHERE id <> $1 ORDER BY name_key, id`, except)
	if err != nil {
		return nil, fmt.Errorf("list organisation options: %w", err)
	}
	defer rows.Close()
	var out []Option
	for rows.Next() {
		var o Option
		if err := rows.Scan(&o.ID, &o.Name); err != nil {
			return nil, fmt.Errorf("scan organisation option: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Representatives lists the people who represent the organisation in
// networks, ordered by network and person name.
func (s *Store) Representatives(ctx context.Context, id int64) ([]Representative, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT p.id, p.name, n.id, n.name, n.name_sv, n.name_en, m.role
		FROM memberships m JOIN people p ON p.id = m.person_id JOIN networks n ON n.id = m.network_id
		WHERE m.organisation_id = $1 ORDER BY n.name, p.name, m.id`, id)
	if err != nil {
		return nil, fmt.Errorf("list representatives: %w", err)
	}
	defer rows.Close()
	var out []Representative
	for rows.Next() {
		var r Representative
		if err := rows.Scan(&r.PersonID, &r.PersonName, &r.NetworkID, &r.NetworkName, &r.NetworkNameSv, &r.NetworkNameEn, &r.Role); err != nil {
			return nil, fmt.Errorf("scan representative: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Members lists the people whose organisation this is, by name.
func (s *Store) Members(ctx context.Context, id int64) ([]Member, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, name, title FROM people WHERE organisation_id = $1 ORDER BY name, id`, id)
	if err != nil {
		return nil, fmt.Errorf("list organisation people: %w", err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.Name, &m.Title); err != nil {
			return nil, fmt.Errorf("scan organisation person: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Municipalities lists every municipality by Finnish name. When used is
// true only those that some organisation is in are listed.
func (s *Store) Municipalities(ctx context.Context, used bool) ([]Municipality, error) {
	q := `SELECT code, name_fi, name_sv FROM municipalities ORDER BY name_fi, code`
	if used {
		q = `SELECT code, name_fi, name_sv FROM municipalities
			WHERE code IN (SELECT municipality_code FROM organisations WHERE municipality_code IS NOT NULL)
			ORDER BY name_fi, code`
	}
	rows, err := s.q.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list municipalities: %w", err)
	}
	defer rows.Close()
	var out []Municipality
	for rows.Next() {
		var m Municipality
		if err := rows.Scan(&m.Code, &m.NameFI, &m.NameSV); err != nil {
			return nil, fmt.Errorf("scan municipality: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MergeCounts counts the people and memberships a merge of id would move.
func (s *Store) MergeCounts(ctx context.Context, id int64) (MergeCounts, error) {
	var c MergeCounts
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM people WHERE organisation_id = $1),
		(SELECT COUNT(*) FROM memberships WHERE organisation_id = $1)`, id).Scan(&c.People, &c.Memberships)
	if err != nil {
		return c, fmt.Errorf("count merge: %w", err)
	}
	return c, nil
}

// Merge moves every person and membership of the duplicate organisation
// dupID to targetID, fills the target's empty contact fields from the
// duplicate and deletes the duplicate. Run it in a transaction (see
// MergeTx). ENOTFOUND when dupID is missing, EINVALID on target_id when the
// target is missing or the same organisation.
func (s *Store) Merge(ctx context.Context, dupID, targetID int64, now time.Time) (MergeCounts, error) {
	var c MergeCounts
	if dupID == targetID {
		return c, app.FieldInvalid("target_id", "org.err.merge_self")
	}
	dup, err := s.Get(ctx, dupID)
	if err != nil {
		return c, err
	}
	target, err := s.Get(ctx, targetID)
	if app.IsCode(err, app.ENOTFOUND) {
		return c, app.FieldInvalid("target_id", "err.invalid_choice")
	}
	if err != nil {
		return c, err
	}
	res, err := s.q.ExecContext(ctx, `UPDATE people SET organisation_id = $1, updated_at = $2 WHERE organisation_id = $3`, targetID, db.Now(now), dupID)
	if err != nil {
		return c, fmt.Errorf("move people: %w", err)
	}
	n, _ := res.RowsAffected()
	c.People = int(n)
	res, err = s.q.ExecContext(ctx, `UPDATE memberships SET organisation_id = $1, updated_at = $2 WHERE organisation_id = $3`, targetID, db.Now(now), dupID)
	if err != nil {
		return c, fmt.Errorf("move memberships: %w", err)
	}
	n, _ = res.RowsAffected()
	c.Memberships = int(n)
	if target.MunicipalityCode == "" {
		target.MunicipalityCode = dup.MunicipalityCode
	}
	if target.Website == "" {
		target.Website = dup.Website
	}
	if target.Email == "" {
		target.Email = dup.Email
	}
	if target.Phone == "" {
		target.Phone = dup.Phone
	}
	if target.Description == "" {
		target.Description = dup.Description
	}
	_, err = s.q.ExecContext(ctx, `UPDATE organisations SET municipality_code = $1, website = $2, email = $3, phone = $4,
		description = $5, updated_at = $6 WHERE id = $7`,
		db.NullString(target.MunicipalityCode), target.Website, target.Email, target.Phone, target.Description, db.Now(now), targetID)
	if err != nil {
		return c, fmt.Errorf("fill merge target: %w", err)
	}
	if _, err := s.q.ExecContext(ctx, `DELETE FROM organisations WHERE id = $1`, dupID); err != nil {
		return c, fmt.Errorf("delete merged organisation: %w", err)
	}
	return c, nil
}

// MergeTx runs Merge in one transaction on d, so a failure changes nothing.
func MergeTx(ctx context.Context, d *db.DB, dupID, targetID int64, now time.Time) (MergeCounts, error) {
	var c MergeCounts
	err := d.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = NewStore(tx).Merge(ctx, dupID, targetID, now)
		return err
	})
	return c, err
}
