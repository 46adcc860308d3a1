package tracker

import (
	"fmt"
	"testing"
	"time"
	_ "time/tzdata" // the DST tests must not depend on the machine's zoneinfo
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func splits(start time.Time, d time.Duration, loc *time.Location) map[Date]time.Duration {
	out := map[Date]time.Duration{}
	SplitByDay(start, d, loc, func(s DaySlice) { out[s.Day] += s.Duration })
	return out
}

func TestSplitByDay(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	cases := []struct {
		name  string
		start time.Time
		d     time.Duration
		want  map[Date]time.Duration
	}{
		{"inside one day", time.Date(2026, 11, 20, 18, 0, 0, 0, ny), 45 * time.Minute,
			map[Date]time.Duration{"2026-11-20": 45 * time.Minute}},
		{"across midnight", time.Date(2026, 11, 20, 23, 30, 0, 0, ny), 90 * time.Minute,
			map[Date]time.Duration{"2026-11-20": 30 * time.Minute, "2026-11-21": 60 * time.Minute}},
		// Spring forward: 02:00 EST jumps to 03:00 EDT; three real hours from 00:30 end at 04:30.
		{"spring forward", time.Date(2026, 3, 8, 0, 30, 0, 0, ny), 3 * time.Hour,
			map[Date]time.Duration{"2026-03-08": 3 * time.Hour}},
		// Fall back: 02:00 EDT repeats 01:00 EST; three real hours from 00:30 end at 02:30.
		{"fall back", time.Date(2026, 11, 1, 0, 30, 0, 0, ny), 3 * time.Hour,
			map[Date]time.Duration{"2026-11-01": 3 * time.Hour}},
		// The 25-hour day holds a whole 24-hour session; the 23-hour day cannot.
		{"24h on the long day", time.Date(2026, 11, 1, 0, 0, 0, 0, ny), 24 * time.Hour,
			map[Date]time.Duration{"2026-11-01": 24 * time.Hour}},
		{"24h on the short day", time.Date(2026, 3, 8, 0, 0, 0, 0, ny), 24 * time.Hour,
			map[Date]time.Duration{"2026-03-08": 23 * time.Hour, "2026-03-09": time.Hour}},
		{"across midnight into DST", time.Date(2026, 3, 7, 23, 0, 0, 0, ny), 4 * time.Hour,
			map[Date]time.Duration{"2026-03-07": time.Hour, "2026-03-08": 3 * time.Hour}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := splits(c.start.UTC(), c.d, ny)
			var sum time.Duration
			for day, d := range got {
				sum += d
				if c.want[day] != d {
					t.Errorf("%s = %v, want %v", day, d, c.want[day])
				}
			}
			if len(got) != len(c.want) || sum != c.d {
				t.Errorf("got %v (sum %v), want %v", got, sum, c.want)
			}
		})
	}
}

func TestStartOfWeek(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	wed := time.Date(2026, 11, 25, 9, 0, 0, 0, ny)
	sun := time.Date(2026, 11, 29, 9, 0, 0, 0, ny)
	for _, c := range []struct {
		at    time.Time
		start time.Weekday
		want  string
	}{
		{wed, time.Monday, "2026-11-23"}, {wed, time.Sunday, "2026-11-22"},
		{sun, time.Monday, "2026-11-23"}, {sun, time.Sunday, "2026-11-29"},
		// The week holding the fall-back Sunday starts at midnight EDT.
		{time.Date(2026, 11, 1, 12, 0, 0, 0, ny), time.Monday, "2026-10-26"},
	} {
		got := StartOfWeek(c.at, ny, c.start)
		if string(DateOf(got)) != c.want || got.Hour() != 0 {
			t.Errorf("week of %v starting %v = %v, want %s", c.at, c.start, got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	if _, err := ParseDate("2026-02-30"); ErrorCode(err) != Invalid {
		t.Error("Feb 30 accepted")
	}
	end, ok := Window{Name: "Lab eligibility", Years: 3}.Ends("2026-02-10")
	if !ok || end != "2029-02-10" {
		t.Errorf("window end = %s", end)
	}
	days, _ := Date("2026-12-25").DaysUntil(time.Date(2026, 11, 25, 23, 0, 0, 0, time.UTC))
	if days != 30 {
		t.Errorf("days until = %d", days)
	}
}

// dateByParse is what Date.Time gave before its fast path: the time package's reading.
func dateByParse(d Date) (time.Time, bool) {
	t, err := time.Parse(dateLayout, string(d))
	return t, err == nil
}

// TestDateTimeAsParse: every day of years 0 to 9999 and every impossible month and day of a
// leap, a common and a century year read as time.Parse reads them.
func TestDateTimeAsParse(t *testing.T) {
	check := func(d Date) {
		got, ok := d.Time()
		want, wantOK := dateByParse(d)
		if ok != wantOK || !got.Equal(want) || got.Location() != want.Location() {
			t.Fatalf("%q: got %v %v, time.Parse gives %v %v", d, got, ok, want, wantOK)
		}
	}
	for day := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 10000; day = day.AddDate(0, 0, 1) {
		check(DateOf(day))
	}
	for _, year := range []string{"2024", "2025", "1900", "2000", "0000"} {
		for m := range 100 {
			for d := range 100 {
				check(Date(fmt.Sprintf("%s-%02d-%02d", year, m, d)))
			}
		}
	}
	for _, d := range []Date{"", "2026-1-01", "2026-01-1", "2026/01/01", "+026-01-01", "2026-+1-01", "2026-01-+1",
		" 2026-01-01", "2026-01-01 ", "2026-01-0a", "２０２６-01-01", "2026-01-01T00", "20260101", "2026--01-01"} {
		check(d)
	}
}

func FuzzDateTime(f *testing.F) {
	for _, s := range []string{"2026-02-28", "2024-02-29", "2025-02-29", "0000-01-01", "9999-12-31", "2026-13-01", "2026-00-10", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := Date(s).Time()
		want, wantOK := dateByParse(Date(s))
		if ok != wantOK || !got.Equal(want) {
			t.Fatalf("%q: got %v %v, time.Parse gives %v %v", s, got, ok, want, wantOK)
		}
	})
}
