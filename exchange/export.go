package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"corepath/atomicfile"
	"corepath/tracker"
)

// ExportOptions choose what Export writes.
type ExportOptions struct {
	Format ExportFormat
	// From and To limit the sessions to those that cross into [From, To), as a report counts
	// them and corepath sessions lists them (each is written whole); zero bounds are open.
	// The plan, the milestones and the running timer are always written.
	From, To time.Time
	// Loc is the zone of the CSV's times; UTC when nil. JSON and iCalendar are always UTC.
	Loc *time.Location
	// Now stamps the export; time.Now when zero.
	Now time.Time
}

// ExportSummary counts what Export wrote.
type ExportSummary struct {
	Sessions   int
	Timer      bool // the running timer (JSON only)
	Milestones int  // milestone dates (iCalendar only)
}

// Export writes the store's data to w in opt.Format. Sessions are read from the store and
// written one at a time, so an export of any size needs little memory. When w is a
// VisibleWriter, what Export knows to be visible goes to its WriteVisible.
func Export(w io.Writer, st tracker.Store, opt ExportOptions) (ExportSummary, error) {
	format, err := ParseExportFormat(string(opt.Format))
	if err != nil {
		return ExportSummary{}, err
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Loc == nil {
		opt.Loc = time.UTC
	}
	p, err := st.Plan()
	if err != nil {
		return ExportSummary{}, err
	}
	q := tracker.Query{From: opt.From, To: opt.To}
	if !q.From.IsZero() {
		q.From = q.From.Add(-tracker.MaxImportedSession) // the store walks by start
	}
	bw := newExportWriter(w)
	var sum ExportSummary
	switch format {
	case JSON:
		sum, err = exportJSON(bw, st, &p, q, opt)
	case CSV:
		sum, err = exportCSV(bw, st, &p, q, opt)
	case ICal:
		sum, err = exportICal(bw, st, &p, q, opt)
	}
	if err == nil {
		err = bw.flush()
	}
	var te *tracker.Error
	if err != nil && !errors.As(err, &te) {
		err = &tracker.Error{Code: tracker.Internal, Err: err, Message: "writing the export failed: " + err.Error()}
	}
	return sum, err
}

// ExportFile writes the export to path through a temporary file in the same folder, renamed
// into place once complete, so that a failed export never leaves half a file under path. The
// file is readable by its owner only, like the store.
func ExportFile(path string, st tracker.Store, opt ExportOptions) (ExportSummary, error) {
	var sum ExportSummary
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		ext := map[ExportFormat]string{CSV: "csv", ICal: "ics"}[opt.Format]
		if ext == "" {
			ext = "json"
		}
		return sum, tracker.Errorf(tracker.Invalid, "%s is a folder: give the export's file name, like %s", path, filepath.Join(path, "corepath-export."+ext))
	}
	err := atomicfile.Write(path, "", 0o600, func(f *os.File) (err error) {
		sum, err = Export(f, st, opt)
		return err
	})
	if err != nil {
		var te *tracker.Error
		if !errors.As(err, &te) {
			// The error names the temporary file the export goes through; the person named path.
			dir, why := filepath.Dir(path), err.Error()
			var pe *fs.PathError
			switch {
			case errors.Is(err, fs.ErrNotExist):
				why = "the folder " + dir + " does not exist, or takes no new files"
			case errors.Is(err, fs.ErrPermission):
				why = "no permission to write in " + dir
			case errors.As(err, &pe):
				why = pe.Err.Error() + " in " + dir
			}
			err = &tracker.Error{Code: tracker.Internal, Err: err, Message: fmt.Sprintf("cannot write %s: %s; choose a folder you can write to", path, why)}
		}
		return ExportSummary{}, err
	}
	return sum, nil
}

