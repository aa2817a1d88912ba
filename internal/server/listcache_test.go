package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	build "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestCachedListsSeeOtherInstances: the API's lists that are served from
// per-instance caches (projects, organisations, people, a network's
// meetings, and whose contact details a person sees) show a change made
// by another instance (its own connection pool, plain SQL: whatever code
// path) on the very next request.
func TestCachedListsSeeOtherInstances(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := servertest.New(t, d)
		f := build.New(t, d, env.Clock)
		pid := f.Project("Hanke")
		nid := f.Network(pid, "Verkosto")
		oid := f.Org("Paja ry", "third_sector")
		xid := f.Person("Xena Jäsen", "xena@example.fi", oid)
		f.Member(nid, xid, "member")
		f.Meeting(nid, "Syyskokous", env.Clock.Now().Add(72*time.Hour))
		env.CreateUser(t, "Ville Katsoja", "ville@example.fi", false)
		c := env.Login(t, "ville@example.fi")

		list := func(path string) []map[string]any {
			t.Helper()
			r := c.JSON(http.MethodGet, path, "", "")
			var out struct {
				Items []map[string]any `json:"items"`
			}
			if err := json.Unmarshal([]byte(r.Body), &out); r.Status != http.StatusOK || err != nil {
				t.Fatalf("%s: %d %v\n%s", path, r.Status, err, r.Body)
			}
			return out.Items
		}
		has := func(items []map[string]any, key, want string) bool {
			for _, it := range items {
				if it[key] == want {
					return true
				}
			}
			return false
		}
		meetings := "/api/v1/networks/" + strconv.FormatInt(nid, 10) + "/meetings?per_page=50"
		check := func(when string, project, org, person, email, meeting string) {
			t.Helper()
			if items := list("/api/v1/projects?per_page=50"); !has(items, "name", project) {
				t.Errorf("%s: projects %v, want %q", when, items, project)
			}
			if items := list("/api/v1/organisations?per_page=50"); !has(items, "name", org) {
				t.Errorf("%s: organisations %v, want %q", when, items, org)
			}
			people := list("/api/v1/people?per_page=50")
			if !has(people, "name", person) {
				t.Errorf("%s: people %v, want %q", when, people, person)
			}
			if got := has(people, "email", "xena@example.fi"); got != (email != "") {
				t.Errorf("%s: Xena's e-mail shown %v, want %v: %v", when, got, email != "", people)
			}
			if items := list(meetings); !has(items, "title", meeting) {
				t.Errorf("%s: meetings %v, want %q", when, items, meeting)
			}
		}
		check("first", "Hanke", "Paja ry", "Xena Jäsen", "", "Syyskokous")
		check("again", "Hanke", "Paja ry", "Xena Jäsen", "", "Syyskokous")

		other, err := db.Open(ctx, d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		for _, q := range []string{
			`UPDATE projects SET name = 'Hanke 2' WHERE id = ` + strconv.FormatInt(pid, 10),
			`UPDATE organisations SET name = 'Paja Oy' WHERE id = ` + strconv.FormatInt(oid, 10),
			`UPDATE people SET name = 'Xena Uusi' WHERE id = ` + strconv.FormatInt(xid, 10),
			`UPDATE meetings SET title = 'Talvikokous' WHERE network_id = ` + strconv.FormatInt(nid, 10),
		} {
			if _, err := other.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		check("after another instance's writes", "Hanke 2", "Paja Oy", "Xena Uusi", "", "Talvikokous")
		// Ville joins Xena's project's staff, and nothing else changes:
		// now he sees her contact details.
		if _, err := other.ExecContext(ctx, `INSERT INTO project_staff (project_id, person_id, role)
			SELECT $1, id, 'worker' FROM people WHERE email = 'ville@example.fi'`, pid); err != nil {
			t.Fatal(err)
		}
		check("after joining the project's staff", "Hanke 2", "Paja Oy", "Xena Uusi", "xena@example.fi", "Talvikokous")
	})
}
