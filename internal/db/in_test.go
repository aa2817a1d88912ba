package db_test

import (
	"slices"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// TestInIDs: placeholders start at from, the list is padded with 0 to a
// power of two (at least 4), and the ids come first in their order.
func TestInIDs(t *testing.T) {
	in, args := db.InIDs([]int64{7, 8, 9, 10, 11}, 3)
	if in != "$3, $4, $5, $6, $7, $8, $9, $10" {
		t.Errorf("placeholders %q", in)
	}
	want := []any{int64(7), int64(8), int64(9), int64(10), int64(11), int64(0), int64(0), int64(0)}
	if !slices.Equal(args, want) {
		t.Errorf("args %v, want %v", args, want)
	}
	if in, args := db.InIDs(nil, 1); in != "$1, $2, $3, $4" || len(args) != 4 {
		t.Errorf("empty: %q %v", in, args)
	}
}
