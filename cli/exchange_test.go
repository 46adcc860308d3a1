package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"corepath/tracker"
)

// lived fills a harness's store with sessions and plan edits of every kind, and a running timer.
func lived(h *harness) {
	h.ok("topic", "add", "Route servers", "--parent", "BGP", "--target", "4")
	h.ok("milestone", "done", "spcor", "--done-on", "2026-02-10")
	h.ok("milestone", "edit", "M08", "--target", "2027-06-01")
	h.ok("course", "add", "CS101", "--title", "Networking I", "--credits", "4", "--grade", "A")
	h.ok("goal", "--weekly", "9", "--week-start", "sunday")
	h.ok("log", "1h", "--topic", "OSPF", "--at", "2026-11-20 18:00", "--tag", "lab", "--tag", "areas", "--focus", "4")
	h.ok("log", "30m", "--topic", "BGP > Route servers", "--at", "2026-11-22 23:45", "--note", "IXP\n=SUM(A1)", "--kind", "reading")
	h.ok("log", "2h", "--topic", "MPLS", "--at", "yesterday 10:00", "--kind", "practice exam", "--course", "CS101", "--milestone", "spcor")
	h.ok("start", "--topic", "IS-IS", "--at", "19:30", "--for", "50m")
}

func TestExportThenImportIntoAnEmptyFolderGivesTheSameReportAndPlan(t *testing.T) {
	from := newHarness(t)
	lived(from)
	file := filepath.Join(t.TempDir(), "corepath.json")
	code, out, errOut := from.run("export", "-o", file)
	if code != 0 || out != "" || !strings.Contains(errOut, "Exported 3 sessions and the running timer to "+file) {
		t.Fatalf("export: %d %q %q", code, out, errOut)
	}
	stdout := from.ok("export", "--format", "json")
	if written, _ := os.ReadFile(file); string(written) != stdout {
		t.Error("export to stdout and to a file differ")
	}

	to := newHarness(t)
	// The new folder's built-in plan, never edited, gives way to the exported one.
	if out := to.ok("import", file); !strings.Contains(out, "Added 3 sessions, 3h30m:\n  MPLS: 1 session, 2h\n") || !strings.Contains(out, "Started the running timer") {
		t.Errorf("import: %q", out)
	}
	for _, args := range [][]string{{"report", "--all", "--json"}, {"plan", "--json"}, {"sessions", "--json"}, {"status", "--json"}} {
		if a, b := from.ok(args...), to.ok(args...); a != b {
			t.Errorf("%v differs after the import:\n%s\n---\n%s", args, a, b)
		}
	}

	before, _ := os.ReadFile(filepath.Join(to.dir, "corepath.db"))
	if out := to.ok("import", file); !strings.Contains(out, "Added 0 sessions, 0m\nAlready present: 4 records") || strings.Contains(out, "Plan:") {
		t.Errorf("second import: %q", out)
	}
	if after, _ := os.ReadFile(filepath.Join(to.dir, "corepath.db")); string(after) != string(before) {
		t.Error("the second import changed the data file")
	}
}

// An export taken before a plan edit must not undo the edit when it is imported: the store's
// record is kept, and the summary (of the dry run, as of the import) says so and how to take the
// file's instead.
func TestImportingAnOlderExportKeepsLaterPlanEdits(t *testing.T) {
	h := newHarness(t)
	file := filepath.Join(t.TempDir(), "corepath.json")
	h.ok("export", "-o", file)
	h.ok("milestone", "edit", "M09", "--target", "2027-06-01")
	edited := h.ok("plan", "--json")
	kept := "1 plan record as it is here; the file's differs: milestone M09 "
	if out := h.ok("import", file, "--dry-run"); !strings.Contains(out, "Plan: would keep "+kept) ||
		!strings.Contains(out, "; --replace-plan takes the file's") || strings.Contains(out, "(replaced)") {
		t.Errorf("dry run: %q", out)
	}
	if out := h.ok("import", file); !strings.Contains(out, "Plan: kept "+kept) || strings.Contains(out, "(replaced)") {
		t.Errorf("import: %q", out)
	}
	if after := h.ok("plan", "--json"); after != edited || !strings.Contains(after, "2027-06-01") {
		t.Errorf("the import changed the plan:\n%s\n---\n%s", edited, after)
	}
	if out := h.ok("import", file, "--replace-plan"); !strings.Contains(out, "Plan: milestone M09 ") || !strings.Contains(out, "(replaced)") {
		t.Errorf("import --replace-plan: %q", out)
	}
	if after := h.ok("plan", "--json"); strings.Contains(after, "2027-06-01") {
		t.Errorf("--replace-plan kept the store's target:\n%s", after)
	}
}

