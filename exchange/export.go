package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"corepath/atomicfile"
	"corepath/tracker"
)

// ExportOptions choose what Export writes.
type ExportOptions struct {
	Format ExportFormat
	// From and To limit the sessions to those that start in [From, To); zero bounds are open.
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
	err := atomicfile.Write(path, "", 0o600, func(f *os.File) (err error) {
		sum, err = Export(f, st, opt)
		return err
	})
	if err != nil {
		var te *tracker.Error
		if !errors.As(err, &te) {
			err = &tracker.Error{Code: tracker.Internal, Err: err, Message: fmt.Sprintf("cannot write in %s: %v", filepath.Dir(path), err)}
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
	plan, err := marshal(p, "  ")
	if err != nil {
		return sum, err
	}
	stamp, _ := marshal(opt.Now.UTC().Truncate(time.Second), "")
	w.writeString("{\n  \"format\": \"corepath\",\n  \"version\": "+strconv.Itoa(FileVersion)+",\n  \"exported\": ", true)
	w.write(stamp, true)
	w.writeString(",\n  \"plan\": ", true)
	w.write(plan, false)
	w.writeString(",\n", true)
	timer, running, err := st.Timer()
	if err != nil {
		return sum, err
	}
	if running {
		line, err := marshal(toFile(&timer), "")
		if err != nil {
			return sum, err
		}
		w.writeString("  \"timer\": ", true)
		w.write(line, false)
		w.writeString(",\n", true)
		sum.Timer = true
	}
	w.writeString("  \"sessions\": [", true)
	var (
		line jsonLine
		f    fileSession
		end  time.Time
	)
	err = eachSession(st, q, func(s *tracker.Session) error {
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

// exportColumns names the CSV export's columns.
var exportColumns = []string{"id", "start", "end", "minutes", "topic", "track", "kind", "tags", "note", "focus", "milestone", "course"}

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
	err := eachSession(st, q, func(s *tracker.Session) error {
		t := topic(s.TopicID)
		focus := ""
		if s.Focus > 0 {
			focus = strconv.Itoa(s.Focus)
		}
		minutes := math.Round(s.Duration.Minutes()*100) / 100
		line = appendCell(line[:0], s.ID)
		scratch = s.Start.In(opt.Loc).AppendFormat(scratch[:0], time.RFC3339)
		line = appendPlainCell(append(line, ','), scratch)
		scratch = s.End().In(opt.Loc).AppendFormat(scratch[:0], time.RFC3339)
		line = appendPlainCell(append(line, ','), scratch)
		scratch = strconv.AppendFloat(scratch[:0], minutes, 'f', -1, 64)
		line = appendPlainCell(append(line, ','), scratch)
		line = appendCSVField(append(line, ','), t.csvPath)
		for _, cell := range []string{t.track, string(s.Kind), strings.Join(s.Tags, ";"), s.Note, focus, s.MilestoneID, s.CourseID} {
			line = appendCell(append(line, ','), cell)
		}
		sum.Sessions++
		return w.write(append(line, '\n'), true)
	})
	return sum, err
}

// appendCell writes a cell as the CSV export writes each: made visible, safe from spreadsheets,
// and quoted as encoding/csv quotes.
func appendCell(dst []byte, cell string) []byte {
	return appendCSVField(dst, spreadsheetSafe(tracker.Visible(cell)))
}

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
		if c := field[i]; c == '\n' || c == '\r' || c == '"' || c == ',' {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// spreadsheetSafe keeps a spreadsheet from running a cell as a formula: a cell that starts
// with = + - @, a tab or a carriage return gets a leading single quote (OWASP's advice on CSV
// injection). A note like "-- read RFC 4271" is then shown as text, quote included.
func spreadsheetSafe(cell string) string {
	if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// exportICal writes sessions as timed events and milestone target dates as all-day events,
// one event at a time into a reused buffer (icalendar.go).
func exportICal(w *exportWriter, st tracker.Store, p *tracker.Plan, q tracker.Query, opt ExportOptions) (ExportSummary, error) {
	var sum ExportSummary
	var c icalWriter
	c.line("BEGIN", "", "VCALENDAR", false)
	c.line("VERSION", "", "2.0", true)
	c.line("PRODID", "", "-//Corepath//Corepath study sessions//EN", true)
	c.line("CALSCALE", "", "GREGORIAN", true)
	c.line("X-WR-CALNAME", "", "Corepath", true)
	stamp := opt.Now.UTC()
	for _, m := range p.Milestones {
		day, ok := m.Target.Time()
		if !ok {
			continue
		}
		c.line("BEGIN", "", "VEVENT", false)
		c.line("UID", "", "milestone-"+m.ID+"@corepath", true)
		c.stamp("DTSTAMP", stamp)
		c.line("DTSTART", ";VALUE=DATE", day.Format("20060102"), false)
		c.line("DTEND", ";VALUE=DATE", day.AddDate(0, 0, 1).Format("20060102"), false)
		c.line("SUMMARY", "", icsText(m.Title), true)
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
	err := eachSession(st, q, func(s *tracker.Session) error {
		c.buf = append(c.buf, "BEGIN:VEVENT\r\n"...)
		c.line("UID", "", s.ID+"@corepath", true)
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
