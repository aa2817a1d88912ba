package browsertest_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/project"
)

// TestMeetingTitleInSwedish: a meeting given a Swedish title shows it to
// a reader who switches to Swedish, and its Finnish title in Finnish.
func TestMeetingTitleInSwedish(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	f := fixture.New(t, env.DB, env.Clock)
	network := f.Network(f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"}), "Työpajaverkosto")
	id := f.MeetingWith(network, meeting.Input{Title: "Verkostotapaaminen", TitleSv: "Nätverksmöte", TitleEn: "Network meeting",
		Description: "Kuukausikokous.", DescriptionSv: "Månadsmöte.", StartsAt: env.Clock.Now().Add(7 * 24 * time.Hour)})
	page := "/meetings/" + strconv.FormatInt(id, 10)

	b.Navigate(page)
	if got := b.Text("main h1"); got != "Verkostotapaaminen" {
		t.Errorf("Finnish heading %q", got)
	}
	b.SwitchLang("sv")
	if got := b.Text("main h1"); got != "Nätverksmöte" {
		t.Errorf("Swedish heading %q", got)
	}
	if got := b.Text("main .description"); got != "Månadsmöte." {
		t.Errorf("Swedish description %q", got)
	}
	b.Axe(t)
}
