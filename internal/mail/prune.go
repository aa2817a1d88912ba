package mail

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Retention is how long sent and failed mail is kept. Stored bodies hold
// one-time links, which expire long before this.
const Retention = 90 * 24 * time.Hour

// PruneArgs is the daily job that deletes mail older than Retention.
type PruneArgs struct{}

// Kind implements river.JobArgs.
func (PruneArgs) Kind() string { return "mail_prune" }

// PruneWorker works PruneArgs.
type PruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	db    *db.DB
	clock app.Clock
}

// NewPruneWorker returns the prune worker.
func NewPruneWorker(d *db.DB, clock app.Clock) *PruneWorker { return &PruneWorker{db: d, clock: clock} }

// Work deletes old mail.
func (w *PruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	_, err := NewStore(w.db).DeleteBefore(ctx, w.clock.Now().Add(-Retention))
	return err
}

// PruneJob runs the prune job daily.
func PruneJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return PruneArgs{}, nil },
		&river.PeriodicJobOpts{ID: "mail_prune"})
}
