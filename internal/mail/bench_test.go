package mail_test

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/server"
)

// The mail throughput benchmark (issue 3, Performance: "sending 10,000
// invitation e-mails to a local SMTP sink runs at ≥ 1,000 mails/s").
//
// It measures end to end: the clock starts before the first invitation is
// composed and enqueued (Outbox.EnqueueBatch: real composer, delivery
// rows and one batch job per transaction of a network's 100 members, as
// meeting.Notify does) and stops when the in-process SMTP server
// (mailtest, on 127.0.0.1) has received the last message. The job workers
// run all along, as in production.
//
//	go test ./internal/mail/ -run '^$' -bench BenchmarkSendInvitations -benchtime 1x
//
// KOHTAAMO_BENCH_MAILS (default 10000) sets the number of mails and
// KOHTAAMO_BENCH_WORKERS (default "4,64": the default and the largest
// --workers) the worker counts to try; KOHTAAMO_BENCH_POLL (a duration,
// default none: the production 1s) the queue's poll interval, which also
// caps river's fetch cooldown at min(poll, 100ms). "postgres" sub-benchmarks run when
// KOHTAAMO_TEST_POSTGRES is set.

const benchFrom = "Kohtaamo <noreply@kohtaamo.test>"

func benchEnvInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func benchWorkers() []int {
	var out []int
	for _, s := range strings.Split(os.Getenv("KOHTAAMO_BENCH_WORKERS"), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		out = []int{4, 64}
	}
	return out
}

func BenchmarkSendInvitations(b *testing.B) {
	mails := benchEnvInt("KOHTAAMO_BENCH_MAILS", 10000)
	dbs := []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}}
	if os.Getenv(dbtest.EnvPostgres) != "" {
		dbs = append(dbs, struct {
			name string
			open func(testing.TB) *db.DB
		}{"postgres", dbtest.Postgres})
	}
	for _, d := range dbs {
		for _, w := range benchWorkers() {
			b.Run(fmt.Sprintf("%s/workers=%d/mails=%d", d.name, w, mails), func(b *testing.B) {
				var total time.Duration
				var enqueue time.Duration
				for range b.N {
					e, t := sendInvitations(b, d.open(b), w, mails)
					enqueue += e
					total += t
				}
				b.ReportMetric(float64(mails*b.N)/total.Seconds(), "mails/s")
				b.ReportMetric(float64(mails*b.N)/enqueue.Seconds(), "enqueued/s")
			})
		}
	}
}

// sendInvitations sends mails invitations through a fresh queue on d and
// returns how long enqueuing took and how long until the SMTP server had
// them all.
func sendInvitations(b *testing.B, d *db.DB, workers, mails int) (enqueue, total time.Duration) {
	b.Helper()
	b.StopTimer()
	ctx := context.Background()
	if err := jobs.Migrate(ctx, d); err != nil {
		b.Fatal(err)
	}
	bundle, err := server.Messages()
	if err != nil {
		b.Fatal(err)
	}
	composer, err := mail.NewComposer(bundle, server.Mails()...)
	if err != nil {
		b.Fatal(err)
	}
	srv := mailtest.Start(b)
	sender, err := mail.NewSender(srv.URL(), nil)
	if err != nil {
		b.Fatal(err)
	}
	clock := app.SystemClock{}
	ws := jobs.NewWorkers()
	river.AddWorker(ws, mail.NewWorker(d, sender, benchFrom, clock, slog.New(slog.DiscardHandler)))
	river.AddWorker(ws, mail.NewBatchWorker(d, sender, benchFrom, clock, slog.New(slog.DiscardHandler)))
	// The production queue: the poll interval main uses (the default)
	// unless KOHTAAMO_BENCH_POLL sets another.
	poll, _ := time.ParseDuration(os.Getenv("KOHTAAMO_BENCH_POLL"))
	q, err := jobs.New(d, ws, jobs.Options{Workers: workers, PollInterval: poll})
	if err != nil {
		b.Fatal(err)
	}
	outbox := mail.NewOutbox(q, composer, clock, "https://kohtaamo.test", benchFrom)
	if err := q.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer func() {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		_ = q.Stop(sctx)
	}()

	start := time.Now().Add(24 * time.Hour).Truncate(time.Hour)
	m := &meeting.Meeting{ID: 4242, NetworkID: 7, NetworkName: "Työpajaverkosto", Title: "Verkostokokous: syksyn suunnitelma",
		Description: "Esityslista liitteenä.", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Mode: meeting.ModeHybrid,
		Place: "Kaupungintalo, Oulu", RemoteLink: "https://meet.example.test/room-4242", Status: meeting.StatusScheduled}
	langs := []string{"fi", "sv", "en"}
	const perTx = 100 // members of one network: one Notify transaction

	b.StartTimer()
	t0 := time.Now()
	for sent := 0; sent < mails; {
		n := min(perTx, mails-sent)
		err := d.WithTx(ctx, func(tx *sql.Tx) error {
			msgs := make([]mail.Message, 0, n)
			for i := range n {
				k := sent + i
				to := mail.Address{Name: fmt.Sprintf("Jäsen %d Äijälä", k), Email: fmt.Sprintf("member%d@example.test", k)}
				ics := meeting.ICS(m, meeting.ICSOptions{Host: outbox.Host(), URL: outbox.URL("/meetings/4242"), Organizer: outbox.From(),
					Attendee: to, ShowLink: true, Now: t0})
				msg := mail.Message{Kind: meeting.KindInvite, Lang: langs[k%len(langs)], To: to,
					Data: map[string]any{"Title": m.Title, "Network": m.NetworkName, "When": m.When(), "Dates": []string{m.When()},
						"Count": 1, "Mode": m.Mode, "Place": m.Place, "RemoteLink": m.RemoteLink, "Link": outbox.URL("/meetings/4242")},
					Attachments: []mail.Attachment{{Filename: "meeting-4242.ics",
						ContentType: "text/calendar; charset=utf-8; method=REQUEST", Content: ics}}}
				msgs = append(msgs, msg)
			}
			_, err := outbox.EnqueueBatch(ctx, tx, msgs)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		sent += n
	}
	enqueue = time.Since(t0)
	early := len(srv.Messages())
	srv.Wait(b, mails, 10*time.Minute)
	total = time.Since(t0)
	b.StopTimer()

	got := srv.Messages()
	if len(got) != mails {
		b.Fatalf("SMTP server received %d messages, want %d", len(got), mails)
	}
	seen := make(map[string]bool, len(got))
	for _, msg := range got {
		id := msg.Header.Get("Message-Id")
		if seen[id] {
			b.Fatalf("message %s received twice", id)
		}
		seen[id] = true
	}
	b.Logf("%d mails, %d workers: enqueued in %s (%.0f/s), %d delivered meanwhile (%.0f/s), all delivered in %s (%.0f mails/s; %.0f/s after enqueuing ended)",
		mails, workers, enqueue.Round(time.Millisecond), float64(mails)/enqueue.Seconds(), early, float64(early)/enqueue.Seconds(),
		total.Round(time.Millisecond), float64(mails)/total.Seconds(), float64(mails-early)/(total-enqueue).Seconds())
	return enqueue, total
}
