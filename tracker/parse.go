package tracker

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Limits of a single session.
const (
	MinSession = time.Minute
	MaxSession = 24 * time.Hour
)

// ParseDuration reads a study duration: 45m, 1h30m, 1h30, 1.5h, 90min, "1h 30m", 1:30 or 1:30:00. A
// bare number is refused because minutes and hours are both plausible.
func ParseDuration(s string) (time.Duration, error) {
	in := strings.ToLower(strings.Join(strings.Fields(s), ""))
	if in == "" {
		return 0, Errorf(Invalid, "no duration given: write it like 45m, 1h30m or 1.5h")
	}
	if n, err := strconv.ParseFloat(in, 64); err == nil {
		return 0, Errorf(Invalid, "duration %q has no unit: %s", s, unitHint(in, n))
	}
	if d, ok := clockDuration(in); ok { // 1:05 or 1:05:00, as the time trackers' files write it
		return d, nil
	}
	norm := unitWords().Replace(in)
	if h := strings.IndexByte(norm, 'h'); h > 0 && isDigits(norm[:h]) && len(norm)-h-1 >= 1 && len(norm)-h-1 <= 2 && isDigits(norm[h+1:]) {
		norm += "m" // 1h30, as people write it
	}
	d, err := time.ParseDuration(norm)
	if err == nil && d < 0 {
		return 0, Errorf(Invalid, "%s is negative: a duration is how long, like 45m (for a session that ended earlier, give its start)", strings.TrimSpace(s))
	}
	if err != nil {
		if why := OutOfRange(in); why != "" && strings.Contains(in, ":") {
			return 0, Errorf(Invalid, "%q is not a duration: %s", s, why)
		}
		return 0, Errorf(Invalid, "%q is not a duration: write it like 45m, 1h30m or 1.5h", s)
	}
	if minutes, ok := minutesAfterHours(norm); ok && minutes >= 60 {
		return 0, Errorf(Invalid, "%q has %d minutes after its hours: write the hours whole, like %s", s, minutes, FormatDuration(d))
	}
	return d, nil
}

// unitHint says which unit to add to the bare number n (typed as in): those that make a length
// a session may have, so that "90" is not told to write 90h, which is refused as over a day.
func unitHint(in string, n float64) string {
	asMinutes := n >= MinSession.Minutes() && n <= MaxSession.Minutes()
	asHours := n >= MinSession.Hours() && n <= MaxSession.Hours()
	switch {
	case asMinutes && asHours:
		return fmt.Sprintf("write %sm for minutes or %sh for hours", in, in)
	case asMinutes:
		return fmt.Sprintf("write %sm for minutes", in)
	case asHours:
		return fmt.Sprintf("write %sh for hours", in)
	}
	return "write it like 45m, 1h30m or 1.5h"
}

// ParseHours reads a number of hours as a person types one in a field: 10, 7.5 or 7,5. Exponents
// (1e2), hexadecimal and the like, which strconv also reads, are refused: no one means 100
// hours by 1e2 in a goal.
func ParseHours(s string) (float64, error) {
	t := strings.TrimSpace(s)
	digits, seps := 0, 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == ',':
			seps++
		case (c == '-' || c == '+') && i == 0:
		default:
			digits = -1
		}
		if digits < 0 {
			break
		}
	}
	if digits <= 0 || seps > 1 {
		return 0, Errorf(Invalid, "%q is not a number of hours: write it like 10 or 7.5", t)
	}
	return strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64)
}

// clockDuration reads H:MM or H:MM:SS, minutes and seconds under 60; ok is false for anything
// else.
func clockDuration(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || p == "" || p[0] == '+' || p[0] == '-' || i > 0 && (len(p) != 2 || v > 59) || len(p) > 4 {
			return 0, false
		}
		n[i] = v
	}
	return time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second, true
}

// unitWords spells the units as time.ParseDuration does; it is built once, when first needed.
var unitWords = sync.OnceValue(func() *strings.Replacer {
	return strings.NewReplacer("mins", "m", "min", "m", "hrs", "h", "hr", "h", "secs", "s", "sec", "s")
})

