package cli

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"corepath/tracker"
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

// shellWords splits a command line as a POSIX shell does for the quoting shellQuote writes:
// words apart by spaces, single quotes, and a backslash before a quote outside them.
func shellWords(line string) []string {
	var words []string
	var word strings.Builder
	inWord, quoted, escaped := false, false, false
	for _, r := range line {
		switch {
		case escaped:
			word.WriteRune(r)
			escaped = false
		case r == '\'':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, word.String())
				word.Reset()
			}
			inWord = false
		case r == '\\' && !quoted:
			escaped, inWord = true, true
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

func TestDeletePrintsAReLogCommandWithItsLinks(t *testing.T) {
	h := newHarness(t)
	h.ok("course", "add", "CS101", "--credits", "4", "--term", "Fall 2026")
	h.ok("log", "50m", "--topic", "BGP", "--at", "2026-11-21 07:00", "--kind", "lab", "--tag", "rr", "--note", "it's RR", "--focus", "4",
		"--milestone", "M05", "--course", "CS101")
	var before []sessionJSON
	h.json(&before, "sessions", "--json")
	if len(before) != 1 || before[0].Milestone != "M05" || before[0].Course == "" {
		t.Fatalf("the logged session: %+v", before)
	}
	out := h.ok("delete", before[0].ID)
	_, relog, ok := strings.Cut(out, "To log it again: ")
	if !ok {
		t.Fatalf("delete printed no command:\n%s", out)
	}
	words := shellWords(strings.TrimSpace(relog))
	if !strings.Contains(relog, "--milestone M05") || !strings.Contains(relog, "--course CS101") {
		t.Errorf("the command leaves out a link: %s", relog)
	}
	h.ok(words[1:]...)
	var after []sessionJSON
	h.json(&after, "sessions", "--json")
	if len(after) != 1 {
		t.Fatalf("after logging it again: %+v", after)
	}
	after[0].ID, before[0].ID = "", ""
	if !reflect.DeepEqual(after[0], before[0]) {
		t.Errorf("logged again:\n%+v\nwas\n%+v", after[0], before[0])
	}
}

// In the hour that New York's clocks go back over (01:00 to 02:00 on 2026-11-01), delete says
// which of the two 01:30s the session was, and its command to log it again puts it back at that
// one: without the offset, log refuses the time as naming two.
func TestDeleteInTheHourShownTwiceGivesAWorkingCommand(t *testing.T) {
	h := newHarness(t)
	for _, at := range []string{"2026-11-01T01:30-04:00", "2026-11-01T01:30-05:00"} {
		h.ok("log", "20m", "--topic", "BGP", "--at", at)
		var before []sessionJSON
		h.json(&before, "sessions", "--json")
		out := h.ok("delete", before[0].ID)
		offset := at[len(at)-6:]
		if !strings.Contains(out, "Sun 2026-11-01 01:30 "+offset+"–01:50 "+offset) {
			t.Errorf("delete of the session at %s does not say which 01:30:\n%s", at, out)
		}
		_, relog, ok := strings.Cut(out, "To log it again: ")
		if !ok || !strings.Contains(relog, "--at "+at) {
			t.Fatalf("delete printed no command with the offset:\n%s", out)
		}
		h.ok(shellWords(strings.TrimSpace(relog))[1:]...)
		var after []sessionJSON
		h.json(&after, "sessions", "--json")
		if len(after) != 1 || after[0].Start != before[0].Start {
			t.Fatalf("logged again at %+v, was at %+v", after, before)
		}
		h.ok("delete", after[0].ID)
	}
}

// stop --note adds to the note given to start, as --tag adds to its tags; a start more than
// 24 hours ago is refused at once, not at stop, where the timer could no longer be saved.
func TestStopAddsToTheNoteAndStartRefusesAStaleStart(t *testing.T) {
	h := newHarness(t)
	h.ok("start", "--topic", "IS-IS", "--at", h.now.Add(-time.Hour).Format("2006-01-02 15:04"), "--note", "L1/L2")
	h.ok("stop", "--note", "DIS election")
	var got []struct{ Note string }
	h.json(&got, "sessions", "--json")
	if len(got) != 1 || got[0].Note != "L1/L2\nDIS election" {
		t.Errorf("sessions: %+v", got)
	}
	code, _, errOut := h.run("start", "--topic", "BGP", "--at", h.now.Add(-25*time.Hour).Format("2006-01-02 15:04"))
	if code != exitUsage || !strings.Contains(errOut, "more than 24 hours ago") || !strings.Contains(errOut, "corepath log DURATION --at") {
		t.Errorf("a start 25 hours ago: exit %d, %q", code, errOut)
	}
	if code, out, _ := h.run("status"); code != 0 || !strings.Contains(out, "No timer") {
		t.Errorf("after the refused start: %d %q", code, out)
	}
}

// An imported entry longer than a session can be logged is deleted with the way to have it
// back that works: its file imported again (log would refuse its length).
func TestDeletingALongImportedEntrySaysHowToHaveItBack(t *testing.T) {
	h := newHarness(t)
	file := filepath.Join(t.TempDir(), "2026-11.data")
	os.WriteFile(file, []byte("inc 20261110T120000Z - 20261111T180000Z # BGP\n"), 0o600) // 30 hours
	h.ok("import", file)
	var list []sessionJSON
	h.json(&list, "sessions", "--json")
	if len(list) != 1 {
		t.Fatalf("%d sessions imported", len(list))
	}
	out := h.ok("delete", list[0].ID)
	if strings.Contains(out, "To log it again") || !strings.Contains(out, "import the file it came from again with --with-deleted") {
		t.Errorf("delete of a 30-hour entry: %q", out)
	}
	if again := h.ok("import", file); !strings.Contains(again, "Added 0 sessions") || !strings.Contains(again, "deleted here on 2026-11-25, so not brought back (line 1): import them again with --with-deleted") {
		t.Errorf("the file imported again: %q", again)
	}
	if again := h.ok("import", file, "--with-deleted"); !strings.Contains(again, "Added 1 session, 30h") {
		t.Errorf("the file imported again --with-deleted: %q", again)
	}
}

// edit --at with a time alone moves the session within its own day; with a day, to that day.
func TestEditAtATimeAloneKeepsTheSessionsDay(t *testing.T) {
	h := newHarness(t) // 2026-11-25 20:00
	out := h.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 18:00")
	id := strings.TrimSuffix(out[strings.LastIndex(out, "(id ")+4:], ")\n")
	if out := h.ok("edit", id, "--at", "21:45"); !strings.Contains(out, "Fri 2026-11-20 21:45–22:30") {
		t.Errorf("a time alone: %q", out)
	}
	if out := h.ok("edit", id, "--at", "yesterday 9:00"); !strings.Contains(out, "Tue 2026-11-24 09:00–09:45") {
		t.Errorf("a day and a time: %q", out)
	}
}

// sessions over dates lists the sessions that overlap them, as report counts them, and says
// how much of their time falls within the dates when some cross a bound.
func TestSessionsOverDatesAsReportCountsThem(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "2h", "--topic", "OSPF", "--at", "2026-11-20 23:00")
	h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-21 09:00")
	for _, c := range []struct {
		day, footer string
		sessions    int
	}{
		{"2026-11-20", "1 session, 2h (1h of it within the dates, as report counts it)\n", 1},
		{"2026-11-21", "2 sessions, 2h30m (1h30m of it within the dates, as report counts it)\n", 2},
		{"2026-11-22", "No sessions.\n", 0},
	} {
		out := h.ok("sessions", "--from", c.day, "--to", c.day)
		if !strings.HasSuffix(out, c.footer) {
			t.Errorf("sessions on %s:\n%s\nwant it to end with %q", c.day, out, c.footer)
		}
		var r struct{ Sessions int }
		if h.json(&r, "report", "--from", c.day, "--to", c.day, "--json"); r.Sessions != c.sessions {
			t.Errorf("report on %s counts %d sessions, sessions lists %d", c.day, r.Sessions, c.sessions)
		}
	}
	if out := h.ok("sessions", "--from", "2026-11-20", "--to", "2026-11-21"); !strings.HasSuffix(out, "2 sessions, 2h30m\n") {
		t.Errorf("both days: %q", out)
	}
}

