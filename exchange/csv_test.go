package exchange

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"corepath/tracker"
)

// libraryCSV is the CSV export as encoding/csv wrote it, before appendCSVField: the reference
// the hand-written export must match byte for byte.
func libraryCSV(t testing.TB, st tracker.Store, loc *time.Location) string {
	t.Helper()
	p, err := st.Plan()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(exportColumns)
	err = st.Sessions(tracker.Query{}, func(s *tracker.Session) error {
		track := ""
		if tp, ok := p.Topic(s.TopicID); ok {
			track = string(tp.Track)
		}
		focus := ""
		if s.Focus > 0 {
			focus = strconv.Itoa(s.Focus)
		}
		minutes := math.Round(s.Duration.Minutes()*100) / 100
		row := []string{s.ID, s.Start.In(loc).Format(time.RFC3339), s.End().In(loc).Format(time.RFC3339),
			strconv.FormatFloat(minutes, 'f', -1, 64), p.TopicPath(s.TopicID), track, string(s.Kind),
			strings.Join(s.Tags, ";"), s.Note, focus, s.MilestoneID, s.CourseID}
		for i := range row {
			row[i] = spreadsheetSafe(tracker.Visible(row[i]))
		}
		return cw.Write(row)
	})
	if err != nil {
		t.Fatal(err)
	}
	cw.Flush()
	return b.String()
}

func TestCSVExportIsEncodingCSVs(t *testing.T) {
	st := openStore(t)
	fillStore(t, st)
	bgp := topicID(t, st, "BGP")
	for i, n := range []string{"=HYPERLINK(\"http://x\",\"y\")", "+1 more", "-- see RFC 4271", "@SUM(A1)",
		"plain, with \"quotes\"\nand a line", " leading space", "cr\r\nlf", `\.`} {
		if _, err := st.AddSession(tracker.Session{TopicID: bgp, Start: testNow.Add(time.Duration(-i-2) * time.Hour), Duration: 30 * time.Minute, Note: n, Tags: []string{"-x", "lab \"b\""}}); err != nil {
			t.Fatal(err)
		}
	}
	evil, err := st.PutTopic(tracker.Topic{Name: "=cmd|' /C calc'!A0, \"q\"", Track: tracker.TrackSkills})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddSession(tracker.Session{TopicID: evil.ID, Start: testNow.Add(-24 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := exportString(t, st, ExportOptions{Format: CSV, Loc: loc}), libraryCSV(t, st, loc); got != want {
		t.Fatalf("the CSV export differs from encoding/csv's:\n%s\nwant\n%s", got, want)
	}
}

func FuzzCSVField(f *testing.F) {
	for _, s := range []string{"", "plain", `\.`, "a,b", `say "hi"`, "line\nbreak", "cr\r", " lead", "\u00a0nbsp", "\u2003em"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, field string) {
		var want bytes.Buffer
		cw := csv.NewWriter(&want)
		cw.Write([]string{field, "x"})
		cw.Flush()
		got := string(appendCSVField(nil, field)) + ",x\n"
		if got != want.String() {
			t.Fatalf("%q: got %q, encoding/csv %q", field, got, want.String())
		}
	})
}
