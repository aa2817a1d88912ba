package demo

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

func TestNationalSmallScale(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var progress strings.Builder
		n, err := loadScaled(ctx, d, testNow, 0.01, &progress)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s\n%s", progress.String(), n)
		checks := []struct {
			what  string
			query string
			want  int
		}{
			{"projects", `SELECT COUNT(*) FROM projects`, n.Projects},
			{"networks", `SELECT COUNT(*) FROM networks`, n.Networks},
			{"people", `SELECT COUNT(*) FROM people`, n.People},
			{"memberships", `SELECT COUNT(*) FROM memberships`, n.Memberships},
			{"organisations", `SELECT COUNT(*) FROM organisations`, n.Organisations},
		}
		for _, c := range checks {
			if got := count(t, d, c.query); got != c.want {
				t.Errorf("%s: %d, summary says %d", c.what, got, c.want)
			}
		}
		if n.Networks != 20 || n.Memberships != 1000 || n.People != 501 {
			t.Errorf("scale 0.01: %+v", n)
		}
		if got := count(t, d, `SELECT COUNT(*) FROM memberships WHERE network_id = $1`, n.BenchNetworkID); got != BenchNetworkSize {
			t.Errorf("bench network has %d members", got)
		}
		if got := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.network_id = $1 AND p.email = $2`, n.BenchNetworkID, BenchEmail); got != 1 {
			t.Errorf("bench user not in the bench network")
		}
		if got := count(t, d, `SELECT COUNT(*) FROM (SELECT network_id, person_id FROM memberships GROUP BY network_id, person_id HAVING COUNT(*) > 1) x`); got != 0 {
			t.Errorf("duplicate memberships: %d", got)
		}
		if got := count(t, d, `SELECT COUNT(*) FROM memberships WHERE deputy_of_id IS NOT NULL`); got == 0 {
			t.Error("no deputies")
		}
		s := auth.NewStore(d)
		if _, err := auth.Authenticate(ctx, s, BenchEmail, BenchPassword); err != nil {
			t.Errorf("bench sign-in: %v", err)
		}
		if _, err := auth.Authenticate(ctx, s, AdminEmail, Password); err != nil {
			t.Errorf("admin sign-in: %v", err)
		}
		for _, want := range []string{"/networks/", BenchEmail, "20 networks"} {
			if !strings.Contains(n.String(), want) {
				t.Errorf("summary lacks %q: %s", want, n)
			}
		}
		// Ids continue after the generated ones (PostgreSQL sequences moved).
		var id int64
		if err := d.QueryRowContext(ctx, `INSERT INTO people (name, created_at, updated_at) VALUES ('Uusi', $1, $1) RETURNING id`, testNow).Scan(&id); err != nil {
			t.Fatalf("insert after generation: %v", err)
		}
		// A second run refuses the now-used database.
		if _, err := loadScaled(ctx, d, testNow, 0.01, nil); !errors.Is(err, ErrNotEmpty) {
			t.Errorf("second run: %v", err)
		}
	})
}

func TestNetworkSizes(t *testing.T) {
	for _, c := range []struct{ n, total int }{{1, 50}, {20, 1000}, {2000, 100000}, {7, 400}} {
		sizes := networkSizes(c.n, c.total)
		sum := 0
		for _, s := range sizes {
			if s < 5 {
				t.Errorf("%v: size %d", c, s)
			}
			sum += s
		}
		if sizes[0] != BenchNetworkSize || (c.n > 1 && sum != c.total) {
			t.Errorf("%v: first %d, sum %d", c, sizes[0], sum)
		}
	}
}

// BenchmarkNational measures the generator at a tenth of national scale
// on SQLite: go test -bench National ./internal/demo
func BenchmarkNational(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := dbtest.SQLite(b)
		b.StartTimer()
		if _, err := loadScaled(context.Background(), d, testNow, 0.1, nil); err != nil {
			b.Fatal(err)
		}
	}
}
