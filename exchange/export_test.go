package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"corepath/tracker"
)

// fillStore gives a store a bit of everything an export must carry: plan edits of every kind,
// sessions with tags in a chosen order, notes, focus, kinds and links, and a running timer.
func fillStore(t testing.TB, st tracker.Store) {
	t.Helper()
	p, _ := st.Plan()
	bgp := topicID(t, st, "BGP")
	sub, err := st.PutTopic(tracker.Topic{Name: "IXP route servers", ParentID: bgp, Track: tracker.TrackSkills, TargetHours: 6, Confidence: 2, Note: "RFC 7947"})
	if err != nil {
		t.Fatal(err)
	}
	own, err := st.PutTopic(tracker.Topic{Name: "Home lab", Track: tracker.TrackCertification})
	if err != nil {
		t.Fatal(err)
	}
	m := p.Milestones[4]
	m.Status, m.DoneOn, m.Note = tracker.Done, "2026-02-10", "passed, 870/1000"
	if _, err := st.PutMilestone(m); err != nil {
		t.Fatal(err)
	}
	m = p.Milestones[6]
	m.Target = "2027-06-01"
	if _, err := st.PutMilestone(m); err != nil {
		t.Fatal(err)
	}
	course, err := st.PutCourse(tracker.Course{Code: "NET101", Title: "Computer Networks", Credits: 3, Term: "Fall 2026", Status: tracker.CourseCompleted, Grade: "A-"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutGoals(tracker.Goals{WeeklyHours: 10, TrackHours: map[tracker.Track]float64{tracker.TrackSkills: 6}}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutSettings(tracker.Settings{WeekStart: time.Sunday}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutProgram(tracker.Program{Name: "BS Information Technology", Field: "Information Technology", CreditsRequired: 124}); err != nil {
		t.Fatal(err)
	}
	day := testNow.Add(-10 * 24 * time.Hour)
	sessions := []tracker.Session{
		{TopicID: bgp, Start: day, Duration: 90 * time.Minute, Kind: tracker.KindLab, Tags: []string{"zebra", "lab", "alpha"}, Note: "Route reflectors\nwith two clusters, \"loop\" & <more>", Focus: 4, MilestoneID: m.ID},
		{TopicID: sub.ID, Start: day.Add(24 * time.Hour), Duration: 45*time.Minute + 30*time.Second, Kind: tracker.KindReading},
		{TopicID: own.ID, Start: day.Add(48 * time.Hour), Duration: 2 * time.Hour, Kind: tracker.KindPracticeExam, CourseID: course.ID, Tags: []string{"mock"}},
		{TopicID: topicID(t, st, "OSPF"), Start: day.Add(72*time.Hour + 23*time.Hour), Duration: 3 * time.Hour, Note: "across midnight"},
	}
	if _, err := st.AddSessions(sessions); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StartTimer(tracker.Session{TopicID: topicID(t, st, "MPLS"), Start: testNow.Add(-20 * time.Minute), Planned: 50 * time.Minute, Tags: []string{"ldp"}}); err != nil {
		t.Fatal(err)
	}
}

func exportString(t testing.TB, st tracker.Store, opt ExportOptions) string {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = testNow
	}
	var buf bytes.Buffer
	if _, err := Export(&buf, st, opt); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestJSONExportImportsBackUnchanged(t *testing.T) {
	from := openStore(t)
	fillStore(t, from)
	out := exportString(t, from, ExportOptions{Format: JSON})

	to := openStore(t)
	opt := importOpts()
	opt.ReplacePlan = true // the new store's built-in plan gives way to the exported one
	res, err := importString(t, to, out, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 4 || res.Skipped != 0 || !res.TimerStarted || len(res.NewTopics) != 0 {
		t.Errorf("result: %+v", res)
	}
	p1, _ := from.Plan()
	p2, _ := to.Plan()
	if !reflect.DeepEqual(p1, p2) {
		t.Errorf("plans differ:\n%+v\n%+v", p1, p2)
	}
	s1, s2 := allSessions(t, from), allSessions(t, to)
	if !reflect.DeepEqual(s1, s2) {
		t.Errorf("sessions differ:\n%+v\n%+v", s1, s2)
	}
	if got := strings.Join(s2[0].Tags, ","); got != "zebra,lab,alpha" {
		t.Errorf("tag order: %s", got)
	}
	t1, _, _ := from.Timer()
	t2, ok, _ := to.Timer()
	if !ok || !reflect.DeepEqual(t1, t2) {
		t.Errorf("timers differ:\n%+v\n%+v", t1, t2)
	}
	if again := exportString(t, to, ExportOptions{Format: JSON}); again != out {
		t.Errorf("the export of the imported store differs from the original:\n%s\n---\n%s", out, again)
	}
}

func TestImportingTheSameExportTwiceAddsNothing(t *testing.T) {
	from := openStore(t)
	fillStore(t, from)
	out := exportString(t, from, ExportOptions{Format: JSON})
	to := openStore(t)
	if _, err := importString(t, to, out, importOpts()); err != nil {
		t.Fatal(err)
	}
	before := fileBytes(t, to)
	im, err := Prepare(strings.NewReader(out), to, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Sessions) != 0 || im.Skipped != 5 || im.Timer != nil || len(im.PlanChanges) != 0 || len(im.NewTopics) != 0 {
		t.Errorf("second import would change: %+v", im)
	}
	res, err := im.Apply(to)
	if err != nil || res.Added != 0 || res.Skipped != 5 {
		t.Errorf("second import: %+v %v", res, err)
	}
	unchanged(t, to, before)
}

func TestJSONExportLimitsSessionsByDate(t *testing.T) {
	st := openStore(t)
	fillStore(t, st)
	from := testNow.Add(-9 * 24 * time.Hour)
	out := exportString(t, st, ExportOptions{Format: JSON, From: from, To: from.Add(48 * time.Hour)})
	if n := strings.Count(out, `"end"`); n != 2 {
		t.Errorf("%d sessions in [from, to), want 2", n)
	}
	if !strings.Contains(out, `"timer"`) || !strings.Contains(out, `"IXP route servers"`) {
		t.Error("the range must not limit the plan or the timer")
	}
}

func TestCSVExportEscapesFormulas(t *testing.T) {
	st := openStore(t)
	bgp := topicID(t, st, "BGP")
	notes := []string{"=HYPERLINK(\"http://x\",\"y\")", "+1 more", "-- see RFC 4271", "@SUM(A1)", "plain, with \"quotes\"\nand a line"}
	for i, n := range notes {
		if _, err := st.AddSession(tracker.Session{TopicID: bgp, Start: testNow.Add(time.Duration(-i-2) * time.Hour), Duration: 30 * time.Minute, Note: n, Tags: []string{"-x", "lab"}}); err != nil {
			t.Fatal(err)
		}
	}
	evil, err := st.PutTopic(tracker.Topic{Name: "=cmd|' /C calc'!A0", Track: tracker.TrackSkills})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddSession(tracker.Session{TopicID: evil.ID, Start: testNow.Add(-24 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	out := exportString(t, st, ExportOptions{Format: CSV, Loc: time.UTC})
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][4] != "'=cmd|' /C calc'!A0" {
		t.Errorf("topic cell %q", rows[1][4])
	}
	rows = append(rows[:1], rows[2:]...)
	if strings.Join(rows[0], ",") != "id,start,end,minutes,topic,track,kind,tags,note,focus,milestone,course,source" || len(rows) != len(notes)+1 {
		t.Fatalf("rows: %q", rows)
	}
	byNote := map[string][]string{}
	for _, r := range rows[1:] {
		byNote[r[8]] = r
	}
	for _, n := range notes[:4] {
		r, ok := byNote["'"+strings.TrimSpace(n)]
		if !ok {
			t.Errorf("note %q not escaped: %q", n, rows)
			continue
		}
		if r[7] != "'-x;lab" || r[3] != "30" || r[4] != "BGP" || r[5] != "skills" || r[6] != "study" {
			t.Errorf("row %q", r)
		}
	}
	if _, ok := byNote[notes[4]]; !ok {
		t.Errorf("a safe note was changed: %q", rows)
	}
	// The store trims notes and tags, so cells that start with a tab or a carriage return come
	// only from names; the escaping itself is checked directly.
	for in, want := range map[string]string{"\tx": "'\tx", "\rx": "'\rx", "=1": "'=1", "2026-11-20": "2026-11-20", "": "", "a=b": "a=b",
		"'=1": "''=1", "''-x": "'''-x", "'quoted'": "'quoted'", "'": "'"} {
		if got := spreadsheetSafe(in); got != want {
			t.Errorf("spreadsheetSafe(%q) = %q, want %q", in, got, want)
		}
	}
	start, err := time.Parse(time.RFC3339, rows[1][1])
	if err != nil || !start.Equal(testNow.Add(-6*time.Hour)) {
		t.Errorf("start %q: %v", rows[1][1], err)
	}
}

func TestICalExportParsesBack(t *testing.T) {
	st := openStore(t)
	fillStore(t, st)
	out := exportString(t, st, ExportOptions{Format: ICal})
	for _, line := range strings.SplitAfter(out, "\r\n") {
		if len(strings.TrimSuffix(line, "\r\n")) > 75 || strings.ContainsAny(strings.TrimSuffix(line, "\r\n"), "\r\n") {
			t.Errorf("line is not folded or has a bare line break: %q", line)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	sessions := allSessions(t, st)
	p, _ := st.Plan()
	byUID := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		byUID[e.Id()] = e
	}
	if len(byUID) != len(sessions)+2 { // one milestone has a target date, one is done
		t.Fatalf("%d events, want %d", len(byUID), len(sessions)+2)
	}
	done := p.Milestones[4]
	if e := byUID["milestone-"+done.ID+"@corepath"]; e == nil {
		t.Errorf("no event for the milestone done on %s", done.DoneOn)
	} else if day, err := e.GetAllDayStartAt(); err != nil || day.Format("2006-01-02") != "2026-02-10" ||
		ics.FromText(e.GetProperty(ics.ComponentPropertySummary).Value) != done.Title+" (done)" {
		t.Errorf("the done milestone's event: %v %v, %q", day, err, e.GetProperty(ics.ComponentPropertySummary).Value)
	}
	for _, s := range sessions {
		e := byUID[s.ID+"@corepath"]
		if e == nil {
			t.Fatalf("no event for session %s", s.ID)
		}
		start, err1 := e.GetStartAt()
		end, err2 := e.GetEndAt()
		if err1 != nil || err2 != nil || !start.Equal(s.Start) || !end.Equal(s.End()) {
			t.Errorf("times %v %v (%v %v), want %v %v", start, end, err1, err2, s.Start, s.End())
		}
		if got := ics.FromText(e.GetProperty(ics.ComponentPropertySummary).Value); got != p.TopicPath(s.TopicID) {
			t.Errorf("summary %q", got)
		}
		if s.Note != "" {
			if got := ics.FromText(e.GetProperty(ics.ComponentPropertyDescription).Value); got != s.Note {
				t.Errorf("description %q, want %q", got, s.Note)
			}
		}
		var cats []string
		for _, c := range e.GetProperties(ics.ComponentPropertyCategories) {
			cats = append(cats, c.Value)
		}
		if strings.Join(cats, ",") != strings.Join(s.Tags, ",") {
			t.Errorf("categories %q, want %q", cats, s.Tags)
		}
	}
	lab := byUID["milestone-M07@corepath"]
	if lab == nil {
		t.Fatal("no all-day event for the milestone with a target")
	}
	day, err := lab.GetAllDayStartAt()
	if err != nil || day.Format("2006-01-02") != "2027-06-01" || lab.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["VALUE"][0] != "DATE" {
		t.Errorf("milestone day %v %v", day, err)
	}
}

// failingStore fails in the middle of reading the sessions, as a damaged store or a full disk
// would make an export fail half-way.
type failingStore struct {
	tracker.Store
}

func (f failingStore) Sessions(q tracker.Query, fn func(*tracker.Session) error) error {
	n := 0
	return f.Store.Sessions(q, func(s *tracker.Session) error {
		if n++; n == 3 {
			return tracker.Errorf(tracker.Damaged, "session 3 is damaged")
		}
		return fn(s)
	})
}

func TestFailedExportLeavesTheTargetFileAlone(t *testing.T) {
	st := openStore(t)
	fillStore(t, st)
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.json")
	if err := os.WriteFile(path, []byte("the previous backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ExportFile(path, failingStore{st}, ExportOptions{Format: JSON, Now: testNow})
	wantError(t, err, "session 3 is damaged")
	if got, _ := os.ReadFile(path); string(got) != "the previous backup" {
		t.Errorf("the target was changed: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a temporary file was left behind: %v", entries)
	}
	sum, err := ExportFile(path, st, ExportOptions{Format: JSON, Now: testNow})
	if err != nil || sum.Sessions != 4 || !sum.Timer {
		t.Fatalf("%+v %v", sum, err)
	}
	info, _ := os.Stat(path)
	if got, _ := os.ReadFile(path); !strings.HasPrefix(string(got), "{\n  \"format\": \"corepath\"") || info.Mode().Perm() != 0o600 {
		t.Errorf("export file: %v %q", info.Mode(), got[:40])
	}
	_, err = ExportFile(filepath.Join(dir, "missing", "x.json"), st, ExportOptions{Format: JSON})
	var te *tracker.Error
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "cannot write "+filepath.Join(dir, "missing", "x.json")+": the folder "+filepath.Join(dir, "missing")+" does not exist") || strings.Contains(err.Error(), ".partial") {
		t.Errorf("export into a missing folder: %v", err)
	}
	_, err = ExportFile(dir, st, ExportOptions{Format: CSV})
	if tracker.ErrorCode(err) != tracker.Invalid || !strings.Contains(err.Error(), dir+" is a folder: give the export's file name, like "+filepath.Join(dir, "corepath-export.csv")) {
		t.Errorf("export to a folder: %v", err)
	}
}

func TestIdentifyNamesImportableFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]struct {
		content string
		want    Format
	}{
		"export.json":  {"\xef\xbb\xbf  {\"format\": \"corepath\", \"version\": 1}", Corepath},
		"timew.json":   {"[{\"start\": \"20261120T180000Z\"}]", Timewarrior},
		"2026-11.data": {"inc 20261120T180000Z - 20261120T190000Z # BGP\n", Timewarrior},
		"toggl.csv":    {"User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n", Toggl},
		"other.json":   {"{\"name\": \"not an export\"}", ""},
		"store.db":     {"\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\xed\xda\x0c\xed", ""},
		"empty":        {"", ""},
	}
	for name, f := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(f.content), 0o600); err != nil {
			t.Fatal(err)
		}
		if got := Identify(path); got != f.want {
			t.Errorf("Identify(%s) = %q, want %q", name, got, f.want)
		}
	}
	if got := Identify(filepath.Join(dir, "missing")); got != "" {
		t.Errorf("a missing file is identified as %q", got)
	}
}
