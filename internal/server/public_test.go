package server_test

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/demo"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

var hrefRE = regexp.MustCompile(`href="(/[^"#]*)`)

// TestPublicSeesNoPeople crawls every page the public reaches from the
// home page of the demo data, and the public API, and checks that no
// person appears, except project staff who chose to be listed publicly
// (and their contact details only when they chose that too). The README's
// role table says the same.
func TestPublicSeesNoPeople(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		ctx := context.Background()
		if loaded, err := demo.LoadIfEmpty(ctx, d, env.Clock.Now()); err != nil || !loaded {
			t.Fatalf("demo data: %v", err)
		}
		type person struct {
			id          int64
			name, email string
		}
		var people []person
		rows, err := d.QueryContext(ctx, `SELECT id, name, COALESCE(email, '') FROM people ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var p person
			if err := rows.Scan(&p.id, &p.name, &p.email); err != nil {
				t.Fatal(err)
			}
			people = append(people, p)
		}
		rows.Close()
		// Two staff members of the first project choose to be listed:
		// one with the name only, one with contact details.
		var projectID int64
		var staff []int64
		if err := d.QueryRowContext(ctx, `SELECT MIN(project_id) FROM project_staff`).Scan(&projectID); err != nil {
			t.Fatal(err)
		}
		srows, err := d.QueryContext(ctx, `SELECT person_id FROM project_staff WHERE project_id = $1 ORDER BY person_id`, projectID)
		if err != nil {
			t.Fatal(err)
		}
		for srows.Next() {
			var id int64
			if err := srows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			staff = append(staff, id)
		}
		srows.Close()
		if len(staff) < 3 {
			t.Fatalf("demo project has %d staff", len(staff))
		}
		nameOnly, withContacts := staff[0], staff[1]
		for id, v := range map[int64]string{nameOnly: "name", withContacts: "contacts"} {
			if _, err := d.ExecContext(ctx, `UPDATE people SET public_listing = $1 WHERE id = $2`, v, id); err != nil {
				t.Fatal(err)
			}
		}

		c := env.Client(t)
		seen := map[string]bool{}
		queue := []string{"/", "/api/v1/projects?per_page=200", "/api/v1/networks?per_page=200", "/api/v1/organisations?per_page=200"}
		var projectPage string
		for len(queue) > 0 && len(seen) < 400 {
			path := queue[0]
			queue = queue[1:]
			if seen[path] {
				continue
			}
			seen[path] = true
			res := c.Get(path)
			if res.Status != http.StatusOK {
				continue // sign-in redirects and the like
			}
			for _, p := range people {
				listed := p.id == nameOnly || p.id == withContacts
				if !listed && strings.Contains(res.Body, p.name) {
					t.Errorf("the public sees %q on %s", p.name, path)
				}
				if p.email != "" && p.id != withContacts && strings.Contains(res.Body, p.email) {
					t.Errorf("the public sees the e-mail of %q on %s", p.name, path)
				}
			}
			if strings.HasPrefix(path, "/projects/") && strings.Contains(res.Body, people[slices.IndexFunc(people, func(p person) bool { return p.id == withContacts })].email) {
				projectPage = path
			}
			for _, m := range hrefRE.FindAllStringSubmatch(res.Body, -1) {
				next := strings.ReplaceAll(m[1], "&amp;", "&")
				if strings.HasPrefix(next, "/static/") || strings.HasPrefix(next, "/lang/") || strings.HasPrefix(next, "/login") ||
					strings.HasSuffix(next, ".ics") || seen[next] {
					continue
				}
				queue = append(queue, next)
			}
		}
		if len(seen) < 30 {
			t.Errorf("the crawl reached only %d pages", len(seen))
		}
		if projectPage == "" {
			t.Error("the staff member who chose to show contact details is not shown with them")
		}
		for _, id := range []int64{nameOnly, withContacts} {
			name := people[slices.IndexFunc(people, func(p person) bool { return p.id == id })].name
			if r := c.Get("/api/v1/projects/" + strconv.FormatInt(projectID, 10)); !strings.Contains(r.Body, name) {
				t.Errorf("listed staff %q missing from the public API", name)
			}
		}
	})
}
