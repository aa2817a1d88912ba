package project_test

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
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestProjectTranslations: a project's Swedish and English name and
// description are stored (trimmed), edited in the form's disclosure and
// the API, and shown in the reader's language, in Finnish when the
// reader's language has none.
func TestProjectTranslations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := servertest.New(t, d)
		adminAcct := env.CreateUser(t, "Admin", "admin@example.fi", true)
		admin := env.Login(t, "admin@example.fi")

		// Store round-trip.
		id := fixture.New(t, d, env.Clock).ProjectWith(project.Input{Name: "Välityömarkkinat", Description: "Kuvaus",
			NameSv: " Mellanarbetsmarknaden ", DescriptionSv: " Beskrivning ", DescriptionEn: "Description"})
		p, err := project.NewStore(d).Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.NameSv != "Mellanarbetsmarknaden" || p.NameEn != "" || p.DescriptionSv != "Beskrivning" || p.DescriptionEn != "Description" {
			t.Errorf("stored %+v", p)
		}
		if got := p.NameIn("en"); got != "Välityömarkkinat" {
			t.Errorf("English name falls back to %q", got)
		}
		path := "/projects/" + strconv.FormatInt(id, 10)

		// Pages in the reader's language.
		for _, tc := range []struct{ lang, name, desc string }{
			{"sv", "Mellanarbetsmarknaden", "Beskrivning"},
			{"en", "Välityömarkkinat", "Description"},
			{"fi", "Välityömarkkinat", "Kuvaus"},
		} {
			c := env.Client(t)
			c.Lang = tc.lang
			r := c.Get(path)
			if r.Status != http.StatusOK || !strings.Contains(r.Body, "<h1>"+tc.name+"</h1>") || !strings.Contains(r.Body, "<p>"+tc.desc+"</p>") {
				t.Errorf("%s page: %d, want %q and %q\n%s", tc.lang, r.Status, tc.name, tc.desc, r.Text())
			}
			if r := c.Get("/projects"); !strings.Contains(r.Body, ">"+tc.name+"</a></h3>") {
				t.Errorf("%s list: want %q\n%s", tc.lang, tc.name, r.Text())
			}
		}

		// The form: folded when nothing is given, open when something is.
		if r := admin.Get("/projects/new"); !strings.Contains(r.Body, `<details class="translations">`) || !strings.Contains(r.Body, `name="name_sv"`) {
			t.Errorf("new form: the translations are not folded away\n%s", r.Body)
		}
		if r := admin.Get(path + "/edit"); !strings.Contains(r.Body, `<details class="translations" open>`) || !strings.Contains(r.Body, `value="Mellanarbetsmarknaden"`) {
			t.Errorf("edit form: the translations are not shown\n%s", r.Body)
		}
		form := url.Values{"name": {"Välityömarkkinat"}, "name_sv": {"Mellanarbetsmarknaden"}, "name_en": {strings.Repeat("x", project.MaxName+1)}}
		if r := admin.PostForm(path, form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `<details class="translations" open>`) ||
			!strings.Contains(r.Body, `id="name_en-error"`) {
			t.Errorf("too long English name: %d\n%s", r.Status, r.Text())
		}
		form.Set("name_en", "Intermediate labour market")
		form.Set("description_sv", "")
		if r := admin.PostForm(path, form); r.Status != http.StatusSeeOther {
			t.Fatalf("save: %d %s", r.Status, r.Text())
		}
		if p, _ := project.NewStore(d).Get(ctx, id); p.NameEn != "Intermediate labour market" || p.DescriptionSv != "" {
			t.Errorf("saved %+v", p)
		}

		// The API reads and writes the translations.
		tok := token(t, env, adminAcct)
		c := env.Client(t)
		r := c.JSON("POST", "/api/v1/projects", tok, `{"name": "KasvuPOK", "name_sv": "TillväxtNK", "name_en": "GrowthNK",
			"description": "Kasvu", "description_sv": "Tillväxt", "description_en": "Growth"}`)
		if r.Status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
			t.Fatal(err)
		}
		for k, want := range map[string]string{"name_sv": "TillväxtNK", "name_en": "GrowthNK", "description_sv": "Tillväxt", "description_en": "Growth"} {
			if got[k] != want {
				t.Errorf("created %s = %v, want %q", k, got[k], want)
			}
		}
		loc := r.Header.Get("Location")
		if r := c.JSON("PUT", loc, tok, `{"name": "KasvuPOK", "name_sv": "", "name_en": "Growth NK"}`); r.Status != http.StatusOK ||
			!strings.Contains(r.Body, `"name_sv":""`) || !strings.Contains(r.Body, `"name_en":"Growth NK"`) || !strings.Contains(r.Body, `"description_en":""`) {
			t.Errorf("put: %d %s", r.Status, r.Body)
		}
		if r := c.JSON("PUT", loc, tok, `{"name": "KasvuPOK", "description_sv": "`+strings.Repeat("x", project.MaxDescription+1)+`"}`); r.Status != http.StatusBadRequest ||
			!strings.Contains(r.Body, `"description_sv"`) {
			t.Errorf("too long Swedish description: %d %.300s", r.Status, r.Body)
		}
		if r := c.JSON("GET", "/api/v1/projects?per_page=50", "", ""); !strings.Contains(r.Body, `"name_en":"Growth NK"`) {
			t.Errorf("list: %s", r.Body)
		}
	})
}
