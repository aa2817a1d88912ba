package app

import (
	"time"
	_ "time/tzdata" // Helsinki time without the system zoneinfo
)

// Helsinki is the time zone Kohtaamo's users live in: meeting times and
// "today" are Helsinki time.
var Helsinki = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		panic(err) // cannot happen: time/tzdata is embedded
	}
	return loc
}()

// Day returns the Helsinki calendar date of t as midnight UTC, the form in
// which DATE columns are stored and compared on both databases.
func Day(t time.Time) time.Time {
	t = t.In(Helsinki)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ISODate formats a calendar date as yyyy-mm-dd, the form of date inputs
// and of the API; nil is "".
func ISODate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// ISODatePtr is ISODate for an optional JSON field: nil stays nil.
func ISODatePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format("2006-01-02")
	return &s
}