// sharedSession is two stores with the same session: 45m of BGP logged in from, exported to
// first and imported into to; id is the session's.
func sharedSession(t *testing.T) (from, to *harness, id, first string) {
	from, to = newHarness(t), newHarness(t)
	out := from.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 18:00")
	id = strings.TrimSuffix(out[strings.LastIndex(out, "(id ")+4:], ")\n")
	first = filepath.Join(t.TempDir(), "first.json")
	from.ok("export", "-o", first)
	to.ok("import", first)
	return from, to, id, first
}

// A session edited after an export reaches a store that imported that export: the later
// edit is taken, and said; a session changed in the store after the file's copy is kept, and
// said; neither is called "the same record".
func TestImportTakesTheLaterEditOfASession(t *testing.T) {
	from, to, id, first := sharedSession(t)
	second := filepath.Join(t.TempDir(), "second.json")
	from.now = from.now.Add(time.Hour)
	from.ok("edit", id, "--duration", "55m", "--note", "edited on the laptop")
	from.ok("export", "-o", second)
	to.now = from.now.Add(time.Hour)
	if out := to.ok("import", second, "--dry-run"); !strings.Contains(out, "Would update 1 session that this store has, as the file has it, edited there later.") {
		t.Errorf("dry run: %q", out)
	}
	if out := to.ok("import", second); !strings.Contains(out, "Updated 1 session") || !strings.Contains(out, "Already present: 0 records") {
		t.Errorf("import: %q", out)
	}
	var list []sessionJSON
	to.json(&list, "sessions", "--json")
	if len(list) != 1 || list[0].Minutes != 55 || list[0].Note != "edited on the laptop" {
		t.Errorf("after the import: %+v", list)
	}
	// The store changes it again; the older file's copy does not undo that.
	to.now = to.now.Add(time.Hour)
	to.ok("edit", id, "--note", "edited here")
	if out := to.ok("import", second); !strings.Contains(out, "Kept 1 session as it is here, changed here after the file's copy, which differs: 55m of BGP on 2026-11-20 18:00.") {
		t.Errorf("an older copy: %q", out)
	}
	if got := sessionNotes(to); len(got) != 1 || got[0] != "2026-11-20T23:00:00Z edited here" {
		t.Errorf("the older copy replaced the store's: %q", got)
	}
	if out := to.ok("import", first); strings.Contains(out, "Updated") {
		t.Errorf("the first export, older still: %q", out)
	}
	// A CSV's row does not say when it was changed: a differing row is kept, and said so.
	csv := filepath.Join(t.TempDir(), "sessions.csv")
	from.ok("export", "--format", "csv", "-o", csv)
	data, _ := os.ReadFile(csv)
	os.WriteFile(csv, []byte(strings.Replace(string(data), "edited on the laptop", "typed in a spreadsheet", 1)), 0o600)
	if out := from.ok("import", csv); !strings.Contains(out, "Kept 1 session as it is here; the file's differs, and it does not say when it was changed, so edit it here to take the file's: 55m of BGP on 2026-11-20 18:00.") {
		t.Errorf("a CSV row that differs: %q", out)
	}
}

// A copy edited by a machine whose clock runs ahead does not undo an edit made here since: the
// file says it was edited at a time still to come, and the store's copy is kept, and said so.
func TestImportKeepsAnEditHereOverACopyStampedAhead(t *testing.T) {
	from, to, id, _ := sharedSession(t)
	ahead := filepath.Join(t.TempDir(), "ahead.json")
	from.now = to.now.Add(3 * time.Hour) // the laptop's clock, three hours ahead
	from.ok("edit", id, "--duration", "3h", "--note", "edited on the laptop")
	from.ok("export", "-o", ahead)
	to.now = to.now.Add(time.Minute)
	to.ok("edit", id, "--duration", "30m", "--note", "my local fix")
	want := "Kept 1 session as it is here: the file's differs, edited there at a time still to come, so that machine's clock is ahead; " +
		"set it right and export again, or edit it here: 3h of BGP on 2026-11-20 18:00, edited there at 2026-11-25 23:00."
	if out := to.ok("import", ahead); !strings.Contains(out, want) || strings.Contains(out, "Updated") {
		t.Errorf("import of the copy stamped ahead: %q", out)
	}
	if got := sessionNotes(to); len(got) != 1 || !strings.HasSuffix(got[0], " my local fix") {
		t.Errorf("the copy stamped ahead replaced the edit made here: %q", got)
	}
	// Once this clock is past the file's, the file's edit is the later one.
	to.now = from.now.Add(time.Hour)
	if out := to.ok("import", ahead); !strings.Contains(out, "Updated 1 session") {
		t.Errorf("import once the time has come: %q", out)
	}
}

