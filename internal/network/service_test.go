package network

import (
	"context"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestServiceDecidesRights checks that each write decides the actor's
// right itself, whichever adapter calls it: unknown network first, then
// the public, then someone who does not manage it; a refused or invalid
// call writes nothing.
func TestServiceDecidesRights(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := fixture{t, d}
		svc := NewService(d, auth.NewPolicy(d, app.NewFixedClock(now)), app.NewFixedClock(now))
		pid := f.project("Hanke", "564")
		convener := f.person("Kaisa", 0)
		outsider := f.person("Olli", 0)
		admin := &app.User{ID: 1, IsAdmin: true}

		nid, err := svc.Create(ctx, admin, pid, Input{Name: "Verkosto"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AddMember(ctx, admin, nid, MembershipInput{PersonID: convener, Role: RoleConvener}); err != nil {
			t.Fatal(err)
		}
		conv := &app.User{ID: 2, PersonID: convener}
		out := &app.User{ID: 3, PersonID: outsider}

		for name, c := range map[string]struct {
			u    *app.User
			id   int64
			code string
		}{
			"unknown":  {conv, nid + 1000, app.ENOTFOUND},
			"public":   {nil, nid, app.EUNAUTH},
			"outsider": {out, nid, app.EFORBIDDEN},
		} {
			t.Run(name, func(t *testing.T) {
				if err := svc.Update(ctx, c.u, c.id, Input{Name: "Kaapattu"}); !app.IsCode(err, c.code) {
					t.Errorf("Update: %v, want %s", err, c.code)
				}
				if err := svc.SetStatus(ctx, c.u, c.id, StatusArchived); !app.IsCode(err, c.code) {
					t.Errorf("SetStatus: %v, want %s", err, c.code)
				}
				if _, err := svc.AddMember(ctx, c.u, c.id, MembershipInput{PersonID: outsider}); !app.IsCode(err, c.code) {
					t.Errorf("AddMember: %v, want %s", err, c.code)
				}
			})
		}
		if _, err := svc.Create(ctx, out, pid, Input{Name: "Oma"}); !app.IsCode(err, app.EFORBIDDEN) {
			t.Errorf("outsider Create: %v", err)
		}

		t.Run("ErrNameRequired", func(t *testing.T) {
			if err := svc.Update(ctx, conv, nid, Input{Name: " "}); !app.IsCode(err, app.EINVALID) {
				t.Errorf("blank name: %v", err)
			}
		})
		n, err := svc.Get(ctx, nid)
		if err != nil {
			t.Fatal(err)
		}
		if n.Name != "Verkosto" || n.Status != StatusActive {
			t.Fatalf("refused calls changed the network: %+v", n)
		}

		// The convener manages it.
		if err := svc.Update(ctx, conv, nid, Input{Name: "Uusi nimi", Themes: []string{"Laatu"}}); err != nil {
			t.Fatal(err)
		}
		mid, err := svc.AddMember(ctx, conv, nid, MembershipInput{PersonID: outsider, Role: RoleMember})
		if err != nil {
			t.Fatal(err)
		}
		if m, err := svc.RemoveMember(ctx, out, mid); !app.IsCode(err, app.EFORBIDDEN) || m != nil {
			t.Errorf("outsider RemoveMember: %v", err)
		}
		if m, err := svc.RemoveMember(ctx, conv, mid); err != nil || m.PersonID != outsider {
			t.Errorf("RemoveMember: %+v %v", m, err)
		}
		if n, _ := svc.Get(ctx, nid); n.Name != "Uusi nimi" || len(n.Themes) != 1 {
			t.Errorf("after update: %+v", n)
		}
	})
}
