package mail

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/jobs/jobstest"
)

// The crash tests run a worker in a child process (this test binary again,
// TestCrashChild) that kills itself with SIGKILL at a chosen point while it
// works a mail job: a real crash, leaving the job "running" in river's
// table. A new queue on the same database then rescues the job, and the
// SMTP server must have received the message exactly once.

const (
	envCrashStage = "KOHTAAMO_CRASH_STAGE"
	envCrashDSN   = "KOHTAAMO_CRASH_DSN"
	envCrashSMTP  = "KOHTAAMO_CRASH_SMTP"
)

// TestCrashChild is the child process; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	stage := os.Getenv(envCrashStage)
	if stage == "" {
		t.Skip("child process of TestCrash")
	}
	ctx := context.Background()
	d, err := db.Open(ctx, os.Getenv(envCrashDSN))
	if err != nil {
		t.Fatal(err)
	}
	sender, err := NewSender(os.Getenv(envCrashSMTP), nil)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWorker(d, sender, testFrom, testClock, slog.New(slog.DiscardHandler))
	w.hook = func(s string, _ int64) {
		if s == stage {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			time.Sleep(time.Minute)
		}
	}
	q := newQueue(t, d, w, 1)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(30 * time.Second)
	t.Fatal("the child was not killed: the job never reached " + stage)
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash tests wait for river to rescue the job")
	}
	for _, stage := range []string{"before-send", "after-mark"} {
		t.Run(stage, func(t *testing.T) {
			t.Parallel()
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				t.Parallel()
				crashAndRecover(t, d, stage)
			})
		})
	}
}

func crashAndRecover(t *testing.T, d *db.DB, stage string) {
	r := newRig(t, d, 0) // insert-only: nothing works the job here yet
	id := r.enqueue(t, resetMessage("sv"))

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCrashStage+"="+stage, envCrashDSN+"="+d.DSN, envCrashSMTP+"="+r.smtp.URL())
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child did not crash as planned: %v\n%s", err, out)
	}

	var state string
	if err := d.QueryRowContext(context.Background(), `SELECT state FROM river_job WHERE kind = 'mail_send'`).Scan(&state); err != nil {
		t.Fatal(err)
	}
	if state != "running" {
		t.Fatalf("after the crash the job is %q, want running", state)
	}
	wantBefore := 0
	if stage == "after-mark" {
		wantBefore = 1
	}
	if n := len(r.smtp.Messages()); n != wantBefore {
		t.Fatalf("after the crash %d messages arrived, want %d", n, wantBefore)
	}

	// A new instance on the same database: river elects it leader once the
	// dead one's lease ends, rescues the stuck job and retries it.
	ws := jobs.NewWorkers()
	w := NewWorker(d, r.worker.sender, testFrom, testClock, slog.New(slog.DiscardHandler))
	river.AddWorker(ws, w)
	q, err := jobs.New(d, ws, jobs.Options{Workers: 1, PollInterval: 50 * time.Millisecond,
		JobTimeout: time.Second, RescueAfter: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	}()
	deadline := time.Now().Add(90 * time.Second)
	for {
		if err := d.QueryRowContext(context.Background(), `SELECT state FROM river_job WHERE kind = 'mail_send'`).Scan(&state); err != nil {
			t.Fatal(err)
		}
		if state == "completed" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job not completed after rescue: %s", state)
		}
		time.Sleep(100 * time.Millisecond)
	}
	msgs := r.smtp.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages arrived, want exactly 1", len(msgs))
	}
	if msgs[0].Subject() != "Begäran om nytt lösenord – Kohtaamo" {
		t.Errorf("subject = %q", msgs[0].Subject())
	}
	del := waitStatus(t, d, id, StatusSent)
	if del.Attempts != 1 {
		t.Errorf("delivery attempts = %d, want 1", del.Attempts)
	}
}

// TestStoppedBeforeRun stops a started queue before it works the job;
// a later queue on the same database sends it once, and a third one
// sends nothing more.
func TestStoppedBeforeRun(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 1)
		ctx := context.Background()
		if err := r.queue.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := r.queue.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		id := r.enqueue(t, resetMessage("en"))
		if del, err := NewStore(d).Delivery(ctx, id); err != nil || del.Status != StatusQueued || del.Attempts != 0 {
			t.Fatalf("after the queue stopped: %+v %v, want queued with no attempts", del, err)
		}
		for i := 0; i < 2; i++ {
			q := newQueue(t, d, r.worker, 1)
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				r.smtp.Wait(t, 1, 20*time.Second)
				waitStatus(t, d, id, StatusSent)
				// Nothing is left for a later queue to work once the job
				// is recorded as completed (river records it just after
				// the send): none is waiting or running.
				jobstest.WaitFor(t, q, 20*time.Second, func() bool {
					var open int
					if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job
						WHERE state NOT IN ('completed', 'cancelled', 'discarded')`).Scan(&open); err != nil {
						t.Fatal(err)
					}
					return open == 0
				})
			}
			if err := q.Stop(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(r.smtp.Messages()); n != 1 {
			t.Fatalf("%d messages, want 1", n)
		}
	})
}
