package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func count(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestLoadIfEmpty(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		loaded, err := LoadIfEmpty(ctx, d, testNow)
		if err != nil || !loaded {
			t.Fatalf("first load: %v %v", loaded, err)
		}
		again, err := LoadIfEmpty(ctx, d, testNow)
		if err != nil || again {
			t.Fatalf("second load: %v %v", again, err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM projects`); n != 3 {
			t.Errorf("projects: %d, want 3", n)
		}
		var ouluID int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM projects WHERE name = $1`, OuluProject).Scan(&ouluID); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM networks WHERE project_id = $1`, ouluID); n != 4 {
			t.Errorf("Oulu networks: %d, want 4", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM project_goals WHERE project_id = $1`, ouluID); n < 4 {
			t.Errorf("Oulu goals: %d", n)
		}
		for _, code := range []string{"564", "244", "425", "436", "494", "859", "072", "139"} {
			if n := count(t, d, `SELECT COUNT(*) FROM project_municipalities WHERE project_id = $1 AND municipality_code = $2`, ouluID, code); n != 1 {
				t.Errorf("Oulu project lacks municipality %s", code)
			}
			if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE sector = 'municipality' AND municipality_code = $1`, code); n < 1 {
				t.Errorf("no municipality organisation for %s", code)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM people`); n < 55 || n > 70 {
			t.Errorf("people: %d, want about 60", n)
		}
		for _, s := range []string{"municipality", "employment_admin", "third_sector", "education", "business", "project", "other"} {
			if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE sector = $1`, s); n == 0 {
				t.Errorf("no organisation of sector %s", s)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE name IN ('Nuorten Ystävät ry', 'VATES-säätiö', 'Oulun TE-toimisto', 'Pohjois-Pohjanmaan ELY-keskus', 'Lapin yliopisto', 'Rovaniemen koulutuskuntayhtymä REDU', 'Pohjois-Karjalan ELY-keskus')`); n != 7 {
			t.Errorf("named organisations: %d, want 7", n)
		}
		for _, role := range []string{"convener", "secretary", "member", "guest"} {
			if n := count(t, d, `SELECT COUNT(*) FROM memberships WHERE role = $1`, role); n == 0 {
				t.Errorf("no membership with role %s", role)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships WHERE deputy_of_id IS NOT NULL`); n < 2 {
			t.Errorf("deputies: %d", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships WHERE term_end IS NOT NULL AND term_end < $1`, testNow); n < 2 {
			t.Errorf("ended terms: %d", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM project_staff WHERE role = 'coordinator'`); n != 3 {
			t.Errorf("coordinators: %d", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM networks WHERE status = 'archived'`); n < 1 {
			t.Errorf("no archived network")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM people WHERE email <> LOWER(email) OR (phone <> '' AND phone NOT LIKE '040 000 %')`); n != 0 {
			t.Errorf("%d people with upper-case e-mail or a phone outside the fake range", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE name_key <> LOWER(name_key)`); n != 0 {
			t.Errorf("name keys not lower-case: %d", n)
		}
		// Never the real people of the seeds.
		for _, real := range []string{"Limingoja", "Mustonen", "Saila Lehto", "Minkkinen", "Johansson", "Arosara", "Järvensivu"} {
			if n := count(t, d, `SELECT COUNT(*) FROM people WHERE name LIKE $1`, "%"+real+"%"); n != 0 {
				t.Errorf("a real person's name in the demo: %s", real)
			}
		}

		// Every demo account signs in with the demo password, with its role.
		s := auth.NewStore(d)
		for _, a := range demoAccounts {
			if _, err := auth.Authenticate(ctx, s, a.email, Password); err != nil {
				t.Errorf("sign in %s: %v", a.email, err)
			}
		}
		admin, _ := s.AccountByEmail(ctx, AdminEmail)
		if admin == nil || !admin.IsAdmin {
			t.Errorf("admin account is not an admin: %+v", admin)
		}
		pol := auth.NewPolicy(d)
		coord, _ := s.AccountByEmail(ctx, CoordinatorEmail)
		if role, _ := pol.ProjectRole(ctx, coord.User(), ouluID); role != auth.RoleCoordinator {
			t.Errorf("coordinator's role: %q", role)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = $1 AND m.role = 'convener'`, ConvenerEmail); n < 1 {
			t.Errorf("convener account convenes nothing")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = $1 AND m.role = 'member'`, MemberEmail); n < 1 {
			t.Errorf("member account is a member of nothing")
		}
		help := SignInHelp()
		for _, want := range []string{AdminEmail, CoordinatorEmail, ConvenerEmail, MemberEmail, Password} {
			if !strings.Contains(help, want) {
				t.Errorf("sign-in help lacks %q:\n%s", want, help)
			}
		}
	})
}

// TestCoverageGap checks that a network of the Oulu project misses both a
// sector and one of the project's municipalities among its current members.
func TestCoverageGap(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if _, err := LoadIfEmpty(context.Background(), d, testNow); err != nil {
			t.Fatal(err)
		}
		const current = `m.network_id = n.id AND (m.term_end IS NULL OR m.term_end >= $1)`
		sectorGaps := count(t, d, `SELECT COUNT(*) FROM networks n JOIN projects p ON p.id = n.project_id
			WHERE p.name = $2 AND EXISTS (
				SELECT 1 FROM organisations s WHERE s.sector IN ('education', 'business') AND NOT EXISTS (
					SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
					WHERE `+current+` AND o.sector = s.sector))
			AND EXISTS (
				SELECT 1 FROM project_municipalities pm WHERE pm.project_id = p.id AND NOT EXISTS (
					SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
					WHERE `+current+` AND o.municipality_code = pm.municipality_code))`, testNow, OuluProject)
		if sectorGaps < 1 {
			t.Fatal("no Oulu network misses both a sector and a municipality")
		}
		// And one network is complete, so the panel shows both states.
		full := count(t, d, `SELECT COUNT(*) FROM networks n JOIN projects p ON p.id = n.project_id
			WHERE p.name = $2 AND NOT EXISTS (
				SELECT 1 FROM project_municipalities pm WHERE pm.project_id = p.id AND NOT EXISTS (
					SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
					WHERE `+current+` AND o.municipality_code = pm.municipality_code))`, testNow, OuluProject)
		if full < 1 {
			t.Fatal("no Oulu network covers every municipality")
		}
	})
}

func TestLoadIfEmptySkipsUsedDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := auth.NewStore(d).CreatePersonAccount(ctx, "Olemassa Oleva", "olemassa@example.fi", true, testNow); err != nil {
			t.Fatal(err)
		}
		loaded, err := LoadIfEmpty(ctx, d, testNow)
		if err != nil || loaded {
			t.Fatalf("load into a used database: %v %v", loaded, err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM projects`); n != 0 {
			t.Fatalf("projects: %d", n)
		}
	})
}
