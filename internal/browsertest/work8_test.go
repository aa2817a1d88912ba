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
	"github.com/kohtaamo/kohtaamo/internal/project"
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

	// The owner's progress page (linked from the plan) in every language.
	b.Navigate("/actions/" + strconv.FormatInt(action, 10) + "/progress")
	for _, lang := range []string{"sv", "en", "fi"} {
		b.SwitchLang(lang)
		b.Axe(t)
	}
	b.NoHorizontalScroll(t)
}

// TestCoordinatorOverviewLeadsToLateAction: a coordinator's home page
// starts with what needs her in her project's networks; the count of late
// actions leads to the list behind it, and that to the action on its
// plan.
func TestCoordinatorOverviewLeadsToLateAction(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	now := env.Clock.Now()
	today := app.Day(now)
	day := func(n int) *time.Time { x := today.AddDate(0, 0, n); return &x }
	coord := env.CreateUser(t, "Kaisa Koordinaattori", "kaisa.koordinaattori@example.fi", false)
	member := env.CreateUser(t, "Maija Jäsen", "maija.jasen@example.fi", false)
	f := fixture.New(t, env.DB, env.Clock)
	pid := f.Project("Oulun seudun työllisyysalue")
	f.Staff(pid, coord.PersonID, project.RoleCoordinator)
	n := f.Network(pid, "Kuntouttavan työtoiminnan kehittämisverkosto")
	f.Network(pid, "Nuorten palveluiden verkosto")
	f.Member(n, member.PersonID, network.RoleMember)
	obj := f.Objective(f.Plan(n, "Toimintasuunnitelma 2026"), "Pajat tutuiksi nuorille")
	late := f.ActionWith(obj, plan.ActionInput{Title: "Pajaesittelyt kouluille", OwnerID: member.PersonID, DueOn: day(-3),
		Status: plan.ActionInProgress, Progress: 30, Weight: 1})
	m := f.Meeting(n, "Marraskuun kokous", now.Add(-72*time.Hour))
	f.ActionItemWith(m, minutes.ItemInput{Title: "Kokoa pajojen yhteystiedot", OwnerID: member.PersonID, DueOn: day(-1), Status: minutes.ItemOpen})
	f.Meeting(n, "Joulukuun kokous", now.Add(96*time.Hour))

	b.Login("kaisa.koordinaattori@example.fi", servertest.Password)
	b.Navigate("/")
	b.Axe(t)
	b.Screenshot("work8-home-coordinator-1280")
	if got := b.Click("main a.late-actions"); got != http.StatusOK {
		t.Fatalf("late actions count: status %d", got)
	}
	if !strings.HasSuffix(b.Path(), "/attention") {
		t.Fatalf("the count leads to %s", b.Path())
	}
	b.Axe(t)
	b.Screenshot("work8-attention-1280")
	for _, lang := range []string{"sv", "en", "fi"} {
		b.SwitchLang(lang)
		b.Axe(t)
	}
	if got := b.Click(`#late-actions + ul a`); got != http.StatusOK {
		t.Fatalf("late action: status %d", got)
	}
	row := "#action-" + strconv.FormatInt(late, 10)
	if !strings.HasPrefix(b.Path(), "/plans/") || !b.Has(row) || !strings.Contains(b.Text(row), "Pajaesittelyt kouluille") {
		t.Fatalf("not at the action: %s", b.Path())
	}
	b.Navigate("/")
	b.Viewport(360, 800)
	b.NoHorizontalScroll(t)
	b.Screenshot("work8-home-coordinator-360")
}
