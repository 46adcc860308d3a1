package exchange

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"corepath/tracker"
)

// A log kept by hand in a spreadsheet and saved as CSV (Google Sheets, Excel, LibreOffice) is
// read as the Toggl and Clockify reports are (parseCSV), with its own header names
// (sheetColumn): a topic, a date, a start time, and an end time or a duration, in any order
// and case; a note, tags and an end date when it has them. Its first line names at least
//
//	Date, Start, Minutes, Topic
//
// or the like: the date may be left out when the start gives it too (2026-11-10 18:00 or
// 2026-11-10T18:00:00). The duration's header says its unit, "Minutes" or "Duration (min)",
// "Hours" or "Duration (h)"; under a plain "Duration" each value says its own (45m, 1h30m,
// 1.5h, 1:30, as tracker.ParseDuration reads them), and a bare number there is refused, since
// it could be minutes or hours. An end time earlier than the start with no end date ends the
// next day. Dates, times, separators and totals rows are read as in csvimport.go. A row's
// identity, which recognizes it when the file is imported again, is made as a Toggl row's.

// sheetUnit is what a CSV's duration column counts in: a Toggl or Clockify report's (the zero
// value, read by parseLength), or a spreadsheet's as its header says.
type sheetUnit int

const (
	reportLength  sheetUnit = iota // Toggl's and Clockify's: 1:30:00, 1:30 or 1.5 (hours)
	sheetNone                      // a spreadsheet without a duration column
	sheetMinutes                   // "Minutes", "Duration (min)"
	sheetHours                     // "Hours", "Duration (h)"
	sheetInValues                  // "Duration": 45m, 1h30m, 1.5h or 1:30
)

// sheetColumn gives the column a spreadsheet's header cell names (lower-case, spaces
// collapsed), and whether the name is English, or "": English, German, French and Spanish.
// The duration's names are durationHeader's.
var sheetColumn = sync.OnceValue(func() map[string]sheetName {
	english := map[string][]string{
		"project":     {"topic", "subject", "skill", "project", "category", "course"},
		"description": {"note", "notes", "description", "comment", "comments", "what"},
		"tags":        {"tags", "tag", "labels", "label"},
		"startDate":   {"date", "day", "start date"},
		"startTime":   {"start", "start time", "from", "begin", "started"},
		"endDate":     {"end date"},
		"endTime":     {"end", "end time", "to", "until", "stop", "finish", "ended"},
	}
	other := map[string][]string{
		"project":     {"thema", "fach", "projekt", "kurs", "sujet", "matière", "matiere", "projet", "cours", "tema", "asignatura", "proyecto", "curso"},
		"description": {"notiz", "notizen", "beschreibung", "kommentar", "remarque", "remarques", "commentaire", "nota", "notas", "comentario", "descripción", "descripcion"},
		"tags":        {"schlagwörter", "étiquettes", "etiquettes", "etiquetas"},
		"startDate":   {"datum", "jour", "fecha", "día", "dia"},
		"startTime":   {"beginn", "von", "startzeit", "début", "debut", "heure de début", "inicio", "desde", "hora de inicio"},
		"endDate":     {"enddatum", "date de fin", "fecha de fin"},
		"endTime":     {"ende", "bis", "endzeit", "fin", "heure de fin", "hasta", "hora de fin"},
	}
	m := map[string]sheetName{}
	for _, lang := range []struct {
		names   map[string][]string
		english bool
	}{{english, true}, {other, false}} {
		for col, spellings := range lang.names {
			for _, n := range spellings {
				m[n] = sheetName{col, lang.english}
			}
		}
	}
	return m
})

// sharedWithFrench are the English header names French writes the same, which say nothing of
// the header's language.
var sharedWithFrench = []string{"date", "description", "note", "notes", "tags", "tag", "label", "labels"}

type sheetName struct {
	col     string
	english bool
}

// The words of a spreadsheet's duration header: "Minutes", "Hours", "Duration", and a
// duration word with its unit after it, "Duration (min)", "Length [h]", "Time in minutes".
var (
	durationWords = []string{"duration", "length", "time", "time spent", "dauer", "durée", "duree", "duración", "duracion"}
	minuteWords   = []string{"min", "mins", "minute", "minutes", "minuten", "minutos"}
	hourWords     = []string{"h", "hr", "hrs", "hour", "hours", "stunden", "std", "heures", "horas"}
)

