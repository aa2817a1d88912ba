package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func TestAdminPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		// No SMTP URL: mail goes to the log and the outbox.
		env := servertest.New(t, d, servertest.WithMail(""))
		env.CreateUser(t, "Ville Väisänen", "ville@example.fi", true)
		env.CreateUser(t, "Olli Ojala", "olli@example.fi", false)
		admin := env.Login(t, "ville@example.fi")
		plain := env.Login(t, "olli@example.fi")
		public := env.Client(t)

		for _, p := range []string{"/admin", "/admin/outbox", "/admin/outbox/1", "/admin/accounts"} {
			if r := public.Get(p); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login?next=") {
				t.Errorf("public %s: %d %s", p, r.Status, r.Location)
			}
			if r := plain.Get(p); r.Status != http.StatusForbidden {
				t.Errorf("non-admin %s: %d", p, r.Status)
			}
		}

		r := admin.Get("/admin")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `href="/admin/outbox"`) || !strings.Contains(r.Body, `href="/admin/accounts"`) {
			t.Fatalf("index: %d %s", r.Status, r.Text())
		}
		if r := admin.Get("/admin/outbox"); !strings.Contains(r.Text(), "Viestejä ei ole vielä lähetetty") {
			t.Errorf("empty outbox: %s", r.Text())
		}

		public.PostForm("/password/forgot", url.Values{"email": {"olli@example.fi"}})
		var id int64
		deadline := time.Now().Add(20 * time.Second)
		for {
			var status string
			err := d.QueryRowContext(context.Background(), `SELECT id, status FROM mail_deliveries`).Scan(&id, &status)
			if err == nil && status == "sent" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("mail not logged: %v %q", err, status)
			}
			time.Sleep(50 * time.Millisecond)
		}
		r = admin.Get("/admin/outbox")
		if r.Status != http.StatusOK {
			t.Fatalf("outbox: %d", r.Status)
		}
		for _, want := range []string{"1 viesti", "Salasanan vaihtopyyntö – Kohtaamo", "Olli Ojala &lt;olli@example.fi&gt;", "lähetetty", "vain lokiin"} {
			if !strings.Contains(r.Text(), want) {
				t.Errorf("outbox lacks %q: %s", want, r.Text())
			}
		}
		r = admin.Get(fmt.Sprintf("/admin/outbox/%d", id))
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Hei Olli Ojala,") || !strings.Contains(r.Text(), "http://127.0.0.1/password/reset/…") {
			t.Fatalf("message: %d %s", r.Status, r.Body)
		}
		if r := admin.Get("/admin/outbox/999999"); r.Status != http.StatusNotFound {
			t.Errorf("unknown message: %d", r.Status)
		}
		if r := admin.Get("/admin/outbox/x"); r.Status != http.StatusNotFound {
			t.Errorf("malformed id: %d", r.Status)
		}

		r = admin.Get("/admin/accounts")
		for _, want := range []string{"2 käyttäjätiliä", "Ville Väisänen", "ylläpitäjä", "olli@example.fi", "käytössä"} {
			if !strings.Contains(r.Text(), want) {
				t.Errorf("accounts lacks %q: %s", want, r.Text())
			}
		}
		admin.Get("/lang/en") // the user's preference wins over Accept-Language
		if r := admin.Get("/admin/outbox"); !strings.Contains(r.Text(), "1 message") || !strings.Contains(r.Text(), "sent") {
			t.Errorf("English outbox: %s", r.Text())
		}
	})
}
