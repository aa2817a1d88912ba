package db_test

import (
	"context"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestCache: a value is loaded once and served from memory while its
// version stands; a write through another connection pool (another
// instance) makes the next Get load again; a failed load is not kept; the
// cache stays within its bound.
func TestCache(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := db.NewCache[string, int](db.MeetingListVersion, 2)
		loads := 0
		load := func(v int) func(context.Context) (int, error) {
			return func(context.Context) (int, error) { loads++; return v, nil }
		}
		if got, err := c.Get(ctx, d, "a", load(1)); err != nil || got != 1 || loads != 1 {
			t.Fatalf("first get: %d %v (%d loads)", got, err, loads)
		}
		if got, _ := c.Get(ctx, d, "a", load(2)); got != 1 || loads != 1 {
			t.Errorf("unchanged version: got %d after %d loads, want the cached 1 after 1", got, loads)
		}
		other, err := db.Open(ctx, d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if _, err := other.ExecContext(ctx, `UPDATE meeting_list_version SET v = v + 1 WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		if got, _ := c.Get(ctx, d, "a", load(3)); got != 3 || loads != 2 {
			t.Errorf("after another instance's write: got %d after %d loads, want 3 after 2", got, loads)
		}
		failed := func(context.Context) (int, error) { return 0, context.Canceled }
		if _, err := c.Get(ctx, d, "b", failed); err == nil {
			t.Error("a failed load answered no error")
		}
		if got, _ := c.Get(ctx, d, "b", load(4)); got != 4 {
			t.Errorf("a failed load was kept: got %d", got)
		}
		c.Get(ctx, d, "c", load(5))
		if n := c.Len(); n > 2 {
			t.Errorf("%d entries, bound 2", n)
		}
	})
}
