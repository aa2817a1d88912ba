package jobs_test

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
)

type tickArgs struct{}

func (tickArgs) Kind() string { return "test_tick" }

// tickWorker counts periodic runs across instances.
type tickWorker struct {
	river.WorkerDefaults[tickArgs]
	runs *atomic.Int32
}

func (w *tickWorker) Work(context.Context, *river.Job[tickArgs]) error {
	w.runs.Add(1)
	return nil
}

type onceArgs struct {
	N int `json:"n"`
}

func (onceArgs) Kind() string { return "test_once" }

// onceWorker records which instance worked each job.
type onceWorker struct {
	river.WorkerDefaults[onceArgs]
	instance int
	mu       *sync.Mutex
	seen     map[int][]int // job number → instances that worked it
}

func (w *onceWorker) Work(_ context.Context, j *river.Job[onceArgs]) error {
	w.mu.Lock()
	w.seen[j.Args.N] = append(w.seen[j.Args.N], w.instance)
	w.mu.Unlock()
	time.Sleep(5 * time.Millisecond)
	return nil
}

// TestTwoInstancesOnPostgres runs two queues, as two kohtaamo instances
// would, on one PostgreSQL database (each with its own connection pool):
// every job is worked exactly once, both instances take part, and a
// periodic job runs once per period, not once per instance.
func TestTwoInstancesOnPostgres(t *testing.T) {
	first := dbtest.Postgres(t)
	ctx := context.Background()
	if err := jobs.Migrate(ctx, first); err != nil {
		t.Fatal(err)
	}
	const period = 500 * time.Millisecond
	var runs atomic.Int32
	var mu sync.Mutex
	seen := map[int][]int{}
	var queues []*jobs.Queue
	for i := range 2 {
		d := first
		if i == 1 {
			var err error
			if d, err = db.Open(ctx, first.DSN); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { d.Close() })
		}
		ws := jobs.NewWorkers()
		river.AddWorker(ws, &tickWorker{runs: &runs})
		river.AddWorker(ws, &onceWorker{instance: i, mu: &mu, seen: seen})
		q, err := jobs.New(d, ws, jobs.Options{
			Workers: 4, PollInterval: 20 * time.Millisecond,
			Periodic: []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(period),
				func() (river.JobArgs, *river.InsertOpts) { return tickArgs{}, nil },
				&river.PeriodicJobOpts{ID: "test_tick"})},
		})
		if err != nil {
			t.Fatal(err)
		}
		queues = append(queues, q)
	}
	const n = 200
	if err := first.WithTx(ctx, func(tx *sql.Tx) error {
		for i := range n {
			if err := queues[i%2].Insert(ctx, tx, onceArgs{N: i}, nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, q := range queues {
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for jobCount(t, first, "completed") < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d jobs completed", jobCount(t, first, "completed"), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Let the periodic job run for a while once a leader is elected.
	for runs.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	before, from := runs.Load(), time.Now()
	time.Sleep(12 * period)
	after, elapsed := runs.Load(), time.Since(from)
	for _, q := range queues {
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		if err := q.Stop(sctx); err != nil {
			t.Error(err)
		}
		cancel()
	}

	byInstance := map[int]int{}
	for i := range n {
		if len(seen[i]) != 1 {
			t.Errorf("job %d worked %d times (%v)", i, len(seen[i]), seen[i])
		}
		for _, inst := range seen[i] {
			byInstance[inst]++
		}
	}
	if byInstance[0] == 0 || byInstance[1] == 0 {
		t.Errorf("one instance did all the work: %v", byInstance)
	}
	// One leader inserts one job per period; two would insert twice as
	// many. Allow for timing at both ends of the window.
	periods := float64(elapsed) / float64(period)
	t.Logf("%d runs in %.1f periods", after-before, periods)
	if got := float64(after - before); got < periods/2 || got > periods*1.4 {
		t.Errorf("%v runs of the periodic job in %.1f periods (total %d since start %v)", got, periods, after, time.Since(start).Round(time.Millisecond))
	}
}
