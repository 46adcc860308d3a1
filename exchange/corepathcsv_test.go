package exchange

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"corepath/tracker"
)

// Corepath's CSV export, imported into another store, gives back every session as it was:
// id, times, topic, kind, tags, note (commas, quotes, line breaks, a leading "="), focus and
// milestone; a course that store's plan lacks is dropped with a note. A second import adds
// nothing.
func TestCorepathCSVExportImportsBackWhole(t *testing.T) {
	from := openStore(t)
	course, err := from.PutCourse(tracker.Course{Code: "NET310", Title: "Computer Networks", Credits: 3, Status: tracker.CourseInProgress})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 2, 18, 5, 0, 0, time.UTC)
	written := []tracker.Session{
		{Start: start, Duration: 45 * time.Minute, TopicID: topicID(t, from, "BGP"), Kind: tracker.KindLab, Tags: []string{"lab", "xr"},
			Note: "route reflectors, \"cluster-id\"\nthen confederations", Focus: 4, MilestoneID: "M05"},
		{Start: start.AddDate(0, 0, 1), Duration: 90 * time.Minute, TopicID: topicID(t, from, "BGP › Route reflectors"), Note: "=SUM(A1) is not a formula"},
		// A quote the person typed before what a spreadsheet reads as a formula stays.
		{Start: start.AddDate(0, 0, 2), Duration: 30 * time.Minute, TopicID: topicID(t, from, "OSPF"), CourseID: course.ID, Tags: []string{"'+review"},
			Note: "'=x, with the quote typed"},
	}
	for i := range written {
		if written[i], err = from.AddSession(written[i]); err != nil {
			t.Fatal(err)
		}
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if _, err := Export(&csv, from, ExportOptions{Format: CSV, Loc: berlin, Now: testNow}); err != nil {
		t.Fatal(err)
	}

	to := openStore(t)
	im, err := Prepare(bytes.NewReader(csv.Bytes()), to, importOpts())
	if err != nil {
		t.Fatalf("%v\n%s", err, csv.String())
	}
	summary := im.Summary(false, testWording)
	if im.Format != CorepathCSV || !strings.Contains(summary, "A Corepath CSV file with 3 records.") ||
		!strings.Contains(summary, "imported without them: course NET310 (1 session)") {
		t.Errorf("format %q, summary:\n%s", im.Format, summary)
	}
	if res, err := im.Apply(to); err != nil || res.Added != 3 || len(res.NewTopics) != 0 {
		t.Fatalf("added %d, new topics %v: %v", res.Added, res.NewTopics, err)
	}
	got := allSessions(t, to)
	if len(got) != 3 {
		t.Fatalf("%d sessions imported, want 3", len(got))
	}
	for i, want := range written {
		g := got[i]
		want.CourseID = "" // not in this store's plan
		if g.ID != want.ID || !g.Start.Equal(want.Start) || g.Duration != want.Duration || g.TopicID != want.TopicID || g.Kind != want.Kind ||
			!slices.Equal(g.Tags, want.Tags) || g.Note != want.Note || g.Focus != want.Focus || g.MilestoneID != want.MilestoneID || g.CourseID != "" {
			t.Errorf("session %d came back as\n%+v\nwant\n%+v", i, g, want)
		}
	}
	again, err := importString(t, to, csv.String(), importOpts())
	if err != nil || again.Added != 0 || again.Skipped != 3 {
		t.Errorf("a second import: added %d, skipped %d, %v", again.Added, again.Skipped, err)
	}
	// The CSV names the course by its code: a store with a course of that code links to it.
	third := openStore(t)
	theirs, err := third.PutCourse(tracker.Course{Code: "NET310", Title: "Networks", Credits: 4, Status: tracker.CourseInProgress})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := importString(t, third, csv.String(), importOpts()); err != nil {
		t.Fatal(err)
	}
	if got := allSessions(t, third); got[2].CourseID != theirs.ID {
		t.Errorf("the OSPF session's course is %q, want %s (NET310 there)", got[2].CourseID, theirs.ID)
	}
}

