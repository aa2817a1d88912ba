package demo

import (
	"context"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// Every translated text is a title or description of the current
// project's meetings: a renamed meeting must not leave its translation
// behind.
func TestMeetingTextsUsed(t *testing.T) {
	used := map[string]bool{}
	for _, s := range actSeriesList {
		used[s.title], used[s.description] = true, true
		for _, m := range append(append([]actMeeting{}, s.past...), s.upcoming...) {
			used[m.title] = true
		}
	}
	for _, s := range actSingles {
		used[s.title] = true
	}
	for fi, tr := range meetingTexts {
		if !used[fi] {
			t.Errorf("translation of %q: no meeting has it", fi)
		}
		if tr[0] == "" || tr[1] == "" {
			t.Errorf("translation of %q: %q", fi, tr)
		}
	}
}

// The demo's current meetings carry their Swedish and English titles,
// also those of a series given a title of their own.
func TestMeetingTranslationsLoaded(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	if loaded, err := LoadIfEmpty(ctx, d, testNow); err != nil || !loaded {
		t.Fatalf("load: %v %v", loaded, err)
	}
	var sv, en, descSv string
	if err := d.QueryRowContext(ctx, `SELECT title_sv, title_en, description_sv FROM meetings WHERE title = $1 ORDER BY starts_at DESC LIMIT 1`,
		"Kuntouttavan työtoiminnan verkostokokous").Scan(&sv, &en, &descSv); err != nil {
		t.Fatal(err)
	}
	if sv != meetingTexts["Kuntouttavan työtoiminnan verkostokokous"][0] || en == "" || descSv == "" {
		t.Errorf("series meeting: %q %q %q", sv, en, descSv)
	}
	if err := d.QueryRowContext(ctx, `SELECT title_sv FROM meetings WHERE title = $1`, "Työpajavierailu: Iin työpaja").Scan(&sv); err != nil {
		t.Fatal(err)
	}
	if sv != "Verkstadsbesök: verkstaden i Ii" {
		t.Errorf("meeting with its own title: %q", sv)
	}
}
