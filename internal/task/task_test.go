package task_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/task"
)

func TestReminderFor(t *testing.T) {
	today := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for days, want := range map[int]string{-5: "overdue", -1: "overdue", 0: "due_soon", 2: "due_soon", 3: ""} {
		if got := task.ReminderFor(today.AddDate(0, 0, days), today); got != want {
			t.Errorf("due in %d days: %q, want %q", days, got, want)
		}
	}
}

type fixture struct {
	d                          *db.DB
	now                        time.Time
	owner, other               int64
	soonItem, lateAction, none int64
}

// itemWithoutDue adds an open action item without a due date. It keeps
// its INSERT: ItemInput.Validate requires a due date, so no validated
// store call makes one, yet the column allows none and the task list
// must show such rows (last).
func itemWithoutDue(t *testing.T, d *db.DB, meetingID, networkID int64, title string, owner int64, now time.Time) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), `INSERT INTO action_items (meeting_id, network_id, title, owner_person_id, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 'open', $5, $5) RETURNING id`, meetingID, networkID, title, owner, db.Now(now)).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func setup(t *testing.T, d *db.DB) *fixture {
	f := &fixture{d: d, now: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	day := func(n int) time.Time { return app.Day(f.now).AddDate(0, 0, n) }
	b := fx.New(t, d, app.NewFixedClock(f.now))
	f.owner = b.PersonWith(person.Person{Name: "Olli Omistaja", Email: "olli@example.fi", Lang: "sv"})
	f.other = b.Person("Muu", "muu@example.fi", 0)
	n := b.Network(b.Project("Hanke"), "Työpajaverkosto")
	// Owners of action items and plan actions are the network's members.
	b.Member(n, f.owner, network.RoleMember)
	b.Member(n, f.other, network.RoleMember)
	m := b.MeetingWith(n, meeting.Input{Title: "Kokous", StartsAt: f.now.Add(-48 * time.Hour), Mode: meeting.ModeRemote})
	item := func(title, status string, owner int64, due *time.Time) int64 {
		if due == nil {
			return itemWithoutDue(t, d, m, n, title, owner, f.now)
		}
		return b.ActionItemWith(m, minutes.ItemInput{Title: title, OwnerID: owner, DueOn: due, Status: status})
	}
	soon, later, late := day(1), day(20), day(-3)
	f.soonItem = item("Kysely kunnille", minutes.ItemOpen, f.owner, &soon)
	item("Valmis jo", minutes.ItemDone, f.owner, &late)
	item("Toisen tehtävä", minutes.ItemOpen, f.other, &late)
	f.none = item("Ei määräpäivää", minutes.ItemOpen, f.owner, nil)
	item("Myöhemmin", minutes.ItemOpen, f.owner, &later)
	start, end := day(-100), day(300)
	pl := b.PlanWith(n, plan.PlanInput{Title: "Suunnitelma", StartsOn: &start, EndsOn: &end, Status: plan.StatusDraft})
	f.lateAction = b.ActionWith(b.Objective(pl, "Tavoite"), plan.ActionInput{Title: "Raportti", OwnerID: f.owner, DueOn: &late, Status: plan.ActionInProgress, Weight: 1})
	return f
}

func TestOpenTasksOverdueFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		tasks, err := task.NewStore(d).Open(context.Background(), f.owner, app.Day(f.now))
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, x := range tasks {
			titles = append(titles, x.Title)
		}
		if got := strings.Join(titles, " | "); got != "Raportti | Kysely kunnille | Myöhemmin | Ei määräpäivää" {
			t.Fatalf("order: %s", got)
		}
		if !tasks[0].Overdue || tasks[1].Overdue || tasks[0].Kind != task.KindAction || !strings.HasPrefix(tasks[0].Link, "/plans/") ||
			!strings.HasSuffix(tasks[1].Link, "/minutes") {
			t.Fatalf("tasks: %+v", tasks[:2])
		}
	})
}

