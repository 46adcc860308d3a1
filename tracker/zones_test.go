package tracker

import (
	"archive/zip"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// zoneNames lists every zone of the time zone database: the names in Go's own copy of it (the
// one time/tzdata embeds), which does not depend on the machine.
func zoneNames(t *testing.T) []string {
	t.Helper()
	r, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Fatalf("the zone list: %v", err)
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		if !strings.HasSuffix(f.Name, "/") {
			names = append(names, f.Name)
		}
	}
	if len(names) < 400 {
		t.Fatalf("only %d zones in the database", len(names))
	}
	return names
}

// transitions returns the instants from 1970 to 2037 at which loc's offset or abbreviation
// changes, found by walking its periods of constant offset.
func transitions(loc *time.Location) []time.Time {
	var out []time.Time
	limit := time.Date(2038, 1, 1, 0, 0, 0, 0, time.UTC)
	for at := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).In(loc); ; {
		_, end := at.ZoneBounds()
		if end.IsZero() || !end.Before(limit) {
			return out
		}
		out = append(out, end)
		at = end.In(loc)
	}
}

// checkDay checks the day holding t: its range holds t, is not empty, and starts at the first
// instant of its calendar day (the second before is on an earlier day).
func checkDay(t *testing.T, zone string, at time.Time, loc *time.Location) {
	t.Helper()
	lo := StartOfDay(at, loc)
	hi := NextDay(lo)
	if at.Before(lo) || !at.Before(hi) {
		t.Fatalf("%s: %v is outside its day [%v, %v)", zone, at.In(loc), lo, hi)
	}
	if DateOf(lo) > DateOf(at.In(loc)) || DateOf(lo.Add(-time.Second)) >= DateOf(lo) {
		t.Fatalf("%s: the day of %v starts at %v", zone, at.In(loc), lo)
	}
	week := StartOfWeek(at, loc, time.Monday)
	if at.Before(week) || !at.Before(AddDays(week, 7)) || DateOf(week.Add(-time.Second)) >= DateOf(week) {
		t.Fatalf("%s: %v is outside its week from %v", zone, at.In(loc), week)
	}
	month := StartOfMonth(at, loc)
	y, m, _ := month.Date()
	if at.Before(month) || !at.Before(DayStart(y, m+1, 1, loc)) {
		t.Fatalf("%s: %v is outside its month from %v", zone, at.In(loc), month)
	}
}

// TestEveryZoneEveryTransition splits a 30-hour session across every clock change of every zone
// from 1970 to 2037, and checks the days around it: the split ends, its parts are positive, each
// lies on the day it is labelled with, and together they are the session's length.
func TestEveryZoneEveryTransition(t *testing.T) {
	const length = 30 * time.Hour
	zones, changes := 0, 0
	for _, name := range zoneNames(t) {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		zones++
		for _, change := range transitions(loc) {
			changes++
			start := change.Add(-15 * time.Hour)
			var sum time.Duration
			parts, cur := 0, start
			SplitByDay(start, length, loc, func(s DaySlice) {
				parts++
				if parts > 4 || s.Duration <= 0 {
					t.Fatalf("%s, change at %v: part %d of %v", name, change, parts, s.Duration)
				}
				if first, last := DateOf(cur.In(loc)), DateOf(cur.Add(s.Duration-time.Second).In(loc)); first != s.Day && last != s.Day {
					t.Fatalf("%s, change at %v: a part from %v labelled %s", name, change, cur.In(loc), s.Day)
				}
				sum += s.Duration
				cur = cur.Add(s.Duration)
			})
			if sum != length {
				t.Fatalf("%s, change at %v: the parts sum to %v, not %v", name, change, sum, length)
			}
			for _, at := range []time.Time{change.Add(-time.Second), change, change.Add(-25 * time.Hour), change.Add(25 * time.Hour)} {
				checkDay(t, name, at, loc)
			}
		}
	}
	t.Logf("%d zones, %d clock changes", zones, changes)
}

