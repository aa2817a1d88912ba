package app

import (
	"testing"
	"time"
)

func TestDay(t *testing.T) {
	for in, want := range map[time.Time]string{
		time.Date(2026, 11, 22, 21, 59, 0, 0, time.UTC): "2026-11-22", // 23.59 in Helsinki (UTC+2)
		time.Date(2026, 11, 22, 22, 0, 0, 0, time.UTC):  "2026-11-23", // midnight in Helsinki
		time.Date(2027, 6, 30, 21, 30, 0, 0, time.UTC):  "2027-07-01", // summer time (UTC+3)
	} {
		got := Day(in)
		if got.Format("2006-01-02") != want || got.Location() != time.UTC || got.Hour() != 0 {
			t.Errorf("Day(%v) = %v, want %s", in, got, want)
		}
	}
}
