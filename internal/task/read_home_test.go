package task_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/task"
)

// TestReaderSeesOtherInstances: the home page's cached task list shows,
// on the next read, every kind of change another instance makes with
// plain SQL through its own connection pool: an item done, a new plan
// action, an action handed to someone else, the network renamed, an
// objective deleted with its actions.
func TestReaderSeesOtherInstances(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := setup(t, d)
		r := task.NewReader(d)
		today := app.Day(f.now)
		list := func() string {
			t.Helper()
			tasks, err := r.Open(ctx, f.owner, today)
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for _, x := range tasks {
				s = append(s, x.Title+"@"+x.NetworkName)
			}
			return strings.Join(s, " | ")
		}
		want := func(when, s string) {
			t.Helper()
			if got := list(); got != s {
				t.Errorf("%s:\n got %s\nwant %s", when, got, s)
			}
		}
		const net = "@Työpajaverkosto"
		all := "Raportti" + net + " | Kysely kunnille" + net + " | Myöhemmin" + net + " | Ei määräpäivää" + net
		want("first", all)
		want("cached", all)

		other, err := db.Open(ctx, d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := other.ExecContext(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		exec(`UPDATE action_items SET status = 'done' WHERE id = $1`, f.soonItem)
		want("item done", "Raportti"+net+" | Myöhemmin"+net+" | Ei määräpäivää"+net)
		exec(`UPDATE networks SET name = 'Pajaverkosto'`)
		want("renamed", "Raportti@Pajaverkosto | Myöhemmin@Pajaverkosto | Ei määräpäivää@Pajaverkosto")
		exec(`UPDATE plan_actions SET owner_id = $1 WHERE id = $2`, f.other, f.lateAction)
		want("handed over", "Myöhemmin@Pajaverkosto | Ei määräpäivää@Pajaverkosto")
		exec(`UPDATE plan_actions SET owner_id = $1 WHERE id = $2`, f.owner, f.lateAction)
		want("back", "Raportti@Pajaverkosto | Myöhemmin@Pajaverkosto | Ei määräpäivää@Pajaverkosto")
		exec(`DELETE FROM plan_objectives`)
		want("objective deleted", "Myöhemmin@Pajaverkosto | Ei määräpäivää@Pajaverkosto")
	})
}