// A store's own export, JSON or CSV, imports back as the same records, a timer's planned
// length (which neither carries for a session) and all.
func TestASessionOfATimerImportsBackAsTheSame(t *testing.T) {
	h := newHarness(t)
	h.ok("start", "--topic", "BGP", "--for", "50m")
	h.now = h.now.Add(40 * time.Minute)
	h.ok("stop")
	for _, format := range []string{"json", "csv"} {
		file := filepath.Join(t.TempDir(), "export."+format)
		h.ok("export", "--format", format, "-o", file)
		if out := h.ok("import", file); !strings.Contains(out, "Already present: 1 record") || strings.Contains(out, "Kept") {
			t.Errorf("%s: %q", format, out)
		}
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 09:00")
	file := filepath.Join(t.TempDir(), "toggl.csv")
	os.WriteFile(file, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n"+
		"Ada,a@x,,Homelab,,Rack and stack,No,2026-11-21,18:00:00,2026-11-21,19:30:00,01:30:00,\"lab, rr\",\n"+
		"Ada,a@x,,BGP,,,No,2026-11-22,18:00:00,2026-11-22,18:40:00,00:40:00,,\n"), 0o600)
	path := filepath.Join(h.dir, "corepath.db")
	before, _ := os.ReadFile(path)
	out := h.ok("import", file, "--dry-run", "--track", "certification")
	for _, want := range []string{
		"Would create topic Homelab (Certification)",
		`Would add 2026-11-21 18:00   1h30m  Homelab  [lab, rr]  "Rack and stack"`,
		"Would add 2026-11-22 18:00     40m  BGP",
		"Would add 2 sessions, 2h10m:\n  Homelab (new topic): 1 session, 1h30m\n  BGP: 1 session, 40m\nAlready present: 0 records",
		"Dry run: nothing was written.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a dry run changed the data file")
	}
	h.ok("import", file, "--track", "certification")
	if out := h.ok("import", file, "--dry-run"); !strings.Contains(out, "Would add 0 sessions, 0m\nAlready present: 2 records") {
		t.Errorf("dry run after the import: %q", out)
	}
}

func TestImportOfABadFileChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP")
	dir := t.TempDir()
	var rows strings.Builder
	rows.WriteString("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&rows, "Ada,a@x,,Topic %d,,,No,2026-11-%02d,18:00:00,2026-11-%02d,19:00:00,01:00:00,,\n", i, i, i)
	}
	rows.WriteString("Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,17:00:00,01:00:00,,\n")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte(rows.String()), 0o600)
	listing := filepath.Join(dir, "sessions.json")
	os.WriteFile(listing, []byte(h.ok("sessions", "--json")), 0o600)
	binary := filepath.Join(dir, "photo.csv")
	os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o600)
	path := filepath.Join(h.dir, "corepath.db")
	before, _ := os.ReadFile(path)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"import", bad}, 1, bad + ": nothing was imported: line 14: end 2026-11-20 17:00 is before start 18:00"},
		{[]string{"import", binary}, 1, "this is not a text file"},
		{[]string{"import", listing}, 1, "this is the list that corepath sessions --json prints, which is for reading, not for import: " +
			"to move sessions to another store, export them with corepath export --format json"},
		{[]string{"import", filepath.Join(dir, "missing.json")}, 1, "cannot read"},
		{[]string{"import"}, 2, "missing FILE"},
		{[]string{"import", bad, "--format", "excel"}, 2, "unknown import format \"excel\""},
		{[]string{"import", bad, "--map", "nothing"}, 2, "write it as NAME=TOPIC"},
		{[]string{"import", bad, "--track", "hobbies"}, 2, "unknown track"},
		{[]string{"import", bad, "--map", "Topic 1=Token Ring"}, 1, "--map Topic 1=Token Ring: no topic matches"},
		{[]string{"export", "--format", "pdf"}, 2, "unknown export format \"pdf\""},
		{[]string{"export", "--from", "2026-11-20", "--to", "2026-11-01"}, 2, "is after --to"},
		{[]string{"export", "-o", filepath.Join(dir, "no", "such", "folder.json")}, 1, "folder.json: the folder " + filepath.Join(dir, "no", "such") + " does not exist"},
	}
	for _, c := range cases {
		code, out, errOut := h.run(c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d with %q", c.args, code, out, errOut, c.code, c.msg)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a failed import changed the data file")
	}
}

