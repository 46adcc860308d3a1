package tracker

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	good := map[string]time.Duration{
		"45m": 45 * time.Minute, "1h30m": 90 * time.Minute, "1.5h": 90 * time.Minute, "90min": 90 * time.Minute,
		"1h 30m": 90 * time.Minute, "2H": 2 * time.Hour, "0m": 0, "25h": 25 * time.Hour, "1hr": time.Hour,
		"1h59m": 119 * time.Minute, "75m": 75 * time.Minute, "1h30": 90 * time.Minute, "2h5": 125 * time.Minute, "1 h 30": 90 * time.Minute,
		"1:05": 65 * time.Minute, "1:05:00": 65 * time.Minute, "0:45": 45 * time.Minute, "12:30:15": 12*time.Hour + 30*time.Minute + 15*time.Second,
	}
	for in, want := range good {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "45", "abc", "-5m", "1.5.h", "m", "1h61m", "2h 90m", "1:5", "1:65", "1:05:60", ":30", "1:", "-1:00", "1:2:3:4", "+1:00", "-0:30", "-0:05:00",
		"1h300", "1h75", "h30", "1h3x"} {
		if _, err := ParseDuration(in); ErrorCode(err) != Invalid {
			t.Errorf("ParseDuration(%q) accepted", in)
		}
	}
	// A bare number is told the units that make a length a session may have.
	for in, want := range map[string]string{"90": "write 90m for minutes", "2": "write 2m for minutes or 2h for hours",
		"0.5": "write 0.5h for hours", "5000": "write it like 45m"} {
		if _, err := ParseDuration(in); err == nil || !strings.HasSuffix(err.Error(), want) && !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDuration(%q): %v; want %q", in, err, want)
		}
	}
	if _, err := ParseDuration("90"); err == nil || strings.Contains(err.Error(), "90h") {
		t.Errorf("ParseDuration(90) offers 90h, which is over a day: %v", err)
	}
	// A negative length is named so, in the app's fields and edit's --duration alike.
	if _, err := ParseDuration(" -1h30m "); err == nil || !strings.HasPrefix(err.Error(), "-1h30m is negative: a duration is how long") {
		t.Errorf("ParseDuration(-1h30m): %v", err)
	}
	for d, want := range map[time.Duration]string{45 * time.Minute: "45m", 90 * time.Minute: "1h30m", 2 * time.Hour: "2h", 59*time.Minute + 40*time.Second: "1h"} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %s, want %s", d, got, want)
		}
	}
}

func TestParseTime(t *testing.T) {
	loc := mustLoc(t, "Europe/Berlin")
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, loc)
	good := map[string]time.Time{
		"2026-11-20 18:00":          time.Date(2026, 11, 20, 18, 0, 0, 0, loc),
		"2026-11-20T18:00":          time.Date(2026, 11, 20, 18, 0, 0, 0, loc),
		"yesterday 18:00":           time.Date(2026, 11, 24, 18, 0, 0, 0, loc),
		"Today 9:30":                time.Date(2026, 11, 25, 9, 30, 0, 0, loc),
		"18:00":                     time.Date(2026, 11, 25, 18, 0, 0, 0, loc),
		"6pm":                       time.Date(2026, 11, 25, 18, 0, 0, 0, loc),
		"6:00 PM":                   time.Date(2026, 11, 25, 18, 0, 0, 0, loc),
		"yesterday 9:15 am":         time.Date(2026, 11, 24, 9, 15, 0, 0, loc),
		"12 AM":                     time.Date(2026, 11, 25, 0, 0, 0, 0, loc),
		"yesterday":                 time.Date(2026, 11, 24, 0, 0, 0, 0, loc),
		"2026-11-20":                time.Date(2026, 11, 20, 0, 0, 0, 0, loc),
		"now":                       now,
		"2026-11-20T18:00:00+01:00": time.Date(2026, 11, 20, 17, 0, 0, 0, time.UTC),
	}
	for in, want := range good {
		if got, err := ParseTime(in, now, loc); err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "tomorrow-ish", "25:00", "2026-13-01 10:00", "yesterday noon"} {
		if _, err := ParseTime(in, now, loc); ErrorCode(err) != Invalid {
			t.Errorf("ParseTime(%q) accepted", in)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"45m", "1h30m", "1.5h", "90min", "", "45", "1h 30m", "9999999999h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			if ErrorCode(err) != Invalid {
				t.Fatalf("%q: error without the invalid code: %v", s, err)
			}
			return
		}
		if d < 0 {
			t.Fatalf("%q gave a negative duration %v", s, d)
		}
		if d >= time.Minute && d <= MaxSession {
			if back, err := ParseDuration(FormatDuration(d)); err != nil || (back-d).Abs() > 30*time.Second {
				t.Fatalf("%q: %v formats as %q, which reads back as %v, %v", s, d, FormatDuration(d), back, err)
			}
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-11-20 18:00", "yesterday 18:00", "today", "18:00", "now", "6pm", "2026-11-20T18:00:00Z", "\xff"} {
		f.Add(s)
	}
	loc := time.FixedZone("test", 3600)
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := ParseTime(s, now, loc); err != nil && ErrorCode(err) != Invalid {
			t.Fatalf("%q: error without the invalid code: %v", s, err)
		}
	})
}

