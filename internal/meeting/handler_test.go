package meeting_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/mail"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// setup makes a network with a convener (who signs in), two members with
// accounts (one Swedish-speaking) and an outsider.
type setup struct {
	env                        *servertest.Env
	network                    int64
	convener, member, outsider *servertest.Client
	memberPerson, svPerson     int64
	convenerEmail, memberEmail string
}

func newSetup(t *testing.T, d *db.DB, opts ...servertest.Option) *setup {
	t.Helper()
	env := servertest.New(t, d, opts...)
	network, _, _ := seed(t, d)
	s := &setup{env: env, network: network, convenerEmail: "kaisa@example.fi", memberEmail: "matti@example.fi"}
	conv := env.CreateUser(t, "Kaisa Koollekutsuja", s.convenerEmail, false)
	mem := env.CreateUser(t, "Matti Jäsen", s.memberEmail, false)
	sv := env.CreateUser(t, "Sven Svensson", "sven@example.fi", false)
	env.CreateUser(t, "Outi Ulkopuolinen", "outi@example.fi", false)
	if _, err := d.ExecContext(context.Background(), `UPDATE people SET lang = 'sv' WHERE id = $1`, sv.PersonID); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		p    int64
		role string
	}{{conv.PersonID, "convener"}, {mem.PersonID, "member"}, {sv.PersonID, "member"}} {
		fixture.New(t, d, env.Clock).Member(network, m.p, m.role)
	}
	s.memberPerson, s.svPerson = mem.PersonID, sv.PersonID
	s.convener = env.Login(t, s.convenerEmail)
	s.member = env.Login(t, s.memberEmail)
	s.outsider = env.Login(t, "outi@example.fi")
	return s
}

func meetingForm(title, date string) url.Values {
	return url.Values{"title": {title}, "date": {date}, "start_time": {"9:00"}, "end_time": {"11.00"}, "mode": {"hybrid"},
		"place": {"Kaupungintalo, Oulu"}, "remote_link": {"https://meet.example.fi/secret-room"}, "repeat": {"none"}}
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// calendar returns the parsed .ics attachment of a raw message.
func calendar(t *testing.T, raw []byte) (*ics.Calendar, string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var found *ics.Calendar
	var ctype string
	var walk func(ct string, body io.Reader)
	walk = func(ct string, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			return
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					return
				}
				if strings.HasPrefix(p.Header.Get("Content-Type"), "text/calendar") {
					b, _ := io.ReadAll(p)
					dec := b
					if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "base64") {
						dec = make([]byte, len(b))
						n, _ := decodeBase64(dec, b)
						dec = dec[:n]
					}
					cal, err := ics.ParseCalendar(bytes.NewReader(dec))
					if err != nil {
						t.Fatalf("parse ics: %v\n%s", err, dec)
					}
					found, ctype = cal, p.Header.Get("Content-Type")
					continue
				}
				walk(p.Header.Get("Content-Type"), p)
			}
		}
	}
	walk(msg.Header.Get("Content-Type"), msg.Body)
	if found == nil {
		t.Fatalf("no text/calendar part in\n%s", raw)
	}
	return found, ctype
}

func prop(cal *ics.Calendar, p ics.ComponentProperty) string {
	ev := cal.Events()[0]
	if x := ev.GetProperty(p); x != nil {
		return x.Value
	}
	return ""
}

func calMethod(cal *ics.Calendar) string {
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyMethod) {
			return p.Value
		}
	}
	return ""
}

func TestInvitationMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		s := newSetup(t, d, servertest.WithMail(smtp.URL()))

		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), meetingForm("Verkoston kokous", "2026-12-08"))
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/meetings/") {
			t.Fatalf("create: %d %s\n%s", r.Status, r.Location, r.Text())
		}
		id := strings.TrimPrefix(r.Location, "/meetings/")
		// Five members with an address (the seed's two and three accounts).
		msgs := smtp.Wait(t, 5, 20*time.Second)
		var to []string
		for _, m := range msgs {
			to = append(to, m.To...)
		}
		sort.Strings(to)
		want := []string{"anna@example.fi", "bertil@example.fi", s.convenerEmail, s.memberEmail, "sven@example.fi"}
		sort.Strings(want)
		if !slices.Equal(to, want) {
			t.Errorf("recipients %v, want %v", to, want)
		}
		for _, m := range msgs {
			cal, ctype := calendar(t, m.Data)
			if !strings.Contains(ctype, "method=REQUEST") {
				t.Errorf("content type %q", ctype)
			}
			if got := calMethod(cal); got != "REQUEST" {
				t.Errorf("METHOD %q", got)
			}
			if got := prop(cal, ics.ComponentPropertyUniqueId); got != "meeting-"+id+"@127.0.0.1" {
				t.Errorf("UID %q", got)
			}
			if got := prop(cal, ics.ComponentPropertySequence); got != "0" {
				t.Errorf("SEQUENCE %q", got)
			}
			// 9:00 in Helsinki in December is 07:00 UTC.
			if got := prop(cal, ics.ComponentPropertyDtStart); got != "20261208T070000Z" {
				t.Errorf("DTSTART %q", got)
			}
			if got := prop(cal, ics.ComponentPropertySummary); got != "Verkoston kokous" {
				t.Errorf("SUMMARY %q", got)
			}
			if m.To[0] == "sven@example.fi" || m.To[0] == "bertil@example.fi" {
				if !strings.HasPrefix(m.Subject(), "Kallelse: Verkoston kokous") || !strings.Contains(m.Text, "Du är kallad") {
					t.Errorf("Swedish mail: %s\n%s", m.Subject(), m.Text)
				}
			} else if !strings.HasPrefix(m.Subject(), "Kokouskutsu: Verkoston kokous 8.12.2026 9.00–11.00") {
				t.Errorf("subject %q", m.Subject())
			}
			if !strings.Contains(m.Text, "https://meet.example.fi/secret-room") {
				t.Errorf("invitee mail without the remote link:\n%s", m.Text)
			}
		}

		// A change sends an update with SEQUENCE 1.
		f := meetingForm("Verkoston kokous", "2026-12-08")
		f.Set("start_time", "10:00")
		f.Set("end_time", "12:00")
		if r := s.convener.PostForm("/meetings/"+id, f); r.Status != http.StatusSeeOther {
			t.Fatalf("update: %d %s", r.Status, r.Text())
		}
		msgs = smtp.Wait(t, 10, 20*time.Second)
		cal, _ := calendar(t, msgs[9].Data)
		if calMethod(cal) != "REQUEST" || prop(cal, ics.ComponentPropertySequence) != "1" || prop(cal, ics.ComponentPropertyDtStart) != "20261208T080000Z" {
			t.Errorf("update ics: %s", cal.Serialize())
		}
		// Saving without changes sends nothing.
		if r := s.convener.PostForm("/meetings/"+id, f); r.Status != http.StatusSeeOther {
			t.Fatalf("update: %d", r.Status)
		}
		// Cancelling sends METHOD:CANCEL with SEQUENCE 2.
		if r := s.convener.PostForm("/meetings/"+id+"/cancel", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("cancel: %d %s", r.Status, r.Text())
		}
		msgs = smtp.Wait(t, 15, 20*time.Second)
		cal, ctype := calendar(t, msgs[14].Data)
		if calMethod(cal) != "CANCEL" || prop(cal, ics.ComponentPropertySequence) != "2" || !strings.Contains(ctype, "method=CANCEL") ||
			prop(cal, ics.ComponentPropertyStatus) != "CANCELLED" {
			t.Errorf("cancel ics: %s %s", ctype, cal.Serialize())
		}
		time.Sleep(300 * time.Millisecond)
		if n := len(smtp.Messages()); n != 15 {
			t.Errorf("%d messages, want 15", n)
		}
	})
}

func TestMeetingPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		base := fmt.Sprintf("/networks/%d/meetings", s.network)

		// Bad input: 422 and nothing stored.
		bad := []url.Values{
			meetingForm("", "2026-12-08"),
			meetingForm("Menneisyys", "2026-11-01"),
			func() url.Values {
				f := meetingForm("Väärin päin", "2026-12-08")
				f.Set("end_time", "8:00")
				return f
			}(),
			func() url.Values { f := meetingForm("Tila", "2026-12-08"); f.Set("mode", "telepathy"); return f }(),
			func() url.Values { f := meetingForm("Linkki", "2026-12-08"); f.Set("remote_link", "ftp://x"); return f }(),
			func() url.Values {
				f := meetingForm("Sarja", "2026-12-08")
				f.Set("repeat", "monthly")
				f.Set("count", "500")
				return f
			}(),
			meetingForm("Päivä", "8.13.2026"),
		}
		for i, f := range bad {
			if r := s.convener.PostForm(base, f); r.Status != http.StatusUnprocessableEntity {
				t.Errorf("bad input %d: %d\n%s", i, r.Status, r.Text())
			}
		}
		if n := count(t, d, "meetings"); n != 0 {
			t.Fatalf("%d meetings stored from bad input", n)
		}

		// A monthly series of three (second Tuesday), then an overlap.
		f := meetingForm("Kuukausikokous", "2026-12-08")
		f.Set("repeat", "monthly")
		f.Set("count", "3")
		r := s.convener.PostForm(base, f)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create series: %d %s", r.Status, r.Text())
		}
		id := strings.TrimPrefix(r.Location, "/meetings/")
		if n := count(t, d, "meetings"); n != 3 {
			t.Errorf("%d meetings, want 3", n)
		}
		if r := s.convener.PostForm(base, meetingForm("Päällekkäin", "2027-01-12")); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Text(), "Päällekkäin verkoston kokouksen") {
			t.Errorf("overlap: %d %s", r.Status, r.Text())
		}

		// Permissions.
		if r := s.member.PostForm(base, meetingForm("Jäsen", "2026-12-20")); r.Status != http.StatusForbidden {
			t.Errorf("member creates: %d", r.Status)
		}
		if r := s.env.Client(t).PostForm(base, meetingForm("Yleisö", "2026-12-20")); r.Status != http.StatusUnauthorized {
			t.Errorf("public creates: %d", r.Status)
		}
		if r := s.outsider.Get("/meetings/" + id + "/edit"); r.Status != http.StatusForbidden {
			t.Errorf("outsider edits: %d", r.Status)
		}
		for _, p := range []string{"/meetings/999999", "/meetings/abc", "/networks/999999/meetings", "/api/v1/meetings/999999"} {
			if r := s.convener.Get(p); r.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, r.Status)
			}
		}

		// The remote link: invitees only.
		const secret = "secret-room"
		if r := s.member.Get("/meetings/" + id); r.Status != http.StatusOK || !strings.Contains(r.Body, secret) {
			t.Errorf("member does not see the link: %d", r.Status)
		}
		for name, c := range map[string]*servertest.Client{"outsider": s.outsider, "public": s.env.Client(t)} {
			for _, p := range []string{"/meetings/" + id, base, "/api/v1/meetings/" + id, "/api/v1/networks/" + fmt.Sprint(s.network) + "/meetings"} {
				if r := c.Get(p); r.Status != http.StatusOK || strings.Contains(r.Body, secret) {
					t.Errorf("%s GET %s: %d, shows link %v", name, p, r.Status, strings.Contains(r.Body, secret))
				}
			}
		}

		// A member proposes an agenda item; the convener accepts it.
		r = s.member.PostForm("/meetings/"+id+"/agenda", url.Values{"item_title": {"Työkokeilupaikat"}, "preparer_id": {fmt.Sprint(s.memberPerson)}, "minutes": {"20"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("propose: %d %s", r.Status, r.Text())
		}
		if r := s.member.PostForm("/meetings/"+id+"/agenda", url.Values{"item_title": {""}, "minutes": {"x"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad proposal: %d", r.Status)
		}
		var item int64
		if err := d.QueryRowContext(context.Background(), `SELECT id FROM agenda_items WHERE status = 'proposed'`).Scan(&item); err != nil {
			t.Fatal(err)
		}
		if r := s.member.PostForm(fmt.Sprintf("/agenda-items/%d/accept", item), nil); r.Status != http.StatusForbidden {
			t.Errorf("member accepts: %d", r.Status)
		}
		if r := s.convener.PostForm(fmt.Sprintf("/agenda-items/%d/accept", item), nil); r.Status != http.StatusSeeOther {
			t.Errorf("accept: %d", r.Status)
		}
		if r := s.member.Get("/meetings/" + id); !strings.Contains(r.Text(), "Työkokeilupaikat") {
			t.Errorf("agenda item not shown")
		}

		// Answers; the convener sees who comes and what is missing.
		if r := s.member.PostForm("/meetings/"+id+"/response", url.Values{"answer": {"remote"}}); r.Status != http.StatusSeeOther {
			t.Errorf("answer: %d %s", r.Status, r.Text())
		}
		if r := s.member.PostForm("/meetings/"+id+"/response", url.Values{"answer": {"maybe"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad answer: %d", r.Status)
		}
		if r := s.outsider.PostForm("/meetings/"+id+"/response", url.Values{"answer": {"remote"}}); r.Status != http.StatusForbidden {
			t.Errorf("outsider answers: %d", r.Status)
		}
		page := s.convener.Get("/meetings/" + id).Text()
		if !strings.Contains(page, "Matti Jäsen Osallistun etänä") || !strings.Contains(page, "Sektorit ilman edustajaa") {
			t.Errorf("convener's view of the answers:\n%s", page)
		}

		// Attendance is recorded at the meeting.
		r = s.convener.PostForm(base, meetingForm("Huomenna", "2026-11-23"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		soon := r.Location
		att := url.Values{fmt.Sprintf("attendance_%d", s.memberPerson): {"remote"}}
		if r := s.convener.PostForm(soon+"/attendance", att); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("attendance before the meeting: %d", r.Status)
		}
		s.env.Clock.Set(time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC))
		if r := s.convener.PostForm(soon+"/attendance", att); r.Status != http.StatusSeeOther {
			t.Errorf("attendance: %d %s", r.Status, r.Text())
		}
		s.env.Clock.Set(time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC))
		hist := s.member.Get(fmt.Sprintf("/networks/%d/attendance", s.network))
		if hist.Status != http.StatusOK || !strings.Contains(hist.Text(), "Matti Jäsen Etänä 1") {
			t.Errorf("history: %d %s", hist.Status, hist.Text())
		}
		if r := s.outsider.Get(fmt.Sprintf("/networks/%d/attendance", s.network)); r.Status != http.StatusForbidden {
			t.Errorf("outsider history: %d", r.Status)
		}
	})
}

func TestMeetingAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		tok := apiToken(t, s, s.convenerEmail)
		path := fmt.Sprintf("/api/v1/networks/%d/meetings", s.network)
		c := s.env.Client(t)
		body := `{"title": "API-kokous", "starts_at": "2027-02-09T09:00", "ends_at": "2027-02-09T11:00", "mode": "remote",
			"remote_link": "https://meet.example.fi/api", "rrule": "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"}`
		r := c.JSON(http.MethodPost, path, tok, body)
		if r.Status != http.StatusCreated || !strings.Contains(r.Body, `"starts_at":"2027-02-09T07:00:00Z"`) {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		loc := r.Header.Get("Location")
		for _, bad := range []string{`{"title": ""}`, `{"title": "x", "starts_at": "2020-01-01T09:00:00Z", "ends_at": "2020-01-01T10:00:00Z", "mode": "remote"}`,
			`{"title": "x", "starts_at": "2027-05-01T09:00", "ends_at": "2027-05-01T08:00", "mode": "remote"}`, `{"nonsense": 1}`} {
			if r := c.JSON(http.MethodPost, path, tok, bad); r.Status != http.StatusBadRequest {
				t.Errorf("bad %s: %d", bad, r.Status)
			}
		}
		if r := c.JSON(http.MethodPost, path, tok, strings.Replace(body, "API-kokous", "Toinen", 1)); r.Status != http.StatusConflict {
			t.Errorf("overlap: %d %s", r.Status, r.Body)
		}
		if n := count(t, d, "meetings"); n != 3 {
			t.Errorf("%d meetings", n)
		}
		if r := c.JSON(http.MethodPost, path, apiToken(t, s, s.memberEmail), body); r.Status != http.StatusForbidden {
			t.Errorf("member creates: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, path, "", body); r.Status != http.StatusUnauthorized {
			t.Errorf("public creates: %d", r.Status)
		}
		r = c.JSON(http.MethodPut, loc, tok, `{"title": "API-kokous", "starts_at": "2027-02-09T09:00:00+02:00", "ends_at": "2027-02-09T12:00:00+02:00", "mode": "hybrid", "place": "Oulu"}`)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"sequence":1`) || !strings.Contains(r.Body, `"remote_link":""`) {
			t.Errorf("update: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodPut, loc, tok, `{"title": "API-kokous", "starts_at": "2027-02-09T09:00", "ends_at": "2027-02-09T12:00", "mode": "hybrid", "status": "cancelled"}`)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"status":"cancelled"`) {
			t.Errorf("cancel: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, path+"?when=upcoming", "", ""); r.Status != http.StatusOK || !strings.Contains(r.Body, `"total":3`) || !strings.Contains(r.Body, `"remote_link":null`) {
			t.Errorf("public list: %d %s", r.Status, r.Body)
		}
	})
}

func apiToken(t *testing.T, s *setup, email string) string {
	t.Helper()
	var acct int64
	if err := s.env.DB.QueryRowContext(context.Background(), `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id WHERE p.email = $1`, email).Scan(&acct); err != nil {
		t.Fatal(err)
	}
	tok, err := createToken(s, acct)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func createToken(s *setup, accountID int64) (string, error) {
	return auth.NewStore(s.env.DB).CreateAPIToken(context.Background(), accountID, "test", s.env.Clock.Now())
}

func decodeBase64(dst, src []byte) (int, error) {
	return base64.StdEncoding.Decode(dst, bytes.Join(bytes.Fields(src), nil))
}
