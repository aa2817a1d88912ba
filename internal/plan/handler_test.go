package plan_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func token(t *testing.T, env *servertest.Env, acct *auth.Account) string {
	t.Helper()
	tok, err := auth.NewStore(env.DB).CreateAPIToken(context.Background(), acct.ID, "test", env.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// setup is a project with two goals and a network, its coordinator, a
// member of the network (with an organisation) and an outsider, and a goal
// of another project.
type setup struct {
	env                                 *servertest.Env
	project, network, goal1, goal2      int64
	otherGoal, memberPerson, outsiderID int64
	coordToken, outsiderToken           string
}

func newSetup(t *testing.T, d *db.DB) *setup {
	env := servertest.New(t, d)
	s := &setup{env: env}
	f := fixture.New(t, d, env.Clock)
	s.project = f.ProjectWith(project.Input{Name: "Välityömarkkinat", Goals: []project.GoalInput{{Title: "Nuorten työllistyminen"}, {Title: "Yritysyhteistyö"}}})
	goals := f.Goals(s.project)
	s.goal1, s.goal2 = goals[0], goals[1]
	other := f.ProjectWith(project.Input{Name: "KasvuPOK", Goals: []project.GoalInput{{Title: "Kasvu"}}})
	s.otherGoal = f.Goals(other)[0]
	s.network = f.Network(s.project, "Työpajatoiminta")
	orgID := f.Org("Nuorten Ystävät ry", org.SectorThirdSector)
	s.memberPerson = f.Person("Eero Esimerkki", "eero@example.fi", orgID)
	f.Member(s.network, s.memberPerson, network.RoleMember)
	coord := env.CreateUser(t, "Kaisa Koordinaattori", "kaisa@example.fi", false)
	f.Staff(s.project, coord.PersonID, project.RoleCoordinator)
	outsider := env.CreateUser(t, "Olli Ulkopuolinen", "olli@example.fi", false)
	s.outsiderID = outsider.PersonID
	s.coordToken, s.outsiderToken = token(t, env, coord), token(t, env, outsider)
	return s
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestPlanPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		env := s.env
		coord := env.Login(t, "kaisa@example.fi")
		outsider := env.Login(t, "olli@example.fi")
		public := env.Client(t)
		net := "/networks/" + itoa(s.network)

		// Create a plan; a bad period is refused with a translated message
		// and nothing is stored.
		bad := url.Values{"title": {""}, "starts_on": {"2027-06-01"}, "ends_on": {"2027-01-01"}, "status": {"active"}}
		r := coord.PostForm(net+"/plans", bad)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Päättymispäivä ei voi olla ennen alkamispäivää") {
			t.Fatalf("bad plan: %d %s", r.Status, r.Text())
		}
		if !strings.Contains(r.Body, `aria-invalid="true"`) || !strings.Contains(r.Text(), "Tämä tieto on pakollinen") {
			t.Errorf("bad plan form shows no field errors: %s", r.Text())
		}
		if n := count(t, d, "action_plans"); n != 0 {
			t.Errorf("refused plan stored: %d", n)
		}
		if r := outsider.PostForm(net+"/plans", url.Values{"title": {"X"}}); r.Status != http.StatusForbidden {
			t.Errorf("outsider creates plan: %d", r.Status)
		}
		r = coord.PostForm(net+"/plans", url.Values{"title": {"Toimintasuunnitelma 2027"}, "starts_on": {"1.1.2026"}, "ends_on": {"2027-12-31"}, "status": {"active"}})
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/plans/") {
			t.Fatalf("create plan: %d %s", r.Status, r.Text())
		}
		planPath := r.Location
		planID := strings.TrimPrefix(planPath, "/plans/")

		// Objective linked to a goal; another project's goal is refused.
		r = coord.PostForm(planPath+"/objectives", url.Values{"title": {"Pajat tutuiksi"}, "project_goal_id": {itoa(s.otherGoal)}, "weight": {"1"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Valitse tämän hankkeen tavoite") {
			t.Errorf("goal of another project: %d %s", r.Status, r.Text())
		}
		r = coord.PostForm(planPath+"/objectives", url.Values{"title": {"Pajat tutuiksi"}, "project_goal_id": {itoa(s.goal1)}, "weight": {"0"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Painoarvon on oltava suurempi kuin nolla") {
			t.Errorf("zero weight: %d %s", r.Status, r.Text())
		}
		r = coord.PostForm(planPath+"/objectives", url.Values{"title": {"Pajat tutuiksi"}, "project_goal_id": {itoa(s.goal1)}, "weight": {"1,5"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create objective: %d %s", r.Status, r.Text())
		}
		var objID int64
		if err := d.QueryRow(`SELECT id FROM plan_objectives`).Scan(&objID); err != nil {
			t.Fatal(err)
		}

		// Actions: owner outside the network, progress out of range and a
		// due date before the start are refused in Swedish too.
		actPath := "/objectives/" + itoa(objID) + "/actions"
		form := url.Values{"title": {"Pajaesittely"}, "owner_id": {itoa(s.outsiderID)}, "starts_on": {"2026-10-01"}, "due_on": {"2026-11-01"},
			"status": {"in_progress"}, "progress": {"40"}, "weight": {"1"}}
		r = coord.PostForm(actPath, form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Vastuuhenkilön on oltava verkoston jäsen") {
			t.Errorf("owner outside: %d %s", r.Status, r.Text())
		}
		coord.Get("/lang/sv")
		form.Set("owner_id", itoa(s.memberPerson))
		form.Set("progress", "140")
		r = coord.PostForm(actPath, form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Ange framstegen som ett heltal mellan 0 och 100") {
			t.Errorf("progress 140 in Swedish: %d %s", r.Status, r.Text())
		}
		coord.Get("/lang/en")
		form.Set("progress", "40")
		form.Set("due_on", "2026-09-01")
		r = coord.PostForm(actPath, form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "The due date cannot be before the start date") {
			t.Errorf("due before start in English: %d %s", r.Status, r.Text())
		}
		coord.Get("/lang/fi")
		if n := count(t, d, "plan_actions"); n != 0 {
			t.Errorf("refused actions stored: %d", n)
		}
		form.Set("due_on", "2026-11-01")
		if r = coord.PostForm(actPath, form); r.Status != http.StatusSeeOther {
			t.Fatalf("create action: %d %s", r.Status, r.Text())
		}
		var actID int64
		if err := d.QueryRow(`SELECT id FROM plan_actions`).Scan(&actID); err != nil {
			t.Fatal(err)
		}

		// Indicator: the target is required.
		indPath := "/actions/" + itoa(actID) + "/indicators"
		r = coord.PostForm(indPath, url.Values{"name": {"Osallistujat"}, "unit": {"hlö"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Anna mittarin tavoitetaso") {
			t.Errorf("indicator without target: %d %s", r.Status, r.Text())
		}
		r = coord.PostForm(indPath, url.Values{"name": {"Osallistujat"}, "unit": {"hlö"}, "baseline": {"2"}, "target": {"12,5"}})
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/indicators/") {
			t.Fatalf("create indicator: %d %s", r.Status, r.Text())
		}
		indicator := r.Location
		if r = coord.PostForm(indicator+"/values", url.Values{"measured_on": {"2026-11-15"}, "value": {"kymmenen"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad value: %d", r.Status)
		}
		if r = outsider.PostForm(indicator+"/values", url.Values{"measured_on": {"2026-11-15"}, "value": {"7"}}); r.Status != http.StatusForbidden {
			t.Errorf("outsider records a value: %d", r.Status)
		}
		if r = coord.PostForm(indicator+"/values", url.Values{"measured_on": {"2026-11-15"}, "value": {"7,5"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("record value: %d %s", r.Status, r.Text())
		}

		// The plan page: progress with a text equivalent, late action,
		// indicator latest vs target.
		r = outsider.Get(planPath)
		text := r.Text()
		if r.Status != 200 || !strings.Contains(r.Body, `<progress max="100" value="40"`) || !strings.Contains(text, "40 %") ||
			!strings.Contains(text, "Myöhässä") || !strings.Contains(text, "7,5 / tavoite 12,5 hlö") || !strings.Contains(text, "Eero Esimerkki") {
			t.Errorf("plan page: %d %s", r.Status, text)
		}
		if strings.Contains(r.Body, "/actions/"+itoa(actID)+"/edit") {
			t.Errorf("outsider sees edit links")
		}
		if r := public.Get(planPath); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("public plan page: %d %s", r.Status, r.Location)
		}
		for _, p := range []string{"/plans/999999", "/plans/abc", "/networks/999999/plans", "/objectives/999999/edit", "/actions/999999/edit", "/indicators/999999", "/projects/999999/goals"} {
			if r := coord.Get(p); r.Status != http.StatusNotFound || !strings.Contains(r.Text(), "Sivua tai kohdetta ei löytynyt") && r.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, r.Status)
			}
		}
		if r := outsider.Get(planPath + "/edit"); r.Status != http.StatusForbidden {
			t.Errorf("outsider edits plan: %d", r.Status)
		}

		// Marking the action done makes the objective and goal 100 %.
		form.Set("status", "done")
		if r = coord.PostForm("/actions/"+itoa(actID), form); r.Status != http.StatusSeeOther {
			t.Fatalf("update action: %d %s", r.Status, r.Text())
		}
		goals := "/projects/" + itoa(s.project) + "/goals"
		r = coord.Get(goals)
		if r.Status != 200 || !strings.Contains(r.Body, `<progress max="100" value="100"`) || !strings.Contains(r.Text(), "Nuorten työllistyminen") ||
			!strings.Contains(r.Text(), "Ei myöhässä olevia toimenpiteitä") {
			t.Errorf("goals page: %d %s", r.Status, r.Text())
		}

		// The goals page is for the signed-in until the coordinator
		// publishes it; the public sees owners' organisations only.
		if r := public.Get(goals); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("public, unpublished goals: %d %s", r.Status, r.Location)
		}
		if r := outsider.PostForm(goals+"/publish", nil); r.Status != http.StatusForbidden {
			t.Errorf("outsider publishes: %d", r.Status)
		}
		if r := public.PostForm(goals+"/publish", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("public publishes: %d", r.Status)
		}
		if r := coord.PostForm(goals+"/publish", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", r.Status)
		}
		// Make the action late again so the public timeline shows an owner.
		form.Set("status", "in_progress")
		if r = coord.PostForm("/actions/"+itoa(actID), form); r.Status != http.StatusSeeOther {
			t.Fatalf("update action: %d %s", r.Status, r.Text())
		}
		r = public.Get(goals)
		if r.Status != 200 || !strings.Contains(r.Text(), "Nuorten Ystävät ry") || strings.Contains(r.Text(), "Eero") ||
			strings.Contains(r.Body, "eero@example.fi") || strings.Contains(r.Body, `href="/plans/`) {
			t.Errorf("public goals page: %d %s", r.Status, r.Text())
		}
		if r := public.JSON(http.MethodGet, "/api/v1"+goals, "", ""); r.Status != 200 || strings.Contains(r.Body, "Eero") {
			t.Errorf("public goals API: %d %s", r.Status, r.Body)
		}
		if r := coord.PostForm(goals+"/unpublish", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("unpublish: %d", r.Status)
		}
		if r := public.Get(goals); r.Status != http.StatusSeeOther {
			t.Errorf("public after unpublishing: %d", r.Status)
		}

		// The network page links to the plans, the project page to the goals.
		if r := coord.Get(net); !strings.Contains(r.Body, `href="`+net+`/plans"`) {
			t.Errorf("network page has no link to its plans")
		}
		if r := coord.Get("/projects/" + itoa(s.project)); !strings.Contains(r.Body, `href="`+goals+`"`) {
			t.Errorf("project page has no link to the goals page")
		}
		if r := coord.Get(net + "/plans"); r.Status != 200 || !strings.Contains(r.Text(), "Toimintasuunnitelma 2027") {
			t.Errorf("plan list: %d %s", r.Status, r.Text())
		}
		_ = planID
	})
}

func TestPlanAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		c := s.env.Client(t)
		base := "/api/v1/networks/" + itoa(s.network) + "/plans"

		if r := c.JSON(http.MethodGet, base, "", ""); r.Status != http.StatusUnauthorized {
			t.Errorf("public list: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, base, s.outsiderToken, `{"title": "X", "starts_on": "2027-01-01", "ends_on": "2027-12-31"}`); r.Status != http.StatusForbidden {
			t.Errorf("outsider create: %d", r.Status)
		}
		r := c.JSON(http.MethodPost, base, s.coordToken, `{"title": "", "starts_on": "2027-06-01", "ends_on": "2027-01-01"}`)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `"ends_on"`) || !strings.Contains(r.Body, `"title"`) {
			t.Errorf("bad plan: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodPost, base, s.coordToken, `{"title": "TS 2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31", "status": "active"}`)
		if r.Status != http.StatusCreated {
			t.Fatalf("create plan: %d %s", r.Status, r.Body)
		}
		var plan struct {
			ID       int64    `json:"id"`
			Status   string   `json:"status"`
			Progress *float64 `json:"progress"`
		}
		_ = json.Unmarshal([]byte(r.Body), &plan)
		if plan.ID == 0 || plan.Status != "active" || plan.Progress != nil {
			t.Errorf("created plan: %s", r.Body)
		}
		pp := "/api/v1/plans/" + itoa(plan.ID)

		r = c.JSON(http.MethodPost, pp+"/objectives", s.coordToken, `{"title": "Väärä", "project_goal_id": `+itoa(s.otherGoal)+`}`)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "project_goal_id") {
			t.Errorf("objective with another project's goal: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodPost, pp+"/objectives", s.coordToken, `{"title": "Pajat", "project_goal_id": `+itoa(s.goal1)+`, "weight": 2}`)
		if r.Status != http.StatusCreated {
			t.Fatalf("create objective: %d %s", r.Status, r.Body)
		}
		var obj struct {
			ID int64 `json:"id"`
		}
		_ = json.Unmarshal([]byte(r.Body), &obj)
		op := "/api/v1/objectives/" + itoa(obj.ID)
		if r := c.JSON(http.MethodPut, op, s.coordToken, `{"title": "Pajat tutuiksi", "project_goal_id": `+itoa(s.goal2)+`, "weight": -1}`); r.Status != http.StatusBadRequest {
			t.Errorf("negative weight: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodPut, op, s.coordToken, `{"title": "Pajat tutuiksi", "project_goal_id": `+itoa(s.goal1)+`, "weight": 2}`); r.Status != http.StatusOK {
			t.Errorf("update objective: %d %s", r.Status, r.Body)
		}

		r = c.JSON(http.MethodPost, op+"/actions", s.coordToken, `{"title": "Esittely", "owner_id": `+itoa(s.outsiderID)+`}`)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "owner_id") {
			t.Errorf("owner outside: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodPost, op+"/actions", s.coordToken, `{"title": "Esittely", "owner_id": `+itoa(s.memberPerson)+`, "due_on": "2026-11-01", "status": "in_progress", "progress": 50}`)
		if r.Status != http.StatusCreated || !strings.Contains(r.Body, `"late":true`) {
			t.Fatalf("create action: %d %s", r.Status, r.Body)
		}
		var act struct {
			ID int64 `json:"id"`
		}
		_ = json.Unmarshal([]byte(r.Body), &act)
		ap := "/api/v1/actions/" + itoa(act.ID)
		if r := c.JSON(http.MethodPut, ap, s.coordToken, `{"title": "Esittely", "progress": 101}`); r.Status != http.StatusBadRequest {
			t.Errorf("progress 101: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodPut, ap, s.outsiderToken, `{"title": "Esittely"}`); r.Status != http.StatusForbidden {
			t.Errorf("outsider updates action: %d", r.Status)
		}
		if r := c.JSON(http.MethodPut, ap, s.coordToken, `{"title": "Esittely", "owner_id": `+itoa(s.memberPerson)+`, "due_on": "2026-11-01", "status": "in_progress", "progress": 80}`); r.Status != http.StatusOK {
			t.Errorf("update action: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, ap, s.outsiderToken, ""); r.Status != http.StatusOK || !strings.Contains(r.Body, `"progress":80`) {
			t.Errorf("get action: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, "/api/v1/actions/999999", s.coordToken, ""); r.Status != http.StatusNotFound {
			t.Errorf("unknown action: %d", r.Status)
		}

		r = c.JSON(http.MethodGet, pp, s.outsiderToken, "")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"progress":80`) || !strings.Contains(r.Body, `"objectives"`) {
			t.Errorf("get plan: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodPut, pp, s.coordToken, `{"title": "TS 2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31", "status": "closed"}`); r.Status != http.StatusOK {
			t.Errorf("update plan: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, base, s.outsiderToken, ""); r.Status != http.StatusOK || !strings.Contains(r.Body, `"total":1`) {
			t.Errorf("list plans: %d %s", r.Status, r.Body)
		}

		goals := "/api/v1/projects/" + itoa(s.project) + "/goals"
		if r := c.JSON(http.MethodGet, goals, "", ""); r.Status != http.StatusUnauthorized {
			t.Errorf("public, unpublished goals: %d", r.Status)
		}
		r = c.JSON(http.MethodGet, goals, s.outsiderToken, "")
		var report struct {
			Goals []struct {
				ID       int64    `json:"id"`
				Progress *float64 `json:"progress"`
			} `json:"goals"`
			Late []struct {
				OwnerName string `json:"owner_name"`
			} `json:"late"`
		}
		if err := json.Unmarshal([]byte(r.Body), &report); err != nil || r.Status != 200 {
			t.Fatalf("goals: %d %s", r.Status, r.Body)
		}
		if len(report.Goals) != 2 || report.Goals[0].Progress == nil || *report.Goals[0].Progress != 80 || report.Goals[1].Progress != nil {
			t.Errorf("goal progress: %s", r.Body)
		}
		if len(report.Late) != 1 || report.Late[0].OwnerName != "Eero Esimerkki" {
			t.Errorf("late actions: %s", r.Body)
		}
	})
}
