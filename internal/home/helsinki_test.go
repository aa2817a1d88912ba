package home_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestNextMeetingInHelsinkiTime: the home page gives each network's next
// meeting in Helsinki time: 07:00 UTC in winter and 06:00 UTC in summer
// are both 9.00.
func TestNextMeetingInHelsinkiTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		now := env.Clock.Now()
		member := env.CreateUser(t, "Maija Jäsen", "maija@example.fi", false)
		pid := exec(t, d, `INSERT INTO projects (name, created_at, updated_at) VALUES ($1, $2, $2)`, "Välityömarkkinahanke", now)
		for _, tc := range []struct{ network, start, want string }{
			{"Talviverkosto", "2026-12-08T07:00:00Z", "Talvikokous, 8.12.2026 9.00"},
			{"Kesäverkosto", "2027-06-08T06:00:00Z", "Kesäkokous, 8.6.2027 9.00"},
		} {
			nid := exec(t, d, `INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)`, pid, tc.network, now)
			exec(t, d, `INSERT INTO memberships (network_id, person_id, role, created_at, updated_at) VALUES ($1, $2, 'member', $3, $3)`, nid, member.PersonID, now)
			start, _ := time.Parse(time.RFC3339, tc.start)
			exec(t, d, `INSERT INTO meetings (network_id, title, starts_at, ends_at, mode, status, created_at, updated_at)
				VALUES ($1, $2, $3, $4, 'remote', 'scheduled', $5, $5)`, nid, strings.Split(tc.want, ",")[0], start, start.Add(2*time.Hour), now)
		}
		// Text() puts a space after the link to the meeting.
		txt := strings.ReplaceAll(env.Login(t, "maija@example.fi").Get("/").Text(), " ,", ",")
		for _, want := range []string{"Seuraava kokous: Talvikokous, 8.12.2026 9.00", "Seuraava kokous: Kesäkokous, 8.6.2027 9.00"} {
			if !strings.Contains(txt, want) {
				t.Errorf("home page lacks %q:\n%s", want, txt)
			}
		}
	})
}
