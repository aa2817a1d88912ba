package plan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/plan"
)

// TestNetworkNameInSwedish: a Swedish reader sees the network's Swedish
// name on a plan and on the project's goals page.
func TestNetworkNameInSwedish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		if _, err := d.ExecContext(context.Background(), `UPDATE networks SET name_sv = 'Verkstadsverksamheten' WHERE id = $1`, s.network); err != nil {
			t.Fatal(err)
		}
		f := fixture.New(t, d, s.env.Clock)
		planID := f.Plan(s.network, "Toimintasuunnitelma")
		obj := f.ObjectiveWith(planID, plan.ObjectiveInput{Title: "Pajat tutuiksi", GoalID: s.goal1, Weight: 1})
		f.Action(obj, "Pajaesittelyt")
		c := s.env.Login(t, "kaisa@example.fi")
		c.Get("/lang/sv?next=/")
		if r := c.Get("/plans/" + itoa(planID)); !strings.Contains(r.Body, ">Verkstadsverksamheten</a> (") {
			t.Errorf("Swedish plan page: %s", r.Text())
		}
		r := c.Get("/projects/" + itoa(s.project) + "/goals")
		if !strings.Contains(r.Body, " – Verkstadsverksamheten,") || !strings.Contains(r.Body, ">Verkstadsverksamheten</td>") || strings.Contains(r.Text(), "Työpajatoiminta") {
			t.Errorf("Swedish goals page: %s", r.Text())
		}
	})
}
