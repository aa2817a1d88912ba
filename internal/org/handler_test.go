package org_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// fixture is a running server with an admin, a project coordinator (who may
// edit the directory), a plain signed-in user, and one organisation whose
// representative sits in a network.
type fixture struct {
	env        *servertest.Env
	d          *db.DB
	orgID      int64
	networkID  int64
	adminTok   string
	coordTok   string
	plainTok   string
	adminAcct  *auth.Account
	coordAcct  *auth.Account
	plainAcct  *auth.Account
	repName    string
	networkNam string
}

func setup(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	env := servertest.New(t, d)
	f := &fixture{env: env, d: d, repName: "Riikka Edustaja", networkNam: "Työpajatoiminnan verkosto"}
	f.adminAcct = env.CreateUser(t, "Ylläpitäjä", "admin@example.fi", true)
	f.coordAcct = env.CreateUser(t, "Kaisa Koordinaattori", "coord@example.fi", false)
	f.plainAcct = env.CreateUser(t, "Pekka Peruskäyttäjä", "plain@example.fi", false)

	b := fx.New(t, d, env.Clock)
	f.orgID = b.OrgWith(org.Organisation{Name: "Nuorten Ystävät ry", Sector: org.SectorThirdSector, MunicipalityCode: "564", Website: "https://www.nuortenystavat.fi"})
	now := env.Clock.Now()
	projectID := b.Project("Välityömarkkinahanke")
	f.networkID = b.Network(projectID, f.networkNam)
	repID := b.Person(f.repName, "", f.orgID)
	b.Member(f.networkID, repID, network.RoleMember) // represents the person's own organisation
	b.Staff(projectID, f.coordAcct.PersonID, project.RoleCoordinator)

	as := auth.NewStore(d)
	for _, x := range []struct {
		acct *auth.Account
		tok  *string
	}{{f.adminAcct, &f.adminTok}, {f.coordAcct, &f.coordTok}, {f.plainAcct, &f.plainTok}} {
		tok, err := as.CreateAPIToken(ctx, x.acct.ID, "test", now)
		if err != nil {
			t.Fatal(err)
		}
		*x.tok = tok
	}
	return f
}

func mustScan(t *testing.T, row interface{ Scan(...any) error }, dst any) {
	t.Helper()
	if err := row.Scan(dst); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	mustScan(t, f.d.QueryRowContext(context.Background(), q, args...), &n)
	return n
}

func (f *fixture) orgPath(suffix string) string {
	return fmt.Sprintf("/organisations/%d%s", f.orgID, suffix)
}

func validForm(name string) url.Values {
	return url.Values{"name": {name}, "sector": {"education"}, "municipality_code": {"244"},
		"website": {"https://example.fi"}, "email": {"info@example.fi"}, "phone": {"+358 40 123 4567"}, "description": {"Oppilaitos"}}
}

func TestPublicListAndView(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		c := f.env.Client(t)
		r := c.Get("/organisations")
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Nuorten Ystävät ry") || !strings.Contains(r.Text(), "Kolmas sektori") {
			t.Fatalf("list: %d %s", r.Status, short(r.Text()))
		}
		if strings.Contains(r.Body, `href="/organisations/new"`) {
			t.Fatal("public sees the add link")
		}
		if r := c.Get("/organisations?sector=education"); r.Status != 200 || strings.Contains(r.Text(), "Nuorten Ystävät ry") {
			t.Fatalf("sector filter did not filter: %s", short(r.Text()))
		}
		if r := c.Get("/organisations?q=YSTÄV&municipality=564"); !strings.Contains(r.Text(), "Nuorten Ystävät ry") {
			t.Fatalf("search did not find: %s", short(r.Text()))
		}
		// Bad filter values are ignored, never a 500.
		if r := c.Get("/organisations?sector=%27;drop&municipality=x&page=-4"); r.Status != http.StatusOK || !strings.Contains(r.Text(), "Nuorten Ystävät ry") {
			t.Fatalf("bad filters: %d", r.Status)
		}

		r = c.Get(f.orgPath(""))
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Nuorten Ystävät ry") || !strings.Contains(r.Text(), "Oulu (564)") {
			t.Fatalf("view: %d %s", r.Status, short(r.Text()))
		}
		if strings.Contains(r.Text(), f.repName) || strings.Contains(r.Text(), f.networkNam) {
			t.Fatal("public sees representatives")
		}

		s := f.env.Login(t, "plain@example.fi")
		r = s.Get(f.orgPath(""))
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), f.repName) || !strings.Contains(r.Text(), f.networkNam) {
			t.Fatalf("signed-in view lacks representatives: %s", short(r.Text()))
		}
		if strings.Contains(r.Body, f.orgPath("/edit")) {
			t.Fatal("plain user sees the edit link")
		}
	})
}

