package tracker

import (
	"strings"
	"time"
)

// Date is a calendar day, YYYY-MM-DD, with no time zone; "" means no date.
type Date string

const dateLayout = "2006-01-02"

// EarliestTime is the first instant a session may start at, for every way in: typed, edited,
// imported. Timewarrior counts from it too, and an earlier date is a typing slip or damage.
var EarliestTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date { return Date(t.Format(dateLayout)) }

// ParseDate checks a YYYY-MM-DD string.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(dateLayout, s); err != nil {
		if why := OutOfRange(s); why != "" && !strings.ContainsAny(s, " :") { // a date alone: a time is not asked for
			return "", Errorf(Invalid, "%q is not a date: %s", s, why)
		}
		return "", Errorf(Invalid, "%q is not a date: write it as YYYY-MM-DD, for example 2026-11-20", s)
	}
	return Date(s), nil
}

// Time returns midnight UTC of the day, and false for an empty or malformed date.
func (d Date) Time() (time.Time, bool) {
	if y, m, day, ok := d.fields(); ok {
		return time.Date(y, m, day, 0, 0, 0, 0, time.UTC), true
	}
	t, err := time.Parse(dateLayout, string(d))
	return t, err == nil
}

// fields reads a well-formed YYYY-MM-DD without the time package, which a report's thousands of
// days made a visible part of its time; what it refuses goes to time.Parse, which refuses it too.
func (d Date) fields() (year int, month time.Month, day int, ok bool) {
	if len(d) != len(dateLayout) || d[4] != '-' || d[7] != '-' {
		return 0, 0, 0, false
	}
	n := 0
	for i := range len(d) {
		if i == 4 || i == 7 {
			continue
		}
		c := d[i] - '0'
		if c > 9 {
			return 0, 0, 0, false
		}
		n = n*10 + int(c)
	}
	year, month, day = n/10000, time.Month(n/100%100), n%100
	if month < time.January || month > time.December || day < 1 || day > daysInMonth(year, month) {
		return 0, 0, 0, false
	}
	return year, month, day, true
}

func daysInMonth(year int, month time.Month) int {
	switch month {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// In returns the first instant of the day in loc (midnight, or the first instant that exists
// when a daylight-saving change skips midnight; for a day that a zone skipped whole, the first
// instant of the day after).
func (d Date) In(loc *time.Location) (time.Time, bool) {
	t, ok := d.Time()
	if !ok {
		return time.Time{}, false
	}
	return DayStart(t.Year(), t.Month(), t.Day(), loc), true
}

// DaysUntil counts whole calendar days from the day of now (in its location) to d; negative
// when d is past.
func (d Date) DaysUntil(now time.Time) (int, bool) {
	t, ok := d.Time()
	if !ok {
		return 0, false
	}
	today, _ := DateOf(now).Time()
	return int(t.Sub(today).Hours() / 24), true
}

// maxZoneJump bounds how far one zone's clock moves in one change (Apia skipped 24 hours in
// 2011), so that 48 hours before a day's nominal midnight is surely an earlier day.
const maxZoneJump = 48 * time.Hour

// DayStart returns the first instant from which loc's calendar day stays year-month-day or later
// (month and day are normalized like time.Date's). That is midnight, except where a clock change
// skips midnight (Havana springs forward at 00:00, so the day starts at 01:00) or where the clocks
// go back across midnight (the day starts at the last midnight), and a day a zone skipped whole
// (Apia, 2011-12-30) starts where the next day does. time.Date alone cannot be used: it moves a
// midnight that does not exist back into the day before, and the day loops then never end.
func DayStart(year int, month time.Month, day int, loc *time.Location) time.Time {
	civil := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	guess := time.Date(civil.Year(), civil.Month(), civil.Day(), 0, 0, 0, 0, loc)
	if isOnlyMidnight(guess, civil) {
		return guess
	}
	// Walk the zone's periods of constant offset around the day. In each, the clock reads the
	// day's midnight at one instant; the day starts at the last such crossing after which the
	// clock never goes back to an earlier day.
	midnight := civil.Unix()
	var first time.Time
	started := false
	stop := guess.Add(maxZoneJump)
	for at := guess.Add(-maxZoneJump).In(loc); ; {
		_, offset := at.Zone()
		_, end := at.ZoneBounds()
		crossing := midnight - int64(offset)
		switch {
		case crossing <= at.Unix(): // the period begins on the day or later
			if !started {
				first, started = at, true
			}
		case end.IsZero() || crossing < end.Unix():
			first, started = time.Unix(crossing, 0).In(loc), true
		default: // the whole period is before the day
			started = false
		}
		if end.IsZero() || end.After(stop) {
			return first
		}
		at = end.In(loc)
	}
}

// isOnlyMidnight reports whether t reads 00:00:00 on civil's day inside a period of constant
// offset that began before it and lasts long after: the common case, where midnight exists once
// and the clock does not come back to the day before.
func isOnlyMidnight(t, civil time.Time) bool {
	y, m, d := t.Date()
	if y != civil.Year() || m != civil.Month() || d != civil.Day() || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		return false
	}
	start, end := t.ZoneBounds()
	return start.Before(t) && (end.IsZero() || end.Sub(t) > maxZoneJump)
}

// StartOfDay returns the first instant of the day holding t in loc: the latest day start that is
// not after t.
func StartOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	for back := 0; ; back++ {
		if start := DayStart(y, m, d-back, loc); !start.After(t) {
			return start
		}
	}
}

