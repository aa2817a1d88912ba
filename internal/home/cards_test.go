package home_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestNetworkCardsSeeOtherInstancesAndTime: the home page's network cards,
// cached per instance, show on the next request what another instance
// changed with plain SQL (a new meeting, a rename, a new member, a
// cancelled meeting) and, with no write at all, the meeting after the
// next one once the next one has ended.
func TestNetworkCardsSeeOtherInstancesAndTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := servertest.New(t, d)
		now := env.Clock.Now()
		u := env.CreateUser(t, "Maija Jäsen", "maija@example.fi", false)
		f := fixture.New(t, d, env.Clock)
		nid := f.Network(f.Project("Hanke"), "Pajaverkosto")
		f.Member(nid, u.PersonID, network.RoleMember)
		first := now.Add(3 * time.Hour)
		f.MeetingWith(nid, meeting.Input{Title: "Ensimmäinen", StartsAt: first, Mode: meeting.ModeRemote})
		f.MeetingWith(nid, meeting.Input{Title: "Toinen", StartsAt: now.Add(72 * time.Hour), Mode: meeting.ModeRemote})
		c := env.Login(t, "maija@example.fi")
		want := func(when string, has ...string) {
			t.Helper()
			txt := c.Get("/").Text()
			for _, s := range has {
				if !strings.Contains(txt, s) {
					t.Errorf("%s: no %q in %s", when, s, txt)
				}
			}
		}
		want("first", "Pajaverkosto", "Seuraava kokous: Ensimmäinen", "1 jäsen")
		want("cached", "Seuraava kokous: Ensimmäinen")

		other, err := db.Open(ctx, d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := other.ExecContext(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		exec(`UPDATE networks SET name = 'Työpajaverkosto' WHERE id = $1`, nid)
		want("renamed", "Työpajaverkosto")
		exec(`UPDATE meetings SET title = 'Aloituskokous' WHERE title = 'Ensimmäinen'`)
		want("meeting renamed", "Seuraava kokous: Aloituskokous")
		x := f.Person("Uusi Jäsen", "", 0)
		exec(`INSERT INTO memberships (network_id, person_id, role, term_start, created_at, updated_at) VALUES ($1, $2, 'member', $3, $4, $4)`,
			nid, x, db.Now(now.AddDate(0, 0, -1)), db.Now(now))
		want("new member", "2 jäsentä")

		// No write: the first meeting ends, the second is next.
		env.Clock.Set(first.Add(3 * time.Hour))
		want("after the first", "Seuraava kokous: Toinen")
		exec(`UPDATE meetings SET status = 'cancelled' WHERE title = 'Toinen'`)
		want("cancelled", "Ei tulevia kokouksia")
	})
}
