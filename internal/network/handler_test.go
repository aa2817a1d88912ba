package network_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

type setup struct {
	t   *testing.T
	env *servertest.Env
	d   *db.DB
}

func (s setup) build() *fixture.Builder { return fixture.New(s.t, s.d, s.env.Clock) }

func (s setup) org(name, sector, code string) int64 {
	s.t.Helper()
	return s.build().OrgWith(org.Organisation{Name: name, Sector: sector, MunicipalityCode: code})
}

func (s setup) person(name, email string, orgID int64) int64 {
	s.t.Helper()
	return s.build().PersonWith(person.Person{Name: name, Email: email, Phone: "040 123", OrganisationID: orgID})
}

func (s setup) token(acct *auth.Account) string {
	s.t.Helper()
	tok, err := auth.NewStore(s.d).CreateAPIToken(context.Background(), acct.ID, "test", s.env.Clock.Now())
	if err != nil {
		s.t.Fatal(err)
	}
	return tok
}

func (s setup) count(q string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.d.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

// project creates a project with the Oulu and Kempele municipalities as
// the admin, and makes coord its coordinator.
func (s setup) project(admin *servertest.Client, coord *auth.Account) string {
	s.t.Helper()
	r := admin.PostForm("/projects", url.Values{"name": {"Välityömarkkinat"}, "municipalities": {"564", "244"}})
	if r.Status != http.StatusSeeOther {
		s.t.Fatalf("create project: %d %s", r.Status, r.Text())
	}
	pid := strings.TrimPrefix(r.Location, "/projects/")
	id, err := strconv.ParseInt(pid, 10, 64)
	if err != nil {
		s.t.Fatalf("project location %q", r.Location)
	}
	s.build().Staff(id, coord.PersonID, project.RoleCoordinator)
	return pid
}

func TestNetworkPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		s := setup{t, env, d}
		env.CreateUser(t, "Admin", "admin@example.fi", true)
		coordAcct := env.CreateUser(t, "Kaisa Koordinaattori", "kaisa@example.fi", false)
		env.CreateUser(t, "Outsider", "outsider@example.fi", false)
		admin := env.Login(t, "admin@example.fi")
		coord := env.Login(t, "kaisa@example.fi")
		outsider := env.Login(t, "outsider@example.fi")
		public := env.Client(t)
		pid := s.project(admin, coordAcct)

		// The coordinator creates a network.
		if r := coord.Get("/projects/" + pid + "/networks/new"); r.Status != 200 {
			t.Fatalf("new network form: %d", r.Status)
		}
		r := coord.PostForm("/projects/"+pid+"/networks", url.Values{"name": {"Työpajatoiminta"}, "purpose": {"Yhteiset käytännöt"},
			"cadence": {"monthly"}, "themes": {"Starttipaja\nAsiakasarviointi"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create network: %d %s", r.Status, r.Text())
		}
		path := r.Location
		nid := strings.TrimPrefix(path, "/networks/")
		r = coord.Get(path)
		if r.Status != 200 || !strings.Contains(r.Text(), "Starttipaja") || !strings.Contains(r.Text(), "2 kuntaa puuttuu.") ||
			!strings.Contains(r.Text(), "8 sektoria puuttuu.") || !strings.Contains(r.Text(), "Verkostossa ei ole vielä jäseniä.") {
			t.Fatalf("view: %d %s", r.Status, r.Text())
		}

		// Bad network input: 422, nothing stored.
		r = coord.PostForm("/projects/"+pid+"/networks", url.Values{"name": {""}, "cadence": {"weekly"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="name-error">Tämä tieto on pakollinen.`) ||
			!strings.Contains(r.Body, `id="cadence-error">Valitse jokin annetuista vaihtoehdoista.`) {
			t.Fatalf("bad network: %d %s", r.Status, r.Text())
		}
		if n := s.count(`SELECT COUNT(*) FROM networks`); n != 1 {
			t.Fatalf("%d networks after bad input", n)
		}

		// Add a member from Oulu: the coverage panel changes.
		oulu := s.org("Oulun kaupunki", "municipality", "564")
		te := s.org("Pohjois-Pohjanmaan TE-toimisto", "state_admin", "")
		aino := s.person("Aino Aaltonen", "aino@example.fi", oulu)
		bertil := s.person("Bertil Berg", "bertil@example.fi", te)
		if r := coord.Get(path + "/memberships/new?q=aalto"); r.Status != 200 || !strings.Contains(r.Text(), "Aino Aaltonen – Oulun kaupunki") || strings.Contains(r.Text(), "Bertil") {
			t.Fatalf("member form search: %d %s", r.Status, r.Text())
		}
		r = coord.PostForm(path+"/memberships", url.Values{"person_id": {itoa(aino)}, "role": {"convener"}, "term_start": {"2026-01-01"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("add member: %d %s", r.Status, r.Text())
		}
		r = coord.Get(path)
		text := r.Text()
		if !strings.Contains(text, "1 kunta puuttuu.") || !strings.Contains(text, "7 sektoria puuttuu.") || !strings.Contains(text, "Puuttuu Kempele (244)") ||
			!strings.Contains(text, "Edustettu Oulu (564)") || !strings.Contains(text, "Aino Aaltonen") || !strings.Contains(text, "Koollekutsuja") {
			t.Fatalf("coverage after member: %s", text)
		}
		// "Muut" is never a gap, and the panel and the members list use the
		// organisation directory's words.
		if strings.Contains(text, "Puuttuu Muut") || !strings.Contains(text, "Kunta (muut kunnan palvelut)") {
			t.Errorf("coverage lists other as missing or has other words: %s", text)
		}
		if !strings.Contains(r.Body, "mailto:aino@example.fi") {
			t.Error("project staff does not see member contacts")
		}

		// Duplicate member and end before start: 422 with messages, nothing stored.
		r = coord.PostForm(path+"/memberships", url.Values{"person_id": {itoa(aino)}, "role": {"member"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="person_id-error">Henkilö on jo tämän verkoston jäsen.`) {
			t.Fatalf("duplicate member: %d %s", r.Status, r.Text())
		}
		r = coord.PostForm(path+"/memberships", url.Values{"person_id": {itoa(bertil)}, "role": {"member"}, "term_start": {"2026-02-01"}, "term_end": {"2026-01-01"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="term_end-error">Päättymispäivä ei voi olla ennen alkamispäivää.`) {
			t.Fatalf("end before start: %d %s", r.Status, r.Text())
		}
		for _, bad := range []url.Values{
			{"person_id": {itoa(bertil)}, "role": {"boss"}},
			{"person_id": {"abc"}, "role": {"member"}},
			{"person_id": {"99999"}, "role": {"member"}},
			{"person_id": {itoa(bertil)}, "role": {"member"}, "organisation_id": {"99999"}},
			{"person_id": {itoa(bertil)}, "role": {"member"}, "deputy_of_id": {"99999"}},
			{"person_id": {itoa(bertil)}, "role": {"member"}, "term_end": {"31.13.2026"}},
		} {
			if r := coord.PostForm(path+"/memberships", bad); r.Status != http.StatusUnprocessableEntity {
				t.Errorf("%v: %d", bad, r.Status)
			}
		}
		if n := s.count(`SELECT COUNT(*) FROM memberships`); n != 1 {
			t.Fatalf("%d memberships after bad input", n)
		}

		// Bertil, deputy of Aino, term ended: listed under ended terms.
		r = coord.PostForm(path+"/memberships", url.Values{"person_id": {itoa(bertil)}, "role": {"member"}, "term_start": {"2024-01-01"},
			"term_end": {"2026-06-30"}, "deputy_of_id": {itoa(int64(s.count(`SELECT id FROM memberships WHERE person_id = $1`, aino)))}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("add deputy: %d %s", r.Status, r.Text())
		}
		text = coord.Get(path).Text()
		if !strings.Contains(text, "Bertil Berg – Pohjois-Pohjanmaan TE-toimisto: kausi päättyi 30.6.2026") || !strings.Contains(text, "Varajäsen: Aino Aaltonen") ||
			!strings.Contains(text, "Puuttuu Valtion aluehallinto (elinvoimakeskus, ELY-keskus, KEHA-keskus)") {
			t.Fatalf("ended term: %s", text)
		}

		// Public: purpose and themes, no members.
		r = public.Get(path)
		if r.Status != 200 || !strings.Contains(r.Text(), "Yhteiset käytännöt") || strings.Contains(r.Text(), "Aino") || strings.Contains(r.Text(), "Edustavuus") {
			t.Fatalf("public view: %d %s", r.Status, r.Text())
		}
		// A signed-in outsider sees members but not contacts, and cannot manage.
		r = outsider.Get(path)
		if !strings.Contains(r.Text(), "Aino Aaltonen") || strings.Contains(r.Body, "aino@example.fi") || strings.Contains(r.Body, "/memberships/new") {
			t.Fatalf("outsider view: %s", r.Text())
		}
		mid := itoa(int64(s.count(`SELECT id FROM memberships WHERE person_id = $1`, aino)))
		for _, p := range []string{path + "/edit", path + "/memberships/new", "/memberships/" + mid + "/edit", "/projects/" + pid + "/networks/new"} {
			if r := outsider.Get(p); r.Status != http.StatusForbidden {
				t.Errorf("outsider GET %s: %d", p, r.Status)
			}
		}
		for _, p := range []string{path, path + "/archive", path + "/memberships", "/memberships/" + mid, "/memberships/" + mid + "/delete", "/projects/" + pid + "/networks"} {
			if r := outsider.PostForm(p, url.Values{"name": {"x"}, "person_id": {itoa(bertil)}}); r.Status != http.StatusForbidden {
				t.Errorf("outsider POST %s: %d", p, r.Status)
			}
		}
		if r := public.PostForm(path+"/archive", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("public archive: %d", r.Status)
		}
		if n := s.count(`SELECT COUNT(*) FROM memberships`); n != 2 {
			t.Fatalf("%d memberships after forbidden requests", n)
		}
		// Unknown and malformed ids.
		for _, p := range []string{"/networks/99999", "/networks/abc", "/networks/99999/edit", "/memberships/99999/edit", "/memberships/x/edit", "/projects/99999/networks/new"} {
			if r := coord.Get(p); r.Status != http.StatusNotFound || !strings.Contains(r.Text(), "Sivua tai tietoa ei löytynyt") {
				t.Errorf("GET %s: %d", p, r.Status)
			}
		}

		// Edit a membership, edit and archive the network, remove a member.
		if r := coord.Get("/memberships/" + mid + "/edit"); r.Status != 200 || !strings.Contains(r.Text(), "Aino Aaltonen") {
			t.Fatalf("edit membership form: %d", r.Status)
		}
		if r := coord.PostForm("/memberships/"+mid, url.Values{"role": {"secretary"}, "deputy_of_id": {mid}}); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Text(), "Jäsen ei voi olla oma varajäsenensä.") {
			t.Fatalf("own deputy: %d %s", r.Status, r.Text())
		}
		if r := coord.PostForm("/memberships/"+mid, url.Values{"role": {"secretary"}, "organisation_id": {itoa(te)}}); r.Status != http.StatusSeeOther {
			t.Fatalf("update membership: %d %s", r.Status, r.Text())
		}
		if text := coord.Get(path).Text(); !strings.Contains(text, "2 kuntaa puuttuu.") || !strings.Contains(text, "Sihteeri") {
			t.Fatalf("after update: %s", text)
		}
		if r := coord.PostForm(path, url.Values{"name": {"Työpajat"}, "cadence": {"as_needed"}, "status": {"active"}, "themes": {"Laatu"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("update network: %d %s", r.Status, r.Text())
		}
		if r := coord.PostForm(path+"/archive", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("archive: %d", r.Status)
		}
		r = public.Get("/networks?status=archived&project=" + pid)
		if !strings.Contains(r.Text(), "Työpajat") || !strings.Contains(r.Text(), "Tarvittaessa") {
			t.Fatalf("list archived: %s", r.Text())
		}
		if r := public.Get("/networks?status=active"); strings.Contains(r.Text(), "Työpajat") {
			t.Fatalf("archived network in active list")
		}
		if r := coord.PostForm("/memberships/"+mid+"/delete", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("delete membership: %d", r.Status)
		}
		if n := s.count(`SELECT COUNT(*) FROM memberships WHERE network_id = $1`, nid); n != 1 {
			t.Fatalf("%d memberships after delete", n)
		}

		// Swedish: validation messages are translated.
		sv := env.Login(t, "kaisa@example.fi")
		sv.Get("/lang/sv?next=/")
		r = sv.PostForm(path+"/memberships", url.Values{"person_id": {itoa(bertil)}, "role": {"member"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Personen är redan medlem i det här nätverket.") {
			t.Fatalf("swedish duplicate: %d %s", r.Status, r.Text())
		}
	})
}

func TestNetworkAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		s := setup{t, env, d}
		env.CreateUser(t, "Admin", "admin@example.fi", true)
		coordAcct := env.CreateUser(t, "Kaisa", "kaisa@example.fi", false)
		outsiderTok := s.token(env.CreateUser(t, "Outsider", "outsider@example.fi", false))
		coordTok := s.token(coordAcct)
		pid := s.project(env.Login(t, "admin@example.fi"), coordAcct)
		c := env.Client(t)

		body := `{"project_id": ` + pid + `, "name": "Palkkatuettu työ", "purpose": "Kehityskeskustelumalli", "cadence": "as_needed", "themes": ["Kehityskeskustelu"]}`
		if r := c.JSON("POST", "/api/v1/networks", "", body); r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, `"code":"unauthorized"`) {
			t.Errorf("no token: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("POST", "/api/v1/networks", outsiderTok, body); r.Status != http.StatusForbidden {
			t.Errorf("outsider: %d %s", r.Status, r.Body)
		}
		r := c.JSON("POST", "/api/v1/networks", coordTok, body)
		if r.Status != http.StatusCreated || !strings.Contains(r.Body, `"cadence":"as_needed"`) || !strings.Contains(r.Body, `"Kehityskeskustelu"`) {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		loc := r.Header.Get("Location")
		for _, b := range []string{
			`{"project_id": ` + pid + `, "name": ""}`,
			`{"project_id": ` + pid + `, "name": "x", "cadence": "weekly"}`,
			`{"project_id": 99999, "name": "x"}`,
			`{"name": "x"}`,
			`{"project_id": "x"}`,
		} {
			if r := c.JSON("POST", "/api/v1/networks", coordTok, b); r.Status != http.StatusBadRequest {
				t.Errorf("%s: %d %s", b, r.Status, r.Body)
			}
		}
		if n := s.count(`SELECT COUNT(*) FROM networks`); n != 1 {
			t.Fatalf("%d networks after bad input", n)
		}
		if r := c.JSON("PUT", loc, coordTok, `{"name": "Palkkatuki", "status": "archived", "themes": []}`); r.Status != 200 || !strings.Contains(r.Body, `"status":"archived"`) {
			t.Errorf("put: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("PUT", loc, outsiderTok, `{"name": "x"}`); r.Status != http.StatusForbidden {
			t.Errorf("put outsider: %d", r.Status)
		}
		if r := c.JSON("GET", "/api/v1/networks?project_id="+pid+"&status=archived", "", ""); r.Status != 200 || !strings.Contains(r.Body, `"total":1`) {
			t.Errorf("list: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("GET", "/api/v1/networks?status=bogus", "", ""); r.Status != http.StatusBadRequest {
			t.Errorf("bad filter: %d", r.Status)
		}
		for _, p := range []string{"/api/v1/networks/99999", "/api/v1/networks/abc"} {
			if r := c.JSON("GET", p, "", ""); r.Status != http.StatusNotFound {
				t.Errorf("%s: %d", p, r.Status)
			}
		}

		// Memberships.
		oulu := s.org("Oulun kaupunki", "municipality", "564")
		aino := s.person("Aino", "aino@example.fi", oulu)
		bertil := s.person("Bertil", "bertil@example.fi", 0)
		mpath := loc + "/memberships"
		mbody := `{"person_id": ` + itoa(aino) + `, "role": "convener", "term_start": "2026-01-01"}`
		if r := c.JSON("POST", mpath, "", mbody); r.Status != http.StatusUnauthorized {
			t.Errorf("membership no token: %d", r.Status)
		}
		if r := c.JSON("POST", mpath, outsiderTok, mbody); r.Status != http.StatusForbidden {
			t.Errorf("membership outsider: %d", r.Status)
		}
		r = c.JSON("POST", mpath, coordTok, mbody)
		if r.Status != http.StatusCreated || !strings.Contains(r.Body, `"organisation_id":`+itoa(oulu)) || !strings.Contains(r.Body, `"sector":"municipality"`) {
			t.Fatalf("create membership: %d %s", r.Status, r.Body)
		}
		mloc := r.Header.Get("Location")
		r = c.JSON("POST", mpath, coordTok, mbody)
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, `"person_id":"Henkilö on jo tämän verkoston jäsen."`) {
			t.Errorf("duplicate: %d %s", r.Status, r.Body)
		}
		for _, b := range []string{
			`{"person_id": ` + itoa(bertil) + `, "role": "boss"}`,
			`{"person_id": ` + itoa(bertil) + `, "term_start": "2026-02-01", "term_end": "2026-01-01"}`,
			`{"person_id": ` + itoa(bertil) + `, "organisation_id": 99999}`,
			`{"person_id": ` + itoa(bertil) + `, "deputy_of_id": 99999}`,
			`{"person_id": 99999}`,
			`{}`,
		} {
			if r := c.JSON("POST", mpath, coordTok, b); r.Status != http.StatusBadRequest {
				t.Errorf("%s: %d %s", b, r.Status, r.Body)
			}
		}
		if n := s.count(`SELECT COUNT(*) FROM memberships`); n != 1 {
			t.Fatalf("%d memberships after bad input", n)
		}
		if r := c.JSON("GET", mpath, "", ""); r.Status != http.StatusUnauthorized {
			t.Errorf("public member list: %d", r.Status)
		}
		if r := c.JSON("GET", mpath+"?per_page=10", outsiderTok, ""); r.Status != 200 || !strings.Contains(r.Body, `"person_name":"Aino"`) || strings.Contains(r.Body, "aino@example.fi") {
			t.Errorf("member list: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("GET", mloc, coordTok, ""); r.Status != 200 {
			t.Errorf("get membership: %d", r.Status)
		}
		if r := c.JSON("PUT", mloc, coordTok, `{"person_id": `+itoa(aino)+`, "role": "secretary", "term_end": "2026-06-30"}`); r.Status != 200 ||
			!strings.Contains(r.Body, `"term_ended":true`) || !strings.Contains(r.Body, `"role":"secretary"`) {
			t.Errorf("put membership: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("PUT", mloc, outsiderTok, `{"person_id": `+itoa(aino)+`}`); r.Status != http.StatusForbidden {
			t.Errorf("put membership outsider: %d", r.Status)
		}
		// The list pages the cached roster: a change shows at once, the
		// total counts every member, a page past the end is empty.
		if r := c.JSON("POST", mpath, coordTok, `{"person_id": `+itoa(bertil)+`, "role": "member"}`); r.Status != http.StatusCreated {
			t.Fatalf("second member: %d %s", r.Status, r.Body)
		}
		for _, pg := range []struct{ query, want, not string }{
			{"?per_page=1&page=1", `"person_name":"Aino"`, `"person_name":"Bertil"`},
			{"?per_page=1&page=2", `"person_name":"Bertil"`, `"person_name":"Aino"`},
			{"?per_page=1&page=3", `"items":[]`, `"person_name"`},
		} {
			r := c.JSON("GET", mpath+pg.query, coordTok, "")
			if r.Status != 200 || !strings.Contains(r.Body, pg.want) || strings.Contains(r.Body, pg.not) || !strings.Contains(r.Body, `"total":2`) {
				t.Errorf("member list %s: %d %s", pg.query, r.Status, r.Body)
			}
		}
		if r := c.JSON("GET", mpath, coordTok, ""); !strings.Contains(r.Body, `"role":"secretary"`) {
			t.Errorf("member list after the update: %s", r.Body)
		}
		for _, p := range []string{"/api/v1/memberships/99999", "/api/v1/memberships/x", "/api/v1/networks/99999/memberships"} {
			if r := c.JSON("GET", p, coordTok, ""); r.Status != http.StatusNotFound {
				t.Errorf("%s: %d", p, r.Status)
			}
		}
	})
}
