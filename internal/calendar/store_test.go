package calendar_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/calendar"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/project"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// world is two projects with a network each, a third network in the first
// project, and people in various relations to them.
type world struct {
	p1, p2             int64
	n1, n2, n3         int64
	member, staff      int64 // people: a member of n1; a worker of p1
	ended, outsider    int64 // a member of n2 whose term ended; nobody
	memberU, staffU    int64 // their users
	endedU, outsiderU  int64
	m1, m1old, m1gone  int64 // meetings of n1: upcoming, 30 days ago, 100 days ago
	m1cancel, m2, m3   int64 // n1 cancelled; n2; n3
	disabledU, disPers int64
}

func exec(t *testing.T, d *db.DB, q string, args ...any) {
	t.Helper()
	if _, err := d.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// person creates a person with an account; the e-mail address is the
// first name's (matti@example.fi).
func person(f *fixture.Builder, name string) (personID, userID int64) {
	personID = f.Person(name, strings.ToLower(strings.Fields(name)[0])+"@example.fi", 0)
	return personID, f.Account(personID, false)
}

// addMeeting creates a hybrid meeting whose place and agenda note came
// in two edits, so at sequence 2; a cancelled one got both in one edit
// and was then cancelled, so at sequence 2 too.
func addMeeting(f *fixture.Builder, network int64, title string, start time.Time, status string) int64 {
	in := meeting.Input{Title: title, StartsAt: start, Mode: meeting.ModeHybrid, RemoteLink: "https://meet.example.fi/secret-room"}
	id := f.MeetingWith(network, in)
	in.Place = "Kaupungintalo"
	if status == meeting.StatusCancelled {
		in.Description = "Esityslista tulossa."
		f.EditMeeting(id, in)
		f.Cancel(id)
		return id
	}
	f.EditMeeting(id, in)
	in.Description = "Esityslista tulossa."
	f.EditMeeting(id, in)
	return id
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	f := fixture.New(t, d, app.NewFixedClock(now))
	w := &world{}
	w.p1 = f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"})
	w.p2 = f.ProjectWith(project.Input{Name: "KasvuPOK", Funder: "ESR"})
	w.n1 = f.Network(w.p1, "Työpajaverkosto")
	w.n2 = f.Network(w.p2, "Osaamisverkosto")
	w.n3 = f.Network(w.p1, "Yritysverkosto")
	w.member, w.memberU = person(f, "Matti Jäsen")
	w.staff, w.staffU = person(f, "Tiina Työntekijä")
	w.ended, w.endedU = person(f, "Eero Entinen")
	w.outsider, w.outsiderU = person(f, "Outi Ulkopuolinen")
	w.disPers, w.disabledU = person(f, "Kalle Suljettu")
	exec(t, d, `UPDATE users SET disabled = TRUE WHERE id = $1`, w.disabledU)
	f.Member(w.n1, w.member, network.RoleMember)
	f.Member(w.n1, w.disPers, network.RoleMember)
	termEnd := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	f.MemberWith(w.n2, network.MembershipInput{PersonID: w.ended, Role: network.RoleMember, TermEnd: &termEnd})
	f.Staff(w.p1, w.staff, project.RoleWorker)
	w.m1 = addMeeting(f, w.n1, "Joulukuun kokous", now.Add(16*24*time.Hour), "scheduled")
	w.m1old = addMeeting(f, w.n1, "Lokakuun kokous", now.Add(-30*24*time.Hour), "scheduled")
	w.m1gone = addMeeting(f, w.n1, "Elokuun kokous", now.Add(-100*24*time.Hour), "scheduled")
	w.m1cancel = addMeeting(f, w.n1, "Peruttu kokous", now.Add(20*24*time.Hour), "cancelled")
	w.m2 = addMeeting(f, w.n2, "Osaamisverkoston kokous", now.Add(10*24*time.Hour), "scheduled")
	w.m3 = addMeeting(f, w.n3, "Yritysverkoston kokous", now.Add(12*24*time.Hour), "scheduled")
	return w
}

func ids(ms []calendar.Meeting) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		s := calendar.NewStore(d)

		if _, err := s.ActiveToken(ctx, w.memberU); !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("no token yet: %v", err)
		}
		if _, err := s.Owner(ctx, "no-such-secret"); !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("unknown secret: %v", err)
		}
		first, err := s.CreateToken(ctx, w.memberU, now)
		if err != nil {
			t.Fatal(err)
		}
		o, err := s.Owner(ctx, first)
		if err != nil || o.UserID != w.memberU || o.PersonID != w.member || o.Name != "Matti Jäsen" {
			t.Fatalf("owner %+v, %v", o, err)
		}
		// Only the hash is stored.
		var stored string
		if err := d.QueryRowContext(ctx, `SELECT token_hash FROM calendar_tokens WHERE user_id = $1`, w.memberU).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored == first || len(stored) != 64 {
			t.Errorf("stored %q for secret %q", stored, first)
		}
		tok, err := s.ActiveToken(ctx, w.memberU)
		if err != nil || !tok.CreatedAt.Equal(now) {
			t.Fatalf("active token %+v, %v", tok, err)
		}

		// A new token revokes the old.
		second, err := s.CreateToken(ctx, w.memberU, now.Add(time.Hour))
		if err != nil || second == first {
			t.Fatalf("second token %q, %v", second, err)
		}
		if _, err := s.Owner(ctx, first); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("revoked secret still opens the feed: %v", err)
		}
		if o, err := s.Owner(ctx, second); err != nil || o.UserID != w.memberU {
			t.Errorf("new secret: %+v, %v", o, err)
		}
		var active int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM calendar_tokens WHERE user_id = $1 AND revoked_at IS NULL`, w.memberU).Scan(&active); err != nil || active != 1 {
			t.Errorf("%d active tokens, %v", active, err)
		}

		// Revoking: the feed stops; revoking again is fine.
		if err := s.RevokeTokens(ctx, w.memberU, now); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeTokens(ctx, w.memberU, now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Owner(ctx, second); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("revoked: %v", err)
		}
		if _, err := s.ActiveToken(ctx, w.memberU); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("active after revoke: %v", err)
		}

		// A disabled account's feed does not open.
		dis, err := s.CreateToken(ctx, w.disabledU, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Owner(ctx, dis); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("disabled account: %v", err)
		}
	})
}

func TestMeetings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		s := calendar.NewStore(d)

		for _, c := range []struct {
			name   string
			person int64
			want   []int64
		}{
			// Members: their network, 90 days back, cancelled included, by start.
			{"member", w.member, []int64{w.m1old, w.m1, w.m1cancel}},
			// Staff: every network of their project.
			{"staff", w.staff, []int64{w.m1old, w.m3, w.m1, w.m1cancel}},
			// A member whose term has ended no longer gets the meetings.
			{"ended", w.ended, nil},
			{"outsider", w.outsider, nil},
		} {
			got, err := s.PersonalMeetings(ctx, c.person, now)
			if err != nil {
				t.Fatal(err)
			}
			if !equal(ids(got), c.want) {
				t.Errorf("%s: meetings %v, want %v", c.name, ids(got), c.want)
			}
		}
		got, err := s.PersonalMeetings(ctx, w.member, now)
		if err != nil {
			t.Fatal(err)
		}
		m := got[1]
		if m.Title != "Joulukuun kokous" || m.NetworkName != "Työpajaverkosto" || m.Sequence != 2 || m.Place != "Kaupungintalo" ||
			m.RemoteLink == "" || !m.StartsAt.Equal(now.Add(16*24*time.Hour)) || m.StartsAt.Location() != time.UTC || m.Cancelled() {
			t.Errorf("meeting %+v", m)
		}
		if !got[2].Cancelled() {
			t.Errorf("cancelled meeting %+v", got[2])
		}

		nm, err := s.NetworkMeetings(ctx, w.n1, now)
		if err != nil || !equal(ids(nm), []int64{w.m1old, w.m1, w.m1cancel}) {
			t.Errorf("network meetings %v, %v", ids(nm), err)
		}
		if nm, err := s.NetworkMeetings(ctx, 999999, now); err != nil || len(nm) != 0 {
			t.Errorf("unknown network: %v, %v", nm, err)
		}

		nets, err := s.Networks(ctx, w.staff, now)
		if err != nil || len(nets) != 2 || nets[0].Name != "Työpajaverkosto" || nets[1].Name != "Yritysverkosto" {
			t.Errorf("staff networks %+v, %v", nets, err)
		}
		if n, err := s.Network(ctx, w.n2); err != nil || n.Name != "Osaamisverkosto" || n.Status != "active" {
			t.Errorf("network %+v, %v", n, err)
		}
		if _, err := s.Network(ctx, 999999); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("unknown network: %v", err)
		}
	})
}
