package meeting_test

import (
	"context"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
)

// TestRecordAttendanceService: the use case decides the right before it
// looks at the input (the public and a member get EUNAUTH and EFORBIDDEN
// whatever they send), refuses attendance before the meeting and a person
// named twice, and records the rest, replacing what was there.
func TestRecordAttendanceService(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		network, anna, bertil := seed(t, d)
		clock := app.NewFixedClock(now)
		f := fixture.New(t, d, clock)
		staff := f.Person("Kaisa Koollekutsuja", "kaisa@example.fi", 0)
		f.Member(network, staff, "convener")
		svc := meeting.NewService(d, auth.NewPolicy(d, clock), clock, nil)
		convener, member := &app.User{ID: 1, PersonID: staff}, &app.User{ID: 2, PersonID: anna}

		start := now.Add(48 * time.Hour)
		ids, err := svc.Create(ctx, convener, network, meeting.Input{Title: "Kokous", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Mode: meeting.ModeRemote})
		if err != nil {
			t.Fatal(err)
		}
		id := ids[0]
		bad := meeting.AttendanceInput{Missing: true}
		if err := svc.RecordAttendance(ctx, nil, id, bad); !app.IsCode(err, app.EUNAUTH) {
			t.Errorf("public: %v", err)
		}
		if err := svc.RecordAttendance(ctx, member, id, bad); !app.IsCode(err, app.EFORBIDDEN) {
			t.Errorf("member: %v", err)
		}
		in := meeting.AttendanceInput{Entries: []meeting.AttendanceEntry{{PersonID: anna, Mode: meeting.AttendedRemote, Field: "a"}}}
		if err := svc.RecordAttendance(ctx, convener, id, in); !app.IsCode(err, app.EINVALID) {
			t.Errorf("two days early: %v", err)
		}
		clock.Set(start)
		dup := meeting.AttendanceInput{Entries: append(in.Entries, meeting.AttendanceEntry{PersonID: anna, Mode: meeting.AttendedInPerson, Field: "b"})}
		if e := app.AsError(svc.RecordAttendance(ctx, convener, id, dup)); e == nil || len(e.Fields) != 1 || e.Fields[0].Field != "b" {
			t.Errorf("named twice: %+v", e)
		}
		in.Entries = append(in.Entries, meeting.AttendanceEntry{PersonID: bertil, Mode: meeting.AttendedInPerson, Field: "c"})
		if err := svc.RecordAttendance(ctx, convener, id, in); err != nil {
			t.Fatal(err)
		}
		in.Entries = in.Entries[1:]
		if err := svc.RecordAttendance(ctx, convener, id, in); err != nil {
			t.Fatal(err)
		}
		m, a, err := svc.Meeting(ctx, member, id)
		if err != nil || !a.Invitee || a.Manage {
			t.Fatalf("member's access %+v %v", a, err)
		}
		att, err := svc.Attendance(ctx, member, m, a)
		if err != nil || len(att) != 1 || att[0].PersonID != bertil || att[0].Mode != meeting.AttendedInPerson {
			t.Errorf("attendance %+v %v", att, err)
		}
	})
}
