package server_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	build "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestArchivedNetworkIsHistory: an archived network's meetings, minutes
// and action items are kept for reading and changed by nobody, not even
// the project's coordinator with a hand-made request; the same meeting of
// an active network can be.
func TestArchivedNetworkIsHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		f := build.New(t, d, env.Clock)
		coord := env.CreateUser(t, "Kaisa Koordinaattori", "kaisa@example.fi", false)
		owner := env.CreateUser(t, "Olli Omistaja", "olli@example.fi", false)
		pid := f.Project("Hanke")
		f.Staff(pid, coord.PersonID, "coordinator")
		check := func(status string, want int) {
			t.Helper()
			nid := f.NetworkWith(pid, network.Input{Name: "Verkosto " + status, Status: status})
			f.Member(nid, owner.PersonID, network.RoleMember)
			held := f.Meeting(nid, "Pidetty kokous", env.Clock.Now().Add(-72*time.Hour))
			next := f.Meeting(nid, "Tuleva kokous", env.Clock.Now().Add(72*time.Hour))
			f.Minutes(held, "Pöytäkirja")
			item := f.ActionItem(held, "Tehtävä", owner.PersonID, env.Clock.Now().AddDate(0, 0, 7))
			mid, nxt := strconv.FormatInt(held, 10), strconv.FormatInt(next, 10)
			c := env.Login(t, "kaisa@example.fi")
			page := c.Get("/meetings/" + nxt).Body
			if got := strings.Contains(page, "/meetings/"+nxt+"/edit"); got != (want != http.StatusForbidden) {
				t.Errorf("%s network: edit link shown %v", status, got)
			}
			for _, r := range []struct {
				c    *servertest.Client
				path string
				form url.Values
			}{
				{c, "/meetings/" + nxt + "/cancel", url.Values{}},
				{c, "/meetings/" + mid + "/minutes", url.Values{"body": {"Muutettu"}}},
				{env.Login(t, "olli@example.fi"), "/action-items/" + strconv.FormatInt(item, 10) + "/status", url.Values{"status": {"done"}}},
			} {
				if res := r.c.PostForm(r.path, r.form); res.Status != want {
					t.Errorf("%s network: POST %s: %d, want %d", status, r.path, res.Status, want)
				}
			}
		}
		check(network.StatusActive, http.StatusSeeOther)
		check(network.StatusArchived, http.StatusForbidden)
	})
}
