package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
)

type sleepArgs struct {
	N int `json:"n"`
}

func (sleepArgs) Kind() string { return "test_sleep" }

type sleepWorker struct {
	river.WorkerDefaults[sleepArgs]
	started, done atomic.Int32
	d             time.Duration
	// ran, when set, hears of each job the worker starts.
	ran chan struct{}
}

func (w *sleepWorker) Work(ctx context.Context, _ *river.Job[sleepArgs]) error {
	w.started.Add(1)
	if w.ran != nil {
		w.ran <- struct{}{}
	}
	select {
	case <-time.After(w.d):
	case <-ctx.Done():
		return ctx.Err()
	}
	w.done.Add(1)
	return nil
}

func jobCount(t *testing.T, d *db.DB, state string) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM river_job WHERE state = $1`, state).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTransactionalInsertAndDrain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for i := 0; i < 2; i++ { // idempotent
			if err := jobs.Migrate(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		w := &sleepWorker{d: 300 * time.Millisecond}
		ws := jobs.NewWorkers()
		river.AddWorker(ws, w)
		q, err := jobs.New(d, ws, jobs.Options{Workers: 2, PollInterval: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		// A rolled-back change leaves no job.
		boom := errors.New("boom")
		err = d.WithTx(ctx, func(tx *sql.Tx) error {
			if err := q.Insert(ctx, tx, sleepArgs{N: 1}, nil); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if n := jobCount(t, d, "available"); n != 0 {
			t.Fatalf("rolled back insert left %d jobs", n)
		}
		if err := d.WithTx(ctx, func(tx *sql.Tx) error { return q.Insert(ctx, tx, sleepArgs{N: 2}, nil) }); err != nil {
			t.Fatal(err)
		}
		if n := jobCount(t, d, "available"); n != 1 {
			t.Fatalf("committed insert: %d jobs", n)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for w.started.Load() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("job never started")
			}
			time.Sleep(10 * time.Millisecond)
		}
		// Stop waits for the running job: a graceful drain.
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := q.Stop(sctx); err != nil {
			t.Fatal(err)
		}
		if w.done.Load() != 1 || jobCount(t, d, "completed") != 1 {
			t.Fatalf("after Stop: done=%d completed=%d", w.done.Load(), jobCount(t, d, "completed"))
		}
	})
}

func TestStopCancelsAfterDeadline(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	if err := jobs.Migrate(ctx, d); err != nil {
		t.Fatal(err)
	}
	w := &sleepWorker{d: time.Minute}
	ws := jobs.NewWorkers()
	river.AddWorker(ws, w)
	q, err := jobs.New(d, ws, jobs.Options{Workers: 1, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WithTx(ctx, func(tx *sql.Tx) error { return q.Insert(ctx, tx, sleepArgs{}, nil) }); err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for w.started.Load() == 0 {
		time.Sleep(10 * time.Millisecond)
	}
	sctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := q.Stop(sctx); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatalf("Stop took %s", time.Since(start))
	}
	// The cancelled job is kept for a retry.
	if n := jobCount(t, d, "retryable") + jobCount(t, d, "available"); n != 1 {
		t.Fatalf("cancelled job not kept for retry (%d)", n)
	}
}

// TestInsertOnlyQueueDoesNotWork: a job inserted while an insert-only
// queue runs is left for a working queue: the working one starts it
// and the insert-only one never started it, though it ran the whole time
// the job waited.
func TestInsertOnlyQueueDoesNotWork(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	if err := jobs.Migrate(ctx, d); err != nil {
		t.Fatal(err)
	}
	start := func(w *sleepWorker, o jobs.Options) *jobs.Queue {
		t.Helper()
		ws := jobs.NewWorkers()
		river.AddWorker(ws, w)
		q, err := jobs.New(d, ws, o)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := q.Stop(ctx); err != nil {
				t.Error(err)
			}
		})
		return q
	}
	idle, working := &sleepWorker{}, &sleepWorker{ran: make(chan struct{}, 1)}
	insertOnly := start(idle, jobs.Options{})
	if err := d.WithTx(ctx, func(tx *sql.Tx) error { return insertOnly.Insert(ctx, tx, sleepArgs{}, nil) }); err != nil {
		t.Fatal(err)
	}
	start(working, jobs.Options{Workers: 1, PollInterval: 50 * time.Millisecond})
	select {
	case <-working.ran:
	case <-time.After(30 * time.Second):
		t.Fatal("the working queue did not start the job")
	}
	if idle.started.Load() != 0 || working.started.Load() != 1 {
		t.Fatalf("insert-only queue started %d jobs, working queue %d; want 0 and 1", idle.started.Load(), working.started.Load())
	}
}
