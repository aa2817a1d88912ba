package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// addPerson creates a person without an account.
func addPerson(t *testing.T, env *servertest.Env, name, email, lang string) int64 {
	t.Helper()
	return fixture.New(t, env.DB, env.Clock).PersonWith(person.Person{Name: name, Email: email, Lang: lang})
}

func TestInvitation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		env := servertest.New(t, d, servertest.WithMail(smtp.URL()))
		env.CreateUser(t, "Ville Väisänen", "ville@example.fi", true)
		admin := env.Login(t, "ville@example.fi")
		id := addPerson(t, env, "Sanna Söderholm", "sanna@example.fi", "fi")
		path := fmt.Sprintf("/people/%d/invite", id)

		r := admin.PostForm(path, nil)
		if r.Status != http.StatusSeeOther || r.Location != fmt.Sprintf("/people/%d", id) {
			t.Fatalf("invite: %d %s\n%s", r.Status, r.Location, r.Text())
		}
		m := smtp.Wait(t, 1, 20*time.Second)[0]
		checkMIME(t, m, "sanna@example.fi", "Kutsu Kohtaamo-työtilaan")
		if !strings.Contains(m.Text, "Ville Väisänen kutsui sinut Kohtaamoon.") || !strings.Contains(m.Text, "14 päivää") {
			t.Errorf("invitation text:\n%s", m.Text)
		}
		link := linkPath(t, m)
		if !strings.HasPrefix(link, "/invitations/") {
			t.Fatalf("link %s", link)
		}
		acct, err := auth.NewStore(d).AccountByPerson(context.Background(), id)
		if err != nil || acct.PasswordHash != "" {
			t.Fatalf("account after invitation: %+v %v", acct, err)
		}

		c := env.Client(t)
		r = c.Get(link)
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Tervetuloa Kohtaamoon, Sanna Söderholm!") {
			t.Fatalf("GET invitation: %d %s", r.Status, r.Text())
		}
		if r := c.PostForm(link, url.Values{"password": {"lyhyt"}, "password_confirm": {"lyhyt"}}); r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("short password: %d", r.Status)
		}
		const pw = "sannan oma salasana"
		r = c.PostForm(link, url.Values{"password": {pw}, "password_confirm": {pw}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("accept: %d\n%s", r.Status, r.Text())
		}
		if r := c.Get("/"); !strings.Contains(r.Text(), "Sanna Söderholm") {
			t.Errorf("not signed in after accepting: %s", r.Text())
		}
		if r := login(env.Client(t), "sanna@example.fi", pw); r.Status != http.StatusSeeOther {
			t.Errorf("sign in with the chosen password: %d", r.Status)
		}
		if r := env.Client(t).Get(link); r.Status != http.StatusNotFound || !strings.Contains(r.Text(), "Linkki on vanhentunut") {
			t.Errorf("used invitation: %d", r.Status)
		}
		// Inviting someone who already uses their account is a conflict.
		if r := admin.PostForm(path, nil); r.Status != http.StatusConflict || !strings.Contains(r.Text(), "käyttää jo") {
			t.Errorf("re-invite active: %d %s", r.Status, r.Text())
		}
		if n := len(smtp.Messages()); n != 1 {
			t.Errorf("%d messages, want 1", n)
		}
	})
}

func TestInvitationRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Ville Väisänen", "ville@example.fi", true)
		env.CreateUser(t, "Olli Ojala", "olli@example.fi", false)
		admin := env.Login(t, "ville@example.fi")
		plain := env.Login(t, "olli@example.fi")
		withEmail := addPerson(t, env, "Sanna Söderholm", "sanna@example.fi", "sv")
		noEmail := addPerson(t, env, "Erkki Esimerkki", "", "fi")
		count := func() int {
			var n int
			if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_deliveries`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}

		if r := env.Client(t).PostForm(fmt.Sprintf("/people/%d/invite", withEmail), nil); r.Status != http.StatusUnauthorized {
			t.Errorf("public: %d", r.Status)
		}
		if r := plain.PostForm(fmt.Sprintf("/people/%d/invite", withEmail), nil); r.Status != http.StatusForbidden {
			t.Errorf("member without rights: %d", r.Status)
		}
		if r := admin.PostForm(fmt.Sprintf("/people/%d/invite", noEmail), nil); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "ei ole sähköpostiosoitetta") {
			t.Errorf("no e-mail: %d %s", r.Status, r.Text())
		}
		if r := admin.PostForm("/people/999999/invite", nil); r.Status != http.StatusNotFound {
			t.Errorf("unknown person: %d", r.Status)
		}
		if r := admin.PostForm("/people/abc/invite", nil); r.Status != http.StatusNotFound {
			t.Errorf("malformed id: %d", r.Status)
		}
		if n := count(); n != 0 {
			t.Fatalf("refused invitations queued %d mails", n)
		}
		if _, err := auth.NewStore(d).AccountByPerson(context.Background(), noEmail); err == nil {
			t.Error("an account was created for the refused invitation")
		}
		// Inviting again before the first is accepted sends a new link;
		// both work until one is used.
		for i := 0; i < 2; i++ {
			if r := admin.PostForm(fmt.Sprintf("/people/%d/invite", withEmail), nil); r.Status != http.StatusSeeOther {
				t.Fatalf("invite %d: %d", i+1, r.Status)
			}
		}
		if n := count(); n != 2 {
			t.Errorf("%d mails, want 2", n)
		}
		var subject string
		if err := d.QueryRowContext(context.Background(), `SELECT subject FROM mail_messages ORDER BY id LIMIT 1`).Scan(&subject); err != nil {
			t.Fatal(err)
		}
		if subject != "Inbjudan till arbetsrummet Kohtaamo" {
			t.Errorf("a Swedish speaker got %q", subject)
		}
	})
}
