package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"corepath/tracker"
)

// Toggl Track's detailed report CSV has the columns
//
//	User, Email, Client, Project, Task, Description, Billable, Start date, Start time,
//	End date, End time, Duration, Tags, Amount (...)
//
// (newer exports say Member for User and may leave out or add columns), and Clockify's
// detailed report
//
//	Project, Client, Description, Task, User, Group, Email, Tags, Billable, Start Date,
//	Start Time, End Date, End Time, Duration (h), Duration (decimal), Billable Rate (...), ...
//
// Columns are found by name, in any order and case, in English or as the apps and spreadsheets
// translate them (csvColumn). Corepath reads Project (the topic), Description (the note), Tags
// (comma-separated), the start and end dates and times, and the duration when there is no
// end. Dates are YYYY-MM-DD, YYYY/MM/DD, or MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY as
// set in the account; a file's order is the one all its dates fit, month first when both do in
// an English report, day first with dots or in another language's. Times are 24-hour (18:00,
// 18:00:00) or 12-hour (6:00 PM, 06:00:00 PM), in the zone of the account's profile, which the
// file does not say: they are read in ImportOptions.Loc. A spreadsheet saved in a European
// locale separates with semicolons and writes decimals with a comma (1,5); both are read. Rows
// after the last entry with no start date and no description but a duration are the totals row
// some exports end with, and are left out.

// csvColumns holds the index of each column Corepath reads; -1 when absent.
type csvColumns struct {
	project, description, tags, startDate, startTime, endDate, endTime, duration, decimal int
	// english is whether the header is in English, the one language whose reports write
	// dates month first by default (11/02/2026 is 2 November in a French or German one).
	english bool
	// unit is what the duration column counts in, and durationName its header as written:
	// a spreadsheet's says (spreadsheet.go).
	unit         sheetUnit
	durationName string
}

// csvRow is a row kept as text until the whole file shows which date order it uses.
type csvRow struct {
	at                                                                                    pos
	project, description, tags, startDate, startTime, endDate, endTime, duration, decimal string
}

// withoutProject is the topic name of an entry with no project, as both apps label it.
const withoutProject = "Without project"

// csvColumn gives the column a header cell names, or "": made on the first CSV read, not at
// the start of every command.
var csvColumn = sync.OnceValue(func() map[string]string {
	// The header names of each column, lower-case: English (older and newer exports), German, French,
	// Spanish, Portuguese, Italian, Dutch and Japanese. Clockify's duration columns, "(h)" and
	// "(decimal)", tell the two apps apart. The German Clockify names are those of a real export
	// (Projekt, Beschreibung, Startdatum, Startzeit, Enddatum, Endzeit, Dauer (h), Dauer (dezimal));
	// the other translations follow the apps' words for the same columns.
	names := map[string][]string{
		"project":     {"project", "projekt", "projet", "proyecto", "projeto", "progetto", "project naam", "プロジェクト"},
		"description": {"description", "beschreibung", "descripción", "descripcion", "descrição", "descricao", "descrizione", "beschrijving", "omschrijving", "説明", "内容"},
		"tags":        {"tags", "tag", "étiquettes", "etiquettes", "etiquetas", "etichette", "タグ"},
		"startDate":   {"start date", "startdatum", "date de début", "date de debut", "fecha de inicio", "data de início", "data de inicio", "data di inizio", "begindatum", "開始日"},
		"startTime":   {"start time", "startzeit", "heure de début", "heure de debut", "hora de inicio", "hora de início", "ora di inizio", "begintijd", "開始時刻", "開始時間"},
		"endDate":     {"end date", "stop date", "enddatum", "date de fin", "fecha de fin", "fecha de finalización", "data de término", "data de termino", "data de fim", "data di fine", "einddatum", "終了日"},
		"endTime":     {"end time", "stop time", "endzeit", "heure de fin", "hora de fin", "hora de finalización", "hora de término", "hora de termino", "hora de fim", "ora di fine", "eindtijd", "終了時刻", "終了時間"},
		"duration":    {"duration", "dauer", "durée", "duree", "duración", "duracion", "duração", "duracao", "durata", "duur", "期間", "時間"},
		// Clockify's
		"durationH": {"duration (h)", "dauer (h)", "durée (h)", "duree (h)", "duración (h)", "duracion (h)", "duração (h)", "duracao (h)", "durata (h)", "duur (u)", "時間 (h)", "期間 (h)"},
		"decimal":   {"duration (decimal)", "dauer (dezimal)", "dauer (dezimalzahl)", "durée (décimale)", "durée (décimal)", "duree (decimal)", "duración (decimal)", "duracion (decimal)", "duração (decimal)", "duracao (decimal)", "durata (decimale)", "duur (decimaal)", "時間 (10進数)", "期間 (10進数)"},
	}
	m := map[string]string{}
	for col, spellings := range names {
		for _, n := range spellings {
			m[n] = col
		}
	}
	return m
})

