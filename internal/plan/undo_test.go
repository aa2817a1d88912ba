package plan_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// TestUndoDone: marking an action done from My tasks offers an Undo for
// a short time that puts its status and progress back, for its owner
// only, once, and never over a change made since; the state to restore
// is the server's, whatever the form says.
func TestUndoDone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		env := s.env
		f := fixture.New(t, d, env.Clock)
		owner := env.CreateUser(t, "Olli Omistaja", "omistaja@example.fi", false)
		other := env.CreateUser(t, "Muu Jäsen", "muu@example.fi", false)
		f.Member(s.network, owner.PersonID, network.RoleMember)
		f.Member(s.network, other.PersonID, network.RoleMember)
		action := f.ActionWith(f.Objective(f.Plan(s.network, "Suunnitelma"), "Tavoite"),
			plan.ActionInput{Title: "Pajaesittelyt", OwnerID: owner.PersonID, Status: plan.ActionInProgress, Progress: 40, Weight: 1})
		progress := "/actions/" + itoa(action) + "/progress"
		undo := "/actions/" + itoa(action) + "/undo"
		state := func() (string, int) {
			t.Helper()
			a, err := plan.NewStore(d).GetAction(t.Context(), action)
			if err != nil {
				t.Fatal(err)
			}
			return a.Status, a.Progress
		}
		want := func(label, status string, progress int) {
			t.Helper()
			if st, p := state(); st != status || p != progress {
				t.Errorf("%s: %s %d, want %s %d", label, st, p, status, progress)
			}
		}
		c := env.Login(t, "omistaja@example.fi")
		done := func() {
			t.Helper()
			r := c.PostForm(progress, url.Values{"status": {"done"}, "next": {"/#my-tasks"}})
			if r.Status != http.StatusSeeOther || r.Location != "/#flash" {
				t.Fatalf("mark done: %d %s", r.Status, r.Location)
			}
		}

		// A forged undo before anything was done: nothing changes, and
		// a state in the form is not read.
		r := c.PostForm(undo, url.Values{"status": {"planned"}, "progress": {"0"}, "next": {"/"}})
		if r.Status != http.StatusSeeOther || r.Location != "/#flash" {
			t.Fatalf("forged undo: %d %s", r.Status, r.Location)
		}
		if txt := c.Get("/").Text(); !strings.Contains(txt, "ei voi enää kumota") {
			t.Errorf("forged undo says nothing: %s", txt)
		}
		want("forged undo", plan.ActionInProgress, 40)

		// Done, then the flash on My tasks with its Undo button.
		done()
		want("done", plan.ActionDone, 100)
		home := c.Get("/")
		if !strings.Contains(home.Text(), "Merkitty tehdyksi: Pajaesittelyt") ||
			!strings.Contains(home.Body, `action="`+undo+`"`) || !strings.Contains(home.Body, `aria-label="Kumoa: Pajaesittelyt"`) {
			t.Fatalf("no undo in the flash: %s", home.Body)
		}
		if again := c.Get("/"); strings.Contains(again.Body, `action="`+undo+`"`) {
			t.Errorf("the undo button outlives its flash")
		}

		// Someone else may not undo it: another member, the outsider.
		for _, who := range []string{"muu@example.fi", "olli@example.fi"} {
			if r := env.Login(t, who).PostForm(undo, nil); r.Status != http.StatusForbidden {
				t.Errorf("%s undoes: %d", who, r.Status)
			}
		}
		want("others' undo", plan.ActionDone, 100)

		// The owner's undo restores in progress 40 % and goes back.
		r = c.PostForm(undo, url.Values{"status": {"planned"}, "next": {"/elsewhere"}})
		if r.Status != http.StatusSeeOther || r.Location != "/#flash" {
			t.Fatalf("undo: %d %s", r.Status, r.Location)
		}
		want("undo", plan.ActionInProgress, 40)
		if txt := c.Get("/").Text(); !strings.Contains(txt, "Merkintä kumottu: Pajaesittelyt") {
			t.Errorf("undo's flash: %s", txt)
		}

		// Repeated: nothing, even after a change since.
		if r := c.PostForm(progress, url.Values{"progress": {"60"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("progress: %d", r.Status)
		}
		if r := c.PostForm(undo, url.Values{"next": {"/"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("repeated undo: %d", r.Status)
		}
		want("repeated undo", plan.ActionInProgress, 60)

		// Changed since it was marked done: the undo says so and leaves it.
		done()
		coord := env.Login(t, "kaisa@example.fi")
		if r := coord.PostForm(progress, url.Values{"status": {"in_progress"}, "progress": {"80"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("coordinator's progress: %d", r.Status)
		}
		if r := c.PostForm(undo, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("stale undo: %d", r.Status)
		}
		want("stale undo", plan.ActionInProgress, 80)
		if txt := c.Get("/").Text(); !strings.Contains(txt, "tietoja on muutettu") {
			t.Errorf("stale undo's flash: %s", txt)
		}

		// Past its time: a message, not an error page, and it stays done.
		done()
		env.Clock.Advance(web.UndoTTL + time.Second)
		if r := c.PostForm(undo, url.Values{"next": {"/"}}); r.Status != http.StatusSeeOther || r.Location != "/#flash" {
			t.Fatalf("late undo: %d %s", r.Status, r.Location)
		}
		want("late undo", plan.ActionDone, 100)
		if txt := c.Get("/").Text(); !strings.Contains(txt, "kumoamisaika on päättynyt") {
			t.Errorf("late undo's flash: %s", txt)
		}

		// The service: the same right as the progress, and no undo of an
		// action that is not done.
		svc := plan.NewService(d, auth.NewPolicy(d, env.Clock), env.Clock)
		prev := plan.ProgressState{Status: plan.ActionPlanned, Progress: 0}
		if _, err := svc.UndoDone(t.Context(), &app.User{ID: other.ID, PersonID: other.PersonID}, action, prev); !app.IsCode(err, app.EFORBIDDEN) {
			t.Errorf("another member's undo: %v", err)
		}
		if _, err := svc.UndoDone(t.Context(), nil, action, prev); !app.IsCode(err, app.EUNAUTH) {
			t.Errorf("the public's undo: %v", err)
		}
		me := &app.User{ID: owner.ID, PersonID: owner.PersonID}
		if _, err := svc.UndoDone(t.Context(), me, action, prev); err != nil {
			t.Fatalf("owner's undo: %v", err)
		}
		want("service undo", plan.ActionPlanned, 0)
		if _, err := svc.UndoDone(t.Context(), me, action, prev); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("undo of an action not done: %v", err)
		}
	})
}
