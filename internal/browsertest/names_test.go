package browsertest_test

import (
	"strconv"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/project"
)

// TestNetworkNameInReadersLanguage: switching a network page to Swedish
// shows the network's and its project's Swedish names; English, which
// the project lacks, falls back to the Finnish name.
func TestNetworkNameInReadersLanguage(t *testing.T) {
	b := browsertest.Start(t)
	f := fixture.New(t, b.Env.DB, b.Env.Clock)
	pid := f.ProjectWith(project.Input{Name: "Oulun seudun työllisyysalue", NameSv: "Uleåregionens sysselsättningsområde"})
	nid := f.NetworkWith(pid, network.Input{Name: "Työpajojen verkosto", NameSv: "Verkstädernas nätverk", NameEn: "Workshops network",
		Purpose: "Yhteiset käytännöt", PurposeSv: "Gemensam praxis"})

	b.Navigate("/networks/" + strconv.FormatInt(nid, 10))
	if got := b.Text("main h1"); got != "Työpajojen verkosto" {
		t.Errorf("Finnish heading %q", got)
	}
	b.SwitchLang("sv")
	if got := b.Text("main h1"); got != "Verkstädernas nätverk" {
		t.Errorf("Swedish heading %q", got)
	}
	if got := b.Text("main dl.facts a"); got != "Uleåregionens sysselsättningsområde" {
		t.Errorf("Swedish project name %q", got)
	}
	if got := b.Text("main h2#purpose + p"); got != "Gemensam praxis" {
		t.Errorf("Swedish purpose %q", got)
	}
	b.Axe(t)
	b.SwitchLang("en")
	if got, project := b.Text("main h1"), b.Text("main dl.facts a"); got != "Workshops network" || project != "Oulun seudun työllisyysalue" {
		t.Errorf("English heading %q, project %q", got, project)
	}
}
