package exchange

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"corepath/tracker"
)

// TestPipelineWritesWhatTheStoreHolds: through the pipeline (several batches, each reused
// once written) every format writes what it writes on one core and from a store that does not
// read in batches, and the JSON export's notes and sources are the stored ones.
func TestPipelineWritesWhatTheStoreHolds(t *testing.T) {
	st := openStore(t)
	in := addManySessions(t, st, 3*pipeBatch+17)
	for _, format := range []ExportFormat{JSON, CSV, ICal} {
		old := runtime.GOMAXPROCS(1)
		one := exportString(t, st, ExportOptions{Format: format})
		runtime.GOMAXPROCS(max(2, old))
		piped := exportString(t, st, ExportOptions{Format: format})
		runtime.GOMAXPROCS(old)
		if piped != one {
			t.Fatalf("%s: the pipeline's export differs from one core's", format)
		}
		if plain := exportString(t, struct{ tracker.Store }{st}, ExportOptions{Format: format}); piped != plain {
			t.Fatalf("%s: the pipeline's export differs from a store's that does not read in batches", format)
		}
		if format != JSON {
			continue
		}
		src, err := read(strings.NewReader(piped), Corepath, time.UTC, "")
		if err != nil || src.records.len() != len(in) {
			t.Fatal(src.records.len(), err)
		}
		for i := range src.records.len() { // oldest first, as in reverse
			s, want := &src.records.at(i).s, &in[len(in)-1-i]
			if s.Note != want.Note || s.Source != want.Source {
				t.Fatalf("session %d: %q %q, stored %q %q", i, s.Note, s.Source, want.Note, want.Source)
			}
		}
	}
}

// addManySessions adds n sessions on BGP, an hour apart and newest first, with notes of ASCII
// and not, and a source on every third, and returns them.
func addManySessions(t *testing.T, st tracker.Store, n int) []tracker.Session {
	t.Helper()
	bgp := topicID(t, st, "BGP")
	in := make([]tracker.Session, n)
	for i := range in {
		in[i] = tracker.Session{TopicID: bgp, Start: testNow.Add(-time.Duration(i+1) * time.Hour), Duration: 30 * time.Minute,
			Kind: tracker.KindLab, Tags: []string{fmt.Sprint("t", i%5)}, Note: fmt.Sprintf("note %s %d", strings.Repeat("✓", i%40), i)}
		if i%3 == 0 {
			in[i].Source = fmt.Sprintf("toggl:%032x#%d", i, i)
		}
	}
	if _, err := st.AddSessions(in); err != nil {
		t.Fatal(err)
	}
	return in
}
