package meeting_test

import (
	"context"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	netpkg "github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	personpkg "github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/project"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func exec(t *testing.T, d *db.DB, q string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), q+" RETURNING id", args...).Scan(&id); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}

// seed makes a project with a network and two members; it returns the
// network and the members' person ids.
func seed(t *testing.T, d *db.DB) (network, anna, bertil int64) {
	t.Helper()
	f := fixture.New(t, d, app.NewFixedClock(now))
	orgID := f.OrgWith(org.Organisation{Name: "Oulun kaupunki", Sector: org.SectorMunicipality, MunicipalityCode: "564"})
	p := f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"})
	network = f.Network(p, "Työpajaverkosto")
	anna = f.PersonWith(personpkg.Person{Name: "Anna Aho", Email: "anna@example.fi", OrganisationID: orgID, Lang: "fi"})
	bertil = f.PersonWith(personpkg.Person{Name: "Bertil Berg", Email: "bertil@example.fi", Lang: "sv"})
	for _, pid := range []int64{anna, bertil} {
		f.MemberWith(network, netpkg.MembershipInput{PersonID: pid, Role: netpkg.RoleMember, OrganisationID: orgID})
	}
	return network, anna, bertil
}

func helsinki(y int, m time.Month, day, hh, mm int) time.Time {
	return time.Date(y, m, day, hh, mm, 0, 0, app.Helsinki)
}

func TestSeriesKeepsHelsinkiTimeAcrossDST(t *testing.T) {
	// The second Tuesday monthly from February 2027 at 9:00: the clock
	// changes on the last Sunday of March (28.3.2027).
	start := helsinki(2027, 2, 9, 9, 0)
	rule := meeting.MonthlyRule(start, 4, nil)
	if rule != "FREQ=MONTHLY;BYDAY=2TU;COUNT=4" {
		t.Fatalf("rule %q", rule)
	}
	occ, err := meeting.Occurrences(rule, start)
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{
		time.Date(2027, 2, 9, 7, 0, 0, 0, time.UTC),  // EET, UTC+2
		time.Date(2027, 3, 9, 7, 0, 0, 0, time.UTC),  // EET
		time.Date(2027, 4, 13, 6, 0, 0, 0, time.UTC), // EEST, UTC+3
		time.Date(2027, 5, 11, 6, 0, 0, 0, time.UTC),
	}
	if len(occ) != len(want) {
		t.Fatalf("occurrences %v", occ)
	}
	for i := range want {
		if !occ[i].Equal(want[i]) {
			t.Errorf("occurrence %d: %s, want %s", i, occ[i], want[i])
		}
		if l := occ[i].In(app.Helsinki); l.Hour() != 9 || l.Minute() != 0 || l.Weekday() != time.Tuesday {
			t.Errorf("occurrence %d in Helsinki: %s", i, l)
		}
	}
	// Last weekday for dates after the 28th; UNTIL in Helsinki.
	until := time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	if r := meeting.MonthlyRule(helsinki(2027, 1, 29, 9, 0), 0, &until); r != "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270331T205959Z" {
		t.Errorf("last-friday rule %q", r)
	}
	for _, bad := range []string{"", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=DAILY;COUNT=3", "FREQ=MONTHLY;COUNT=500", "nonsense",
		"DTSTART:20270101T000000Z\nFREQ=MONTHLY;COUNT=2"} {
		if _, err := meeting.Occurrences(bad, start); err == nil {
			t.Errorf("rule %q accepted", bad)
		}
	}
}

func TestValidate(t *testing.T) {
	start := now.Add(48 * time.Hour)
	ok := meeting.Input{Title: "Kokous", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Mode: meeting.ModeHybrid,
		RemoteLink: "https://meet.example.fi/x"}
	cases := []struct {
		name, field string
		change      func(*meeting.Input)
	}{
		{"ErrTitleRequired", "title", func(in *meeting.Input) { in.Title = "  " }},
		{"ErrEndBeforeStart", "ends_at", func(in *meeting.Input) { in.EndsAt = in.StartsAt.Add(-time.Minute) }},
		{"ErrInPast", "starts_at", func(in *meeting.Input) { in.StartsAt = now.Add(-time.Hour) }},
		{"ErrMode", "mode", func(in *meeting.Input) { in.Mode = "telepathy" }},
		{"ErrLink", "remote_link", func(in *meeting.Input) { in.RemoteLink = "javascript:alert(1)" }},
		{"ErrTooLong", "ends_at", func(in *meeting.Input) { in.EndsAt = in.StartsAt.Add(25 * time.Hour) }},
		{"ErrRRule", "rrule", func(in *meeting.Input) { in.RRule = "FREQ=MONTHLY" }},
	}
	var v app.Validator
	in := ok
	in.Validate(&v, now, true)
	if err := v.Err(); err != nil {
		t.Fatalf("valid input: %v", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := ok
			c.change(&in)
			var v app.Validator
			in.Validate(&v, now, true)
			e := app.AsError(v.Err())
			if e == nil || len(e.Fields) == 0 || e.Fields[0].Field != c.field {
				t.Errorf("want an error on %s, got %v", c.field, v.Err())
			}
		})
	}
}

func TestStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := meeting.NewStore(d)
		network, anna, bertil := seed(t, d)
		start := helsinki(2027, 2, 9, 9, 0).UTC()
		in := meeting.Input{Title: "Verkostokokous", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Mode: meeting.ModeHybrid,
			Place: "Kaupungintalo", RemoteLink: "https://meet.example.fi/abc", RRule: meeting.MonthlyRule(start, 3, nil)}
		ids, err := s.Create(ctx, network, in, now)
		if err != nil || len(ids) != 3 {
			t.Fatalf("create series: %v %v", ids, err)
		}
		m, err := s.Get(ctx, ids[2])
		if err != nil {
			t.Fatal(err)
		}
		if m.SeriesID == 0 || m.Start().Hour() != 9 || m.Start().Day() != 13 || m.Start().Month() != 4 || m.EndsAt.Sub(m.StartsAt) != 2*time.Hour {
			t.Errorf("third occurrence %+v (%s)", m, m.Start())
		}
		if m.RemoteLink != "https://meet.example.fi/abc" || m.NetworkName != "Työpajaverkosto" {
			t.Errorf("fields %+v", m)
		}

		// Overlaps within the network are refused; a series as a whole.
		single := meeting.Input{Title: "Päällekkäinen", StartsAt: start.Add(time.Hour), EndsAt: start.Add(3 * time.Hour), Mode: meeting.ModeRemote}
		if _, err := s.Create(ctx, network, single, now); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("overlap: %v", err)
		}
		series := meeting.Input{Title: "Toinen sarja", StartsAt: start.Add(-28 * 24 * time.Hour), EndsAt: start.Add(-28*24*time.Hour + time.Hour),
			Mode: meeting.ModeRemote, RRule: "FREQ=WEEKLY;COUNT=6"}
		if _, err := s.Create(ctx, network, series, now); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("overlapping series: %v", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM meetings`).Scan(&n); err != nil || n != 3 {
			t.Errorf("%d meetings after refused creates", n)
		}
		// Back to back is fine.
		after := meeting.Input{Title: "Jatko", StartsAt: start.Add(2 * time.Hour), EndsAt: start.Add(3 * time.Hour), Mode: meeting.ModeRemote}
		if _, err := s.Create(ctx, network, after, now); err != nil {
			t.Errorf("back to back: %v", err)
		}
		if _, err := s.Create(ctx, 999999, after, now); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("unknown network: %v", err)
		}

		// Update raises the sequence only when the calendar changes.
		up := in
		up.RRule = ""
		up.Place = "Kirjasto"
		up.StartsAt, up.EndsAt = m.StartsAt, m.EndsAt
		if changed, err := s.Update(ctx, m.ID, up, now); err != nil || !changed {
			t.Fatalf("update: %v %v", changed, err)
		}
		if changed, err := s.Update(ctx, m.ID, up, now); err != nil || changed {
			t.Fatalf("same update: %v %v", changed, err)
		}
		if m, _ = s.Get(ctx, m.ID); m.Sequence != 1 || m.Place != "Kirjasto" {
			t.Errorf("after update %+v", m)
		}
		if err := s.Cancel(ctx, m.ID, now); err != nil {
			t.Fatal(err)
		}
		if m, _ = s.Get(ctx, m.ID); m.Sequence != 2 || !m.Cancelled() {
			t.Errorf("after cancel %+v", m)
		}
		if err := s.Cancel(ctx, m.ID, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("cancel twice: %v", err)
		}
		if _, err := s.Get(ctx, 999999); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("get missing: %v", err)
		}

		// Lists.
		up1, total, err := s.List(ctx, meeting.ListFilter{NetworkID: network, When: "upcoming", Now: now})
		if err != nil || total != 4 || len(up1) != 4 || up1[0].ID != ids[0] {
			t.Errorf("upcoming: %d %v", total, err)
		}
		past, total, err := s.List(ctx, meeting.ListFilter{NetworkID: network, When: "past", Now: start.Add(24 * time.Hour)})
		if err != nil || total != 2 || past[0].Title != "Jatko" {
			t.Errorf("past: %d %+v %v", total, past, err)
		}

		// Agenda: proposals, accepting, ordering.
		first, _ := s.Get(ctx, ids[0])
		a1, err := s.AddItem(ctx, first, meeting.ItemInput{Title: "Ajankohtaiset", PreparerID: anna, Minutes: 15}, meeting.ItemAccepted, anna, now)
		if err != nil {
			t.Fatal(err)
		}
		a2, _ := s.AddItem(ctx, first, meeting.ItemInput{Title: "Talous"}, meeting.ItemAccepted, anna, now)
		p1, _ := s.AddItem(ctx, first, meeting.ItemInput{Title: "Ehdotus"}, meeting.ItemProposed, bertil, now)
		outsider := fixture.New(t, d, app.NewFixedClock(now)).Person("Ulla Ulkopuolinen", "", 0)
		if _, err := s.AddItem(ctx, first, meeting.ItemInput{Title: "X", PreparerID: outsider}, meeting.ItemProposed, bertil, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("preparer outside the network: %v", err)
		}
		if err := s.AcceptItem(ctx, p1, now); err != nil {
			t.Fatal(err)
		}
		if err := s.MoveItem(ctx, p1, true); err != nil {
			t.Fatal(err)
		}
		if err := s.MoveItem(ctx, a1, true); err != nil { // already first
			t.Fatal(err)
		}
		items, err := s.Items(ctx, first.ID)
		if err != nil || len(items) != 3 {
			t.Fatalf("items %v %v", items, err)
		}
		if items[0].ID != a1 || items[1].ID != p1 || items[2].ID != a2 || items[0].PreparerName != "Anna Aho" || items[1].Status != meeting.ItemAccepted {
			t.Errorf("agenda order %+v", items)
		}
		if err := s.DeleteItem(ctx, a2); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteItem(ctx, a2); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("delete twice: %v", err)
		}

		// Answers and attendance.
		if err := s.SetResponse(ctx, first.ID, anna, meeting.AnswerRemote, now); err != nil {
			t.Fatal(err)
		}
		if err := s.SetResponse(ctx, first.ID, anna, meeting.AnswerInPerson, now); err != nil {
			t.Fatal(err)
		}
		if err := s.SetResponse(ctx, first.ID, bertil, "maybe", now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("bad answer: %v", err)
		}
		rs, err := s.Responses(ctx, first.ID)
		if err != nil || len(rs) != 1 || rs[0].Answer != meeting.AnswerInPerson {
			t.Errorf("responses %+v %v", rs, err)
		}
		if err := s.SetAttendance(ctx, first, map[int64]string{anna: "remote", outsider: "remote"}, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("attendance of an outsider: %v", err)
		}
		if err := s.SetAttendance(ctx, first, map[int64]string{anna: "remote", bertil: "in_person"}, now); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAttendance(ctx, first, map[int64]string{anna: "in_person"}, now); err != nil {
			t.Fatal(err)
		}
		att, err := s.NetworkAttendance(ctx, network)
		if err != nil || len(att) != 1 || att[0].PersonID != anna || att[0].Mode != "in_person" || att[0].OrganisationName != "Oulun kaupunki" {
			t.Errorf("attendance %+v %v", att, err)
		}
		inv, err := s.Invitees(ctx, network, now)
		if err != nil || len(inv) != 2 || inv[1].Lang != "sv" {
			t.Errorf("invitees %+v %v", inv, err)
		}
	})
}

// TestBackToBackMeetings checks both edges of a booked meeting: a meeting
// may end when another starts and start when it ends, but not a minute
// into it. Meetings are half-open intervals [start, end).
func TestBackToBackMeetings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := meeting.NewStore(d)
		network, _, _ := seed(t, d)
		at := func(hh, mm int) time.Time { return helsinki(2027, 2, 9, hh, mm).UTC() }
		booked := meeting.Input{Title: "Aamupäivä", StartsAt: at(9, 0), EndsAt: at(11, 0), Mode: meeting.ModeRemote}
		if _, err := s.Create(ctx, network, booked, now); err != nil {
			t.Fatalf("9:00–11:00: %v", err)
		}
		for _, c := range []struct {
			name       string
			start, end time.Time
			ok         bool
		}{
			{"a minute into the start", at(8, 0), at(9, 1), false},
			{"ending at the start", at(7, 0), at(9, 0), true},
			{"a minute before the end", at(10, 59), at(12, 0), false},
			{"starting at the end", at(11, 0), at(12, 0), true},
		} {
			in := meeting.Input{Title: c.name, StartsAt: c.start, EndsAt: c.end, Mode: meeting.ModeRemote}
			_, err := s.Create(ctx, network, in, now)
			if c.ok && err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			if !c.ok && !app.IsCode(err, app.ECONFLICT) {
				t.Errorf("%s: %v, want a conflict", c.name, err)
			}
		}
	})
}
