package exchange

import (
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"corepath/tracker"
)

// jsonLine writes a session's line of the JSON export into a buffer it reuses, byte for byte
// what encoding/json writes for fileSession (without HTML escaping), with no reflection and no
// buffer per session: encoding/json was two thirds of an export's time, and an export of
// 100,000 sessions must beat `timew export` by far.
type jsonLine struct {
	buf []byte
	// The days of starts and ends, and of created and updated times: each pair mostly falls on
	// one day, and the two pairs on different ones.
	spans, stamps dayCache
	// hidden is set when the line holds a character that tracker.Visible would change: a DEL
	// or a C1 control in a string, the only ones the escaping leaves.
	hidden bool
}

// session writes f's line. ok is false for a time encoding/json would refuse (a year outside
// 0-9999), which the caller then hands to encoding/json for its error.
func (l *jsonLine) session(f *fileSession) (ok bool) {
	l.buf, l.hidden = append(l.buf[:0], `{"id":`...), false
	l.string(f.ID)
	l.buf = append(l.buf, `,"start":`...)
	if !l.time(f.Start, &l.spans) {
		return false
	}
	if f.End != nil {
		l.buf = append(l.buf, `,"end":`...)
		if !l.time(*f.End, &l.spans) {
			return false
		}
	}
	if f.PlannedSeconds != 0 {
		l.buf = strconv.AppendInt(append(l.buf, `,"planned_seconds":`...), f.PlannedSeconds, 10)
	}
	l.buf = append(l.buf, `,"topic_id":`...)
	l.string(f.TopicID)
	if f.MilestoneID != "" {
		l.buf = append(l.buf, `,"milestone_id":`...)
		l.string(f.MilestoneID)
	}
	if f.CourseID != "" {
		l.buf = append(l.buf, `,"course_id":`...)
		l.string(f.CourseID)
	}
	l.buf = append(l.buf, `,"kind":`...)
	l.string(string(f.Kind))
	if len(f.Tags) > 0 {
		l.buf = append(l.buf, `,"tags":[`...)
		for i, t := range f.Tags {
			if i > 0 {
				l.buf = append(l.buf, ',')
			}
			l.string(t)
		}
		l.buf = append(l.buf, ']')
	}
	if f.Note != "" {
		l.buf = append(l.buf, `,"note":`...)
		l.string(f.Note)
	}
	if f.Focus != 0 {
		l.buf = strconv.AppendInt(append(l.buf, `,"focus":`...), int64(f.Focus), 10)
	}
	if f.Source != "" {
		l.buf = append(l.buf, `,"source":`...)
		l.string(f.Source)
	}
	l.buf = append(l.buf, `,"created":`...)
	if !l.time(f.Created, &l.stamps) {
		return false
	}
	l.buf = append(l.buf, `,"updated":`...)
	if !l.time(f.Updated, &l.stamps) {
		return false
	}
	l.buf = append(l.buf, '}')
	return true
}

func (l *jsonLine) string(s string) {
	var hidden bool
	l.buf, hidden = appendJSONString(l.buf, s)
	l.hidden = l.hidden || hidden
}

func (l *jsonLine) time(t time.Time, days *dayCache) (ok bool) {
	l.buf, ok = appendTime(l.buf, t, days)
	return ok
}

// appendTime writes t as time.Time's MarshalJSON does. A UTC time of whole seconds (every time
// the store holds) is written by hand: the time package's formatting was a tenth of an export.
func appendTime(dst []byte, t time.Time, days *dayCache) ([]byte, bool) {
	if t.Location() == time.UTC && t.Nanosecond() == 0 {
		if unix := t.Unix(); unix >= minRFC3339 && unix < maxRFC3339 {
			dst = append(dst, '"')
			return append(days.appendUTCSeconds(dst, unix), '"'), true
		}
	}
	if y := t.Year(); y < 0 || y > 9999 {
		return dst, false
	}
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"'), true
}

// The instants of 0000-01-01 and 10000-01-01 UTC: the years RFC 3339 can write.
const (
	minRFC3339 = -62167219200
	maxRFC3339 = 253402300800
)

// dayCache remembers the last two days appendUTCSeconds wrote, as "2006-01-02T": a session's
// start and end, and its created and updated times, mostly fall on one or two days.
type dayCache struct {
	days  [2]int64
	dates [2][11]byte
	ok    [2]bool
}