// minutesAfterHours finds the minutes of "1h61m" (digits, h, digits, m), which are a typo more
// often than a sum. It is written out rather than a regular expression, whose compiling took
// longer than the rest of a log's parsing.
func minutesAfterHours(s string) (int, bool) {
	h := strings.IndexByte(s, 'h')
	if h < 1 || len(s) < h+3 || s[len(s)-1] != 'm' || !isDigits(s[:h]) || !isDigits(s[h+1:len(s)-1]) {
		return 0, false
	}
	minutes, _ := strconv.Atoi(s[h+1 : len(s)-1]) // past the range, the largest int: over 60
	return minutes, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
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

// FormatExactDuration writes d as FormatDuration does, with the seconds when it has some
// (1m30s, 1h30m15s), as ParseDuration reads it back: for a message that says what was stored,
// or a command that stores it again.
func FormatExactDuration(d time.Duration) string {
	d = d.Round(time.Second) // 1m59.6s is 2m, not 1m60s
	secs := d % time.Minute
	if secs == 0 || d < 0 {
		return FormatDuration(d)
	}
	whole := FormatDuration(d - d%time.Minute)
	if d < time.Minute {
		whole = ""
	} else if strings.HasSuffix(whole, "h") {
		whole += "0m" // 1h0m15s, not 1h15s, which a person reads as an hour and a quarter
	}
	return whole + strconv.FormatInt(int64(secs/time.Second), 10) + "s"
}

var clockLayouts = []string{"15:04", "15:04:05", "3:04pm", "3pm"}

var dateTimeLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}

// ParseTime reads an instant in loc, relative to now: "2026-11-20 18:00", "2026-11-20T18:00",
// "yesterday 18:00", "today 9:30", "18:00" (today), "now", or RFC 3339 with an offset. A day
// alone means its first instant. A clock time that the zone skips (a spring-forward gap) or
// shows twice (a fall-back hour) is refused with a *WallClockError rather than moved.
func ParseTime(s string, now time.Time, loc *time.Location) (time.Time, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return time.Time{}, Errorf(Invalid, "no time given: write it like \"2026-11-20 18:00\" or \"yesterday 18:00\"")
	}
	// With an offset, the instant is said whole: RFC 3339, or without seconds as the message
	// for an hour the clocks show twice writes it (2026-11-01T01:30-04:00).
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00"} {
		if t, err := time.Parse(layout, in); err == nil {
			return t, nil
		}
	}
	lower := strings.ToLower(in)
	if lower == "now" {
		return now, nil
	}
	for _, layout := range dateTimeLayouts {
		if c, err := time.Parse(layout, in); err == nil {
			return LocalTime(c, loc)
		}
	}
	day, rest, ok := parseDayWord(lower, now, loc)
	if !ok {
		day, rest = civilDay(now.In(loc)), lower
	}
	if rest == "" {
		return DayStart(day.Year(), day.Month(), day.Day(), loc), nil
	}
	if c, ok := parseClock(rest); ok {
		return LocalTime(time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), c.Second(), 0, time.UTC), loc)
	}
	if why := OutOfRange(s); why != "" {
		return time.Time{}, Errorf(Invalid, "%q is not a time: %s", s, why)
	}
	return time.Time{}, Errorf(Invalid, "%q is not a time: write it like \"2026-11-20 18:00\", \"yesterday 18:00\" or \"18:00\"", s)
}

// ParsePastTime is ParseTime for an instant that has passed since after, such as when a timer
// started at after was stopped: a time of day alone later than now is yesterday's, when that is
// after after, so that "22:40" typed at 00:20 is last night's and not tonight's. Otherwise it
// stays today's, for the caller to refuse as in the future.
func ParsePastTime(s string, now, after time.Time, loc *time.Location) (time.Time, error) {
	t, err := ParseTime(s, now, loc)
	if err == nil && t.After(now) && NamesNoDay(s) {
		if y, err := ParseTime(s, now.In(loc).AddDate(0, 0, -1), loc); err == nil && y.After(after) {
			return y, nil
		}
	}
	return t, err
}

// NamesNoDay reports whether s is a time of day alone ("21:45", "9pm", "6:00 PM"), which
// ParseTime puts on today: an edit of a session puts it on the session's own day instead.
func NamesNoDay(s string) bool {
	_, ok := parseClock(strings.ToLower(strings.TrimSpace(s)))
	return ok
}

// NamesNoTime reports whether s is a day alone ("yesterday", "2026-11-20"), which ParseTime
// reads as the day's first instant: when a session started or ended is seldom midnight, so a
// command asks for the time of day rather than take it (NeedTimeOfDay).
func NamesNoTime(s string) bool {
	_, rest, ok := parseDayWord(strings.ToLower(strings.TrimSpace(s)), time.Now(), time.UTC)
	return ok && rest == ""
}

