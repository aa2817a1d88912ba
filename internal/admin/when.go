package admin

import (
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// when formats a moment in Helsinki time, the way a person reads it
// ("22.11.2026 klo 0.29"): the admin pages' times are stored in UTC.
func when(v *web.View, t time.Time) string { return whenClock(v, t, false) }

// whenSeconds is when with seconds, for a single delivery's details.
func whenSeconds(v *web.View, t time.Time) string { return whenClock(v, t, true) }

// whenClock writes the hour without a leading zero, minutes (and seconds)
// after a full stop in Finnish and Swedish, after a colon in English.
func whenClock(v *web.View, t time.Time, seconds bool) string {
	local := t.In(app.Helsinki)
	sep := "."
	if v.Lang == "en" {
		sep = ":"
	}
	clock := fmt.Sprintf("%d%s%02d", local.Hour(), sep, local.Minute())
	if seconds {
		clock += fmt.Sprintf("%s%02d", sep, local.Second())
	}
	return v.T("admin.at", "Date", local.Format("2.1.2006"), "Time", clock)
}
