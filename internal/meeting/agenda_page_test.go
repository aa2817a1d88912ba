package meeting_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestAgendaDeadlineOnPage: through the meeting page's form, members
// propose items until the end of the deadline day (Helsinki); after it a
// proposal is refused with the translated message next to the title field,
// the typed text kept; the convener may still add items.
func TestAgendaDeadlineOnPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		sven := s.env.Login(t, "sven@example.fi")
		f := meetingForm("Joulukuun kokous", "2026-12-08")
		f.Set("agenda_deadline", "2026-12-01")
		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), f)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		page := r.Location

		if r := s.member.Get(page); !strings.Contains(r.Body, `id="item_title"`) {
			t.Fatalf("no proposal form before the deadline:\n%s", r.Text())
		}
		// Before the deadline, up to its last minute (23.59 Helsinki).
		for _, at := range []time.Time{time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 21, 59, 0, 0, time.UTC)} {
			s.env.Clock.Set(at)
			r := s.member.PostForm(page+"/agenda", url.Values{"item_title": {"Ehdotus " + at.Format("15.04")}})
			if r.Status != http.StatusSeeOther {
				t.Errorf("proposal at %s: %d %s", at, r.Status, r.Text())
			}
		}
		if n := count(t, d, "agenda_items"); n != 2 {
			t.Fatalf("%d agenda items before the deadline, want 2", n)
		}
		// From midnight on, refused next to the field, in the member's
		// language, the text kept.
		s.env.Clock.Set(time.Date(2026, 12, 1, 22, 0, 0, 0, time.UTC))
		for c, msg := range map[*servertest.Client]string{s.member: "Asialistaehdotusten määräaika on mennyt.", sven: "Tidsfristen för förslag har gått ut."} {
			r := c.PostForm(page+"/agenda", url.Values{"item_title": {"Myöhästynyt ehdotus"}})
			if r.Status != http.StatusUnprocessableEntity || pageError(r.Body, "item_title") != msg || !strings.Contains(r.Body, `value="Myöhästynyt ehdotus"`) {
				t.Errorf("late proposal: %d, item_title error %q\n%s", r.Status, pageError(r.Body, "item_title"), r.Text())
			}
		}
		if n := count(t, d, "agenda_items"); n != 2 {
			t.Errorf("%d agenda items after late proposals, want 2", n)
		}
		if r := s.member.Get(page); strings.Contains(r.Body, `id="item_title"`) {
			t.Errorf("proposal form still offered after the deadline")
		}
		if r := s.convener.PostForm(page+"/agenda", url.Values{"item_title": {"Puheenjohtajan lisäys"}}); r.Status != http.StatusSeeOther {
			t.Errorf("convener after the deadline: %d %s", r.Status, r.Text())
		}
	})
}
