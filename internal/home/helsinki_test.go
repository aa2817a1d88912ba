package home_test

import (
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

// TestNextMeetingInHelsinkiTime: the home page gives each network's next
// meeting in Helsinki time: 07:00 UTC in winter and 06:00 UTC in summer
// are both 9.00.
func TestNextMeetingInHelsinkiTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		member := env.CreateUser(t, "Maija Jäsen", "maija@example.fi", false)
		f := fixture.New(t, d, env.Clock)
		pid := f.Project("Välityömarkkinahanke")
		for _, tc := range []struct{ network, start, want string }{
			{"Talviverkosto", "2026-12-08T07:00:00Z", "Talvikokous, 8.12.2026 9.00"},
			{"Kesäverkosto", "2027-06-08T06:00:00Z", "Kesäkokous, 8.6.2027 9.00"},
		} {
			nid := f.Network(pid, tc.network)
			f.Member(nid, member.PersonID, network.RoleMember)
			start, _ := time.Parse(time.RFC3339, tc.start)
			f.MeetingWith(nid, meeting.Input{Title: strings.Split(tc.want, ",")[0], StartsAt: start, Mode: meeting.ModeRemote})
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