func TestTimewarriorImportGivesTheTotalsOfTimewSummary(t *testing.T) {
	h := newHarness(t)
	type interval struct {
		start, end string
		tags       []string
	}
	intervals := []interval{
		{"20261116T230000Z", "20261117T004500Z", []string{"BGP", "lab"}},
		{"20261118T130000Z", "20261118T140500Z", []string{"ospf", "reading", "lab"}},
		{"20261119T180000Z", "20261119T183000Z", []string{"rfc 4271"}},
		{"20261120T180000Z", "20261120T200000Z", []string{"BGP", "rfc 4271"}},
		{"20261121T090000Z", "20261121T091000Z", nil},
	}
	want := map[string]int{}
	var lines []string
	for _, iv := range intervals {
		start, _ := time.Parse("20060102T150405Z", iv.start)
		end, _ := time.Parse("20060102T150405Z", iv.end)
		line := "inc " + iv.start + " - " + iv.end
		if len(iv.tags) > 0 {
			line += " #"
		}
		for _, tag := range iv.tags {
			want[tag] += int(end.Sub(start).Minutes())
			if strings.Contains(tag, " ") {
				tag = `"` + tag + `"`
			}
			line += " " + tag
		}
		lines = append(lines, line)
	}
	data := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(data, 0o700)
	os.WriteFile(filepath.Join(data, "2026-11.data"), []byte(strings.Join(lines, "\n")+"\n"), 0o600)
	out := h.ok("import", data)
	if !strings.Contains(out, "Created topic rfc 4271 (Skills)") || !strings.Contains(out, "Created topic Untagged (Skills)") || !strings.Contains(out, "Added 5 sessions") {
		t.Errorf("import: %q", out)
	}
	var r report
	h.json(&r, "report", "--all", "--json")
	got := map[string]int{}
	for _, tt := range r.ByTag {
		got[tt.Tag] = tt.Minutes
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("minutes by tag:\n got %v\nwant %v", got, want)
	}
	if out := h.ok("import", data); !strings.Contains(out, "Added 0 sessions, 0m\nAlready present: 5 records") {
		t.Errorf("second import: %q", out)
	}
}

func TestExportAsCSVAndICalendar(t *testing.T) {
	h := newHarness(t)
	lived(h)
	dir := t.TempDir()
	csvFile, icsFile := filepath.Join(dir, "sessions.csv"), filepath.Join(dir, "study.ics")
	if _, _, errOut := h.run("export", "--format", "csv", "--from", "2026-11-21", "-o", csvFile); !strings.Contains(errOut, "Exported 2 sessions to") {
		t.Errorf("csv: %q", errOut)
	}
	text, _ := os.ReadFile(csvFile)
	lines := strings.Split(strings.TrimSpace(string(text)), "\n")
	if lines[0] != "id,start,end,minutes,topic,track,kind,tags,note,focus,milestone,course,source" || !strings.Contains(string(text), "2026-11-22T23:45:00-05:00,2026-11-23T00:15:00-05:00,30,BGP › Route servers,skills,reading,,\"IXP\n=SUM(A1)\"") {
		t.Errorf("csv:\n%s", text)
	}
	if _, _, errOut := h.run("export", "--format", "ical", "-o", icsFile); !strings.Contains(errOut, "Exported 3 sessions and 2 milestone dates to") { // a target, and a milestone done
		t.Errorf("ical: %q", errOut)
	}
	f, _ := os.Open(icsFile)
	defer f.Close()
	cal, err := ics.ParseCalendar(f)
	if err != nil || len(cal.Events()) != 5 {
		t.Fatalf("%v, %d events", err, len(cal.Events()))
	}
}

