package auth

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// APITokenPrefix starts every API token, so leaked tokens are easy to find.
const APITokenPrefix = "kht_"

// CreateAPIToken creates a bearer token for the account and returns it;
// only its hash is stored.
func (s *Store) CreateAPIToken(ctx context.Context, userID int64, name string, now time.Time) (string, error) {
	token := APITokenPrefix + NewSecret()
	_, err := s.q.ExecContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)`,
		userID, name, HashSecret(token), db.Now(now))
	if err != nil {
		return "", fmt.Errorf("create api token: %w", err)
	}
	return token, nil
}

// AccountByAPIToken returns the account of an unrevoked token; ENOTFOUND
// otherwise. It records when the token was last used, at most once an hour
// (so its owner can tell a forgotten token from a working one without a
// write on every request).
func (s *Store) AccountByAPIToken(ctx context.Context, token string, now time.Time) (*Account, error) {
	var id int64
	var used sql.NullTime
	a, err := scanAccount(s.q.QueryRowContext(ctx, `SELECT `+accountCols+`, t.id, t.last_used_at FROM api_tokens t
		JOIN users u ON u.id = t.user_id JOIN people p ON p.id = u.person_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, HashSecret(token)), &id, &used)
	if err != nil {
		return nil, db.NotFound(err, "api token", "get account by api token")
	}
	if !used.Valid || now.Sub(used.Time) >= time.Hour {
		if _, err := s.q.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, db.Now(now), id); err != nil {
			return nil, fmt.Errorf("touch api token: %w", err)
		}
	}
	return a, nil
}

// MaxTokenName is the longest name of an API token.
const MaxTokenName = 100

// APIToken is a bearer token as its owner sees it: never the secret, which
// is shown once when the token is made and not stored.
type APIToken struct {
	ID         int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// APITokens returns the account's tokens, the newest first.
func (s *Store) APITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
		WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list api tokens: %w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt, &used, &revoked); err != nil {
			return nil, fmt.Errorf("scan api token: %w", err)
		}
		if used.Valid {
			t.LastUsedAt = &used.Time
		}
		if revoked.Valid {
			t.RevokedAt = &revoked.Time
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken revokes one of the account's tokens; ENOTFOUND when the
// account has no such token that still works.
func (s *Store) RevokeAPIToken(ctx context.Context, userID, id int64, now time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`,
		db.Now(now), id, userID)
	if err != nil {
		return fmt.Errorf("revoke api token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("api token")
	}
	return nil
}
