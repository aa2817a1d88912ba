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
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestCancelMeetingThroughConfirmation: the convener cancels a future
// meeting through its confirmation page, which states how many members get
// the cancellation, and exactly that many mails are queued; a meeting
// that has started offers no cancel action, its confirmation page shows
// the refusal instead of a button, and a direct POST is refused.
func TestCancelMeetingThroughConfirmation(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	conv := env.CreateUser(t, "Kaisa Koollekutsuja", "kaisa@example.fi", false)
	f := fixture.New(t, env.DB, env.Clock)
	network := f.Network(f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"}), "Työpajaverkosto")
	f.Member(network, conv.PersonID, "convener")
	for i, name := range []string{"Anna Aho", "Bertil Berg", "Cecilia Cajander"} {
		f.Member(network, f.Person(name, "member"+strconv.Itoa(i)+"@example.fi", 0), "member")
	}
	f.Member(network, f.Person("Ilman Osoitetta", "", 0), "member") // no address: no mail
	future := f.Meeting(network, "Joulukuun kokous", env.Clock.Now().Add(14*24*time.Hour))
	held := f.Meeting(network, "Marraskuun kokous", env.Clock.Now().Add(-2*time.Hour))
	page, heldPage := "/meetings/"+strconv.FormatInt(future, 10), "/meetings/"+strconv.FormatInt(held, 10)

	b.Login("kaisa@example.fi", servertest.Password)
	b.Navigate(page)
	if got := b.Click(`main a[href="` + page + `/cancel"]`); got != http.StatusOK || b.Path() != page+"/cancel" {
		t.Fatalf("cancel link: %d on %s", got, b.Path())
	}
	if got := b.Text("main #cancel-consequence"); got != "4 jäsentä saa peruutusviestin sähköpostiin." {
		t.Errorf("consequence %q", got)
	}
	b.Axe(t)
	if got := b.Click(`main details.confirm form[action="` + page + `/cancel"] button[type=submit]`); got != http.StatusOK || b.Path() != page {
		t.Fatalf("confirm: %d on %s", got, b.Path())
	}
	if !b.Has("main .flash") || b.Has(`main a[href="`+page+`/cancel"]`) {
		t.Errorf("after cancelling: no confirmation, or cancel still offered")
	}
	var n int
	if err := env.DB.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_deliveries dl
		JOIN mail_messages m ON m.id = dl.message_id WHERE m.kind = 'meeting_cancel'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("%d cancellation mails queued, the page said 4", n)
	}

	// The meeting that has started.
	b.Navigate(heldPage)
	if b.Has(`main a[href="` + heldPage + `/cancel"]`) {
		t.Errorf("a held meeting offers cancelling")
	}
	b.Navigate(heldPage + "/cancel")
	if !strings.Contains(b.Text("main #cancel-refused"), "Kokous on jo alkanut") || b.Has("main details.confirm") {
		t.Errorf("held meeting's confirmation page: %q", b.Text("main"))
	}
	b.Axe(t)
	if r := env.Login(t, "kaisa@example.fi").PostForm(heldPage+"/cancel", nil); r.Status != http.StatusConflict {
		t.Errorf("direct POST cancelling a held meeting: %d", r.Status)
	}

	// The agenda item's edit and delete pages (in Swedish).
	item := "/agenda-items/" + strconv.FormatInt(f.AgendaItem(held, "Ajankohtaiset", "accepted"), 10)
	b.SwitchLang("sv")
	for _, p := range []string{item + "/edit", item + "/delete"} {
		if got := b.Navigate(p); got != http.StatusOK {
			t.Errorf("%s: %d", p, got)
		}
		b.Axe(t)
	}
}

// TestFailedProposalLinksToField: a member's empty agenda proposal comes
// back with the error summary inside the proposal form; focus moves to it
// and its link moves focus to the title field. The language switch after
// the failed POST leads to the meeting page, not a 404.
func TestFailedProposalLinksToField(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	mem := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	f := fixture.New(t, env.DB, env.Clock)
	network := f.Network(f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"}), "Työpajaverkosto")
	f.Member(network, mem.PersonID, "member")
	page := "/meetings/" + strconv.FormatInt(f.Meeting(network, "Joulukuun kokous", env.Clock.Now().Add(14*24*time.Hour)), 10)

	b.Login("matti@example.fi", servertest.Password)
	b.Navigate(page)
	if got := b.Click(`main form[action="` + page + `/agenda"] button[type=submit]`); got != http.StatusUnprocessableEntity {
		t.Fatalf("empty proposal: status %d", got)
	}
	summary := `main form[action="` + page + `/agenda"] .error-summary`
	if !b.Has(summary) || b.Count(".error-summary") != 1 {
		t.Fatalf("want one error summary, inside the proposal form")
	}
	if got := b.Focused(); !strings.Contains(got, "error-summary") {
		t.Errorf("focus after the failed post: %s", got)
	}
	b.Axe(t)
	b.Press(summary + ` a[href="#item_title"]`)
	if got := b.Focused(); !strings.HasPrefix(got, "input#item_title") {
		t.Errorf("the summary's link moved focus to %s, want the title field", got)
	}
	if got := b.SwitchLang("sv"); got != http.StatusOK || b.Path() != page {
		t.Errorf("language switch after a failed POST: %d on %s", got, b.Path())
	}
}