// minutesAfterHours reads what the regular expression ^[0-9]+h([0-9]+)m$ matches, and only that.
func FuzzMinutesAfterHours(f *testing.F) {
	for _, s := range []string{"1h61m", "2h90m", "1h30m", "h5m", "1hm", "1h5", "12h005m", "1h-5m", "1h5m5m", "1h1h1m", "45m", "", "h", "1h", "0h0m"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`^[0-9]+h([0-9]+)m$`)
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := minutesAfterHours(s)
		m := re.FindStringSubmatch(s)
		if ok != (m != nil) {
			t.Fatalf("%q: minutesAfterHours says %v, the expression %v", s, ok, m != nil)
		}
		if want, err := strconv.Atoi(safeIndex(m, 1)); ok && err == nil && got != want {
			t.Fatalf("%q: %d minutes, want %d", s, got, want)
		}
	})
}

func safeIndex(m []string, i int) string {
	if i < len(m) {
		return m[i]
	}
	return ""
}

// A date or time in the right format but not on the calendar or the clock is refused with what
// to mend, not with the format, which was right.
func TestOutOfRangeDatesAndTimesSayWhatIsWrong(t *testing.T) {
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"2026-02-30":       `"2026-02-30" is not a time: February 2026 has 28 days`,
		"2025-02-29 10:00": `"2025-02-29 10:00" is not a time: February 2025 has 28 days`,
		"2026-13-01 10:00": `"2026-13-01 10:00" is not a time: a year has no month 13 (months are 01 to 12)`,
		"25:00":            `"25:00" is not a time: the hours of a time of day go from 0 to 23, not 25`,
		"yesterday 10:75":  `"yesterday 10:75" is not a time: minutes go from 00 to 59, not 75`,
		"noonish":          `"noonish" is not a time: write it like "2026-11-20 18:00", "yesterday 18:00" or "18:00"`,
	} {
		if _, err := ParseTime(in, now, time.UTC); err == nil || err.Error() != want {
			t.Errorf("ParseTime(%q): %v, want %s", in, err, want)
		}
	}
	if _, err := ParseTime("2024-02-29 10:00", now, time.UTC); err != nil {
		t.Errorf("a leap day: %v", err)
	}
	if _, err := ParseDay("2026-04-31", now, time.UTC); err == nil || !strings.HasSuffix(err.Error(), "April 2026 has 30 days") {
		t.Errorf("ParseDay: %v", err)
	}
	if _, err := ParseDate("2027-02-29"); err == nil || !strings.HasSuffix(err.Error(), "February 2027 has 28 days") {
		t.Errorf("ParseDate: %v", err)
	}
	if _, err := ParseDuration("1:75"); err == nil || !strings.HasSuffix(err.Error(), "minutes go from 00 to 59, not 75") {
		t.Errorf("ParseDuration: %v", err)
	}
}

