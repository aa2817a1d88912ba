package db_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

func TestNullConversions(t *testing.T) {
	if db.NullID(0) != nil || db.NullID(7) != int64(7) {
		t.Error("NullID")
	}
	if db.NullString("") != nil || db.NullString("x") != "x" {
		t.Error("NullString")
	}
	if db.NullTime(nil) != nil || db.DateIn(nil) != nil || db.DateOut(sql.NullTime{}) != nil {
		t.Error("nil dates are NULL")
	}
	at := time.Date(2026, 12, 4, 23, 30, 0, 123456789, time.FixedZone("x", 2*3600))
	if got := db.NullTime(&at).(time.Time); !got.Equal(at.Truncate(time.Microsecond)) || got.Location() != time.UTC {
		t.Errorf("NullTime = %v", got)
	}
	if got := db.DateIn(&at).(time.Time); got != time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC) {
		t.Errorf("DateIn = %v", got)
	}
	if got := db.DateOut(sql.NullTime{Time: at, Valid: true}); *got != time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC) {
		t.Errorf("DateOut = %v", got)
	}
	if app.ISODate(nil) != "" || app.ISODatePtr(nil) != nil {
		t.Error("nil ISO dates")
	}
	d := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	if app.ISODate(&d) != "2026-01-02" || *app.ISODatePtr(&d) != "2026-01-02" {
		t.Error("ISODate")
	}
}
