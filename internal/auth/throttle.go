package auth

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Throttling limits, counted in the login_attempts table so that they hold
// across instances.
//
// An account with MaxAccountFailures recent failed sign-ins is locked for
// the rest of the window, whether or not the account exists (so the lock
// tells nothing about who has an account). An address is never locked: a
// whole office, or every user behind the load balancer, may share it, and
// a lock would let anyone lock them all out with made-up addresses. Past
// MaxIPFailures failed sign-ins (MaxResetRequests reset requests) its
// requests are slowed down instead (IPDelay), which makes guessing slow
// and still lets a real user in.
const (
	ThrottleWindow     = 15 * time.Minute
	MaxAccountFailures = 5  // failed sign-ins per account per window
	MaxIPFailures      = 20 // failed sign-ins per IP address per window before they are slowed down
	MaxResetMails      = 3  // reset mails per account per window
	MaxResetRequests   = 20 // reset requests per IP address per window before they are slowed down
	// IPDelayStep is the delay at the per-address limit; it doubles with
	// each further failure up to MaxIPDelay.
	IPDelayStep = 250 * time.Millisecond
	MaxIPDelay  = 4 * time.Second
	// MaxWaiting is how many slowed-down requests one instance holds at
	// once; more are answered 429 at once rather than piling up.
	MaxWaiting = 32
)

// Attempt keys.
func accountKey(email string) string { return "account:" + NormalizeEmail(email) }
func ipKey(ip string) string         { return "ip:" + ip }
func resetKey(email string) string   { return "reset:" + NormalizeEmail(email) }
func resetIPKey(ip string) string    { return "reset-ip:" + ip }

// IPDelay is how long a request waits when its address has n recent
// failures (or reset requests) and the limit is limit: nothing below the
// limit, then IPDelayStep doubling with each further one, at most
// MaxIPDelay.
func IPDelay(n, limit int) time.Duration {
	if n < limit {
		return 0
	}
	k := min(n-limit, 8)
	return min(IPDelayStep<<k, MaxIPDelay)
}

// Throttle holds what limiting sign-in and reset requests needs besides
// the database: which proxies to trust for the client's address, how to
// wait, and how many requests are waiting.
type Throttle struct {
	// Proxies are the trusted reverse proxies (see ClientIP).
	Proxies []netip.Prefix
	// Sleep waits d or until ctx ends. Tests replace it to record the
	// delays instead of waiting; set it before serving requests.
	Sleep   func(ctx context.Context, d time.Duration) error
	waiting chan struct{}
}

// NewThrottle returns a throttle trusting proxies and sleeping for real.
func NewThrottle(proxies []netip.Prefix) *Throttle {
	return &Throttle{Proxies: proxies, Sleep: sleep, waiting: make(chan struct{}, MaxWaiting)}
}

// WithThrottle sets the handler's throttle (its trusted proxies and how it
// waits); without it no proxy is trusted.
func (h *Handler) WithThrottle(t *Throttle) *Handler {
	h.throttle = t
	return h
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// wait delays a request whose address has n recent attempts (IPDelay). It
// reports false, without waiting, when MaxWaiting requests already wait in
// this instance; the caller answers 429.
func (t *Throttle) wait(ctx context.Context, n, limit int) (bool, error) {
	d := IPDelay(n, limit)
	if d == 0 {
		return true, nil
	}
	select {
	case t.waiting <- struct{}{}:
	default:
		return false, nil
	}
	defer func() { <-t.waiting }()
	if err := t.Sleep(ctx, d); err != nil {
		return false, fmt.Errorf("throttle wait: %w", err)
	}
	return true, nil
}

// ClientIP returns the client's address. The connecting peer is the
// client unless it is one of the trusted proxies; then the proxies'
// X-Forwarded-For (or, when there is none, RFC 7239 Forwarded: for=) is
// read from the right, skipping trusted hops, and the first address that
// is not a trusted proxy is the client. Entries further left were written
// by the client itself and may be forged, so they are never used unless
// every hop is trusted. A malformed or unusable hop ("unknown", an
// obfuscated name) gives the peer's address.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	peer, ok := parseHop(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !isTrusted(peer, trusted) {
		return peer.String()
	}
	hops := forwardedFor(r.Header)
	if hops == nil {
		return peer.String()
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			return peer.String()
		}
		if !isTrusted(a, trusted) || i == 0 {
			return a.String()
		}
	}
	return peer.String()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedFor returns the hops the proxies recorded, left (the client)
// to right (the last proxy): X-Forwarded-For, else the for= of each
// Forwarded element; nil when there are none. A Forwarded element
// without for= gives an empty hop, which parseHop refuses.
func forwardedFor(h http.Header) []string {
	var hops []string
	for _, v := range h.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	if hops != nil {
		return hops
	}
	for _, v := range h.Values("Forwarded") {
		for _, elem := range strings.Split(v, ",") {
			hop := ""
			for _, pair := range strings.Split(elem, ";") {
				k, val, _ := strings.Cut(strings.TrimSpace(pair), "=")
				if strings.EqualFold(k, "for") {
					hop = strings.Trim(val, `"`)
				}
			}
			hops = append(hops, hop)
		}
	}
	return hops
}

// parseHop parses an address as proxies write it: "192.0.2.1",
// "192.0.2.1:4711", "2001:db8::1", "[2001:db8::1]" or "[2001:db8::1]:4711".
// IPv4-mapped IPv6 addresses become IPv4 and zones are dropped.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	a, err := netip.ParseAddr(s)
	if err != nil {
		var ap netip.AddrPort
		if ap, err = netip.ParseAddrPort(s); err == nil {
			a = ap.Addr()
		} else if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
			a, err = netip.ParseAddr(s[1 : len(s)-1])
		}
	}
	if err != nil || !a.IsValid() {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
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

// AccountLocked reports whether sign-in to email must wait: it has
// MaxAccountFailures failures in the window ending at now. Made-up
// addresses are counted alike, so the answer tells nothing about who has
// an account.
func (s *Store) AccountLocked(ctx context.Context, email string, now time.Time) (bool, error) {
	if email == "" {
		return false, nil
	}
	n, err := s.CountAttempts(ctx, accountKey(email), now)
	if err != nil {
		return false, err
	}
	return n >= MaxAccountFailures, nil
}

// loginThrottled reports whether a sign-in for email from ip is refused
// (429): the account is locked, or too many slowed-down requests wait
// already. Otherwise it first waits as long as the address's recent
// failures call for.
func (h *Handler) loginThrottled(ctx context.Context, email, ip string, now time.Time) (bool, error) {
	locked, err := h.store.AccountLocked(ctx, email, now)
	if err != nil || locked {
		return locked, err
	}
	ok, err := h.slowDown(ctx, ipKey(ip), MaxIPFailures, now)
	return !ok, err
}

// slowDown waits as long as the attempts under key (an address's failed
// sign-ins or reset requests) call for (IPDelay); false: too many
// requests wait already.
func (h *Handler) slowDown(ctx context.Context, key string, limit int, now time.Time) (bool, error) {
	n, err := h.store.CountAttempts(ctx, key, now)
	if err != nil {
		return false, err
	}
	return h.throttle.wait(ctx, n, limit)
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

// tooManyRequests answers 429 with the form built by page, which says
// why, and a Retry-After.
func (h *Handler) tooManyRequests(w http.ResponseWriter, r *http.Request, title string, page web.PageFunc) error {
	w.Header().Set("Retry-After", fmt.Sprint(int(ThrottleWindow.Seconds())))
	return h.web.Page(w, r, http.StatusTooManyRequests, title, page)
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
