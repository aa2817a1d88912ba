package auth_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

var linkRE = regexp.MustCompile(`http://127\.0\.0\.1(/(?:password/reset|invitations)/[A-Za-z0-9_-]+)`)

// linkPath returns the path of the one link in a received message, and
// checks that both parts carry it.
func linkPath(t *testing.T, m *mailtest.Message) string {
	t.Helper()
	mt := linkRE.FindStringSubmatch(m.Text)
	if mt == nil {
		t.Fatalf("no link in the text part:\n%s", m.Text)
	}
	if !strings.Contains(m.HTML, `href="`+mt[0]+`"`) {
		t.Fatalf("the HTML part lacks the link %s:\n%s", mt[0], m.HTML)
	}
	return mt[1]
}

// checkMIME asserts the headers and structure every Kohtaamo mail has.
func checkMIME(t *testing.T, m *mailtest.Message, to, subject string) {
	t.Helper()
	if len(m.To) != 1 || m.To[0] != to {
		t.Errorf("recipients = %v, want [%s]", m.To, to)
	}
	if m.From != "noreply@kohtaamo.test" {
		t.Errorf("envelope sender = %q", m.From)
	}
	if got := m.Subject(); got != subject {
		t.Errorf("subject = %q, want %q", got, subject)
	}
	if raw := m.Header.Get("Subject"); !strings.HasPrefix(strings.ToUpper(raw), "=?UTF-8?") {
		t.Errorf("subject header not UTF-8 encoded: %q", raw)
	}
	if m.ContentType != "multipart/alternative" || m.Text == "" || m.HTML == "" {
		t.Errorf("not multipart text+HTML: %q (text %d, html %d bytes)", m.ContentType, len(m.Text), len(m.HTML))
	}
	if id := m.Header.Get("Message-Id"); !regexp.MustCompile(`^<[0-9a-f]{32}@kohtaamo\.test>$`).MatchString(id) {
		t.Errorf("Message-ID = %q", id)
	}
	if _, err := m.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if !strings.Contains(m.Header.Get("To"), to) {
		t.Errorf("To header = %q", m.Header.Get("To"))
	}
}

