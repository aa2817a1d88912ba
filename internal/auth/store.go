package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Account is a person's sign-in account.
type Account struct {
	ID           int64
	PersonID     int64
	Name         string
	Email        string
	Lang         string
	PasswordHash string
	IsAdmin      bool
	Disabled     bool
	CreatedAt    time.Time
	LastLoginAt  *time.Time
	// SessionEpoch is carried by every session of the account; a session
	// with another epoch is over (see EndSessions).
	SessionEpoch int64
}

// User returns the request-scoped view of the account.
func (a *Account) User() *app.User {
	return &app.User{ID: a.ID, PersonID: a.PersonID, Name: a.Name, Email: a.Email, Lang: a.Lang, IsAdmin: a.IsAdmin}
}

// Store is the accounts' SQL.
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

const accountCols = `u.id, u.person_id, p.name, COALESCE(p.email, ''), p.lang, u.password_hash, u.is_admin, u.disabled, u.created_at, u.last_login_at, u.session_epoch`

// scanAccount scans accountCols and then, into extra, any further columns
// of the query.
func scanAccount(row interface{ Scan(...any) error }, extra ...any) (*Account, error) {
	var a Account
	var last sql.NullTime
	dest := append([]any{&a.ID, &a.PersonID, &a.Name, &a.Email, &a.Lang, &a.PasswordHash, &a.IsAdmin, &a.Disabled, &a.CreatedAt, &last, &a.SessionEpoch}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	if last.Valid {
		t := last.Time
		a.LastLoginAt = &t
	}
	return &a, nil
}

// AccountByID returns an account; ENOTFOUND when missing.
func (s *Store) AccountByID(ctx context.Context, id int64) (*Account, error) {
	a, err := scanAccount(s.q.QueryRowContext(ctx, `SELECT `+accountCols+` FROM users u JOIN people p ON p.id = u.person_id WHERE u.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "account", "get account")
	}
	return a, nil
}

// AccountByEmail returns the account of an e-mail address (case-insensitive);
// ENOTFOUND when missing.
func (s *Store) AccountByEmail(ctx context.Context, email string) (*Account, error) {
	a, err := scanAccount(s.q.QueryRowContext(ctx, `SELECT `+accountCols+` FROM users u JOIN people p ON p.id = u.person_id WHERE p.email = $1`, NormalizeEmail(email)))
	if err != nil {
		return nil, db.NotFound(err, "account", "get account by email")
	}
	return a, nil
}

// AccountByPerson returns the account of a person; ENOTFOUND when missing.
func (s *Store) AccountByPerson(ctx context.Context, personID int64) (*Account, error) {
	a, err := scanAccount(s.q.QueryRowContext(ctx, `SELECT `+accountCols+` FROM users u JOIN people p ON p.id = u.person_id WHERE u.person_id = $1`, personID))
	if err != nil {
		return nil, db.NotFound(err, "account", "get account by person")
	}
	return a, nil
}

// NormalizeEmail lower-cases and trims an address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// CreateAccount creates an account for an existing person. ECONFLICT when
// the person already has one.
func (s *Store) CreateAccount(ctx context.Context, personID int64, admin bool, now time.Time) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO users (person_id, is_admin, created_at) VALUES ($1, $2, $3) RETURNING id`,
		personID, admin, db.Now(now)).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, app.FieldConflict("email", "auth.account_exists")
	}
	if err != nil {
		return 0, fmt.Errorf("create account: %w", err)
	}
	return id, nil
}

// CreatePersonAccount creates a person with name and e-mail and an account
// for them. When a person with the e-mail exists, the account is attached
// to that person. ECONFLICT when the account already exists.
func (s *Store) CreatePersonAccount(ctx context.Context, name, email string, admin bool, now time.Time) (*Account, error) {
	email = NormalizeEmail(email)
	var v app.Validator
	v.Required("name", name)
	v.MaxLen("name", name, 200)
	v.Required("email", email)
	v.Email("email", email)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var personID int64
	err := s.q.QueryRowContext(ctx, `SELECT id FROM people WHERE email = $1`, email).Scan(&personID)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.q.QueryRowContext(ctx, `INSERT INTO people (name, email, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id`,
			strings.TrimSpace(name), email, db.Now(now)).Scan(&personID)
	}
	if err != nil {
		return nil, fmt.Errorf("create person for account: %w", err)
	}
	id, err := s.CreateAccount(ctx, personID, admin, now)
	if err != nil {
		return nil, err
	}
	return s.AccountByID(ctx, id)
}