// The commands a command suggests carry the --data DIR it was given: pasted, "To log it again"
// must log into the same store, not the default one.
func TestSuggestedCommandsKeepTheDataFolder(t *testing.T) {
	h := newHarness(t)
	other := filepath.Join(t.TempDir(), "other store")
	data := "--data=" + other
	first := h.ok(data, "log", "30m", "--topic", "BGP", "--at", "2026-11-24 10:00")
	id := regexp.MustCompile(`id ([0-9a-f-]{36})`).FindStringSubmatch(first)[1]
	quoted := "corepath --data '" + other + "'"
	if out := h.ok(data, "log", "30m", "--topic", "BGP", "--at", "2026-11-24 10:00"); !strings.Contains(out, quoted+" delete "+id) {
		t.Errorf("the overlap's note: %q", out)
	}
	out := h.ok("delete", "--data", other, id)
	relog := regexp.MustCompile(`To log it again: (.*)`).FindStringSubmatch(out)
	if relog == nil || !strings.HasPrefix(relog[1], quoted+" log 30m") {
		t.Fatalf("delete: %q", out)
	}
	if out := h.ok("sessions"); strings.Contains(out, "BGP") {
		t.Errorf("the default store has the other's sessions: %q", out)
	}
}

// A day without a time of day is not read as midnight: log, start and stop ask for the time,
// and edit moves the session to that day at its own time of day.
func TestADayAloneIsNoTimeOfDay(t *testing.T) {
	h := newHarness(t) // Wednesday 2026-11-25 20:00, New York
	for _, args := range [][]string{
		{"log", "30m", "--topic", "BGP", "--at", "yesterday"},
		{"log", "30m", "--topic", "BGP", "--at", "2026-11-20"},
		{"start", "--topic", "BGP", "--at", "today"},
	} {
		code, out, errOut := h.run(args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "is a day without a time of day: give both, like") {
			t.Errorf("%v: %d %q %q", args, code, out, errOut)
		}
	}
	h.ok("start", "--topic", "BGP", "--at", "19:00")
	if code, _, errOut := h.run("stop", "--at", "today"); code != exitUsage || !strings.Contains(errOut, `"today" is a day without a time of day`) {
		t.Errorf("stop --at today: %d %q", code, errOut)
	}
	h.ok("cancel")
	h.ok("log", "20m", "--topic", "BGP", "--at", "2026-11-24 17:05")
	var sessions []tracker.Session
	h.json(&sessions, "sessions", "--json")
	if len(sessions) != 1 {
		t.Fatalf("%d sessions", len(sessions))
	}
	out := h.ok("edit", sessions[0].ID, "--at", "2026-11-20")
	if !strings.Contains(out, "Fri 2026-11-20 17:05–17:25") {
		t.Errorf("edit --at a day alone: %q; want the session on that day at 17:05", out)
	}
	if out := h.ok("edit", sessions[0].ID, "--at", "yesterday"); !strings.Contains(out, "Tue 2026-11-24 17:05–17:25") {
		t.Errorf("edit --at yesterday: %q", out)
	}
}

