package meeting_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
)

// TestNetworkNameInSwedish: a Swedish reader sees the network's Swedish
// name on the meeting page, its cancellation page and the attendance
// histories; the API gives network_name_sv and network_name_en.
func TestNetworkNameInSwedish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newSetup(t, d)
		if _, err := d.ExecContext(ctx, `UPDATE networks SET name_sv = 'Verkstadsnätverket', name_en = 'Workshop network' WHERE id = $1`, s.network); err != nil {
			t.Fatal(err)
		}
		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), meetingForm("Verkostotapaaminen", "2026-12-08"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		page := r.Location
		if r := s.convener.Get(page); !strings.Contains(r.Text(), "Työpajaverkosto") || strings.Contains(r.Text(), "Verkstadsnätverket") {
			t.Errorf("Finnish page:\n%s", r.Text())
		}
		s.convener.Get("/lang/sv?next=/")
		if r := s.convener.Get(page); !strings.Contains(r.Text(), "Verkstadsnätverket") {
			t.Errorf("Swedish meeting page:\n%s", r.Text())
		}
		if r := s.convener.Get(page + "/cancel"); !strings.Contains(r.Body, "<dd>Verkstadsnätverket</dd>") {
			t.Errorf("Swedish cancellation page:\n%s", r.Text())
		}
		tok := apiToken(t, s, s.convenerEmail)
		got := decode[meeting.JSON](t, s.env.Client(t).JSON(http.MethodGet, "/api/v1"+page, tok, ""))
		if got.NetworkName != "Työpajaverkosto" || got.NetworkNameSv != "Verkstadsnätverket" || got.NetworkNameEn != "Workshop network" {
			t.Errorf("API: %+v", got)
		}
	})
}

// TestHistoryNetworkNameInSwedish: the attendance histories name the
// networks in the reader's language.
func TestHistoryNetworkNameInSwedish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newHistoryEnv(t, d)
		if _, err := d.ExecContext(context.Background(), `UPDATE networks SET name_sv = 'Kompetensnätverket' WHERE id = $1`, e.n2); err != nil {
			t.Fatal(err)
		}
		e.annaC.Get("/lang/sv?next=/")
		for _, p := range []string{fmt.Sprintf("/people/%d/attendance", e.anna), fmt.Sprintf("/organisations/%d/attendance", e.orgA)} {
			r := e.annaC.Get(p)
			if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Kompetensnätverket") || strings.Contains(r.Text(), "Osaamisverkosto") ||
				!strings.Contains(r.Text(), "Työpajaverkosto") {
				t.Errorf("%s in Swedish: %d\n%s", p, r.Status, r.Text())
			}
		}
	})
}
