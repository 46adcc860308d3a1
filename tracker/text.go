package tracker

import (
	"strings"
	"unicode/utf8"
)

// Text typed or imported reaches terminals, spreadsheets and other programs, where a control
// character can do harm: an escape sequence in a topic name retitles or clears the terminal that
// prints it. So free text is refused at input when it holds control characters (a note may hold
// line breaks and tabs) or bytes that are not UTF-8, and what is printed has them made visible.

// validText checks one field of free text; what names it in the message.
func validText(what, s string, multiline bool) error {
	if !utf8.ValidString(s) {
		return Errorf(Invalid, "the %s holds bytes that are not UTF-8 text: retype it, or save the file it comes from as UTF-8", what)
	}
	for i, r := range s {
		if isControl(r) && !(multiline && (r == '\n' || r == '\t' || r == '\r')) {
			allowed := "; it may not hold line breaks or tabs"
			if multiline {
				allowed = "; line breaks and tabs are fine"
			}
			return Errorf(Invalid, "the %s holds a control character (%s, at byte %d), which could change a terminal that shows it: remove it%s",
				what, controlName(r), i+1, allowed)
		}
	}
	return nil
}

// isControl reports the C0 and C1 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

func controlName(r rune) string {
	switch r {
	case 0x1b:
		return "ESC"
	case '\n':
		return "a line break"
	case '\t':
		return "a tab"
	case '\r':
		return "a carriage return"
	}
	return "U+" + hex4(r)
}

func hex4(r rune) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[r>>12&15], digits[r>>8&15], digits[r>>4&15], digits[r&15]})
}

// VisibleRune is the character printed in place of r: a C0 control or DEL as its Unicode control
// picture (ESC becomes ␛), a C1 control or a byte that is not UTF-8 (utf8.RuneError) as �. Line
// breaks, tabs and carriage returns, which output needs, and everything else stay as they are.
func VisibleRune(r rune) rune {
	switch {
	case r == '\n' || r == '\t' || r == '\r':
		return r
	case r < 0x20:
		return 0x2400 + r
	case r == 0x7f:
		return 0x2421
	case r >= 0x80 && r < 0xa0:
		return utf8.RuneError
	}
	return r
}

// PrintableASCII reports whether every byte of s is printable ASCII (0x20 to 0x7e), eight bytes
// at a time: the exports ask it of every cell and line.
func PrintableASCII(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// The high bit of a byte marks one of 0x80 or more, one below 0x20 (x-0x20 borrows) or
		// 0x7f (x+1 carries into it); a borrow or carry only reaches bytes above a marked one.
		if (x|(x-0x20*ones)&^x|(x+ones))&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// Visible returns s with every rune passed through VisibleRune, and bytes that are not UTF-8
// replaced by �; it returns s itself when nothing needs it.
func Visible(s string) string {
	if PrintableASCII(s) { // the common case: nothing to check rune by rune
		return s
	}
	clean := utf8.ValidString(s)
	for _, r := range s {
		clean = clean && VisibleRune(r) == r
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s { // ranging a string yields RuneError for each bad byte
		b.WriteRune(VisibleRune(r))
	}
	return b.String()
}
