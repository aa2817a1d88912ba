package task_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	planpkg "github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
	"github.com/kohtaamo/kohtaamo/internal/task"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

func TestMyTasksAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		now := env.Clock.Now()
		day := func(n int) time.Time { return app.Day(now).AddDate(0, 0, n) }
		owner := env.CreateUser(t, "Olli Omistaja", "olli@example.fi", false)
		other := env.CreateUser(t, "Muu Jäsen", "muu@example.fi", false)
		f := fx.New(t, d, env.Clock)
		n := f.Network(f.Project("Hanke"), "Työpajaverkosto")
		// Owners of action items and plan actions are the network's members.
		f.Member(n, owner.PersonID, network.RoleMember)
		f.Member(n, other.PersonID, network.RoleMember)
		m := f.MeetingWith(n, meeting.Input{Title: "Kokous", StartsAt: now.Add(-48 * time.Hour), Mode: meeting.ModeRemote})
		item := func(title, status string, who int64, due *time.Time) int64 {
			if due == nil {
				return itemWithoutDue(t, d, m, n, title, who, now)
			}
			return f.ActionItemWith(m, minutes.ItemInput{Title: title, OwnerID: who, DueOn: due, Status: status})
		}
		date := func(days int) *time.Time { x := day(days); return &x }
		later := item("Myöhemmin", minutes.ItemOpen, owner.PersonID, date(10))
		late := item("Myöhässä", minutes.ItemOpen, owner.PersonID, date(-2))
		item("Valmis", minutes.ItemDone, owner.PersonID, date(-5))
		item("Toisen", minutes.ItemOpen, other.PersonID, date(-5))
		noDue := item("Joskus", minutes.ItemOpen, owner.PersonID, nil)
		plan := f.Plan(n, "Suunnitelma")
		action := f.ActionWith(f.Objective(plan, "Tavoite"), planpkg.ActionInput{Title: "Toimenpide", OwnerID: owner.PersonID, DueOn: date(3),
			Status: planpkg.ActionInProgress, Weight: 1})

		tok, err := auth.NewStore(d).CreateAPIToken(context.Background(), owner.ID, "test", now)
		if err != nil {
			t.Fatal(err)
		}
		c := env.Client(t)
		r := c.JSON(http.MethodGet, "/api/v1/me/tasks", tok, "")
		var list web.ListResponse[task.JSON]
		if r.Status != http.StatusOK || json.Unmarshal([]byte(r.Body), &list) != nil {
			t.Fatalf("my tasks: %d %s", r.Status, r.Body)
		}
		want := []struct {
			kind    string
			id      int64
			overdue bool
		}{{"item", late, true}, {"action", action, false}, {"item", later, false}, {"item", noDue, false}}
		if list.Total != len(want) || len(list.Items) != len(want) {
			t.Fatalf("tasks: %s", r.Body)
		}
		for i, w := range want {
			got := list.Items[i]
			if got.Kind != w.kind || got.ID != w.id || got.Overdue != w.overdue || got.NetworkName != "Työpajaverkosto" {
				t.Errorf("task %d: %+v, want %+v", i, got, w)
			}
		}
		if got := list.Items[0]; got.DueOn == nil || *got.DueOn != day(-2).Format("2006-01-02") || got.URL != "/meetings/"+strconv.FormatInt(m, 10)+"/minutes" ||
			got.APIURL != "/api/v1/action-items/"+strconv.FormatInt(late, 10) {
			t.Errorf("overdue item: %+v", got)
		}
		if got := list.Items[1]; got.URL != "/plans/"+strconv.FormatInt(plan, 10)+"#action-"+strconv.FormatInt(action, 10) || got.APIURL != "/api/v1/actions/"+strconv.FormatInt(action, 10) {
			t.Errorf("action: %+v", got)
		}
		if list.Items[3].DueOn != nil {
			t.Errorf("no due date: %+v", list.Items[3])
		}

		// Paging, bad paging, the public.
		r = c.JSON(http.MethodGet, "/api/v1/me/tasks?per_page=1&page=2", tok, "")
		if json.Unmarshal([]byte(r.Body), &list) != nil || list.Total != 4 || len(list.Items) != 1 || list.Items[0].ID != action {
			t.Errorf("page 2: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, "/api/v1/me/tasks?per_page=0", tok, ""); r.Status != http.StatusBadRequest {
			t.Errorf("per_page=0: %d", r.Status)
		}
		if r := c.JSON(http.MethodGet, "/api/v1/me/tasks", "", ""); r.Status != http.StatusUnauthorized {
			t.Errorf("public: %d", r.Status)
		}
		// Someone else sees only their own.
		otok, err := auth.NewStore(d).CreateAPIToken(context.Background(), other.ID, "test", now)
		if err != nil {
			t.Fatal(err)
		}
		r = c.JSON(http.MethodGet, "/api/v1/me/tasks", otok, "")
		if json.Unmarshal([]byte(r.Body), &list) != nil || list.Total != 1 || list.Items[0].Title != "Toisen" || !list.Items[0].Overdue {
			t.Errorf("other's tasks: %d %s", r.Status, r.Body)
		}
	})
}
