package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// One-time link purposes.
const (
	PurposeReset  = "reset"
	PurposeInvite = "invite"
	// PurposeEmail confirms a new sign-in address; the token carries it.
	PurposeEmail = "email"
)

// Link lifetimes.
const (
	ResetTTL  = 2 * time.Hour
	InviteTTL = 14 * 24 * time.Hour
	EmailTTL  = 24 * time.Hour
)

// NewSecret returns a random URL-safe secret of 32 bytes.
func NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the hex SHA-256 of a secret; only hashes are stored.
func HashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// CreateUserToken stores a one-time link token and returns its secret.
func (s *Store) CreateUserToken(ctx context.Context, userID int64, purpose string, ttl time.Duration, now time.Time) (string, error) {
	secret := NewSecret()
	_, err := s.q.ExecContext(ctx, `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
		userID, purpose, HashSecret(secret), db.Now(now.Add(ttl)), db.Now(now))
	if err != nil {
		return "", fmt.Errorf("create %s token: %w", purpose, err)
	}
	return secret, nil
}

// UserToken is a stored one-time link.
type UserToken struct {
	ID      int64
	UserID  int64
	Purpose string
	// NewEmail is the address a PurposeEmail link moves the account to.
	NewEmail string
}

// FindUserToken returns an unused, unexpired token of the purpose;
// ENOTFOUND otherwise.
func (s *Store) FindUserToken(ctx context.Context, secret, purpose string, now time.Time) (*UserToken, error) {
	var t UserToken
	err := s.q.QueryRowContext(ctx, `SELECT id, user_id, purpose, COALESCE(new_email, '') FROM user_tokens
		WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
		HashSecret(secret), purpose, db.Now(now)).Scan(&t.ID, &t.UserID, &t.Purpose, &t.NewEmail)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, app.KeyError(app.ENOTFOUND, "auth.link_invalid", "link invalid or expired")
	}
	if err != nil {
		return nil, fmt.Errorf("find token: %w", err)
	}
	return &t, nil
}

// UseUserToken marks a token used; ECONFLICT when it was used already (a
// second tab or a replay).
func (s *Store) UseUserToken(ctx context.Context, id int64, now time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE user_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL`, db.Now(now), id)
	if err != nil {
		return fmt.Errorf("use token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.KeyError(app.ECONFLICT, "auth.link_invalid", "link already used")
	}
	return nil
}

// CreateEmailChange stores a link that moves the account to newEmail and
// returns its secret. An earlier pending change of the account stops
// working: only the latest address asked for can be confirmed.
func (s *Store) CreateEmailChange(ctx context.Context, userID int64, newEmail string, now time.Time) (string, error) {
	if _, err := s.q.ExecContext(ctx, `UPDATE user_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL`,
		db.Now(now), userID, PurposeEmail); err != nil {
		return "", fmt.Errorf("cancel earlier address changes: %w", err)
	}
	secret := NewSecret()
	_, err := s.q.ExecContext(ctx, `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at, created_at, new_email) VALUES ($1, $2, $3, $4, $5, $6)`,
		userID, PurposeEmail, HashSecret(secret), db.Now(now.Add(EmailTTL)), db.Now(now), NormalizeEmail(newEmail))
	if err != nil {
		return "", fmt.Errorf("create address change: %w", err)
	}
	return secret, nil
}