// A long note is cut in the list, so that each session keeps one line of its own; the whole
// note is in the JSON.
func TestTheListCutsALongNote(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("x", 5000)
	h.ok("log", "25m", "--topic", "BGP", "--at", "2026-11-24 17:05", "--note", long)
	h.ok("log", "25m", "--topic", "BGP", "--at", "2026-11-24 18:05", "--note", "one\ntwo")
	h.ok("log", "25m", "--topic", "BGP", "--at", "2026-11-24 19:05", "--note", strings.Repeat("é", noteShown))
	out := h.ok("sessions")
	for _, want := range []string{`"` + strings.Repeat("x", noteShown-1) + `…"`, `"one…"`, `"` + strings.Repeat("é", noteShown) + `"`} {
		if !strings.Contains(out, want) {
			t.Errorf("sessions lacks %.40q…:\n%.400s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if len([]rune(line)) > 250 {
			t.Errorf("a line of %d characters: %.80s…", len([]rune(line)), line)
		}
	}
	var sessions []tracker.Session
	h.json(&sessions, "sessions", "--json")
	if len(sessions) != 3 || sessions[2].Note != long {
		t.Errorf("the JSON does not hold the whole note")
	}
}

// A rating that is not a whole number is told the scale, not "not a number"; a whole one is kept.
func TestARatingIsAWholeNumberOnItsScale(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"log", "10m", "--topic", "BGP", "--focus", "2.5"}, `invalid value "2.5" for --focus: it is a whole number from 1 to 5 (0 for none)`},
		{[]string{"topic", "edit", "BGP", "--confidence", "high"}, `invalid value "high" for --confidence: it is a whole number from 0 to 5`},
	} {
		if code, _, errOut := h.run(c.args...); code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want %q", c.args, code, errOut, c.want)
		}
	}
	h.ok("log", "10m", "--topic", "BGP", "--focus", "4", "--at", "2026-11-25 10:00")
	if out := h.ok("sessions", "--json"); !strings.Contains(out, `"focus": 4`) {
		t.Errorf("the focus given: %s", out)
	}
}

