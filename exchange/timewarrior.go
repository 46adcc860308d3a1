package exchange

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"corepath/tracker"
)

// Timewarrior keeps its intervals in a data folder of monthly files, YYYY-MM.data, one
// interval per line, as Interval::serialize writes them and IntervalFactory::fromSerialization
// reads them back (timewarrior src/Interval.cpp, src/IntervalFactory.cpp):
//
//	inc 20261120T180000Z - 20261120T184500Z # bgp "route reflectors" # "read RFC 4456"
//
// "inc", the start, then " - " and the end unless the interval is still open; then optionally
// " #" and the tags (sorted, each quoted when it holds a space, a quote or one of +/()<^!=~_%,
// with \" inside quotes), and optionally " # " and the annotation (quoted with \" escapes by
// Timewarrior 1.4 and later, bare words before; an annotation without tags is written " # #").
// Times are UTC, YYYYMMDDTHHMMSSZ. `timew export` writes the same intervals as a JSON array of
// {"id", "start", "end", "tags", "annotation"}.

const timewTime = "20060102T150405Z"

// isTimewFile reports whether name is a monthly data file's, YYYY-MM.data.
func isTimewFile(name string) bool {
	month, ok := strings.CutSuffix(name, ".data")
	if !ok || len(month) != len("2006-01") || month[4] != '-' {
		return false
	}
	return strings.Trim(month[:4]+month[5:], "0123456789") == ""
}

// readTimewFolder reads every monthly file of a Timewarrior data folder, oldest first. The
// folder that holds "data" (~/.timewarrior) is accepted too.
func readTimewFolder(dir string) (*source, error) {
	files, err := timewFiles(dir)
	if err == nil && len(files) == 0 {
		if sub, serr := timewFiles(filepath.Join(dir, "data")); serr == nil && len(sub) > 0 {
			dir, files = filepath.Join(dir, "data"), sub
		}
	}
	if err != nil {
		return nil, cannotRead(dir, err)
	}
	if len(files) == 0 {
		return nil, tracker.Errorf(tracker.NotFound, "%s holds no Timewarrior data files (YYYY-MM.data): give Timewarrior's data folder, usually ~/.timewarrior/data or ~/.local/share/timewarrior/data", dir)
	}
	src := &source{format: Timewarrior}
	for _, name := range files {
		if err := readTimewFile(filepath.Join(dir, name), name, src); err != nil {
			return nil, src.bad.err(err)
		}
	}
	return src, nil // check reports the records that could not be read with the others
}

func timewFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && isTimewFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names) // YYYY-MM sorts by time
	return names, nil
}

func readTimewFile(path, name string, src *source) error {
	f, err := os.Open(path)
	if err != nil {
		return cannotRead(path, err)
	}
	defer f.Close()
	g := newGuard(f)
	return parseTimewData(bufio.NewReaderSize(g, 64<<10), g, name, src)
}

// parseTimewData reads the lines of a Timewarrior data file.
func parseTimewData(r io.Reader, g *guard, file string, src *source) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxRecordBytes)
	var offset int64
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		advance, token, err := bufio.ScanLines(data, atEOF)
		offset += int64(advance)
		return advance, token, err
	})
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		g.mark(offset)
		if strings.TrimSpace(text) == "" {
			continue
		}
		w := pos{file: file, line: line}
		rec, err := parseTimewLine(text)
		if err != nil {
			src.total++
			src.bad.add(w, err)
			continue
		}
		rec.at = w
		if err := src.add(rec); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return tracker.Errorf(tracker.Invalid, "%s: a line is longer than %d MiB; this is not a Timewarrior data file", fileOr(file), maxRecordBytes>>20)
		}
		return inputError(fileOr(file), err)
	}
	return nil
}

func fileOr(file string) string {
	if file == "" {
		return "the file"
	}
	return file
}

