package app

import (
	"strings"
	"testing"
	"time"
)

// A start typed in the hour the clocks skip, or in the hour they show twice, is said to the
// person; with its offset the repeated hour is taken as meant.
func TestStartTimeInAClockChangeIsSaid(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	spring := time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)
	autumn := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		day          time.Time
		typed        string
		want         string // the instant, in UTC; empty when refused
		wantInReason string
	}{
		{spring, "01:30", "2026-03-08T06:30:00Z", ""},
		{spring, "02:30", "", "does not exist on 2026-03-08"},
		{spring, "03:30", "2026-03-08T07:30:00Z", ""},
		{autumn, "01:30", "", "type 01:30-04:00 for the first or 01:30-05:00 for the second"},
		{autumn, "01:30-04:00", "2026-11-01T05:30:00Z", ""},
		{autumn, "01:30-05:00", "2026-11-01T06:30:00Z", ""},
		{autumn, "18:00-04:00", "", "is not at offset -04:00"},
		{autumn, "18:00", "2026-11-01T23:00:00Z", ""},
		{autumn, "25:00", "", "HH:MM"},
	} {
		got, err := startOn(c.day, c.typed, ny)
		switch {
		case c.want != "" && (err != nil || got.UTC().Format(time.RFC3339) != c.want):
			t.Errorf("%s %s = %v, %v; want %s", c.day.Format("2006-01-02"), c.typed, got.UTC(), err, c.want)
		case c.want == "" && (err == nil || !strings.Contains(err.Error(), c.wantInReason)):
			t.Errorf("%s %s = %v, %v; want a refusal saying %q", c.day.Format("2006-01-02"), c.typed, got, err, c.wantInReason)
		}
	}
}
