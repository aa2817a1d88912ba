package mail

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

func batchMessages(n int) []Message {
	langs := []string{"fi", "sv", "en"}
	out := make([]Message, n)
	for i := range out {
		out[i] = Message{Kind: "reset", Lang: langs[i%len(langs)],
			To:   Address{Name: fmt.Sprintf("Jäsen %d", i), Email: fmt.Sprintf("Member%d@Example.fi", i)},
			Data: map[string]any{"Link": fmt.Sprintf("http://kohtaamo.test/password/reset/%d", i), "Hours": 2}}
	}
	return out
}

func (r *rig) enqueueBatch(t *testing.T, msgs []Message) []int64 {
	t.Helper()
	var ids []int64
	err := r.d.WithTx(context.Background(), func(tx *sql.Tx) error {
		var err error
		ids, err = r.outbox.EnqueueBatch(context.Background(), tx, msgs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(msgs) {
		t.Fatalf("%d ids for %d messages", len(ids), len(msgs))
	}
	return ids
}

// batchJobs returns the delivery ids of each batch job in the queue.
func batchJobs(t *testing.T, d *db.DB) [][]int64 {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), `SELECT kind, args FROM river_job ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]int64
	for rows.Next() {
		var kind string
		var raw []byte
		if err := rows.Scan(&kind, &raw); err != nil {
			t.Fatal(err)
		}
		if kind != (BatchArgs{}).Kind() {
			t.Errorf("job kind %q", kind)
			continue
		}
		var a BatchArgs
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a.DeliveryIDs)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkOnce checks that the server received exactly the deliveries ids,
// each once, and that they are marked sent over SMTP.
func checkOnce(t *testing.T, r *rig, ids []int64) {
	t.Helper()
	want := map[string]bool{}
	for _, id := range ids {
		del := waitStatus(t, r.d, id, StatusSent)
		if del.Via != "smtp" || del.Attempts != 1 {
			t.Errorf("delivery %d: via %q, attempts %d", id, del.Via, del.Attempts)
		}
		want["<"+del.HeaderID+">"] = true
	}
	got := r.smtp.Messages()
	if len(got) != len(ids) {
		t.Fatalf("server received %d messages, want %d", len(got), len(ids))
	}
	for _, m := range got {
		mid := m.Header.Get("Message-Id")
		if !want[mid] {
			t.Errorf("unexpected or repeated message %s to %v", mid, m.To)
		}
		delete(want, mid)
	}
}

func batchJob(ids []int64, attempt, maxAttempts int) *river.Job[BatchArgs] {
	return &river.Job[BatchArgs]{JobRow: &rivertype.JobRow{Attempt: attempt, MaxAttempts: maxAttempts}, Args: BatchArgs{DeliveryIDs: ids}}
}

// TestSendBatchOverSMTP queues a batch in one job, which the queue sends
// over one SMTP connection, each message exactly once.
func TestSendBatchOverSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 2)
		const n = 40
		ids := r.enqueueBatch(t, batchMessages(n))
		if jobs := batchJobs(t, d); len(jobs) != 1 || len(jobs[0]) != n {
			t.Fatalf("jobs = %v, want one job of %d deliveries", jobs, n)
		}
		r.start(t)
		r.smtp.Wait(t, n, 20*time.Second)
		checkOnce(t, r, ids)
		m := r.smtp.Messages()[0]
		if m.ContentType != "multipart/alternative" || !strings.Contains(m.Text, "/password/reset/0") || m.To[0] != "member0@example.fi" {
			t.Errorf("first message: %v %q\n%s", m.To, m.ContentType, m.Text)
		}
		if c := r.smtp.Connections(); c != 1 {
			t.Errorf("%d SMTP connections, want 1", c)
		}
		time.Sleep(300 * time.Millisecond) // nothing more arrives
		if got := len(r.smtp.Messages()); got != n {
			t.Errorf("%d messages after the job, want %d", got, n)
		}
	})
}

// TestEnqueueBatchSplits caps a job at BatchSize deliveries.
func TestEnqueueBatchSplits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		ids := r.enqueueBatch(t, batchMessages(2*BatchSize+7))
		jobs := batchJobs(t, d)
		if len(jobs) != 3 || len(jobs[0]) != BatchSize || len(jobs[1]) != BatchSize || len(jobs[2]) != 7 {
			t.Fatalf("job sizes: %d jobs", len(jobs))
		}
		var all []int64
		for _, j := range jobs {
			all = append(all, j...)
		}
		if fmt.Sprint(all) != fmt.Sprint(ids) {
			t.Errorf("jobs do not carry the deliveries in order")
		}
		if _, err := r.outbox.EnqueueBatch(context.Background(), nil, nil); err != nil {
			t.Errorf("empty batch: %v", err)
		}
	})
}

// TestBatchAfterCrash runs a batch whose first deliveries were sent by an
// earlier attempt that crashed: only the rest arrive, and running the job
// once more sends nothing.
func TestBatchAfterCrash(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		ids := r.enqueueBatch(t, batchMessages(10))
		store := NewStore(d)
		for _, id := range ids[:4] {
			if _, err := store.MarkSent(context.Background(), id, "smtp", testClock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		w := &BatchWorker{w: r.worker}
		for range 2 {
			if err := w.Work(context.Background(), batchJob(ids, 2, 10)); err != nil {
				t.Fatal(err)
			}
		}
		checkOnce(t, r, ids[4:])
	})
}

// TestBatchInterrupted ends a batch midway (the job's time runs out): the
// retry sends the rest, and every message arrives once.
func TestBatchInterrupted(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		ids := r.enqueueBatch(t, batchMessages(10))
		ctx, cancel := context.WithCancel(context.Background())
		sends := 0
		r.worker.hook = func(stage string, _ int64) {
			if stage == "before-send" {
				if sends++; sends == 5 {
					cancel()
				}
			}
		}
		w := &BatchWorker{w: r.worker}
		if err := w.Work(ctx, batchJob(ids, 1, 10)); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want cancelled", err)
		}
		if n := len(r.smtp.Messages()); n != 4 {
			t.Fatalf("%d messages before the interruption, want 4", n)
		}
		if del := waitStatus(t, d, ids[4], StatusQueued); del.Attempts != 1 {
			t.Errorf("interrupted delivery: %+v", del)
		}
		r.worker.hook = nil
		if err := w.Work(context.Background(), batchJob(ids, 2, 10)); err != nil {
			t.Fatal(err)
		}
		if n := len(r.smtp.Messages()); n != 10 {
			t.Fatalf("%d messages, want 10", n)
		}
		seen := map[string]bool{}
		for _, m := range r.smtp.Messages() {
			if mid := m.Header.Get("Message-Id"); seen[mid] {
				t.Errorf("%s twice", mid)
			} else {
				seen[mid] = true
			}
		}
	})
}

func TestBatchFailures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		t.Run("permanent", func(t *testing.T) {
			r := newRig(t, d, 0)
			r.smtp.Reject = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
			ids := r.enqueueBatch(t, batchMessages(3))
			if err := (&BatchWorker{w: r.worker}).Work(context.Background(), batchJob(ids, 1, 10)); err != nil {
				t.Fatalf("err = %v, want nil (each delivery failed for good)", err)
			}
			for _, id := range ids {
				if del := waitStatus(t, d, id, StatusFailed); !strings.Contains(del.LastError, "no such user") {
					t.Errorf("last error = %q", del.LastError)
				}
			}
		})
		t.Run("temporary", func(t *testing.T) {
			r := newRig(t, d, 0)
			r.smtp.Reject = &smtp.SMTPError{Code: 450, EnhancedCode: smtp.EnhancedCode{4, 2, 0}, Message: "try later"}
			ids := r.enqueueBatch(t, batchMessages(3))
			w := &BatchWorker{w: r.worker}
			if err := w.Work(context.Background(), batchJob(ids, 1, 10)); err == nil {
				t.Fatal("no error: the job would not be retried")
			}
			for _, id := range ids {
				if del := waitStatus(t, d, id, StatusQueued); del.Attempts != 1 || !strings.Contains(del.LastError, "try later") {
					t.Errorf("after attempt 1: %+v", del)
				}
			}
			r.smtp.Reject = nil
			if err := w.Work(context.Background(), batchJob(ids, 2, 10)); err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if del := waitStatus(t, d, id, StatusSent); del.Attempts != 2 {
					t.Errorf("attempts = %d", del.Attempts)
				}
			}
			if n := len(r.smtp.Messages()); n != 3 {
				t.Errorf("%d messages, want 3", n)
			}
		})
		t.Run("unreachable", func(t *testing.T) {
			r := newRig(t, d, 0)
			r.worker.sender, _ = NewSender("smtp://127.0.0.1:1", nil) // nothing listens there
			ids := r.enqueueBatch(t, batchMessages(2))
			w := &BatchWorker{w: r.worker}
			if err := w.Work(context.Background(), batchJob(ids, 1, 2)); err == nil {
				t.Fatal("no error")
			}
			for _, id := range ids {
				if del := waitStatus(t, d, id, StatusQueued); del.Attempts != 1 || del.LastError == "" {
					t.Errorf("after attempt 1: %+v", del)
				}
			}
			_ = w.Work(context.Background(), batchJob(ids, 2, 2))
			for _, id := range ids {
				waitStatus(t, d, id, StatusFailed)
			}
		})
		t.Run("log", func(t *testing.T) {
			r := newRig(t, d, 0)
			var buf strings.Builder
			r.worker.sender, _ = NewSender("", slog.New(slog.NewTextHandler(&buf, nil)))
			ids := r.enqueueBatch(t, batchMessages(3))
			if err := (&BatchWorker{w: r.worker}).Work(context.Background(), batchJob(ids, 1, 10)); err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if del := waitStatus(t, d, id, StatusSent); del.Via != "log" {
					t.Errorf("via = %q", del.Via)
				}
			}
			if c := strings.Count(buf.String(), "mail not sent (no SMTP configured)"); c != 3 {
				t.Errorf("%d mails logged, want 3:\n%s", c, buf.String())
			}
		})
	})
}
