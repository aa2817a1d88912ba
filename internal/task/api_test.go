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
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
	"github.com/kohtaamo/kohtaamo/internal/task"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

func TestMyTasksAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		now := env.Clock.Now()
		ts := db.Now(now)
		day := func(n int) time.Time { return app.Day(now).AddDate(0, 0, n) }
		owner := env.CreateUser(t, "Olli Omistaja", "olli@example.fi", false)
		other := env.CreateUser(t, "Muu Jäsen", "muu@example.fi", false)
		p := id(t, d, `INSERT INTO projects (name, created_at, updated_at) VALUES ('Hanke', $1, $1)`, ts)
		n := id(t, d, `INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, 'Työpajaverkosto', $2, $2)`, p, ts)
		m := id(t, d, `INSERT INTO meetings (network_id, title, starts_at, ends_at, mode, created_at, updated_at) VALUES ($1, 'Kokous', $2, $3, 'remote', $2, $2)`,
			n, db.Now(now.Add(-48*time.Hour)), db.Now(now.Add(-46*time.Hour)))
		item := func(title, status string, who int64, due any) int64 {
			return id(t, d, `INSERT INTO action_items (meeting_id, network_id, title, owner_person_id, due_on, status, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, m, n, title, who, due, status, ts)
		}
		later := item("Myöhemmin", "open", owner.PersonID, day(10))
		late := item("Myöhässä", "open", owner.PersonID, day(-2))
		item("Valmis", "done", owner.PersonID, day(-5))
		item("Toisen", "open", other.PersonID, day(-5))
		noDue := item("Joskus", "open", owner.PersonID, nil)
		plan := id(t, d, `INSERT INTO action_plans (network_id, title, starts_on, ends_on, status, created_at, updated_at) VALUES ($1, 'Suunnitelma', $2, $2, 'active', $3, $3)`, n, day(0), ts)
		obj := id(t, d, `INSERT INTO plan_objectives (plan_id, title, created_at, updated_at) VALUES ($1, 'Tavoite', $2, $2)`, plan, ts)
		action := id(t, d, `INSERT INTO plan_actions (objective_id, title, owner_id, due_on, status, created_at, updated_at) VALUES ($1, 'Toimenpide', $2, $3, 'in_progress', $4, $4)`,
			obj, owner.PersonID, day(3), ts)

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
		if got := list.Items[1]; got.URL != "/plans/"+strconv.FormatInt(plan, 10) || got.APIURL != "/api/v1/actions/"+strconv.FormatInt(action, 10) {
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