// parseCSV reads a Toggl or Clockify CSV export, or a spreadsheet's (spreadsheet.go); format ""
// tells them apart by the header.
func parseCSV(br *bufio.Reader, g *guard, format Format, loc *time.Location, dates DateOrder, src *source) error {
	first, _ := br.Peek(4096)
	cr := csv.NewReader(br)
	cr.Comma = csvComma(first)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // a totals row may be shorter; rows are checked below
	header, err := cr.Read()
	if err != nil {
		return csvError(err)
	}
	if cols, ok := corepathCSVColumns(header); ok && (format == "" || format == CorepathCSV) {
		return parseCorepathCSV(cr, g, cols, len(header), loc, src)
	}
	if format == CorepathCSV {
		return tracker.Errorf(tracker.Invalid, "line 1: Corepath's CSV export names its columns %s; this file's first line does not", strings.Join(exportColumns[:csvSourceColumn], ", "))
	}
	cols, detected := csvHeader(header)
	sheet, missing := spreadsheetHeader(header)
	if detected == "" && (format == "" || format == Spreadsheet) && len(missing) == 0 {
		cols, detected = sheet, Spreadsheet
	}
	if format == Spreadsheet && (detected == Toggl || detected == Clockify) {
		return tracker.Errorf(tracker.Invalid, "this file is a %s detailed report (its header says so): import it with --format %s, or without --format",
			Label(detected), detected)
	}
	if format == "" {
		format = detected
		src.format = detected
	}
	if detected != "" && detected != format {
		// Read as the other app's, its records would get identities of that app's and be
		// taken again, beside the same records imported before under the right name.
		return tracker.Errorf(tracker.Invalid, "this file is a %s detailed report, not a %s one (its header says so): import it with --format %s, or without --format",
			Label(detected), Label(format), detected)
	}
	if format == "" {
		e := &UnknownFormatError{}
		switch {
		case len(header) > 0 && strings.EqualFold(strings.Trim(header[0], " \t\ufeff"), "BEGIN:VCALENDAR"):
			e.Seen = SeenICalendar
		case cols.project >= 0 && cols.startDate < 0 && (cols.duration >= 0 || cols.decimal >= 0):
			e.Seen = SeenSummary
		}
		return tracker.Detailed(tracker.Invalid, e)
	}
	if format != Toggl && format != Clockify && format != Spreadsheet {
		return tracker.Errorf(tracker.Invalid, "this file is not a %s file: it looks like CSV", Label(format))
	}
	if format == Spreadsheet && detected != Spreadsheet {
		return missingColumns(missing)
	}
	if format != Spreadsheet && (cols.project < 0 || cols.startDate < 0 || cols.startTime < 0 || (cols.endTime < 0 && cols.duration < 0 && cols.decimal < 0)) {
		also := ""
		if len(missing) == 0 {
			also = " (it looks like a spreadsheet log: import it with --format spreadsheet, or without --format)"
		}
		return tracker.Errorf(tracker.Invalid, "line 1: a %s detailed report names its columns Project, Start date, Start time, End date, End time and Duration; this file's first line does not%s", Label(format), also)
	}
	durationName := cols.durationName // the header's cell, before the reader reuses its memory
	if format == Toggl && cols.duration >= 0 {
		durationName = strings.TrimSpace(strings.TrimPrefix(header[cols.duration], "\ufeff"))
	}
	var rows blocks[csvRow]
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
		field := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		if blankRecord(rec) {
			continue // a blank line, or one of separators only, that a spreadsheet left
		}
		row := csvRow{at: pos{line: line}, project: field(cols.project), description: field(cols.description),
			tags: field(cols.tags), startDate: field(cols.startDate), startTime: field(cols.startTime),
			endDate: field(cols.endDate), endTime: field(cols.endTime), duration: field(cols.duration), decimal: field(cols.decimal)}
		if format == Spreadsheet {
			row.splitDateTimes(cols.startDate < 0)
		}
		if rows.len() >= MaxRecords {
			return tracker.Errorf(tracker.Invalid, "line %d: the file has more than %d records, more than Corepath imports at once: split it (for example by year) and import the parts", line, MaxRecords)
		}
		if src.held += csvRowCost(&row); src.held > maxHeldBytes {
			return tracker.Errorf(tracker.Invalid, "line %d: the file's records take more than %d MiB of memory, more than Corepath imports at once: split it (for example by year) and import the parts", line, maxHeldBytes>>20)
		}
		if len(rec) != len(header) && !row.totals() {
			src.total++
			src.bad.add(pos{line: line}, tracker.Errorf(tracker.Invalid, "the line has %d columns and the first line %d", len(rec), len(header)))
			continue
		}
		rows.add(row)
	}
	// Such rows after the last entry are a totals row.
	for rows.len() > 0 && rows.at(rows.len()-1).totals() {
		src.total++
		src.leave(rows.at(rows.len()-1).at, "a totals row (no start date), not an entry")
		rows.n--
	}
	// Toggl writes its Duration as 1:30:00; a bare number there is a file made by hand, whose
	// unit the header does not say either.
	if cols.unit == sheetInValues || format == Toggl && cols.duration >= 0 {
		if err := bareLengths(&rows, durationName); err != nil {
			return err
		}
	}
	order, note, err := dateOrderOf(&rows, cols.english, dates)
	if err != nil {
		return err
	}
	// A file whose dates read either way may have been read the other way round before: by
	// Corepath before it took the header's language into account, or as another export of the
	// same account, whose dates settled the order otherwise. Each row also gets the identity of
	// that other reading, to be found by.
	other := map[dateOrder]dateOrder{monthFirst: dayFirst, dayFirst: monthFirst}[order]
	if note != "" {
		src.notes = append(src.notes, note)
		src.guessedDates = map[dateOrder]DateOrder{dayFirst: DatesDayFirst, monthFirst: DatesMonthFirst}[order]
	}
	var nextDay []pos      // a spreadsheet's rows that end the day after they start, without an end date
	var firstReading []pos // rows with a time that shows twice, as the clocks go back, and nothing to say which
	for i := 0; i < rows.len(); i++ {
		row := rows.at(i)
		src.held -= csvRowCost(row)
		rec, err := row.record(order, loc, cols.unit)
		if err == nil {
			if alt, err := row.record(other, loc, cols.unit); err == nil && alt.key != rec.key {
				rec.otherKey, rec.otherStart = alt.key, alt.s.Start
			}
			if format == Spreadsheet && row.endDate == "" && row.endTime != "" && rec.s.End().YearDay() != rec.s.Start.YearDay() {
				nextDay = append(nextDay, row.at)
			}
			if rec.firstReading {
				firstReading = append(firstReading, row.at)
			}
		}
		if err != nil {
			src.total++
			src.bad.add(row.at, err)
		} else if err := src.add(rec); err != nil {
			return err
		}
		rows.free(i) // the rows go as they become records
	}
	if len(nextDay) > 0 {
		src.notes = append(src.notes, nextDayNote(nextDay))
	}
	if len(firstReading) > 0 {
		src.notes = append(src.notes, fmt.Sprintf("%s a time that the clocks show twice in %s, as they go back that night, and no duration that tells which: the first reading (before the clocks went back) was taken; edit %s if %s the second (%s)",
			tracker.CountOf(len(firstReading), "row has", "rows have"), loc, plural(len(firstReading), "the session", "the sessions"), plural(len(firstReading), "it was", "they were"), positions(firstReading)))
	}
	return nil
}

