package tracker

import (
	"math/rand/v2"
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

// TestPrintableASCII holds the eight-bytes-at-a-time test to a byte-by-byte one: every byte
// value at every place of strings up to 20 bytes long, and random strings.
func TestPrintableASCII(t *testing.T) {
	naive := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7e {
				return false
			}
		}
		return true
	}
	for n := 1; n <= 20; n++ {
		for at := range n {
			for b := range 256 {
				s := []byte(strings.Repeat("~", n))
				s[at] = byte(b)
				if got, want := PrintableASCII(string(s)), naive(string(s)); got != want {
					t.Fatalf("%q: %v, want %v", s, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 20000 {
		s := make([]byte, rng.IntN(40))
		for i := range s {
			s[i] = byte(0x1c + rng.IntN(0x66)) // mostly printable, now and then a byte either side
		}
		if got, want := PrintableASCII(string(s)), naive(string(s)); got != want {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
	}
}