// parseTimewLine reads one serialized interval.
func parseTimewLine(line string) (record, error) {
	toks, err := timewTokens(line)
	if err != nil {
		return record{}, err
	}
	if len(toks) == 0 || toks[0].quoted || toks[0].text != "inc" {
		return record{}, tracker.Errorf(tracker.Invalid, "not a Timewarrior interval: each line of a data file starts with \"inc\"")
	}
	var rec record
	i := 1
	if i >= len(toks) || toks[i].quoted || len(toks[i].text) != len(timewTime) {
		return record{}, tracker.Errorf(tracker.Invalid, "the interval has no start time")
	}
	start, err := timewParseTime(toks[i].text)
	if err != nil {
		return record{}, err
	}
	i++
	rec.open = true
	if i < len(toks) && toks[i].is("-") {
		if i+1 >= len(toks) {
			return record{}, tracker.Errorf(tracker.Invalid, "the interval has \"-\" but no end time")
		}
		end, err := timewParseTime(toks[i+1].text)
		if err != nil {
			return record{}, err
		}
		if err := setSpan(&rec, start, end, time.UTC, " UTC"); err != nil {
			return record{}, err
		}
		i += 2
	} else {
		rec.s.Start = start
	}
	rec.key, rec.openKey = timewKey(rec.s.Start, rec.s.Duration, rec.open), timewKey(rec.s.Start, 0, true)
	if i < len(toks) {
		if !toks[i].is("#") {
			return record{}, tracker.Errorf(tracker.Invalid, "unexpected %q after the times: tags follow a \"#\"", toks[i].text)
		}
		i++
		for ; i < len(toks) && !toks[i].is("#"); i++ {
			rec.s.Tags = append(rec.s.Tags, toks[i].text)
		}
		if i < len(toks) { // the second "#": the rest is the annotation
			var words []string
			for _, t := range toks[i+1:] {
				words = append(words, t.text)
			}
			rec.s.Note = strings.Join(words, " ")
		}
	}
	rec.names = timewNames(rec.s.Tags)
	return rec, nil
}

// timewNames are the names that may give an interval's topic: its tags in order, or, for an
// untagged interval, "Untagged", which --map can send anywhere.
func timewNames(tags []string) []string {
	if len(tags) == 0 {
		return []string{"Untagged"}
	}
	return tags
}

type timewToken struct {
	text   string
	quoted bool
}

// is reports whether the token is the bare word s; a quoted "#" is a tag, not a separator.
func (t timewToken) is(s string) bool { return !t.quoted && t.text == s }

// timewTokens splits a line as Timewarrior's Lexer does with only strings and words enabled:
// words end at white space, and a word that starts with a quote runs to the matching quote,
// with backslash escapes (\" \' \\ \b \f \n \r \t \v \uXXXX) and U+XXXX inside.
func timewTokens(line string) ([]timewToken, error) {
	var toks []timewToken
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if timewSpace(r) {
			i += size
			continue
		}
		if r == '"' || r == '\'' {
			text, n, err := timewQuoted(line[i:])
			if err != nil {
				return nil, err
			}
			toks = append(toks, timewToken{text: text, quoted: true})
			i += n
			continue
		}
		j := i
		for j < len(line) {
			r, size := utf8.DecodeRuneInString(line[j:])
			if timewSpace(r) {
				break
			}
			j += size
		}
		toks = append(toks, timewToken{text: line[i:j]})
		i = j
	}
	return toks, nil
}

// timewQuoted reads a quoted string at the start of s and returns its text and length.
func timewQuoted(s string) (string, int, error) {
	quote := s[0]
	var b strings.Builder
	for i := 1; i < len(s); {
		c := s[i]
		if c == quote {
			return b.String(), i + 1, nil
		}
		if (c == '\\' && strings.HasPrefix(s[i+1:], "u") || c == 'U' && strings.HasPrefix(s[i+1:], "+")) && i+6 <= len(s) {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil {
				b.WriteRune(rune(v))
				i += 6
				continue
			}
		}
		if c == '\\' && i+1 < len(s) {
			if e, ok := timewEscapes[s[i+1]]; ok {
				b.WriteByte(e)
			} else {
				b.WriteByte(s[i+1]) // anything else escapes to itself, as in Timewarrior
			}
			i += 2
			continue
		}
		b.WriteByte(c)
		i++
	}
	return "", 0, tracker.Errorf(tracker.Invalid, "a quoted tag or annotation is not closed")
}

var timewEscapes = map[byte]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v'}

// timewSpace is Timewarrior's list of white space (libshared unicodeWhitespace).
func timewSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0xa0, 0x1680, 0x180e, 0x2028, 0x2029, 0x202f, 0x205f, 0x2060, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200d
}

func timewParseTime(s string) (time.Time, error) {
	t, err := time.Parse(timewTime, s)
	if err != nil {
		return t, tracker.Errorf(tracker.Invalid, "%q is not a Timewarrior time (YYYYMMDDTHHMMSSZ)", s)
	}
	if t.Year() < 1970 { // Timewarrior counts from 1970; an earlier time is a damaged line
		return t, tracker.Errorf(tracker.Invalid, "%q is before 1970", s)
	}
	return t, nil
}