// blankRecord says whether every cell of rec is empty or spaces.
func blankRecord(rec []string) bool {
	for _, cell := range rec {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}

// totals says whether a row can be the totals row some exports end with: no start, no
// description, and a duration (the sum). An entry cut short, as a file that was not saved whole
// ends, has its description or, cut before its dates, no duration: it is a bad record, not one
// left out.
func (r *csvRow) totals() bool {
	return r.startDate == "" && r.startTime == "" && r.description == "" && (r.duration != "" || r.decimal != "")
}

// csvRowCost estimates the heap a row holds until it becomes a record.
func csvRowCost(r *csvRow) int64 {
	return int64(unsafe.Sizeof(*r)) + int64(len(r.project)+len(r.description)+len(r.tags)+len(r.startDate)+len(r.startTime)+
		len(r.endDate)+len(r.endTime)+len(r.duration)+len(r.decimal))
}

// label is a format's name as a person knows the app that writes it.
// csvComma is the separator of a CSV file whose first bytes are first: a semicolon for a
// spreadsheet saved in a locale that separates with semicolons, else a comma.
func csvComma(first []byte) rune {
	if line, _, _ := strings.Cut(string(first), "\n"); strings.Count(line, ";") > strings.Count(line, ",") {
		return ';'
	}
	return ','
}

// Identify says which import format the file at path is in, from its first bytes, or ""
// when it is none of them (a store, a backup, anything else): so that a command given an
// export where it wants a backup can say what the file is.
func Identify(path string) Format {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	head = bytes.TrimLeft(bytes.TrimPrefix(head[:n], bom), " \t\r\n")
	if len(head) == 0 {
		return ""
	}
	if format := sniff(head); format == Timewarrior || format == Corepath && bytes.Contains(head, []byte(`"corepath"`)) {
		return format
	} else if format != "" {
		return "" // JSON, but not an export
	}
	cr := csv.NewReader(bytes.NewReader(head))
	cr.Comma = csvComma(head)
	header, err := cr.Read()
	if err != nil {
		return ""
	}
	if _, ok := corepathCSVColumns(header); ok {
		return CorepathCSV
	}
	_, format := csvHeader(header)
	if _, missing := spreadsheetHeader(header); format == "" && len(missing) == 0 {
		return Spreadsheet
	}
	return format
}

// Label is the name of the app that writes files of the format f: "Toggl Track".
func Label(f Format) string {
	switch f {
	case Toggl:
		return "Toggl Track"
	case Clockify:
		return "Clockify"
	case Timewarrior:
		return "Timewarrior"
	case CorepathCSV:
		return "Corepath CSV"
	case Spreadsheet:
		return "spreadsheet"
	}
	return "Corepath"
}

// csvHeader finds the columns by name and guesses which app wrote them: Clockify's duration
// columns are "Duration (h)" and "Duration (decimal)", Toggl's is "Duration".
func csvHeader(header []string) (csvColumns, Format) {
	cols := csvColumns{-1, -1, -1, -1, -1, -1, -1, -1, -1, false, reportLength, ""}
	var toggl, clockify bool
	for i, h := range header {
		name := strings.Join(strings.Fields(strings.ToLower(strings.Trim(h, " \t\ufeff\""))), " ")
		switch csvColumn()[name] {
		case "project":
			cols.project = i
		case "description":
			cols.description = i
		case "tags":
			cols.tags = i
		case "startDate":
			cols.startDate, cols.english = i, name == "start date"
		case "startTime":
			cols.startTime = i
		case "endDate":
			cols.endDate = i
		case "endTime":
			cols.endTime = i
		case "duration":
			cols.duration, toggl = i, true
		case "durationH":
			cols.duration, clockify = i, true
		case "decimal":
			cols.decimal, clockify = i, true
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

// DateOrder is the order a person says a CSV's dates are in (ImportOptions.Dates), where the
// file's own dates read either way round; "" lets Corepath choose (dateOrderOf).
type DateOrder string

const (
	DatesDayFirst   DateOrder = "day-first"   // DD/MM/YYYY
	DatesMonthFirst DateOrder = "month-first" // MM/DD/YYYY
)

// ParseDateOrder reads --dates.
func ParseDateOrder(s string) (DateOrder, error) {
	switch d := DateOrder(strings.ToLower(strings.TrimSpace(s))); d {
	case DatesDayFirst, DatesMonthFirst:
		return d, nil
	}
	return "", tracker.Errorf(tracker.Invalid, "%q is no order of dates: write day-first (for 02/11/2026 as 2 November) or month-first (for 11/02/2026 as 2 November)", s)
}

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
// would fit either: month first in an English report, day first in another language's or with
// dots.
func dateOrderOf(rows *blocks[csvRow], english bool, said DateOrder) (dateOrder, string, error) {
	var dayFirstAt, monthFirstAt *pos
	var sep byte
	for i := 0; i < rows.len(); i++ {
		row := rows.at(i)
		for _, d := range []string{row.startDate, row.endDate} {
			a, b, _, s, iso, ok := dateParts(d)
			if !ok || iso {
				continue
			}
			sep = s
			if a > 12 && dayFirstAt == nil {
				dayFirstAt = &row.at
			}
			if b > 12 && monthFirstAt == nil {
				monthFirstAt = &row.at
			}
		}
	}
	switch {
	case dayFirstAt != nil && monthFirstAt != nil:
		return 0, "", tracker.Errorf(tracker.Invalid, "the dates mix day-first (%s) and month-first (%s) orders; export the file again with one date format", dayFirstAt, monthFirstAt)
	case said == DatesMonthFirst && dayFirstAt != nil:
		return 0, "", tracker.Errorf(tracker.Invalid, "--dates month-first does not fit the file: the date at %s has a day first (its first number is over 12); import it without --dates", dayFirstAt)
	case said == DatesDayFirst && monthFirstAt != nil:
		return 0, "", tracker.Errorf(tracker.Invalid, "--dates day-first does not fit the file: the date at %s has a month first (its second number is over 12); import it without --dates", monthFirstAt)
	case said == DatesDayFirst:
		return dayFirst, "", nil
	case said == DatesMonthFirst:
		return monthFirst, "", nil
	case dayFirstAt != nil:
		return dayFirst, "", nil
	case monthFirstAt != nil || sep == 0:
		return monthFirst, "", nil
	case sep == '.':
		return dayFirst, "every date in the file reads either way round; they were read day first (DD.MM.YYYY)", nil
	case !english:
		return dayFirst, fmt.Sprintf("every date in the file reads either way round; they were read day first (DD%cMM%cYYYY), as reports in the language of its header write them", sep, sep), nil
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

// zoneChanges reports whether loc's offset from UTC changes within two hours of the span.
func zoneChanges(start, end time.Time) bool {
	_, a := start.Add(-2 * time.Hour).Zone()
	_, b := end.Add(2 * time.Hour).Zone()
	return a != b
}

// foldReading picks the start and end among the readings of times that show twice as the
// clocks go back: the one pair the file's duration d gives (when known), else the first that
// ends after it starts, reporting that it was a guess.
func foldReading(starts, ends []time.Time, d time.Duration, known bool) (start, end time.Time, guessed bool) {
	matches := 0
	for _, s := range starts {
		for _, e := range ends {
			if known && e.Sub(s) == d {
				if matches++; matches == 1 {
					start, end = s, e
				}
			}
		}
	}
	if matches > 0 {
		return start, end, matches > 1
	}
	for _, s := range starts {
		for _, e := range ends {
			if e.After(s) {
				return s, e, true
			}
		}
	}
	return starts[0], ends[0], true
}

// parseLength reads a duration column: 1:30:00, 1:30 or 1.5 (hours).
func parseLength(s string) (time.Duration, error) {
	bad := tracker.Errorf(tracker.Invalid, "%q is not a duration: write it as 1:30:00, 1:30 or 1.5 (hours)", s)
	if !strings.Contains(s, ":") {
		if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
			s = strings.Replace(s, ",", ".", 1) // a decimal comma, as European spreadsheets write it
		}
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

// wallClock writes a time as the file does, without a zone, for a record's identity: the same
// row gives the same identity whatever zone it is read in.
const wallClock = "2006-01-02T15:04:05"

// record turns a row into a session, reading its dates in the file's order, its times in loc and
// its duration in unit: a spreadsheet's row (any unit but reportLength) needs a topic, and ends
// the next day when its end time, without an end date, is earlier than its start.
func (r *csvRow) record(order dateOrder, loc *time.Location, unit sheetUnit) (record, error) {
	sheet := unit != reportLength
	lengthOf := parseLength
	if sheet {
		lengthOf = func(s string) (time.Duration, error) { return sheetLength(s, unit) }
	}
	// at is the instants that show a date (days later) and time in loc: one, or two in the
	// hour the clocks go back over; a time the clocks jump over is refused.
	at := func(date, clock string, days int, what string) ([]time.Time, error) {
		y, m, d, err := parseDate(date, order)
		if err != nil {
			return nil, err
		}
		h, min, s, err := parseClock(clock)
		if err != nil {
			return nil, err
		}
		wall := time.Date(y, m, d+days, h, min, s, 0, time.UTC)
		t, err := tracker.LocalTime(wall, loc)
		var twice *tracker.WallClockError
		switch {
		case err == nil:
			return []time.Time{t}, nil
		case !errors.As(err, &twice):
			return nil, err
		case len(twice.Instants) == 0:
			return nil, tracker.Errorf(tracker.Invalid, "the %s time %s does not exist in %s: the clocks jump over it that day (daylight saving or a change of zone), so the row cannot say when it was: correct the time in the file, or leave the row out",
				what, wall.Format("2006-01-02 15:04"), loc)
		}
		return twice.Instants, nil
	}
	rec := record{at: r.at, s: tracker.Session{Note: r.description}}
	switch {
	case sheet && r.project == "":
		return rec, tracker.Errorf(tracker.Invalid, "the topic is empty")
	case sheet && r.startDate == "":
		return rec, tracker.Errorf(tracker.Invalid, "the row has no date: give it in the date column, or with the start time, like 2026-11-10 18:00")
	case sheet && r.startTime == "":
		return rec, tracker.Errorf(tracker.Invalid, "the row has no start time")
	case r.startDate == "":
		return rec, tracker.Errorf(tracker.Invalid, "the entry has no start date")
	}
	starts, err := at(r.startDate, r.startTime, 0, "start")
	if err != nil {
		return rec, err
	}
	start := starts[0]
	length := r.duration
	if length == "" {
		length = r.decimal
	}
	switch {
	case r.endTime != "":
		endDate := r.endDate
		if endDate == "" {
			endDate = r.startDate
		}
		ends, err := at(endDate, r.endTime, 0, "end")
		if err != nil {
			return rec, err
		}
		if sheet && r.endDate == "" && ends[len(ends)-1].Before(start) {
			if ends, err = at(endDate, r.endTime, 1, "end"); err != nil { // past midnight
				return rec, err
			}
		}
		end := ends[0]
		d, lengthErr := lengthOf(length)
		switch {
		case len(starts) > 1 || len(ends) > 1:
			// A time in the hour the clocks go back over shows twice: the reading that agrees
			// with the file's own duration is meant; without one, the first.
			start, end, rec.firstReading = foldReading(starts, ends, d, lengthErr == nil)
		case lengthErr == nil && d != end.Sub(start) && (d-end.Sub(start)).Abs() <= time.Hour && zoneChanges(start, end):
			end = start.Add(d) // the file's own duration settles a span across a change of clocks
		}
		if lengthErr == nil && (d-end.Sub(start)).Abs() >= time.Minute {
			rec.fileLength = d // the times are counted, and the summary says the column differed
		}
		if err := setSpan(&rec, start, end, loc, ""); err != nil {
			return rec, err
		}
		rec.key = start.Format(wallClock) + " - " + end.Format(wallClock)
	case length != "":
		d, err := lengthOf(length)
		if err != nil {
			return rec, err
		}
		rec.s.Start, rec.s.Duration, rec.firstReading = start, d, len(starts) > 1
		rec.key = start.Format(wallClock) + " + " + d.String()
	case sheet:
		return rec, tracker.Errorf(tracker.Invalid, "the row has neither an end time nor a duration")
	default:
		// An entry still running when the report was made: an open interval, as Timewarrior's,
		// which becomes the running timer (or, open for more than a day, is left out).
		rec.s.Start, rec.open = start, true
		rec.key = start.Format(wallClock) + " open"
	}
	if !sheet && !rec.open {
		rec.openKey = start.Format(wallClock) + " open" // the key it had while running
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
