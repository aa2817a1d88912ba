package person_test

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
	"github.com/kohtaamo/kohtaamo/internal/person"
	projectpkg "github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

const (
	targetEmail = "tuula.tavoite@example.fi"
	targetPhone = "040 765 4321"
)

// fixture: project "Välityömarkkinahanke" with network "Työpajaverkosto";
// coord@ is its coordinator, member@ and the target person Tuula are
// network members. outsider@ is a member of a network in another project,
// editor@ the coordinator of that other project (a directory editor who
// shares no project with Tuula). admin@ is a platform admin.
type fixture struct {
	env      *servertest.Env
	d        *db.DB
	targetID int64
	orgID    int64
	tokens   map[string]string
	accounts map[string]*auth.Account
}

func setup(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	env := servertest.New(t, d)
	now := env.Clock.Now()
	f := &fixture{env: env, d: d, tokens: map[string]string{}, accounts: map[string]*auth.Account{}}
	for _, u := range []struct {
		key, name string
		admin     bool
	}{{"admin", "Ylläpitäjä", true}, {"coord", "Kaisa Koordinaattori", false}, {"member", "Matti Jäsen", false}, {"outsider", "Olli Ulkopuolinen", false}, {"editor", "Eeva Editori", false}} {
		acct := env.CreateUser(t, u.name, u.key+"@example.fi", u.admin)
		f.accounts[u.key] = acct
		tok, err := auth.NewStore(d).CreateAPIToken(ctx, acct.ID, "test", now)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[u.key] = tok
	}
	b := fx.New(t, d, env.Clock)
	f.orgID = b.OrgWith(org.Organisation{Name: "Oulun kaupunki", Sector: org.SectorMunicipality, MunicipalityCode: "564"})
	f.targetID = b.PersonWith(person.Person{Name: "Tuula Tavoite", Title: "Työvalmentaja", OrganisationID: f.orgID, Email: targetEmail, Phone: targetPhone})
	project := b.Project("Välityömarkkinahanke")
	net := b.Network(project, "Työpajaverkosto")
	other := b.Project("Osaamo")
	otherNet := b.Network(other, "Osaamon verkosto")
	b.Staff(project, f.accounts["coord"].PersonID, projectpkg.RoleCoordinator)
	b.Staff(other, f.accounts["editor"].PersonID, projectpkg.RoleCoordinator)
	b.Member(net, f.targetID, network.RoleMember) // represents Oulun kaupunki, Tuula's organisation
	b.Member(net, f.accounts["member"].PersonID, network.RoleSecretary)
	b.Member(otherNet, f.accounts["outsider"].PersonID, network.RoleMember)
	return f
}

func (f *fixture) id(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := f.d.QueryRowContext(context.Background(), q, args...).Scan(&id); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (f *fixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	return int(f.id(t, q, args...))
}

func (f *fixture) login(t *testing.T, key string) *servertest.Client {
	t.Helper()
	return f.env.Login(t, key+"@example.fi")
}

func (f *fixture) targetPath(suffix string) string {
	return fmt.Sprintf("/people/%d%s", f.targetID, suffix)
}

func TestPublicIsSentToSignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		c := f.env.Client(t)
		for _, p := range []string{"/people", f.targetPath(""), "/people/new", f.targetPath("/edit")} {
			r := c.Get(p)
			if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login?next=") {
				t.Fatalf("%s: %d %q", p, r.Status, r.Location)
			}
			if strings.Contains(r.Body, targetEmail) {
				t.Fatalf("%s leaks the e-mail", p)
			}
		}
		if r := c.PostForm("/people", url.Values{"name": {"Julkinen"}}); r.Status != http.StatusUnauthorized {
			t.Fatalf("public create: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE name = 'Julkinen'`); n != 0 {
			t.Fatal("public create stored a person")
		}
	})
}

