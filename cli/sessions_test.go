package cli

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/*.golden from the current output")

// TestSessionsOutputIsUnchanged pins the sessions command's text and JSON, byte for byte, on a
// demo store and a few sessions that use every part of a line (a kind, tags, a note of several
// lines). The golden file was written by the command before its rewrite; regenerate it with
// -update-golden only for a change of output that is meant.
func TestSessionsOutputIsUnchanged(t *testing.T) {
	h := newHarness(t)
	h.ok("demo", "--seed", "3")
	h.ok("log", "1h15m", "--topic", "BGP", "--kind", "lab", "--tag", "rr,ixp", "--at", "2026-11-25 08:00", "--note", "Route reflectors\nand clusters")
	h.ok("log", "44m30s", "--topic", "OSPF", "--at", "2026-11-25 10:00", "--note", `"quoted" note`)
	var out strings.Builder
	for _, args := range [][]string{
		{"sessions", "--limit", "40"},
		{"sessions", "--from", "2026-10-01", "--to", "2026-10-31", "--topic", "BGP"},
		{"sessions", "--tag", "lab", "--limit", "15"},
		{"sessions", "--from", "yesterday"},
		{"sessions", "--json", "--limit", "6"},
		{"sessions", "--from", "2027-01-01"},
		{"sessions", "--json", "--from", "2027-01-01"},
	} {
		out.WriteString("$ corepath " + strings.Join(args, " ") + "\n" + h.ok(args...))
	}
	got := maskIDs(out.String())
	golden := filepath.Join("testdata", "sessions.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the output differs from %s:\n%s", golden, firstDifference(got, string(want)))
	}
}

var sessionID = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// maskIDs names each session id (new at every run: it holds the clock) by its order of first
// appearance, S1, S2 and on, so the same session keeps one name across the listings.
func maskIDs(s string) string {
	names := map[string]string{}
	return sessionID.ReplaceAllStringFunc(s, func(id string) string {
		if names[id] == "" {
			names[id] = "S" + strconv.Itoa(len(names)+1)
		}
		return names[id]
	})
}

// firstDifference shows the first line where got and want part.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + gl + "\n want " + wl
		}
	}
	return "(only in the line ends)"
}
