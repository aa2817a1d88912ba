package person

import (
	"context"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

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

func insertID(t *testing.T, d *db.DB, q string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRowContext(context.Background(), q, args...).Scan(&id); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return id
}

func insertOrg(t *testing.T, d *db.DB, name string) int64 {
	t.Helper()
	return insertID(t, d, `INSERT INTO organisations (name, name_key, sector, created_at, updated_at) VALUES ($1, LOWER($1), 'other', $2, $2) RETURNING id`, name, now)
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		person Person
		field  string
		key    string
	}{
		{"NameRequired", Person{Name: " "}, "name", "err.required"},
		{"Email", Person{Name: "A", Email: "a@b"}, "email", "err.email"},
		{"EmailWithName", Person{Name: "A", Email: "Aino <aino@example.fi>"}, "email", "err.email"},
		{"Phone", Person{Name: "A", Phone: "12"}, "phone", "person.err.phone"},
		{"Lang", Person{Name: "A", Lang: "de"}, "lang", "err.invalid_choice"},
		{"TitleTooLong", Person{Name: "A", Title: string(make([]rune, MaxTitle+1))}, "title", "err.too_long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantField(t, tc.person.Validate(), app.EINVALID, tc.field, tc.key)
		})
	}
	p := Person{Name: " Aino  Aaltonen ", Email: " Aino.Aaltonen@Example.FI ", Phone: "+358 40 123 4567"}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Name != "Aino Aaltonen" || p.Email != "aino.aaltonen@example.fi" || p.Lang != "fi" {
		t.Fatalf("not normalized: %+v", p)
	}
}

func TestStoreCreateGetUpdate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		orgID := insertOrg(t, d, "Oulun kaupunki")
		p := &Person{Name: "Aino Aaltonen", Title: "Työllisyyskoordinaattori", OrganisationID: orgID,
			Email: "Aino@Example.fi", Phone: "040 123 4567", Lang: "sv"}
		if err := s.Create(ctx, p, now); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Email != "aino@example.fi" || got.OrganisationName != "Oulun kaupunki" || got.Lang != "sv" || got.Title != "Työllisyyskoordinaattori" || !got.CreatedAt.Equal(now) {
			t.Fatalf("got %+v", got)
		}
		// Without e-mail and organisation (both NULL).
		q := &Person{Name: "Bertta Bergman"}
		if err := s.Create(ctx, q, now); err != nil {
			t.Fatal(err)
		}
		r := &Person{Name: "Carita Koski"}
		if err := s.Create(ctx, r, now); err != nil {
			t.Fatalf("second person without e-mail: %v", err)
		}

		later := now.Add(time.Hour)
		upd := &Person{ID: p.ID, Name: "Aino Aaltonen-Virtanen", Email: "aino.virtanen@example.fi", Lang: "en"}
		if err := s.Update(ctx, upd, later); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Get(ctx, p.ID)
		if got.Name != "Aino Aaltonen-Virtanen" || got.OrganisationID != 0 || got.Phone != "" || got.Lang != "en" || !got.UpdatedAt.Equal(later) {
			t.Fatalf("after update %+v", got)
		}
		if _, err := s.Get(ctx, 99999); !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("get missing: %v", err)
		}
		if err := s.Update(ctx, &Person{ID: 99999, Name: "X"}, later); !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("update missing: %v", err)
		}
	})
}

func TestStoreRejectsBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		a := &Person{Name: "Aino Aaltonen", Email: "aino@example.fi", Phone: "040 123 4567"}
		b := &Person{Name: "Bertta Bergman", Email: "bertta@example.fi"}
		for _, p := range []*Person{a, b} {
			if err := s.Create(ctx, p, now); err != nil {
				t.Fatal(err)
			}
		}
		count := func() int {
			var n int
			if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM people`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}

		t.Run("DuplicateEmail", func(t *testing.T) {
			err := s.Create(ctx, &Person{Name: "Toinen Aino", Email: "AINO@example.FI"}, now)
			wantField(t, err, app.ECONFLICT, "email", "person.err.duplicate_email")
			if n := count(); n != 2 {
				t.Fatalf("%d people after duplicate", n)
			}
		})
		t.Run("UpdateToDuplicateEmail", func(t *testing.T) {
			err := s.Update(ctx, &Person{ID: b.ID, Name: "Bertta Bergman", Email: "aino@example.fi"}, now)
			wantField(t, err, app.ECONFLICT, "email", "person.err.duplicate_email")
			got, _ := s.Get(ctx, b.ID)
			if got.Email != "bertta@example.fi" {
				t.Fatalf("e-mail changed to %q", got.Email)
			}
		})
		t.Run("OwnEmailIsFine", func(t *testing.T) {
			if err := s.Update(ctx, &Person{ID: a.ID, Name: "Aino Aaltonen", Email: "Aino@Example.fi", Phone: "040 123 4567"}, now); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("UnknownOrganisation", func(t *testing.T) {
			err := s.Create(ctx, &Person{Name: "Daniel Dahl", OrganisationID: 424242}, now)
			wantField(t, err, app.EINVALID, "organisation_id", "err.invalid_choice")
			err = s.Update(ctx, &Person{ID: a.ID, Name: "Aino Aaltonen", OrganisationID: 424242}, now)
			wantField(t, err, app.EINVALID, "organisation_id", "err.invalid_choice")
			got, _ := s.Get(ctx, a.ID)
			if got.Phone != "040 123 4567" || got.Email != "aino@example.fi" {
				t.Fatalf("rejected update changed the person: %+v", got)
			}
			if n := count(); n != 2 {
				t.Fatalf("%d people", n)
			}
		})
		t.Run("AccountNeedsEmail", func(t *testing.T) {
			if _, err := d.ExecContext(ctx, `INSERT INTO users (person_id, created_at) VALUES ($1, $2)`, b.ID, now); err != nil {
				t.Fatal(err)
			}
			err := s.Update(ctx, &Person{ID: b.ID, Name: "Bertta Bergman"}, now)
			wantField(t, err, app.EINVALID, "email", "person.err.email_sign_in")
			// Someone without an account may drop theirs.
			if err := s.Update(ctx, &Person{ID: a.ID, Name: "Aino Aaltonen"}, now); err != nil {
				t.Fatal(err)
			}
		})
	})
}

func TestStoreListAndMemberships(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		oulu := insertOrg(t, d, "Oulun kaupunki")
		ely := insertOrg(t, d, "ELY-keskus")
		people := []*Person{
			{Name: "Aino Aaltonen", OrganisationID: oulu},
			{Name: "Bertta Bergman", OrganisationID: ely},
			{Name: "Carita Aaltonen", OrganisationID: oulu},
			{Name: "Daniel Dahl"},
			{Name: "Eero 50% Esimerkki"},
		}
		for _, p := range people {
			if err := s.Create(ctx, p, now); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name   string
			filter Filter
			want   []string
			total  int
		}{
			{"All", Filter{}, []string{"Aino Aaltonen", "Bertta Bergman", "Carita Aaltonen", "Daniel Dahl", "Eero 50% Esimerkki"}, 5},
			{"Organisation", Filter{OrganisationID: oulu}, []string{"Aino Aaltonen", "Carita Aaltonen"}, 2},
			{"Query", Filter{Query: "AALTO"}, []string{"Aino Aaltonen", "Carita Aaltonen"}, 2},
			{"QueryAndOrganisation", Filter{Query: "carita", OrganisationID: oulu}, []string{"Carita Aaltonen"}, 1},
			{"PercentLiteral", Filter{Query: "0%"}, []string{"Eero 50% Esimerkki"}, 1},
			{"Paging", Filter{Page: 2, PerPage: 2}, []string{"Carita Aaltonen", "Daniel Dahl"}, 5},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				items, total, err := s.List(ctx, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, p := range items {
					got = append(got, p.Name)
				}
				if total != tc.total || len(got) != len(tc.want) {
					t.Fatalf("got %v (%d), want %v (%d)", got, total, tc.want, tc.total)
				}
				for i := range got {
					if got[i] != tc.want[i] {
						t.Fatalf("got %v, want %v", got, tc.want)
					}
				}
			})
		}

		project := insertID(t, d, `INSERT INTO projects (name, created_at, updated_at) VALUES ('KasvuPOK', $1, $1) RETURNING id`, now)
		network := insertID(t, d, `INSERT INTO networks (project_id, name, created_at, updated_at) VALUES ($1, 'Osaamisverkosto', $2, $2) RETURNING id`, project, now)
		if _, err := d.ExecContext(ctx, `INSERT INTO memberships (network_id, person_id, role, organisation_id, term_start, created_at, updated_at)
			VALUES ($1, $2, 'secretary', $3, $4, $5, $5)`, network, people[0].ID, oulu, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), now); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, `INSERT INTO project_staff (project_id, person_id, role) VALUES ($1, $2, 'coordinator')`, project, people[0].ID); err != nil {
			t.Fatal(err)
		}
		ms, err := s.Memberships(ctx, people[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].NetworkName != "Osaamisverkosto" || ms[0].Role != "secretary" || ms[0].ProjectName != "KasvuPOK" ||
			ms[0].OrganisationName != "Oulun kaupunki" || ms[0].TermStart == nil || ms[0].TermStart.Format("2006-01-02") != "2026-01-01" || ms[0].TermEnd != nil {
			t.Fatalf("memberships = %+v", ms)
		}
		staff, err := s.Staff(ctx, people[0].ID)
		if err != nil || len(staff) != 1 || staff[0].Role != "coordinator" {
			t.Fatalf("staff = %+v, %v", staff, err)
		}
		if ms, _ := s.Memberships(ctx, people[1].ID); len(ms) != 0 {
			t.Fatalf("stranger has memberships %+v", ms)
		}
		opts, err := s.OrganisationOptions(ctx)
		if err != nil || len(opts) != 2 || opts[0].Name != "ELY-keskus" {
			t.Fatalf("options = %+v, %v", opts, err)
		}
	})
}
