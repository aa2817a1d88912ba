package calendar_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/calendar"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/meeting/icstest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// Stored texts that a form would not take today but a row may hold (older
// data, another client): the feeds must still be valid RFC 5545.
var (
	hostileTitle = "Kokous\rCR\nLF\r\nCRLF; pilkku, kenoviiva \\ \"lainaus\" " + strings.Repeat("Čuoŋŋa-äö€😀", 20)
	hostilePlace = "Sali 2;\r\nBEGIN:VALARM\r\nkellari, ovi \\B"
	hostileDesc  = "Rivi 1\r\nRivi 2\rRivi 3\x1b\x7f; , \\"
	hostileName  = "Työpaja\r\nverkosto; \"Oulu\", \\ " + strings.Repeat("Ä", 100)
	hostilePers  = "Matti\r\nJäsen; \"Back\\\""
)

// TestFeedsStrict stores hostile titles, places, descriptions and names
// and reads the personal and the public network feed: both pass the strict
// RFC 5545 line check and an independent parser, and read back cleaned.
func TestFeedsStrict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		w := newWorld(t, d)
		exec(t, d, `UPDATE meetings SET title = $1, place = $2, description = $3, remote_link = 'https://meet.example.fi/x' WHERE id = $4`,
			hostileTitle, hostilePlace, hostileDesc, w.m1)
		exec(t, d, `UPDATE networks SET name = $1 WHERE id = $2`, hostileName, w.n1)
		exec(t, d, `UPDATE people SET name = $1, email = 'matti@example.fi' WHERE id = $2`, hostilePers, w.member)
		member := loginAs(t, env, d, w.memberU, "matti@example.fi")
		feeds := map[string]string{
			"personal": path(createFeed(t, member)),
			"network":  fmt.Sprintf("/networks/%d/calendar.ics", w.n1),
		}
		for kind, p := range feeds {
			r := env.Client(t).Get(p)
			cal := icstest.Parse(t, r.Body)
			var found bool
			for _, ev := range icstest.Events(cal) {
				if ev.Props.Get("UID").Value != uid(w.m1) {
					continue
				}
				found = true
				if got, want := icstest.Text(t, ev, "SUMMARY"), meeting.ICSLine(hostileTitle); got != want {
					t.Errorf("%s SUMMARY %q, want %q", kind, got, want)
				}
				if got, want := icstest.Text(t, ev, "LOCATION"), meeting.ICSLine(hostilePlace); got != want {
					t.Errorf("%s LOCATION %q, want %q", kind, got, want)
				}
				want := meeting.ICSText(hostileDesc)
				if kind == "personal" {
					want += "\n\nhttps://meet.example.fi/x"
				}
				if got := icstest.Text(t, ev, "DESCRIPTION"); got != want {
					t.Errorf("%s DESCRIPTION %q, want %q", kind, got, want)
				}
			}
			if !found {
				t.Errorf("%s feed lacks the meeting:\n%s", kind, r.Body)
			}
			name := icstest.Text(t, cal.Component, "X-WR-CALNAME")
			if want := meeting.ICSLine(hostilePers); kind == "personal" && !strings.HasSuffix(name, want) {
				t.Errorf("personal X-WR-CALNAME %q, want … %q", name, want)
			}
			if want := meeting.ICSLine(hostileName); kind == "network" && !strings.HasSuffix(name, want) {
				t.Errorf("network X-WR-CALNAME %q, want … %q", name, want)
			}
		}
	})
}

// TestFeedNeverEmitsControls: NUL and other controls (refused on input,
// but the serialiser must not rely on that) never reach a feed, and long
// non-ASCII text folds between characters.
func TestFeedNeverEmitsControls(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	ms := []calendar.Meeting{{ID: 1, Title: "NUL\x00 BEL\a " + strings.Repeat("ä😀", 100), Description: "a\x00b\r\nc",
		Place: "x\x00y", StartsAt: now, EndsAt: now.Add(time.Hour), Status: calendar.StatusScheduled, CreatedAt: now, UpdatedAt: now}}
	out := calendar.Feed(ms, calendar.FeedOptions{Name: "Kohtaamo\x00\r\n: verkosto", Host: "kohtaamo.test",
		URL: func(p string) string { return "https://kohtaamo.test" + p }, Now: now})
	if strings.ContainsRune(out, 0) {
		t.Errorf("NUL in the feed")
	}
	ev := icstest.Events(icstest.Parse(t, out))[0]
	if got := icstest.Text(t, ev, "DESCRIPTION"); got != "ab\nc" {
		t.Errorf("DESCRIPTION %q", got)
	}
}