// NeedTimeOfDay is the error for a day alone typed where an instant is wanted, else nil.
func NeedTimeOfDay(s string) error {
	if !NamesNoTime(s) {
		return nil
	}
	day := strings.TrimSpace(s)
	return Errorf(Invalid, "%q is a day without a time of day: give both, like %q", day, day+" 18:00")
}

// parseClock reads a time of day in lower case: 18:00, 18:00:05, 6:00pm or 6pm, and 6:00 pm as
// a 12-hour clock is written.
func parseClock(s string) (time.Time, bool) {
	if c := strings.TrimSuffix(strings.TrimSuffix(s, "am"), "pm"); c != s {
		s = strings.TrimSpace(c) + s[len(c):]
	}
	for _, layout := range clockLayouts {
		if c, err := time.Parse(layout, s); err == nil {
			return c, true
		}
	}
	return time.Time{}, false
}

// OutOfRange names what a date or clock time written in s holds that the calendar or the
// clock has not (February 30, a month 13, 25:00, 1:75), so that the message says what to mend
// rather than the format, which was right; "" when s has no such part.
func OutOfRange(s string) string {
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == 'T' || r == 't' }) {
		if p := strings.Split(tok, "-"); len(p) == 3 && len(p[0]) == 4 && isDigits(p[0]) && isDigits(p[1]) && isDigits(p[2]) && len(p[1]) == 2 && len(p[2]) == 2 {
			y, _ := strconv.Atoi(p[0])
			m, _ := strconv.Atoi(p[1])
			d, _ := strconv.Atoi(p[2])
			if m < 1 || m > 12 {
				return fmt.Sprintf("a year has no month %d (months are 01 to 12)", m)
			}
			if days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d < 1 || d > days {
				return fmt.Sprintf("%s %d has %d days", time.Month(m), y, days)
			}
		}
		if p := strings.Split(tok, ":"); len(p) >= 2 && len(p) <= 3 && isDigits(p[0]) && len(p[0]) <= 2 {
			for i, part := range p[1:] {
				if v, err := strconv.Atoi(part); err == nil && len(part) == 2 && v > 59 {
					return fmt.Sprintf("%s go from 00 to 59, not %d", []string{"minutes", "seconds"}[i], v)
				}
			}
			if h, _ := strconv.Atoi(p[0]); h > 23 && len(p[1]) == 2 && isDigits(p[1]) {
				return fmt.Sprintf("the hours of a time of day go from 0 to 23, not %d", h)
			}
		}
	}
	return ""
}

// parseDayWord reads a leading YYYY-MM-DD, today or yesterday as a calendar day (midnight UTC)
// and returns what follows it.
func parseDayWord(lower string, now time.Time, loc *time.Location) (time.Time, string, bool) {
	today := civilDay(now.In(loc))
	switch {
	case strings.HasPrefix(lower, "today"):
		return today, strings.TrimSpace(lower[len("today"):]), true
	case strings.HasPrefix(lower, "yesterday"):
		return today.AddDate(0, 0, -1), strings.TrimSpace(lower[len("yesterday"):]), true
	}
	if len(lower) >= len(dateLayout) {
		if d, err := time.Parse(dateLayout, lower[:len(dateLayout)]); err == nil {
			return d, strings.TrimSpace(lower[len(dateLayout):]), true
		}
	}
	return time.Time{}, "", false
}

// civilDay is t's calendar day as midnight UTC, where day arithmetic cannot meet a clock change.
func civilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// WallClockError says that a clock time typed in a zone names no instant (the clocks skipped
// it) or two (the clocks went back over it).
type WallClockError struct {
	Wall     time.Time   // the time as typed, in UTC fields
	Zone     string      // the zone's name
	Instants []time.Time // the instants that show it: none, or the earlier and the later
}

func (e *WallClockError) Error() string {
	wall := e.Wall.Format("2006-01-02 15:04")
	if len(e.Instants) == 0 {
		return fmt.Sprintf("%s does not exist in %s: the clocks jump over it that day "+
			"(daylight saving or a change of zone): give a time before or after the jump", wall, e.Zone)
	}
	return fmt.Sprintf("%s happens twice in %s, as the clocks go back: say which with its offset, "+
		"%s for the first or %s for the second", wall, e.Zone,
		e.Instants[0].Format("2006-01-02T15:04-07:00"), e.Instants[1].Format("2006-01-02T15:04-07:00"))
}