func newWorker(t *testing.T, d *db.DB, clock app.Clock) *task.ReminderWorker {
	t.Helper()
	if err := jobs.Migrate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.New(task.Locales)
	if err != nil {
		t.Fatal(err)
	}
	composer, err := mail.NewComposer(bundle, task.Mail)
	if err != nil {
		t.Fatal(err)
	}
	// Workers: 0 only inserts jobs; the test reads the stored deliveries.
	sender, err := mail.NewSender("", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ws := jobs.NewWorkers()
	river.AddWorker(ws, mail.NewWorker(d, sender, "Kohtaamo <noreply@kohtaamo.test>", clock, slog.New(slog.DiscardHandler)))
	q, err := jobs.New(d, ws, jobs.Options{Workers: 0})
	if err != nil {
		t.Fatal(err)
	}
	w := task.NewReminderWorker(d, clock)
	w.Outbox = mail.NewOutbox(q, composer, clock, "http://kohtaamo.test", "Kohtaamo <noreply@kohtaamo.test>")
	return w
}

func subjects(t *testing.T, d *db.DB) []string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), `SELECT m.subject FROM mail_deliveries x JOIN mail_messages m ON m.id = x.message_id ORDER BY x.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestRemindersOnceEach(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		clock := app.NewFixedClock(f.now)
		w := newWorker(t, d, clock)
		ctx := context.Background()

		n, err := w.Send(ctx)
		if err != nil || n != 3 {
			t.Fatalf("first run: %d %v", n, err)
		}
		got := subjects(t, d)
		// The owner prefers Swedish; the other person's overdue item is theirs.
		want := map[string]bool{"Försenad: Raportti": true, "Påminnelse: Kysely kunnille ska vara klar senast 23.11.2026": true, "Myöhässä: Toisen tehtävä": true}
		if len(got) != 3 {
			t.Fatalf("mails: %v", got)
		}
		for _, s := range got {
			if !want[s] {
				t.Errorf("unexpected mail %q", s)
			}
		}
		// Running again (another instance, the next hour) sends nothing,
		// and sent reminders are no longer listed at all.
		if due, err := task.NewStore(d).NeedingReminders(ctx, app.Day(f.now)); err != nil || len(due) != 0 {
			t.Fatalf("still needing reminders after sending: %+v %v", due, err)
		}
		if n, err := w.Send(ctx); err != nil || n != 0 {
			t.Fatalf("second run: %d %v", n, err)
		}
		// Three days later the item due tomorrow is overdue: one more mail.
		clock.Set(f.now.AddDate(0, 0, 3))
		if n, err := w.Send(ctx); err != nil || n != 1 {
			t.Fatalf("after due date: %d %v", n, err)
		}
		if got := subjects(t, d); got[len(got)-1] != "Försenad: Kysely kunnille" {
			t.Fatalf("overdue mail: %v", got)
		}
		// A new due date earns a new reminder.
		if _, err := d.ExecContext(ctx, `UPDATE plan_actions SET due_on = $1 WHERE id = $2`, app.Day(clock.Now()).AddDate(0, 0, 1), f.lateAction); err != nil {
			t.Fatal(err)
		}
		if n, err := w.Send(ctx); err != nil || n != 1 {
			t.Fatalf("after new due date: %d %v", n, err)
		}
		if n, err := w.Send(ctx); err != nil || n != 0 {
			t.Fatalf("repeat: %d %v", n, err)
		}
	})
}

// TestRemindersTwoInstances runs the reminder job in two instances at
// once (each with its own connection pool on the same database): every
// reminder is mailed once.
func TestRemindersTwoInstances(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		clock := app.NewFixedClock(f.now)
		other, err := db.Open(context.Background(), d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		workers := []*task.ReminderWorker{newWorker(t, d, clock), newWorker(t, other, clock)}
		var wg sync.WaitGroup
		sent := make([]int, len(workers))
		errs := make([]error, len(workers))
		for i, w := range workers {
			wg.Go(func() { sent[i], errs[i] = w.Send(context.Background()) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := subjects(t, d); sent[0]+sent[1] != 3 || len(got) != 3 {
			t.Errorf("sent %v, mails %v; want 3 in all", sent, got)
		}
	})
}
