package db

import (
	"database/sql"
	"time"
)

// The conversions between Go's zero values and SQL NULL, written once for
// every store.

// NullID is id as a query argument: NULL for 0 (no reference).
func NullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// NullString is s as a query argument: NULL for "".
func NullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// NullTime is t as a query argument in the stored form (see Now): NULL
// for nil.
func NullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return Now(*t)
}

// DateIn is a calendar date as a query argument for a DATE column:
// midnight UTC of t's year, month and day; NULL for nil.
func DateIn(t *time.Time) any {
	if t == nil {
		return nil
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// DateOut is a scanned DATE column as a calendar date (midnight UTC);
// nil for NULL.
func DateOut(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	d := time.Date(t.Time.Year(), t.Time.Month(), t.Time.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}
