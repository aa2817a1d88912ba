package browsertest_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

var planPathRE = regexp.MustCompile(`^/plans/(\d+)`)

// TestPlanFlow: a coordinator creates an action plan for a network, adds an
// objective linked to a project goal and an action owned by a network
// member, marks the action's progress and sees the goal's progress on the
// project's goals page. The pages are axe-clean in Finnish, Swedish and
// English and fit a 360 px phone.
func TestPlanFlow(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	d := env.DB
	coord := env.CreateUser(t, "Kaisa Koordinaattori", "kaisa.koordinaattori@example.fi", false)
	memberID := seedDirectory(t, d, env)
	f := fixture.New(t, d, env.Clock)
	projectID := f.ProjectWith(project.Input{Name: "Oulun seudun välityömarkkinat",
		Goals: []project.GoalInput{{Title: "Nuorten työllistyminen"}, {Title: "Yritysyhteistyö"}}})
	goalIDs := f.Goals(projectID)
	goalID, goal2 := goalIDs[0], goalIDs[1]
	networkID := f.Network(projectID, "Työpajaverkosto")
	f.Staff(projectID, coord.PersonID, project.RoleCoordinator)
	f.Member(networkID, memberID, "member")
	net := "/networks/" + strconv.FormatInt(networkID, 10)
	goals := "/projects/" + strconv.FormatInt(projectID, 10) + "/goals"

	b.Login("kaisa.koordinaattori@example.fi", servertest.Password)

	// From the network page to its plans and the new plan form.
	b.Navigate(net)
	b.Click(`main a[href="` + net + `/plans"]`)
	b.Axe(t)
	b.Click(`main a[href="` + net + `/plans/new"]`)
	b.Axe(t)

	// A period ending before it starts is refused, next to the field.
	b.Fill("main #title", "Toimintasuunnitelma 2027")
	b.Set("main #starts_on", "2027-01-01")
	b.Set("main #ends_on", "2026-12-31")
	b.Select("main #status", "active")
	if got := b.Click(`main form[action="` + net + `/plans"] button[type=submit]`); got != http.StatusUnprocessableEntity {
		t.Fatalf("plan with end before start: status %d", got)
	}
	if msg := b.Text("#ends_on-error"); msg == "" {
		t.Errorf("no error next to the end date")
	}
	b.Axe(t)
	b.Set("main #ends_on", "2027-12-31")
	if got := b.Click(`main form[action="` + net + `/plans"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("create plan: status %d on %s", got, b.Path())
	}
	m := planPathRE.FindStringSubmatch(b.Path())
	if m == nil {
		t.Fatalf("after creating a plan: on %s", b.Path())
	}
	plan := "/plans/" + m[1]
	b.Axe(t)

	// An objective linked to the first goal.
	b.Click(`main a[href="` + plan + `/objectives/new"]`)
	b.Axe(t)
	b.Fill("main #title", "Pajat tutuiksi nuorille")
	b.Select("main #project_goal_id", "Nuorten työllistyminen")
	if got := b.Click(`main form[action="` + plan + `/objectives"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("create objective: status %d", got)
	}

	// An action owned by the network member, due in the past: late.
	b.Click(`main a[href$="/actions/new"]`)
	b.Axe(t)
	b.Fill("main #title", "Pajaesittelyt kouluilla")
	b.Select("main #owner_id", strconv.FormatInt(memberID, 10))
	b.Set("main #due_on", "2026-11-01")
	b.Select("main #status", "in_progress")
	b.Fill("main #progress", "25")
	if got := b.Click(`main form[action$="/actions"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("create action: status %d: %s", got, b.Text("main"))
	}
	if got := b.Text("main table tbody"); !strings.Contains(got, "Eero Esimerkki") || !strings.Contains(got, "25 %") || !strings.Contains(got, "Myöhässä") {
		t.Errorf("plan page action row: %q", got)
	}
	b.NoConsoleErrors(t)
	b.Axe(t)

	// Mark progress: 60 %.
	b.Click(`main a[href$="/edit"][href^="/actions/"]`)
	b.Axe(t)
	b.Fill("main #progress", "60")
	if got := b.Click(`main form[action^="/actions/"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("update action: status %d", got)
	}
	if got := browsertest.Eval[float64](b, `document.querySelector("main table progress").value`); got != 60 {
		t.Errorf("action progress bar %v, want 60", got)
	}

	// The goals page shows the goal at 60 % with the late action on the
	// timeline, in every language and on a phone.
	b.Navigate("/projects/" + strconv.FormatInt(projectID, 10))
	b.Click(`main a[href="` + goals + `"]`)
	goalText := b.Text("#goal-" + strconv.FormatInt(goalID, 10))
	if !strings.Contains(goalText, "Nuorten työllistyminen") || !strings.Contains(goalText, "60 %") || !strings.Contains(goalText, "Pajat tutuiksi nuorille") {
		t.Errorf("goal panel: %q", goalText)
	}
	if got := b.Text("#goal-" + strconv.FormatInt(goal2, 10)); strings.Contains(got, "%") {
		t.Errorf("goal without objectives shows a progress: %q", got)
	}
	if got := b.Count("#late + .table-wrap tbody tr"); got != 1 {
		t.Errorf("late actions: %d rows, want 1", got)
	}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			b := b.With(t)
			b.Navigate(goals)
			b.SwitchLang(lang)
			for _, p := range []string{goals, plan, net + "/plans", net + "/plans/new"} {
				b.Desktop()
				if got := b.Navigate(p); got != http.StatusOK {
					t.Errorf("GET %s: %d", p, got)
				}
				if n := b.Count("h1"); n != 1 {
					t.Errorf("GET %s: %d h1", p, n)
				}
				b.NoConsoleErrors(t)
				b.Axe(t)
				b.Viewport(360, 800)
				b.Navigate(p)
				b.NoHorizontalScroll(t)
				b.Axe(t)
			}
			b.Desktop()
		})
	}
	b.Navigate(goals)
	t.Logf("screenshot: %s", b.Screenshot("plan-goals-en"))

	// Published, the public sees the page with owners' organisations only.
	b.Click(`main form[action="` + goals + `/publish"] button`)
	b.Logout()
	if got := b.Navigate(goals); got != http.StatusOK {
		t.Fatalf("public goals page: status %d", got)
	}
	if got := b.Text("main"); strings.Contains(got, "Eero Esimerkki") || !strings.Contains(got, "Nuorten Ystävät ry") {
		t.Errorf("public goals page names owners or misses their organisation: %q", got)
	}
	b.Axe(t)
}
