package exchange

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"corepath/tracker"
)

// Toggl Track's detailed report CSV has the columns
//
//	User, Email, Client, Project, Task, Description, Billable, Start date, Start time,
//	End date, End time, Duration, Tags, Amount (...)
//
// and Clockify's detailed report
//
//	Project, Client, Description, Task, User, Group, Email, Tags, Billable, Start Date,
//	Start Time, End Date, End Time, Duration (h), Duration (decimal), Billable Rate (...), ...
//
// Columns are found by name, in any order and case. Corepath reads Project (the topic),
// Description (the note), Tags (comma-separated), the start and end dates and times, and the
// duration when there is no end. Dates are YYYY-MM-DD, or MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or
// DD-MM-YYYY as set in the account; a file's order is the one all its dates fit, month first
// when both do, except day first with dots. Times are 24-hour (18:00, 18:00:00) or 12-hour
// (6:00 PM, 06:00:00 PM), in the zone of the account's profile, which the file does not say:
// they are read in ImportOptions.Loc.

// csvColumns holds the index of each column Corepath reads; -1 when absent.
type csvColumns struct {
	project, description, tags, startDate, startTime, endDate, endTime, duration int
}

// csvRow is a row kept as text until the whole file shows which date order it uses.
type csvRow struct {
	at                                                                           pos
	project, description, tags, startDate, startTime, endDate, endTime, duration string
}

// withoutProject is the topic name of an entry with no project, as both apps label it.
const withoutProject = "Without project"

// parseCSV reads a Toggl or Clockify CSV export; format "" tells them apart by the header.
func parseCSV(br *bufio.Reader, g *guard, format Format, loc *time.Location, src *source) error {
	first, _ := br.Peek(4096)
	cr := csv.NewReader(br)
	if line, _, _ := strings.Cut(string(first), "\n"); strings.Count(line, ";") > strings.Count(line, ",") {
		cr.Comma = ';' // a spreadsheet saved in a locale that separates with semicolons
	}
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return csvError(err)
	}
	cols, detected := csvHeader(header)
	if format == "" {
		format = detected
		src.format = detected
	}
	if format == "" {
		return tracker.Errorf(tracker.Invalid, "Corepath cannot tell what this file is: it is not a Corepath or Timewarrior JSON export, a Timewarrior data file, or a Toggl or Clockify detailed report in CSV (their first line names the columns). Give --format if it is one of those")
	}
	if format != Toggl && format != Clockify {
		return tracker.Errorf(tracker.Invalid, "this file is not a %s file: it looks like CSV", format)
	}
	if cols.project < 0 || cols.startDate < 0 || cols.startTime < 0 || (cols.endTime < 0 && cols.duration < 0) {
		return tracker.Errorf(tracker.Invalid, "line 1: a %s detailed report names its columns Project, Start date, Start time, End date, End time and Duration; this file's first line does not", label(format))
	}
	var rows []csvRow
	g.mark(cr.InputOffset())
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvError(err)
		}
		g.mark(cr.InputOffset())
		line, _ := cr.FieldPos(0)
		if len(rows)+len(src.short) >= MaxRecords {
			return tracker.Errorf(tracker.Invalid, "line %d: the file has more than %d records, more than Corepath imports at once: split it (for example by year) and import the parts", line, MaxRecords)
		}
		field := func(i int) string {
			if i < 0 {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		rows = append(rows, csvRow{at: pos{line: line}, project: field(cols.project), description: field(cols.description),
			tags: field(cols.tags), startDate: field(cols.startDate), startTime: field(cols.startTime),
			endDate: field(cols.endDate), endTime: field(cols.endTime), duration: field(cols.duration)})
	}
	order, note, err := dateOrderOf(rows)
	if err != nil {
		return err
	}
	if note != "" {
		src.notes = append(src.notes, note)
	}
	for i := range rows {
		rec, err := rows[i].record(order, loc)
		if err != nil {
			return at(rows[i].at, err)
		}
		if err := src.add(rec); err != nil {
			return err
		}
		rows[i] = csvRow{} // let the text go as soon as the record holds it
	}
	return nil
}

