package project

import (
	"context"
	"database/sql"
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

func create(t *testing.T, d *db.DB, in Input) int64 {
	t.Helper()
	var v app.Validator
	in.Validate(&v)
	if err := v.Err(); err != nil {
		t.Fatalf("validate: %v", err)
	}
	var id int64
	err := d.WithTx(context.Background(), func(tx *sql.Tx) error {
		var err error
		id, err = NewStore(tx).Create(context.Background(), in, now)
		return err
	})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return id
}

func insertPerson(t *testing.T, d *db.DB, name string) int64 {
	t.Helper()
	var id int64
	err := d.QueryRowContext(context.Background(), `INSERT INTO people (name, email, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id`,
		name, name+"@example.fi", db.Now(now)).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestProjectStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewStore(d)
		id := create(t, d, Input{
			Name: " Välityömarkkinat ", Funder: "ESR", StartsOn: day(2008, 1, 1), EndsOn: day(2011, 12, 31),
			Goals:          []GoalInput{{Title: "Yhteinen toimintamalli"}, {Title: "Hyvät käytännöt"}},
			Municipalities: []string{"564", "244", "564"},
		})
		p, err := s.GetFull(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "Välityömarkkinat" || p.Funder != "ESR" {
			t.Errorf("got %+v", p)
		}
		if p.StartsOn == nil || !p.StartsOn.Equal(*day(2008, 1, 1)) || p.EndsOn == nil || !p.EndsOn.Equal(*day(2011, 12, 31)) {
			t.Errorf("period %v–%v", p.StartsOn, p.EndsOn)
		}
		if len(p.Goals) != 2 || p.Goals[0].Title != "Yhteinen toimintamalli" || p.Goals[1].Position != 2 {
			t.Errorf("goals %+v", p.Goals)
		}
		if got := p.MunicipalityCodes(); len(got) != 2 || got[0] != "244" || got[1] != "564" {
			t.Errorf("municipalities %v", got)
		}

		// Update: reorder, keep one goal's id, drop one, add one.
		keep := p.Goals[1].ID
		in := Input{Name: "Välityömarkkinat II", Goals: []GoalInput{{Title: "Hyvät käytännöt"}, {Title: "Uusi"}}, Municipalities: []string{"425"}}
		if err := d.WithTx(ctx, func(tx *sql.Tx) error { return NewStore(tx).Update(ctx, id, in, now) }); err != nil {
			t.Fatal(err)
		}
		p, _ = s.GetFull(ctx, id)
		if len(p.Goals) != 2 || p.Goals[0].ID != keep || p.Goals[0].Position != 1 || p.Goals[1].Title != "Uusi" {
			t.Errorf("goals after update %+v (kept id %d)", p.Goals, keep)
		}
		if p.StartsOn != nil || len(p.Municipalities) != 1 || p.Municipalities[0].Name != "Liminka" {
			t.Errorf("after update %+v", p)
		}

		// Unknown municipality: EINVALID and nothing changes.
		bad := Input{Name: "X", Municipalities: []string{"999"}}
		err = d.WithTx(ctx, func(tx *sql.Tx) error { return NewStore(tx).Update(ctx, id, bad, now) })
		if e := app.AsError(err); e == nil || e.Code != app.EINVALID || e.Fields[0].Field != "municipalities" {
			t.Fatalf("unknown municipality: %v", err)
		}
		if p2, _ := s.Get(ctx, id); p2.Name != "Välityömarkkinat II" {
			t.Errorf("name changed to %q", p2.Name)
		}

		if _, err := s.Get(ctx, 9999); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("missing: %v", err)
		}
		if err := s.Update(ctx, 9999, in, now); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("update missing: %v", err)
		}

		// Archive: active first in the list.
		other := create(t, d, Input{Name: "Aaa"})
		if err := s.SetArchived(ctx, other, true, now); err != nil {
			t.Fatal(err)
		}
		list, total, err := s.List(ctx, ListFilter{})
		if err != nil || total != 2 || list[0].ID != id || !list[1].Archived {
			t.Fatalf("list %v %d %+v", err, total, list)
		}
		list, total, _ = s.List(ctx, ListFilter{Archived: new(false), Limit: 1})
		if total != 1 || len(list) != 1 || list[0].ID != id {
			t.Errorf("active only: %d %+v", total, list)
		}

		// Staff.
		aino := insertPerson(t, d, "Aino")
		if err := s.AddStaff(ctx, id, aino, RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		if err := s.AddStaff(ctx, id, aino, RoleWorker); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("duplicate staff: %v", err)
		}
		if err := s.AddStaff(ctx, id, 9999, RoleWorker); !app.IsCode(err, app.EINVALID) {
			t.Errorf("unknown person: %v", err)
		}
		if err := s.AddStaff(ctx, id, aino, "boss"); !app.IsCode(err, app.EINVALID) {
			t.Errorf("bad role: %v", err)
		}
		staff, _ := s.Staff(ctx, id)
		if len(staff) != 1 || staff[0].Name != "Aino" || staff[0].Email != "Aino@example.fi" {
			t.Errorf("staff %+v", staff)
		}
		people, err := s.SearchPeople(ctx, other, "ain", 10)
		if err != nil || len(people) != 1 {
			t.Errorf("search %v %+v", err, people)
		}
		if err := s.RemoveStaff(ctx, id, aino); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveStaff(ctx, id, aino); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("remove twice: %v", err)
		}
	})
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		in    Input
		field string
		key   string
	}{
		{"ErrNameRequired", Input{Name: "  "}, "name", "err.required"},
		{"ErrEndBeforeStart", Input{Name: "x", StartsOn: day(2026, 5, 1), EndsOn: day(2026, 4, 30)}, "ends_on", "err.end_before_start"},
		{"ErrMunicipalityCode", Input{Name: "x", Municipalities: []string{"56"}}, "municipalities", "err.invalid_municipality"},
		{"ErrNameTooLong", Input{Name: string(make([]byte, MaxName+1))}, "name", "err.too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v app.Validator
			tt.in.Validate(&v)
			e := app.AsError(v.Err())
			if e == nil {
				t.Fatal("no error")
			}
			for _, f := range e.Fields {
				if f.Field == tt.field && f.Key == tt.key {
					return
				}
			}
			t.Errorf("fields %+v, want %s %s", e.Fields, tt.field, tt.key)
		})
	}
	var v app.Validator
	in := Input{Name: "ok", StartsOn: day(2026, 1, 1), EndsOn: day(2026, 1, 1)}
	in.Validate(&v)
	if !v.Valid() {
		t.Errorf("same-day period invalid: %+v", v.Fields())
	}
}

// TestSearchPeopleNoEmailOracle checks the staff picker: names match by
// fragment, LIKE wildcards match only themselves, and an e-mail address
// matches only whole.
func TestSearchPeopleNoEmailOracle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := create(t, d, Input{Name: "Hanke"})
		var target int64
		if err := d.QueryRowContext(ctx, `INSERT INTO people (name, email, created_at, updated_at) VALUES ('Tuula Target', 'tt.secret_99@example.fi', $1, $1) RETURNING id`,
			db.Now(now)).Scan(&target); err != nil {
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
			{"secret", false},
			{"tt.secret_99@example.f", false},
			{"tt.secret_99@example.fi", true},
			{" TT.Secret_99@Example.FI ", true},
			{"tuula", true},
			{"a targ", true},
		} {
			got, err := s.SearchPeople(ctx, p, c.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if found := len(got) == 1 && got[0].ID == target; found != c.found || len(got) > 1 {
				t.Errorf("search %q found %+v, want found=%v", c.q, got, c.found)
			}
		}
	})
}
