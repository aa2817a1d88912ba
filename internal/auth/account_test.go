package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// queued is one queued mail: its kind, recipient and text.
type queued struct {
	Kind, To, Text string
}

// queuedMail returns the mail queued since message id after, oldest first.
func queuedMail(t *testing.T, d *db.DB, after int64) []queued {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), `SELECT m.kind, d.recipient, m.text_body FROM mail_messages m
		JOIN mail_deliveries d ON d.message_id = m.id WHERE m.id > $1 ORDER BY m.id, d.id`, after)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []queued
	for rows.Next() {
		var q queued
		if err := rows.Scan(&q.Kind, &q.To, &q.Text); err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	return out
}

func lastMail(t *testing.T, d *db.DB) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), `SELECT COALESCE(MAX(id), 0) FROM mail_messages`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func emailOf(t *testing.T, d *db.DB, personID int64) string {
	t.Helper()
	var e string
	if err := d.QueryRowContext(context.Background(), `SELECT email FROM people WHERE id = $1`, personID).Scan(&e); err != nil {
		t.Fatal(err)
	}
	return e
}

var accountLinkRE = regexp.MustCompile(`http://127\.0\.0\.1(/(?:account/email|password/reset)/[A-Za-z0-9_-]+)`)

// takeover is a project with a coordinator, a worker and a convener of one
// of its networks, and an admin, all with accounts.
type takeover struct {
	env                           *servertest.Env
	d                             *db.DB
	admin, coord, worker, conv    *auth.Account
	projectID, networkID, plainID int64
}

func newTakeover(t *testing.T, d *db.DB) *takeover {
	env := servertest.New(t, d) // no workers: mail stays queued, read from the database
	x := &takeover{env: env, d: d}
	x.admin = env.CreateUser(t, "Aada Admin", "admin@example.fi", true)
	x.coord = env.CreateUser(t, "Kaija Koordinaattori", "coord@example.fi", false)
	x.worker = env.CreateUser(t, "Ville Työntekijä", "worker@example.fi", false)
	x.conv = env.CreateUser(t, "Kalle Koollekutsuja", "conv@example.fi", false)
	f := fixture.New(t, d, env.Clock)
	x.projectID = f.Project("Hanke")
	x.networkID = f.Network(x.projectID, "Verkosto")
	x.plainID = f.Person("Ilman Tunnusta", "plain@example.fi", 0)
	f.Staff(x.projectID, x.coord.PersonID, project.RoleCoordinator)
	f.Staff(x.projectID, x.worker.PersonID, project.RoleWorker)
	f.Member(x.networkID, x.conv.PersonID, network.RoleConvener)
	f.Member(x.networkID, x.plainID, network.RoleMember)
	return x
}