// The dry run prints the summary the real run then prints, word for word but the verbs.
func TestImportDryRunSaysExactlyWhatTheRunDoes(t *testing.T) {
	for _, c := range []struct {
		file string
		args []string
	}{
		{"clockify-team.csv", []string{"--split-long"}},
		{"clockify-team.csv", nil},
		{"timew-stale", []string{"--close-open", "2021-03-03 12:00"}},
		{"timew-stale", nil},
		{"timew-export.json", []string{"--format", "timewarrior"}},
	} {
		h := newHarness(t)
		args := append([]string{"import", filepath.Join("..", "exchange", "testdata", "real", c.file)}, c.args...)
		dry := h.ok(append(args, "--dry-run")...)
		summary := func(out string) string {
			i := strings.Index(out, "A Clockify file")
			if i < 0 {
				i = strings.Index(out, "A Timewarrior file")
			}
			return strings.TrimSuffix(out[max(i, 0):], "Dry run: nothing was written.\n")
		}
		want := strings.NewReplacer("Would add", "Added", "Would start", "Started", "it would be", "it was", "they would be", "they were",
			"would be closed", "closed", "would be merged", "were merged", "would be imported", "were imported").Replace(summary(dry))
		if got := summary(h.ok(args...)); got != want || !strings.Contains(got, "Added ") {
			t.Errorf("%v: the run says\n%s\nthe dry run\n%s", c, got, want)
		}
		if again := h.ok(args...); !strings.Contains(again, "Added 0 sessions, 0m\nAlready present: ") {
			t.Errorf("%v: second run:\n%s", c, again)
		}
	}
}

func TestImportOptionsForLongAndStaleEntries(t *testing.T) {
	h := newHarness(t)
	real := filepath.Join("..", "exchange", "testdata", "real")
	out := h.ok("import", filepath.Join(real, "clockify-team.csv"), "--split-long")
	if !strings.Contains(out, "Added 11 sessions, 105h50m (4 sessions more than records: long entries split)") {
		t.Errorf("--split-long:\n%s", out)
	}
	out = h.ok("import", filepath.Join(real, "timew-stale"), "--close-open", "2021-03-03 12:00")
	if !strings.Contains(out, "Added 4 sessions, 13h57m") || !strings.Contains(out, "closed at 2021-03-03 12:00, the time given: 2021-03.data line 2, 9h42m from 2021-03-03 02:18") {
		t.Errorf("--close-open:\n%s", out)
	}
	if code, _, errOut := h.run("import", filepath.Join(real, "timew-stale"), "--close-open", "someday"); code != 2 || !strings.Contains(errOut, "someday") {
		t.Errorf("a bad --close-open: %d %q", code, errOut)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("Project,Start date,Start time,Duration\nBGP,2026-13-01,18:00,1:00\nBGP,2026-11-01,7pm,1:00\n"), 0o600)
	code, _, errOut := h.run("import", bad, "--format", "toggl")
	if want := bad + ": nothing was imported: 2 records cannot be imported:\n  line 2: \"2026-13-01\" is not a date in the calendar\n  line 3: \"7pm\" is not a time of day"; code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, %q; want %q", code, errOut, want)
	}
}

// An import's summary suggests what to do in the command line's terms: the command that shows
// the sessions concerned, and the options that import what was left out.
func TestImportSummarySuggestsCommands(t *testing.T) {
	h := newHarness(t)
	real := filepath.Join("..", "exchange", "testdata", "real")
	out := h.ok("import", filepath.Join(real, "timew-export.json"), "--dry-run")
	for _, want := range []string{
		"shorten it with corepath edit, or import with --split-long to cut it into sessions of at most 24h; see it with corepath sessions --from 2026-10-12 --to 2026-10-14",
		"see them with corepath sessions --topic HDI",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary does not say %q:\n%s", want, out)
		}
	}
	if out := h.ok("import", filepath.Join(real, "timew-stale"), "--dry-run"); !strings.Contains(out, `open since 2021-03-03 02:18): import it closed with --close-open "YYYY-MM-DD HH:MM"`) {
		t.Errorf("a stale interval's summary:\n%s", out)
	}
}