func TestPasswordReset(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		env := servertest.New(t, d, servertest.WithMail(smtp.URL()))
		env.CreateUser(t, "Päivi Örn", "paivi@example.fi", false)
		c := env.Client(t)

		if r := c.Get("/password/forgot"); r.Status != http.StatusOK || !strings.Contains(r.Text(), "Unohtunut salasana") {
			t.Fatalf("GET forgot: %d %s", r.Status, r.Text())
		}
		// Bad input: 422 with a field error, nothing sent.
		r := c.PostForm("/password/forgot", url.Values{"email": {"not-an-address"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `aria-invalid="true"`) {
			t.Fatalf("bad address: %d", r.Status)
		}
		// Unknown and known addresses get the same answer.
		var answers []string
		for _, email := range []string{"nobody@example.fi", "PAIVI@example.fi"} {
			r := c.PostForm("/password/forgot", url.Values{"email": {email}})
			if r.Status != http.StatusSeeOther || r.Location != "/login" {
				t.Fatalf("forgot %s: %d %s", email, r.Status, r.Location)
			}
			answers = append(answers, c.Get("/login").Text())
		}
		if answers[0] != answers[1] || !strings.Contains(answers[0], "Jos osoitteella on Kohtaamo-tunnus") {
			t.Fatalf("answers differ or lack the notice:\n%s\n%s", answers[0], answers[1])
		}
		msgs := smtp.Wait(t, 1, 20*time.Second)
		// The requests enqueue their mail before they answer: one
		// delivery row in all proves none was made for the unknown
		// address, with no waiting for a mail that must not come.
		var deliveries int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_deliveries`).Scan(&deliveries); err != nil {
			t.Fatal(err)
		}
		if deliveries != 1 || len(smtp.Messages()) != 1 {
			t.Fatalf("%d deliveries, %d messages, want 1 (none for the unknown address)", deliveries, len(smtp.Messages()))
		}
		m := msgs[0]
		checkMIME(t, m, "paivi@example.fi", "Salasanan vaihtopyyntö – Kohtaamo")
		if !strings.Contains(m.Text, "Hei Päivi Örn,") || !strings.Contains(m.HTML, `lang="fi"`) {
			t.Errorf("not in Finnish to Päivi:\n%s", m.Text)
		}
		link := linkPath(t, m)

		if r := c.Get(link); r.Status != http.StatusOK || !strings.Contains(r.Text(), "Aseta uusi salasana") {
			t.Fatalf("GET link: %d %s", r.Status, r.Text())
		}
		for _, bad := range []url.Values{
			{"password": {"short"}, "password_confirm": {"short"}},
			{"password": {"long enough password"}, "password_confirm": {"different password"}},
			{"password": {""}, "password_confirm": {""}},
		} {
			r := c.PostForm(link, bad)
			if r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("bad password %v: status %d", bad, r.Status)
			}
		}
		if r := c.PostForm(link, url.Values{"password": {"short"}, "password_confirm": {"short"}}); !strings.Contains(r.Text(), "vähintään 10 merkkiä") {
			t.Errorf("no length message: %s", r.Text())
		}
		const newPassword = "uusi pitkä salasana"
		r = c.PostForm(link, url.Values{"password": {newPassword}, "password_confirm": {newPassword}})
		if r.Status != http.StatusSeeOther || r.Location != "/" {
			t.Fatalf("set password: %d %s\n%s", r.Status, r.Location, r.Text())
		}
		if r := c.Get("/"); !strings.Contains(r.Text(), "Päivi Örn") || !strings.Contains(r.Text(), "Salasana on tallennettu") {
			t.Errorf("not signed in after the reset: %s", r.Text())
		}
		// The link is used up.
		if r := env.Client(t).Get(link); r.Status != http.StatusNotFound || !strings.Contains(r.Text(), "Linkki on vanhentunut tai jo käytetty") {
			t.Errorf("used link: %d %s", r.Status, r.Text())
		}
		if r := env.Client(t).PostForm(link, url.Values{"password": {"another password!"}, "password_confirm": {"another password!"}}); r.Status != http.StatusNotFound {
			t.Errorf("used link POST: %d", r.Status)
		}
		// The old password no longer works, the new one does.
		if r := login(env.Client(t), "paivi@example.fi", servertest.Password); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("old password: %d", r.Status)
		}
		if r := login(env.Client(t), "paivi@example.fi", newPassword); r.Status != http.StatusSeeOther {
			t.Errorf("new password: %d", r.Status)
		}

		// A link expires after ResetTTL.
		c.PostForm("/password/forgot", url.Values{"email": {"paivi@example.fi"}})
		link2 := linkPath(t, smtp.Wait(t, 2, 20*time.Second)[1])
		env.Clock.Advance(auth.ResetTTL + time.Minute)
		if r := c.Get(link2); r.Status != http.StatusNotFound || !strings.Contains(r.Text(), "Pyydä uusi linkki") {
			t.Errorf("expired link: %d %s", r.Status, r.Text())
		}
		if r := c.Get("/password/reset/not-a-token"); r.Status != http.StatusNotFound {
			t.Errorf("unknown link: %d", r.Status)
		}
	})
}

func TestResetMailLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d) // no workers: mail stays queued
		slept := recordDelays(env)
		env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
		c := env.Client(t)
		for i := 0; i < auth.MaxResetMails+2; i++ {
			if r := c.PostForm("/password/forgot", url.Values{"email": {"aino@example.fi"}}); r.Status != http.StatusSeeOther {
				t.Fatalf("request %d: %d", i+1, r.Status)
			}
		}
		var n int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_deliveries`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != auth.MaxResetMails {
			t.Errorf("%d reset mails queued, want %d", n, auth.MaxResetMails)
		}
		for i := auth.MaxResetMails + 2; i < auth.MaxResetRequests; i++ {
			c.PostForm("/password/forgot", url.Values{"email": {"someone@example.fi"}})
		}
		if got := slept.take(); len(got) != 0 {
			t.Errorf("delays below the address's limit: %v", got)
		}
		// Past the address's limit requests are slowed down, not refused:
		// someone else behind the same address still gets their mail.
		env.CreateUser(t, "Bertta Berg", "bertta@example.fi", false)
		r := c.PostForm("/password/forgot", url.Values{"email": {"bertta@example.fi"}})
		if r.Status != http.StatusSeeOther {
			t.Errorf("after %d requests from one address: %d", auth.MaxResetRequests, r.Status)
		}
		if got := slept.take(); !slices.Equal(got, []time.Duration{auth.IPDelayStep}) {
			t.Errorf("delay after %d requests: %v, want [%v]", auth.MaxResetRequests, got, auth.IPDelayStep)
		}
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_deliveries`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != auth.MaxResetMails+1 {
			t.Errorf("%d reset mails queued, want %d", n, auth.MaxResetMails+1)
		}
	})
}

func TestSwedishResetPage(t *testing.T) {
	env := servertest.New(t, dbtest.SQLite(t))
	c := env.Client(t)
	c.Lang = "sv"
	if r := c.Get("/password/forgot"); !strings.Contains(r.Text(), "Glömt lösenord") {
		t.Errorf("Swedish page: %s", r.Text())
	}
	if r := c.Get("/invitations/nope"); r.Status != http.StatusNotFound || !strings.Contains(r.Text(), "Länken har gått ut") {
		t.Errorf("Swedish invalid link: %d %s", r.Status, r.Text())
	}
}