func label(f Format) string {
	if f == Toggl {
		return "Toggl Track"
	}
	return "Clockify"
}

// csvHeader finds the columns by name and guesses which app wrote them: Clockify's duration
// columns are "Duration (h)" and "Duration (decimal)", Toggl's is "Duration".
func csvHeader(header []string) (csvColumns, Format) {
	cols := csvColumns{-1, -1, -1, -1, -1, -1, -1, -1}
	var toggl, clockify bool
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "project":
			cols.project = i
		case "description":
			cols.description = i
		case "tags":
			cols.tags = i
		case "start date":
			cols.startDate = i
		case "start time":
			cols.startTime = i
		case "end date":
			cols.endDate = i
		case "end time":
			cols.endTime = i
		case "duration":
			cols.duration, toggl = i, true
		case "duration (h)":
			cols.duration, clockify = i, true
		case "duration (decimal)":
			clockify = true
		}
	}
	if cols.project < 0 || cols.startDate < 0 || cols.startTime < 0 {
		return cols, ""
	}
	switch {
	case clockify:
		return cols, Clockify
	case toggl:
		return cols, Toggl
	}
	return cols, ""
}

// csvError describes a CSV syntax error, or passes the guard's error through.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return tracker.Errorf(tracker.Invalid, "line %d has a different number of columns from the first line", pe.StartLine)
		}
		return tracker.Errorf(tracker.Invalid, "line %d is not valid CSV: %v", pe.Line, pe.Err)
	}
	if err == io.EOF {
		return tracker.Errorf(tracker.Invalid, "the file is empty")
	}
	return inputError("the file", err)
}

// dateOrder is the order of day, month and year in a file's dates that are not YYYY-MM-DD.
type dateOrder int

const (
	monthFirst dateOrder = iota
	dayFirst
)

// dateParts splits a date such as 11/20/2026, 20.11.2026 or 2026-11-20 into its numbers; iso
// when the year comes first.
func dateParts(s string) (a, b, c int, sep byte, iso bool, ok bool) {
	i := strings.IndexAny(s, "/.-")
	if i < 0 {
		return
	}
	sep = s[i]
	parts := strings.Split(strings.TrimSuffix(s, string(sep)), string(sep))
	if len(parts) != 3 {
		return
	}
	var n [3]int
	for k, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || len(p) > 4 || len(p) == 0 {
			return
		}
		n[k] = v
	}
	if len(parts[0]) == 4 {
		return n[0], n[1], n[2], sep, true, true
	}
	if len(parts[2]) != 4 {
		return
	}
	return n[0], n[1], n[2], sep, false, true
}

// dateOrderOf chooses the order the file's dates all fit, and notes the choice when its dates
// would fit either.
func dateOrderOf(rows []csvRow) (dateOrder, string, error) {
	var dayFirstAt, monthFirstAt *pos
	var sep byte
	for i := range rows {
		for _, d := range []string{rows[i].startDate, rows[i].endDate} {
			a, b, _, s, iso, ok := dateParts(d)
			if !ok || iso {
				continue
			}
			sep = s
			if a > 12 && dayFirstAt == nil {
				dayFirstAt = &rows[i].at
			}
			if b > 12 && monthFirstAt == nil {
				monthFirstAt = &rows[i].at
			}
		}
	}
	switch {
	case dayFirstAt != nil && monthFirstAt != nil:
		return 0, "", tracker.Errorf(tracker.Invalid, "the dates mix day-first (%s) and month-first (%s) orders; export the file again with one date format", dayFirstAt, monthFirstAt)
	case dayFirstAt != nil:
		return dayFirst, "", nil
	case monthFirstAt != nil || sep == 0:
		return monthFirst, "", nil
	case sep == '.':
		return dayFirst, "every date in the file reads either way round; they were read day first (DD.MM.YYYY)", nil
	}
	return monthFirst, fmt.Sprintf("every date in the file reads either way round; they were read month first (MM%cDD%cYYYY), as the apps write them by default", sep, sep), nil
}