// A timer discarded since the export was taken is not started again by importing it: the
// summary says it was left out and why, and the store is not written.
func TestImportDoesNotRestartADiscardedTimer(t *testing.T) {
	h := newHarness(t)
	h.ok("start", "--topic", "BGP", "--at", "19:10")
	file := filepath.Join(t.TempDir(), "corepath.json")
	h.ok("export", "-o", file)
	h.ok("cancel")
	before, _ := os.ReadFile(filepath.Join(h.dir, "corepath.db"))
	out := h.ok("import", file)
	if want := "the running timer for BGP since 2026-11-25 19:10: it was discarded here on 2026-11-25 20:00, so it is not started again"; !strings.Contains(out, want) || strings.Contains(out, "Started the running timer") {
		t.Errorf("import after cancel:\n%s\nwant %q", out, want)
	}
	if out := h.ok("status"); !strings.Contains(out, "No timer is running") {
		t.Errorf("status after the import: %q", out)
	}
	if after, _ := os.ReadFile(filepath.Join(h.dir, "corepath.db")); string(after) != string(before) {
		t.Error("an import that added nothing changed the data file")
	}
	// Another store, where it was never discarded, starts it.
	if out := newHarness(t).ok("import", file); !strings.Contains(out, "Started the running timer for BGP") {
		t.Errorf("import into another store:\n%s", out)
	}
}

// import - reads the file from the standard input, as export -o - writes to the standard output:
// corepath export -o - | ssh laptop corepath import -.
func TestImportReadsTheStandardInput(t *testing.T) {
	from, to := newHarness(t), newHarness(t)
	from.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 18:00", "--note", "route maps")
	to.stdin = from.ok("export", "-o", "-")
	if out := to.ok("import", "-", "--dry-run"); !strings.Contains(out, "Would add 1 session") {
		t.Errorf("import - --dry-run: %q", out)
	}
	if out := to.ok("import", "-"); !strings.Contains(out, "Added 1 session, 45m") {
		t.Errorf("import -: %q", out)
	}
	if out := to.ok("sessions"); !strings.Contains(out, "route maps") {
		t.Errorf("sessions after import -: %q", out)
	}
	to.stdin = "not,a,known\nfile,at,all\n"
	if code, _, errOut := to.run("import", "-"); code == 0 || !strings.Contains(errOut, "the standard input: nothing was imported") {
		t.Errorf("import - of an unknown file: exit %d, %q", code, errOut)
	}
}

// Corepath's CSV names a subtopic by its path: one the person made, which a new store lacks,
// is made again under its parent, and the sessions add up as they did.
func TestACSVExportWithAMadeSubtopicImportsIntoANewStore(t *testing.T) {
	from, to := newHarness(t), newHarness(t)
	from.ok("topic", "add", "Route servers", "--parent", "BGP")
	from.ok("topic", "add", "MAU", "--parent", from.ok("topic", "add", "Token Ring")[len("Added topic "):len("Added topic Token Ring")])
	from.ok("log", "25m", "--topic", "BGP > route servers", "--at", "2026-11-20 10:00")
	from.ok("log", "15m", "--topic", "OSPF", "--at", "2026-11-20 11:00")
	from.ok("log", "20m", "--topic", "Token Ring > MAU", "--at", "2026-11-20 12:00") // a parent made too
	file := filepath.Join(t.TempDir(), "sessions.csv")
	from.ok("export", "--format", "csv", "-o", file)
	out := to.ok("import", file)
	for _, want := range []string{"Created topic BGP › Route servers (Skills)", "Created topic Token Ring (Skills)\nCreated topic Token Ring › MAU (Skills)",
		"BGP › Route servers (new topic): 1 session, 25m", "Token Ring › MAU (new topic): 1 session, 20m"} {
		if !strings.Contains(out, want) {
			t.Errorf("import: %q lacks %q", out, want)
		}
	}
	if a, b := from.ok("report", "--all", "--json"), to.ok("report", "--all", "--json"); a != b {
		t.Errorf("the reports differ after the import:\n%s\n---\n%s", a, b)
	}
	if out := to.ok("import", file); !strings.Contains(out, "Added 0 sessions, 0m\nAlready present: 3 records") {
		t.Errorf("the second import: %q", out)
	}
	// Another tracker's file may spell one subtopic two ways: one new subtopic.
	toggl := filepath.Join(t.TempDir(), "toggl.csv")
	if err := os.WriteFile(toggl, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n"+
		"Ada,a@x,,OSPF > LSA types,,,No,2026-11-21,18:00:00,2026-11-21,19:00:00,01:00:00,\n"+
		"Ada,a@x,,ospf›lsa types,,,No,2026-11-22,18:00:00,2026-11-22,19:00:00,01:00:00,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := to.ok("import", toggl); !strings.Contains(out, "OSPF › LSA types (new topic): 2 sessions, 2h") {
		t.Errorf("import of two spellings: %q", out)
	}
}