func TestContactVisibility(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		for _, tc := range []struct {
			who  string
			sees bool
		}{{"coord", true}, {"member", true}, {"admin", true}, {"outsider", false}, {"editor", false}} {
			t.Run(tc.who, func(t *testing.T) {
				r := f.login(t, tc.who).Get(f.targetPath(""))
				if r.Status != http.StatusOK {
					t.Fatalf("status %d", r.Status)
				}
				text := r.Text()
				for _, want := range []string{"Tuula Tavoite", "Työvalmentaja", "Oulun kaupunki", "Työpajaverkosto", "Jäsen", "Välityömarkkinahanke"} {
					if !strings.Contains(text, want) {
						t.Errorf("profile lacks %q: %s", want, text)
					}
				}
				if got := strings.Contains(r.Body, targetEmail) && strings.Contains(r.Body, targetPhone); got != tc.sees {
					t.Fatalf("sees contacts = %v, want %v", got, tc.sees)
				}
				if !tc.sees && (strings.Contains(r.Body, targetEmail) || strings.Contains(r.Body, targetPhone)) {
					t.Fatal("part of the contact details leaks")
				}
				if !tc.sees && !strings.Contains(text, "Yhteystiedot näkyvät vain") {
					t.Error("no explanation of hidden contacts")
				}
			})
		}
		// Everyone sees their own contact details.
		out := f.login(t, "outsider")
		r := out.Get(fmt.Sprintf("/people/%d", f.accounts["outsider"].PersonID))
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "outsider@example.fi") || !strings.Contains(r.Text(), "Osaamon verkosto") {
			t.Fatalf("own profile: %d", r.Status)
		}
	})
}

func TestListPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		c := f.login(t, "outsider")
		r := c.Get("/people")
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Tuula Tavoite") || !strings.Contains(r.Text(), "6 henkilöä") {
			t.Fatalf("list: %d %s", r.Status, r.Text())
		}
		if strings.Contains(r.Body, targetEmail) {
			t.Fatal("list shows e-mail")
		}
		if strings.Contains(r.Body, `href="/people/new"`) {
			t.Fatal("outsider sees the add link")
		}
		r = c.Get("/people?q=tuula")
		if !strings.Contains(r.Text(), "Tuula Tavoite") || strings.Contains(r.Text(), "Matti Jäsen") {
			t.Fatalf("search: %s", r.Text())
		}
		r = c.Get(fmt.Sprintf("/people?organisation=%d", f.orgID))
		if !strings.Contains(r.Text(), "1 henkilö") || !strings.Contains(r.Text(), "Tuula Tavoite") {
			t.Fatalf("organisation filter: %s", r.Text())
		}
		if r := c.Get("/people?organisation=abc&page=x&q=%25"); r.Status != http.StatusOK {
			t.Fatalf("bad filters: %d", r.Status)
		}
		if r := f.login(t, "coord").Get("/people"); !strings.Contains(r.Body, `href="/people/new"`) {
			t.Fatal("coordinator lacks the add link")
		}
	})
}

func TestNotFound(t *testing.T) {
	f := setup(t, dbtest.SQLite(t))
	c := f.login(t, "admin")
	for _, p := range []string{"/people/abc", "/people/0", "/people/99999", "/people/99999/edit", "/people/1x/edit"} {
		if r := c.Get(p); r.Status != http.StatusNotFound || !strings.Contains(r.Text(), "Sivua tai tietoa ei löytynyt") {
			t.Fatalf("%s: %d", p, r.Status)
		}
	}
	if r := c.PostForm("/people/99999", url.Values{"name": {"X"}}); r.Status != http.StatusNotFound {
		t.Fatalf("update unknown: %d", r.Status)
	}
}

