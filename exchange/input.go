package exchange

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"corepath/tracker"
)

// Limits that keep an import's memory bounded whatever the file holds. Every record of a file
// is read and checked before anything is written, so the records are held in memory; the caps
// keep the heap under about a hundred megabytes (TestAnEndlessTimewarriorExportStopsWithinTheMemoryCap
// measures it): at most MaxRecords records, taking at most maxHeldBytes as recordCost counts
// them, which with the reading's garbage makes the hundred. That is 200,000 Toggl or Clockify
// rows, or some 110,000 Timewarrior intervals with sentence-long tags: twice the 100,000
// sessions the storage benchmarks use covers decades of study, and a bigger history is
// exported and imported in parts.
const (
	MaxRecords     = 200_000
	maxHeldBytes   = 64 << 20
	maxRecordBytes = 4 << 20 // one CSV row, one JSON value, one line (the plan included)
	maxDepth       = 32      // of JSON nesting; Corepath's own files need 5
)

// guard wraps a file's bytes on their way to a parser: it refuses binary data and invalid
// UTF-8 with the line where they start, and a record larger than maxRecordBytes, so that no
// parser ever buffers an unbounded amount. The parser calls mark at each record boundary.
type guard struct {
	r     io.Reader
	read  int64 // bytes passed on
	start int64 // where the current record starts
	line  int   // line breaks passed on
	carry []byte
	err   error
}

func newGuard(r io.Reader) *guard { return &guard{r: r} }

// mark tells the guard that a record ends at offset (as counted by the parser).
func (g *guard) mark(offset int64) { g.start = offset }

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	// The start of a character cut by the last read is held back and put in front of this one.
	if len(p) <= utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	n := copy(p, g.carry)
	m, err := g.r.Read(p[n:])
	if err != nil && err != io.EOF {
		g.err = err
		return 0, err
	}
	chunk := p[:n+m]
	keep := 0
	if err == nil {
		keep = incompleteTail(chunk)
	}
	g.carry = append(g.carry[:0], chunk[len(chunk)-keep:]...)
	chunk = chunk[:len(chunk)-keep]
	if bad := invalidAt(chunk); bad >= 0 {
		g.err = g.invalid(chunk, bad)
		return 0, g.err
	}
	g.line += bytes.Count(chunk, []byte{'\n'})
	g.read += int64(len(chunk))
	if g.read-g.start > maxRecordBytes {
		g.err = tracker.Errorf(tracker.Invalid, "near line %d: a single record is larger than %d MiB; this is not a file Corepath can import",
			g.line+1, maxRecordBytes>>20)
		return 0, g.err
	}
	return len(chunk), err
}

// invalid describes the bad byte at chunk[at].
func (g *guard) invalid(chunk []byte, at int) error {
	line := g.line + 1 + bytes.Count(chunk[:at], []byte{'\n'})
	// Binary files (images, archives, spreadsheets saved as .xlsx) hold zero bytes early on;
	// text in another encoding does not.
	if g.read == 0 && len(chunk) >= 20 && string(chunk[16:20]) == "\xed\xda\x0c\xed" { // bbolt's meta page
		return tracker.Errorf(tracker.Invalid, "this is a Corepath store or backup, not an export: restore it to go back to it (restore replaces the store), or export from it and import the export")
	}
	if bytes.IndexByte(chunk[at:min(len(chunk), at+1024)], 0) >= 0 {
		return tracker.Errorf(tracker.Invalid, "this is not a text file (line %d holds binary data): export the data from the other app as CSV or JSON and import that", line)
	}
	return tracker.Errorf(tracker.Invalid, "line %d is not valid UTF-8 text: save the file as UTF-8 and import it again", line)
}

// incompleteTail is how many bytes at the end of b start a UTF-8 character that the next read
// completes.
func incompleteTail(b []byte) int {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}

// invalidAt is the index of the first zero byte or invalid UTF-8 sequence in b, or -1.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		c := b[i]
		if c == 0 {
			return i
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// inputError turns a parser's failure into an *tracker.Error: the guard's own errors pass
// through, anything else is described with where it happened.
func inputError(where string, err error) error {
	var te *tracker.Error
	if errors.As(err, &te) {
		return te
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return tracker.Errorf(tracker.Invalid, "%s: the file ends in the middle of a record; it may have been cut short", where)
	}
	return &tracker.Error{Code: tracker.Invalid, Err: err, Message: where + ": " + err.Error()}
}

// jsonDepth reports how deeply a JSON value nests its arrays and objects, stopping as soon as
// it passes limit, so that a hostile file fails fast with a clear message.
func jsonDepth(raw []byte, limit int) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range raw {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > limit {
					return deepest
				}
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// blocks holds a file's many records (or rows) in blocks of a fixed size: growing never copies
// what it holds nor keeps more than a block of spare room, which a slice that doubles does.
type blocks[T any] struct {
	b [][]T
	n int
}

const blockLen = 4096

func (bs *blocks[T]) add(v T) {
	if bs.n/blockLen == len(bs.b) {
		bs.b = append(bs.b, make([]T, 0, blockLen))
	}
	b := &bs.b[bs.n/blockLen]
	*b = append((*b)[:bs.n%blockLen], v)
	bs.n++
}

func (bs *blocks[T]) len() int { return bs.n }

func (bs *blocks[T]) at(i int) *T { return &bs.b[i/blockLen][i%blockLen] }

// free lets the block of value i go once i is its last value, or the last of all; the values
// are read in order and not again.
func (bs *blocks[T]) free(i int) {
	if i%blockLen == blockLen-1 || i == bs.n-1 {
		bs.b[i/blockLen] = nil
	}
}
