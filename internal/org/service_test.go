package org

import (
	"context"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

func newService(d *db.DB) *Service {
	clock := app.NewFixedClock(now)
	return NewService(d, auth.NewPolicy(d, clock), clock)
}

// TestServiceRights: the use cases decide the actor's right before they
// look at the input, for the pages and the API alike.
func TestServiceRights(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		admin := &app.User{ID: 1, PersonID: 1, IsAdmin: true}
		nobody := &app.User{ID: 2, PersonID: 2}
		if err := s.Create(ctx, nil, &Organisation{}); !app.IsCode(err, app.EUNAUTH) {
			t.Errorf("create signed out: %v", err)
		}
		if err := s.Create(ctx, nobody, &Organisation{}); !app.IsCode(err, app.EFORBIDDEN) {
			t.Errorf("create without rights: %v", err)
		}
		a := &Organisation{Name: "Paja", Sector: SectorBusiness}
		if err := s.Create(ctx, admin, a); err != nil || a.ID == 0 {
			t.Fatalf("create: %v", err)
		}
		b := &Organisation{Name: "Paja ry", Sector: SectorThirdSector}
		if err := s.Create(ctx, admin, b); err != nil {
			t.Fatalf("create: %v", err)
		}
		if err := s.Update(ctx, nobody, a.ID, &Organisation{Name: "X", Sector: SectorBusiness}); !app.IsCode(err, app.EFORBIDDEN) {
			t.Errorf("update without rights: %v", err)
		}
		// A missing organisation is ENOTFOUND before its input is judged.
		if err := s.Update(ctx, admin, a.ID+b.ID+100, &Organisation{}); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("update missing: %v", err)
		}
		if err := s.Update(ctx, admin, a.ID, &Organisation{Name: "Paja ry", Sector: SectorBusiness}); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("update to a taken name: %v", err)
		}
		if _, _, err := s.Merge(ctx, &app.User{ID: 3, PersonID: 3}, a.ID, b.ID); !app.IsCode(err, app.EFORBIDDEN) {
			t.Errorf("merge by a non-admin: %v", err)
		}
		if _, _, err := s.Merge(ctx, admin, a.ID, 0); err == nil {
			t.Error("merge without a target")
		} else {
			wantField(t, err, app.EINVALID, "target_id", "err.required")
		}
		dup, _, err := s.Merge(ctx, admin, a.ID, b.ID)
		if err != nil || dup.Name != "Paja" {
			t.Fatalf("merge: %v %+v", err, dup)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM organisations WHERE id = $1`, a.ID); n != 0 {
			t.Errorf("merged organisation still there")
		}
	})
}