// A date field given a time, or a month or day of one digit, is told the format, not a range.
func TestOutOfRangeLeavesOtherMistakesToTheFormat(t *testing.T) {
	for _, in := range []string{"2026-11-20 25:00", "2026-2-30"} {
		if _, err := ParseDate(in); err == nil || !strings.Contains(err.Error(), "write it as YYYY-MM-DD") {
			t.Errorf("ParseDate(%q): %v", in, err)
		}
	}
}

// A time alone later than now is yesterday's, when that is after the start given; a time
// already past, a day named or a date stay.
func TestParsePastTime(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 12, 2, 0, 20, 0, 0, loc)
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"22:40", time.Date(2026, 12, 1, 22, 40, 0, 0, loc)},
		{"10:40 PM", time.Date(2026, 12, 1, 22, 40, 0, 0, loc)}, // a 12-hour clock's too: last night's
		{"00:10", time.Date(2026, 12, 2, 0, 10, 0, 0, loc)},
		{"yesterday 23:00", time.Date(2026, 12, 1, 23, 0, 0, 0, loc)},
		{"2026-12-02 22:40", time.Date(2026, 12, 2, 22, 40, 0, 0, loc)}, // a date: the caller refuses the future
		{"18:00", time.Date(2026, 12, 2, 18, 0, 0, 0, loc)},             // yesterday's is before the start: today's
	} {
		if got, err := ParsePastTime(c.in, now, now.Add(-5*time.Hour), loc); err != nil || !got.Equal(c.want) {
			t.Errorf("ParsePastTime(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	// Yesterday is the day before in loc, whatever zone now is written in: at 00:20 in New York
	// (04:20 UTC), 22:40 is the evening before in New York.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	nowUTC := time.Date(2026, 3, 9, 4, 20, 0, 0, time.UTC) // 00:20 EDT on 9 March
	if got, err := ParsePastTime("22:40", nowUTC, nowUTC.Add(-5*time.Hour), ny); err != nil || !got.Equal(time.Date(2026, 3, 8, 22, 40, 0, 0, ny)) {
		t.Errorf("in New York: %v, %v", got, err)
	}
}

func TestParseHours(t *testing.T) {
	for in, want := range map[string]float64{"10": 10, " 7.5 ": 7.5, "7,5": 7.5, "0": 0, ".5": 0.5, "168": 168, "-3": -3, "+4": 4, "12.": 12} {
		if got, err := ParseHours(in); err != nil || got != want {
			t.Errorf("ParseHours(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", " ", "1e2", "0x1p3", "1_000", "Inf", "NaN", "ten", "1.5.2", "1,5.2", "--1", "1-", ".", "10 h", "½"} {
		if got, err := ParseHours(in); err == nil || !strings.Contains(err.Error(), "like 10 or 7.5") {
			t.Errorf("ParseHours(%q) = %v, %v; want it refused", in, got, err)
		}
	}
}

// A duration with seconds is written with them, and reads back as it was.
func TestFormatExactDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		90 * time.Second: "1m30s", 45 * time.Minute: "45m", 2 * time.Hour: "2h", 61 * time.Second: "1m1s", 30 * time.Second: "30s",
		time.Hour + 15*time.Second: "1h0m15s", 90*time.Minute + 15*time.Second: "1h30m15s", 24 * time.Hour: "24h",
	} {

		got := FormatExactDuration(d)
		if got != want {
			t.Errorf("FormatExactDuration(%v) = %q; want %q", d, got, want)
		}
		if back, err := ParseDuration(got); err != nil || back != d {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", got, back, err, d)
		}
	}
}

// A time of day alone, however the clock is written, names no day.
func TestNamesNoDay(t *testing.T) {
	for s, want := range map[string]bool{"21:45": true, "9pm": true, "6:00 PM": true, " 7:05 am ": true, "18:00:05": true,
		"yesterday 18:00": false, "2026-11-20 18:00": false, "spam": false, "": false} {
		if got := NamesNoDay(s); got != want {
			t.Errorf("NamesNoDay(%q) = %v; want %v", s, got, want)
		}
	}
}

func TestFormatExactDurationRoundsToTheSecond(t *testing.T) {
	if got := FormatExactDuration(time.Minute + 59600*time.Millisecond); got != "2m" {
		t.Errorf("1m59.6s is written %q; want 2m", got)
	}
}
