package org

import (
	"context"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func mustCreate(t *testing.T, s *Store, o *Organisation) *Organisation {
	t.Helper()
	if err := s.Create(context.Background(), o, now); err != nil {
		t.Fatalf("create %q: %v", o.Name, err)
	}
	return o
}

func exec(t *testing.T, d *db.DB, q string, args ...any) {
	t.Helper()
	if _, err := d.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func count(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// wantField fails unless err has code and a field error on field with key.
func wantField(t *testing.T, err error, code, field, key string) {
	t.Helper()
	e := app.AsError(err)
	if e == nil || e.Code != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			if f.Key != key {
				t.Fatalf("field %s key = %s, want %s", field, f.Key, key)
			}
			return
		}
	}
	t.Fatalf("no error on field %s in %+v", field, e.Fields)
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		org   Organisation
		field string
		key   string
	}{
		{"NameRequired", Organisation{Sector: SectorOther}, "name", "err.required"},
		{"SectorRequired", Organisation{Name: "A"}, "sector", "err.required"},
		{"SectorUnknown", Organisation{Name: "A", Sector: "church"}, "sector", "err.invalid_choice"},
		{"MunicipalityRequiredForMunicipality", Organisation{Name: "Oulun kaupunki", Sector: SectorMunicipality}, "municipality_code", "err.required"},
		{"MunicipalityCodeShape", Organisation{Name: "A", Sector: SectorOther, MunicipalityCode: "56"}, "municipality_code", "err.invalid_municipality"},
		{"WebsiteScheme", Organisation{Name: "A", Sector: SectorOther, Website: "ftp://example.fi"}, "website", "org.err.website"},
		{"WebsiteNoHost", Organisation{Name: "A", Sector: SectorOther, Website: "https://"}, "website", "org.err.website"},
		{"WebsiteJavascript", Organisation{Name: "A", Sector: SectorOther, Website: "javascript:alert(1)"}, "website", "org.err.website"},
		{"Email", Organisation{Name: "A", Sector: SectorOther, Email: "not-an-address"}, "email", "err.email"},
		{"Phone", Organisation{Name: "A", Sector: SectorOther, Phone: "call me"}, "phone", "org.err.phone"},
		{"NameTooLong", Organisation{Name: string(make([]byte, MaxName+1)) + "x", Sector: SectorOther}, "name", "err.too_long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantField(t, tc.org.Validate(), app.EINVALID, tc.field, tc.key)
		})
	}
	t.Run("Valid", func(t *testing.T) {
		o := Organisation{Name: "  Nuorten   Ystävät ry ", Sector: SectorThirdSector, Website: "https://www.nuortenystavat.fi",
			Email: "Info@Example.FI", Phone: "+358 8 123 4567", MunicipalityCode: "564"}
		if err := o.Validate(); err != nil {
			t.Fatal(err)
		}
		if o.Name != "Nuorten Ystävät ry" || o.Email != "info@example.fi" {
			t.Fatalf("not normalized: %q %q", o.Name, o.Email)
		}
	})
}

func TestNameKey(t *testing.T) {
	if got := NameKey("  Oulun   SEUDUN\tkoulutuskuntayhtymä "); got != "oulun seudun koulutuskuntayhtymä" {
		t.Fatalf("NameKey = %q", got)
	}
}

func TestStoreCreateGetUpdate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		o := mustCreate(t, s, &Organisation{Name: "Oulun kaupunki", Sector: SectorMunicipality, MunicipalityCode: "564",
			Website: "https://www.ouka.fi", Email: "kirjaamo@ouka.fi", Phone: "08 558 410", Description: "Kunta"})
		got, err := s.Get(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Oulun kaupunki" || got.MunicipalityCode != "564" || got.MunicipalityName != "Oulu" ||
			got.Website != "https://www.ouka.fi" || got.Email != "kirjaamo@ouka.fi" || !got.CreatedAt.Equal(now) {
			t.Fatalf("got %+v", got)
		}
		if o.MunicipalityName != "Oulu" {
			t.Fatalf("create did not fill municipality name: %+v", o)
		}

		later := now.Add(time.Hour)
		upd := &Organisation{ID: o.ID, Name: "Oulun kaupunki, työllisyyspalvelut", Sector: SectorMunicipality, MunicipalityCode: "564"}
		if err := s.Update(ctx, upd, later); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Get(ctx, o.ID)
		if got.Name != "Oulun kaupunki, työllisyyspalvelut" || got.Website != "" || !got.UpdatedAt.Equal(later) || !got.CreatedAt.Equal(now) {
			t.Fatalf("after update %+v", got)
		}

		if _, err := s.Get(ctx, 99999); !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("get missing: %v", err)
		}
		err = s.Update(ctx, &Organisation{ID: 99999, Name: "X", Sector: SectorOther}, later)
		if !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("update missing: %v", err)
		}
	})
}

func TestStoreRejectsBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		o := mustCreate(t, s, &Organisation{Name: "Nuorten Ystävät ry", Sector: SectorThirdSector, Phone: "044 123 4567"})
		other := mustCreate(t, s, &Organisation{Name: "VATES-säätiö", Sector: SectorThirdSector})

		t.Run("DuplicateName", func(t *testing.T) {
			err := s.Create(ctx, &Organisation{Name: "  nuorten   YSTÄVÄT ry", Sector: SectorOther}, now)
			wantField(t, err, app.ECONFLICT, "name", "org.err.duplicate_name")
			if n := count(t, d, `SELECT COUNT(*) FROM organisations`); n != 2 {
				t.Fatalf("%d organisations after duplicate", n)
			}
		})
		t.Run("UpdateToDuplicateName", func(t *testing.T) {
			err := s.Update(ctx, &Organisation{ID: other.ID, Name: "NUORTEN YSTÄVÄT RY", Sector: SectorThirdSector}, now)
			wantField(t, err, app.ECONFLICT, "name", "org.err.duplicate_name")
			got, _ := s.Get(ctx, other.ID)
			if got.Name != "VATES-säätiö" {
				t.Fatalf("duplicate update changed the name to %q", got.Name)
			}
		})
		t.Run("RenameSelfKeepsKey", func(t *testing.T) {
			err := s.Update(ctx, &Organisation{ID: o.ID, Name: "Nuorten ystävät ry", Sector: SectorThirdSector, Phone: "044 123 4567"}, now)
			if err != nil {
				t.Fatalf("changing the case of its own name: %v", err)
			}
		})
		t.Run("UnknownMunicipality", func(t *testing.T) {
			err := s.Create(ctx, &Organisation{Name: "Kuvitteellinen kunta", Sector: SectorMunicipality, MunicipalityCode: "999"}, now)
			wantField(t, err, app.EINVALID, "municipality_code", "err.invalid_municipality")
			err = s.Update(ctx, &Organisation{ID: o.ID, Name: o.Name, Sector: SectorThirdSector, MunicipalityCode: "998"}, now)
			wantField(t, err, app.EINVALID, "municipality_code", "err.invalid_municipality")
			got, _ := s.Get(ctx, o.ID)
			if got.MunicipalityCode != "" || got.Phone != "044 123 4567" {
				t.Fatalf("rejected update changed data: %+v", got)
			}
		})
	})
}

func TestStoreList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		mustCreate(t, s, &Organisation{Name: "Oulun kaupunki", Sector: SectorMunicipality, MunicipalityCode: "564"})
		mustCreate(t, s, &Organisation{Name: "Kempeleen kunta", Sector: SectorMunicipality, MunicipalityCode: "244"})
		mustCreate(t, s, &Organisation{Name: "Oulun seudun ammattiopisto", Sector: SectorEducation, MunicipalityCode: "564"})
		mustCreate(t, s, &Organisation{Name: "Pohjois-Pohjanmaan ELY-keskus", Sector: SectorStateAdmin})
		mustCreate(t, s, &Organisation{Name: "100% Osaajat Oy", Sector: SectorBusiness})

		names := func(items []Organisation) []string {
			var out []string
			for _, o := range items {
				out = append(out, o.Name)
			}
			return out
		}
		tests := []struct {
			name   string
			filter Filter
			want   []string
			total  int
		}{
			{"All", Filter{}, []string{"100% Osaajat Oy", "Kempeleen kunta", "Oulun kaupunki", "Oulun seudun ammattiopisto", "Pohjois-Pohjanmaan ELY-keskus"}, 5},
			{"Sector", Filter{Sector: SectorMunicipality}, []string{"Kempeleen kunta", "Oulun kaupunki"}, 2},
			{"Municipality", Filter{Municipality: "564"}, []string{"Oulun kaupunki", "Oulun seudun ammattiopisto"}, 2},
			{"SectorAndMunicipality", Filter{Sector: SectorEducation, Municipality: "564"}, []string{"Oulun seudun ammattiopisto"}, 1},
			{"QueryCaseInsensitive", Filter{Query: "OULUN"}, []string{"Oulun kaupunki", "Oulun seudun ammattiopisto"}, 2},
			{"QueryNonASCII", Filter{Query: "ely"}, []string{"Pohjois-Pohjanmaan ELY-keskus"}, 1},
			{"PercentIsLiteral", Filter{Query: "%"}, []string{"100% Osaajat Oy"}, 1},
			{"UnderscoreIsLiteral", Filter{Query: "_"}, nil, 0},
			{"Page2", Filter{Page: 2, PerPage: 2}, []string{"Oulun kaupunki", "Oulun seudun ammattiopisto"}, 5},
			{"PastEnd", Filter{Page: 9, PerPage: 2}, nil, 5},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				items, total, err := s.List(ctx, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				got := names(items)
				if total != tc.total || len(got) != len(tc.want) {
					t.Fatalf("got %v (total %d), want %v (total %d)", got, total, tc.want, tc.total)
				}
				for i := range got {
					if got[i] != tc.want[i] {
						t.Fatalf("got %v, want %v", got, tc.want)
					}
				}
			})
		}

		munis, err := s.Municipalities(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(munis) != 2 || munis[0].NameFI != "Kempele" || munis[1].NameFI != "Oulu" {
			t.Fatalf("used municipalities = %+v", munis)
		}
		all, err := s.Municipalities(ctx, false)
		if err != nil || len(all) < 250 {
			t.Fatalf("all municipalities: %d, %v", len(all), err)
		}
	})
}

