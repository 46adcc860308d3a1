// Package exchange moves Corepath's data in and out of files: a complete JSON export that
// imports back unchanged, CSV and iCalendar for other tools, and imports from Timewarrior,
// Toggl Track, Clockify and a log kept by hand in a spreadsheet. It works through
// tracker.Store alone, so the command line and the desktop app share it.
//
// An import reads and checks the whole file before it writes anything (Prepare), so a
// preview can show what would change; Apply then writes the sessions through one
// Store.AddSessions call, all or none.
package exchange

import (
	"fmt"
	"strings"
	"time"

	"corepath/tracker"
)

// Format is a kind of file that Import reads.
type Format string

const (
	Corepath    Format = "corepath"     // Corepath's own JSON export
	Timewarrior Format = "timewarrior"  // `timew export` JSON, a data folder or one of its YYYY-MM.data files
	Toggl       Format = "toggl"        // Toggl Track's detailed report as CSV
	Clockify    Format = "clockify"     // Clockify's detailed report as CSV
	CorepathCSV Format = "corepath-csv" // Corepath's own CSV export, perhaps saved again by a spreadsheet
	Spreadsheet Format = "spreadsheet"  // a log kept by hand in a spreadsheet, saved as CSV: see spreadsheet.go
)

// Formats lists the import formats.
var Formats = []Format{Corepath, Timewarrior, Toggl, Clockify, CorepathCSV, Spreadsheet}

// ParseFormat accepts an import format's name in any case.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(strings.TrimSpace(s), string(f)) {
			return f, nil
		}
	}
	return "", tracker.Errorf(tracker.Invalid, "unknown import format %q: use corepath, timewarrior, toggl, clockify, corepath-csv or spreadsheet", s)
}

// ExportFormat is a kind of file that Export writes.
type ExportFormat string

const (
	JSON ExportFormat = "json" // everything, for a backup or another Corepath
	CSV  ExportFormat = "csv"  // one row per session, for a spreadsheet
	ICal ExportFormat = "ical" // sessions and milestone dates, for a calendar (RFC 5545)
)

// ParseExportFormat accepts an export format's name in any case ("ics" too).
func ParseExportFormat(s string) (ExportFormat, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "json":
		return JSON, nil
	case "csv":
		return CSV, nil
	case "ical", "ics", "icalendar":
		return ICal, nil
	}
	return "", tracker.Errorf(tracker.Invalid, "unknown export format %q: use json, csv or ical", s)
}

// pos says where a record is in the input, for messages: "line 14", "2026-11.data line 3",
// "session 7", "interval @4 at line 6".
type pos struct {
	file  string
	line  int
	index int // for JSON, where lines mean little: the record's number in its list
	what  string
	// detail, when set, follows in brackets in a list of records: "line 4 (open since …)".
	detail string
}

func (p pos) String() string {
	var s string
	switch {
	case p.line > 0 && p.index > 0:
		s = fmt.Sprintf("%s %d at line %d", p.what, p.index, p.line)
	case p.line > 0 && p.what != "":
		s = fmt.Sprintf("%s at line %d", p.what, p.line) // "interval @3 at line 6"
	case p.line > 0:
		s = fmt.Sprintf("line %d", p.line)
	case p.index > 0:
		s = fmt.Sprintf("%s %d", p.what, p.index)
	default:
		s = p.what
	}
	if p.file != "" {
		s = p.file + " " + s
	}
	return s
}

// at prefixes err's message with where it happened, keeping its code.
func at(p pos, err error) error {
	return &tracker.Error{Code: tracker.ErrorCode(err), Err: err, Message: p.String() + ": " + err.Error()}
}

// MapTargetError is a mapping of an imported name to a topic (--map on the command line) whose
// topic is not one topic of the plan; Err says why.
type MapTargetError struct {
	Name, Target string
	Err          error
}

func (e *MapTargetError) Error() string {
	return fmt.Sprintf("%s=%s: %v", e.Name, e.Target, e.Err)
}

func (e *MapTargetError) Unwrap() error { return e.Err }

// UnmappedNameError is a name in an imported file that can be sent to no topic by itself: it
// names several topics of the plan (Candidates), or none and cannot become a new topic (Err
// says why; with neither, because it holds ">").
type UnmappedNameError struct {
	Name       string
	Candidates []string
	Err        error
}

func (e *UnmappedNameError) Error() string {
	switch {
	case len(e.Candidates) > 0:
		return fmt.Sprintf("%q names more than one topic (%s)", e.Name, strings.Join(e.Candidates, ", "))
	case e.Err != nil:
		return fmt.Sprintf("cannot create topic %q: %v", e.Name, e.Err)
	}
	return fmt.Sprintf("%q names no topic, and a new topic's name cannot hold \">\", which reads as \"Parent > Subtopic\"", e.Name)
}

func (e *UnmappedNameError) Unwrap() error { return e.Err }

// DatesOtherWayError is a row in the future as its dates were read, in the order Corepath chose
// because every date of the file reads either way round, when the other order (Order) puts it in
// the past: the file's dates are likely written that way.
type DatesOtherWayError struct {
	When          string    // "starts" or "ends"
	Future, Other time.Time // the row's time as read, and as Order reads it, in the file's zone
	Order         DateOrder
}

func (e *DatesOtherWayError) Error() string {
	other := map[DateOrder]string{DatesDayFirst: "month first", DatesMonthFirst: "day first"}[e.Order]
	return fmt.Sprintf("%s in the future (%s) with its date read %s, which every date of the file allows; read %s, as %s, it is in the past",
		e.When, e.Future.Format("2006-01-02 15:04"), other, strings.ReplaceAll(string(e.Order), "-", " "), e.Other.Format("2006-01-02 15:04"))
}

// UnknownFormatError is a file whose format the import cannot tell from its content, or one it
// knows it does not read (Seen).
type UnknownFormatError struct {
	Seen UnreadFormat
}

// UnreadFormat is a kind of file the import recognizes and does not read.
type UnreadFormat string

const (
	// SeenICalendar is an iCalendar file, such as Corepath's own export for calendars.
	SeenICalendar UnreadFormat = "iCalendar"
	// SeenSummary is a Toggl or Clockify summary report: totals per project, without dates.
	SeenSummary UnreadFormat = "summary report"
)

func (e *UnknownFormatError) Error() string {
	switch e.Seen {
	case SeenICalendar:
		return "this is an iCalendar file: Corepath writes them for calendars and does not read them back; import a Corepath JSON or CSV export instead"
	case SeenSummary:
		return "this looks like a Toggl Track or Clockify summary report, which gives totals per project and no dates, so no session can be made of it"
	}
	return "Corepath cannot tell what this file is: it is not a Corepath or Timewarrior JSON export, a Timewarrior data file, " +
		"Corepath's own CSV export, a Toggl or Clockify detailed report in CSV, or a spreadsheet log in CSV with at least a topic, a date, " +
		"a start time, and an end time or a duration, like Date,Start,Minutes,Topic (their first line names the columns)"
}
