package home_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/home"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func exec(t *testing.T, d *db.DB, q string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), q+" RETURNING id", args...).Scan(&id); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}

func TestHome(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		now := env.Clock.Now()
		member := env.CreateUser(t, "Maija Jäsen", "maija@example.fi", false)
		env.CreateUser(t, "Olli Ulkopuolinen", "olli@example.fi", false)
		pid := exec(t, d, `INSERT INTO projects (name, created_at, updated_at) VALUES ($1, $2, $2)`, "Välityömarkkinahanke", now)
		nid := exec(t, d, `INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)`, pid, "Työpajatoiminta", now)
		exec(t, d, `INSERT INTO memberships (network_id, person_id, role, created_at, updated_at) VALUES ($1, $2, 'secretary', $3, $3)`, nid, member.PersonID, now)
		other := exec(t, d, `INSERT INTO people (name, created_at, updated_at) VALUES ('Entinen', $1, $1)`, now)
		exec(t, d, `INSERT INTO memberships (network_id, person_id, role, term_end, created_at, updated_at) VALUES ($1, $2, 'member', $3, $4, $4)`,
			nid, other, now.AddDate(0, -1, 0), now)

		start := time.Date(2026, 11, 29, 7, 0, 0, 0, time.UTC)
		mid := exec(t, d, `INSERT INTO meetings (network_id, title, starts_at, ends_at, mode, status, created_at, updated_at)
			VALUES ($1, 'Marraskuun kokous', $2, $3, 'remote', 'scheduled', $4, $4)`, nid, start, start.Add(2*time.Hour), now)
		exec(t, d, `INSERT INTO meetings (network_id, title, starts_at, ends_at, mode, status, created_at, updated_at)
			VALUES ($1, 'Peruttu kokous', $2, $3, 'remote', 'cancelled', $4, $4)`, nid, start.Add(-24*time.Hour), start.Add(-22*time.Hour), now)

		exec(t, d, `INSERT INTO action_items (meeting_id, network_id, title, owner_person_id, due_on, status, created_at, updated_at)
			VALUES ($1, $2, 'Kerää kuntien palaute', $3, $4, 'open', $5, $5)`, mid, nid, member.PersonID, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), now)

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
			if _, err := d.ExecContext(context.Background(), `INSERT INTO project_staff (project_id, person_id, role) VALUES ($1, $2, 'coordinator')`, pid, staff.PersonID); err != nil {
				t.Fatal(err)
			}
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
	})
}