// LocalTime returns the one instant that shows wall's clock fields (read in UTC) in loc, or an
// Invalid *Error wrapping a *WallClockError when the zone skips that time or shows it twice.
func LocalTime(wall time.Time, loc *time.Location) (time.Time, error) {
	var found []time.Time
	guess := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc)
	// Every instant that shows the clock fields lies within a zone jump of the guess; try the
	// offset of each period of constant offset in that span.
	seen := map[int]bool{}
	for at := guess.Add(-maxZoneJump); !at.After(guess.Add(maxZoneJump)); {
		_, offset := at.Zone()
		if !seen[offset] {
			seen[offset] = true
			if u := time.Unix(wall.Unix()-int64(offset), 0).In(loc); sameClock(u, wall) {
				found = append(found, u)
			}
		}
		_, end := at.ZoneBounds()
		if end.IsZero() {
			break
		}
		at = end.In(loc)
	}
	if len(found) == 1 {
		return found[0], nil
	}
	sort.Slice(found, func(i, j int) bool { return found[i].Before(found[j]) })
	cause := &WallClockError{Wall: wall, Zone: loc.String(), Instants: found}
	return time.Time{}, &Error{Code: Invalid, Message: cause.Error(), Err: cause}
}

func sameClock(t, wall time.Time) bool {
	y, m, d := t.Date()
	return y == wall.Year() && m == wall.Month() && d == wall.Day() &&
		t.Hour() == wall.Hour() && t.Minute() == wall.Minute() && t.Second() == wall.Second()
}

// ParseDay reads a calendar day for a range: YYYY-MM-DD, today or yesterday, and returns the
// day's first instant in loc. A time of day after it is refused, not dropped without a word.
func ParseDay(s string, now time.Time, loc *time.Location) (time.Time, error) {
	lower := strings.ToLower(strings.TrimSpace(s))
	if day, rest, ok := parseDayWord(lower, now, loc); ok && rest == "" {
		return dayThatExists(day.Year(), day.Month(), day.Day(), loc)
	}
	if day, err := time.Parse(dateLayout, lower); err == nil {
		return dayThatExists(day.Year(), day.Month(), day.Day(), loc)
	}
	t, err := ParseTime(s, now, loc)
	switch {
	case err == nil && (strings.Contains(lower, ":") || strings.HasSuffix(lower, "am") || strings.HasSuffix(lower, "pm")):
		// A time would be dropped without a word: a day is asked for.
		return time.Time{}, Errorf(Invalid, "%q has a time of day, but a day is asked for: write it as YYYY-MM-DD, today or yesterday", s)
	case err == nil:
		return StartOfDay(t, loc), nil
	}
	if why := OutOfRange(s); why != "" {
		return time.Time{}, Errorf(Invalid, "%q is not a day: %s", s, why)
	}
	return time.Time{}, Errorf(Invalid, "%q is not a day: write it as YYYY-MM-DD, today or yesterday", s)
}

// dayThatExists is the start of the calendar day in loc, or an Invalid error when the zone has
// no such day: its clocks jumped over the whole of it (Samoa's 2011-12-30, as it crossed the
// date line), and a report of it would be of the next day.
func dayThatExists(year int, month time.Month, day int, loc *time.Location) (time.Time, error) {
	start := DayStart(year, month, day, loc)
	if want := time.Date(year, month, day, 0, 0, 0, 0, time.UTC); DateOf(start.In(loc)) != DateOf(want) {
		return time.Time{}, Errorf(Invalid, "%s does not exist in %s: its clocks skipped that whole day; give the day before or after",
			DateOf(want), loc)
	}
	return start, nil
}

// ParseDayDate reads a calendar day as ParseDay does (YYYY-MM-DD, today, yesterday) into a
// Date; "" stays "", for a date left out.
func ParseDayDate(s string, now time.Time, loc *time.Location) (Date, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	day, err := ParseDay(s, now, loc)
	if err != nil {
		return "", err
	}
	return DateOf(day.In(loc)), nil
}

// CountOf writes a count with its noun, for messages: "1 session", "3 sessions".
func CountOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
