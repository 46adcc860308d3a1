package exchange

import (
	"time"
	"unicode/utf8"
	"unsafe"

	"corepath/tracker"
)

// icalWriter writes iCalendar content lines (RFC 5545) into a buffer it reuses: TEXT values
// escaped, lines folded at 75 octets with CRLF. It writes byte for byte what golang-ical
// 0.3.4 wrote for the export before (a test and a fuzz target compare the two), including where
// it folds: at the last space or < before the limit, or after a >, else at the limit.
type icalWriter struct {
	buf      []byte
	unfolded []byte // the content line being written, before folding
	// The last two days stamp wrote, as 20060102: a session's start, end and stamp fall on one
	// or two.
	days  [2]int64
	dates [2][8]byte
	known [2]bool
	// hidden is set when a TEXT value written since the last take holds a character that
	// tracker.Visible would change (icsText leaves C1 controls, and an id is written as it is).
	hidden bool
}

const icalMaxLine = 75

// take returns what was written since the last take, valid until the next write, and whether
// it is all visible.
func (c *icalWriter) take() (out []byte, visible bool) {
	out, visible = c.buf, !c.hidden
	c.buf, c.hidden = c.buf[:0], false
	return out, visible
}

// stamp writes a UTC date-time property, 20060102T150405Z.
func (c *icalWriter) stamp(name string, t time.Time) {
	l := append(append(c.unfolded[:0], name...), ':')
	if unix := t.Unix(); unix >= 0 && unix < maxRFC3339 { // years 1970 to 9999: by hand
		days, secs := unix/86400, unix%86400
		slot := days & 1
		if !c.known[slot] || c.days[slot] != days {
			y, m, d := tracker.CivilDate(days)
			date := c.dates[slot][:0]
			for _, v := range [...]int64{y / 100, y % 100, m, d} {
				date = append(date, twoDigits[2*v:2*v+2]...)
			}
			c.days[slot], c.known[slot] = days, true
		}
		l = append(append(l, c.dates[slot][:]...), 'T')
		for _, v := range [...]int64{secs / 3600, secs / 60 % 60, secs % 60} {
			l = append(l, twoDigits[2*v:2*v+2]...)
		}
		l = append(l, 'Z')
	} else {
		l = t.UTC().AppendFormat(l, "20060102T150405Z")
	}
	c.fold(l)
}

// line writes one property: its name, its parameters (";VALUE=DATE"), and its value, escaped
// as TEXT when text.
func (c *icalWriter) line(name, params, value string, text bool) {
	l := append(append(append(c.unfolded[:0], name...), params...), ':')
	if text {
		l = appendICalText(l, value)
		c.hidden = c.hidden || tracker.Visible(value) != value
	} else { // a name or a date
		l = append(l, value...)
	}
	c.fold(l)
}

// sessionUID writes a session's UID, its id@corepath, as line would, without making that
// string for every session.
func (c *icalWriter) sessionUID(id string) {
	l := appendICalText(append(c.unfolded[:0], "UID:"...), id)
	c.hidden = c.hidden || tracker.Visible(id) != id
	c.fold(append(l, "@corepath"...))
}

// fold writes a content line, folded.
func (c *icalWriter) fold(l []byte) {
	c.unfolded = l
	if len(l) <= icalMaxLine {
		c.buf = append(append(c.buf, l...), "\r\n"...)
		return
	}
	first := foldAt(icalMaxLine, l)
	c.buf = append(append(c.buf, l[:first]...), "\r\n"...)
	r := l[first:]
	for len(r) > icalMaxLine-1 {
		n := foldAt(icalMaxLine-1, r)
		c.buf = append(append(append(c.buf, ' '), r[:n]...), "\r\n"...)
		r = r[n:]
	}
	c.buf = append(append(append(c.buf, ' '), r...), "\r\n"...)
}

// foldAt is how many bytes of s go on a line of at most max octets: up to the last space or
// <, or the character after a >, among the characters up to and including the first that does
// not fit; else as many whole characters as fit.
func foldAt(max int, s []byte) int {
	// In printable ASCII (most text), a character a byte: the last boundary, looked for from the
	// end of the characters up to and including the first that does not fit.
	if end := min(max+1, len(s)); tracker.PrintableASCII(unsafe.String(unsafe.SliceData(s), end)) {
		for i := end - 1; i > 0; i-- {
			if s[i] == ' ' || s[i] == '<' || s[i-1] == '>' {
				return i
			}
		}
		return min(max, len(s))
	}
	length, boundary := 0, -1
	var last rune
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		if r == ' ' || r == '<' || last == '>' {
			boundary = i
		}
		last = r
		if length+utf8.RuneLen(r) > max {
			break
		}
		length += utf8.RuneLen(r)
		i += size
	}
	if boundary > 0 {
		return boundary
	}
	return length
}

// appendICalText escapes a TEXT value: backslash, line break, semicolon and comma.
func appendICalText(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',', '\n':
			dst = append(dst, s[start:i]...)
			if c == '\n' {
				c = 'n'
			}
			dst = append(dst, '\\', c)
			start = i + 1
		}
	}
	return append(dst, s[start:]...)
}
