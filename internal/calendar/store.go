package calendar

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Store is the calendar feeds' SQL: the tokens, and read-only queries of
// meetings and networks.
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx). CreateToken writes
// two statements: give it a transaction when they must be atomic (the
// handler does).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

// CreateToken revokes the user's current token, if any, makes a new one
// and returns its secret (the only time the secret is known).
func (s *Store) CreateToken(ctx context.Context, userID int64, now time.Time) (string, error) {
	if err := s.RevokeTokens(ctx, userID, now); err != nil {
		return "", err
	}
	secret := auth.NewSecret()
	if _, err := s.q.ExecContext(ctx, `INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)`,
		userID, auth.HashSecret(secret), db.Now(now)); err != nil {
		return "", fmt.Errorf("create calendar token: %w", err)
	}
	return secret, nil
}

// RevokeTokens revokes the user's tokens; their feeds stop working. It is
// not an error when there are none.
func (s *Store) RevokeTokens(ctx context.Context, userID int64, now time.Time) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE calendar_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`,
		db.Now(now), userID); err != nil {
		return fmt.Errorf("revoke calendar tokens: %w", err)
	}
	return nil
}

// ActiveToken returns the user's working token; ENOTFOUND when none.
func (s *Store) ActiveToken(ctx context.Context, userID int64) (*Token, error) {
	var t Token
	err := s.q.QueryRowContext(ctx, `SELECT id, user_id, created_at FROM calendar_tokens WHERE user_id = $1 AND revoked_at IS NULL
		ORDER BY created_at DESC, id DESC LIMIT 1`, userID).Scan(&t.ID, &t.UserID, &t.CreatedAt)
	if err != nil {
		return nil, db.NotFound(err, "calendar_token", "get calendar token")
	}
	return &t, nil
}

// Owner returns the user a secret opens the feed of: ENOTFOUND for an
// unknown or revoked secret and for a disabled account.
func (s *Store) Owner(ctx context.Context, secret string) (*Owner, error) {
	var o Owner
	err := s.q.QueryRowContext(ctx, `SELECT u.id, p.id, p.name, p.lang FROM calendar_tokens t
		JOIN users u ON u.id = t.user_id JOIN people p ON p.id = u.person_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = FALSE`, auth.HashSecret(secret)).
		Scan(&o.UserID, &o.PersonID, &o.Name, &o.Lang)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, app.NotFound("calendar")
	}
	if err != nil {
		return nil, fmt.Errorf("find calendar token: %w", err)
	}
	return &o, nil
}

// Network returns a network; ENOTFOUND when missing.
func (s *Store) Network(ctx context.Context, id int64) (*Network, error) {
	var n Network
	err := s.q.QueryRowContext(ctx, `SELECT id, name, status FROM networks WHERE id = $1`, id).Scan(&n.ID, &n.Name, &n.Status)
	if err != nil {
		return nil, db.NotFound(err, "network", "get network")
	}
	return &n, nil
}

// today returns the date of at in Helsinki, for comparing with DATE
// columns (membership terms).
func today(at time.Time) time.Time {
	d := at.In(app.Helsinki)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// userNetworks is the condition "network n is one of person $1's": a
// membership whose term has not ended on day $2, or staff of its project.
const userNetworks = `(n.id IN (SELECT network_id FROM memberships WHERE person_id = $1 AND (term_end IS NULL OR term_end >= $2))
	OR n.project_id IN (SELECT project_id FROM project_staff WHERE person_id = $1))`

// Networks returns the person's networks (see the package comment) by
// name.
func (s *Store) Networks(ctx context.Context, personID int64, now time.Time) ([]Network, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT n.id, n.name, n.status FROM networks n WHERE `+userNetworks+` ORDER BY n.name, n.id`,
		personID, today(now))
	if err != nil {
		return nil, fmt.Errorf("list calendar networks: %w", err)
	}
	defer rows.Close()
	var out []Network
	for rows.Next() {
		var n Network
		if err := rows.Scan(&n.ID, &n.Name, &n.Status); err != nil {
			return nil, fmt.Errorf("scan network: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

const meetingCols = `SELECT m.id, m.network_id, n.name, m.title, m.description, m.title_sv, m.title_en,
	m.description_sv, m.description_en, m.starts_at, m.ends_at, m.place, m.remote_link,
	m.status, m.sequence, m.created_at, m.updated_at FROM meetings m JOIN networks n ON n.id = m.network_id `

// PersonalMeetings returns the meetings of the person's networks starting
// FeedPast before now or later, scheduled and cancelled, by start.
func (s *Store) PersonalMeetings(ctx context.Context, personID int64, now time.Time) ([]Meeting, error) {
	return s.meetings(ctx, `WHERE `+userNetworks+` AND m.starts_at >= $3`, personID, today(now), db.Now(now.Add(-FeedPast)))
}

// NetworkMeetings returns the network's meetings starting FeedPast before
// now or later, scheduled and cancelled, by start.
func (s *Store) NetworkMeetings(ctx context.Context, networkID int64, now time.Time) ([]Meeting, error) {
	return s.meetings(ctx, `WHERE m.network_id = $1 AND m.starts_at >= $2`, networkID, db.Now(now.Add(-FeedPast)))
}

func (s *Store) meetings(ctx context.Context, where string, args ...any) ([]Meeting, error) {
	rows, err := s.q.QueryContext(ctx, meetingCols+where+fmt.Sprintf(` ORDER BY m.starts_at, m.id LIMIT %d`, MaxEvents), args...)
	if err != nil {
		return nil, fmt.Errorf("list feed meetings: %w", err)
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		var m Meeting
		if err := rows.Scan(&m.ID, &m.NetworkID, &m.NetworkName, &m.Title, &m.Description, &m.TitleSv, &m.TitleEn,
			&m.DescriptionSv, &m.DescriptionEn, &m.StartsAt, &m.EndsAt, &m.Place,
			&m.RemoteLink, &m.Status, &m.Sequence, &m.CreatedAt, &m.UpdatedAt); err != nil {
			return nil, fmt.Errorf("scan feed meeting: %w", err)
		}
		m.StartsAt, m.EndsAt = m.StartsAt.UTC(), m.EndsAt.UTC()
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list feed meetings: %w", err)
	}
	return out, nil
}
