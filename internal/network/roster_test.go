package network

import (
	"context"
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
		s := NewStore(d)
		version := func() int64 {
			t.Helper()
			v, err := s.DirectoryVersion(ctx)
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
		if n := len(c.entries); n > 2 {
			t.Errorf("%d rosters cached, bound 2", n)
		}
	})
}