// seedNetwork makes a project with one network and returns the network id.
func seedNetwork(t *testing.T, d *db.DB, name string) int64 {
	t.Helper()
	ctx := context.Background()
	var projectID, networkID int64
	if err := d.QueryRowContext(ctx, `INSERT INTO projects (name, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id`,
		"Välityömarkkinahanke", now).Scan(&projectID); err != nil {
		t.Fatal(err)
	}
	if err := d.QueryRowContext(ctx, `INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id`,
		projectID, name, now).Scan(&networkID); err != nil {
		t.Fatal(err)
	}
	return networkID
}

func seedPerson(t *testing.T, d *db.DB, name string, orgID int64) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), `INSERT INTO people (name, organisation_id, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id`,
		name, orgID, now).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestStoreRepresentativesAndMerge(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		target := mustCreate(t, s, &Organisation{Name: "Oulun TE-toimisto", Sector: SectorStateAdmin})
		dup := mustCreate(t, s, &Organisation{Name: "TE-toimisto Oulu", Sector: SectorStateAdmin, MunicipalityCode: "564",
			Website: "https://te-palvelut.fi", Phone: "0295 056 000"})
		bystander := mustCreate(t, s, &Organisation{Name: "Liimingan kunta", Sector: SectorMunicipality, MunicipalityCode: "425"})

		networkID := seedNetwork(t, d, "Palkkatuettu työ")
		anna := seedPerson(t, d, "Anna Aaltonen", dup.ID)
		ben := seedPerson(t, d, "Bertta Bergman", dup.ID)
		carl := seedPerson(t, d, "Carita Koski", bystander.ID)
		exec(t, d, `INSERT INTO memberships (network_id, person_id, role, organisation_id, created_at, updated_at) VALUES ($1, $2, 'member', $3, $4, $4)`,
			networkID, anna, dup.ID, now)
		exec(t, d, `INSERT INTO memberships (network_id, person_id, role, organisation_id, created_at, updated_at) VALUES ($1, $2, 'convener', $3, $4, $4)`,
			networkID, carl, bystander.ID, now)

		reps, err := s.Representatives(ctx, dup.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(reps) != 1 || reps[0].PersonName != "Anna Aaltonen" || reps[0].NetworkName != "Palkkatuettu työ" || reps[0].Role != "member" {
			t.Fatalf("representatives = %+v", reps)
		}
		members, err := s.Members(ctx, dup.ID)
		if err != nil || len(members) != 2 {
			t.Fatalf("members = %+v, %v", members, err)
		}
		counts, err := s.MergeCounts(ctx, dup.ID)
		if err != nil || counts != (MergeCounts{People: 2, Memberships: 1}) {
			t.Fatalf("merge counts = %+v, %v", counts, err)
		}

		t.Run("IntoItself", func(t *testing.T) {
			_, err := MergeTx(ctx, d, dup.ID, dup.ID, now)
			wantField(t, err, app.EINVALID, "target_id", "org.err.merge_self")
		})
		t.Run("UnknownTargetChangesNothing", func(t *testing.T) {
			_, err := MergeTx(ctx, d, dup.ID, 99999, now)
			wantField(t, err, app.EINVALID, "target_id", "err.invalid_choice")
			if n := count(t, d, `SELECT COUNT(*) FROM people WHERE organisation_id = $1`, dup.ID); n != 2 {
				t.Fatalf("people moved on failed merge: %d left", n)
			}
		})
		t.Run("UnknownDuplicate", func(t *testing.T) {
			if _, err := MergeTx(ctx, d, 99999, target.ID, now); !app.IsCode(err, app.ENOTFOUND) {
				t.Fatalf("err = %v", err)
			}
		})

		counts, err = MergeTx(ctx, d, dup.ID, target.ID, now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if counts != (MergeCounts{People: 2, Memberships: 1}) {
			t.Fatalf("moved %+v", counts)
		}
		if _, err := s.Get(ctx, dup.ID); !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("duplicate still there: %v", err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM people WHERE organisation_id = $1`, target.ID); n != 2 {
			t.Fatalf("%d people in target", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships WHERE organisation_id = $1 AND person_id = $2`, target.ID, anna); n != 1 {
			t.Fatal("membership did not move")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships WHERE organisation_id = $1`, bystander.ID); n != 1 {
			t.Fatal("merge touched another organisation's membership")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM people WHERE id = $1 AND organisation_id = $2`, ben, target.ID); n != 1 {
			t.Fatal("person did not move")
		}
		got, _ := s.Get(ctx, target.ID)
		if got.Name != "Oulun TE-toimisto" || got.MunicipalityCode != "564" || got.Website != "https://te-palvelut.fi" || got.Phone != "0295 056 000" {
			t.Fatalf("target after merge: %+v", got)
		}
		// The duplicate's name is free again.
		mustCreate(t, s, &Organisation{Name: "TE-toimisto Oulu", Sector: SectorStateAdmin})
	})
}