// appendUTCSeconds writes a Unix time as 2006-01-02T15:04:05Z, straight into dst's spare
// room (copying a few bytes at a time was a tenth of the export). c may be nil.
func (c *dayCache) appendUTCSeconds(dst []byte, unix int64) []byte {
	days := unix / 86400
	secs := unix % 86400
	if secs < 0 {
		days, secs = days-1, secs+86400
	}
	n := len(dst)
	dst = slices.Grow(dst, 20)[:n+20]
	b := (*[20]byte)(dst[n:])
	if c != nil {
		slot := days & 1
		if !c.ok[slot] || c.days[slot] != days {
			c.days[slot], c.ok[slot] = days, true
			appendDate(c.dates[slot][:0], days)
		}
		*(*[11]byte)(b[:11]) = c.dates[slot] // copied straight: through a variable, its bytes were read back before they were stored
	} else {
		appendDate(b[:0], days)
	}
	h, m, s := 2*(secs/3600), 2*(secs/60%60), 2*(secs%60)
	b[11], b[12], b[13] = twoDigits[h], twoDigits[h+1], ':'
	b[14], b[15], b[16] = twoDigits[m], twoDigits[m+1], ':'
	b[17], b[18], b[19] = twoDigits[s], twoDigits[s+1], 'Z'
	return dst
}

const twoDigits = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"4041424344454647484950515253545556575859606162636465666768697071727374757677787980" +
	"81828384858687888990919293949596979899"

// appendDate writes the day days after 1970-01-01 as 2006-01-02T.
func appendDate(dst []byte, days int64) []byte {
	year, month, day := tracker.CivilDate(days)
	dst = append(dst, twoDigits[2*(year/100):2*(year/100)+2]...)
	dst = append(dst, twoDigits[2*(year%100):2*(year%100)+2]...)
	dst = append(append(dst, '-'), twoDigits[2*month:2*month+2]...)
	dst = append(append(dst, '-'), twoDigits[2*day:2*day+2]...)
	return append(dst, 'T')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does with HTML escaping off: \" \\ \b \f \n \r \t,
// other control characters as \u00XX, invalid UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
// hidden reports a DEL or a C1 control, which it leaves as they are and tracker.Visible would
// not.
func appendJSONString(dst []byte, s string) (out []byte, hidden bool) {
	// Most strings (ids, topics, kinds, tags, notes) need nothing: those are found so and
	// copied whole, eight bytes at a time then a byte at a time.
	i := 0
	for i+8 <= len(s) && plainJSON(s[i:i+8]) {
		i += 8
	}
	for i < len(s) && plainJSONByte[s[i]] {
		i++
	}
	dst = append(dst, '"')
	if i == len(s) {
		return append(append(dst, s...), '"'), false
	}
	return appendEscapedJSON(dst, s, i)
}

// plainJSONByte is plainJSON for one byte.
var plainJSONByte = func() (plain [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		plain[c] = c != '"' && c != '\\'
	}
	return plain
}()

// appendEscapedJSON writes the rest of appendJSONString's s, whose first plain bytes end at i.
func appendEscapedJSON(dst []byte, s string, i int) (out []byte, hidden bool) {
	start := 0
	for i < len(s) {
		if i+8 <= len(s) && plainJSON(s[i:i+8]) {
			i += 8
			continue
		}
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				hidden = hidden || b == 0x7f
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		hidden = hidden || c < 0xa0
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"'), hidden
}

// plainJSON reports whether eight bytes are printable ASCII (0x20 to 0x7e) with no " or \: no
// escaping, and nothing for the command line's guard.
func plainJSON(s string) bool { return plainASCIIWithout(s, '\\') }

// plainASCIIWithout reports whether the first eight bytes of s are printable ASCII (0x20 to
// 0x7e) with no quote and no c.
func plainASCIIWithout(s string, c byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	// The high bit of each byte marks one below 0x20, or equal to ", c or DEL (a zero in x^c).
	q, b, d := x^'"'*ones, x^uint64(c)*ones, x^0x7f*ones
	return (x|(x-0x20*ones)&^x|(q-ones)&^q|(b-ones)&^b|(d-ones)&^d)&highs == 0
}