// export --from and --to take the sessions that cross into the days, whole, as sessions lists
// them and report counts their part: one that ran past midnight into the first day, and a 48-hour
// entry of another tracker's, which began two days before.
func TestExportTakesTheSessionsThatCrossIntoItsDays(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "2h", "--topic", "BGP", "--at", "2026-11-22 23:00")
	h.ok("log", "30m", "--topic", "OSPF", "--at", "2026-11-23 09:00")
	h.ok("log", "30m", "--topic", "OSPF", "--at", "2026-11-24 09:00") // after the days
	toggl := filepath.Join(t.TempDir(), "toggl.csv")
	if err := os.WriteFile(toggl, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n"+
		"Ada,a@x,,MPLS,,forgot the timer,No,2026-11-21,12:00,2026-11-23,12:00,48:00:00,,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.ok("import", toggl)
	days := []string{"--from", "2026-11-23", "--to", "2026-11-23"}
	listed := h.ok(append([]string{"sessions"}, days...)...)
	csv := h.ok(append([]string{"export", "--format", "csv"}, days...)...)
	ical := h.ok(append([]string{"export", "--format", "ical"}, days...)...)
	for _, want := range []string{"BGP", "OSPF", "MPLS"} {
		if !strings.Contains(listed, want) || !strings.Contains(csv, ","+want+",") || !strings.Contains(ical, "SUMMARY:"+want) {
			t.Errorf("%s: listed %v, in the CSV %v, in the iCalendar file %v", want,
				strings.Contains(listed, want), strings.Contains(csv, ","+want+","), strings.Contains(ical, "SUMMARY:"+want))
		}
	}
	if rows := strings.Count(csv, "\n") - 1; rows != 3 {
		t.Errorf("%d rows, want the three sessions that cross into 2026-11-23:\n%s", rows, csv)
	}
}

// A project that makes a new topic, where the plan holds the topic it likely means (QoS, the
// initials of Quality of Service), is offered the --map that sends it there, before an import
// and after one; and the way said does.
func TestAProjectLikeAPlanTopicIsOfferedTheMap(t *testing.T) {
	h := newHarness(t)
	file := filepath.Join(t.TempDir(), "toggl.csv")
	os.WriteFile(file, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n"+
		"Ada,a@x,,QoS,,shaping lab,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n"+
		"Ada,a@x,,Homelab,,racking,No,2026-11-21,18:00:00,2026-11-21,19:00:00,01:00:00,,\n"), 0o600)
	out := h.ok("import", file, "--dry-run")
	if !strings.Contains(out, "Would create topic QoS (Skills); if it is Quality of Service, import with --map 'QoS=Quality of Service'\n") ||
		!strings.Contains(out, "Would create topic Homelab (Skills)\n") {
		t.Errorf("dry run:\n%s", out)
	}
	// Imported without it, the way back is said: the restore of the backup taken first, then
	// the import with the map (which, imported again over the sessions, would add nothing).
	out = h.ok("import", file)
	restore := regexp.MustCompile(`Created topic QoS \(Skills\); if it is Quality of Service, corepath restore (\S+) puts the store back as it was, and an import with --map 'QoS=Quality of Service' sends it there\n`).FindStringSubmatch(out)
	if restore == nil {
		t.Fatalf("import:\n%s", out)
	}
	h.ok("restore", restore[1])
	out = h.ok("import", file, "--map", "QoS=Quality of Service")
	if strings.Contains(out, "Created topic QoS") || !strings.Contains(out, "Created topic Homelab (Skills)\n") {
		t.Errorf("import with the map:\n%s", out)
	}
	var r tracker.Report
	h.json(&r, "report", "--all", "--json")
	found := false
	for _, tt := range r.ByTopic {
		found = found || tt.Topic == "Quality of Service" && tt.Minutes == 60
	}
	if !found {
		t.Errorf("the QoS hour is not under Quality of Service: %+v", r.ByTopic)
	}
}

