package minutes_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestNetworkNameInSwedish: the Swedish-speaking member sees the
// network's Swedish name on the minutes and the take-home summary.
func TestNetworkNameInSwedish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWeb(t, d)
		if _, err := d.ExecContext(context.Background(), `UPDATE networks SET name_sv = 'Verkstadsnätverket' WHERE id = $1`, w.f.network); err != nil {
			t.Fatal(err)
		}
		if r := w.member.Get(w.base + "/minutes"); !strings.Contains(r.Body, "· Verkstadsnätverket</p>") {
			t.Errorf("Swedish minutes page: %d %s", r.Status, r.Text())
		}
		if r := w.member.Get(fmt.Sprintf("%s/summary?organisation=%d", w.base, w.f.org)); !strings.Contains(r.Body, "<dd>Verkstadsnätverket</dd>") {
			t.Errorf("Swedish summary: %d %s", r.Status, r.Text())
		}
		if r := w.convener.Get(w.base + "/minutes"); !strings.Contains(r.Body, "· Työpajaverkosto</p>") {
			t.Errorf("Finnish minutes page: %d %s", r.Status, r.Text())
		}
	})
}
