package exchange

import (
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"corepath/tracker"
)

// Corepath's own CSV export (exportColumns) is read back as it was written, or as a
// spreadsheet saved it again: columns in any order, separated by commas or semicolons, times
// as RFC 3339 or as "YYYY-MM-DD HH:MM[:SS]" in ImportOptions.Loc, and an empty end taken from
// the minutes. Each row keeps its session's id, so a row already in the store is left as it is
// and the same file imported twice adds nothing. The topic is found by its path, the course
// by its code; the track column is the topic's and is not read. A milestone or course the
// store's plan does not have is dropped from the session, with a note. A cell that the export
// guarded against spreadsheet formulas ('=…) loses its quote again.

// minutesAgree checks a row's minutes against its start and end, which are what is read: a
// length changed in a spreadsheet without its end would otherwise be lost without a word. A
// minute either way is allowed, for a spreadsheet that shows (and so saves) whole minutes.
func minutesAgree(cell string, span time.Duration) error {
	minutes, err := csvMinutes(cell)
	if cell == "" || err != nil || math.Abs(minutes-span.Minutes()) < 1 {
		return nil
	}
	return tracker.Errorf(tracker.Invalid, "the minutes say %s but the start and end are %s apart: "+
		"change the end to match, or empty it to have the length taken from the minutes", cell, tracker.FormatExactDuration(span))
}

// csvMinutes reads a minutes cell, with a decimal point or, as a spreadsheet may save it, a
// decimal comma.
func csvMinutes(cell string) (float64, error) {
	return strconv.ParseFloat(strings.Replace(cell, ",", ".", 1), 64)
}

// corepathCSVColumns is where each of the export's columns is in header, when header names
// them all.
func corepathCSVColumns(header []string) (map[string]int, bool) {
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.ToLower(strings.Trim(h, " \t\ufeff\""))] = i
	}
	for _, c := range exportColumns[:csvSourceColumn] {
		if _, ok := cols[c]; !ok {
			return nil, false
		}
	}
	return cols, true
}

// parseCorepathCSV reads the rows after the header of a Corepath CSV export.
func parseCorepathCSV(cr *csv.Reader, g *guard, cols map[string]int, width int, loc *time.Location, src *source) error {
	src.format, src.byID, src.looseRefs = CorepathCSV, true, true
	g.mark(cr.InputOffset())
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(err)
		}
		g.mark(cr.InputOffset())
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line a spreadsheet left
		}
		at := pos{line: line}
		if len(rec) != width {
			src.total++
			src.bad.add(at, tracker.Errorf(tracker.Invalid, "the line has %d columns and the first line %d", len(rec), width))
			continue
		}
		cell := func(name string) string {
			i, ok := cols[name]
			if !ok {
				return "" // the source, which older exports lack
			}
			return unguarded(strings.TrimSpace(rec[i]))
		}
		r, err := corepathCSVRecord(cell, at, loc)
		if err != nil {
			src.total++
			src.bad.add(at, err)
			continue
		}
		if err := src.add(r); err != nil {
			return err
		}
	}
}

// corepathCSVRecord makes the record of one row, whose cells cell gives by column name.
func corepathCSVRecord(cell func(string) string, at pos, loc *time.Location) (record, error) {
	r := record{at: at}
	id := cell("id")
	if id == "" {
		return r, tracker.Errorf(tracker.Invalid, "the id is empty: each row of Corepath's CSV keeps its session's id (log a new session with corepath log or the app's Log form)")
	}
	if _, err := uuid.Parse(id); err != nil {
		return r, tracker.Errorf(tracker.Invalid, "the id %q is not a session id", id)
	}
	start, err := csvInstant(cell("start"), loc)
	if err != nil {
		return r, tracker.Errorf(tracker.Invalid, "start: %v", err)
	}
	if end := cell("end"); end != "" {
		e, err := csvInstant(end, loc)
		if err != nil {
			return r, tracker.Errorf(tracker.Invalid, "end: %v", err)
		}
		if err := setSpan(&r, start, e, loc, ""); err != nil {
			return r, err
		}
		if err := minutesAgree(cell("minutes"), r.s.Duration); err != nil {
			return r, err
		}
	} else {
		minutes, err := csvMinutes(cell("minutes"))
		if err != nil || !(minutes > 0 && minutes <= 31*24*60) { // NaN too; the longest an import keeps
			return r, tracker.Errorf(tracker.Invalid, "the end is empty and the minutes %q are not a length", cell("minutes"))
		}
		r.s.Start, r.s.Duration = start, time.Duration(minutes*float64(time.Minute)).Round(time.Second)
	}
	r.s.ID, r.s.Note, r.s.MilestoneID, r.s.CourseID = id, cell("note"), cell("milestone"), cell("course")
	if r.s.Source = cell("source"); r.s.Source != "" && !importSource(r.s.Source) {
		return r, tracker.Errorf(tracker.Invalid, "the source %.40q is not one an import gives (like toggl:0f…): leave the cell as the export wrote it, or empty", r.s.Source)
	}
	if k := cell("kind"); k != "" {
		if r.s.Kind, err = tracker.ParseKind(k); err != nil {
			return r, err
		}
	}
	if f := cell("focus"); f != "" {
		if r.s.Focus, err = strconv.Atoi(f); err != nil {
			return r, tracker.Errorf(tracker.Invalid, "the focus %q is not a whole number from 1 to 5", f)
		}
	}
	r.s.Tags = splitTags(cell("tags"))
	topic := cell("topic")
	if topic == "" {
		return r, tracker.Errorf(tracker.Invalid, "the topic is empty")
	}
	r.names = []string{topic}
	return r, nil
}

// importSource reports whether s is a Source that source.identify gives, with the suffixes of
// an ordinal (#2) and of a piece of a split entry (/2): an edited cell could otherwise lift the
// 24-hour limit (an imported session may be longer) or pass for another file's record.
func importSource(s string) bool {
	name, rest, ok := strings.Cut(s, ":")
	if !ok || len(rest) < 32 || !slices.Contains([]Format{Timewarrior, Toggl, Clockify, Spreadsheet}, Format(name)) {
		return false
	}
	digest, rest := rest[:32], rest[32:]
	if strings.Trim(digest, "0123456789abcdef") != "" {
		return false
	}
	for _, mark := range []string{"#", "/"} {
		if n, ok := strings.CutPrefix(rest, mark); ok {
			i := strings.IndexFunc(n, func(r rune) bool { return r < '0' || r > '9' })
			if i < 0 {
				i = len(n)
			}
			if i == 0 || i > 9 {
				return false
			}
			rest = n[i:]
		}
	}
	return rest == ""
}

// csvInstant reads a time as the export writes it (RFC 3339) or as a spreadsheet may save it
// again (without the zone, or with a space for the T), the latter in loc.
func csvInstant(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if why := tracker.OutOfRange(s); why != "" {
		return time.Time{}, tracker.Errorf(tracker.Invalid, "%q is not a time: %s", s, why)
	}
	return time.Time{}, tracker.Errorf(tracker.Invalid, "%q is not a time like 2026-11-30T18:00:00Z or 2026-11-30 18:00", s)
}

// unguarded takes back the quote spreadsheetSafe put before a cell a spreadsheet would read
// as a formula (and before one that started with quotes before such a character).
func unguarded(cell string) string {
	if quotedFormula(cell) {
		return cell[1:]
	}
	return cell
}