// SetPassword stores a new password hash.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	res, err := s.q.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("account")
	}
	return nil
}

// EndSessions ends every session of the account, on every instance, by
// moving its session epoch on; it returns the new epoch, which the caller
// puts into the one session that is to go on (if any).
func (s *Store) EndSessions(ctx context.Context, userID int64) (int64, error) {
	var epoch int64
	err := s.q.QueryRowContext(ctx, `UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch`, userID).Scan(&epoch)
	if err != nil {
		return 0, db.NotFound(err, "account", "end sessions")
	}
	return epoch, nil
}

// EmailOwner returns the person who has the address (case-insensitive),
// 0 when nobody has it.
func (s *Store) EmailOwner(ctx context.Context, email string) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `SELECT id FROM people WHERE email = $1`, NormalizeEmail(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find address owner: %w", err)
	}
	return id, nil
}

// SetEmail moves a person to a new address; ECONFLICT on the email field
// when someone else has it.
func (s *Store) SetEmail(ctx context.Context, personID int64, email string, now time.Time) error {
	_, err := s.q.ExecContext(ctx, `UPDATE people SET email = $1, updated_at = $2 WHERE id = $3`, NormalizeEmail(email), db.Now(now), personID)
	if db.IsUniqueViolation(err) {
		return app.FieldConflict("email", "account.email_taken")
	}
	if err != nil {
		return fmt.Errorf("set email: %w", err)
	}
	return nil
}

// Public listing choices: whether the public sees a person as project
// staff (people.public_listing).
const (
	ListingNone     = ""
	ListingName     = "name"
	ListingContacts = "contacts"
)

// PublicListing returns the person's choice.
func (s *Store) PublicListing(ctx context.Context, personID int64) (string, error) {
	var v string
	if err := s.q.QueryRowContext(ctx, `SELECT public_listing FROM people WHERE id = $1`, personID).Scan(&v); err != nil {
		return "", db.NotFound(err, "person", "get public listing")
	}
	return v, nil
}

// SetPublicListing stores the person's choice; EINVALID for an unknown one.
func (s *Store) SetPublicListing(ctx context.Context, personID int64, v string, now time.Time) error {
	if v != ListingNone && v != ListingName && v != ListingContacts {
		return app.FieldInvalid("public_listing", "err.invalid_choice")
	}
	if _, err := s.q.ExecContext(ctx, `UPDATE people SET public_listing = $1, updated_at = $2 WHERE id = $3`, v, db.Now(now), personID); err != nil {
		return fmt.Errorf("set public listing: %w", err)
	}
	return nil
}

// TouchLogin records a successful sign-in.
func (s *Store) TouchLogin(ctx context.Context, userID int64, now time.Time) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE users SET last_login_at = $1 WHERE id = $2`, db.Now(now), userID); err != nil {
		return fmt.Errorf("touch login: %w", err)
	}
	return nil
}

// SetLang stores a person's preferred language.
func (s *Store) SetLang(ctx context.Context, personID int64, lang string) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE people SET lang = $1 WHERE id = $2`, lang, personID); err != nil {
		return fmt.Errorf("set language: %w", err)
	}
	return nil
}

// ListAccounts returns accounts ordered by name, a page at a time, and the
// total.
func (s *Store) ListAccounts(ctx context.Context, limit, offset int) ([]*Account, int, error) {
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count accounts: %w", err)
	}
	rows, err := s.q.QueryContext(ctx, `SELECT `+accountCols+` FROM users u JOIN people p ON p.id = u.person_id
		ORDER BY LOWER(p.name), u.id LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("list accounts: %w", err)
	}
	defer rows.Close()
	var out []*Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan account: %w", err)
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}
