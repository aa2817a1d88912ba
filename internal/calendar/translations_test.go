package calendar_test

import (
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/calendar"
	"github.com/kohtaamo/kohtaamo/internal/meeting/icstest"
)

// TestFeedInLanguage: a feed writes each meeting's title and description
// in its language (the personal feed's owner's), Finnish when a meeting
// has none in it.
func TestFeedInLanguage(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	ms := []calendar.Meeting{
		{ID: 1, Title: "Verkostotapaaminen", TitleSv: "Nätverksmöte", Description: "Kuvaus", DescriptionSv: "Beskrivning",
			StartsAt: now, EndsAt: now.Add(time.Hour), Status: calendar.StatusScheduled, CreatedAt: now, UpdatedAt: now},
		{ID: 2, Title: "Syyskokous", StartsAt: now.Add(time.Hour), EndsAt: now.Add(2 * time.Hour), Status: calendar.StatusScheduled,
			CreatedAt: now, UpdatedAt: now},
	}
	for _, tc := range []struct{ lang, first, desc, second string }{
		{"sv", "Nätverksmöte", "Beskrivning", "Syyskokous"},
		{"en", "Verkostotapaaminen", "Kuvaus", "Syyskokous"},
		{"fi", "Verkostotapaaminen", "Kuvaus", "Syyskokous"},
	} {
		out := calendar.Feed(ms, calendar.FeedOptions{Name: "Kohtaamo", Host: "kohtaamo.test",
			URL: func(p string) string { return "https://kohtaamo.test" + p }, Now: now, Lang: tc.lang})
		evs := icstest.Events(icstest.Parse(t, out))
		if got := icstest.Text(t, evs[0], "SUMMARY"); got != tc.first {
			t.Errorf("%s: SUMMARY %q, want %q", tc.lang, got, tc.first)
		}
		if got := icstest.Text(t, evs[0], "DESCRIPTION"); got != tc.desc {
			t.Errorf("%s: DESCRIPTION %q, want %q", tc.lang, got, tc.desc)
		}
		if got := icstest.Text(t, evs[1], "SUMMARY"); got != tc.second {
			t.Errorf("%s: second SUMMARY %q", tc.lang, got)
		}
	}
}