// TestAccountTakeover: directory editors cannot change anyone's sign-in
// address, so a password reset cannot hand them the account; they still
// edit the contact details of people without an account.
func TestAccountTakeover(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		x := newTakeover(t, d)
		conv, worker := x.env.Login(t, "conv@example.fi"), x.env.Login(t, "worker@example.fi")
		convTok, err := auth.NewStore(d).CreateAPIToken(context.Background(), x.conv.ID, "t", x.env.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		person := func(id int64) string { return fmt.Sprintf("/people/%d", id) }

		// The attack: the convener shares the project with the
		// coordinator and tries to move her address to his own mailbox.
		r := conv.PostForm(person(x.coord.PersonID), url.Values{"name": {"Kaija Koordinaattori"}, "email": {"attacker@example.fi"}, "lang": {"fi"}})
		if r.Status != http.StatusForbidden {
			t.Errorf("convener edits the coordinator: %d", r.Status)
		}
		r = x.env.Client(t).JSON(http.MethodPut, "/api/v1"+person(x.coord.PersonID), convTok,
			`{"name": "Kaija Koordinaattori", "email": "attacker@example.fi", "lang": "fi"}`)
		if r.Status != http.StatusForbidden {
			t.Errorf("convener edits the coordinator through the API: %d", r.Status)
		}
		r = conv.PostForm(person(x.admin.PersonID), url.Values{"name": {"Aada Admin"}, "email": {"attacker@example.fi"}, "lang": {"fi"}})
		if r.Status != http.StatusForbidden {
			t.Errorf("convener edits the admin: %d", r.Status)
		}
		// An equal (the worker edits the convener): the details may be
		// edited, the sign-in address may not.
		r = worker.PostForm(person(x.conv.PersonID), url.Values{"name": {"Kalle Koollekutsuja"}, "title": {"Puheenjohtaja"},
			"email": {"attacker@example.fi"}, "lang": {"fi"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "vain hän itse voi vaihtaa sen") {
			t.Errorf("worker changes the convener's sign-in address: %d %s", r.Status, r.Text())
		}
		r = worker.PostForm(person(x.conv.PersonID), url.Values{"name": {"Kalle Koollekutsuja"}, "title": {"Puheenjohtaja"},
			"email": {"conv@example.fi"}, "lang": {"fi"}})
		if r.Status != http.StatusSeeOther {
			t.Errorf("worker edits the convener's title: %d %s", r.Status, r.Text())
		}
		if form := worker.Get(person(x.conv.PersonID) + "/edit"); !strings.Contains(form.Body, `readonly`) {
			t.Errorf("the convener's sign-in address is editable on the form")
		}
		// The owner cannot change it through the profile form or API
		// either: that needs the account page.
		r = conv.PostForm(person(x.conv.PersonID), url.Values{"name": {"Kalle Koollekutsuja"}, "email": {"new@example.fi"}, "lang": {"fi"}})
		if r.Status != http.StatusUnprocessableEntity {
			t.Errorf("owner changes the address on the profile form: %d", r.Status)
		}
		r = x.env.Client(t).JSON(http.MethodPut, "/api/v1"+person(x.conv.PersonID), convTok,
			`{"name": "Kalle Koollekutsuja", "email": "new@example.fi", "lang": "fi"}`)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `"email"`) {
			t.Errorf("owner changes the address through the API: %d %s", r.Status, r.Body)
		}
		for who, acct := range map[string]*auth.Account{"coordinator": x.coord, "admin": x.admin, "convener": x.conv} {
			if got := emailOf(t, d, acct.PersonID); got != acct.Email {
				t.Errorf("the %s's address is now %q", who, got)
			}
		}
		// A person without an account: editors who share the project
		// still keep the contact details up to date.
		r = conv.PostForm(person(x.plainID), url.Values{"name": {"Ilman Tunnusta"}, "email": {"plain.new@example.fi"}, "lang": {"fi"}})
		if r.Status != http.StatusSeeOther || emailOf(t, d, x.plainID) != "plain.new@example.fi" {
			t.Errorf("convener edits a member without an account: %d, e-mail %q", r.Status, emailOf(t, d, x.plainID))
		}
		// Inviting someone with more rights is refused too.
		if r := conv.PostForm(person(x.coord.PersonID)+"/invite", nil); r.Status != http.StatusForbidden {
			t.Errorf("convener invites the coordinator: %d", r.Status)
		}
	})
}