// AddDays returns the first instant of the day n calendar days after dayStart's day, in
// dayStart's location. It counts calendar days rather than 24 hours, so days of 23 or 25 hours
// around a daylight-saving change come out right.
func AddDays(dayStart time.Time, n int) time.Time {
	y, m, d := dayStart.Date()
	return DayStart(y, m, d+n, dayStart.Location())
}

// NextDay returns the first instant of the day after the day that starts at dayStart; it is
// always later than dayStart, even in a zone that skipped a day.
func NextDay(dayStart time.Time) time.Time {
	for n := 1; ; n++ {
		if next := AddDays(dayStart, n); next.After(dayStart) {
			return next
		}
	}
}

// StartOfWeek returns the first instant of the week holding t, in loc, for weeks that begin on
// weekStart (Monday or Sunday).
func StartOfWeek(t time.Time, loc *time.Location, weekStart time.Weekday) time.Time {
	y, m, d := StartOfDay(t, loc).Date()
	back := (int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday()) - int(weekStart) + 7) % 7
	return DayStart(y, m, d-back, loc)
}

// StartOfMonth returns the first instant of t's month in loc.
func StartOfMonth(t time.Time, loc *time.Location) time.Time {
	y, m, _ := StartOfDay(t, loc).Date()
	return DayStart(y, m, 1, loc)
}

// DaySlice is the part of a session that falls on one calendar day.
type DaySlice struct {
	Day      Date
	Duration time.Duration
}

// SplitByDay cuts the interval [start, start+d) at the starts of local days, so a session across
// midnight counts on both days by its minutes. It works on instants, so a daylight-saving change
// neither loses nor doubles an hour.
func SplitByDay(start time.Time, d time.Duration, loc *time.Location, fn func(DaySlice)) {
	end := start.Add(d)
	dayStart := StartOfDay(start, loc)
	for cur := start; cur.Before(end); {
		next := NextDay(dayStart)
		stop := end
		if next.Before(stop) {
			stop = next
		}
		fn(DaySlice{Day: DateOf(dayStart), Duration: stop.Sub(cur)})
		cur, dayStart = stop, next
	}
}

// CivilDate is the calendar date days after 1970-01-01 (Howard Hinnant's days-to-civil
// algorithm): a report names thousands of days, and the time package's formatting was a
// visible part of it.
func CivilDate(days int64) (year, month, day int64) {
	z := days + 719468 // days since 0000-03-01
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}
