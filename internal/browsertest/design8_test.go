package browsertest_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/demo"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestScreenshots saves full-page screenshots of the main pages with the
// demo data, at 1280 px and at 360 px, into $KOHTAAMO_SCREENSHOTS (CI
// sets it to artefacts/screenshots and keeps the folder), so anyone can
// look at the pages without running the app. Without the variable the
// test is skipped: the other browser tests check the pages themselves.
// One browser visits every page once and takes both sizes from it.
func TestScreenshots(t *testing.T) {
	if os.Getenv(browsertest.EnvScreenshots) == "" {
		t.Skip("set " + browsertest.EnvScreenshots + " to a folder to save the screenshots of the main pages")
	}
	browsertest.Require(t)
	env := servertest.New(t, dbtest.SQLite(t))
	ids := loadDemo(t, env)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	b := browsertest.New(t, env)

	shoot := func(name, path string) {
		t.Helper()
		if status := b.Navigate(path); status != 200 {
			t.Errorf("GET %s: status %d", path, status)
		}
		b.Desktop()
		b.Screenshot(name + "-1280")
		b.Viewport(360, 800)
		b.Screenshot(name + "-360")
		b.Desktop()
	}
	b.Login(demo.CoordinatorEmail, demo.Password)
	shoot("home-coordinator", "/")
	shoot("network", "/networks/"+id(ids.network))
	shoot("meeting", "/meetings/"+id(ids.nextMeeting))
	shoot("minutes", "/meetings/"+id(ids.pastMeeting)+"/minutes")
	shoot("plan", "/plans/"+id(ids.plan))
	shoot("attendance", "/networks/"+id(ids.network)+"/attendance")
	shoot("organisations", "/organisations")
	shoot("calendar", "/calendar")
	b.Logout()

	b.Login(demo.MemberEmail, demo.Password)
	shoot("home-member", "/")
	b.Logout()

	b.Login(demo.AdminEmail, demo.Password)
	shoot("admin", "/admin")
}

// TestLanguageSwitchAfterFailedPost: a form that fails is shown at its own
// page's address, and the language switch (the signed-in form and the
// public links) leads back to the form page in the new language, not to
// a 404 at the post's address; reloading shows the form page too.
func TestLanguageSwitchAfterFailedPost(t *testing.T) {
	b := browsertest.Start(t)
	b.Env.CreateUser(t, "Ulla Ylläpitäjä", "ulla@example.fi", true)

	fail := func(page, form string, set map[string]string) {
		t.Helper()
		b.Navigate(page)
		browsertest.Eval[bool](b, `document.querySelector(`+strconv.Quote(form)+`).noValidate = true`)
		for sel, v := range set {
			b.Set(form+" "+sel, v)
		}
		if got := b.Click(form + " button[type=submit]"); got != 422 {
			t.Fatalf("invalid form on %s: status %d, want 422", page, got)
		}
		if got := b.Path(); got != page {
			t.Errorf("after the failed form the address is %s, want %s", got, page)
		}
	}

	// Signed out: the language links.
	fail("/password/forgot", `main form[action="/password/forgot"]`, map[string]string{"#email": "not an address"})
	if got := b.SwitchLang("sv"); got != 200 || b.Path() != "/password/forgot" {
		t.Errorf("switch language after a failed form: status %d on %s", got, b.Path())
	}

	// Signed in: the language form, and a reload.
	b.Login("ulla@example.fi", servertest.Password)
	fail("/organisations/new", `main form.stacked`, map[string]string{"#name": ""})
	if got := b.SwitchLang("en"); got != 200 || b.Path() != "/organisations/new" || !b.Has(`main form.stacked`) {
		t.Errorf("switch language after a failed form: status %d on %s", got, b.Path())
	}
	fail("/organisations/new", `main form.stacked`, map[string]string{"#name": ""})
	if got := b.Navigate(b.Path()); got != 200 {
		t.Errorf("reload after a failed form: status %d", got)
	}
}

// TestDesignBasics: the favicon answers, every secondary button looks
// secondary whether it is a component's or a plain <button
// class="secondary">, quiet and danger differ from primary, and form
// controls are 44 px touch targets on a phone.
func TestDesignBasics(t *testing.T) {
	b := browsertest.Start(t)
	b.Navigate("/login")
	b.NoConsoleErrors(t)
	if got := browsertest.Eval[int](b, `fetch("/favicon.ico").then(r => r.status)`); got != 200 {
		t.Errorf("/favicon.ico: status %d", got)
	}
	b.Viewport(360, 800)
	type look struct{ Background, Color, Border string }
	looks := browsertest.Eval[map[string]look](b, `(() => {
  document.querySelector("main").insertAdjacentHTML("beforeend",
    '<form id="t"><button type="submit" class="button primary">p</button>' +
    '<button type="submit" class="button secondary">s</button><button class="secondary">plain</button>' +
    '<a class="button secondary" href="#">link</a><button type="submit" class="button quiet">q</button>' +
    '<button type="submit" class="button danger">d</button>' +
    '<input type="time" id="t-time"><input type="date"><select><option>x</option></select></form>');
  const out = {};
  for (const el of document.querySelectorAll("#t > *")) {
    const s = getComputedStyle(el);
    out[el.tagName + "." + el.className + "." + el.textContent] = {Background: s.backgroundColor, Color: s.color, Border: s.borderTopColor};
  }
  return out;
})()`)
	primary := looks["BUTTON.button primary.p"]
	secondary := looks["BUTTON.button secondary.s"]
	if secondary == primary || secondary.Background != "rgb(255, 255, 255)" {
		t.Errorf("secondary button looks %+v, primary %+v", secondary, primary)
	}
	for _, k := range []string{"BUTTON.secondary.plain", "A.button secondary.link"} {
		if looks[k] != secondary {
			t.Errorf("%s looks %+v, want the secondary look %+v", k, looks[k], secondary)
		}
	}
	if q := looks["BUTTON.button quiet.q"]; q.Background != "rgba(0, 0, 0, 0)" {
		t.Errorf("quiet button has a background: %+v", q)
	}
	if d := looks["BUTTON.button danger.d"]; d.Background == primary.Background || d.Background == secondary.Background {
		t.Errorf("danger button looks like another: %+v", d)
	}
	heights := browsertest.Eval[[]float64](b, `Array.from(document.querySelectorAll("#t > *")).map(el => el.getBoundingClientRect().height)`)
	for i, h := range heights {
		if h < 44 {
			t.Errorf("control %d of the test form is %.0f px tall, want ≥ 44", i, h)
		}
	}
}