// A time of day alone later than now is yesterday's for start and log, as for stop: 22:30 typed
// at 20:00 is last night's. A stop time that is neither today's (to come) nor yesterday's
// (before the start) says so.
func TestATimeAloneLaterThanNowIsYesterdays(t *testing.T) {
	h := newHarness(t) // now: 2026-11-25 20:00
	if out := h.ok("start", "--topic", "BGP", "--at", "22:30"); !strings.Contains(out, "Started BGP at Tue 2026-11-24 22:30") {
		t.Errorf("start --at 22:30: %q", out)
	}
	code, _, errOut := h.run("stop", "--at", "21:00")
	if code != exitUsage || !strings.Contains(errOut, "today's is still to come, and yesterday's is before the timer started (Tue 2026-11-24 22:30)") {
		t.Errorf("stop --at 21:00: exit %d, %q", code, errOut)
	}
	h.ok("stop", "--at", "23:30")
	if out := h.ok("log", "45m", "--topic", "OSPF", "--at", "21:15"); !strings.Contains(out, "Tue 2026-11-24 21:15–22:00") {
		t.Errorf("log --at 21:15: %q", out)
	}
	// Earlier than now, it stays today's.
	if out := h.ok("log", "30m", "--topic", "OSPF", "--at", "18:00"); !strings.Contains(out, "Wed 2026-11-25 18:00–18:30") {
		t.Errorf("log --at 18:00: %q", out)
	}
}

// JSON output keeps &, < and > as typed ("IS-IS & OSPF"), not as \u0026: it is read by people
// and by jq.
func TestJSONOutputKeepsAmpersands(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP", "--note", "iBGP & eBGP <lab>")
	out := h.ok("sessions", "--json")
	if !strings.Contains(out, `"iBGP & eBGP <lab>"`) {
		t.Errorf("sessions --json: %s", out)
	}
}

// A list cut by --limit says that more sessions match, so that its total is not read as all.
func TestALimitedListSaysMoreMatch(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-24 10:00")
	h.ok("log", "20m", "--topic", "BGP", "--at", "2026-11-25 10:00")
	if out := h.ok("sessions", "--limit", "1"); !strings.Contains(out, "1 session, 20m, the newest 1 of more that match (--limit 0 lists them all)") {
		t.Errorf("sessions --limit 1: %q", out)
	}
	if out := h.ok("sessions", "--limit", "2"); strings.Contains(out, "more that match") || !strings.Contains(out, "2 sessions, 50m") {
		t.Errorf("sessions --limit 2: %q", out)
	}
}
