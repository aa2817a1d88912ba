package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs/jobstest"
)

// hostileNames are display names that a person or account may have; each
// must reach its own address with the name intact in the To header.
var hostileNames = []string{
	`Anna "Annu Korhonen`,
	`Pekka Back\`,
	`"Quoted" Name`,
	`\"\\`,
	`Korhonen, Anna`,
	`Virtanen; Matti`,
	`Eve <eve@evil.example>`,
	`<>`,
	`mallory@evil.example`,
	`a@b, c@d; "e" <f@g>`,
	"Line\r\nBcc: victim@evil.example",
	"Only\rCR and\nLF and\ttab",
	"Ctrl\x01\x1b and \x7f DEL", // NUL is refused on input (PostgreSQL cannot store it)
	`(Comment) Name`,
	`=?utf-8?q?=41?=`,
	"Päivi Örn-Åström",
	"Máret Áilu Čuoŋŋa-Đávvá Šŧž", // Northern Sámi
	"Ǥǧ Ǩǩ Ʒʒ Ǯǯ Õõ ʹ",            // Skolt and Inari Sámi letters
	"Jyrki \u2028 Sep",
	"   ",
	"",
	strings.Repeat("A", MaxDisplayName),
	strings.Repeat("Ä", MaxDisplayName),
	strings.Repeat("Väinö ", 40),
	strings.Repeat(`"\,;<>@`, 40),
	strings.Repeat("Å", 3*MaxDisplayName),
}

// TestHostileNamesOverSMTP sends to every hostile name through the real
// queue, worker and SMTP, one by one and in one batch: each mail arrives
// once, at its own address only, and the To header parses back (net/mail)
// to the address and the cleaned name.
func TestHostileNamesOverSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 2)
		want := map[string]string{} // address → display name
		var batch []Message
		for i, name := range hostileNames {
			single := resetMessage("fi")
			single.To = Address{Name: name, Email: fmt.Sprintf("single%d@example.fi", i)}
			r.enqueue(t, single)
			want[single.To.Email] = name
			inv := Message{Kind: "invite", Lang: "sv", To: Address{Name: name, Email: fmt.Sprintf("batch%d@example.fi", i)},
				Data: map[string]any{"Link": "http://kohtaamo.test/x", "Days": 14, "Inviter": name}}
			batch = append(batch, inv)
			want[inv.To.Email] = name
		}
		r.enqueueBatch(t, batch)
		r.start(t)
		// Every delivery ends sent or failed; a failed one names its error.
		for _, del := range waitSettled(t, r, len(want)) {
			if del.Status != StatusSent || del.LastError != "" {
				t.Errorf("delivery to %q: %s %s", want[del.Recipient], del.Status, del.LastError)
			}
		}
		msgs := r.smtp.Messages()
		if len(msgs) != len(want) {
			t.Errorf("%d messages for %d recipients", len(msgs), len(want))
		}
		seen := map[string]bool{}
		for _, m := range msgs {
			if len(m.To) != 1 {
				t.Errorf("envelope recipients %v, want one", m.To)
				continue
			}
			addr := m.To[0]
			name, ok := want[addr]
			if !ok || seen[addr] {
				t.Errorf("unexpected or repeated recipient %q", addr)
				continue
			}
			seen[addr] = true
			checkHeaderLines(t, addr, m.Data)
			pm, err := mail.ReadMessage(bytes.NewReader(m.Data))
			if err != nil {
				t.Errorf("%s: message does not parse: %v", addr, err)
				continue
			}
			if bcc := pm.Header.Get("Bcc"); bcc != "" {
				t.Errorf("%s: injected Bcc header %q", addr, bcc)
			}
			to, err := pm.Header.AddressList("To")
			if err != nil || len(to) != 1 {
				t.Errorf("%s: To %q does not parse to one address: %v %v", addr, pm.Header.Get("To"), to, err)
				continue
			}
			if to[0].Address != addr {
				t.Errorf("To address %q, want %q", to[0].Address, addr)
			}
			if got, want := to[0].Name, DisplayName(name); got != want {
				t.Errorf("%s: To name %q, want %q (raw %q)", addr, got, want, pm.Header.Get("To"))
			}
		}
	})
}

// waitSettled waits until n deliveries exist and none is queued, and
// returns them.
func waitSettled(t *testing.T, r *rig, n int) []*Delivery {
	t.Helper()
	var list []*Delivery
	jobstest.WaitFor(t, r.queue, 30*time.Second, func() bool {
		var err error
		if list, _, err = NewStore(r.d).List(context.Background(), n+1, 0); err != nil {
			t.Fatal(err)
		}
		settled := len(list) == n
		for _, del := range list {
			settled = settled && del.Status != StatusQueued
		}
		return settled
	})
	return list
}

