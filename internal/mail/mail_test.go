package mail

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
)

const testFrom = "Kohtaamo <noreply@kohtaamo.test>"

var testClock = app.NewFixedClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))

func composer(t testing.TB) *Composer {
	t.Helper()
	// The mails are the domains'; this package's tests cannot import
	// them (they import mail), so they read the domain folders.
	var domains []fs.FS
	for _, d := range []string{"auth", "meeting", "minutes", "task"} {
		domains = append(domains, os.DirFS(filepath.Join("..", d)))
	}
	b, err := i18n.New(domains...)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewComposer(b, domains...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rig is a queue with the send worker on d, sending to an in-process SMTP
// server.
type rig struct {
	d      *db.DB
	smtp   *mailtest.Server
	worker *Worker
	queue  *jobs.Queue
	outbox *Outbox
}

func newRig(t *testing.T, d *db.DB, workers int) *rig {
	t.Helper()
	if err := jobs.Migrate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	srv := mailtest.Start(t)
	sender, err := NewSender(srv.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{d: d, smtp: srv}
	r.worker = NewWorker(d, sender, testFrom, testClock, slog.New(slog.DiscardHandler))
	r.queue = newQueue(t, d, r.worker, workers)
	r.outbox = NewOutbox(r.queue, composer(t), testClock, "http://kohtaamo.test", testFrom)
	return r
}

func newQueue(t *testing.T, d *db.DB, w *Worker, workers int) *jobs.Queue {
	t.Helper()
	ws := jobs.NewWorkers()
	river.AddWorker(ws, w)
	river.AddWorker(ws, &BatchWorker{w: w}) // shares w's sender and hook
	q, err := jobs.New(d, ws, jobs.Options{Workers: workers, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func (r *rig) start(t *testing.T) {
	t.Helper()
	if err := r.queue.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = r.queue.Stop(ctx)
	})
}

func (r *rig) enqueue(t *testing.T, m Message) int64 {
	t.Helper()
	var id int64
	err := r.d.WithTx(context.Background(), func(tx *sql.Tx) error {
		var err error
		id, err = r.outbox.Enqueue(context.Background(), tx, m)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func resetMessage(lang string) Message {
	return Message{Kind: "reset", Lang: lang, To: Address{Name: "Päivi Örn", Email: "Paivi.Orn@Example.fi"},
		Data: map[string]any{"Link": "http://kohtaamo.test/password/reset/abc", "Hours": 2}}
}

func TestComposeAllLanguages(t *testing.T) {
	c := composer(t)
	for _, kind := range []string{"reset", "invite"} {
		for _, lang := range i18n.Langs {
			m := Message{Kind: kind, Lang: lang, To: Address{Name: "Aino", Email: "aino@example.fi"},
				Data: map[string]any{"Link": "http://x.test/l?a=1&b=2", "Hours": 2, "Days": 14, "Inviter": "Ville <Väinö>"}}
			got, err := c.Compose(m)
			if err != nil {
				t.Fatalf("%s/%s: %v", kind, lang, err)
			}
			if got.Subject == "" || strings.HasPrefix(got.Subject, "mail.") {
				t.Errorf("%s/%s: subject %q", kind, lang, got.Subject)
			}
			for _, s := range []string{got.Text, got.HTML} {
				if strings.Contains(s, "mail.") || strings.Contains(s, "<no value>") {
					t.Errorf("%s/%s: untranslated text:\n%s", kind, lang, s)
				}
			}
			if !strings.Contains(got.Text, "http://x.test/l?a=1&b=2") {
				t.Errorf("%s/%s: text lacks the link:\n%s", kind, lang, got.Text)
			}
			if !strings.Contains(got.HTML, `href="http://x.test/l?a=1&amp;b=2"`) {
				t.Errorf("%s/%s: html lacks the escaped link:\n%s", kind, lang, got.HTML)
			}
			if kind == "invite" && !strings.Contains(got.HTML, "Ville &lt;Väinö&gt;") {
				t.Errorf("%s/%s: inviter not escaped in html", kind, lang)
			}
		}
	}
	if _, err := c.Compose(Message{Kind: "nope"}); err == nil {
		t.Error("unknown kind composed")
	}
}

func TestSendOverSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 2)
		id := r.enqueue(t, resetMessage("fi"))
		r.start(t)
		msgs := r.smtp.Wait(t, 1, 20*time.Second)
		m := msgs[0]
		if len(m.To) != 1 || m.To[0] != "paivi.orn@example.fi" {
			t.Errorf("envelope to = %v", m.To)
		}
		if m.From != "noreply@kohtaamo.test" {
			t.Errorf("envelope from = %q", m.From)
		}
		if got := m.Subject(); got != "Salasanan vaihtopyyntö – Kohtaamo" {
			t.Errorf("subject = %q", got)
		}
		if raw := m.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?") {
			t.Errorf("subject not MIME-encoded: %q", raw)
		}
		if m.ContentType != "multipart/alternative" {
			t.Errorf("content type = %q", m.ContentType)
		}
		if !strings.Contains(m.Text, "Hei Päivi Örn,") || !strings.Contains(m.Text, "http://kohtaamo.test/password/reset/abc") {
			t.Errorf("text part:\n%s", m.Text)
		}
		if !strings.Contains(m.HTML, `<html lang="fi">`) || !strings.Contains(m.HTML, `href="http://kohtaamo.test/password/reset/abc"`) {
			t.Errorf("html part:\n%s", m.HTML)
		}
		mid := m.Header.Get("Message-Id")
		if !strings.HasPrefix(mid, "<") || !strings.HasSuffix(mid, "@kohtaamo.test>") {
			t.Errorf("Message-ID = %q", mid)
		}
		if date, err := m.Header.Date(); err != nil || !date.Equal(testClock.Now()) {
			t.Errorf("Date = %v, %v", date, err)
		}
		if to := m.Header.Get("To"); !strings.Contains(to, "paivi.orn@example.fi") {
			t.Errorf("To = %q", to)
		}
		waitStatus(t, d, id, StatusSent)
		del, err := NewStore(d).Delivery(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if del.Via != "smtp" || del.SentAt == nil || "<"+del.HeaderID+">" != mid {
			t.Errorf("delivery = %+v", del)
		}
	})
}

// waitStatus waits until the delivery has the status.
func waitStatus(t *testing.T, d *db.DB, id int64, status string) *Delivery {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		del, err := NewStore(d).Delivery(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if del.Status == status {
			return del
		}
		if time.Now().After(deadline) {
			t.Fatalf("delivery %d: status %q, want %q (%s)", id, del.Status, status, del.LastError)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWorkAgainSendsNothing runs the worker twice on one delivery, as a
// retry after a lost job completion would: the second run sends nothing.
func TestWorkAgainSendsNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		id := r.enqueue(t, resetMessage("fi"))
		job := &river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 10}, Args: SendArgs{DeliveryID: id}}
		for i := 0; i < 2; i++ {
			if err := r.worker.Work(context.Background(), job); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(r.smtp.Messages()); n != 1 {
			t.Fatalf("%d messages, want 1", n)
		}
		if del := waitStatus(t, d, id, StatusSent); del.Attempts != 1 {
			t.Errorf("attempts = %d", del.Attempts)
		}
	})
}

func TestPermanentFailure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		r.smtp.Reject = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		id := r.enqueue(t, resetMessage("fi"))
		job := &river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 10}, Args: SendArgs{DeliveryID: id}}
		err := r.worker.Work(context.Background(), job)
		var cancel *river.JobCancelError
		if !errors.As(err, &cancel) {
			t.Fatalf("err = %v, want a cancelled job", err)
		}
		del := waitStatus(t, d, id, StatusFailed)
		if !strings.Contains(del.LastError, "no such user") {
			t.Errorf("last error = %q", del.LastError)
		}
	})
}

