package exchange

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// appendSession writes a session's line of the JSON export, byte for byte what encoding/json
// writes for fileSession (without HTML escaping), with no reflection and no buffer per session:
// encoding/json was two thirds of an export's time, and an export of 100,000 sessions must beat
// `timew export` by far. ok is false for a time encoding/json would refuse (a year outside
// 0-9999), which the caller then hands to encoding/json for its error.
func appendSession(dst []byte, f *fileSession) (out []byte, ok bool) {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, f.ID)
	if dst, ok = appendTime(append(dst, `,"start":`...), f.Start); !ok {
		return dst, false
	}
	if f.End != nil {
		if dst, ok = appendTime(append(dst, `,"end":`...), *f.End); !ok {
			return dst, false
		}
	}
	if f.PlannedSeconds != 0 {
		dst = strconv.AppendInt(append(dst, `,"planned_seconds":`...), f.PlannedSeconds, 10)
	}
	dst = appendJSONString(append(dst, `,"topic_id":`...), f.TopicID)
	if f.MilestoneID != "" {
		dst = appendJSONString(append(dst, `,"milestone_id":`...), f.MilestoneID)
	}
	if f.CourseID != "" {
		dst = appendJSONString(append(dst, `,"course_id":`...), f.CourseID)
	}
	dst = appendJSONString(append(dst, `,"kind":`...), string(f.Kind))
	if len(f.Tags) > 0 {
		dst = append(dst, `,"tags":[`...)
		for i, t := range f.Tags {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, t)
		}
		dst = append(dst, ']')
	}
	if f.Note != "" {
		dst = appendJSONString(append(dst, `,"note":`...), f.Note)
	}
	if f.Focus != 0 {
		dst = strconv.AppendInt(append(dst, `,"focus":`...), int64(f.Focus), 10)
	}
	if f.Source != "" {
		dst = appendJSONString(append(dst, `,"source":`...), f.Source)
	}
	if dst, ok = appendTime(append(dst, `,"created":`...), f.Created); !ok {
		return dst, false
	}
	if dst, ok = appendTime(append(dst, `,"updated":`...), f.Updated); !ok {
		return dst, false
	}
	return append(dst, '}'), true
}

// appendTime writes t as time.Time's MarshalJSON does.
func appendTime(dst []byte, t time.Time) ([]byte, bool) {
	if y := t.Year(); y < 0 || y > 9999 {
		return dst, false
	}
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"'), true
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does with HTML escaping off: \" \\ \b \f \n \r \t,
// other control characters as \u00XX, invalid UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
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
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