// setSpan sets a record's start and length, refusing an end before the start. The times are
// shown as the file writes them: in loc, with zone (" UTC") when the file names one.
func setSpan(rec *record, start, end time.Time, loc *time.Location, zone string) error {
	if end.Before(start) {
		s, e := start.In(loc), end.In(loc)
		startText := s.Format("15:04")
		if tracker.DateOf(s) != tracker.DateOf(e) {
			startText = s.Format("2006-01-02 15:04") + zone
		}
		return tracker.Errorf(tracker.Invalid, "end %s%s is before start %s", e.Format("2006-01-02 15:04"), zone, startText)
	}
	rec.s.Start, rec.s.Duration, rec.open = start, end.Sub(start), false
	return nil
}

// timewKey writes an interval's times as Timewarrior does, for its identity: a data line and
// the same interval in `timew export` give the same key.
func timewKey(start time.Time, d time.Duration, open bool) string {
	if open {
		return start.UTC().Format(timewTime)
	}
	return start.UTC().Format(timewTime) + " - " + start.Add(d).UTC().Format(timewTime)
}

// timewInterval is one element of `timew export`.
type timewInterval struct {
	ID         int      `json:"id"` // timew's own: @1 is the newest interval
	Start      string   `json:"start"`
	End        string   `json:"end"`
	Tags       []string `json:"tags"`
	Annotation string   `json:"annotation"`
}

// lineCounter passes a reader's bytes on and tells the line of an offset in them, for
// offsets asked in increasing order; it keeps only the line breaks not yet asked past.
type lineCounter struct {
	r       io.Reader
	read    int64
	pending []int64 // offsets of the line breaks not yet passed
	passed  int     // line breaks before the last offset asked, and before the reading began
}

func (lc *lineCounter) Read(p []byte) (int, error) {
	n, err := lc.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			lc.pending = append(lc.pending, lc.read+int64(i))
		}
	}
	lc.read += int64(n)
	return n, err
}

// lineAt is the line, counted from 1, that holds the byte at offset.
func (lc *lineCounter) lineAt(offset int64) int {
	k := 0
	for k < len(lc.pending) && lc.pending[k] < offset {
		k++
	}
	lc.passed += k
	lc.pending = lc.pending[k:]
	return lc.passed + 1
}

// parseTimewJSON reads `timew export`: an array of intervals, decoded one at a time. The
// first linesBefore lines of the file were read before (timew's notices).
func parseTimewJSON(br *bufio.Reader, g *guard, linesBefore int, src *source) error {
	lines := &lineCounter{r: br, passed: linesBefore}
	dec := json.NewDecoder(lines)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return notJSON("a Timewarrior export", err)
	}
	for i := 1; dec.More(); i++ {
		w := pos{what: "interval", index: i}
		var iv timewInterval
		raw, err := readValue(dec, w)
		if err != nil {
			return err
		}
		w.line = lines.lineAt(dec.InputOffset() - int64(len(raw)))
		if err := decodeRaw(raw, w, &iv, false); err != nil {
			src.total++
			src.bad.addPlaced(w, err) // decodeRaw says where; w puts it in the file's order
			g.mark(dec.InputOffset())
			continue
		}
		if iv.ID > 0 { // named as timew names it, @1 the newest, not by its place in the file
			w.what, w.index = fmt.Sprintf("interval @%d", iv.ID), 0
		}
		rec, err := timewRecord(&iv)
		if err != nil {
			src.total++
			src.bad.add(w, err)
			g.mark(dec.InputOffset())
			continue
		}
		rec.at = w
		if err := src.add(rec); err != nil {
			return err
		}
		g.mark(dec.InputOffset())
	}
	if _, err := dec.Token(); err != nil {
		return notJSON("a Timewarrior export", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return tracker.Errorf(tracker.Invalid, "there is more after the end of the Timewarrior export; the file has been edited or damaged")
	}
	return nil
}

func timewRecord(iv *timewInterval) (record, error) {
	var rec record
	if iv.Start == "" {
		return rec, tracker.Errorf(tracker.Invalid, "the interval has no start time")
	}
	start, err := timewParseTime(iv.Start)
	if err != nil {
		return rec, err
	}
	rec.s.Start, rec.open = start, true
	if iv.End != "" {
		end, err := timewParseTime(iv.End)
		if err != nil {
			return rec, err
		}
		if err := setSpan(&rec, start, end, time.UTC, " UTC"); err != nil {
			return rec, err
		}
	}
	rec.key, rec.openKey = timewKey(rec.s.Start, rec.s.Duration, rec.open), timewKey(rec.s.Start, 0, true)
	rec.s.Tags = iv.Tags
	rec.s.Note = iv.Annotation
	rec.names = timewNames(iv.Tags)
	return rec, nil
}
