package meeting_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	stdmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/meeting/icstest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// hostileTexts are titles, places and names that must come out of an .ics
// as valid RFC 5545 and read back as written (line breaks aside).
var hostileTexts = []string{
	"Kokous\rjossa CR",
	"Kokous\njossa LF",
	"Kokous\r\njossa CRLF\r\nBEGIN:VALARM",
	"Puolipiste; pilkku, kaksoispiste: \\ kenoviiva\\",
	`"lainausmerkit" ja ^sirkumfleksi^ ja \n ei rivinvaihto`,
	"NUL\x00 ESC\x1b DEL\x7f C1\u0085 tab\tloppu",
	"END:VEVENT",
	strings.Repeat("Äänestys ja päätös; ", 30),
	strings.Repeat("ÄÖÅ€😀", 60),
	"Čoahkkin – Sámi: Áŋŋel ŧ đ ž ǯ ǥ",
	strings.Repeat("x", 74) + "ä" + strings.Repeat("y", 73) + "ö",
}

func TestICSHostileText(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	for _, s := range hostileTexts {
		for _, cancelled := range []bool{false, true} {
			m := &meeting.Meeting{ID: 7, Title: s, Description: s + "\r\nrivi 2\rrivi 3", Place: s,
				RemoteLink: "https://meet.example.fi/room", Sequence: 2, Status: meeting.StatusScheduled,
				StartsAt: now.Add(24 * time.Hour), EndsAt: now.Add(26 * time.Hour)}
			if cancelled {
				m.Status = meeting.StatusCancelled
			}
			out := meeting.ICS(m, meeting.ICSOptions{Host: "kohtaamo.test", URL: "https://kohtaamo.test/meetings/7\r\nX: y",
				Organizer: `"Kohtaamo, Oulu; \"Verkosto\"" <noreply@kohtaamo.test>`,
				Attendee:  mail.Address{Name: s, Email: "anna@example.fi"}, ShowLink: true, Now: now})
			cal := icstest.Parse(t, out)
			evs := icstest.Events(cal)
			if len(evs) != 1 {
				t.Fatalf("%d events in\n%s", len(evs), out)
			}
			ev := evs[0]
			line := meeting.ICSLine(s)
			if got := icstest.Text(t, ev, "SUMMARY"); got != line {
				t.Errorf("SUMMARY %q, want %q", got, line)
			}
			if got := icstest.Text(t, ev, "LOCATION"); got != line {
				t.Errorf("LOCATION %q, want %q", got, line)
			}
			wantDesc := meeting.ICSText(s) + "\nrivi 2\nrivi 3\n\nhttps://meet.example.fi/room"
			if got := icstest.Text(t, ev, "DESCRIPTION"); got != wantDesc {
				t.Errorf("DESCRIPTION %q, want %q", got, wantDesc)
			}
			if got := ev.Props.Get("URL"); got == nil || got.Value != "https://kohtaamo.test/meetings/7X:y" {
				t.Errorf("URL %v", got)
			}
			if cn, ok := icstest.Param(ev, "ATTENDEE", "CN"); !ok || cn != line {
				t.Errorf("ATTENDEE CN %q (%v), want %q", cn, ok, line)
			}
			if p := ev.Props.Get("ATTENDEE"); p == nil || p.Value != "mailto:anna@example.fi" {
				t.Errorf("ATTENDEE %v", p)
			}
			if cn, ok := icstest.Param(ev, "ORGANIZER", "CN"); !ok || cn != `Kohtaamo, Oulu; "Verkosto"` {
				t.Errorf("ORGANIZER CN %q (%v)", cn, ok)
			}
			if got := ev.Props.Get("UID"); got == nil || got.Value != "meeting-7@kohtaamo.test" {
				t.Errorf("UID %v", got)
			}
			if got := len(ev.Props["ATTENDEE"]) + len(ev.Props["ORGANIZER"]) + len(ev.Props["SUMMARY"]); got != 3 {
				t.Errorf("%d ATTENDEE, ORGANIZER and SUMMARY properties, want one each:\n%s", got, out)
			}
		}
	}
}

