package home_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/home"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func TestHome(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		now := env.Clock.Now()
		member := env.CreateUser(t, "Maija Jäsen", "maija@example.fi", false)
		env.CreateUser(t, "Olli Ulkopuolinen", "olli@example.fi", false)
		f := fixture.New(t, d, env.Clock)
		pid := f.Project("Välityömarkkinahanke")
		nid := f.Network(pid, "Työpajatoiminta")
		f.Member(nid, member.PersonID, network.RoleSecretary)
		other := f.Person("Entinen", "", 0)
		ended := now.AddDate(0, -1, 0)
		f.MemberWith(nid, network.MembershipInput{PersonID: other, Role: network.RoleMember, TermEnd: &ended})

		start := time.Date(2026, 11, 29, 7, 0, 0, 0, time.UTC)
		mid := f.MeetingWith(nid, meeting.Input{Title: "Marraskuun kokous", StartsAt: start, Mode: meeting.ModeRemote})
		f.Cancel(f.MeetingWith(nid, meeting.Input{Title: "Peruttu kokous", StartsAt: start.Add(-24 * time.Hour), Mode: meeting.ModeRemote}))

		f.ActionItem(mid, "Kerää kuntien palaute", member.PersonID, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))

		// A network of an ended project, archived: history, by name only.
		endedProject := f.Project("Päättynyt hanke")
		if err := project.NewStore(d).SetArchived(context.Background(), endedProject, true, now); err != nil {
			t.Fatal(err)
		}
		old := f.NetworkWith(endedProject, network.Input{Name: "Vanha verkosto", Status: network.StatusArchived})
		f.Member(old, member.PersonID, network.RoleMember)
		f.MemberWith(old, network.MembershipInput{PersonID: other, Role: network.RoleMember, TermEnd: &ended})

		t.Run("Public", func(t *testing.T) {
			r := env.Client(t).Get("/")
			if r.Status != 200 || !strings.Contains(r.Text(), "1 käynnissä oleva hanke") || !strings.Contains(r.Text(), "1 aktiivinen verkosto") {
				t.Fatalf("public home: %d %s", r.Status, r.Text())
			}
		})
		t.Run("Member", func(t *testing.T) {
			r := env.Login(t, "maija@example.fi").Get("/")
			txt := r.Text()
			for _, want := range []string{"Tervetuloa, Maija Jäsen", "Työpajatoiminta", "sihteeri", "2 jäsentä", "Seuraava kokous: Marraskuun kokous", "29.11.2026 9.00", "Omat tehtävät Myöhässä Kerää kuntien palaute", "määräpäivä 20.11.2026", "1 jäsenen kausi on päättynyt", "Et työskentele vielä missään hankkeessa"} {
				if !strings.Contains(txt, want) {
					t.Errorf("missing %q in %s", want, txt)
				}
			}
			if !strings.Contains(txt, "Arkistoidut verkostot Vanha verkosto · Päättynyt hanke") || strings.Count(txt, "kausi on päättynyt") != 1 {
				t.Errorf("the archived network is not listed as history: %s", txt)
			}
		})
		t.Run("EmptyState", func(t *testing.T) {
			r := env.Login(t, "olli@example.fi").Get("/")
			if !strings.Contains(r.Text(), "Et ole vielä minkään verkoston jäsen") || strings.Contains(r.Text(), "Työpajatoiminta") ||
				!strings.Contains(r.Text(), "Sinulla ei ole avoimia tehtäviä") {
				t.Fatalf("empty state: %s", r.Text())
			}
		})
		t.Run("StaffSeesProjectNetworks", func(t *testing.T) {
			staff := env.CreateUser(t, "Kaisa Koordinaattori", "kaisa@example.fi", false)
			f.Staff(pid, staff.PersonID, project.RoleCoordinator)
			s := home.NewStore(d)
			nets, err := s.MyNetworks(context.Background(), staff.PersonID, now, now)
			if err != nil || len(nets) != 1 || nets[0].Role != "" || nets[0].EndedTerms != 1 {
				t.Fatalf("staff networks: %+v %v", nets, err)
			}
			projs, err := s.MyProjects(context.Background(), staff.PersonID)
			if err != nil || len(projs) != 1 || projs[0].Role != "coordinator" || projs[0].NetworkCount != 1 {
				t.Fatalf("staff projects: %+v %v", projs, err)
			}
		})
		t.Run("SwedishTaskLine", func(t *testing.T) {
			if _, err := d.ExecContext(context.Background(), `UPDATE networks SET name_sv = 'Verkstadsverksamheten' WHERE id = $1`, nid); err != nil {
				t.Fatal(err)
			}
			c := env.Login(t, "maija@example.fi")
			c.Get("/lang/sv?next=/")
			if txt := c.Get("/").Text(); !strings.Contains(txt, "Kerää kuntien palaute · Verkstadsverksamheten ·") {
				t.Errorf("the task line lacks the Swedish network name: %s", txt)
			}
		})
	})
}
