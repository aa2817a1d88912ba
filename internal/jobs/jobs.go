// Package jobs runs Kohtaamo's background jobs on river
// (github.com/riverqueue/river) with one code path for both databases: the
// riversqlite driver on SQLite and riverdatabasesql (pgx through
// database/sql) on PostgreSQL, so jobs are inserted with the same *sql.Tx as
// the change that causes them. Several instances on one PostgreSQL database
// share the queue; river elects one leader for periodic jobs and
// maintenance (retrying, rescuing jobs of a crashed instance, cleaning up).
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

func driver(d *db.DB) riverdriver.Driver[*sql.Tx] {
	if d.Dialect == db.Postgres {
		return riverdatabasesql.New(d.DB)
	}
	return riversqlite.New(d.DB)
}

// Migrate applies river's own migrations (its job, leader and queue
// tables). Run it after db.Migrate; it is idempotent.
func Migrate(ctx context.Context, d *db.DB) error {
	m, err := rivermigrate.New(driver(d), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("job migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("apply job migrations: %w", err)
	}
	return nil
}

// Options configure a Queue. Zero values give production defaults.
type Options struct {
	// Workers is the number of jobs worked at once in this instance; 0
	// makes an insert-only queue that never works jobs (another instance
	// does).
	Workers int
	// Log receives river's warnings and errors.
	Log *slog.Logger
	// Periodic are jobs inserted on a schedule by the elected leader.
	Periodic []*river.PeriodicJob
	// PollInterval is how often idle workers look for new jobs (default
	// 1s; neither database driver here listens for notifications).
	PollInterval time.Duration
	// JobTimeout cancels a job running longer (default 1 minute).
	JobTimeout time.Duration
	// RescueAfter is when a job left running by a crashed instance is
	// retried (default 1 hour; must be at least JobTimeout).
	RescueAfter time.Duration
}

// Queue inserts jobs and, when started, works them.
type Queue struct {
	client  *river.Client[*sql.Tx]
	workers int
	started bool
}

// NewWorkers returns an empty set of workers; each package adds its own
// with river.AddWorker before New.
func NewWorkers() *river.Workers { return river.NewWorkers() }

// New builds a queue on d working the given workers. Migrate must have run.
func New(d *db.DB, workers *river.Workers, o Options) (*Queue, error) {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.PollInterval == 0 {
		o.PollInterval = time.Second
	}
	if o.JobTimeout == 0 {
		o.JobTimeout = time.Minute
	}
	cfg := &river.Config{
		Logger:               slog.New(warnOnly{o.Log.Handler()}).With("component", "jobs"),
		Workers:              workers,
		FetchPollInterval:    o.PollInterval,
		FetchCooldown:        min(o.PollInterval, 100*time.Millisecond),
		JobTimeout:           o.JobTimeout,
		RescueStuckJobsAfter: o.RescueAfter,
		MaxAttempts:          10,
		PollOnly:             true,
	}
	if o.Workers > 0 {
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: o.Workers}}
		cfg.PeriodicJobs = o.Periodic
	}
	c, err := river.NewClient(driver(d), cfg)
	if err != nil {
		return nil, fmt.Errorf("job client: %w", err)
	}
	return &Queue{client: c, workers: o.Workers}, nil
}

// Insert adds a job in tx, so the job exists exactly when the change that
// causes it commits.
func (q *Queue) Insert(ctx context.Context, tx *sql.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	if _, err := q.client.InsertTx(ctx, tx, args, opts); err != nil {
		return fmt.Errorf("insert %s job: %w", args.Kind(), err)
	}
	return nil
}

// Start begins working jobs; it does nothing for an insert-only queue.
// Jobs keep running until Stop.
func (q *Queue) Start(ctx context.Context) error {
	if q.workers == 0 || q.started {
		return nil
	}
	// river ties the lifetime of fetched work to this context's values
	// only; cancellation is what Stop is for.
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start jobs: %w", err)
	}
	q.started = true
	return nil
}

// Stop stops fetching jobs and waits for running ones to finish (a
// graceful drain). When ctx ends first, running jobs are cancelled; river
// retries them later, and the mail deliveries table keeps a cancelled send
// from going out twice.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.started {
		return nil
	}
	q.started = false
	err := q.client.Stop(ctx)
	if err == nil {
		return nil
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := q.client.StopAndCancel(cctx); err != nil {
			return fmt.Errorf("cancel running jobs: %w", err)
		}
		return nil
	}
	return fmt.Errorf("stop jobs: %w", err)
}

// Client returns the river client, for tests and tools.
func (q *Queue) Client() *river.Client[*sql.Tx] { return q.client }

// warnOnly passes on river's warnings and errors; its info messages
// (periodic job counts, start and stop) would flood the log.
type warnOnly struct{ slog.Handler }

func (h warnOnly) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.Handler.Enabled(ctx, l)
}

func (h warnOnly) WithAttrs(a []slog.Attr) slog.Handler { return warnOnly{h.Handler.WithAttrs(a)} }

func (h warnOnly) WithGroup(name string) slog.Handler { return warnOnly{h.Handler.WithGroup(name)} }
