package browsertest_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestTaskDoneFromMyTasks: a member marks a meeting's action item done
// from My tasks on the home page and it leaves the list; they update the
// progress of the plan action they own there too. No JavaScript needed:
// each is a small form that posts and comes back to the home page.
func TestTaskDoneFromMyTasks(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	now := env.Clock.Now()
	member := env.CreateUser(t, "Maija Jäsen", "maija.jasen@example.fi", false)
	f := fixture.New(t, env.DB, env.Clock)
	n := f.Network(f.Project("Oulun seudun työllisyysalue"), "Työpajaverkosto")
	f.Member(n, member.PersonID, network.RoleMember)
	m := f.Meeting(n, "Syyskuun kokous", now.Add(-72*time.Hour))
	yesterday := app.Day(now).AddDate(0, 0, -1)
	item := f.ActionItemWith(m, minutes.ItemInput{Title: "Kokoa pajojen yhteystiedot", OwnerID: member.PersonID, DueOn: &yesterday, Status: minutes.ItemOpen})
	action := f.ActionWith(f.Objective(f.Plan(n, "Toimintasuunnitelma"), "Pajat tutuiksi"),
		plan.ActionInput{Title: "Pajaesittelyt kouluille", OwnerID: member.PersonID, Status: plan.ActionPlanned, Weight: 1})
	itemRow := "#task-item-" + strconv.FormatInt(item, 10)
	actionRow := "#task-action-" + strconv.FormatInt(action, 10)

	b.Login("maija.jasen@example.fi", servertest.Password)
	b.Navigate("/")
	if !b.Has(itemRow) || !b.Has(actionRow) {
		t.Fatalf("My tasks lacks the tasks: %s", b.Text("#my-tasks"))
	}
	b.Axe(t)
	b.Screenshot("work8-home-member-1280")

	// The action's progress: open the disclosure, type, save.
	b.Press(actionRow + " details summary")
	b.Fill(actionRow+" input[name=progress]", "40")
	if got := b.Click(actionRow + " details button[type=submit]"); got != http.StatusOK || b.Path() != "/" {
		t.Fatalf("save progress: status %d on %s", got, b.Path())
	}
	if txt := b.Text(actionRow); !strings.Contains(txt, "40 % valmis") {
		t.Errorf("progress not shown: %q", txt)
	}

	// Done: the item leaves the list.
	if got := b.Click(itemRow + " .task-actions form button[type=submit]"); got != http.StatusOK || b.Path() != "/" {
		t.Fatalf("mark done: status %d on %s", got, b.Path())
	}
	if b.Has(itemRow) {
		t.Errorf("a done item is still listed")
	}
	if !b.Has(actionRow) {
		t.Errorf("the action left the list too")
	}
	b.Axe(t)
	b.Viewport(360, 800)
	b.NoHorizontalScroll(t)
	b.Screenshot("work8-home-member-360")
}
