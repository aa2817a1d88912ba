package calendar_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

var feedURLRE = regexp.MustCompile(`http://127\.0\.0\.1/calendar/([A-Za-z0-9_-]{20,})\.ics`)

// parse parses a feed answer back with golang-ical and checks its headers.
func parse(t *testing.T, r *servertest.Response) *ics.Calendar {
	t.Helper()
	if r.Status != http.StatusOK {
		t.Fatalf("feed: status %d\n%.500s", r.Status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(r.Body))
	if err != nil {
		t.Fatalf("parse feed: %v\n%s", err, r.Body)
	}
	return cal
}

func calProp(cal *ics.Calendar, name ics.Property) string {
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(name) {
			return p.Value
		}
	}
	return ""
}

func evProp(ev *ics.VEvent, p ics.ComponentProperty) string {
	if x := ev.GetProperty(p); x != nil {
		return x.Value
	}
	return ""
}

func uids(cal *ics.Calendar) []string {
	var out []string
	for _, ev := range cal.Events() {
		out = append(out, ev.Id())
	}
	return out
}

func uid(id int64) string { return fmt.Sprintf("meeting-%d@127.0.0.1", id) }

// createFeed makes a feed on the calendar page (confirming the
// replacement of a working one) and returns its URL, shown once on the
// page the POST redirects to.
func createFeed(t *testing.T, c *servertest.Client) string {
	t.Helper()
	r := c.PostForm("/calendar/token", url.Values{"replace": {"1"}})
	if r.Status != http.StatusSeeOther || r.Location != "/calendar" {
		t.Fatalf("create feed: %d %q\n%s", r.Status, r.Location, r.Text())
	}
	if feedURLRE.MatchString(r.Body) || feedURLRE.MatchString(r.Location) {
		t.Errorf("the redirect carries the secret")
	}
	r = c.Get("/calendar")
	if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("page with the secret: Cache-Control %q", cc)
	}
	m := feedURLRE.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no feed URL on the page:\n%s", r.Text())
	}
	return m[0]
}

func path(feedURL string) string { return strings.TrimPrefix(feedURL, "http://127.0.0.1") }

func TestPersonalFeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		w := newWorld(t, d)
		exec(t, d, `UPDATE people SET email = 'matti@example.fi' WHERE id = $1`, w.member)
		exec(t, d, `UPDATE people SET email = 'tiina@example.fi' WHERE id = $1`, w.staff)
		member := loginAs(t, env, d, w.memberU, "matti@example.fi")
		staff := loginAs(t, env, d, w.staffU, "tiina@example.fi")
		public := env.Client(t)

		// The page: no feed yet, a button to make one.
		r := member.Get("/calendar")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `action="/calendar/token"`) || feedURLRE.MatchString(r.Body) {
			t.Fatalf("calendar page: %d\n%s", r.Status, r.Text())
		}
		if r := public.Get("/calendar"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("public /calendar: %d %s", r.Status, r.Location)
		}

		feed := createFeed(t, member)
		// Shown once: the page afterwards tells the feed exists, not its
		// address.
		if r := member.Get("/calendar"); feedURLRE.MatchString(r.Body) || !strings.Contains(r.Body, `action="/calendar/token/delete"`) {
			t.Errorf("calendar page after creating shows the secret or no revoke button:\n%s", r.Text())
		}

		// Anyone with the secret reads the feed: the member's network's
		// meetings from 90 days back, cancelled ones marked.
		res := public.Get(path(feed))
		cal := parse(t, res)
		if got, want := uids(cal), []string{uid(w.m1old), uid(w.m1), uid(w.m1cancel)}; !slices.Equal(got, want) {
			t.Errorf("UIDs %v, want %v", got, want)
		}
		if got := calProp(cal, ics.PropertyXWRCalName); got != "Kohtaamo – Matti Jäsen" {
			t.Errorf("X-WR-CALNAME %q", got)
		}
		if calProp(cal, "REFRESH-INTERVAL") != "PT1H" || calProp(cal, ics.PropertyXPublishedTTL) != "PT1H" {
			t.Errorf("refresh interval missing:\n%s", res.Body)
		}
		if got := calProp(cal, ics.PropertyMethod); got != "PUBLISH" {
			t.Errorf("METHOD %q", got)
		}
		ev := cal.Events()[1]
		if evProp(ev, ics.ComponentPropertySummary) != "Joulukuun kokous" || evProp(ev, ics.ComponentPropertySequence) != "2" ||
			evProp(ev, ics.ComponentPropertyLocation) != "Kaupungintalo" || evProp(ev, ics.ComponentPropertyStatus) != "CONFIRMED" ||
			evProp(ev, ics.ComponentPropertyUrl) != fmt.Sprintf("http://127.0.0.1/meetings/%d", w.m1) {
			t.Errorf("event:\n%s", res.Body)
		}
		// 2026-12-08 10:00 UTC, written in UTC.
		if got := evProp(ev, ics.ComponentPropertyDtStart); got != "20261208T100000Z" {
			t.Errorf("DTSTART %q", got)
		}
		if got := evProp(ev, ics.ComponentPropertyDtEnd); got != "20261208T120000Z" {
			t.Errorf("DTEND %q", got)
		}
		// The owner is an invitee: the remote link is in the description.
		if !strings.Contains(evProp(ev, ics.ComponentPropertyDescription), "https://meet.example.fi/secret-room") {
			t.Errorf("no remote link in the personal feed:\n%s", res.Body)
		}
		if evProp(cal.Events()[2], ics.ComponentPropertyStatus) != "CANCELLED" {
			t.Errorf("cancelled meeting not CANCELLED:\n%s", res.Body)
		}
		if strings.Contains(res.Body, "Osaamisverkoston") || strings.Contains(res.Body, "Yritysverkoston") || strings.Contains(res.Body, "Elokuun") {
			t.Errorf("feed has meetings it should not:\n%s", res.Body)
		}
		if strings.Contains(res.Body, "ATTENDEE") || strings.Contains(res.Body, "ORGANIZER") {
			t.Errorf("feed lists people:\n%s", res.Body)
		}

		// Staff see every network of their project; UIDs are stable
		// across feeds and fetches.
		staffFeed := createFeed(t, staff)
		sc := parse(t, public.Get(path(staffFeed)))
		if got, want := uids(sc), []string{uid(w.m1old), uid(w.m3), uid(w.m1), uid(w.m1cancel)}; !slices.Equal(got, want) {
			t.Errorf("staff UIDs %v, want %v", got, want)
		}
		if again := parse(t, public.Get(path(feed))); !slices.Equal(uids(again), uids(cal)) {
			t.Errorf("UIDs changed between fetches")
		}

		// A new address revokes the old one: 404, never 500.
		newFeed := createFeed(t, member)
		if newFeed == feed {
			t.Fatal("the new address is the old one")
		}
		if r := public.Get(path(feed)); r.Status != http.StatusNotFound {
			t.Errorf("old address: %d", r.Status)
		}
		parse(t, public.Get(path(newFeed)))
		// Revoking turns it off.
		if r := member.PostForm("/calendar/token/delete", url.Values{}); r.Status != http.StatusSeeOther || r.Location != "/calendar" {
			t.Fatalf("revoke: %d %s", r.Status, r.Location)
		}
		if r := public.Get(path(newFeed)); r.Status != http.StatusNotFound {
			t.Errorf("revoked address: %d", r.Status)
		}
		if r := member.Get("/calendar"); !strings.Contains(r.Body, `action="/calendar/token"`) || strings.Contains(r.Body, `action="/calendar/token/delete"`) {
			t.Errorf("page after revoking:\n%s", r.Text())
		}
		// Unknown and malformed addresses: 404.
		for _, p := range []string{"/calendar/bogus.ics", "/calendar/bogus", "/calendar/.ics",
			"/calendar/" + strings.Repeat("x", 5000) + ".ics", "/calendar/token"} {
			if r := public.Get(p); r.Status != http.StatusNotFound {
				t.Errorf("GET %.40s: %d", p, r.Status)
			}
		}
		// NUL and invalid UTF-8 are refused before any route (400).
		if r := public.Get("/calendar/%00%ff.ics"); r.Status != http.StatusBadRequest {
			t.Errorf("GET /calendar/%%00%%ff.ics: %d", r.Status)
		}
		// The public may not make feeds.
		if r := public.PostForm("/calendar/token", url.Values{}); r.Status != http.StatusUnauthorized {
			t.Errorf("public POST /calendar/token: %d", r.Status)
		}
	})
}

