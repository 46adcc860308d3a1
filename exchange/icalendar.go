package exchange

import (
	"time"
	"unicode/utf8"
)

// icalWriter writes iCalendar content lines (RFC 5545) into a buffer it reuses: TEXT values
// escaped, lines folded at 75 octets with CRLF. It writes byte for byte what golang-ical
// 0.3.4 wrote for the export before (a test and a fuzz target compare the two), including where
// it folds: at the last space or < before the limit, or after a >, else at the limit.
type icalWriter struct {
	buf      []byte
	unfolded []byte // the content line being written, before folding
}

const icalMaxLine = 75

// take returns what was written since the last take; it is valid until the next write.
func (c *icalWriter) take() []byte {
	out := c.buf
	c.buf = c.buf[:0]
	return out
}

// stamp writes a UTC date-time property.
func (c *icalWriter) stamp(name string, t time.Time) {
	var b [16]byte
	c.line(name, "", string(t.UTC().AppendFormat(b[:0], "20060102T150405Z")), false)
}

// line writes one property: its name, its parameters (";VALUE=DATE"), and its value, escaped
// as TEXT when text.
func (c *icalWriter) line(name, params, value string, text bool) {
	l := append(append(append(c.unfolded[:0], name...), params...), ':')
	if text {
		l = appendICalText(l, value)
	} else {
		l = append(l, value...)
	}
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
	length, boundary := 0, -1
	var last rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
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
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
