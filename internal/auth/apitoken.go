package auth

import (
	"context"
	"fmt"
	"time"

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
// otherwise.
func (s *Store) AccountByAPIToken(ctx context.Context, token string) (*Account, error) {
	a, err := scanAccount(s.q.QueryRowContext(ctx, `SELECT `+accountCols+` FROM api_tokens t
		JOIN users u ON u.id = t.user_id JOIN people p ON p.id = u.person_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, HashSecret(token)))
	if err != nil {
		return nil, db.NotFound(err, "api token", "get account by api token")
	}
	return a, nil
}