// A log kept by hand in a spreadsheet imports without --format: a dry run first, then the
// import, whose report gives the minutes counted by hand; imported again it adds nothing. A
// duration whose header names no unit is refused, with what to write, and changes nothing.
func TestImportOfASpreadsheetLog(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-24 18:00")
	dir := t.TempDir()
	sheet := filepath.Join(dir, "log.csv")
	os.WriteFile(sheet, []byte("date,start,duration (min),topic,notes\n"+
		"2026-11-10,18:00,60,BGP,x\n"+ // 60
		"2026-11-11,07:30,45,Homelab,\"cables, racks\"\n"+ // 45, a new topic
		"2026-11-12,18:00,90,BGP,\n"), 0o600) // 90
	path := filepath.Join(h.dir, "corepath.db")
	before, _ := os.ReadFile(path)
	out := h.ok("import", sheet, "--dry-run")
	for _, want := range []string{
		"Would create topic Homelab (Skills)",
		`Would add 2026-11-10 18:00      1h  BGP  "x"`,
		`Would add 2026-11-11 07:30     45m  Homelab  "cables, racks"`,
		"A spreadsheet file with 3 records.",
		"Would add 3 sessions, 3h15m:",
		"Dry run: nothing was written.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a dry run changed the data file")
	}
	if out := h.ok("import", sheet); !strings.Contains(out, "Created topic Homelab (Skills)") || !strings.Contains(out, "Added 3 sessions, 3h15m") {
		t.Errorf("import: %q", out)
	}
	var r report
	h.json(&r, "report", "--all", "--json")
	got := map[string]int{}
	for _, tt := range r.ByTopic {
		got[tt.Topic] = tt.Minutes
	}
	if want := map[string]int{"BGP": 30 + 60 + 90, "Homelab": 45}; !reflect.DeepEqual(got, want) || r.Sessions != 4 {
		t.Errorf("%d sessions, minutes by topic %v; want 4, %v", r.Sessions, got, want)
	}
	if out := h.ok("import", sheet); !strings.Contains(out, "Added 0 sessions, 0m\nAlready present: 3 records") {
		t.Errorf("second import: %q", out)
	}
	bare := filepath.Join(dir, "bare.csv")
	os.WriteFile(bare, []byte("date,start,duration,topic,notes\n2026-11-13,18:00,60,BGP,x\n"), 0o600)
	before, _ = os.ReadFile(path)
	code, out, errOut := h.run("import", bare)
	if want := bare + `: nothing was imported: the "duration" column holds numbers without a unit (60 at line 2), and its header names none, so they could be minutes or hours: ` +
		`name the unit in the header, "Duration (min)" or "Minutes" for minutes`; code != 1 || out != "" || !strings.Contains(errOut, want) {
		t.Errorf("bare duration: exit %d, stdout %q, stderr %q; want %q", code, out, errOut, want)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a refused import changed the data file")
	}
}

// Dates that read either way round are read as the file's language writes them, and the
// import says how to read them the other way: --dates in a dry run, and after an import the
// restore of the backup it took first, then --dates.
func TestDatesReadEitherWayAreSaidHowToReadOtherwise(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-24 18:00")
	file := filepath.Join(t.TempDir(), "clockify.csv")
	os.WriteFile(file, []byte("Project,Description,Start date,Start time,End date,End time,Duration (h),Duration (decimal)\n"+
		"BGP,x,05/11/2026,18:00:00,05/11/2026,19:00:00,01:00:00,1.00\n"), 0o600)
	if out := h.ok("import", file, "--dry-run"); !strings.Contains(out, "Would add 2026-05-11 18:00") || !strings.Contains(out, "Note: were the dates meant day-first, import with --dates day-first\n") {
		t.Errorf("dry run:\n%s", out)
	}
	if out := h.ok("import", file, "--dry-run", "--dates", "day-first"); !strings.Contains(out, "Would add 2026-11-05 18:00") || strings.Contains(out, "were the dates meant") {
		t.Errorf("--dates day-first:\n%s", out)
	}
	out := h.ok("import", file)
	if !strings.Contains(out, "Note: were the dates meant day-first, corepath restore ") || !strings.Contains(out, "corepath-before-import-") {
		t.Errorf("import:\n%s", out)
	}
	if code, _, errOut := h.run("import", file, "--dates", "dmy"); code != exitUsage || !strings.Contains(errOut, `"dmy" is no order of dates: write day-first`) {
		t.Errorf("--dates dmy: %d %q", code, errOut)
	}
}

// -o "" names no file: it is refused, not taken as the standard output (or the backups folder).
func TestAnEmptyOutputFileIsRefused(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"export", "-o", ""}, {"backup", "-o", " "}} {
		if code, out, errOut := h.run(args...); code != exitUsage || out != "" || !strings.Contains(errOut, "it is empty: give a file name") {
			t.Errorf("%q: exit %d, %q, %q", args, code, out, errOut)
		}
	}
}
