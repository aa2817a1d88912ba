package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

var oneTimeLink = regexp.MustCompile(`http://127\.0\.0\.1/(password/reset|invitations)/([A-Za-z0-9_-]+)`)

// TestOutboxMasksOneTimeLinks: the outbox shows password-reset and
// invitation mail with the link's secret masked (… and its last four
// characters), so an admin cannot use someone's link; the rest of the
// message stays readable.
func TestOutboxMasksOneTimeLinks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := servertest.New(t, d) // mail queued, never sent: the outbox shows it all the same
		env.CreateUser(t, "Ville Väisänen", "ville@example.fi", true)
		env.CreateUser(t, "Olli Ojala", "olli@example.fi", false)
		invitee := &person.Person{Name: "Iida Ikonen", Email: "iida@example.fi", Lang: "fi"}
		if err := person.NewStore(d).Create(ctx, invitee, env.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		admin := env.Login(t, "ville@example.fi")
		if r := env.Client(t).PostForm("/password/forgot", url.Values{"email": {"olli@example.fi"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("forgot: %d", r.Status)
		}
		if r := admin.PostForm("/people/"+strconv.FormatInt(invitee.ID, 10)+"/invite", url.Values{}); r.Status != http.StatusSeeOther {
			t.Fatalf("invite: %d %s", r.Status, r.Text())
		}

		rows, err := d.QueryContext(ctx, `SELECT d.id, m.text_body FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id ORDER BY d.id`)
		if err != nil {
			t.Fatal(err)
		}
		type msg struct {
			id           int64
			kind, secret string
		}
		var msgs []msg
		for rows.Next() {
			var id int64
			var text string
			if err := rows.Scan(&id, &text); err != nil {
				t.Fatal(err)
			}
			m := oneTimeLink.FindStringSubmatch(text)
			if m == nil {
				t.Fatalf("mail %d has no one-time link:\n%s", id, text)
			}
			msgs = append(msgs, msg{id, m[1], m[2]})
		}
		rows.Close()
		if len(msgs) != 2 {
			t.Fatalf("%d mails, want a reset and an invitation", len(msgs))
		}

		list := admin.Get("/admin/outbox")
		for _, m := range msgs {
			if strings.Contains(list.Body, m.secret) {
				t.Errorf("the outbox list shows the %s secret", m.kind)
			}
			r := admin.Get(fmt.Sprintf("/admin/outbox/%d", m.id))
			if r.Status != http.StatusOK {
				t.Fatalf("message %d: %d", m.id, r.Status)
			}
			if strings.Contains(r.Body, m.secret) || strings.Contains(r.Body, `href="http://127.0.0.1/`+m.kind) {
				t.Errorf("%s message shows the live link:\n%s", m.kind, r.Body)
			}
			if want := "http://127.0.0.1/" + m.kind + "/…" + m.secret[len(m.secret)-4:]; !strings.Contains(r.Text(), want) {
				t.Errorf("%s message lacks the masked link %q:\n%s", m.kind, want, r.Text())
			}
		}
		// Everything else stays readable.
		r := admin.Get(fmt.Sprintf("/admin/outbox/%d", msgs[0].id))
		for _, want := range []string{"Hei Olli Ojala,", "Olli Ojala &lt;olli@example.fi&gt;", "Salasanan vaihtopyyntö – Kohtaamo"} {
			if !strings.Contains(r.Text(), want) {
				t.Errorf("reset message lacks %q: %s", want, r.Text())
			}
		}
		if r := admin.Get(fmt.Sprintf("/admin/outbox/%d", msgs[1].id)); !strings.Contains(r.Text(), "Iida Ikonen &lt;iida@example.fi&gt;") {
			t.Errorf("invitation message lacks the recipient: %s", r.Text())
		}
	})
}
