package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestAdminTimesInHelsinki: a sign-in at 00.29 Helsinki time (22.29 UTC
// the day before) shows the Helsinki date and time, in every language.
func TestAdminTimesInHelsinki(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		acct := env.CreateUser(t, "Ville Väisänen", "ville@example.fi", true)
		admin := env.Login(t, "ville@example.fi")
		at := time.Date(2026, 11, 21, 22, 29, 0, 0, time.UTC)
		if _, err := d.ExecContext(context.Background(), `UPDATE users SET last_login_at = $1 WHERE id = $2`, db.Now(at), acct.ID); err != nil {
			t.Fatal(err)
		}
		for lang, want := range map[string]string{"fi": "22.11.2026 klo 0.29", "sv": "22.11.2026 kl. 0.29", "en": "22.11.2026 at 0:29"} {
			admin.Get("/lang/" + lang + "?next=/")
			r := admin.Get("/admin/accounts")
			if r.Status != http.StatusOK || !strings.Contains(r.Text(), want) || strings.Contains(r.Text(), "21.11.2026") || strings.Contains(r.Text(), "UTC") {
				t.Errorf("%s: want %q:\n%s", lang, want, r.Text())
			}
		}
	})
}