// The days the issue names, where midnight does not exist or a whole day is missing.
func TestDaysWithoutMidnight(t *testing.T) {
	for _, c := range []struct {
		zone, day, start string // start is the day's first instant, in RFC 3339
	}{
		{"America/Havana", "2026-03-08", "2026-03-08T01:00:00-04:00"},
		{"America/Sao_Paulo", "2018-11-04", "2018-11-04T01:00:00-02:00"},
		{"Pacific/Apia", "2011-12-29", "2011-12-29T00:00:00-10:00"},
		{"Pacific/Apia", "2011-12-30", "2011-12-31T00:00:00+14:00"}, // the day that never was
		{"Pacific/Kwajalein", "1993-08-21", "1993-08-22T00:00:00+12:00"},
		{"Pacific/Fakaofo", "2011-12-30", "2011-12-31T00:00:00+13:00"},
		{"America/New_York", "2026-11-01", "2026-11-01T00:00:00-04:00"},
	} {
		loc := mustLoc(t, c.zone)
		want, _ := time.Parse(time.RFC3339, c.start)
		got, ok := Date(c.day).In(loc)
		if !ok || !got.Equal(want) {
			t.Errorf("%s %s starts at %v, want %v", c.zone, c.day, got, want)
		}
		if next := NextDay(got); !next.After(got) {
			t.Errorf("%s %s: the next day starts at %v", c.zone, c.day, next)
		}
		from, err := ParseDay(c.day, time.Now(), loc)
		if skipped := DateOf(want.In(loc)) != Date(c.day); skipped {
			// Typed, a day the zone skipped is refused: its report would be of the next day.
			if ErrorCode(err) != Invalid || !strings.Contains(err.Error(), c.day+" does not exist in "+c.zone+": its clocks skipped that whole day") {
				t.Errorf("ParseDay(%s) in %s, a day skipped = %v, %v", c.day, c.zone, from, err)
			}
		} else if err != nil || !from.Equal(want) {
			t.Errorf("ParseDay(%s) in %s = %v, %v", c.day, c.zone, from, err)
		}
	}
}

func TestWallClockGapsAndRepeats(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	ny := mustLoc(t, "America/New_York")
	var wc *WallClockError
	_, err := ParseTime("2026-03-08 02:30", now, ny)
	if ErrorCode(err) != Invalid || !asWallClock(err, &wc) || len(wc.Instants) != 0 {
		t.Errorf("a time in the spring-forward gap: %v", err)
	}
	_, err = ParseTime("2026-11-01 01:30", now, ny)
	if !asWallClock(err, &wc) || len(wc.Instants) != 2 || wc.Instants[1].Sub(wc.Instants[0]) != time.Hour ||
		!strings.Contains(err.Error(), "2026-11-01T01:30-04:00") || !strings.Contains(err.Error(), "2026-11-01T01:30-05:00") {
		t.Errorf("a time in the repeated hour: %v", err)
	}
	// Each offset the message offers reads back as one instant, as the message writes it too.
	for _, typed := range []string{"2026-11-01T01:30:00-05:00", "2026-11-01T01:30-05:00", "2026-11-01 01:30-05:00"} {
		if got, err := ParseTime(typed, now, ny); err != nil || got.Unix() != 1793514600 {
			t.Errorf("the second 01:30 typed %q = %v (%d), %v", typed, got, got.Unix(), err)
		}
	}
	havana := mustLoc(t, "America/Havana")
	if _, err := ParseTime("2026-03-08 00:30", now, havana); !asWallClock(err, &wc) {
		t.Errorf("Havana's missing 00:30: %v", err)
	}
	if got, err := ParseTime("2026-03-08", now, havana); err != nil || got.Hour() != 1 {
		t.Errorf("Havana's day without midnight = %v, %v", got, err)
	}
	if got, err := ParseTime("2026-03-08 10:00", now, havana); err != nil || got.Format(time.RFC3339) != "2026-03-08T10:00:00-04:00" {
		t.Errorf("Havana 10:00 = %v, %v", got, err)
	}
}

func asWallClock(err error, target **WallClockError) bool {
	e, ok := err.(*Error)
	if !ok {
		return false
	}
	w, ok := e.Err.(*WallClockError)
	*target = w
	return ok
}
