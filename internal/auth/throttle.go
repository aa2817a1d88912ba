package auth

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Throttling limits, counted in the login_attempts table so that they hold
// across instances.
const (
	ThrottleWindow     = 15 * time.Minute
	MaxAccountFailures = 5  // failed sign-ins per account per window
	MaxIPFailures      = 20 // failed sign-ins per IP address per window
	MaxResetMails      = 3  // reset mails per account per window
	MaxResetRequests   = 20 // reset requests per IP address per window
)

// Attempt keys.
func accountKey(email string) string { return "account:" + NormalizeEmail(email) }
func ipKey(ip string) string         { return "ip:" + ip }
func resetKey(email string) string   { return "reset:" + NormalizeEmail(email) }
func resetIPKey(ip string) string    { return "reset-ip:" + ip }

// ClientIP returns the address of the connecting peer. Kohtaamo does not
// trust X-Forwarded-For: behind a proxy, every client shares the proxy's
// limit unless the proxy rewrites RemoteAddr.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// CountAttempts returns how many attempts under key were made in the
// window ending at now.
func (s *Store) CountAttempts(ctx context.Context, key string, now time.Time) (int, error) {
	var n int
	err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_attempts WHERE attempt_key = $1 AND attempted_at > $2`,
		key, db.Now(now.Add(-ThrottleWindow))).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count attempts: %w", err)
	}
	return n, nil
}

// RecordAttempt records one attempt under each key.
func (s *Store) RecordAttempt(ctx context.Context, now time.Time, keys ...string) error {
	for _, k := range keys {
		if _, err := s.q.ExecContext(ctx, `INSERT INTO login_attempts (attempt_key, attempted_at) VALUES ($1, $2)`, k, db.Now(now)); err != nil {
			return fmt.Errorf("record attempt: %w", err)
		}
	}
	return nil
}

// LoginThrottled reports whether a sign-in for email from ip must wait:
// the account or the address has too many recent failures.
func (s *Store) LoginThrottled(ctx context.Context, email, ip string, now time.Time) (bool, error) {
	if email != "" {
		n, err := s.CountAttempts(ctx, accountKey(email), now)
		if err != nil || n >= MaxAccountFailures {
			return err == nil, err
		}
	}
	n, err := s.CountAttempts(ctx, ipKey(ip), now)
	if err != nil {
		return false, err
	}
	return n >= MaxIPFailures, nil
}

// RecordLoginFailure counts a failed sign-in against the account and the
// address.
func (s *Store) RecordLoginFailure(ctx context.Context, email, ip string, now time.Time) error {
	keys := []string{ipKey(ip)}
	if email = NormalizeEmail(email); email != "" {
		keys = append(keys, accountKey(email))
	}
	return s.RecordAttempt(ctx, now, keys...)
}

// ClearLoginFailures forgets the account's failed sign-ins (after a
// successful one, or a password reset). The address's count stays.
func (s *Store) ClearLoginFailures(ctx context.Context, email string) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM login_attempts WHERE attempt_key = $1`, accountKey(email)); err != nil {
		return fmt.Errorf("clear attempts: %w", err)
	}
	return nil
}

// DeleteAttemptsBefore removes attempts older than t.
func (s *Store) DeleteAttemptsBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.q.ExecContext(ctx, `DELETE FROM login_attempts WHERE attempted_at < $1`, db.Now(t))
	if err != nil {
		return 0, fmt.Errorf("delete old attempts: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// DeleteStaleTokens removes one-time links that expired or were used
// more than a week before now.
func (s *Store) DeleteStaleTokens(ctx context.Context, now time.Time) (int64, error) {
	cut := db.Now(now.Add(-7 * 24 * time.Hour))
	res, err := s.q.ExecContext(ctx, `DELETE FROM user_tokens WHERE expires_at < $1 OR used_at < $1`, cut)
	if err != nil {
		return 0, fmt.Errorf("delete stale tokens: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// tooManyRequests answers 429 with a translated message.
func (h *Handler) tooManyRequests(w http.ResponseWriter, r *http.Request, page string, title string, data any) {
	w.Header().Set("Retry-After", fmt.Sprint(int(ThrottleWindow.Seconds())))
	h.web.Render(w, r, http.StatusTooManyRequests, page, title, data)
}

// CleanupArgs is the hourly clean-up job: expired sessions, old sign-in
// attempts and stale one-time links.
type CleanupArgs struct{}

// Kind implements river.JobArgs.
func (CleanupArgs) Kind() string { return "auth_cleanup" }

// CleanupWorker works CleanupArgs.
type CleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	db    *db.DB
	clock app.Clock
}

// NewCleanupWorker returns the clean-up worker.
func NewCleanupWorker(d *db.DB, clock app.Clock) *CleanupWorker {
	return &CleanupWorker{db: d, clock: clock}
}

// Work deletes expired sessions, attempts older than a day and stale
// one-time links.
func (w *CleanupWorker) Work(ctx context.Context, _ *river.Job[CleanupArgs]) error {
	now := w.clock.Now()
	if err := NewSessionStore(w.db, w.clock).DeleteExpired(ctx); err != nil {
		return err
	}
	s := NewStore(w.db)
	if _, err := s.DeleteAttemptsBefore(ctx, now.Add(-24*time.Hour)); err != nil {
		return err
	}
	_, err := s.DeleteStaleTokens(ctx, now)
	return err
}

// CleanupJob runs the clean-up hourly (and once when a leader starts).
func CleanupJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return CleanupArgs{}, nil },
		&river.PeriodicJobOpts{ID: "auth_cleanup", RunOnStart: true})
}
