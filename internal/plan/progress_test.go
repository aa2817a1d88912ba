package plan_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/plan"
)

// TestOwnerUpdatesProgress: the owner of an action updates its status,
// progress and indicator values, through the form (as My tasks posts it)
// and the API; nothing else of it, and nobody else but the managers.
func TestOwnerUpdatesProgress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		env := s.env
		f := fixture.New(t, d, env.Clock)
		owner := env.CreateUser(t, "Olli Omistaja", "omistaja@example.fi", false)
		other := env.CreateUser(t, "Muu Jäsen", "muu@example.fi", false)
		f.Member(s.network, owner.PersonID, network.RoleMember)
		f.Member(s.network, other.PersonID, network.RoleMember)
		planID := f.Plan(s.network, "Suunnitelma")
		action := f.ActionWith(f.Objective(planID, "Tavoite"),
			plan.ActionInput{Title: "Pajaesittelyt", OwnerID: owner.PersonID, Status: plan.ActionPlanned, Weight: 1})
		ind := f.Indicator(action, "Esittelyt", 10)
		path := "/actions/" + itoa(action) + "/progress"
		get := func() *plan.Action {
			t.Helper()
			a, err := plan.NewStore(d).GetAction(t.Context(), action)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}

		// The form: progress alone moves a planned action in progress
		// and goes back where asked.
		c := env.Login(t, "omistaja@example.fi")
		if r := c.Get(path); r.Status != http.StatusOK || !strings.Contains(r.Text(), "Päivitä edistyminen") {
			t.Fatalf("progress page: %d", r.Status)
		}
		r := c.PostForm(path, url.Values{"progress": {"40"}, "next": {"/#my-tasks"}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/#my-tasks" {
			t.Fatalf("progress: %d %s", r.Status, r.Header.Get("Location"))
		}
		if a := get(); a.Status != plan.ActionInProgress || a.Progress != 40 {
			t.Errorf("after progress: %s %d", a.Status, a.Progress)
		}
		if r := c.PostForm(path, url.Values{"progress": {"140"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("progress 140: %d", r.Status)
		}
		// Done is 100 %; without next, back to its plan, opened at the
		// flash that offers to undo it.
		r = c.PostForm(path, url.Values{"status": {"done"}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/plans/"+itoa(planID)+"#flash" {
			t.Fatalf("done: %d %s", r.Status, r.Header.Get("Location"))
		}
		if a := get(); a.Status != plan.ActionDone || a.Progress != 100 {
			t.Errorf("after done: %s %d", a.Status, a.Progress)
		}
		// The owner records an indicator value, but does not edit the
		// action itself.
		if r := c.PostForm("/indicators/"+itoa(ind)+"/values", url.Values{"measured_on": {app.Day(env.Clock.Now()).Format("2006-01-02")}, "value": {"3"}}); r.Status != http.StatusSeeOther {
			t.Errorf("owner's value: %d", r.Status)
		}
		if r := c.Get("/actions/" + itoa(action) + "/edit"); r.Status != http.StatusForbidden {
			t.Errorf("owner edits the action: %d", r.Status)
		}

		// The API, as the owner: a status alone keeps the progress.
		api := env.Client(t)
		tok := token(t, env, owner)
		res := api.JSON(http.MethodPut, "/api/v1"+path, tok, `{"status": "in_progress", "progress": 70}`)
		var got struct {
			Status   string `json:"status"`
			Progress int    `json:"progress"`
		}
		if res.Status != http.StatusOK || json.Unmarshal([]byte(res.Body), &got) != nil || got.Status != "in_progress" || got.Progress != 70 {
			t.Fatalf("API progress: %d %s", res.Status, res.Body)
		}
		if res := api.JSON(http.MethodPut, "/api/v1"+path, tok, `{"progress": -1}`); res.Status != http.StatusBadRequest {
			t.Errorf("API progress -1: %d %s", res.Status, res.Body)
		}
		if res := api.JSON(http.MethodPut, "/api/v1/actions/"+itoa(action), tok, `{"title": "Toinen", "status": "planned", "weight": 1}`); res.Status != http.StatusForbidden {
			t.Errorf("owner replaces the action: %d", res.Status)
		}

		// Another member, the outsider: no. The coordinator: yes.
		if r := env.Login(t, "muu@example.fi").PostForm(path, url.Values{"progress": {"10"}}); r.Status != http.StatusForbidden {
			t.Errorf("another member: %d", r.Status)
		}
		if res := api.JSON(http.MethodPut, "/api/v1"+path, s.outsiderToken, `{"progress": 10}`); res.Status != http.StatusForbidden {
			t.Errorf("outsider: %d", res.Status)
		}
		if res := api.JSON(http.MethodPut, "/api/v1"+path, s.coordToken, `{"progress": 80}`); res.Status != http.StatusOK {
			t.Errorf("coordinator: %d %s", res.Status, res.Body)
		}

		// An owner whose term has ended has no rights from it.
		ended := app.Day(env.Clock.Now()).AddDate(0, 0, -1)
		former := env.CreateUser(t, "Entinen Omistaja", "entinen@example.fi", false)
		f.MemberWith(s.network, network.MembershipInput{PersonID: former.PersonID, Role: network.RoleMember, TermEnd: &ended})
		gone := f.ActionWith(f.Objective(f.Plan(s.network, "Toinen"), "Tavoite"),
			plan.ActionInput{Title: "Vanha", OwnerID: former.PersonID, Status: plan.ActionPlanned, Weight: 1, DueOn: &ended})
		if res := api.JSON(http.MethodPut, "/api/v1/actions/"+itoa(gone)+"/progress", token(t, env, former), `{"progress": 10}`); res.Status != http.StatusForbidden {
			t.Errorf("former owner: %d", res.Status)
		}
	})
}