// TestChangeSignInAddress: the owner changes the address after entering
// the password; a link goes to the new address and a notice to the old
// one; the address changes only when the link is used.
func TestChangeSignInAddress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		x := newTakeover(t, d)
		c := x.env.Login(t, "conv@example.fi")
		if r := c.Get("/account"); r.Status != http.StatusOK || !strings.Contains(r.Text(), "Kirjaudut osoitteella conv@example.fi") {
			t.Fatalf("account page: %d %s", r.Status, r.Text())
		}
		before := lastMail(t, d)
		for _, bad := range []struct {
			form url.Values
			want string
		}{
			{url.Values{"new_email": {"uusi@example.fi"}}, "Tämä tieto on pakollinen"},
			{url.Values{"new_email": {"uusi@example.fi"}, "email_password": {"wrong password"}}, "Salasana on väärä"},
			{url.Values{"new_email": {"not an address"}, "email_password": {servertest.Password}}, "sähköpostiosoite"},
			{url.Values{"new_email": {"coord@example.fi"}, "email_password": {servertest.Password}}, "toisen henkilön käytössä"},
			{url.Values{"new_email": {"CONV@example.fi"}, "email_password": {servertest.Password}}, "jo kirjautumisosoitteesi"},
		} {
			r := c.PostForm("/account/email", bad.form)
			if r.Status == http.StatusSeeOther || r.Status >= 500 || !strings.Contains(r.Text(), bad.want) {
				t.Errorf("%v: %d, want %q in\n%s", bad.form, r.Status, bad.want, r.Text())
			}
		}
		if got := queuedMail(t, d, before); len(got) != 0 {
			t.Fatalf("mail after refused requests: %v", got)
		}

		r := c.PostForm("/account/email", url.Values{"new_email": {"Kalle.Uusi@Example.fi"}, "email_password": {servertest.Password}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("request: %d %s", r.Status, r.Text())
		}
		mails := queuedMail(t, d, before)
		if len(mails) != 2 || mails[0].Kind != "email_confirm" || mails[0].To != "kalle.uusi@example.fi" ||
			mails[1].Kind != "email_notice" || mails[1].To != "conv@example.fi" || !strings.Contains(mails[1].Text, "kalle.uusi@example.fi") {
			t.Fatalf("mail: %+v", mails)
		}
		if strings.Contains(mails[1].Text, "/account/email/") {
			t.Error("the notice to the old address carries the confirmation link")
		}
		link := accountLinkRE.FindStringSubmatch(mails[0].Text)
		if link == nil {
			t.Fatalf("no link in %s", mails[0].Text)
		}
		if r := c.Get("/account"); !strings.Contains(r.Text(), "Vahvistuslinkki on lähetetty osoitteeseen kalle.uusi@example.fi") {
			t.Errorf("pending change not shown: %s", r.Text())
		}
		// Nothing changes until the link is used; opening it (a mail
		// scanner) changes nothing either.
		other := x.env.Client(t)
		if r := other.Get(link[1]); r.Status != http.StatusOK || !strings.Contains(r.Text(), "kalle.uusi@example.fi") {
			t.Fatalf("link page: %d %s", r.Status, r.Text())
		}
		if got := emailOf(t, d, x.conv.PersonID); got != "conv@example.fi" {
			t.Fatalf("address changed before confirming: %q", got)
		}
		if r := login(x.env.Client(t), "conv@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Errorf("old address before confirming: %d", r.Status)
		}
		if r := other.PostForm(link[1], nil); r.Status != http.StatusSeeOther || r.Location != "/login" {
			t.Fatalf("confirm: %d %s", r.Status, r.Location)
		}
		if got := emailOf(t, d, x.conv.PersonID); got != "kalle.uusi@example.fi" {
			t.Fatalf("address after confirming: %q", got)
		}
		if r := login(x.env.Client(t), "kalle.uusi@example.fi", servertest.Password); r.Status != http.StatusSeeOther {
			t.Errorf("new address: %d", r.Status)
		}
		if r := login(x.env.Client(t), "conv@example.fi", servertest.Password); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("old address after the change: %d", r.Status)
		}
		if r := other.PostForm(link[1], nil); r.Status != http.StatusNotFound {
			t.Errorf("link used twice: %d", r.Status)
		}

		// A later request replaces an earlier one, and a password reset
		// cancels a pending change.
		before = lastMail(t, d)
		c.PostForm("/account/email", url.Values{"new_email": {"eka@example.fi"}, "email_password": {servertest.Password}})
		c.PostForm("/account/email", url.Values{"new_email": {"toka@example.fi"}, "email_password": {servertest.Password}})
		mails = queuedMail(t, d, before)
		if len(mails) != 4 {
			t.Fatalf("mail: %+v", mails)
		}
		first, second := accountLinkRE.FindStringSubmatch(mails[0].Text), accountLinkRE.FindStringSubmatch(mails[2].Text)
		if r := other.PostForm(first[1], nil); r.Status != http.StatusNotFound {
			t.Errorf("replaced link works: %d", r.Status)
		}
		x.env.Client(t).PostForm("/password/forgot", url.Values{"email": {"kalle.uusi@example.fi"}})
		reset := accountLinkRE.FindStringSubmatch(queuedMail(t, d, lastMail(t, d)-1)[0].Text)
		if r := x.env.Client(t).PostForm(reset[1], url.Values{"password": {"uusi pitkä salasana"}, "password_confirm": {"uusi pitkä salasana"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("reset: %d", r.Status)
		}
		if r := other.PostForm(second[1], nil); r.Status != http.StatusNotFound || emailOf(t, d, x.conv.PersonID) != "kalle.uusi@example.fi" {
			t.Errorf("pending change survived the reset: %d", r.Status)
		}
	})
}

