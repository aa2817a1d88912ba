package meeting_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestHelsinkiTime(t *testing.T) {
	for _, tc := range []struct {
		date       string
		hour, min  int
		want       string // "" when the time does not exist
		forwardGap bool
	}{
		{"2027-03-28", 2, 30, "2027-03-28T00:30:00Z", false},
		{"2027-03-28", 2, 59, "2027-03-28T00:59:00Z", false},
		{"2027-03-28", 3, 0, "", true},
		{"2027-03-28", 3, 30, "", true},
		{"2027-03-28", 3, 59, "", true},
		{"2027-03-28", 4, 0, "2027-03-28T01:00:00Z", false},
		{"2027-03-28", 4, 30, "2027-03-28T01:30:00Z", false},
		// Clocks go back 04:00 → 03:00: 03:00–03:59 happens twice; the
		// first (summer time, +03:00) counts.
		{"2027-10-31", 2, 59, "2027-10-30T23:59:00Z", false},
		{"2027-10-31", 3, 0, "2027-10-31T00:00:00Z", false},
		{"2027-10-31", 3, 30, "2027-10-31T00:30:00Z", false},
		{"2027-10-31", 3, 59, "2027-10-31T00:59:00Z", false},
		{"2027-10-31", 4, 0, "2027-10-31T02:00:00Z", false},
		{"2026-12-08", 9, 0, "2026-12-08T07:00:00Z", false},
		{"2027-06-08", 9, 0, "2027-06-08T06:00:00Z", false},
	} {
		d, _ := time.Parse("2006-01-02", tc.date)
		got, ok := meeting.HelsinkiTime(d.Year(), d.Month(), d.Day(), tc.hour, tc.min, 0)
		if tc.want == "" {
			if ok {
				t.Errorf("%s %d:%02d exists: %s", tc.date, tc.hour, tc.min, got)
			}
			continue
		}
		if !ok || !got.Equal(utc(tc.want)) || got.Location() != time.UTC {
			t.Errorf("%s %d:%02d = %s, %v; want %s", tc.date, tc.hour, tc.min, got, ok, tc.want)
		}
	}
}

// meetingTimes reads a meeting's stored start and end.
func meetingTimes(t *testing.T, d *db.DB, id int64) (time.Time, time.Time) {
	t.Helper()
	m, err := meeting.NewStore(d).Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m.StartsAt.UTC(), m.EndsAt.UTC()
}

// pageError returns the text of a field's error on a form page.
func pageError(page, field string) string {
	i := strings.Index(page, `id="`+field+`-error">`)
	if i < 0 {
		return ""
	}
	rest := page[i+len(`id="`+field+`-error">`):]
	return html.UnescapeString(rest[:strings.Index(rest, "</p>")])
}

// TestClockChangeOnPageForm: on the night clocks go forward, 03:30 is
// refused next to the time field with a message saying it does not exist
// (not moved to 04:30, nor "end must be after start" for 03:30–04:30);
// 02:30 and 04:30 are stored at the right UTC; on the night clocks go
// back, 03:10–03:50 is the first occurrence.
func TestClockChangeOnPageForm(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		path := fmt.Sprintf("/networks/%d/meetings", s.network)
		form := func(date, start, end string) *servertest.Response {
			f := meetingForm("Kellonsiirto", date)
			f.Set("start_time", start)
			f.Set("end_time", end)
			return s.convener.PostForm(path, f)
		}
		const msg = "Kellonaikaa %s ei ole Suomessa 28.3.2027, koska kellot siirretään sinä yönä kello 3.00 tunnilla eteenpäin kello 4.00:ään."
		for _, tc := range []struct{ start, end, field, time string }{
			{"03:30", "05:00", "start_time", "3.30"},
			{"03:30", "04:30", "start_time", "3.30"},
			{"3.00", "4.30", "start_time", "3.00"},
			{"02:30", "03:30", "end_time", "3.30"},
		} {
			r := form("2027-03-28", tc.start, tc.end)
			if got := pageError(r.Body, tc.field); r.Status != http.StatusUnprocessableEntity || !strings.HasPrefix(got, fmt.Sprintf(msg, tc.time)) {
				t.Errorf("%s–%s: %d, %s error %q", tc.start, tc.end, r.Status, tc.field, got)
			}
			if strings.Contains(r.Body, "Kokouksen täytyy päättyä alkamisensa jälkeen") {
				t.Errorf("%s–%s: told the end is before the start", tc.start, tc.end)
			}
		}
		if n := count(t, d, "meetings"); n != 0 {
			t.Fatalf("%d meetings stored from times that do not exist", n)
		}
		for _, tc := range []struct{ date, start, end, wantStart, wantEnd string }{
			{"2027-03-28", "02:30", "02:50", "2027-03-28T00:30:00Z", "2027-03-28T00:50:00Z"},
			{"2027-03-28", "04:30", "05:30", "2027-03-28T01:30:00Z", "2027-03-28T02:30:00Z"},
			{"2027-10-31", "03:10", "03:50", "2027-10-31T00:10:00Z", "2027-10-31T00:50:00Z"},
			{"2027-10-31", "04:30", "05:00", "2027-10-31T02:30:00Z", "2027-10-31T03:00:00Z"},
		} {
			r := form(tc.date, tc.start, tc.end)
			loc := r.Location
			if r.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/meetings/") {
				t.Fatalf("%s %s–%s: %d %s", tc.date, tc.start, tc.end, r.Status, r.Text())
			}
			id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/meetings/"), 10, 64)
			if s, e := meetingTimes(t, d, id); !s.Equal(utc(tc.wantStart)) || !e.Equal(utc(tc.wantEnd)) {
				t.Errorf("%s %s–%s stored %s–%s, want %s–%s", tc.date, tc.start, tc.end, s, e, tc.wantStart, tc.wantEnd)
			}
		}
	})
}

