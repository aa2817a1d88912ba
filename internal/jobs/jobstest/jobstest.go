// Package jobstest helps tests wait for background jobs without sleeping:
// they wake on the queue's own job events.
package jobstest

import (
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/jobs"
)

// WaitFor returns once cond holds, checking it now and again after every
// job the queue finishes (completed, failed, cancelled or snoozed); it
// fails the test when cond does not hold within timeout. cond reads the
// job's effect (usually from the database), so the test proves what
// happened rather than guessing how long it takes.
func WaitFor(t testing.TB, q *jobs.Queue, timeout time.Duration, cond func() bool) {
	t.Helper()
	events, cancel := q.Client().Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed,
		river.EventKindJobCancelled, river.EventKindJobSnoozed)
	defer cancel()
	deadline := time.After(timeout)
	for !cond() {
		select {
		case <-events:
		case <-deadline:
			if cond() {
				return
			}
			t.Fatalf("jobs: condition not met after %s", timeout)
		}
	}
}