// marshal encodes v as JSON without escaping <, > and &, which notes often hold.
func marshal(v any, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(indent, "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// exportJSON writes everything: the plan, the running timer and the sessions, one per line.
func exportJSON(w *exportWriter, st tracker.Store, p *tracker.Plan, q tracker.Query, opt ExportOptions) (ExportSummary, error) {
	var sum ExportSummary
	timer, running, err := st.Timer()
	if err != nil {
		return sum, err
	}
	sum.Timer = running
	// Written where the sessions are, while the first ones are read: encoding the plan takes
	// as long as reading a few thousand sessions.
	head := func() error {
		plan, err := marshal(p, "  ")
		if err != nil {
			return err
		}
		stamp, _ := marshal(opt.Now.UTC().Truncate(time.Second), "")
		w.writeString("{\n  \"format\": \"corepath\",\n  \"version\": "+strconv.Itoa(FileVersion)+",\n  \"exported\": ", true)
		w.write(stamp, true)
		w.writeString(",\n  \"plan\": ", true)
		w.write(plan, false)
		w.writeString(",\n", true)
		if running {
			line, err := marshal(toFile(&timer), "")
			if err != nil {
				return err
			}
			w.writeString("  \"timer\": ", true)
			w.write(line, false)
			w.writeString(",\n", true)
		}
		return w.writeString("  \"sessions\": [", true)
	}
	var (
		line jsonLine
		f    fileSession
		end  time.Time
	)
	err = eachSession(st, q, opt.From, head, func(s *tracker.Session) error {
		fillFile(&f, &end, s)
		out, visible := line.buf, false
		if line.session(&f) {
			out, visible = line.buf, !line.hidden
		} else if out, err = marshal(f, ""); err != nil {
			return err
		}
		sep := ",\n    "
		if sum.Sessions == 0 {
			sep = sep[1:]
		}
		w.writeString(sep, true)
		sum.Sessions++
		return w.write(out, visible)
	})
	if err != nil {
		return sum, err
	}
	return sum, w.writeString("\n  ]\n}\n", true)
}

// exportColumns names the CSV export's columns. The last, source, is the record of another
// tracker's file an imported session came from, so that importing that file again into a store
// rebuilt from this CSV adds nothing; exports made before it was written lack it.
var exportColumns = []string{"id", "start", "end", "minutes", "topic", "track", "kind", "tags", "note", "focus", "milestone", "course", "source"}

// csvSourceColumn is where source is in exportColumns: the one column a Corepath CSV may lack.
const csvSourceColumn = 12

const csvTopic = 4 // the topic's column, whose cell topicCells makes once per topic

// exportCSV writes a header and a row per session. Every cell is made visible (appendCell) or
// is a number or a time, so all of it is known visible.
func exportCSV(w *exportWriter, st tracker.Store, p *tracker.Plan, q tracker.Query, opt ExportOptions) (ExportSummary, error) {
	var sum ExportSummary
	var line, scratch []byte
	for i, c := range exportColumns {
		if i > 0 {
			line = append(line, ',')
		}
		line = appendCSVField(line, c)
	}
	if err := w.write(append(line, '\n'), true); err != nil {
		return sum, err
	}
	topic := topicCellsOf(p)
	// A spreadsheet shows a course by the code on its transcript, not by Corepath's id; a code
	// that several courses have (a retaken course) gives the id, which an import reads back.
	courseCode := map[string]string{}
	for _, c := range p.Courses {
		if len(p.CoursesCoded(c.Code)) == 1 {
			courseCode[c.ID] = c.Code
		}
	}
	var days dayCache
	err := eachSession(st, q, opt.From, nil, func(s *tracker.Session) error {
		t := topic(s.TopicID)
		focus := ""
		if s.Focus > 0 {
			focus = strconv.Itoa(s.Focus)
		}
		line = appendCell(line[:0], s.ID)
		scratch = appendRFC3339(scratch[:0], s.Start, opt.Loc, &days)
		line = appendPlainCell(append(line, ','), scratch)
		scratch = appendRFC3339(scratch[:0], s.End(), opt.Loc, &days)
		line = appendPlainCell(append(line, ','), scratch)
		if s.Duration%time.Minute == 0 { // what AppendFloat writes of a whole number, faster
			scratch = strconv.AppendInt(scratch[:0], int64(s.Duration/time.Minute), 10)
		} else {
			scratch = strconv.AppendFloat(scratch[:0], math.Round(s.Duration.Minutes()*100)/100, 'f', -1, 64)
		}
		line = appendPlainCell(append(line, ','), scratch)
		line = appendCSVField(append(line, ','), t.csvPath)
		line = appendCell(append(line, ','), t.track)
		line = appendCell(append(line, ','), string(s.Kind))
		line = appendCell(append(line, ','), joinTags(&scratch, s.Tags))
		course, ok := courseCode[s.CourseID]
		if !ok || course == "" {
			course = s.CourseID
		}
		for _, cell := range []string{s.Note, focus, s.MilestoneID, course, s.Source} {
			line = appendCell(append(line, ','), cell)
		}
		sum.Sessions++
		return w.write(append(line, '\n'), true)
	})
	return sum, err
}

// joinTags is a CSV export's tags cell: the tags joined with ";", each ";" or backslash within
// a tag escaped with a backslash (splitTags reads it back). It allocates nothing: the cell is made in
// *scratch, and valid until *scratch is written again.
func joinTags(scratch *[]byte, tags []string) string {
	plain := true
	for _, t := range tags {
		plain = plain && !strings.ContainsAny(t, ";\\")
	}
	if plain && len(tags) < 2 {
		return strings.Join(tags, ";") // nothing to join: no allocation either
	}
	b := (*scratch)[:0]
	for i, t := range tags {
		if i > 0 {
			b = append(b, ';')
		}
		if plain {
			b = append(b, t...)
			continue
		}
		for j := 0; j < len(t); j++ {
			if t[j] == ';' || t[j] == '\\' {
				b = append(b, '\\')
			}
			b = append(b, t[j])
		}
	}
	*scratch = b
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// splitTags reads a tags cell that joinTags wrote: ";" between tags, a backslash before a ";" or
// a backslash that is part of one (any other backslash is itself, as older exports wrote it).
func splitTags(cell string) []string {
	var tags []string
	var tag strings.Builder
	end := func() {
		if t := strings.TrimSpace(tag.String()); t != "" {
			tags = append(tags, t)
		}
		tag.Reset()
	}
	for i := 0; i < len(cell); i++ {
		switch c := cell[i]; {
		case c == '\\' && i+1 < len(cell) && (cell[i+1] == ';' || cell[i+1] == '\\'):
			i++
			tag.WriteByte(cell[i])
		case c == ';':
			end()
		default:
			tag.WriteByte(c)
		}
	}
	end()
	return tags
}

// appendRFC3339 writes t in loc as t.In(loc).AppendFormat(dst, time.RFC3339) does, by hand
// for offsets of whole minutes and the years 0 to 9999: the time package's formatting was a
// tenth of the CSV export.
func appendRFC3339(dst []byte, t time.Time, loc *time.Location, days *dayCache) []byte {
	t = t.In(loc)
	_, off := t.Zone()
	local := t.Unix() + int64(off)
	if off%60 != 0 || local < minRFC3339 || local >= maxRFC3339 {
		return t.AppendFormat(dst, time.RFC3339)
	}
	dst = days.appendUTCSeconds(dst, local)
	if off == 0 {
		return dst // ending in Z, as RFC3339 writes a zero offset
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	h, m := 2*(off/3600), 2*(off/60%60)
	return append(dst[:len(dst)-1], sign, twoDigits[h], twoDigits[h+1], ':', twoDigits[m], twoDigits[m+1])
}

// appendCell writes a cell as the CSV export writes each: made visible, safe from spreadsheets,
// and quoted as encoding/csv quotes. Most cells need none of it (printable ASCII with no quote
// or comma, not starting with a space, a quote or what spreadsheetSafe marks, and not \.): those are
// copied after one pass eight bytes at a time, where the three steps took a fifth of the export.
func appendCell(dst []byte, cell string) []byte {
	if cell == "" || plainCSVCell(cell) && strings.IndexByte("=+-@ '", cell[0]) < 0 && cell != `\.` {
		return append(dst, cell...)
	}
	return appendCSVField(dst, spreadsheetSafe(tracker.Visible(cell)))
}

// plainCSVCell reports whether every byte of s is printable ASCII (0x20 to 0x7e) other than a
// quote or a comma.
func plainCSVCell(s string) bool {
	for ; len(s) >= 8; s = s[8:] {
		if !plainCSV(s) {
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == ',' {
			return false
		}
	}
	return true
}

// plainCSV is plainCSVCell for the first eight bytes of s: plainJSON's test with a comma in
// place of the backslash.
func plainCSV(s string) bool { return plainASCIIWithout(s, ',') }

// appendPlainCell writes a formatted time or number: one that starts with a digit and holds
// nothing to quote needs nothing of appendCell, which takes any other.
func appendPlainCell(dst, cell []byte) []byte {
	plain := len(cell) > 0 && cell[0] >= '0' && cell[0] <= '9'
	for i := 1; i < len(cell) && plain; i++ {
		c := cell[i]
		plain = c >= '0' && c <= '9' || c == '.' || c == ':' || c == '-' || c == '+' || c == 'T' || c == 'Z'
	}
	if plain {
		return append(dst, cell...)
	}
	return appendCell(dst, string(cell))
}

// appendCSVField writes a field as encoding/csv's Writer does (comma, no CRLF): quoted when it
// holds a comma, a quote or a line break, starts with a space, or is \., with quotes doubled.
func appendCSVField(dst []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(dst, field...)
	}
	dst = append(dst, '"')
	for {
		i := strings.IndexByte(field, '"')
		if i < 0 {
			return append(append(dst, field...), '"')
		}
		dst = append(append(dst, field[:i+1]...), '"')
		field = field[i+1:]
	}
}

func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	for i := 0; i < len(field); i++ {
		if csvQuoted[field[i]] {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// csvQuoted marks the bytes that make encoding/csv quote a field: one look-up a byte rather
// than four comparisons.
var csvQuoted = [256]bool{'\n': true, '\r': true, '"': true, ',': true}

// spreadsheetSafe keeps a spreadsheet from running a cell as a formula: a cell that starts
// with = + - @, a tab or a carriage return gets a leading single quote (OWASP's advice on CSV
// injection). A note like "-- read RFC 4271" is then shown as text, quote included.
// A cell that already starts with quotes before such a character ('=x, as the person typed it)
// gets one more, so that the import, which takes one back, gives the cell as it was.
func spreadsheetSafe(cell string) string {
	if cell != "" && strings.IndexByte(formulaStarts, cell[0]) >= 0 || quotedFormula(cell) {
		return "'" + cell
	}
	return cell
}

// formulaStarts are the first characters that make a spreadsheet read a cell as a formula.
const formulaStarts = "=+-@\t\r"

// quotedFormula reports whether a cell is one or more single quotes before a formula's start.
func quotedFormula(cell string) bool {
	rest := strings.TrimLeft(cell, "'")
	return len(rest) < len(cell) && rest != "" && strings.IndexByte(formulaStarts, rest[0]) >= 0
}

// milestoneEvent is a milestone's day in a calendar and what the event says: the day it was
// done, once it is, else its target; ok is false for a milestone with neither.
func milestoneEvent(m *tracker.Milestone) (day time.Time, summary string, ok bool) {
	if m.Status == tracker.Done {
		day, ok = m.DoneOn.Time()
		return day, m.Title + " (done)", ok
	}
	day, ok = m.Target.Time()
	return day, m.Title, ok
}

// exportICal writes sessions as timed events and milestones as all-day events (on the day done,
// else on the target date), one event at a time into a reused buffer (icalendar.go).
func exportICal(w *exportWriter, st tracker.Store, p *tracker.Plan, q tracker.Query, opt ExportOptions) (ExportSummary, error) {
	var sum ExportSummary
	var c icalWriter
	c.line("BEGIN", "", "VCALENDAR", false)
	c.line("VERSION", "", "2.0", true)
	c.line("PRODID", "", "-//Corepath//Corepath study sessions//EN", true)
	c.line("CALSCALE", "", "GREGORIAN", true)
	c.line("X-WR-CALNAME", "", "Corepath", true)
	stamp := opt.Now.UTC()
	for i := range p.Milestones {
		m := &p.Milestones[i]
		day, summary, ok := milestoneEvent(m)
		if !ok {
			continue
		}
		c.line("BEGIN", "", "VEVENT", false)
		c.line("UID", "", "milestone-"+m.ID+"@corepath", true)
		c.stamp("DTSTAMP", stamp)
		c.line("DTSTART", ";VALUE=DATE", day.Format("20060102"), false)
		c.line("DTEND", ";VALUE=DATE", day.AddDate(0, 0, 1).Format("20060102"), false)
		c.line("SUMMARY", "", icsText(summary), true)
		if m.Note != "" {
			c.line("DESCRIPTION", "", icsText(m.Note), true)
		}
		c.line("END", "", "VEVENT", false)
		sum.Milestones++
	}
	if err := w.write(c.take()); err != nil {
		return sum, err
	}
	topic := topicCellsOf(p)
	err := eachSession(st, q, opt.From, nil, func(s *tracker.Session) error {
		c.buf = append(c.buf, "BEGIN:VEVENT\r\n"...)
		c.sessionUID(s.ID)
		c.stamp("DTSTAMP", s.Updated)
		c.stamp("DTSTART", s.Start)
		c.stamp("DTEND", s.End())
		t := topic(s.TopicID)
		c.buf = append(c.buf, t.summary...)
		c.hidden = c.hidden || !t.summaryVisible
		if s.Note != "" {
			c.line("DESCRIPTION", "", icsText(s.Note), true)
		}
		for _, t := range s.Tags {
			c.line("CATEGORIES", "", icsText(t), true)
		}
		c.buf = append(c.buf, "END:VEVENT\r\n"...)
		sum.Sessions++
		return w.write(c.take())
	})
	if err != nil {
		return sum, err
	}
	return sum, w.writeString("END:VCALENDAR\r\n", true)
}

// icsText prepares text for an iCalendar TEXT value, which icalWriter escapes: line breaks
// become \n, and other control characters, which the format does not allow, are dropped.
func icsText(s string) string {
	if icsPlain(s) {
		return s
	}
	return icsMapped(s)
}

func icsMapped(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// icsPlain reports whether icsText would return s as it is: valid UTF-8 with no control
// character but line breaks and tabs.
func icsPlain(s string) bool {
	if tracker.PrintableASCII(s) {
		return true
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n' || c == '\t':
		case c < 0x20 || c == 0x7f:
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s)
}

// topicCells are what the CSV and iCalendar exports write of a topic, made once per topic
// rather than once per session.
type topicCells struct {
	path, track    string
	csvPath        string // as a CSV cell: made visible and safe from spreadsheets
	summary        []byte // its iCalendar SUMMARY line, folded
	summaryVisible bool
}

func topicCellsOf(p *tracker.Plan) func(id string) *topicCells {
	seen := map[string]*topicCells{}
	return func(id string) *topicCells {
		if c := seen[id]; c != nil {
			return c
		}
		c := &topicCells{path: p.TopicPath(id)}
		if t, ok := p.Topic(id); ok {
			c.track = string(t.Track)
		}
		var w icalWriter
		w.line("SUMMARY", "", icsText(c.path), true)
		c.csvPath = spreadsheetSafe(tracker.Visible(c.path))
		c.summary, c.summaryVisible = w.take()
		seen[id] = c
		return c
	}
}
