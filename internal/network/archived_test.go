package network_test

import (
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestArchivedNetworkHasNoCoveragePanel: coverage is about who takes
// part now, so an archived network (every term over) shows its members
// but no panel of missing sectors; an active one shows it.
func TestArchivedNetworkHasNoCoveragePanel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		u := env.CreateUser(t, "Maija Jäsen", "maija@example.fi", false)
		f := fixture.New(t, d, env.Clock)
		pid := f.Project("Hanke")
		c := env.Login(t, "maija@example.fi")
		for status, want := range map[string]bool{network.StatusActive: true, network.StatusArchived: false} {
			nid := f.NetworkWith(pid, network.Input{Name: "Verkosto " + status, Status: status})
			f.Member(nid, u.PersonID, network.RoleMember)
			r := c.Get("/networks/" + itoa(nid))
			if got := strings.Contains(r.Body, `id="coverage"`); got != want || !strings.Contains(r.Body, `id="members"`) {
				t.Errorf("%s network: coverage panel %v, want %v (members shown: %v)", status, got, want, strings.Contains(r.Body, `id="members"`))
			}
		}
	})
}