func TestICSText(t *testing.T) {
	for _, tc := range []struct{ in, text, line string }{
		{"a\r\nb\rc\nd", "a\nb\nc\nd", "a b c d"},
		{"nul\x00del\x7fesc\x1b", "nuldelesc", "nuldelesc"},
		{"tab\there", "tab here", "tab here"},
		{"sep\u2028par\u2029", "sep\npar\n", "sep par"},
		{"bad\xffutf8", "bad\uFFFDutf8", "bad\uFFFDutf8"},
		{"; , \\ :", "; , \\ :", "; , \\ :"},
	} {
		if got := meeting.ICSText(tc.in); got != tc.text {
			t.Errorf("ICSText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := meeting.ICSLine(tc.in); got != tc.line {
			t.Errorf("ICSLine(%q) = %q, want %q", tc.in, got, tc.line)
		}
	}
	if got := meeting.ICSParam(`a "b" ^c; d, e: f` + "\n"); got != `"a ^'b^' ^^c; d, e: f"` {
		t.Errorf("ICSParam = %s", got)
	}
}

// icsPart returns the raw text/calendar attachment of a raw message.
func icsPart(t *testing.T, raw []byte) string {
	t.Helper()
	msg, err := stdmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var out string
	var walk func(ct string, body io.Reader)
	walk = func(ct string, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || !strings.HasPrefix(mt, "multipart/") {
			return
		}
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				return
			}
			if strings.HasPrefix(p.Header.Get("Content-Type"), "text/calendar") {
				var r io.Reader = p
				if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "base64") {
					r = base64.NewDecoder(base64.StdEncoding, p)
				}
				b, err := io.ReadAll(r)
				if err != nil {
					t.Fatal(err)
				}
				out = string(b)
				continue
			}
			walk(p.Header.Get("Content-Type"), p)
		}
	}
	walk(msg.Header.Get("Content-Type"), msg.Body)
	if out == "" {
		t.Fatalf("no text/calendar part")
	}
	return out
}

// TestInvitationICSStrict schedules a meeting through the form with a
// title and place full of iCalendar specials for members whose names are
// too; every invitation's .ics passes the strict line check and the
// independent parser, and reads back as written.
func TestInvitationICSStrict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		s := newSetup(t, d, servertest.WithMail(smtp.URL()))
		names := map[string]string{
			s.memberEmail:       `Korhonen, "Anna"; Back\ Ääni: ^`,
			"sven@example.fi":   "Máret Čuoŋŋa-Đávvá Šŧž " + strings.Repeat("Ǥǧ", 40),
			"anna@example.fi":   "Anna Aho",
			"bertil@example.fi": "Bertil Berg",
			s.convenerEmail:     "Kaisa Koollekutsuja",
		}
		for email, name := range names {
			exec(t, d, `UPDATE people SET name = $1 WHERE email = $2`, name, email)
		}
		title := `Kokous; pilkku, kenoviiva \ "lainaus" ` + strings.Repeat("äö€", 50)
		place := `Kaupungintalo, sali 2; ovi "B" \ kellari`
		f := meetingForm(title, "2026-12-08")
		f.Set("place", place)
		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), f)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s\n%s", r.Status, r.Location, r.Text())
		}
		msgs := smtp.Wait(t, len(names), 20*time.Second)
		for _, m := range msgs {
			out := icsPart(t, m.Data)
			evs := icstest.Events(icstest.Parse(t, out))
			if len(evs) != 1 {
				t.Fatalf("%d events", len(evs))
			}
			if got := icstest.Text(t, evs[0], "SUMMARY"); got != title {
				t.Errorf("SUMMARY %q, want %q", got, title)
			}
			if got := icstest.Text(t, evs[0], "LOCATION"); got != place {
				t.Errorf("LOCATION %q, want %q", got, place)
			}
			if cn, _ := icstest.Param(evs[0], "ATTENDEE", "CN"); cn != names[m.To[0]] {
				t.Errorf("%s: ATTENDEE CN %q, want %q", m.To[0], cn, names[m.To[0]])
			}
		}
	})
}