func parseDate(s string, order dateOrder) (y int, m time.Month, d int, err error) {
	a, b, c, _, iso, ok := dateParts(s)
	if !ok {
		return 0, 0, 0, tracker.Errorf(tracker.Invalid, "%q is not a date Corepath reads: YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY or DD.MM.YYYY", s)
	}
	switch {
	case iso:
		y, m, d = a, time.Month(b), c
	case order == dayFirst:
		y, m, d = c, time.Month(b), a
	default:
		y, m, d = c, time.Month(a), b
	}
	if y < 1970 {
		return 0, 0, 0, tracker.Errorf(tracker.Invalid, "%q is before 1970", s)
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Day() != d {
		return 0, 0, 0, tracker.Errorf(tracker.Invalid, "%q is not a date in the calendar", s)
	}
	return y, m, d, nil
}

var clockLayouts = []string{"15:04:05", "15:04", "3:04:05 PM", "3:04 PM", "3:04:05PM", "3:04PM"}

func parseClock(s string) (h, m, sec int, err error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	for _, layout := range clockLayouts {
		if t, err := time.Parse(layout, u); err == nil {
			return t.Hour(), t.Minute(), t.Second(), nil
		}
	}
	return 0, 0, 0, tracker.Errorf(tracker.Invalid, "%q is not a time of day: write it as 18:00, 18:00:00 or 6:00 PM", s)
}

// parseLength reads a duration column: 1:30:00, 1:30 or 1.5 (hours).
func parseLength(s string) (time.Duration, error) {
	bad := tracker.Errorf(tracker.Invalid, "%q is not a duration: write it as 1:30:00, 1:30 or 1.5 (hours)", s)
	if !strings.Contains(s, ":") {
		h, err := strconv.ParseFloat(s, 64)
		if err != nil || h < 0 || h > 1e4 {
			return 0, bad
		}
		return time.Duration(h * float64(time.Hour)).Round(time.Second), nil
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, bad
	}
	var d time.Duration
	units := []time.Duration{time.Hour, time.Minute, time.Second}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || v > 1e6 || i > 0 && v > 59 {
			return 0, bad
		}
		d += time.Duration(v) * units[i]
	}
	return d, nil
}

// record turns a row into a session, reading its dates in the file's order and its times in loc.
func (r *csvRow) record(order dateOrder, loc *time.Location) (record, error) {
	at := func(date, clock string) (time.Time, error) {
		y, m, d, err := parseDate(date, order)
		if err != nil {
			return time.Time{}, err
		}
		h, min, s, err := parseClock(clock)
		if err != nil {
			return time.Time{}, err
		}
		return time.Date(y, m, d, h, min, s, 0, loc), nil
	}
	rec := record{at: r.at, s: tracker.Session{Note: r.description}}
	start, err := at(r.startDate, r.startTime)
	if err != nil {
		return rec, err
	}
	switch {
	case r.endTime != "":
		endDate := r.endDate
		if endDate == "" {
			endDate = r.startDate
		}
		end, err := at(endDate, r.endTime)
		if err != nil {
			return rec, err
		}
		if err := setSpan(&rec, start, end, loc, ""); err != nil {
			return rec, err
		}
	case r.duration != "":
		d, err := parseLength(r.duration)
		if err != nil {
			return rec, err
		}
		rec.s.Start, rec.s.Duration = start, d
	default:
		return rec, tracker.Errorf(tracker.Invalid, "the entry has neither an end time nor a duration")
	}
	for _, t := range strings.Split(r.tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			rec.s.Tags = append(rec.s.Tags, t)
		}
	}
	name := r.project
	if name == "" {
		name = withoutProject
	}
	rec.names = []string{name}
	return rec, nil
}
