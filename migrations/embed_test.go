package migrations

import (
	"io/fs"
	"slices"
	"testing"
)

// TestFoldersHoldTheSameFiles fails when a migration exists for one
// database but not the other: the two would drift apart silently.
func TestFoldersHoldTheSameFiles(t *testing.T) {
	sqlite, err := fs.Glob(FS, "sqlite/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	postgres, err := fs.Glob(FS, "postgres/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	names := func(files []string, dir string) []string {
		out := make([]string, len(files))
		for i, f := range files {
			out[i] = f[len(dir)+1:]
		}
		return out
	}
	a, b := names(sqlite, "sqlite"), names(postgres, "postgres")
	if len(a) == 0 {
		t.Fatal("no migrations embedded")
	}
	for _, f := range a {
		if !slices.Contains(b, f) {
			t.Errorf("%s is in sqlite/ but not in postgres/", f)
		}
	}
	for _, f := range b {
		if !slices.Contains(a, f) {
			t.Errorf("%s is in postgres/ but not in sqlite/", f)
		}
	}
}
