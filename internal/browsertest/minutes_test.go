package browsertest_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	netpkg "github.com/kohtaamo/kohtaamo/internal/network"
	orgpkg "github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestMinutesFlow: the secretary writes the minutes of a meeting with an
// action item, the convener approves them; the owner sees the item in My
// tasks and marks it done; the minutes and take-home summary pages are
// axe-clean in fi, sv and en.
func TestMinutesFlow(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	conv := env.CreateUser(t, "Kaisa Koollekutsuja", "kaisa@example.fi", false)
	sec := env.CreateUser(t, "Sami Sihteeri", "sami@example.fi", false)
	mem := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	f := fixture.New(t, env.DB, env.Clock)
	org := f.Org("Pajakeskus Oy", orgpkg.SectorBusiness)
	network := f.Network(f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"}), "Työpajaverkosto")
	for _, m := range []struct {
		p    int64
		role string
	}{{conv.PersonID, "convener"}, {sec.PersonID, "secretary"}, {mem.PersonID, "member"}} {
		f.MemberWith(network, netpkg.MembershipInput{PersonID: m.p, Role: m.role, OrganisationID: org})
	}
	meetingID := f.MeetingWith(network, meeting.Input{Title: "Marraskuun kokous", StartsAt: env.Clock.Now().Add(-3 * time.Hour),
		EndsAt: env.Clock.Now().Add(-time.Hour)})
	f.Meeting(network, "Joulukuun kokous", env.Clock.Now().Add(400*time.Hour))
	base := "/meetings/" + strconv.FormatInt(meetingID, 10)

	// The secretary writes the minutes from the meeting page.
	b.Login("sami@example.fi", servertest.Password)
	b.Navigate(base)
	b.Click(`main a#minutes-link`)
	if b.Path() != base+"/minutes" {
		t.Fatalf("minutes link led to %s", b.Path())
	}
	b.Axe(t)
	b.Fill("main #body", "Käsiteltiin **työkokeilupaikat**.")
	b.Fill("main #decisions", "Perustetaan työryhmä")
	if got := b.Click(`main form[action="` + base + `/minutes"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("save minutes: status %d", got)
	}
	if !strings.Contains(b.Text("main .minutes-body"), "työkokeilupaikat") || !b.Has("main .flash") {
		t.Errorf("minutes not shown after saving: %q", b.Text("main"))
	}
	// An invalid action item form is axe-clean; then a valid one.
	b.Click(`main form[action="` + base + `/action-items"] button[type=submit]`)
	if !b.Has(".error-summary") {
		t.Errorf("no error summary for an empty action item")
	}
	b.Axe(t)
	b.Fill("main #title", "Kartoita työkokeilupaikat")
	b.Select("main #owner_id", strconv.FormatInt(mem.PersonID, 10))
	b.Fill("main #due_on", "2026-12-15")
	if got := b.Click(`main form[action="` + base + `/action-items"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("add action item: status %d", got)
	}
	if !strings.Contains(b.Text("main table"), "Kartoita työkokeilupaikat") {
		t.Errorf("action item not listed: %q", b.Text("main"))
	}
	b.Axe(t)
	b.Logout()

	// The convener approves through the confirmation page.
	b.Login("kaisa@example.fi", servertest.Password)
	b.Navigate(base + "/minutes")
	b.Click(`main a[href="` + base + `/minutes/approve"]`)
	if got := b.Click(`main form[action="` + base + `/minutes/approve"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("approve: status %d", got)
	}
	if !b.Has("main .tag.ok") {
		t.Errorf("minutes not shown approved: %q", b.Text("main"))
	}
	b.Axe(t)
	b.Logout()

	// The member sees the minutes and the take-home summary, marks the
	// item done; every page is axe-clean in each language.
	b.Login("matti@example.fi", servertest.Password)
	// The action item is in the member's My tasks on the home page, with a
	// link back to the minutes.
	b.Navigate("/")
	if got := b.Text("main ul.tasks"); !strings.Contains(got, "Kartoita työkokeilupaikat") || !strings.Contains(got, "Työpajaverkosto") {
		t.Errorf("My tasks: %q", b.Text("main"))
	}
	b.Axe(t)
	b.Click(`main ul.tasks a`)
	if !strings.HasPrefix(b.Path(), base+"/minutes") {
		t.Errorf("task link led to %s", b.Path())
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		b.SwitchLang(lang)
		b.Navigate(base + "/minutes")
		b.Axe(t)
		b.Navigate(base + "/summary")
		b.Axe(t)
		b.Click(`main a[href="` + base + `/summary?organisation=` + strconv.FormatInt(org, 10) + `"]`)
		if !strings.Contains(b.Text("main"), "Perustetaan työryhmä") || !strings.Contains(b.Text("main"), "Joulukuun kokous") {
			t.Errorf("summary (%s): %q", lang, b.Text("main"))
		}
		b.Axe(t)
	}
	b.Navigate(base + "/minutes")
	if got := b.Click(`main form[action$="/status"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("mark done: status %d", got)
	}
	// Done, it leaves My tasks.
	b.Navigate("/")
	if b.Has("main ul.tasks") {
		t.Errorf("done item still in My tasks: %q", b.Text("main ul.tasks"))
	}
	b.Axe(t)
	b.Navigate(base + "/minutes")
	b.NoConsoleErrors(t)
	b.Axe(t)
}
