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
		course := s.CourseID
		if c, ok := p.Course(s.CourseID); ok && c.Code != "" && len(p.CoursesCoded(c.Code)) == 1 {
			course = c.Code
		}
		row := []string{s.ID, s.Start.In(loc).Format(time.RFC3339), s.End().In(loc).Format(time.RFC3339),
			strconv.FormatFloat(minutes, 'f', -1, 64), p.TopicPath(s.TopicID), track, string(s.Kind),
			strings.Join(s.Tags, ";"), s.Note, focus, s.MilestoneID, course, s.Source}
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

// FuzzCSVCell holds appendCell, which copies most cells as they are, to what each cell went
// through before: made visible, safe from spreadsheets and written by encoding/csv.
func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{"", "plain", "a longer plain cell of text", `\.`, `\.x`, "a,b", `say "hi"`, "line\nbreak", "tab\there",
		" lead", "=1+1", "+1", "-- RFC 4271", "@SUM", "ok-then", "é accent", "del\x7f", "c1\u0085", "bad\xff", "0123456,", "01234567\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		var want bytes.Buffer
		cw := csv.NewWriter(&want)
		cw.Write([]string{spreadsheetSafe(tracker.Visible(cell)), "x"})
		cw.Flush()
		if got := string(appendCell(nil, cell)) + ",x\n"; got != want.String() {
			t.Fatalf("%q: got %q, encoding/csv %q", cell, got, want.String())
		}
	})
}

// TestRFC3339AsTheTimePackage: the CSV's hand-written times agree with time's RFC 3339 in
// zones with offsets of hours, half hours, a quarter, seconds (Amsterdam's before 1937) and
// daylight saving, across the years it writes and past them.
func TestRFC3339AsTheTimePackage(t *testing.T) {
	var locs []*time.Location
	for _, name := range []string{"UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Europe/Amsterdam", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		locs = append(locs, loc)
	}
	locs = append(locs, time.FixedZone("seconds", -(3*3600+25*60+7)), time.FixedZone("minus", -90*60))
	var unixes []int64
	for unix := int64(-2208988800); unix < 4102444800; unix += 86400*13 + 3607 { // 1900 to 2100
		unixes = append(unixes, unix)
	}
	for _, edge := range []int64{minRFC3339, maxRFC3339} {
		for d := int64(-15 * 3600); d <= 15*3600; d += 1800 {
			unixes = append(unixes, edge+d)
		}
	}
	for _, loc := range locs {
		var days dayCache
		for _, unix := range unixes {
			at := time.Unix(unix, 0)
			want := at.In(loc).AppendFormat(nil, time.RFC3339)
			if got := appendRFC3339(nil, at, loc, &days); string(got) != string(want) {
				t.Fatalf("%s in %s: %s, want %s", at.UTC(), loc, got, want)
			}
		}
	}
}
