package tracker

import (
	"time"
)

// Date is a calendar day, YYYY-MM-DD, with no time zone; "" means no date.
type Date string

const dateLayout = "2006-01-02"

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date { return Date(t.Format(dateLayout)) }

// ParseDate checks a YYYY-MM-DD string.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(dateLayout, s); err != nil {
		return "", Errorf(Invalid, "%q is not a date: write it as YYYY-MM-DD, for example 2026-11-20", s)
	}
	return Date(s), nil
}

// Time returns midnight UTC of the day, and false for an empty or malformed date.
func (d Date) Time() (time.Time, bool) {
	t, err := time.Parse(dateLayout, string(d))
	return t, err == nil
}

// In returns the first instant of the day in loc (midnight, or the first hour that exists when
// a daylight-saving change skips midnight).
func (d Date) In(loc *time.Location) (time.Time, bool) {
	t, ok := d.Time()
	if !ok {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc), true
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

// StartOfDay returns the first instant of t's calendar day in loc.
func StartOfDay(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// NextDay returns the first instant of the day after the day that starts at dayStart. It adds a
// calendar day rather than 24 hours, so days of 23 or 25 hours around a daylight-saving change
// come out right.
func NextDay(dayStart time.Time) time.Time {
	return time.Date(dayStart.Year(), dayStart.Month(), dayStart.Day()+1, 0, 0, 0, 0, dayStart.Location())
}

// StartOfWeek returns the first instant of the week holding t, in loc, for weeks that begin on
// weekStart (Monday or Sunday).
func StartOfWeek(t time.Time, loc *time.Location, weekStart time.Weekday) time.Time {
	day := StartOfDay(t, loc)
	back := (int(day.Weekday()) - int(weekStart) + 7) % 7
	return time.Date(day.Year(), day.Month(), day.Day()-back, 0, 0, 0, 0, loc)
}

// StartOfMonth returns the first instant of t's month in loc.
func StartOfMonth(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
}

// DaySlice is the part of a session that falls on one calendar day.
type DaySlice struct {
	Day      Date
	Duration time.Duration
}

// SplitByDay cuts the interval [start, start+d) at local midnights, so a session across midnight
// counts on both days by its minutes. It works on instants, so a daylight-saving change neither
// loses nor doubles an hour.
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
