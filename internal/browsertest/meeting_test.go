package browsertest_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestMeetingFlow: a convener schedules a meeting through the form, a
// member answers the invitation; the meeting pages are axe-clean in fi, sv
// and en.
func TestMeetingFlow(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	conv := env.CreateUser(t, "Kaisa Koollekutsuja", "kaisa@example.fi", false)
	mem := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	f := fixture.New(t, env.DB, env.Clock)
	network := f.Network(f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"}), "Työpajaverkosto")
	f.Member(network, conv.PersonID, "convener")
	f.Member(network, mem.PersonID, "member")
	nid := strconv.FormatInt(network, 10)

	b.Login("kaisa@example.fi", servertest.Password)
	b.Navigate("/networks/" + nid)
	b.Click(`main a[href="/networks/` + nid + `/meetings"]`)
	b.Axe(t)
	b.Click(`main a[href="/networks/` + nid + `/meetings/new"]`)
	b.Axe(t)
	b.Fill("main #title", "Joulukuun verkostokokous")
	b.Fill("main #date", "2026-12-08")
	b.Fill("main #start_time", "09:00")
	b.Fill("main #end_time", "11:00")
	b.Check(`main input[name=mode][value=hybrid]`)
	b.Fill("main #place", "Kaupungintalo")
	b.Fill("main #remote_link", "https://meet.example.fi/room")
	if got := b.Click(`main form[action="/networks/` + nid + `/meetings"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("create meeting: status %d on %s", got, b.Path())
	}
	path := b.Path()
	if !strings.HasPrefix(path, "/meetings/") || b.Text("main h1") != "Joulukuun verkostokokous" {
		t.Fatalf("after create: %s %q", path, b.Text("main h1"))
	}
	if !strings.Contains(b.Text("main .facts"), "8.12.2026 9.00–11.00") {
		t.Errorf("time shown: %q", b.Text("main .facts"))
	}
	b.NoConsoleErrors(t)
	b.Axe(t)
	// An invalid form is axe-clean too.
	b.Navigate("/networks/" + nid + "/meetings/new")
	b.Fill("main #title", "")
	b.Click(`main form[action="/networks/` + nid + `/meetings"] button[type=submit]`)
	if !b.Has(".error-summary") {
		t.Errorf("no error summary for an empty form")
	}
	b.Axe(t)
	b.Logout()

	// The member answers the invitation, in every language.
	b.Login("matti@example.fi", servertest.Password)
	b.Navigate(path)
	if !b.Has("main #remote-link") {
		t.Errorf("member does not see the remote link")
	}
	b.Check(`main input[name=answer][value=remote]`)
	if got := b.Click(`main form[action="` + path + `/response"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("answer: status %d", got)
	}
	if !b.Has("main .flash") {
		t.Errorf("no confirmation after answering")
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		b.SwitchLang(lang)
		b.Navigate(path)
		b.Axe(t)
		b.Navigate("/networks/" + nid + "/meetings")
		b.Axe(t)
		b.Navigate("/networks/" + nid + "/attendance")
		b.Axe(t)
	}
	b.Logout()
	b.Navigate(path)
	if b.Has("main #remote-link") {
		t.Errorf("the public sees the remote link")
	}
	b.Axe(t)
}
