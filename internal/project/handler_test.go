package project_test

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
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func token(t *testing.T, env *servertest.Env, acct *auth.Account) string {
	t.Helper()
	tok, err := auth.NewStore(env.DB).CreateAPIToken(context.Background(), acct.ID, "test", env.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestProjectPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Admin", "admin@example.fi", true)
		env.CreateUser(t, "Outsider", "outsider@example.fi", false)
		admin := env.Login(t, "admin@example.fi")
		outsider := env.Login(t, "outsider@example.fi")
		public := env.Client(t)

		if r := admin.Get("/projects/new"); r.Status != http.StatusOK || !strings.Contains(r.Body, `<option value="564">Oulu (564)</option>`) {
			t.Fatalf("new form: %d", r.Status)
		}
		form := url.Values{"name": {"Välityömarkkinat"}, "funder": {"ESR"}, "starts_on": {"2008-01-01"}, "ends_on": {"2011-12-31"},
			"goals": {"Yhteinen toimintamalli\n\nHyvät käytännöt\n"}, "municipalities": {"564", "244"}}
		r := admin.PostForm("/projects", form)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/projects/") {
			t.Fatalf("create: %d %s\n%s", r.Status, r.Location, r.Text())
		}
		path := r.Location
		r = admin.Get(path)
		if r.Status != 200 || !strings.Contains(r.Text(), "Hyvät käytännöt") || !strings.Contains(r.Text(), "Kempele (244)") || !strings.Contains(r.Text(), "Hanke luotiin.") {
			t.Fatalf("view: %d %s", r.Status, r.Text())
		}

		// Bad input: 422, translated message next to the field, nothing stored.
		bad := url.Values{"name": {"X"}, "starts_on": {"2026-05-01"}, "ends_on": {"2026-04-01"}}
		r = admin.PostForm("/projects", bad)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `<p class="field-error" id="ends_on-error">Päättymispäivä ei voi olla ennen alkamispäivää.</p>`) {
			t.Fatalf("end before start: %d %s", r.Status, r.Text())
		}
		r = admin.PostForm(path, url.Values{"name": {""}, "municipalities": {"999"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Tämä tieto on pakollinen.") {
			t.Fatalf("update blank: %d %s", r.Status, r.Text())
		}
		r = admin.PostForm(path, url.Values{"name": {"Y"}, "municipalities": {"999"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Tuntematon kuntanumero") {
			t.Fatalf("unknown municipality: %d %s", r.Status, r.Text())
		}
		if n := count(t, d, "projects"); n != 1 {
			t.Fatalf("%d projects after bad input", n)
		}
		if r := public.Get(path); !strings.Contains(r.Text(), "Välityömarkkinat") {
			t.Fatalf("bad input changed the project: %s", r.Text())
		}

		// Not found and forbidden.
		for _, p := range []string{"/projects/9999", "/projects/abc", "/projects/-1/edit", "/projects/0"} {
			if r := admin.Get(p); r.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, r.Status)
			}
		}
		if r := outsider.Get("/projects/new"); r.Status != http.StatusForbidden {
			t.Errorf("outsider new: %d", r.Status)
		}
		if r := outsider.Get(path + "/edit"); r.Status != http.StatusForbidden {
			t.Errorf("outsider edit: %d", r.Status)
		}
		if r := outsider.PostForm(path+"/archive", nil); r.Status != http.StatusForbidden {
			t.Errorf("outsider archive: %d", r.Status)
		}
		if r := outsider.PostForm("/projects", form); r.Status != http.StatusForbidden {
			t.Errorf("outsider create: %d", r.Status)
		}
		if r := public.Get(path + "/edit"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("public edit: %d %s", r.Status, r.Location)
		}
		if r := public.PostForm(path, form); r.Status != http.StatusUnauthorized {
			t.Errorf("public update: %d", r.Status)
		}

		// Staff: add, duplicate, contacts hidden from the public.
		var personID int64
		if err := d.QueryRow(`SELECT id FROM people WHERE email = 'outsider@example.fi'`).Scan(&personID); err != nil {
			t.Fatal(err)
		}
		staff := url.Values{"person_id": {itoa(personID)}, "role": {"coordinator"}}
		if r := admin.PostForm(path+"/staff", staff); r.Status != http.StatusSeeOther {
			t.Fatalf("add staff: %d %s", r.Status, r.Text())
		}
		if r := admin.PostForm(path+"/staff", staff); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Henkilö kuuluu jo hankkeen henkilöstöön.") {
			t.Fatalf("duplicate staff: %d %s", r.Status, r.Text())
		}
		if r := admin.PostForm(path+"/staff", url.Values{"person_id": {"abc"}, "role": {"x"}}); r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad staff: %d", r.Status)
		}
		// The public sees staff only as each chose on their account page.
		if r := public.Get(path); strings.Contains(r.Text(), "Outsider") || !strings.Contains(r.Text(), "näkyvät kirjautuneille") {
			t.Errorf("public sees unlisted staff: %s", r.Text())
		}
		for listing, contacts := range map[string]bool{"name": false, "contacts": true} {
			if _, err := d.Exec(`UPDATE people SET public_listing = $1 WHERE id = $2`, listing, personID); err != nil {
				t.Fatal(err)
			}
			if r := public.Get(path); !strings.Contains(r.Text(), "Outsider") || strings.Contains(r.Body, "outsider@example.fi") != contacts {
				t.Errorf("public, staff listed with %q: %s", listing, r.Text())
			}
		}
		if _, err := d.Exec(`UPDATE people SET public_listing = '' WHERE id = $1`, personID); err != nil {
			t.Fatal(err)
		}
		if r := admin.Get(path); !strings.Contains(r.Text(), "1 henkilöstön jäsen ei näy kirjautumattomille") {
			t.Errorf("the manager is not told who the public does not see: %s", r.Text())
		}
		if r := admin.Get(path); !strings.Contains(r.Body, "mailto:outsider@example.fi") {
			t.Errorf("admin does not see staff contacts")
		}
		// Now a coordinator, the former outsider manages the project.
		if r := outsider.Get(path + "/edit"); r.Status != http.StatusOK {
			t.Errorf("coordinator edit: %d", r.Status)
		}
		if r := outsider.PostForm(path+"/archive", nil); r.Status != http.StatusSeeOther {
			t.Errorf("coordinator archive: %d", r.Status)
		}
		r = public.Get("/projects")
		if i, j := strings.Index(r.Text(), "Arkistoidut hankkeet"), strings.Index(r.Text(), "Välityömarkkinat"); i < 0 || j < i {
			t.Errorf("archived project not in the archived section: %s", r.Text())
		}
		if r := admin.PostForm(path+"/staff/"+itoa(personID)+"/delete", nil); r.Status != http.StatusSeeOther {
			t.Errorf("remove staff: %d", r.Status)
		}
		if r := admin.PostForm(path+"/staff/"+itoa(personID)+"/delete", nil); r.Status != http.StatusNotFound {
			t.Errorf("remove staff twice: %d", r.Status)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestProjectAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		adminTok := token(t, env, env.CreateUser(t, "Admin", "admin@example.fi", true))
		otherTok := token(t, env, env.CreateUser(t, "Other", "other@example.fi", false))
		c := env.Client(t)

		body := `{"name": "KasvuPOK", "funder": "Pohjois-Karjalan ELY-keskus", "starts_on": "2019-01-01", "ends_on": "2022-12-31",
			"goals": [{"title": "Osaaminen"}, {"title": "Yritysyhteistyö"}], "municipalities": ["167"]}`
		r := c.JSON("POST", "/api/v1/projects", adminTok, body)
		if r.Status != http.StatusCreated || !strings.Contains(r.Body, `"starts_on":"2019-01-01"`) || !strings.Contains(r.Body, `"Yritysyhteistyö"`) {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		loc := r.Header.Get("Location")
		if r := c.JSON("POST", "/api/v1/projects", "", body); r.Status != http.StatusUnauthorized {
			t.Errorf("no token: %d", r.Status)
		}
		if r := c.JSON("POST", "/api/v1/projects", otherTok, body); r.Status != http.StatusForbidden {
			t.Errorf("not admin: %d", r.Status)
		}
		r = c.JSON("POST", "/api/v1/projects", adminTok, `{"name": "X", "starts_on": "2020-02-01", "ends_on": "2020-01-01"}`)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `"ends_on":"Päättymispäivä ei voi olla ennen alkamispäivää."`) {
			t.Errorf("end before start: %d %s", r.Status, r.Body)
		}
		for _, b := range []string{`{"name": 5}`, `{"name": "x", "bogus": 1}`, `not json`, `{"name": "x", "municipalities": ["abc"]}`, `{"name": "x", "starts_on": "soon"}`} {
			if r := c.JSON("POST", "/api/v1/projects", adminTok, b); r.Status != http.StatusBadRequest {
				t.Errorf("%s: %d %s", b, r.Status, r.Body)
			}
		}
		if n := count(t, d, "projects"); n != 1 {
			t.Fatalf("%d projects after bad input", n)
		}
		r = c.JSON("GET", loc, "", "")
		if r.Status != 200 || !strings.Contains(r.Body, `"167"`) {
			t.Fatalf("get: %d %s", r.Status, r.Body)
		}
		r = c.JSON("PUT", loc, adminTok, `{"name": "KasvuPOK 2", "archived": true, "goals": [{"title": "Osaaminen"}]}`)
		if r.Status != 200 || !strings.Contains(r.Body, `"archived":true`) || strings.Contains(r.Body, "Yritysyhteistyö") {
			t.Fatalf("put: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("PUT", loc, otherTok, `{"name": "Hijack"}`); r.Status != http.StatusForbidden {
			t.Errorf("put not admin: %d", r.Status)
		}
		if r := c.JSON("PUT", "/api/v1/projects/9999", adminTok, `{"name": "x"}`); r.Status != http.StatusNotFound {
			t.Errorf("put missing: %d", r.Status)
		}
		for _, p := range []string{"/api/v1/projects/9999", "/api/v1/projects/abc"} {
			if r := c.JSON("GET", p, "", ""); r.Status != http.StatusNotFound || !strings.Contains(r.Body, `"code":"not_found"`) {
				t.Errorf("%s: %d %s", p, r.Status, r.Body)
			}
		}
		r = c.JSON("GET", "/api/v1/projects?per_page=1&archived=true", "", "")
		if r.Status != 200 || !strings.Contains(r.Body, `"total":1`) || !strings.Contains(r.Body, "KasvuPOK 2") {
			t.Errorf("list: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("GET", "/api/v1/projects?per_page=0", "", ""); r.Status != http.StatusBadRequest {
			t.Errorf("bad paging: %d", r.Status)
		}
	})
}
