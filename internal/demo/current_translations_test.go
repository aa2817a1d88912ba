package demo

import (
	"context"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestCurrentTranslations: the current project and its four networks have
// their names and descriptions in Swedish and English too; the ended
// projects keep Finnish only.
func TestCurrentTranslations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if _, err := LoadIfEmpty(context.Background(), d, testNow); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM projects WHERE name = $1
			AND name_sv <> '' AND name_en <> '' AND description_sv <> '' AND description_en <> ''`, OuluProject); n != 1 {
			t.Errorf("the current project has no Swedish and English name and description")
		}
		if n := count(t, d, `SELECT COUNT(*) FROM networks n JOIN projects p ON p.id = n.project_id WHERE p.name = $1
			AND n.name_sv <> '' AND n.name_en <> '' AND n.purpose_sv <> '' AND n.purpose_en <> ''`, OuluProject); n != 4 {
			t.Errorf("%d of the current project's networks translated, want 4", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM networks n WHERE n.name_sv = $1`, "Samarbetsnätverket för arbetsverksamhet i rehabiliteringssyfte"); n != 1 {
			t.Errorf("the Swedish name of %s is missing", kuntouttava)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM projects WHERE name <> $1 AND (name_sv <> '' OR name_en <> '')`, OuluProject); n != 0 {
			t.Errorf("%d ended projects got translated names", n)
		}
	})
}
