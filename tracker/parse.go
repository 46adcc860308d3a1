package tracker

import (
	"strconv"
	"strings"
	"time"
)

// Limits of a single session.
const (
	MinSession = time.Minute
	MaxSession = 24 * time.Hour
)

// ParseDuration reads a study duration: 45m, 1h30m, 1.5h, 90min, "1h 30m". A bare number is
// refused because minutes and hours are both plausible.
func ParseDuration(s string) (time.Duration, error) {
	in := strings.ToLower(strings.Join(strings.Fields(s), ""))
	if in == "" {
		return 0, Errorf(Invalid, "no duration given: write it like 45m, 1h30m or 1.5h")
	}
	if _, err := strconv.ParseFloat(in, 64); err == nil {
		return 0, Errorf(Invalid, "duration %q has no unit: write %sm for minutes or %sh for hours", s, in, in)
	}
	norm := strings.NewReplacer("mins", "m", "min", "m", "hrs", "h", "hr", "h", "secs", "s", "sec", "s").Replace(in)
	d, err := time.ParseDuration(norm)
	if err != nil || d < 0 {
		return 0, Errorf(Invalid, "%q is not a duration: write it like 45m, 1h30m or 1.5h", s)
	}
	return d, nil
}

// FormatDuration writes a duration the way ParseDuration reads it, to the minute: 1h30m, 45m.
func FormatDuration(d time.Duration) string {
	m := int64((d + 30*time.Second) / time.Minute)
	switch {
	case m < 60:
		return strconv.FormatInt(m, 10) + "m"
	case m%60 == 0:
		return strconv.FormatInt(m/60, 10) + "h"
	default:
		return strconv.FormatInt(m/60, 10) + "h" + strconv.FormatInt(m%60, 10) + "m"
	}
}

var clockLayouts = []string{"15:04", "15:04:05", "3:04pm", "3pm"}

// ParseTime reads an instant in loc, relative to now: "2026-11-20 18:00", "2026-11-20T18:00",
// "yesterday 18:00", "today 9:30", "18:00" (today), "now", or RFC 3339 with an offset.
func ParseTime(s string, now time.Time, loc *time.Location) (time.Time, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return time.Time{}, Errorf(Invalid, "no time given: write it like \"2026-11-20 18:00\" or \"yesterday 18:00\"")
	}
	if t, err := time.Parse(time.RFC3339, in); err == nil {
		return t, nil
	}
	lower := strings.ToLower(in)
	if lower == "now" {
		return now, nil
	}
	today := now.In(loc)
	day, rest := time.Time{}, lower
	switch {
	case strings.HasPrefix(lower, "today"):
		day, rest = today, strings.TrimSpace(lower[len("today"):])
	case strings.HasPrefix(lower, "yesterday"):
		day, rest = today.AddDate(0, 0, -1), strings.TrimSpace(lower[len("yesterday"):])
	default:
		for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
			if t, err := time.ParseInLocation(layout, in, loc); err == nil {
				return t, nil
			}
		}
		if t, err := time.ParseInLocation(dateLayout, in, loc); err == nil {
			return t, nil
		}
		day = today
	}
	if rest == "" {
		return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc), nil
	}
	for _, layout := range clockLayouts {
		if c, err := time.Parse(layout, rest); err == nil {
			return time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), c.Second(), 0, loc), nil
		}
	}
	return time.Time{}, Errorf(Invalid, "%q is not a time: write it like \"2026-11-20 18:00\", \"yesterday 18:00\" or \"18:00\"", s)
}

// ParseDay reads a calendar day for a range: YYYY-MM-DD, today or yesterday.
func ParseDay(s string, now time.Time, loc *time.Location) (time.Time, error) {
	t, err := ParseTime(s, now, loc)
	if err != nil {
		return time.Time{}, Errorf(Invalid, "%q is not a day: write it as YYYY-MM-DD, today or yesterday", s)
	}
	return StartOfDay(t, loc), nil
}

// CountOf writes a count with its noun, for messages: "1 session", "3 sessions".
func CountOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