// TestResetEndsSessions: a password reset ends every session of the
// account; a password change ends the others when asked to; "sign out
// everywhere else" keeps only this one. Sessions of other accounts go on.
func TestResetEndsSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		x := newTakeover(t, d)
		signedIn := func(c *servertest.Client) bool {
			return c.Get("/account").Status == http.StatusOK
		}
		laptop, phone, someoneElse := x.env.Login(t, "conv@example.fi"), x.env.Login(t, "conv@example.fi"), x.env.Login(t, "worker@example.fi")

		// A reset (by whoever reads the mailbox) ends them all.
		x.env.Client(t).PostForm("/password/forgot", url.Values{"email": {"conv@example.fi"}})
		reset := accountLinkRE.FindStringSubmatch(queuedMail(t, d, 0)[0].Text)
		resetter := x.env.Client(t)
		const pw = "uusi pitkä salasana"
		if r := resetter.PostForm(reset[1], url.Values{"password": {pw}, "password_confirm": {pw}}); r.Status != http.StatusSeeOther {
			t.Fatalf("reset: %d", r.Status)
		}
		if signedIn(laptop) || signedIn(phone) {
			t.Errorf("sessions survived the reset: laptop %v, phone %v", signedIn(laptop), signedIn(phone))
		}
		if !signedIn(resetter) || !signedIn(someoneElse) {
			t.Errorf("after the reset: resetter %v, another account %v", signedIn(resetter), signedIn(someoneElse))
		}

		// A password change without ending the others keeps them.
		laptop, phone = loginWith(t, x.env, "conv@example.fi", pw), loginWith(t, x.env, "conv@example.fi", pw)
		const pw2 = "toinen pitkä salasana"
		r := laptop.PostForm("/account/password", url.Values{"current_password": {pw}, "password": {pw2}, "password_confirm": {pw2}})
		if r.Status != http.StatusSeeOther || !signedIn(phone) || !signedIn(laptop) {
			t.Fatalf("change without ending sessions: %d, phone %v", r.Status, signedIn(phone))
		}
		// With the box ticked (the default) the others end, this one goes on.
		const pw3 = "kolmas pitkä salasana"
		r = laptop.PostForm("/account/password", url.Values{"current_password": {pw2}, "password": {pw3}, "password_confirm": {pw3}, "end_sessions": {"1"}})
		if r.Status != http.StatusSeeOther || signedIn(phone) || !signedIn(laptop) {
			t.Errorf("change ending the others: %d, phone %v, laptop %v", r.Status, signedIn(phone), signedIn(laptop))
		}
		if !signedIn(someoneElse) {
			t.Error("another account's session ended")
		}
		// A wrong current password changes nothing.
		if r := laptop.PostForm("/account/password", url.Values{"current_password": {"wrong one!"}, "password": {pw}, "password_confirm": {pw}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Salasana on väärä") {
			t.Errorf("wrong current password: %d", r.Status)
		}
		// Sign out everywhere else.
		phone = loginWith(t, x.env, "conv@example.fi", pw3)
		if r := laptop.PostForm("/account/sessions/end", nil); r.Status != http.StatusSeeOther || signedIn(phone) || !signedIn(laptop) {
			t.Errorf("sign out elsewhere: %d, phone %v, laptop %v", r.Status, signedIn(phone), signedIn(laptop))
		}
	})
}

// TestOwnAPITokens: the owner lists, creates (with the password, shown
// once) and revokes API tokens; a revoked token stops working at once and
// nobody else can revoke it.
func TestOwnAPITokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		x := newTakeover(t, d)
		c := x.env.Login(t, "conv@example.fi")
		old, err := auth.NewStore(d).CreateAPIToken(context.Background(), x.conv.ID, "Raportointi", x.env.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if r := c.Get("/account"); !strings.Contains(r.Text(), "Raportointi") || !strings.Contains(r.Text(), "Ei käytetty") || strings.Contains(r.Body, old) {
			t.Errorf("token list: %s", r.Text())
		}
		if r := x.env.Client(t).JSON(http.MethodGet, "/api/v1/me/tasks", old, ""); r.Status != http.StatusOK {
			t.Fatalf("token works: %d", r.Status)
		}
		if r := c.Get("/account"); strings.Contains(r.Text(), "Ei käytetty") {
			t.Error("last use not recorded")
		}
		if r := c.PostForm("/account/tokens", url.Values{"token_name": {"Uusi"}, "token_password": {"väärä salasana"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("token with a wrong password: %d", r.Status)
		}
		r := c.PostForm("/account/tokens", url.Values{"token_name": {"Uusi"}, "token_password": {servertest.Password}})
		tok := regexp.MustCompile(`kht_[A-Za-z0-9_-]+`).FindString(r.Body)
		if r.Status != http.StatusOK || tok == "" {
			t.Fatalf("create token: %d", r.Status)
		}
		if again := c.Get("/account"); strings.Contains(again.Body, tok) {
			t.Error("the new token is shown again")
		}
		var id int64
		if err := d.QueryRowContext(context.Background(), `SELECT id FROM api_tokens WHERE name = 'Raportointi'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/account/tokens/%d/revoke", id)
		if r := x.env.Login(t, "worker@example.fi").PostForm(path, nil); r.Status != http.StatusNotFound {
			t.Errorf("someone else revokes: %d", r.Status)
		}
		if r := c.PostForm(path, nil); r.Status != http.StatusSeeOther {
			t.Errorf("revoke: %d", r.Status)
		}
		if r := x.env.Client(t).JSON(http.MethodGet, "/api/v1/me/tasks", old, ""); r.Status != http.StatusUnauthorized {
			t.Errorf("revoked token: %d", r.Status)
		}
		if r := x.env.Client(t).JSON(http.MethodGet, "/api/v1/me/tasks", tok, ""); r.Status != http.StatusOK {
			t.Errorf("the other token: %d", r.Status)
		}
	})
}

// loginWith returns a client signed in with email and password.
func loginWith(t *testing.T, env *servertest.Env, email, password string) *servertest.Client {
	t.Helper()
	c := env.Client(t)
	if r := login(c, email, password); r.Status != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d", email, r.Status)
	}
	return c
}
