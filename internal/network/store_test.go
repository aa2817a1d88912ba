package network

import (
	"context"
	"database/sql"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// fixture inserts rows this package only reads, with plain SQL.
type fixture struct {
	t *testing.T
	d *db.DB
}

func (f fixture) id(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.d.QueryRowContext(context.Background(), q+" RETURNING id", args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (f fixture) project(name string, codes ...string) int64 {
	id := f.id(`INSERT INTO projects (name, created_at, updated_at) VALUES ($1, $2, $2)`, name, db.Now(now))
	for _, c := range codes {
		if _, err := f.d.Exec(`INSERT INTO project_municipalities (project_id, municipality_code) VALUES ($1, $2)`, id, c); err != nil {
			f.t.Fatal(err)
		}
	}
	return id
}

func (f fixture) org(name, sector, code string) int64 {
	var mc any
	if code != "" {
		mc = code
	}
	return f.id(`INSERT INTO organisations (name, name_key, sector, municipality_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		name, name, sector, mc, db.Now(now))
}

func (f fixture) person(name string, orgID int64) int64 {
	var o any
	if orgID != 0 {
		o = orgID
	}
	return f.id(`INSERT INTO people (name, organisation_id, created_at, updated_at) VALUES ($1, $2, $3, $3)`, name, o, db.Now(now))
}

func mustValid(t *testing.T, in interface{ Validate(*app.Validator) }) {
	t.Helper()
	var v app.Validator
	in.Validate(&v)
	if err := v.Err(); err != nil {
		t.Fatalf("validate: %v", err)
	}
}

func TestNetworkStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := fixture{t, d}
		s := NewStore(d)
		pid := f.project("Välityömarkkinat", "564", "244")
		in := Input{Name: "Työpajatoiminta", Purpose: "Yhteiset käytännöt", Themes: []string{"Starttipaja", "Asiakasarviointi"}}
		mustValid(t, &in)
		var id int64
		err := d.WithTx(ctx, func(tx *sql.Tx) error {
			var err error
			id, err = NewStore(tx).Create(ctx, pid, in, now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if n.Cadence != CadenceMonthly || n.Status != StatusActive || n.ProjectName != "Välityömarkkinat" || len(n.Themes) != 2 {
			t.Errorf("got %+v", n)
		}
		keep := n.Themes[1].ID
		in.Themes = []string{"Asiakasarviointi", "Laatukäsikirja"}
		in.Cadence = CadenceAsNeeded
		if err := s.Update(ctx, id, in, now); err != nil {
			t.Fatal(err)
		}
		n, _ = s.Get(ctx, id)
		if n.Themes[0].ID != keep || n.Themes[1].Name != "Laatukäsikirja" || n.Cadence != CadenceAsNeeded {
			t.Errorf("after update %+v", n)
		}
		if _, err := s.Create(ctx, 9999, in, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("unknown project: %v", err)
		}
		if _, err := s.Get(ctx, 9999); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("missing: %v", err)
		}
		if err := s.SetStatus(ctx, id, StatusArchived, now); err != nil {
			t.Fatal(err)
		}
		list, total, err := s.List(ctx, ListFilter{ProjectID: pid, Status: StatusArchived})
		if err != nil || total != 1 || list[0].ID != id {
			t.Errorf("list %v %d %+v", err, total, list)
		}
		if _, total, _ := s.List(ctx, ListFilter{Status: StatusActive}); total != 0 {
			t.Errorf("active count %d", total)
		}
		// Paging: the total is every match, also on a page past the end
		// (which carries no row to read it from).
		second, err := s.Create(ctx, pid, Input{Name: "Toinen verkosto", Cadence: CadenceAsNeeded}, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			offset int
			ids    []int64
		}{{0, []int64{second}}, {1, []int64{id}}, {2, nil}, {50, nil}} {
			list, total, err := s.List(ctx, ListFilter{ProjectID: pid, Limit: 1, Offset: c.offset})
			var ids []int64
			for _, n := range list {
				ids = append(ids, n.ID)
			}
			if err != nil || total != 2 || !slices.Equal(ids, c.ids) {
				t.Errorf("page at %d: %v total %d ids %v, want %v", c.offset, err, total, ids, c.ids)
			}
		}
	})
}

func TestMembershipsAndCoverage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := fixture{t, d}
		s := NewStore(d)
		pid := f.project("Hanke", "564", "244")
		nid, err := s.Create(ctx, pid, Input{Name: "Verkosto", Cadence: CadenceMonthly, Status: StatusActive}, now)
		if err != nil {
			t.Fatal(err)
		}
		other, _ := s.Create(ctx, pid, Input{Name: "Toinen", Cadence: CadenceMonthly, Status: StatusActive}, now)

		oulu := f.org("Oulun kaupunki", "municipality", "564")
		te := f.org("TE-toimisto", "state_admin", "")
		ngo := f.org("Nuorten Ystävät ry", "third_sector", "564")
		aino := f.person("Aino", oulu)
		bertil := f.person("Bertil", te)
		cecilia := f.person("Cecilia", 0)

		add := func(in MembershipInput) (int64, error) {
			mustValid(t, &in)
			return s.CreateMembership(ctx, nid, in, now)
		}
		// Organisation defaults to the person's own.
		a, err := add(MembershipInput{PersonID: aino, Role: RoleConvener})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := s.Membership(ctx, a)
		if m.OrganisationID != oulu || m.Sector != "municipality" || m.MunicipalityCode != "564" {
			t.Errorf("default organisation: %+v", m)
		}
		// Bertil's term ended yesterday.
		b, err := add(MembershipInput{PersonID: bertil, Role: RoleMember, TermStart: day(2024, 1, 1), TermEnd: day(2026, 11, 21)})
		if err != nil {
			t.Fatal(err)
		}
		m, _ = s.Membership(ctx, b)
		if m.TermEnd == nil || !m.TermEnd.Equal(*day(2026, 11, 21)) || !m.Ended(now) {
			t.Errorf("term %v ended=%v", m.TermEnd, m.Ended(now))
		}

		// Bad input.
		if _, err := add(MembershipInput{PersonID: aino, Role: RoleMember}); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("duplicate member: %v", err)
		}
		if _, err := add(MembershipInput{PersonID: 9999, Role: RoleMember}); !app.IsCode(err, app.EINVALID) {
			t.Errorf("unknown person: %v", err)
		}
		if _, err := add(MembershipInput{PersonID: cecilia, Role: RoleMember, OrganisationID: 9999}); !app.IsCode(err, app.EINVALID) {
			t.Errorf("unknown organisation: %v", err)
		}
		oa, _ := s.CreateMembership(ctx, other, MembershipInput{PersonID: aino, Role: RoleMember}, now)
		if _, err := add(MembershipInput{PersonID: cecilia, Role: RoleMember, DeputyOfID: oa}); !app.IsCode(err, app.EINVALID) {
			t.Errorf("deputy in other network: %v", err)
		}
		var v app.Validator
		bad := MembershipInput{PersonID: cecilia, Role: RoleMember, TermStart: day(2026, 2, 1), TermEnd: day(2026, 1, 1)}
		bad.Validate(&v)
		if e := app.AsError(v.Err()); e == nil || e.Fields[0].Field != "term_end" || e.Fields[0].Key != "err.end_before_start" {
			t.Errorf("end before start: %+v", e)
		}
		if n, _ := s.Memberships(ctx, nid); len(n) != 2 {
			t.Fatalf("bad input stored something: %d members", len(n))
		}

		// Cecilia represents the NGO as Aino's deputy.
		c, err := add(MembershipInput{PersonID: cecilia, Role: RoleMember, OrganisationID: ngo, DeputyOfID: a})
		if err != nil {
			t.Fatal(err)
		}
		m, _ = s.Membership(ctx, c)
		if m.DeputyOfName != "Aino" || m.OrganisationName != "Nuorten Ystävät ry" {
			t.Errorf("deputy: %+v", m)
		}
		// Not their own deputy.
		if err := s.UpdateMembership(ctx, c, MembershipInput{PersonID: cecilia, Role: RoleMember, DeputyOfID: c}, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("own deputy: %v", err)
		}
		// Changing the person to an existing member is a duplicate.
		if err := s.UpdateMembership(ctx, c, MembershipInput{PersonID: aino, Role: RoleMember}, now); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("update to duplicate: %v", err)
		}

		members, err := s.Memberships(ctx, nid)
		if err != nil {
			t.Fatal(err)
		}
		// The roster is the full list (the API pages it from the cache).
		full, _, err := s.ListMemberships(ctx, nid, 0, 0)
		if err != nil || len(full) != len(members) {
			t.Fatalf("full list %v: %d vs %d", err, len(full), len(members))
		}
		for i := range full {
			want := full[i]
			if !reflect.DeepEqual(members[i], want) {
				t.Errorf("roster row %d:\n got %+v\nwant %+v", i, members[i], want)
			}
		}
		region, _ := s.ProjectMunicipalities(ctx, pid)
		cov := ComputeCoverage(members, region, now)
		// state_admin is missing: Bertil's term ended. Other is never missing.
		if !contains(cov.MissingSectors, "state_admin") || contains(cov.MissingSectors, SectorOther) || contains(cov.MissingSectors, "municipality") || contains(cov.MissingSectors, "third_sector") {
			t.Errorf("missing sectors %v", cov.MissingSectors)
		}
		// Kempele (244) is missing; Oulu is represented twice.
		if len(cov.MissingMunicipalities) != 1 || cov.MissingMunicipalities[0].Code != "244" || cov.MissingMunicipalities[0].Name != "Kempele" {
			t.Errorf("missing municipalities %+v", cov.MissingMunicipalities)
		}
		for _, mc := range cov.Municipalities {
			if mc.Code == "564" && mc.Members != 2 {
				t.Errorf("Oulu members %d", mc.Members)
			}
		}
		if len(cov.Ended) != 1 || cov.Ended[0].PersonName != "Bertil" {
			t.Errorf("ended %+v", cov.Ended)
		}
		groups := GroupBySector(members)
		if len(groups) != 3 || groups[0].Sector != "state_admin" || groups[1].Sector != "municipality" || groups[2].Sector != "third_sector" {
			t.Errorf("groups %+v", groups)
		}

		// Removing Aino leaves Cecilia without a principal.
		if err := s.DeleteMembership(ctx, a); err != nil {
			t.Fatal(err)
		}
		m, _ = s.Membership(ctx, c)
		if m.DeputyOfID != 0 {
			t.Errorf("deputy of deleted member: %+v", m)
		}
		if err := s.DeleteMembership(ctx, a); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("delete twice: %v", err)
		}
		page, total, err := s.ListMemberships(ctx, nid, 1, 1)
		if err != nil || total != 2 || len(page) != 1 {
			t.Errorf("page %v %d %d", err, total, len(page))
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestComputeCoverage(t *testing.T) {
	today := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	region := []Municipality{{"564", "Oulu"}, {"244", "Kempele"}}
	members := []Membership{
		{ID: 1, PersonName: "Future", Role: RoleMember, OrganisationID: 1, Sector: "education", MunicipalityCode: "244", TermStart: day(2027, 1, 1)},
		{ID: 2, PersonName: "Guest", Role: RoleGuest, OrganisationID: 2, Sector: "business", MunicipalityCode: "244"},
		{ID: 3, PersonName: "Odd", Role: RoleMember, OrganisationID: 3, Sector: "church", MunicipalityCode: "564"},
		{ID: 4, PersonName: "Today", Role: RoleMember, OrganisationID: 4, Sector: "project", TermEnd: day(2026, 11, 22)},
	}
	c := ComputeCoverage(members, region, today)
	want := map[string]int{"education": 0, "business": 0, "other": 1, "project": 1, "municipality": 0}
	for _, s := range c.Sectors {
		if n, ok := want[s.Sector]; ok && n != s.Members {
			t.Errorf("%s: %d members, want %d", s.Sector, s.Members, n)
		}
	}
	if len(c.MissingMunicipalities) != 1 || c.MissingMunicipalities[0].Code != "244" {
		t.Errorf("missing %+v", c.MissingMunicipalities)
	}
	if len(c.Ended) != 0 {
		t.Errorf("a term ending today has not ended: %+v", c.Ended)
	}
	if contains(c.MissingSectors, SectorOther) {
		t.Errorf("other is missing: %v", c.MissingSectors)
	}
	// Nobody of "other": it is not listed at all, nor counted as a gap.
	c = ComputeCoverage(members[:1], region, today)
	for _, s := range c.Sectors {
		if s.Sector == SectorOther {
			t.Errorf("an unrepresented other is listed: %+v", c.Sectors)
		}
	}
	if contains(c.MissingSectors, SectorOther) || len(c.MissingSectors) != len(Sectors)-1 {
		t.Errorf("missing %v", c.MissingSectors)
	}
}

// TestSearchPeopleNoEmailOracle checks the member picker: names and
// organisation names match by fragment, LIKE wildcards match only
// themselves, and an e-mail address matches only whole, so nobody can read
// an address they may not see a character at a time.
func TestSearchPeopleNoEmailOracle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := fixture{t, d}
		n := f.id(`INSERT INTO networks (project_id, name, purpose, created_at, updated_at) VALUES ($1, 'Verkosto', '', $2, $2)`, f.project("Hanke"), db.Now(now))
		target := f.person("Tuula Target", f.org("Pajakeskus Oy", "business", ""))
		if _, err := d.ExecContext(ctx, `UPDATE people SET email = 'tt.secret_99@example.fi' WHERE id = $1`, target); err != nil {
			t.Fatal(err)
		}
		s := NewStore(d)
		for _, c := range []struct {
			q     string
			found bool
		}{
			{"%", false},
			{"_", false},
			{"%@example.fi", false},
			{"t_.secret", false},
			{"secret", false},
			{"tt.secret_99@example.f", false},
			{"tt.secret_99@example.fi", true},
			{" TT.Secret_99@Example.FI ", true},
			{"tuula", true},
			{"arg", true},
			{"pajakeskus", true},
		} {
			got, err := s.SearchPeople(ctx, n, c.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if found := len(got) == 1 && got[0].ID == target; found != c.found || len(got) > 1 {
				t.Errorf("search %q found %+v, want found=%v", c.q, got, c.found)
			}
		}
	})
}
