package browsertest_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	netpkg "github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestMinutesDraftedFromAgenda: the convener opens the minutes editor of
// a meeting with an agenda, sees one section per agenda item with its
// preparer, writes under the items, saves, sees the result, and approves
// through the confirmation page that says how many members get the mail.
func TestMinutesDraftedFromAgenda(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	conv := env.CreateUser(t, "Kaisa Koollekutsuja", "kaisa@example.fi", false)
	mem := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	f := fixture.New(t, env.DB, env.Clock)
	network := f.Network(f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"}), "Työpajaverkosto")
	f.Member(network, conv.PersonID, netpkg.RoleConvener)
	f.Member(network, mem.PersonID, netpkg.RoleMember)
	meetingID := f.MeetingWith(network, meeting.Input{Title: "Marraskuun kokous", StartsAt: env.Clock.Now().Add(-3 * time.Hour),
		EndsAt: env.Clock.Now().Add(-time.Hour)})
	f.AgendaItem(meetingID, "Avaus", meeting.ItemAccepted)
	second := f.AgendaItem(meetingID, "Työkokeilupaikat", meeting.ItemAccepted)
	if err := meeting.NewStore(env.DB).UpdateItem(context.Background(), second,
		meeting.ItemInput{Title: "Työkokeilupaikat", PreparerID: mem.PersonID}, env.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	base := "/meetings/" + strconv.FormatInt(meetingID, 10)

	b.Login("kaisa@example.fi", servertest.Password)
	b.Navigate(base + "/minutes")
	if got := b.Text("main fieldset.minutes-section"); !strings.Contains(got, "1. Avaus") {
		t.Errorf("first section: %q", got)
	}
	if got := b.Text("main #section-1-fields"); !strings.Contains(got, "2. Työkokeilupaikat") || !strings.Contains(got, "Matti Jäsen") {
		t.Errorf("second section: %q", got)
	}
	b.Axe(t)
	b.Fill("main #section-0-body", "Puheenjohtaja avasi kokouksen.")
	b.Fill("main #section-1-body", "Käsiteltiin **työkokeilupaikat**.")
	b.Fill("main #section-1-decisions", "Perustetaan työryhmä")
	b.Press(`main #section-1-fields details summary`)
	b.Fill("main #section-1-item-title", "Kartoita paikat")
	b.Select("main #section-1-item-owner", strconv.FormatInt(mem.PersonID, 10))
	b.Fill("main #section-1-item-due", "2026-12-15")
	if got := b.Click(`main form[action="` + base + `/minutes"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("save minutes: status %d", got)
	}
	got := b.Text("main #minutes-heading ~ section.minutes-section:nth-of-type(2)")
	if got == "" {
		got = b.Text("main")
	}
	for _, want := range []string{"2. Työkokeilupaikat", "Valmistelija: Matti Jäsen", "työkokeilupaikat", "Perustetaan työryhmä", "Kartoita paikat"} {
		if !strings.Contains(got, want) {
			t.Errorf("saved minutes lack %q: %q", want, got)
		}
	}
	b.Screenshot("minutes-from-agenda")
	b.Axe(t)

	// Approval asks first and says how many members get the minutes.
	b.Click(`main a[href="` + base + `/minutes/approve"]`)
	if b.Path() != base+"/minutes/approve" || !strings.Contains(b.Text("main"), "Pöytäkirja lähetetään 2 jäsenelle.") {
		t.Fatalf("confirmation %s: %q", b.Path(), b.Text("main"))
	}
	b.Screenshot("minutes-approve")
	b.Axe(t)
	if got := b.Click(`main form[action="` + base + `/minutes/approve"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("approve: status %d", got)
	}
	if b.Path() != base+"/minutes" || !b.Has("main .tag.ok") || b.Has(`main a[href="`+base+`/minutes/approve"]`) {
		t.Errorf("after approval %s: %q", b.Path(), b.Text("main"))
	}
	b.NoConsoleErrors(t)
}