// The same export saved again by a spreadsheet in a European locale: semicolons, the columns
// in another order, times without their zone (read in the import's zone), an end cleared so
// that the minutes (with a decimal comma) give the length, and a blank line.
func TestCorepathCSVSavedByASpreadsheet(t *testing.T) {
	db := openStore(t)
	text := "\ufeffstart;end;id;topic;minutes;track;kind;tags;note;focus;milestone;course\n" +
		"2026-11-20 18:00;2026-11-20 18:45;01a231f5-adf3-717e-8828-83ef9884aa90;BGP;45;skills;lab;lab;\"a; b\";3;;\n" +
		"\n" +
		"2026-11-21 07:30:00;;01a231f5-adf3-717e-8828-83ef9884aa91;OSPF › OSPFv2/v3 areas, LSA types, network types;90,5;skills;;;;;;\n" +
		// Its minutes shown whole: 45m40s saved as 46.
		"2026-11-22 09:00:00;2026-11-22 09:45:40;01a231f5-adf3-717e-8828-83ef9884aa92;BGP;46;skills;;;;;;\n"
	zurich, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		t.Fatal(err)
	}
	opt := importOpts()
	opt.Loc = zurich
	res, err := importString(t, db, text, opt)
	if err != nil || res.Added != 3 {
		t.Fatalf("added %d: %v", res.Added, err)
	}
	got := allSessions(t, db)
	// 18:00 in Zurich in November (UTC+1) is 17:00 UTC; 90.5 minutes are 1h30m30s.
	if !got[0].Start.Equal(time.Date(2026, 11, 20, 17, 0, 0, 0, time.UTC)) || got[0].Duration != 45*time.Minute || got[0].Note != "a; b" ||
		got[0].Kind != tracker.KindLab || got[0].Focus != 3 || got[0].TopicID != topicID(t, db, "BGP") {
		t.Errorf("first row: %+v", got[0])
	}
	if !got[1].Start.Equal(time.Date(2026, 11, 21, 6, 30, 0, 0, time.UTC)) || got[1].Duration != 90*time.Minute+30*time.Second ||
		got[1].TopicID != topicID(t, db, "OSPF › OSPFv2/v3 areas, LSA types, network types") {
		t.Errorf("second row: %+v", got[1])
	}
	if got[2].Duration != 45*time.Minute+40*time.Second {
		t.Errorf("third row: %+v", got[2])
	}
}

// Rows that cannot be read are all listed with their lines, and nothing is imported.
func TestCorepathCSVRowsThatCannotBeRead(t *testing.T) {
	db := openStore(t)
	before := fileBytes(t, db)
	header := strings.Join(exportColumns[:csvSourceColumn], ",") + "\n" // as exports before the source column
	text := header +
		",2026-11-20T18:00:00Z,2026-11-20T18:45:00Z,45,BGP,skills,,,,,,\n" +
		"not-an-id,2026-11-20T18:00:00Z,2026-11-20T18:45:00Z,45,BGP,skills,,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa90,yesterday,2026-11-20T18:45:00Z,45,BGP,skills,,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa91,2026-11-20T18:00:00Z,,soon,BGP,skills,,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa92,2026-11-20T18:00:00Z,2026-11-20T18:45:00Z,45,BGP,skills,,,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa93,2026-11-20T18:00:00Z,2026-11-20T18:45:00Z,45,,skills,,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa94,2026-11-20T18:00:00Z,2026-11-20T18:45:00Z,45,BGP,skills,nap,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa95,2026-11-20T18:00:00Z,,NaN,BGP,skills,,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa96,2026-11-20T18:00:00Z,,1e12,BGP,skills,,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa97,2026-11-20T18:00:00Z,2026-11-20T19:00:00Z,999999,BGP,skills,,,,,,\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa98,2026-02-30T10:00:00Z,2026-02-30T11:00:00Z,60,BGP,skills,,,,,,\n"
	_, err := importString(t, db, text, importOpts())
	wantError(t, err, "line 2: the id is empty", `line 3: the id "not-an-id" is not a session id`,
		`line 4: start: "yesterday" is not a time like 2026-11-30T18:00:00Z`, `line 5: the end is empty and the minutes "soon" are not a length`,
		"line 6: the line has 13 columns and the first line 12", "line 7: the topic is empty", "line 8:",
		`line 9: the end is empty and the minutes "NaN" are not a length`, `line 10: the end is empty and the minutes "1e12" are not a length`,
		"line 11: the minutes say 999999 but the start and end are 1h apart: change the end to match, or empty it",
		`line 12: start: "2026-02-30T10:00:00Z" is not a time: February 2026 has 28 days`)
	unchanged(t, db, before)

	_, err = importString(t, db, "Project,Start date,Start time,Duration\nBGP,2026-11-20,18:00,0:45:00\n", ImportOptions{Loc: time.UTC, Now: testNow, Format: CorepathCSV})
	wantError(t, err, "line 1: Corepath's CSV export names its columns id, start, end")
}