// checkHeaderLines checks the header block of a raw message: CRLF line
// ends, no bare CR or LF, no control characters, lines of at most 998
// octets (RFC 5322 2.1.1).
func checkHeaderLines(t *testing.T, who string, raw []byte) {
	t.Helper()
	head, _, ok := bytes.Cut(raw, []byte("\r\n\r\n"))
	if !ok {
		t.Errorf("%s: no end of header", who)
		return
	}
	for _, line := range bytes.Split(head, []byte("\r\n")) {
		if len(line) > 998 {
			t.Errorf("%s: header line of %d octets", who, len(line))
		}
		for _, c := range line {
			if (c < 0x20 && c != '\t') || c == 0x7f {
				t.Errorf("%s: control character %#x in header line %q", who, c, line)
				break
			}
		}
	}
}

func TestDisplayName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Anna Korhonen", "Anna Korhonen"},
		{"  Anna \r\n  Korhonen\t", "Anna Korhonen"},
		{"a\x00b\x1bc\u0085d", "a b c d"},
		{"bad \xff utf-8", "bad \uFFFD utf-8"},
		{strings.Repeat("Å", MaxDisplayName+5), strings.Repeat("Å", MaxDisplayName)},
	} {
		if got := DisplayName(tc.in); got != tc.want {
			t.Errorf("DisplayName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseSender(t *testing.T) {
	for in, want := range map[string]string{
		"Kohtaamo <noreply@kohtaamo.fi>":               "Kohtaamo",
		"noreply@kohtaamo.fi":                          "",
		`"Kohtaamo, Oulu" <noreply@kohtaamo.fi>`:       "Kohtaamo, Oulu",
		"Kohtaamo – Pohjois-Pohjanmaa <no@reply.fi>":   "Kohtaamo – Pohjois-Pohjanmaa",
		"=?utf-8?q?K=C3=A4ytt=C3=A4j=C3=A4?= <a@b.fi>": "Käyttäjä",
	} {
		a, err := ParseSender(in)
		if err != nil || a.Name != want {
			t.Errorf("ParseSender(%q) = %v, %v; want name %q", in, a, err, want)
		}
	}
	for _, bad := range []string{"", "Kohtaamo", "Kohtaamo, Oulu <noreply@kohtaamo.fi>", "Kohtaamo <noreply@>", "a@b.fi, c@d.fi", "Kohtaamo <noreply>"} {
		if _, err := ParseSender(bad); err == nil {
			t.Errorf("ParseSender(%q) accepted", bad)
		}
	}
}

// TestSenderNameOverSMTP sends from a sender whose display name needs
// quoting and encoding; the From header parses back to it.
func TestSenderNameOverSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		const from = `"Kohtaamo, Pohjois-Pohjanmaa \"Oulu\" – Áilu" <noreply@kohtaamo.test>`
		r.worker = NewWorker(d, r.worker.sender, from, testClock, nil)
		id := r.enqueue(t, resetMessage("fi"))
		job := &river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 10}, Args: SendArgs{DeliveryID: id}}
		if err := r.worker.Work(context.Background(), job); err != nil {
			t.Fatal(err)
		}
		m := r.smtp.Wait(t, 1, 10*time.Second)[0]
		if m.From != "noreply@kohtaamo.test" {
			t.Errorf("envelope from %q", m.From)
		}
		a, err := m.Header.AddressList("From")
		if err != nil || len(a) != 1 || a[0].Name != `Kohtaamo, Pohjois-Pohjanmaa "Oulu" – Áilu` || a[0].Address != "noreply@kohtaamo.test" {
			t.Errorf("From %q parses to %v, %v", m.Header.Get("From"), a, err)
		}
	})
}

// TestBadRecipientFailsVisibly stores a delivery whose address the outbox
// would have refused (written past it, as an old row could be): the
// worker gives it up at once, and the admin outbox (Store.List) shows it
// failed with the reason, which names neither the person nor the address.
func TestBadRecipientFailsVisibly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d, 0)
		c, err := composer(t).Compose(resetMessage("fi"))
		if err != nil {
			t.Fatal(err)
		}
		id, err := NewStore(d).Create(context.Background(), c, "bad@kohtaamo.test",
			Address{Name: "Secret Person", Email: "Secret Person <secret@example.fi>"}, testClock.Now())
		if err != nil {
			t.Fatal(err)
		}
		job := &river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 10}, Args: SendArgs{DeliveryID: id}}
		var cancel *river.JobCancelError
		if err := r.worker.Work(context.Background(), job); !errors.As(err, &cancel) {
			t.Fatalf("err = %v, want a cancelled job", err)
		}
		list, _, err := NewStore(d).List(context.Background(), 10, 0)
		if err != nil || len(list) != 1 {
			t.Fatalf("outbox list: %v %v", list, err)
		}
		if del := list[0]; del.Status != StatusFailed || del.LastError == "" ||
			strings.Contains(del.LastError, "secret") || strings.Contains(del.LastError, "Secret") {
			t.Errorf("outbox shows %q with error %q", del.Status, del.LastError)
		}
		if n := len(r.smtp.Messages()); n != 0 {
			t.Errorf("%d messages sent", n)
		}
	})
}
