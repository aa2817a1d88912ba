package task

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// ReminderArgs is the periodic reminder job.
type ReminderArgs struct{}

// Kind implements river.JobArgs.
func (ReminderArgs) Kind() string { return "task_reminders" }

// ReminderWorker sends the reminders that are due.
type ReminderWorker struct {
	river.WorkerDefaults[ReminderArgs]
	db    *db.DB
	clock app.Clock
	// Outbox is set once the queue exists (the queue needs its workers
	// first, the outbox needs the queue).
	Outbox *mail.Outbox
}

// NewReminderWorker returns the worker; set Outbox before jobs run.
func NewReminderWorker(d *db.DB, clock app.Clock) *ReminderWorker {
	return &ReminderWorker{db: d, clock: clock}
}

// ReminderJob runs the reminders hourly (river runs periodic jobs on the
// elected leader only, so once per period across instances).
func ReminderJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return ReminderArgs{}, nil },
		&river.PeriodicJobOpts{ID: "task_reminders", RunOnStart: true})
}

// Work implements river.Worker.
func (w *ReminderWorker) Work(ctx context.Context, _ *river.Job[ReminderArgs]) error {
	_, err := w.Send(ctx)
	return err
}

// Send records and enqueues every reminder that is due; each reminder is
// recorded in the same transaction as its mail, so a crash neither loses
// one nor sends one twice. It returns how many it sent.
func (w *ReminderWorker) Send(ctx context.Context) (int, error) {
	now := w.clock.Now()
	due, err := NewStore(w.db).NeedingReminders(ctx, app.Day(now))
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, d := range due {
		fresh := false
		err := w.db.WithTx(ctx, func(tx *sql.Tx) error {
			var err error
			fresh, err = NewStore(tx).MarkReminded(ctx, d.Kind, d.ID, d.Reminder, *d.DueOn, now)
			if err != nil || !fresh {
				return err
			}
			// The network's name in the owner's language.
			net, err := network.NewRefs(tx, nil).Get(ctx, d.NetworkID)
			if err != nil {
				return err
			}
			_, err = w.Outbox.Enqueue(ctx, tx, mail.Message{
				Kind: "task_" + d.Reminder, Lang: d.OwnerLang,
				To: mail.Address{Name: d.OwnerName, Email: d.OwnerEmail},
				Data: map[string]any{"Title": d.Title, "Network": net.NameIn(d.OwnerLang), "Due": web.FormatDate(*d.DueOn),
					"Link": w.Outbox.URL(d.Link)},
			})
			return err
		})
		if err != nil {
			return sent, fmt.Errorf("send %s reminder for %s %d: %w", d.Reminder, d.Kind, d.ID, err)
		}
		if fresh {
			sent++
		}
	}
	return sent, nil
}