// A store rebuilt from a CSV export keeps where its imported sessions came from: importing the
// Toggl file again adds nothing, even for an entry shortened after its import (which a match by
// start and length would not find). And a >24h imported session comes back too.
func TestCorepathCSVKeepsTheImportsSource(t *testing.T) {
	first := openStore(t)
	toggl := togglHeader +
		"Ada,a@x,,BGP,,route reflectors,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,lab,\n" +
		"Ada,a@x,,OSPF,,areas,No,2026-11-21,09:00:00,2026-11-22,11:00:00,26:00:00,,\n"
	if res, err := importString(t, first, toggl, ImportOptions{Loc: time.UTC, Now: testNow, Format: Toggl}); err != nil || res.Added != 2 {
		t.Fatalf("Toggl import added %d: %v", res.Added, err)
	}
	shortened := allSessions(t, first)[0]
	shortened.Duration = 40 * time.Minute
	if _, err := first.UpdateSession(shortened); err != nil {
		t.Fatal(err)
	}
	csvText := exportString(t, first, ExportOptions{Format: CSV, Loc: time.UTC})

	rebuilt := openStore(t)
	if res, err := importString(t, rebuilt, csvText, importOpts()); err != nil || res.Added != 2 {
		t.Fatalf("CSV import added %d: %v", res.Added, err)
	}
	res, err := importString(t, rebuilt, toggl, ImportOptions{Loc: time.UTC, Now: testNow, Format: Toggl})
	if err != nil || res.Added != 0 || res.Skipped != 2 {
		t.Fatalf("the Toggl file again: added %d, skipped %d: %v", res.Added, res.Skipped, err)
	}
	got := allSessions(t, rebuilt)
	if len(got) != 2 || got[0].Duration != 40*time.Minute || got[1].Duration != 26*time.Hour || got[0].Source != shortened.Source {
		t.Errorf("rebuilt store: %+v", got)
	}
}

