package network_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestNetworkTranslations: a network's Swedish and English name and
// purpose are stored (trimmed), edited in the form's disclosure and the
// API, and shown in the reader's language, in Finnish when the reader's
// language has none; so is its project's name, here and in the Ref read
// model other domains use.
func TestNetworkTranslations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := servertest.New(t, d)
		s := setup{t, env, d}
		env.CreateUser(t, "Admin", "admin@example.fi", true)
		coordAcct := env.CreateUser(t, "Kaisa", "kaisa@example.fi", false)
		f := s.build()
		pid := f.ProjectWith(project.Input{Name: "Välityömarkkinat", NameSv: "Mellanarbetsmarknaden"})
		f.Staff(pid, coordAcct.PersonID, project.RoleCoordinator)
		coord := env.Login(t, "kaisa@example.fi")

		// Store round-trip.
		id := f.NetworkWith(pid, network.Input{Name: "Työpajaverkosto", Purpose: "Tarkoitus",
			NameSv: " Verkstadsnätverket ", PurposeSv: " Syfte ", PurposeEn: "Purpose"})
		n, err := network.NewStore(d).Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if n.NameSv != "Verkstadsnätverket" || n.NameEn != "" || n.PurposeSv != "Syfte" || n.PurposeEn != "Purpose" ||
			n.ProjectNameSv != "Mellanarbetsmarknaden" || n.ProjectNameEn != "" {
			t.Errorf("stored %+v", n)
		}
		ref, err := network.NewRefs(d, nil).Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if ref.NameIn("sv") != "Verkstadsnätverket" || ref.NameIn("en") != "Työpajaverkosto" || ref.ProjectNameIn("sv") != "Mellanarbetsmarknaden" {
			t.Errorf("ref %+v", ref)
		}
		path := "/networks/" + strconv.FormatInt(id, 10)

		// Pages in the reader's language.
		for _, tc := range []struct{ lang, name, purpose, project string }{
			{"sv", "Verkstadsnätverket", "Syfte", "Mellanarbetsmarknaden"},
			{"en", "Työpajaverkosto", "Purpose", "Välityömarkkinat"},
			{"fi", "Työpajaverkosto", "Tarkoitus", "Välityömarkkinat"},
		} {
			c := env.Client(t)
			c.Lang = tc.lang
			r := c.Get(path)
			if r.Status != http.StatusOK || !strings.Contains(r.Body, "<h1>"+tc.name+"</h1>") || !strings.Contains(r.Body, "<p>"+tc.purpose+"</p>") ||
				!strings.Contains(r.Body, ">"+tc.project+"</a></dd>") {
				t.Errorf("%s page: %d, want %q, %q and %q\n%s", tc.lang, r.Status, tc.name, tc.purpose, tc.project, r.Text())
			}
			if r := c.Get("/networks"); !strings.Contains(r.Body, ">"+tc.name+"</a></th>") || !strings.Contains(r.Body, ">"+tc.project+"</a></td>") {
				t.Errorf("%s list: want %q and %q\n%s", tc.lang, tc.name, tc.project, r.Text())
			}
		}

		// The form: folded when nothing is given, open when something is.
		if r := coord.Get("/projects/" + strconv.FormatInt(pid, 10) + "/networks/new"); !strings.Contains(r.Body, `<details class="translations">`) ||
			!strings.Contains(r.Body, `name="purpose_en"`) {
			t.Errorf("new form: the translations are not folded away\n%s", r.Body)
		}
		if r := coord.Get(path + "/edit"); !strings.Contains(r.Body, `<details class="translations" open>`) || !strings.Contains(r.Body, `value="Verkstadsnätverket"`) {
			t.Errorf("edit form: the translations are not shown\n%s", r.Body)
		}
		form := url.Values{"name": {"Työpajaverkosto"}, "cadence": {"monthly"}, "status": {"active"}, "name_sv": {strings.Repeat("x", network.MaxName+1)}}
		if r := coord.PostForm(path, form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `<details class="translations" open>`) ||
			!strings.Contains(r.Body, `id="name_sv-error"`) {
			t.Errorf("too long Swedish name: %d\n%s", r.Status, r.Text())
		}
		form.Set("name_sv", "Verkstäderna")
		form.Set("name_en", "Workshops")
		if r := coord.PostForm(path, form); r.Status != http.StatusSeeOther {
			t.Fatalf("save: %d %s", r.Status, r.Text())
		}
		if n, _ := network.NewStore(d).Get(ctx, id); n.NameSv != "Verkstäderna" || n.NameEn != "Workshops" || n.PurposeSv != "" {
			t.Errorf("saved %+v", n)
		}

		// The API reads and writes the translations.
		tok := s.token(coordAcct)
		c := env.Client(t)
		r := c.JSON("POST", "/api/v1/networks", tok, `{"project_id": `+strconv.FormatInt(pid, 10)+`, "name": "Palkkatuki",
			"name_sv": "Lönesubvention", "name_en": "Pay subsidy", "purpose": "Malli", "purpose_sv": "Modell", "purpose_en": "Model"}`)
		if r.Status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
			t.Fatal(err)
		}
		for k, want := range map[string]string{"name_sv": "Lönesubvention", "name_en": "Pay subsidy", "purpose_sv": "Modell",
			"purpose_en": "Model", "project_name_sv": "Mellanarbetsmarknaden", "project_name_en": ""} {
			if got[k] != want {
				t.Errorf("created %s = %v, want %q", k, got[k], want)
			}
		}
		loc := r.Header.Get("Location")
		// What GET answers may be sent back as it is.
		got["name_en"] = "Pay-subsidised work"
		back, _ := json.Marshal(got)
		if r := c.JSON("PUT", loc, tok, string(back)); r.Status != http.StatusOK || !strings.Contains(r.Body, `"name_en":"Pay-subsidised work"`) ||
			!strings.Contains(r.Body, `"purpose_sv":"Modell"`) {
			t.Errorf("put: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("PUT", loc, tok, `{"name": "Palkkatuki", "purpose_en": "`+strings.Repeat("x", network.MaxPurpose+1)+`"}`); r.Status != http.StatusBadRequest ||
			!strings.Contains(r.Body, `"purpose_en"`) {
			t.Errorf("too long English purpose: %d %.300s", r.Status, r.Body)
		}
	})
}