// durationHeader reads a spreadsheet's header cell (lower-case) as a duration column, with its
// unit; ok is false for any other name.
func durationHeader(name string) (unit sheetUnit, ok bool) {
	unitOf := func(word string) sheetUnit {
		switch {
		case slices.Contains(minuteWords, word):
			return sheetMinutes
		case slices.Contains(hourWords, word):
			return sheetHours
		}
		return sheetNone
	}
	if u := unitOf(name); u != sheetNone {
		return u, true // "Minutes", "Hours", "h"
	}
	if slices.Contains(durationWords, name) && name != "time" { // a bare "Time" is as likely a time of day
		return sheetInValues, true
	}
	base, word := "", ""
	switch {
	case strings.HasSuffix(name, ")") && strings.Contains(name, "("):
		i := strings.LastIndexByte(name, '(')
		base, word = name[:i], name[i+1:len(name)-1]
	case strings.HasSuffix(name, "]") && strings.Contains(name, "["):
		i := strings.LastIndexByte(name, '[')
		base, word = name[:i], name[i+1:len(name)-1]
	case strings.Contains(name, " in "):
		i := strings.LastIndex(name, " in ")
		base, word = name[:i], name[i+len(" in "):]
	}
	base, word = strings.TrimSpace(base), strings.TrimSpace(word)
	if u := unitOf(word); u != sheetNone && slices.Contains(durationWords, base) {
		return u, true
	}
	// A duration with a unit Corepath has no word for ("Duration (hh:mm)"): its values must say
	// theirs (1:30 does), and a bare number is refused as under a plain "Duration". "Time (UTC)"
	// is no duration.
	if word != "" && base != "time" && slices.Contains(durationWords, base) {
		return sheetInValues, true
	}
	return sheetNone, false
}

// spreadsheetHeader finds a spreadsheet's columns by name (the first of two that name the
// same); missing names what the header lacks of a topic, a start, and an end or a duration.
func spreadsheetHeader(header []string) (cols csvColumns, missing []string) {
	cols = csvColumns{-1, -1, -1, -1, -1, -1, -1, -1, -1, false, sheetNone, ""}
	// The header is English, for the order of its dates, when it holds an English name that no
	// other language writes so and no name of another language ("Date" and "Description" are
	// French too: Date, Début, Fin, Sujet is French).
	english, other := false, false
	for i, h := range header {
		name := strings.Join(strings.Fields(strings.ToLower(strings.Trim(h, " \t\ufeff\""))), " ")
		set := func(col *int) bool {
			if *col < 0 {
				*col = i
				return true
			}
			return false
		}
		n, ok := sheetColumn()[name]
		if !ok {
			if unit, ok := durationHeader(name); ok && set(&cols.duration) {
				cols.unit, cols.durationName = unit, strings.Trim(h, " \t\ufeff\"")
			}
			continue
		}
		switch {
		case !n.english:
			other = true
		case !slices.Contains(sharedWithFrench, name):
			english = true
		}
		switch n.col {
		case "project":
			set(&cols.project)
		case "description":
			set(&cols.description)
		case "tags":
			set(&cols.tags)
		case "startDate":
			set(&cols.startDate)
		case "startTime":
			set(&cols.startTime)
		case "endDate":
			set(&cols.endDate)
		case "endTime":
			set(&cols.endTime)
		}
	}
	cols.english = english && !other
	if cols.project < 0 {
		missing = append(missing, "topic (Topic, Subject, Project, Category…)")
	}
	if cols.startTime < 0 {
		missing = append(missing, "start time (Start, Start time, From…)")
	}
	if cols.endTime < 0 && cols.duration < 0 {
		missing = append(missing, "end time (End, End time, To…) or duration (Minutes, Hours, Duration…)")
	}
	return cols, missing
}

