package exchange

import (
	"slices"
	"strings"
	"testing"
)

// A CSV export's tags cell gives back the tags it was made of: a ";" or a backslash inside a
// tag is escaped, and a backslash before anything else reads as itself, as older exports wrote.
func TestTagsCellRoundTrip(t *testing.T) {
	var scratch []byte
	for _, tags := range [][]string{nil, {"lab"}, {"lab", "rr"}, {"a;b"}, {"a;b", `c\d`, `e\;f`, "g"}, {`end\`}, {`\`, ";"}} {
		cell := joinTags(&scratch, tags)
		if got := splitTags(cell); !slices.Equal(got, tags) && !(len(got) == 0 && len(tags) == 0) {
			t.Errorf("%q: cell %q reads back as %q", tags, cell, got)
		}
	}
	if got := splitTags(`C:\lab;rr`); !slices.Equal(got, []string{`C:\lab`, "rr"}) {
		t.Errorf("an older export's backslash: %q", got)
	}
}

func FuzzTagsCell(f *testing.F) {
	f.Add("a;b", `c\d`)
	f.Add(`\;`, `\\`)
	f.Fuzz(func(t *testing.T, a, b string) {
		var tags []string
		for _, tag := range []string{a, b} {
			// As validation leaves tags: trimmed, not empty.
			if tag = strings.TrimSpace(tag); tag != "" {
				tags = append(tags, tag)
			}
		}
		var scratch []byte
		cell := joinTags(&scratch, tags)
		if got := splitTags(cell); !slices.Equal(got, tags) {
			t.Fatalf("%q: cell %q reads back as %q", tags, cell, got)
		}
	})
}
