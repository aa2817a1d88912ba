package browsertest_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// seedDirectory adds two organisations in Oulu (a municipality and an NGO)
// and one person working at each, and returns the NGO person's id.
func seedDirectory(t *testing.T, d *db.DB, env *servertest.Env) int64 {
	t.Helper()
	f := fixture.New(t, d, env.Clock)
	oulu := f.OrgWith(org.Organisation{Name: "Oulun kaupunki", Sector: org.SectorMunicipality, MunicipalityCode: "564"})
	ngo := f.OrgWith(org.Organisation{Name: "Nuorten Ystävät ry", Sector: org.SectorThirdSector, MunicipalityCode: "564"})
	id := f.Person("Eero Esimerkki", "eero.esimerkki@example.fi", ngo)
	f.Person("Maija Malli", "maija.malli@example.fi", oulu)
	return id
}

var idInPath = regexp.MustCompile(`^/(projects|networks)/(\d+)`)

// pathID returns the numeric id in a path like /networks/12#members.
func pathID(t *testing.T, path, kind string) string {
	t.Helper()
	m := idInPath.FindStringSubmatch(path)
	if m == nil || m[1] != kind {
		t.Fatalf("expected a /%s/{id} page, got %s", kind, path)
	}
	return m[2]
}

// countTags counts the coverage panel's represented and missing tags.
func countTags(b *browsertest.Browser) (ok, missing int) {
	return b.Count("#coverage .tag.ok"), b.Count("#coverage .tag.missing")
}

// TestNetworkFlow is the foundation's user flow: an admin signs in,
// creates a project with a region, creates a network in it, adds a member
// with a role, sees the coverage panel change, and switches to Swedish.
// Every page on the way must be axe-clean.
func TestNetworkFlow(t *testing.T) {
	b := browsertest.Start(t)
	env := b.Env
	env.CreateUser(t, "Pia Pääkäyttäjä", "pia.paakayttaja@example.fi", true)
	personID := seedDirectory(t, env.DB, env)

	// Sign in (in Finnish, the default for this browser).
	b.Login("pia.paakayttaja@example.fi", servertest.Password)
	if got := b.Lang(); got != "fi" {
		t.Fatalf("signed in: language %q, want fi", got)
	}

	// Create the project with Oulu and Kempele as its region.
	b.Navigate("/projects/new")
	b.Axe(t)
	b.Fill("main #name", "Oulun seudun välityömarkkinat")
	b.SelectMany("main #municipalities", "564", "244")
	if got := b.Click(`main form[action="/projects"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("create project: status %d on %s", got, b.Path())
	}
	projectID := pathID(t, b.Path(), "projects")
	b.NoConsoleErrors(t)
	b.Axe(t)

	// Create a network from the project page's button.
	b.Click(`main a[href="/projects/` + projectID + `/networks/new"]`)
	if b.Count("h1") != 1 {
		t.Errorf("network form: want one h1")
	}
	b.Axe(t)
	b.Fill("main #name", "Kuntouttavan työtoiminnan verkosto")
	b.Fill("main #purpose", "Kuntouttavan työtoiminnan järjestäjien yhteistyö.")
	b.Fill("main #themes", "Palveluohjaus\nTyöpaikat")
	b.Check(`main input[name=cadence][value=monthly]`)
	if got := b.Click(`main form[action="/projects/` + projectID + `/networks"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("create network: status %d on %s", got, b.Path())
	}
	networkID := pathID(t, b.Path(), "networks")
	if got := b.Text("main h1"); got != "Kuntouttavan työtoiminnan verkosto" {
		t.Errorf("network page h1 %q", got)
	}
	if !b.Has("main .flash") {
		t.Errorf("no confirmation after creating the network")
	}
	b.NoConsoleErrors(t)
	b.Axe(t)

	// A new network represents nothing: 8 sectors ("other" is never
	// missing) and 2 municipalities missing.
	if ok, missing := countTags(b); ok != 0 || missing != 10 {
		t.Errorf("empty network coverage: %d represented, %d missing; want 0 and 10", ok, missing)
	}
	before := b.Text("#coverage")

	// Add Eero (Nuorten Ystävät ry, Oulu) as the convener.
	b.Click(`main a[href="/networks/` + networkID + `/memberships/new"]`)
	b.Axe(t)
	b.Set("main #person_id", strconv.FormatInt(personID, 10))
	b.Select("main #role", "convener")
	if got := b.Click(`main form[action="/networks/` + networkID + `/memberships"] button[type=submit]`); got != http.StatusOK {
		t.Fatalf("add member: status %d on %s: %s", got, b.Path(), b.Text("main"))
	}
	if p := b.Path(); p != "/networks/"+networkID {
		t.Fatalf("after adding a member: on %s, want the network page", p)
	}
	b.NoConsoleErrors(t)
	b.Axe(t)

	// The coverage panel now shows the third sector and Oulu represented.
	if ok, missing := countTags(b); ok != 2 || missing != 8 {
		t.Errorf("coverage after adding a member: %d represented, %d missing; want 2 and 8", ok, missing)
	}
	after := b.Text("#coverage")
	if after == before {
		t.Errorf("coverage panel did not change after adding a member:\n%s", after)
	}
	members := b.Text("#members ~ .table-wrap")
	if !strings.Contains(members, "Eero Esimerkki") || !strings.Contains(members, "Nuorten Ystävät ry") {
		t.Errorf("members table does not show the new member: %q", members)
	}
	roleFi := b.Text("#members ~ .table-wrap tbody td")

	// Switch to Swedish with the page's language link: same page, Swedish
	// words, still axe-clean and fitting a phone.
	b.SwitchLang("sv")
	if p := b.Path(); p != "/networks/"+networkID {
		t.Errorf("language switch left the page: on %s", p)
	}
	if got := b.Text("#coverage h2"); strings.Contains(before, got) {
		t.Errorf("coverage heading %q is not translated to Swedish", got)
	}
	if got := b.Text("#members ~ .table-wrap tbody td"); got == roleFi {
		t.Errorf("role %q is not translated to Swedish", got)
	}
	if ok, missing := countTags(b); ok != 2 || missing != 8 {
		t.Errorf("Swedish coverage: %d represented, %d missing; want 2 and 8", ok, missing)
	}
	b.Axe(t)
	b.Viewport(360, 800)
	b.Navigate("/networks/" + networkID)
	b.NoHorizontalScroll(t)
	b.Axe(t)
	t.Logf("screenshot: %s", b.Screenshot("network-360-sv"))
	b.Desktop()
	b.Navigate("/networks/" + networkID)
	t.Logf("screenshot: %s", b.Screenshot("network-desktop-sv"))
}