func TestListPaging(t *testing.T) {
	f := setup(t, dbtest.SQLite(t))
	s := org.NewStore(f.d)
	for i := 1; i <= org.PageSize+5; i++ {
		o := &org.Organisation{Name: fmt.Sprintf("Työpaja %02d", i), Sector: org.SectorThirdSector}
		if err := s.Create(context.Background(), o, f.env.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	c := f.env.Client(t)
	r := c.Get("/organisations?q=ty%C3%B6paja")
	if !strings.Contains(r.Text(), "30 organisaatiota") || !strings.Contains(r.Body, `href="/organisations?page=2&amp;q=ty%C3%B6paja"`) ||
		strings.Contains(r.Text(), "Työpaja 26") || strings.Contains(r.Body, `rel="prev"`) {
		t.Fatalf("page 1: %s", short(r.Text()))
	}
	r = c.Get("/organisations?q=ty%C3%B6paja&page=2")
	if !strings.Contains(r.Text(), "Työpaja 26") || !strings.Contains(r.Text(), "Työpaja 30") || strings.Contains(r.Text(), "Työpaja 25") ||
		strings.Contains(r.Body, `rel="next"`) || !strings.Contains(r.Body, `rel="prev"`) {
		t.Fatalf("page 2: %s", short(r.Text()))
	}
}

func TestNotFound(t *testing.T) {
	f := setup(t, dbtest.SQLite(t))
	public := f.env.Client(t)
	admin := f.env.Login(t, "admin@example.fi")
	for _, p := range []string{"/organisations/abc", "/organisations/0", "/organisations/99999"} {
		for name, cl := range map[string]*servertest.Client{"public": public, "admin": admin} {
			if r := cl.Get(p); r.Status != http.StatusNotFound || !strings.Contains(r.Text(), "Sivua tai tietoa ei löytynyt") {
				t.Fatalf("%s %s: %d", name, p, r.Status)
			}
		}
	}
	for _, p := range []string{"/organisations/-1/edit", "/organisations/99999/edit", "/organisations/x/merge", "/organisations/99999/merge"} {
		if r := admin.Get(p); r.Status != http.StatusNotFound {
			t.Fatalf("admin %s: %d", p, r.Status)
		}
	}
	if r := admin.PostForm("/organisations/99999", validForm("Uusi")); r.Status != http.StatusNotFound {
		t.Fatalf("update unknown: %d", r.Status)
	}
	if r := admin.PostForm("/organisations/abc/merge", url.Values{"target_id": {"1"}}); r.Status != http.StatusNotFound {
		t.Fatalf("merge malformed: %d", r.Status)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM organisations`); n != 1 {
		t.Fatalf("%d organisations", n)
	}
}

func TestCreateAndEditRights(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		public := f.env.Client(t)
		if r := public.Get("/organisations/new"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Fatalf("public new form: %d %s", r.Status, r.Location)
		}
		if r := public.PostForm("/organisations", validForm("Julkinen Oy")); r.Status != http.StatusUnauthorized {
			t.Fatalf("public create: %d", r.Status)
		}
		plain := f.env.Login(t, "plain@example.fi")
		if r := plain.Get("/organisations/new"); r.Status != http.StatusForbidden {
			t.Fatalf("plain new form: %d", r.Status)
		}
		if r := plain.PostForm("/organisations", validForm("Peruskäyttäjän Oy")); r.Status != http.StatusForbidden {
			t.Fatalf("plain create: %d", r.Status)
		}
		if r := plain.PostForm(f.orgPath(""), validForm("Kaapattu")); r.Status != http.StatusForbidden {
			t.Fatalf("plain update: %d", r.Status)
		}
		if r := plain.Get(f.orgPath("/edit")); r.Status != http.StatusForbidden {
			t.Fatalf("plain edit form: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM organisations`); n != 1 {
			t.Fatalf("forbidden requests stored something: %d organisations", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM organisations WHERE name = 'Nuorten Ystävät ry'`); n != 1 {
			t.Fatal("forbidden update changed the name")
		}

		coord := f.env.Login(t, "coord@example.fi")
		if r := coord.Get("/organisations/new"); r.Status != http.StatusOK || !strings.Contains(r.Body, `<label for="name">`) {
			t.Fatalf("coordinator new form: %d", r.Status)
		}
		r := coord.PostForm("/organisations", validForm("Kempeleen ammattiopisto"))
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/organisations/") {
			t.Fatalf("create: %d %s\n%s", r.Status, r.Location, short(r.Text()))
		}
		view := coord.Get(r.Location)
		if !strings.Contains(view.Text(), "Organisaatio lisätty.") || !strings.Contains(view.Text(), "Kempele (244)") || !strings.Contains(view.Text(), "Oppilaitos") {
			t.Fatalf("created page: %s", view.Text())
		}
		if r := coord.Get(f.orgPath("/edit")); r.Status != http.StatusOK || !strings.Contains(r.Body, `value="Nuorten Ystävät ry"`) {
			t.Fatalf("edit form: %d", r.Status)
		}
		form := validForm("Nuorten Ystävät ry, Oulu")
		form.Set("sector", "third_sector")
		if r := coord.PostForm(f.orgPath(""), form); r.Status != http.StatusSeeOther || r.Location != f.orgPath("") {
			t.Fatalf("update: %d %s", r.Status, r.Location)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM organisations WHERE id = $1 AND name = 'Nuorten Ystävät ry, Oulu' AND municipality_code = '244'`, f.orgID); n != 1 {
			t.Fatal("update not stored")
		}
	})
}

func TestBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		coord := f.env.Login(t, "coord@example.fi")
		bad := url.Values{"name": {"  "}, "sector": {"church"}, "municipality_code": {"999"}, "website": {"www.example.fi"}, "email": {"x@"}, "phone": {"soita"}}
		r := coord.PostForm("/organisations", bad)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.Status)
		}
		for _, msg := range []string{"Tarkista lomakkeen tiedot.", "Tämä tieto on pakollinen.", "Valitse jokin annetuista vaihtoehdoista.",
			"Tuntematon kuntanumero", "Anna verkko-osoite muodossa", "Anna sähköpostiosoite", "Anna puhelinnumero"} {
			if !strings.Contains(r.Text(), msg) {
				t.Errorf("missing %q in %s", msg, short(r.Text()))
			}
		}
		if !strings.Contains(r.Body, `id="website" name="website" value="www.example.fi"`) || !strings.Contains(r.Body, `aria-invalid="true"`) {
			t.Error("form does not keep the input or mark invalid fields")
		}
		// A well-formed but unknown municipality is caught by the store.
		form := validForm("Tuntematon kunta")
		form.Set("municipality_code", "998")
		if r := coord.PostForm("/organisations", form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Tuntematon kuntanumero") {
			t.Fatalf("unknown municipality: %d", r.Status)
		}
		// A duplicate name (other case and spacing) is a field error.
		r = coord.PostForm("/organisations", validForm(" nuorten  ystävät RY "))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Samanniminen organisaatio on jo olemassa.") {
			t.Fatalf("duplicate: %d %s", r.Status, short(r.Text()))
		}
		// In Swedish too.
		coord.Get("/lang/sv")
		r = coord.PostForm("/organisations", validForm("NUORTEN YSTÄVÄT RY"))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Det finns redan en organisation med samma namn.") {
			t.Fatalf("duplicate in Swedish: %d %s", r.Status, short(r.Text()))
		}
		coord.Get("/lang/fi")
		// A bad edit changes nothing.
		r = coord.PostForm(f.orgPath(""), url.Values{"name": {""}, "sector": {"third_sector"}})
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad update: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM organisations`); n != 1 {
			t.Fatalf("bad input stored something: %d organisations", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM organisations WHERE name = 'Nuorten Ystävät ry' AND website = 'https://www.nuortenystavat.fi'`); n != 1 {
			t.Fatal("bad update changed the organisation")
		}
	})
}

