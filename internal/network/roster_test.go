package network

import (
	"context"
	"strconv"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestDirectoryVersion: every kind of write to the roster's tables moves
// the version on; writes elsewhere do not.
func TestDirectoryVersion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := fixture{t, d}
		version := func() int64 {
			t.Helper()
			v, err := db.ReadVersion(ctx, d, db.DirectoryVersion)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		pid := f.project("Hanke")
		last := version()
		moved := func(what string, q string, args ...any) {
			t.Helper()
			if _, err := d.ExecContext(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if v := version(); v <= last {
				t.Errorf("%s did not move the version (%d)", what, v)
			} else {
				last = v
			}
		}
		moved("insert organisation", `INSERT INTO organisations (name, name_key, sector, created_at, updated_at) VALUES ('Org', 'org', 'business', $1, $1)`, db.Now(now))
		moved("insert person", `INSERT INTO people (name, created_at, updated_at) VALUES ('Aino', $1, $1)`, db.Now(now))
		nid := f.id(`INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, 'Verkosto', $2, $2)`, pid, db.Now(now))
		if v := version(); v != last {
			t.Errorf("a network insert moved the version")
		}
		moved("insert membership", `INSERT INTO memberships (network_id, person_id, role, created_at, updated_at)
			SELECT $1, id, 'member', $2, $2 FROM people WHERE name = 'Aino'`, nid, db.Now(now))
		moved("update person", `UPDATE people SET name = 'Aino A.' WHERE name = 'Aino'`)
		moved("update organisation", `UPDATE organisations SET name = 'Org Oy' WHERE name_key = 'org'`)
		moved("update membership", `UPDATE memberships SET role = 'convener' WHERE network_id = $1`, nid)
		moved("delete membership", `DELETE FROM memberships WHERE network_id = $1`, nid)
		moved("delete person", `DELETE FROM people WHERE name = 'Aino A.'`)
		moved("delete organisation", `DELETE FROM organisations WHERE name_key = 'org'`)
		// Who works in a project, and which project a network is in, decide
		// whose contact details a person sees (migration 00016).
		staff := f.person("Pirjo", 0)
		moved("insert project staff", `INSERT INTO project_staff (project_id, person_id, role) VALUES ($1, $2, 'worker')`, pid, staff)
		moved("update project staff", `UPDATE project_staff SET role = 'coordinator' WHERE person_id = $1`, staff)
		moved("delete project staff", `DELETE FROM project_staff WHERE person_id = $1`, staff)
		other := f.project("Toinen hanke")
		moved("move a network to another project", `UPDATE networks SET project_id = $1 WHERE id = $2`, other, nid)
	})
}

// TestRosterCache: a roster is served from memory until anything in the
// directory changes, by any instance; the cache stays within its bound.
func TestRosterCache(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := fixture{t, d}
		s := NewStore(d)
		pid := f.project("Hanke")
		org := f.org("Paja ry", "third_sector", "")
		var networks []int64
		for _, name := range []string{"Yksi", "Kaksi", "Kolme"} {
			nid := f.id(`INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)`, pid, name, db.Now(now))
			f.id(`INSERT INTO memberships (network_id, person_id, role, organisation_id, created_at, updated_at) VALUES ($1, $2, 'member', $3, $4, $4)`,
				nid, f.person("Henkilö "+name, org), org, db.Now(now))
			networks = append(networks, nid)
		}
		c := NewRosterCache(2)
		first, err := c.Roster(ctx, s, networks[0])
		if err != nil || len(first) != 1 || first[0].PersonName != "Henkilö Yksi" {
			t.Fatalf("roster: %+v %v", first, err)
		}
		again, _ := c.Roster(ctx, s, networks[0])
		if &again[0] != &first[0] {
			t.Error("an unchanged roster was read again instead of served from the cache")
		}
		// Another instance (its own connection pool) renames the person.
		other, err := db.Open(ctx, d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if _, err := other.ExecContext(ctx, `UPDATE people SET name = 'Henkilö Uusi' WHERE name = 'Henkilö Yksi'`); err != nil {
			t.Fatal(err)
		}
		fresh, err := c.Roster(ctx, s, networks[0])
		if err != nil || fresh[0].PersonName != "Henkilö Uusi" {
			t.Errorf("stale roster after a rename elsewhere: %+v %v", fresh, err)
		}
		// A changed organisation name shows too.
		if _, err := other.ExecContext(ctx, `UPDATE organisations SET name = 'Paja Oy' WHERE id = $1`, org); err != nil {
			t.Fatal(err)
		}
		if fresh, _ := c.Roster(ctx, s, networks[0]); fresh[0].OrganisationName != "Paja Oy" {
			t.Errorf("stale organisation: %+v", fresh)
		}
		for _, nid := range networks {
			if _, err := c.Roster(ctx, s, nid); err != nil {
				t.Fatal(err)
			}
		}
		if n := c.c.Len(); n > 2 {
			t.Errorf("%d rosters cached, bound 2", n)
		}
	})
}

