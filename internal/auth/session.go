package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"database/sql"

	"github.com/alexedwards/scs/v2"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// SessionStore keeps scs sessions in the sessions table, so every instance
// on the same database shares them. It implements scs.CtxStore.
type SessionStore struct {
	db    *db.DB
	clock app.Clock
}

// NewSessionStore returns a store on d.
func NewSessionStore(d *db.DB, clock app.Clock) *SessionStore {
	return &SessionStore{db: d, clock: clock}
}

// FindCtx returns the data of an unexpired session.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, token, db.Now(s.clock.Now())).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return b, true, nil
}

// CommitCtx stores or replaces a session.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, b, db.Now(expiry))
	if err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	return nil
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// AllCtx is required by scs.IterableCtxStore users; Kohtaamo does not list
// sessions, so it returns the unexpired ones.
func (s *SessionStore) AllCtx(ctx context.Context) (map[string][]byte, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT token, data FROM sessions WHERE expiry > $1`, db.Now(s.clock.Now()))
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var t string
		var b []byte
		if err := rows.Scan(&t, &b); err != nil {
			return nil, fmt.Errorf("scan session: %w", err)
		}
		out[t] = b
	}
	return out, rows.Err()
}

// DeleteExpired removes expired sessions (run periodically).
func (s *SessionStore) DeleteExpired(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expiry <= $1`, db.Now(s.clock.Now()))
	if err != nil {
		return fmt.Errorf("delete expired sessions: %w", err)
	}
	return nil
}

// The non-context methods satisfy scs.Store; scs calls the Ctx variants.

// Find implements scs.Store.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit implements scs.Store.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete implements scs.Store.
func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// NewSessionManager returns the session manager: a seven-day absolute
// lifetime and no idle timeout (an idle timeout makes scs rewrite the
// session on every request, which measured as ~30% of a page's CPU), HttpOnly and SameSite=Lax cookies that are Secure when
// the site is served over HTTPS.
func NewSessionManager(store *SessionStore, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Lifetime = 7 * 24 * time.Hour
	sm.Cookie.Name = "kohtaamo_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	sm.Cookie.Path = "/"
	return sm
}