func TestMergePages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		ctx := context.Background()
		target := &org.Organisation{Name: "Nuorten Ystävät", Sector: org.SectorThirdSector}
		if err := org.NewStore(d).Create(ctx, target, f.env.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		form := url.Values{"target_id": {fmt.Sprint(target.ID)}}

		coord := f.env.Login(t, "coord@example.fi")
		if r := coord.Get(f.orgPath("/merge")); r.Status != http.StatusForbidden {
			t.Fatalf("coordinator merge form: %d", r.Status)
		}
		if r := coord.PostForm(f.orgPath("/merge"), form); r.Status != http.StatusForbidden {
			t.Fatalf("coordinator merge: %d", r.Status)
		}
		if r := coord.Get(f.orgPath("")); strings.Contains(r.Body, f.orgPath("/merge")) {
			t.Fatal("coordinator sees the merge link")
		}

		admin := f.env.Login(t, "admin@example.fi")
		r := admin.Get(f.orgPath("/merge"))
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "henkilöitä 1, jäsenyyksiä 1") || !strings.Contains(r.Body, `<option value="`+fmt.Sprint(target.ID)+`"`) {
			t.Fatalf("merge form: %d %s", r.Status, short(r.Text()))
		}
		for _, bad := range []url.Values{{"target_id": {""}}, {"target_id": {"abc"}}, {"target_id": {"99999"}}, {"target_id": {fmt.Sprint(f.orgID)}}} {
			if r := admin.PostForm(f.orgPath("/merge"), bad); r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("merge with %v: %d", bad, r.Status)
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM organisations`); n != 2 {
			t.Fatal("failed merge deleted something")
		}
		r = admin.PostForm(f.orgPath("/merge"), form)
		if r.Status != http.StatusSeeOther || r.Location != fmt.Sprintf("/organisations/%d", target.ID) {
			t.Fatalf("merge: %d %s", r.Status, r.Location)
		}
		if r := admin.Get(r.Location); !strings.Contains(r.Text(), f.repName) || !strings.Contains(r.Text(), "yhdistetty") {
			t.Fatalf("target after merge: %s", short(r.Text()))
		}
		if r := admin.Get(f.orgPath("")); r.Status != http.StatusNotFound {
			t.Fatalf("duplicate still shown: %d", r.Status)
		}
	})
}

func TestAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		c := f.env.Client(t)

		r := c.JSON("GET", "/api/v1/organisations?sector=third_sector&per_page=10", "", "")
		var list struct {
			Items   []org.JSON `json:"items"`
			Total   int        `json:"total"`
			PerPage int        `json:"per_page"`
		}
		if r.Status != http.StatusOK || json.Unmarshal([]byte(r.Body), &list) != nil || list.Total != 1 || list.PerPage != 10 ||
			list.Items[0].Name != "Nuorten Ystävät ry" || list.Items[0].MunicipalityName != "Oulu" {
			t.Fatalf("list: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("GET", "/api/v1/organisations?sector=church", "", ""); r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `"sector"`) {
			t.Fatalf("bad filter: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("GET", "/api/v1/organisations?per_page=5000", "", ""); r.Status != http.StatusBadRequest {
			t.Fatalf("bad per_page: %d", r.Status)
		}
		if r := c.JSON("GET", fmt.Sprintf("/api/v1/organisations/%d", f.orgID), "", ""); r.Status != http.StatusOK || !strings.Contains(r.Body, `"website":"https://www.nuortenystavat.fi"`) {
			t.Fatalf("get: %d %s", r.Status, r.Body)
		}
		for _, p := range []string{"/api/v1/organisations/abc", "/api/v1/organisations/99999"} {
			if r := c.JSON("GET", p, "", ""); r.Status != http.StatusNotFound || !strings.Contains(r.Body, `"code":"not_found"`) {
				t.Fatalf("%s: %d %s", p, r.Status, r.Body)
			}
		}

		body := `{"name":"Oulun Seudun Yrityspalvelut","sector":"business","municipality_code":"564","website":"https://example.fi"}`
		if r := c.JSON("POST", "/api/v1/organisations", "", body); r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, `"code":"unauthorized"`) {
			t.Fatalf("no token: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("POST", "/api/v1/organisations", "kht_wrong", body); r.Status != http.StatusUnauthorized {
			t.Fatalf("bad token: %d", r.Status)
		}
		if r := c.JSON("POST", "/api/v1/organisations", f.plainTok, body); r.Status != http.StatusForbidden {
			t.Fatalf("plain token: %d", r.Status)
		}
		r = c.JSON("POST", "/api/v1/organisations", f.coordTok, body)
		var created org.JSON
		if r.Status != http.StatusCreated || json.Unmarshal([]byte(r.Body), &created) != nil || created.ID == 0 || created.MunicipalityName != "Oulu" {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		r = c.JSON("POST", "/api/v1/organisations", f.coordTok, `{"name":"","sector":"x","municipality_code":"999","website":"nope"}`)
		if r.Status != http.StatusBadRequest {
			t.Fatalf("invalid: %d %s", r.Status, r.Body)
		}
		var e struct {
			Error struct {
				Code   string            `json:"code"`
				Fields map[string]string `json:"fields"`
			} `json:"error"`
		}
		if json.Unmarshal([]byte(r.Body), &e) != nil || e.Error.Code != "invalid" || e.Error.Fields["name"] != "Tämä tieto on pakollinen." ||
			e.Error.Fields["sector"] == "" || e.Error.Fields["municipality_code"] == "" || e.Error.Fields["website"] == "" {
			t.Fatalf("invalid body: %s", r.Body)
		}
		if r := c.JSON("POST", "/api/v1/organisations", f.coordTok, `{"name":"X","sector":"other","bogus":1}`); r.Status != http.StatusBadRequest {
			t.Fatalf("unknown field: %d", r.Status)
		}
		if r := c.JSON("POST", "/api/v1/organisations", f.coordTok, `{"name":`); r.Status != http.StatusBadRequest {
			t.Fatalf("malformed JSON: %d", r.Status)
		}
		r = c.JSON("POST", "/api/v1/organisations", f.coordTok, `{"name":"oulun seudun  yrityspalvelut","sector":"business"}`)
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, `"name":"Samanniminen organisaatio on jo olemassa."`) {
			t.Fatalf("duplicate: %d %s", r.Status, r.Body)
		}

		put := fmt.Sprintf("/api/v1/organisations/%d", created.ID)
		r = c.JSON("PUT", put, f.coordTok, `{"name":"BusinessOulu","sector":"business","municipality_code":"564","email":"info@businessoulu.com"}`)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"name":"BusinessOulu"`) || !strings.Contains(r.Body, `"website":""`) {
			t.Fatalf("put: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("PUT", put, f.coordTok, `{"name":"Nuorten Ystävät ry","sector":"business"}`); r.Status != http.StatusConflict {
			t.Fatalf("put duplicate: %d", r.Status)
		}
		if r := c.JSON("PUT", put, f.plainTok, `{"name":"Kaapattu","sector":"business"}`); r.Status != http.StatusForbidden {
			t.Fatalf("put plain: %d", r.Status)
		}
		if r := c.JSON("PUT", "/api/v1/organisations/99999", f.coordTok, `{"name":"Ei ole","sector":"business"}`); r.Status != http.StatusNotFound {
			t.Fatalf("put unknown: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM organisations WHERE id = $1 AND name = 'BusinessOulu' AND email = 'info@businessoulu.com'`, created.ID); n != 1 {
			t.Fatal("rejected PUTs changed the organisation")
		}
		if n := f.count(t, `SELECT COUNT(*) FROM organisations`); n != 2 {
			t.Fatalf("%d organisations, want 2", n)
		}
	})
}

// short keeps failure messages readable: pages list ~300 municipalities.
func short(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// TestSwedishNetworkName: a Swedish reader sees the network's Swedish
// name among an organisation's representatives.
func TestSwedishNetworkName(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		if _, err := d.ExecContext(context.Background(), `UPDATE networks SET name_sv = 'Verkstadsnätverket' WHERE id = $1`, f.networkID); err != nil {
			t.Fatal(err)
		}
		s := f.env.Login(t, "plain@example.fi")
		if r := s.Get(f.orgPath("")); !strings.Contains(r.Body, ">"+f.networkNam+"</a>") {
			t.Fatalf("Finnish page: %s", short(r.Text()))
		}
		s.Get("/lang/sv?next=/")
		if r := s.Get(f.orgPath("")); !strings.Contains(r.Body, ">Verkstadsnätverket</a>") {
			t.Fatalf("Swedish page lacks the Swedish name: %s", short(r.Text()))
		}
	})
}