func TestCreatePage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		before := f.count(t, `SELECT COUNT(*) FROM people`)
		out := f.login(t, "outsider")
		if r := out.Get("/people/new"); r.Status != http.StatusForbidden {
			t.Fatalf("outsider form: %d", r.Status)
		}
		if r := out.PostForm("/people", url.Values{"name": {"Luvaton"}}); r.Status != http.StatusForbidden {
			t.Fatalf("outsider create: %d", r.Status)
		}

		coord := f.login(t, "coord")
		if r := coord.Get("/people/new"); r.Status != http.StatusOK || !strings.Contains(r.Body, `<label for="organisation_id">`) {
			t.Fatalf("form: %d", r.Status)
		}
		bad := url.Values{"name": {""}, "email": {"ei-osoite"}, "phone": {"abc"}, "lang": {"de"}, "organisation_id": {"xyz"}}
		r := coord.PostForm("/people", bad)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad input: %d", r.Status)
		}
		for _, msg := range []string{"Tämä tieto on pakollinen.", "Anna sähköpostiosoite", "Anna puhelinnumero", "Valitse jokin annetuista vaihtoehdoista."} {
			if !strings.Contains(r.Text(), msg) {
				t.Errorf("missing %q", msg)
			}
		}
		if !strings.Contains(r.Body, `value="ei-osoite"`) {
			t.Error("form lost the input")
		}
		r = coord.PostForm("/people", url.Values{"name": {"Kopio"}, "email": {strings.ToUpper(targetEmail)}, "lang": {"fi"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Tällä sähköpostiosoitteella on jo henkilö.") {
			t.Fatalf("duplicate: %d", r.Status)
		}
		r = coord.PostForm("/people", url.Values{"name": {"Orpo"}, "organisation_id": {"99999"}, "lang": {"fi"}})
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("unknown organisation: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people`); n != before {
			t.Fatalf("bad input stored people: %d → %d", before, n)
		}

		r = coord.PostForm("/people", url.Values{"name": {"Uusi Ihminen"}, "title": {"Nuorisotyöntekijä"}, "organisation_id": {fmt.Sprint(f.orgID)},
			"email": {"Uusi@Example.fi"}, "phone": {"050 111 2222"}, "lang": {"sv"}})
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/people/") {
			t.Fatalf("create: %d %s", r.Status, r.Location)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE name = 'Uusi Ihminen' AND email = 'uusi@example.fi' AND lang = 'sv' AND organisation_id = $1`, f.orgID); n != 1 {
			t.Fatal("created person not stored as entered")
		}
		if r := coord.Get(r.Location); !strings.Contains(r.Text(), "Henkilö lisätty.") {
			t.Fatalf("no flash: %s", r.Text())
		}
	})
}

func TestEditPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		out := f.login(t, "outsider")
		if r := out.Get(f.targetPath("/edit")); r.Status != http.StatusForbidden {
			t.Fatalf("outsider edit form: %d", r.Status)
		}
		if r := out.PostForm(f.targetPath(""), url.Values{"name": {"Kaapattu"}}); r.Status != http.StatusForbidden {
			t.Fatalf("outsider update: %d", r.Status)
		}
		if r := out.Get(f.targetPath("")); strings.Contains(r.Body, f.targetPath("/edit")) {
			t.Fatal("outsider sees the edit link")
		}

		// A person edits their own profile and switches language.
		self := fmt.Sprintf("/people/%d", f.accounts["outsider"].PersonID)
		r := out.Get(self + "/edit")
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Muokkaa omia tietojasi") {
			t.Fatalf("own edit form: %d", r.Status)
		}
		r = out.PostForm(self, url.Values{"name": {"Olli Ulkopuolinen"}, "title": {"Asiantuntija"}, "email": {"outsider@example.fi"}, "lang": {"sv"}})
		if r.Status != http.StatusSeeOther || r.Location != self {
			t.Fatalf("own update: %d %s", r.Status, r.Location)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE id = $1 AND lang = 'sv' AND title = 'Asiantuntija'`, f.accounts["outsider"].PersonID); n != 1 {
			t.Fatal("own update not stored")
		}
		if r := out.Get(self); !strings.Contains(r.Body, `<html lang="sv">`) || !strings.Contains(r.Text(), "Befattning Asiantuntija") {
			t.Fatalf("language preference not in effect: %s", r.Text())
		}
		// Removing the e-mail of someone with an account is refused.
		r = out.PostForm(self, url.Values{"name": {"Olli Ulkopuolinen"}, "email": {""}, "lang": {"sv"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "e-postadressen behövs för inloggningen") {
			t.Fatalf("drop own e-mail: %d %s", r.Status, r.Text())
		}

		// A directory editor outside Tuula's project may edit her but
		// neither sees nor replaces her contact details.
		ed := f.login(t, "editor")
		r = ed.Get(f.targetPath("/edit"))
		if r.Status != http.StatusOK || strings.Contains(r.Body, targetEmail) || strings.Contains(r.Body, targetPhone) || strings.Contains(r.Body, `name="email"`) {
			t.Fatalf("editor form leaks contacts or shows the fields: %d", r.Status)
		}
		if !strings.Contains(r.Text(), "Tallennetut yhteystiedot säilyvät.") {
			t.Fatal("editor form does not explain the missing contact fields")
		}
		r = ed.PostForm(f.targetPath(""), url.Values{"name": {"Tuula Tavoite"}, "title": {"Työhönvalmentaja"}, "organisation_id": {fmt.Sprint(f.orgID)},
			"email": {"kaappari@example.fi"}, "phone": {"000 000 000"}, "lang": {"fi"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("editor update: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE id = $1 AND title = 'Työhönvalmentaja' AND email = $2 AND phone = $3`, f.targetID, targetEmail, targetPhone); n != 1 {
			t.Fatal("editor update lost or replaced the contact details")
		}
		r = ed.PostForm(f.targetPath(""), url.Values{"name": {""}, "lang": {"fi"}})
		if r.Status != http.StatusUnprocessableEntity || strings.Contains(r.Body, targetEmail) {
			t.Fatalf("editor bad update: %d (or leaked e-mail)", r.Status)
		}

		// A directory editor sharing the project edits someone else.
		coord := f.login(t, "coord")
		r = coord.PostForm(f.targetPath(""), url.Values{"name": {"Tuula Tavoite"}, "title": {"Palveluohjaaja"}, "email": {"member@example.fi"}, "lang": {"fi"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Tällä sähköpostiosoitteella on jo henkilö.") {
			t.Fatalf("duplicate e-mail on edit: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE id = $1 AND email = $2 AND title = 'Työhönvalmentaja'`, f.targetID, targetEmail); n != 1 {
			t.Fatal("rejected edit changed the person")
		}
		r = coord.PostForm(f.targetPath(""), url.Values{"name": {"Tuula Tavoite"}, "title": {"Palveluohjaaja"}, "organisation_id": {fmt.Sprint(f.orgID)},
			"email": {targetEmail}, "phone": {targetPhone}, "lang": {"fi"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("coordinator edit: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE id = $1 AND title = 'Palveluohjaaja'`, f.targetID); n != 1 {
			t.Fatal("coordinator edit not stored")
		}
	})
}

type apiError struct {
	Error struct {
		Code   string            `json:"code"`
		Fields map[string]string `json:"fields"`
	} `json:"error"`
}

func TestAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		c := f.env.Client(t)
		get := fmt.Sprintf("/api/v1/people/%d", f.targetID)

		for _, p := range []string{"/api/v1/people", get} {
			if r := c.JSON("GET", p, "", ""); r.Status != http.StatusUnauthorized || strings.Contains(r.Body, "Tuula") {
				t.Fatalf("%s without token: %d", p, r.Status)
			}
		}

		var one map[string]any
		r := c.JSON("GET", get, f.tokens["outsider"], "")
		if r.Status != http.StatusOK || json.Unmarshal([]byte(r.Body), &one) != nil || one["name"] != "Tuula Tavoite" {
			t.Fatalf("outsider get: %d %s", r.Status, r.Body)
		}
		if _, ok := one["email"]; ok {
			t.Fatalf("outsider sees email field: %s", r.Body)
		}
		if _, ok := one["phone"]; ok {
			t.Fatalf("outsider sees phone field: %s", r.Body)
		}
		r = c.JSON("GET", get, f.tokens["member"], "")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"email":"`+targetEmail+`"`) || !strings.Contains(r.Body, `"phone":"`+targetPhone+`"`) {
			t.Fatalf("member get: %d %s", r.Status, r.Body)
		}

		var list struct {
			Items []person.JSON `json:"items"`
			Total int           `json:"total"`
		}
		r = c.JSON("GET", fmt.Sprintf("/api/v1/people?organisation_id=%d&q=tuula", f.orgID), f.tokens["outsider"], "")
		if r.Status != http.StatusOK || json.Unmarshal([]byte(r.Body), &list) != nil || list.Total != 1 || list.Items[0].Email != nil || list.Items[0].Phone != nil {
			t.Fatalf("outsider list: %d %s", r.Status, r.Body)
		}
		r = c.JSON("GET", "/api/v1/people?per_page=2&page=1", f.tokens["coord"], "")
		if r.Status != http.StatusOK || json.Unmarshal([]byte(r.Body), &list) != nil || list.Total != 6 || len(list.Items) != 2 {
			t.Fatalf("paged list: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("GET", "/api/v1/people?organisation_id=x", f.tokens["coord"], ""); r.Status != http.StatusBadRequest {
			t.Fatalf("bad filter: %d", r.Status)
		}
		for _, p := range []string{"/api/v1/people/abc", "/api/v1/people/99999"} {
			if r := c.JSON("GET", p, f.tokens["coord"], ""); r.Status != http.StatusNotFound {
				t.Fatalf("%s: %d", p, r.Status)
			}
		}

		body := fmt.Sprintf(`{"name":"Api Ihminen","title":"Koordinaattori","organisation_id":%d,"email":"API@example.fi","phone":"040 000 0000","lang":"en"}`, f.orgID)
		if r := c.JSON("POST", "/api/v1/people", "", body); r.Status != http.StatusUnauthorized {
			t.Fatalf("create without token: %d", r.Status)
		}
		if r := c.JSON("POST", "/api/v1/people", f.tokens["outsider"], body); r.Status != http.StatusForbidden {
			t.Fatalf("create as outsider: %d", r.Status)
		}
		r = c.JSON("POST", "/api/v1/people", f.tokens["admin"], body)
		var created person.JSON
		if r.Status != http.StatusCreated || json.Unmarshal([]byte(r.Body), &created) != nil || created.ID == 0 ||
			created.Email == nil || *created.Email != "api@example.fi" || created.OrganisationID == nil || *created.OrganisationID != f.orgID {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		r = c.JSON("POST", "/api/v1/people", f.tokens["coord"], `{"name":"","email":"x","lang":"de","organisation_id":424242}`)
		var e apiError
		if r.Status != http.StatusBadRequest || json.Unmarshal([]byte(r.Body), &e) != nil || e.Error.Code != "invalid" ||
			e.Error.Fields["name"] == "" || e.Error.Fields["email"] == "" || e.Error.Fields["lang"] == "" {
			t.Fatalf("invalid: %d %s", r.Status, r.Body)
		}
		r = c.JSON("POST", "/api/v1/people", f.tokens["coord"], `{"name":"Kopio","email":"api@EXAMPLE.fi"}`)
		if r.Status != http.StatusConflict || json.Unmarshal([]byte(r.Body), &e) != nil || e.Error.Fields["email"] != "Tällä sähköpostiosoitteella on jo henkilö." {
			t.Fatalf("duplicate: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("POST", "/api/v1/people", f.tokens["coord"], `{"name":"X","organisation_id":"yksi"}`); r.Status != http.StatusBadRequest {
			t.Fatalf("wrong type: %d", r.Status)
		}

		put := fmt.Sprintf("/api/v1/people/%d", created.ID)
		r = c.JSON("PUT", put, f.tokens["coord"], `{"name":"Api Ihminen","title":"Projektipäällikkö","email":"api@example.fi","lang":"fi"}`)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"title":"Projektipäällikkö"`) || !strings.Contains(r.Body, `"organisation_id":null`) {
			t.Fatalf("put: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("PUT", put, f.tokens["outsider"], `{"name":"Kaapattu"}`); r.Status != http.StatusForbidden {
			t.Fatalf("put as outsider: %d", r.Status)
		}
		if r := c.JSON("PUT", put, f.tokens["admin"], `{"name":"Api Ihminen","email":"`+targetEmail+`"}`); r.Status != http.StatusConflict {
			t.Fatalf("put duplicate: %d", r.Status)
		}
		// Self-update through the API with one's own token.
		own := fmt.Sprintf("/api/v1/people/%d", f.accounts["outsider"].PersonID)
		if r := c.JSON("PUT", own, f.tokens["outsider"], `{"name":"Olli Ulkopuolinen","email":"outsider@example.fi","lang":"en"}`); r.Status != http.StatusOK {
			t.Fatalf("own put: %d %s", r.Status, r.Body)
		}
		// An editor who may not see Tuula's contacts keeps them on PUT.
		r = c.JSON("PUT", get, f.tokens["editor"], fmt.Sprintf(`{"name":"Tuula Tavoite","title":"Ohjaaja","organisation_id":%d,"lang":"fi"}`, f.orgID))
		if r.Status != http.StatusOK || strings.Contains(r.Body, `"email"`) || strings.Contains(r.Body, targetPhone) {
			t.Fatalf("editor put: %d %s", r.Status, r.Body)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE id = $1 AND title = 'Ohjaaja' AND email = $2 AND phone = $3`, f.targetID, targetEmail, targetPhone); n != 1 {
			t.Fatal("editor PUT wiped the contact details")
		}
		if r := c.JSON("PUT", "/api/v1/people/99999", f.tokens["admin"], `{"name":"Ei ole"}`); r.Status != http.StatusNotFound {
			t.Fatalf("put unknown: %d", r.Status)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people WHERE id = $1 AND title = 'Projektipäällikkö' AND email = 'api@example.fi'`, created.ID); n != 1 {
			t.Fatal("rejected PUTs changed the person")
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people`); n != 7 {
			t.Fatalf("%d people, want 7", n)
		}
	})
}

func TestInviteButton(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		const button = "Kutsu Kohtaamoon"
		if r := f.login(t, "coord").Get(f.targetPath("")); !strings.Contains(r.Text(), button) {
			t.Fatalf("coordinator does not see the invite button: %s", r.Text())
		}
		if r := f.login(t, "member").Get(f.targetPath("")); strings.Contains(r.Text(), button) {
			t.Fatal("a plain member sees the invite button")
		}
		if r := f.login(t, "coord").Get(fmt.Sprintf("/people/%d", f.accounts["member"].PersonID)); strings.Contains(r.Text(), button) {
			t.Fatal("invite offered for a person whose account is in use")
		}
		r := f.login(t, "coord").PostForm(f.targetPath("/invite"), nil)
		if r.Status != 303 {
			t.Fatalf("invite: %d %s", r.Status, r.Text())
		}
		if n := f.count(t, `SELECT COUNT(*) FROM users WHERE person_id = $1`, f.targetID); n != 1 {
			t.Fatalf("invite created %d accounts", n)
		}
	})
}

// TestSwedishNames: a Swedish reader sees a network's and a project's
// Swedish names on a person's page, the Finnish ones where not given.
func TestSwedishNames(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		for _, q := range []string{
			`UPDATE networks SET name_sv = 'Verkstadsnätverket' WHERE name = 'Työpajaverkosto'`,
			`UPDATE projects SET name_sv = 'Mellanarbetsmarknadsprojektet' WHERE name = 'Välityömarkkinahanke'`,
		} {
			if _, err := d.ExecContext(context.Background(), q); err != nil {
				t.Fatal(err)
			}
		}
		c := f.login(t, "coord")
		if r := c.Get(f.targetPath("")); !strings.Contains(r.Text(), "Työpajaverkosto") {
			t.Fatalf("Finnish page: %s", r.Text())
		}
		c.Get("/lang/sv?next=/")
		r := c.Get(f.targetPath(""))
		if !strings.Contains(r.Body, ">Verkstadsnätverket</a>") || !strings.Contains(r.Body, ">Mellanarbetsmarknadsprojektet</a>") {
			t.Fatalf("Swedish page lacks the Swedish names: %s", r.Text())
		}
		// The coordinator's own page lists the project among staff roles.
		if r := c.Get(fmt.Sprintf("/people/%d", f.accounts["coord"].PersonID)); !strings.Contains(r.Body, ">Mellanarbetsmarknadsprojektet</a>") {
			t.Fatalf("staff role: %s", r.Text())
		}
	})
}