// loginAs gives userID the servertest password and signs in.
func loginAs(t *testing.T, env *servertest.Env, d *db.DB, userID int64, email string) *servertest.Client {
	t.Helper()
	var hash string
	// Borrow the password hash of an account made the usual way.
	acct := env.CreateUser(t, "Apu "+email, "helper-"+email, false)
	if err := d.QueryRowContext(context.Background(), `SELECT password_hash FROM users WHERE id = $1`, acct.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	exec(t, d, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
	return env.Login(t, email)
}

func TestNetworkFeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		w := newWorld(t, d)
		public := env.Client(t)
		r := public.Get(fmt.Sprintf("/networks/%d/calendar.ics", w.n1))
		cal := parse(t, r)
		if got, want := uids(cal), []string{uid(w.m1old), uid(w.m1), uid(w.m1cancel)}; !slices.Equal(got, want) {
			t.Errorf("UIDs %v, want %v", got, want)
		}
		if got := calProp(cal, ics.PropertyXWRCalName); got != "Kohtaamo: Työpajaverkosto" {
			t.Errorf("X-WR-CALNAME %q", got)
		}
		// Public-safe: no remote link, no people.
		for _, secret := range []string{"secret-room", "ATTENDEE", "ORGANIZER", "@example.fi"} {
			if strings.Contains(r.Body, secret) {
				t.Errorf("network feed contains %q:\n%s", secret, r.Body)
			}
		}
		if evProp(cal.Events()[1], ics.ComponentPropertyLocation) != "Kaupungintalo" {
			t.Errorf("place missing:\n%s", r.Body)
		}
		// A meeting with only a remote link keeps it out of LOCATION too.
		exec(t, d, `UPDATE meetings SET place = '' WHERE id = $1`, w.m1)
		if r := public.Get(fmt.Sprintf("/networks/%d/calendar.ics", w.n1)); strings.Contains(r.Body, "secret-room") {
			t.Errorf("remote link in the public feed:\n%s", r.Body)
		}
		for _, p := range []string{"/networks/999999/calendar.ics", "/networks/abc/calendar.ics", "/networks/-1/calendar.ics"} {
			if r := public.Get(p); r.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, r.Status)
			}
		}
		// The network page links to the feed.
		if r := public.Get(fmt.Sprintf("/networks/%d", w.n1)); !strings.Contains(r.Body, fmt.Sprintf(`href="/networks/%d/calendar.ics"`, w.n1)) {
			t.Errorf("network page has no feed link")
		}
	})
}

// TestFeedUIDsMatchInvitations: a meeting scheduled through the form is
// invited by e-mail with an .ics whose UID and SEQUENCE the feeds repeat.
func TestFeedUIDsMatchInvitations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		w := newWorld(t, d)
		conv := env.CreateUser(t, "Kaisa Koollekutsuja", "kaisa@example.fi", false)
		fixture.New(t, d, app.NewFixedClock(now)).Member(w.n2, conv.PersonID, network.RoleConvener)
		c := env.Login(t, "kaisa@example.fi")
		r := c.PostForm(fmt.Sprintf("/networks/%d/meetings", w.n2), url.Values{"title": {"Kutsuttu kokous"}, "date": {"2026-12-09"},
			"start_time": {"9:00"}, "end_time": {"11:00"}, "mode": {"remote"}, "remote_link": {"https://meet.example.fi/kutsu"}, "repeat": {"none"}})
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/meetings/") {
			t.Fatalf("create meeting: %d %s\n%s", r.Status, r.Location, r.Text())
		}
		var content string
		if err := d.QueryRowContext(context.Background(), `SELECT a.content FROM mail_attachments a JOIN mail_messages m ON m.id = a.message_id
			ORDER BY a.id LIMIT 1`).Scan(&content); err != nil {
			t.Fatalf("no invitation with a calendar file: %v", err)
		}
		inv, err := ics.ParseCalendar(strings.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		want := inv.Events()[0]

		feed := parse(t, c.Get(path(createFeed(t, c))))
		netFeed := parse(t, c.Get(fmt.Sprintf("/networks/%d/calendar.ics", w.n2)))
		for name, cal := range map[string]*ics.Calendar{"personal": feed, "network": netFeed} {
			var got *ics.VEvent
			for _, ev := range cal.Events() {
				if ev.Id() == want.Id() {
					got = ev
				}
			}
			if got == nil {
				t.Errorf("%s feed has no event with the invitation's UID %q: %v", name, want.Id(), uids(cal))
				continue
			}
			for _, p := range []ics.ComponentProperty{ics.ComponentPropertySequence, ics.ComponentPropertyDtStart, ics.ComponentPropertyDtEnd,
				ics.ComponentPropertySummary, ics.ComponentPropertyUrl} {
				if evProp(got, p) != evProp(want, p) {
					t.Errorf("%s feed %s %q, invitation %q", name, p, evProp(got, p), evProp(want, p))
				}
			}
		}
	})
}