// TestTranslatedRenameSeenByOtherInstances: the cached lists of networks
// and projects show a Swedish or English rename made by another instance
// (its own connection pool, plain SQL) on the very next request: the
// version triggers fire for the new columns as for the Finnish name.
func TestTranslatedRenameSeenByOtherInstances(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := servertest.New(t, d)
		s := setup{t, env, d}
		f := s.build()
		pid := f.Project("Hanke")
		nid := f.Network(pid, "Verkosto")
		sv := env.Client(t)
		sv.Lang = "sv"

		check := func(when, network, projectEn string) {
			t.Helper()
			r := sv.JSON(http.MethodGet, "/api/v1/networks?per_page=50", "", "")
			if !strings.Contains(r.Body, `"name_sv":"`+network+`"`) {
				t.Errorf("%s: networks %s, want name_sv %q", when, r.Body, network)
			}
			if !strings.Contains(r.Body, `"project_name_en":"`+projectEn+`"`) {
				t.Errorf("%s: networks %s, want project_name_en %q", when, r.Body, projectEn)
			}
			if r := sv.JSON(http.MethodGet, "/api/v1/projects?per_page=50", "", ""); !strings.Contains(r.Body, `"name_en":"`+projectEn+`"`) {
				t.Errorf("%s: projects %s, want name_en %q", when, r.Body, projectEn)
			}
			want := network
			if want == "" {
				want = "Verkosto"
			}
			if r := sv.Get("/networks"); !strings.Contains(r.Body, ">"+want+"</a></th>") {
				t.Errorf("%s: the Swedish list page does not show %q\n%s", when, want, r.Text())
			}
		}
		check("first", "", "")
		check("again", "", "")

		other, err := db.Open(ctx, d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		for _, q := range []string{
			`UPDATE networks SET name_sv = 'Nätverket' WHERE id = ` + strconv.FormatInt(nid, 10),
			`UPDATE projects SET name_en = 'Project' WHERE id = ` + strconv.FormatInt(pid, 10),
		} {
			if _, err := other.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		check("after another instance's writes", "Nätverket", "Project")
	})
}