// A session of a retaken course keeps its link through the CSV: the code both attempts have
// is written as the course's id, which the import reads back. A code that several courses
// have, in a file, is dropped with a note that says so, not that the plan lacks the course.
func TestCorepathCSVKeepsARetakenCoursesLink(t *testing.T) {
	st := openStore(t)
	if _, err := st.PutCourse(tracker.Course{Code: "MATH151", Credits: 4, Status: tracker.CourseCompleted, Grade: "C-", Term: "Fall 2024"}); err != nil {
		t.Fatal(err)
	}
	retake, err := st.PutCourse(tracker.Course{Code: "MATH151", Credits: 4, Status: tracker.CourseCompleted, Grade: "B+", Term: "Spring 2025"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.AddSession(tracker.Session{TopicID: topicID(t, st, "BGP"), CourseID: retake.ID, Start: testNow.Add(-3 * time.Hour), Duration: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	text := exportString(t, st, ExportOptions{Format: CSV, Loc: time.UTC})
	// Another store with the same plan (a JSON export that holds no session) takes the CSV.
	other := openStore(t)
	planOnly := exportString(t, st, ExportOptions{Format: JSON, From: testNow, To: testNow.Add(time.Hour)})
	if _, err := importString(t, other, planOnly, importOpts()); err != nil {
		t.Fatal(err)
	}
	if res, err := importString(t, other, text, importOpts()); err != nil || res.Added != 1 || len(res.Notes) != 0 {
		t.Fatalf("the CSV in another store: %+v %v", res, err)
	}
	if got := allSessions(t, other); len(got) != 1 || got[0].CourseID != retake.ID || got[0].ID != s.ID {
		t.Errorf("the session came in as %+v, want linked to %s", got, retake.ID)
	}

	byCode := strings.Join(exportColumns[:csvSourceColumn], ",") + "\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa90,2026-11-20T18:00:00Z,2026-11-20T18:45:00Z,45,BGP,skills,,,,,,math151\n"
	im, err := Prepare(strings.NewReader(byCode), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if sum := im.Summary(false, testWording); !strings.Contains(sum, "course math151 (the code of 2 courses here: link the session to one)") {
		t.Errorf("summary:\n%s", sum)
	}
}

// The source column takes only what an import gives: a hand-edited cell could lift the
// 24-hour limit of a session or pass for another file's record.
func TestCorepathCSVRefusesASourceNoImportGives(t *testing.T) {
	for source, ok := range map[string]bool{
		"toggl:0123456789abcdef0123456789abcdef":           true,
		"timewarrior:0123456789abcdef0123456789abcdef#2/3": true,
		"clockify:0123456789abcdef0123456789abcdef/12":     true,
		"spreadsheet:0123456789abcdef0123456789abcdef#2":   true,
		"x":                                      false,
		"toggl:0123456789ABCDEF0123456789ABCDEF": false,
		"toggl:0123456789abcdef0123456789abcdef#":   false,
		"toggl:0123456789abcdef0123456789abcdef!!":  false,
		"corepath:0123456789abcdef0123456789abcdef": false,
		"toggl:" + strings.Repeat("a", 5000):        false,
	} {
		if importSource(source) != ok {
			t.Errorf("importSource(%.50q) = %v", source, !ok)
		}
	}
	st := openStore(t)
	text := strings.Join(exportColumns, ",") + "\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa90,2026-11-01T18:00:00Z,,40000,BGP,skills,,,,,,,x\n"
	_, err := importString(t, st, text, importOpts())
	wantError(t, err, `line 2: the source "x" is not one an import gives`)
}

// Two stores that imported the same Toggl report: one's CSV export adds nothing to the other,
// whose sessions of those records have other ids.
func TestAnotherStoresCSVOfTheSameTogglRecordsAddsNothing(t *testing.T) {
	toggl := togglHeader + "Ada,a@x,,BGP,,route reflectors,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,lab,\n"
	one, two := openStore(t), openStore(t)
	for _, st := range []tracker.Store{one, two} {
		if res, err := importString(t, st, toggl, ImportOptions{Loc: time.UTC, Now: testNow, Format: Toggl}); err != nil || res.Added != 1 {
			t.Fatalf("%+v %v", res, err)
		}
	}
	csvText := exportString(t, one, ExportOptions{Format: CSV, Loc: time.UTC})
	if res, err := importString(t, two, csvText, importOpts()); err != nil || res.Added != 0 || res.Skipped != 1 {
		t.Errorf("the other store's CSV: %+v %v", res, err)
	}
}

// A row of Corepath's CSV longer than a session may be is refused, with --split-long too, and
// the message says why that flag does not cut it: the row is its session, by its id.
func TestCorepathCSVRowTooLongSaysSplitLongLeavesItWhole(t *testing.T) {
	db := openStore(t)
	before := fileBytes(t, db)
	text := strings.Join(exportColumns, ",") + "\n" +
		"01a231f5-adf3-717e-8828-83ef9884aa90,2026-11-20T10:00:00Z,2026-11-22T10:00:00Z,2880,BGP,skills,study,,,,,,\n"
	for _, split := range []bool{false, true} {
		opt := importOpts()
		opt.SplitLong = split
		_, err := importString(t, db, text, opt)
		wantError(t, err, "line 2: a session can last at most 24 hours (got 48h); a session of a Corepath file keeps its id, so --split-long does not cut it")
	}
	unchanged(t, db, before)
}
