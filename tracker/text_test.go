package tracker

import (
	"strings"
	"testing"
)

func TestTextWithControlCharactersIsRefused(t *testing.T) {
	for _, c := range []struct {
		s         string
		multiline bool
		want      string // "" when the text is fine
	}{
		{"BGP route reflectors", false, ""},
		{"Café, 日本語", false, ""},
		{"Evil\x1b]0;pwned\x07", false, "control character (ESC, at byte 5)"},
		{"two\nlines", false, "control character (a line break, at byte 4)"},
		{"two\nlines\tand a tab\r\n", true, ""},
		{"bell\x07", true, "control character (U+0007"},
		{"csi\u009b2J", true, "control character (U+009B"},
		{"del\x7f", true, "control character (U+007F"},
		{"g\xffod17", true, "not UTF-8"},
	} {
		err := validText("note", c.s, c.multiline)
		if c.want == "" && err != nil || c.want != "" && (ErrorCode(err) != Invalid || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%q: %v, want %q", c.s, err, c.want)
		}
	}
}

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, line\n\ttab":     "plain text, line\n\ttab",
		"printable ASCII (BGP)":       "printable ASCII (BGP)",
		"Evil\x1b]0;pwned\x07\x1b[2J": "Evil␛]0;pwned␇␛[2J",
		"csi\u009b2J del\x7f":         "csi\uFFFD2J del␡",
		"g\xffod":                     "g\uFFFDod",
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}