// TestListCache: a page of the network list is served from memory until a
// network, a project or a membership changes, by any instance; other
// directory writes leave it cached; the cache stays within its bound.
func TestListCache(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := fixture{t, d}
		s := NewStore(d)
		pid := f.project("Hanke")
		org := f.org("Paja ry", "third_sector", "")
		nid := f.id(`INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, 'Yksi', $2, $2)`, pid, db.Now(now))
		c := newListCache(2)
		all := ListFilter{Limit: 50}
		first, total, err := c.List(ctx, s, all)
		if err != nil || total != 1 || len(first) != 1 || first[0].Name != "Yksi" || first[0].MemberCount != 0 {
			t.Fatalf("list: %+v %d %v", first, total, err)
		}
		again, _, _ := c.List(ctx, s, all)
		if &again[0] != &first[0] {
			t.Error("an unchanged list was read again instead of served from the cache")
		}
		// A person's rename is not on the list: still cached.
		f.person("Aino", org)
		if again, _, _ := c.List(ctx, s, all); &again[0] != &first[0] {
			t.Error("a write the list does not show dropped the cached page")
		}
		// Another instance (its own connection pool) changes what the list
		// shows: a member, a network's name, the project's name, a new
		// network.
		other, err := db.Open(ctx, d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		for _, c2 := range []struct {
			what, q string
			check   func([]Network, int) bool
		}{
			{"member", `INSERT INTO memberships (network_id, person_id, role, created_at, updated_at)
				SELECT ` + strconv.FormatInt(nid, 10) + `, id, 'member', created_at, created_at FROM people WHERE name = 'Aino'`,
				func(l []Network, _ int) bool { return l[0].MemberCount == 1 }},
			{"network rename", `UPDATE networks SET name = 'Ykkönen' WHERE id = ` + strconv.FormatInt(nid, 10),
				func(l []Network, _ int) bool { return l[0].Name == "Ykkönen" }},
			{"project rename", `UPDATE projects SET name = 'Uusi hanke' WHERE id = ` + strconv.FormatInt(pid, 10),
				func(l []Network, _ int) bool { return l[0].ProjectName == "Uusi hanke" }},
			{"new network", `INSERT INTO networks (project_id, name, created_at, updated_at) SELECT id, 'Kaksi', created_at, created_at FROM projects WHERE id = ` + strconv.FormatInt(pid, 10),
				func(l []Network, total int) bool { return total == 2 && len(l) == 2 }},
		} {
			if _, err := other.ExecContext(ctx, c2.q); err != nil {
				t.Fatalf("%s: %v", c2.what, err)
			}
			if l, total, err := c.List(ctx, s, all); err != nil || !c2.check(l, total) {
				t.Errorf("stale list after a %s elsewhere: %+v %d %v", c2.what, l, total, err)
			}
		}
		for i := range 3 {
			if _, _, err := c.List(ctx, s, ListFilter{Limit: 1, Offset: i}); err != nil {
				t.Fatal(err)
			}
		}
		if n := c.c.Len(); n > 2 {
			t.Errorf("%d pages cached, bound 2", n)
		}
	})
}
