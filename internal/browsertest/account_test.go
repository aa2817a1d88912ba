package browsertest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestAccountPage: a member reaches the account page from the header,
// makes an API token (shown once), revokes it after the confirmation that
// says what happens, asks for a new sign-in address with a wrong and then
// the right password, and changes the password; the page is axe-clean in
// fi, sv and en and fits a 360 px phone.
func TestAccountPage(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	b.Login("matti@example.fi", servertest.Password)
	b.Navigate("/")
	if got := b.Click(`header a[href="/account"]`); got != http.StatusOK || b.Path() != "/account" {
		t.Fatalf("header → account: %d %s", got, b.Path())
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		b.SwitchLang(lang)
		b.Navigate("/account")
		b.Axe(t)
	}
	b.SwitchLang("fi")
	b.Navigate("/account")
	b.Screenshot("account-1280")

	// An API token, shown once.
	b.Fill("#token_name", "Raportti")
	b.Fill("#token_password", servertest.Password)
	if got := b.Click(`main form[action="/account/tokens"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("create token: %d", got)
	}
	if tok := b.Value("#new-token"); !strings.HasPrefix(tok, "kht_") {
		t.Fatalf("new token %q", tok)
	}
	b.Axe(t)
	b.Viewport(360, 800)
	b.NoHorizontalScroll(t)
	b.Screenshot("account-token-360")
	b.Desktop()
	b.Navigate("/account")
	if b.Has("#new-token") {
		t.Error("the token is shown again")
	}
	// Revoking asks first and says what will happen.
	b.Press(`main details.confirm summary`)
	if text := b.Text(`main details.confirm`); !strings.Contains(text, "lakkaavat toimimasta") {
		t.Errorf("the confirmation does not say what happens: %q", text)
	}
	if got := b.Click(`main details.confirm form button[type=submit]`); got != http.StatusOK || !b.Has(".flash") {
		t.Errorf("revoke: %d", got)
	}
	if !strings.Contains(b.Text("main .cards"), "Poistettu käytöstä") {
		t.Errorf("the token is not shown as revoked: %q", b.Text("main .cards"))
	}

	// A new sign-in address: a wrong password is told next to the field.
	b.Fill("#new_email", "matti.uusi@example.fi")
	b.Fill("#email_password", "väärä salasana")
	if got := b.Click(`main form[action="/account/email"] button[type=submit]`); got != http.StatusUnprocessableEntity {
		t.Fatalf("wrong password: %d", got)
	}
	if msg := b.Text("#email_password-error"); !strings.Contains(msg, "Salasana on väärä") || b.Value("#new_email") != "matti.uusi@example.fi" {
		t.Errorf("error %q, address kept %q", msg, b.Value("#new_email"))
	}
	b.Axe(t)
	b.Fill("#email_password", servertest.Password)
	if got := b.Click(`main form[action="/account/email"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("request: %d", got)
	}
	if !strings.Contains(b.Text("main"), "matti.uusi@example.fi") || !strings.Contains(b.Text("main"), "Kirjaudut osoitteella matti@example.fi") {
		t.Errorf("after the request: %s", b.Text("main"))
	}
	var queued int
	if err := env.DB.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_deliveries`).Scan(&queued); err != nil || queued != 2 {
		t.Errorf("%d mails queued (%v), want the link and the notice", queued, err)
	}

	// The password, ending the other sessions.
	other := env.Login(t, "matti@example.fi")
	b.Fill("#current_password", servertest.Password)
	b.Fill("#password", "uusi pitkä salasana")
	b.Fill("#password_confirm", "uusi pitkä salasana")
	if got := b.Click(`main form[action="/account/password"] button[type=submit]`); got != http.StatusOK || !strings.Contains(b.Text(".flash"), "muut istunnot päätettiin") {
		t.Fatalf("change password: %d %q", got, b.Text(".flash"))
	}
	if r := other.Get("/account"); r.Status == http.StatusOK {
		t.Error("the other session survived the password change")
	}
	b.Navigate("/account")
	if b.Path() != "/account" {
		t.Errorf("this session ended too: at %s", b.Path())
	}
	b.NoConsoleErrors(t)
}