// TestClockChangeInAPI: the same through the API's local times (an
// explicit offset names an instant and is always taken as it is).
func TestClockChangeInAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		tok := apiToken(t, s, s.convenerEmail)
		path := fmt.Sprintf("/api/v1/networks/%d/meetings", s.network)
		c := s.env.Client(t)
		post := func(start, end string) (int, map[string]string, meeting.JSON) {
			r := c.JSON(http.MethodPost, path, tok, fmt.Sprintf(`{"title": "Kellonsiirto", "starts_at": %q, "ends_at": %q, "mode": "remote"}`, start, end))
			var e struct {
				Error struct {
					Fields map[string]string `json:"fields"`
				} `json:"error"`
			}
			var m meeting.JSON
			_ = json.Unmarshal([]byte(r.Body), &e)
			_ = json.Unmarshal([]byte(r.Body), &m)
			return r.Status, e.Error.Fields, m
		}
		const msg = "Kellonaikaa 3.30 ei ole Suomessa 28.3.2027"
		for _, tc := range []struct{ start, end, field string }{
			{"2027-03-28T03:30", "2027-03-28T05:00", "starts_at"},
			{"2027-03-28T03:30:00", "2027-03-28T04:30:00", "starts_at"},
			{"2027-03-28T02:30", "2027-03-28T03:30", "ends_at"},
		} {
			status, fields, _ := post(tc.start, tc.end)
			if status != http.StatusBadRequest || !strings.HasPrefix(fields[tc.field], msg) {
				t.Errorf("%s–%s: %d %v", tc.start, tc.end, status, fields)
			}
			if strings.Contains(fields["ends_at"], "päättyä alkamisensa jälkeen") {
				t.Errorf("%s–%s: told the end is before the start", tc.start, tc.end)
			}
		}
		for _, tc := range []struct{ start, end, wantStart, wantEnd string }{
			{"2027-03-28T02:30", "2027-03-28T02:50", "2027-03-28T00:30:00Z", "2027-03-28T00:50:00Z"},
			{"2027-03-28T04:30", "2027-03-28T05:30", "2027-03-28T01:30:00Z", "2027-03-28T02:30:00Z"},
			{"2027-10-31T03:10", "2027-10-31T03:50:00", "2027-10-31T00:10:00Z", "2027-10-31T00:50:00Z"},
			// 03:30 in winter time, said with its offset: the second occurrence.
			{"2027-10-31T03:30:00+02:00", "2027-10-31T04:30", "2027-10-31T01:30:00Z", "2027-10-31T02:30:00Z"},
		} {
			status, fields, m := post(tc.start, tc.end)
			if status != http.StatusCreated || !m.StartsAt.Equal(utc(tc.wantStart)) || !m.EndsAt.Equal(utc(tc.wantEnd)) {
				t.Errorf("%s–%s: %d %v %s–%s, want %s–%s", tc.start, tc.end, status, fields, m.StartsAt, m.EndsAt, tc.wantStart, tc.wantEnd)
			}
		}
	})
}

// TestHelsinkiTimeOnPages: a meeting stored at 07:00 UTC in winter and at
// 06:00 UTC in summer is at 9.00 Helsinki time on its page ("8.12.2026
// 9.00–11.00") and in its edit form (09:00).
func TestHelsinkiTimeOnPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		for _, tc := range []struct{ start, when string }{
			{"2026-12-08T07:00:00Z", "8.12.2026 9.00–11.00"},
			{"2027-06-08T06:00:00Z", "8.6.2027 9.00–11.00"},
		} {
			start := utc(tc.start)
			id := fixture.New(t, d, s.env.Clock).Meeting(s.network, "Aamukokous", start)
			r := s.member.Get(fmt.Sprintf("/meetings/%d", id))
			if r.Status != http.StatusOK || !strings.Contains(r.Text(), tc.when+" (Suomen aikaa)") {
				t.Errorf("meeting page at %s does not say %q:\n%s", tc.start, tc.when, r.Text())
			}
			r = s.convener.Get(fmt.Sprintf("/meetings/%d/edit", id))
			if !strings.Contains(r.Body, `name="start_time" value="09:00"`) || !strings.Contains(r.Body, `name="end_time" value="11:00"`) {
				t.Errorf("edit form at %s does not show 09:00–11:00", tc.start)
			}
		}
	})
}