func TestTemporaryFailureRetries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		r.worker.sender, _ = NewSender("smtp://127.0.0.1:1", nil) // nothing listens there
		id := r.enqueue(t, resetMessage("fi"))
		job := &river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 2}, Args: SendArgs{DeliveryID: id}}
		if err := r.worker.Work(context.Background(), job); err == nil {
			t.Fatal("no error")
		}
		if del := waitStatus(t, d, id, StatusQueued); del.Attempts != 1 || del.LastError == "" {
			t.Errorf("after attempt 1: %+v", del)
		}
		job.Attempt = 2
		_ = r.worker.Work(context.Background(), job)
		waitStatus(t, d, id, StatusFailed)
	})
}

func TestLogSender(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		var buf strings.Builder
		r.worker.sender, _ = NewSender("", slog.New(slog.NewTextHandler(&buf, nil)))
		id := r.enqueue(t, resetMessage("en"))
		job := &river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 10}, Args: SendArgs{DeliveryID: id}}
		if err := r.worker.Work(context.Background(), job); err != nil {
			t.Fatal(err)
		}
		del := waitStatus(t, d, id, StatusSent)
		if del.Via != "log" {
			t.Errorf("via = %q", del.Via)
		}
		// The log says the mail is in the outbox, with neither the
		// recipient nor the reset link.
		if !strings.Contains(buf.String(), "see /admin/outbox") || !strings.Contains(buf.String(), "message_id=<"+del.HeaderID+">") {
			t.Errorf("log:\n%s", buf.String())
		}
		for _, secret := range []string{"/password/reset/abc", "Paivi", "Päivi", "Örn"} {
			if strings.Contains(buf.String(), secret) {
				t.Errorf("the log holds %q:\n%s", secret, buf.String())
			}
		}
		list, total, err := NewStore(d).List(context.Background(), 10, 0)
		if err != nil || total != 1 || len(list) != 1 || list[0].ID != id {
			t.Fatalf("list = %v %d %v", list, total, err)
		}
	})
}

func TestNewSMTP(t *testing.T) {
	for _, bad := range []string{"http://x", "smtp://", "smtp://h:0", "smtp://h:99999", "smtps://h:x"} {
		if _, err := NewSMTP(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	s, err := NewSMTP("smtps://user:secret@mail.example.fi")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(s.String(), "secret") {
		t.Errorf("String leaks the password: %s", s)
	}
}

func TestPrune(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		id := r.enqueue(t, resetMessage("fi"))
		clock := app.NewFixedClock(testClock.Now().Add(Retention - time.Hour))
		if err := NewPruneWorker(d, clock).Work(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := NewStore(d).Delivery(context.Background(), id); err != nil {
			t.Fatalf("young mail pruned: %v", err)
		}
		clock.Set(testClock.Now().Add(Retention + time.Hour))
		if err := NewPruneWorker(d, clock).Work(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := NewStore(d).Delivery(context.Background(), id); !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("old mail kept: %v", err)
		}
	})
}