// missingColumns refuses a file read as a spreadsheet whose header lacks columns.
func missingColumns(missing []string) error {
	return tracker.Errorf(tracker.Invalid, "line 1: a spreadsheet's first line names its columns, at least a topic, a date, a start time, and an end time or a duration "+
		"(like Date,Start,Minutes,Topic); this file's names no %s", joinOr(missing))
}

func joinOr(list []string) string {
	if len(list) <= 1 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " and no " + list[len(list)-1]
}

// splitDateTimes takes the date out of a spreadsheet row's start (when no column gives the
// date) and end, when they hold one: 2026-11-10 18:00, 2026-11-10T18:00:00, 11/10/2026 6:00 PM.
func (r *csvRow) splitDateTimes(noDateColumn bool) {
	if noDateColumn {
		if date, clock, ok := splitDateTime(r.startTime); ok {
			r.startDate, r.startTime = date, clock
		}
	}
	if date, clock, ok := splitDateTime(r.endTime); ok && r.endDate == "" {
		r.endDate, r.endTime = date, clock
	}
}

func splitDateTime(s string) (date, clock string, ok bool) {
	i := strings.IndexAny(s, "T ")
	if i <= 0 {
		return "", "", false
	}
	if _, _, _, _, _, ok := dateParts(s[:i]); !ok {
		return "", "", false
	}
	return s[:i], strings.TrimSpace(s[i+1:]), true
}

// bareLengths refuses a spreadsheet whose duration column, under a header that names no unit,
// holds bare numbers where no end time gives the length: 60 could be minutes or hours, and
// Corepath does not guess.
func bareLengths(rows *blocks[csvRow], header string) error {
	var at []pos
	first := ""
	for i := 0; i < rows.len(); i++ {
		row := rows.at(i)
		if row.endTime != "" {
			continue // the end gives the length; the column only checks it
		}
		if _, err := tracker.ParseHours(row.duration); err == nil && row.duration != "" {
			if first == "" {
				first = row.duration
			}
			at = append(at, row.at)
		}
	}
	if len(at) == 0 {
		return nil
	}
	return tracker.Errorf(tracker.Invalid, "the %q column holds numbers without a unit (%s at %s), and its header names none, so they could be minutes or hours: "+
		"name the unit in the header, \"Duration (min)\" or \"Minutes\" for minutes, \"Duration (h)\" or \"Hours\" for hours, or write it with each value (45m, 1h30m, 1:30)",
		header, first, positions(at))
}

// maxSheetLength is the longest length a spreadsheet's duration column may give, as the
// longest an import of Corepath's CSV keeps.
const maxSheetLength = 31 * 24 * time.Hour

// sheetLength reads a spreadsheet's duration cell in the unit its header names: a number
// (with a decimal point or comma) of minutes or hours, or a length that says its own unit.
func sheetLength(s string, unit sheetUnit) (time.Duration, error) {
	var d time.Duration
	per := map[sheetUnit]time.Duration{sheetMinutes: time.Minute, sheetHours: time.Hour}[unit]
	n, err := tracker.ParseHours(s)
	switch {
	case per != 0 && err == nil:
		if n < 0 || n*float64(per) > float64(maxSheetLength) {
			return 0, tracker.Errorf(tracker.Invalid, "%q is not a length of a session", s)
		}
		d = time.Duration(n * float64(per)).Round(time.Second)
	case unit == sheetMinutes && !strings.ContainsFunc(s, unicode.IsLetter):
		return 0, tracker.Errorf(tracker.Invalid, "%q is not a number of minutes: write it like 90, or with its unit, like 1h30m", s)
	default:
		if d, err = tracker.ParseDuration(s); err != nil {
			return 0, err
		}
	}
	if d > maxSheetLength {
		return 0, tracker.Errorf(tracker.Invalid, "%q is longer than %s, more than a session can be", s, tracker.FormatDuration(maxSheetLength))
	}
	return d, nil
}

// nextDayNote says which rows were taken as ending the day after they start.
func nextDayNote(at []pos) string {
	return fmt.Sprintf("%s no end date and an end time earlier than the start, so %s taken as ending the next day (%s)",
		tracker.CountOf(len(at), "row has", "rows have"), plural(len(at), "it was", "they were"), positions(at))
}
