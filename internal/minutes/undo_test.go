package minutes_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	kweb "github.com/kohtaamo/kohtaamo/internal/web"
)

// TestUndoItemDone: marking an action item done (My tasks or the minutes
// page) offers an Undo for a short time that reopens it, for its owner
// and managers only, once, and not after someone changed it since.
func TestUndoItemDone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWeb(t, d)
		item := url.Values{"title": {"Tiedota kunnalle"}, "owner_id": {fmt.Sprint(w.memberPerson)}, "due_on": {"2026-12-01"}, "status": {"open"}}
		if r := w.secretary.PostForm(w.base+"/action-items", item); r.Status != http.StatusSeeOther {
			t.Fatalf("add item: %d %s", r.Status, r.Text())
		}
		var id int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM action_items`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		status := fmt.Sprintf("/action-items/%d/status", id)
		undo := fmt.Sprintf("/action-items/%d/undo", id)
		want := func(label, st string) {
			t.Helper()
			it, err := minutes.NewStore(d).Item(ctx, id, w.env.Clock.Now())
			if err != nil {
				t.Fatal(err)
			}
			if it.Status != st || (it.CompletedAt != nil) != (st == minutes.ItemDone) {
				t.Errorf("%s: %s completed %v, want %s", label, it.Status, it.CompletedAt, st)
			}
		}
		done := func() {
			t.Helper()
			if r := w.member.PostForm(status, url.Values{"status": {"done"}, "next": {"/#my-tasks"}}); r.Status != http.StatusSeeOther || r.Location != "/#flash" {
				t.Fatalf("mark done: %d %s", r.Status, r.Location)
			}
		}

		// Forged, before anything was done: nothing.
		if r := w.member.PostForm(undo, url.Values{"status": {"cancelled"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("forged undo: %d", r.Status)
		}
		want("forged undo", minutes.ItemOpen)

		// Done from My tasks: the flash (Swedish, the member's language)
		// offers the undo.
		done()
		want("done", minutes.ItemDone)
		home := w.member.Get("/")
		if !strings.Contains(home.Text(), "Markerad som klar: Tiedota kunnalle") ||
			!strings.Contains(home.Body, `action="`+undo+`"`) || !strings.Contains(home.Body, `aria-label="Ångra: Tiedota kunnalle"`) {
			t.Fatalf("no undo in the flash: %s", home.Body)
		}
		if r := w.outsider.PostForm(undo, nil); r.Status != http.StatusForbidden {
			t.Errorf("outsider undoes: %d", r.Status)
		}
		want("outsider's undo", minutes.ItemDone)
		if r := w.member.PostForm(undo, nil); r.Status != http.StatusSeeOther || r.Location != "/#flash" {
			t.Fatalf("undo: %d %s", r.Status, r.Location)
		}
		want("undo", minutes.ItemOpen)
		if txt := w.member.Get("/").Text(); !strings.Contains(txt, "Markeringen ångrad: Tiedota kunnalle") {
			t.Errorf("undo's flash: %s", txt)
		}
		// Repeated: nothing, though it is done again meanwhile on the
		// minutes page (whose own undo returns there).
		if r := w.secretary.PostForm(status, url.Values{"status": {"done"}}); r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location, "/minutes#flash") {
			t.Fatalf("secretary marks done: %d %s", r.Status, r.Location)
		}
		if r := w.member.PostForm(undo, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("repeated undo: %d", r.Status)
		}
		want("repeated undo", minutes.ItemDone)
		if page := w.secretary.Get(w.base + "/minutes"); !strings.Contains(page.Body, `action="`+undo+`"`) {
			t.Errorf("no undo on the minutes page")
		}
		if r := w.secretary.PostForm(undo, nil); r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location, "/minutes#flash") {
			t.Fatalf("secretary's undo: %d %s", r.Status, r.Location)
		}
		want("secretary's undo", minutes.ItemOpen)

		// Changed since: the undo leaves it and says so.
		done()
		if r := w.secretary.PostForm(status, url.Values{"status": {"cancelled"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("cancel: %d", r.Status)
		}
		if r := w.member.PostForm(undo, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("stale undo: %d", r.Status)
		}
		want("stale undo", minutes.ItemCancelled)
		if txt := w.member.Get("/").Text(); !strings.Contains(txt, "har ändrats efteråt") {
			t.Errorf("stale undo's flash: %s", txt)
		}

		// Past its time.
		if r := w.member.PostForm(status, url.Values{"status": {"open"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("reopen: %d", r.Status)
		}
		done()
		w.env.Clock.Advance(kweb.UndoTTL + time.Second)
		if r := w.member.PostForm(undo, url.Values{"next": {"/"}}); r.Status != http.StatusSeeOther || r.Location != "/#flash" {
			t.Fatalf("late undo: %d %s", r.Status, r.Location)
		}
		want("late undo", minutes.ItemDone)
		if txt := w.member.Get("/").Text(); !strings.Contains(txt, "tiden har gått ut") {
			t.Errorf("late undo's flash: %s", txt)
		}

		// The service: the owner's right, and only from the status set.
		svc := minutes.NewService(d, auth.NewPolicy(d, w.env.Clock), w.env.Clock, nil)
		acct := w.env.CreateUser(t, "Toinen Jäsen", "toinen@example.fi", false)
		fx.New(t, d, w.env.Clock).Member(w.f.network, acct.PersonID, network.RoleMember)
		another, err := svc.Item(ctx, &app.User{ID: acct.ID, PersonID: acct.PersonID}, id, minutes.RightRead)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.UndoItemStatus(ctx, another, minutes.ItemDone, minutes.ItemOpen); !app.IsCode(err, app.EFORBIDDEN) {
			t.Errorf("another member's undo: %v", err)
		}
		owner, err := svc.Item(ctx, &app.User{ID: 998, PersonID: w.memberPerson}, id, minutes.RightSetStatus)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.UndoItemStatus(ctx, owner, minutes.ItemCancelled, minutes.ItemOpen); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("undo from a status not set: %v", err)
		}
		if err := svc.UndoItemStatus(ctx, owner, minutes.ItemDone, minutes.ItemOpen); err != nil {
			t.Fatal(err)
		}
		want("service undo", minutes.ItemOpen)
	})
}
