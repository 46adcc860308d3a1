package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// The command line says what to do in its own terms: a command or a flag to type.
func TestErrorsSayWhatToTypeNext(t *testing.T) {
	h := newHarness(t)
	toggl := filepath.Join(t.TempDir(), "toggl.csv")
	if err := os.WriteFile(toggl, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n"+
		"Ada,a@x,,Token Ring > MAU > Nothing,,,No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	unknown := filepath.Join(t.TempDir(), "unknown.csv")
	if err := os.WriteFile(unknown, []byte("Project,Start date\nBGP,2026-11-20\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"log", "30m", "--topic", "rout"}, "topic \"rout\" is ambiguous; it could be:\n  BGP › Route reflectors and confederations\n"},
		{[]string{"log", "30m", "--topic", "rout"}, "\nGive more of the name, or its path, like --topic \"BGP > Route reflectors and confederations\"\n"},
		{[]string{"log", "30m", "--topic", " "}, "no topic given: name one of the plan's topics (corepath topic list shows them)"},
		{[]string{"log", "30m", "--topic", "token ring"}, "\ncorepath topic list --all shows every topic and subtopic\n"},
		{[]string{"delete", "abcdef12"}, `no session id starts or ends with "abcdef12" (corepath sessions lists them)`},
		{[]string{"exam", "rm", "x9"}, `attempt "x9" does not exist: corepath exam list shows the ids`},
		{[]string{"exam", "add", "lab", "--date", "2026-06-15", "--result", "pass"}, "needs a passed 350-501 before it: record that pass first (corepath exam add 350-501 --result pass)"},
		{[]string{"import", unknown}, "their first line names the columns). Give --format if it is one of those"},
		{[]string{"import", toggl}, `"Token Ring > MAU > Nothing" names no topic, and a new topic's name cannot hold ">", which reads as "Parent > Subtopic": send it to a topic with --map "Token Ring > MAU > Nothing"=TOPIC`},
	}
	// A log before them builds the topic names cache: a name the cache cannot settle is still
	// looked up in the whole plan, and its message lists the whole plan's topics.
	h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-20 08:00")
	for _, c := range cases {
		code, _, errOut := h.run(c.args...)
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want it to say %q", c.args, code, errOut, c.want)
		}
	}
}

func TestATimerOverTheLimitSaysToGiveTheStopTime(t *testing.T) {
	h := newHarness(t)
	now := h.now // the timer is started then forgotten for a day and a half
	h.now = time.Date(2026, 11, 24, 8, 30, 0, 0, h.loc)
	h.ok("start", "--topic", "BGP", "--at", "2026-11-24 08:00")
	h.now = now
	code, _, errOut := h.run("stop")
	want := "the timer has run for 36h, more than the 24-hour limit: give the time you stopped with --at, or discard it with corepath cancel"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("stop: exit %d, %q; want %q", code, errOut, want)
	}
	if out := h.ok("stop", "--at", "2026-11-24 10:00"); !strings.Contains(out, "Logged 2h of BGP") {
		t.Errorf("stop --at: %q", out)
	}
}

// An export given to restore is named for what it is, with the command that takes it.
func TestRestoringAnExportPointsToImport(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "1h", "--topic", "BGP")
	export := filepath.Join(t.TempDir(), "exp.json")
	h.ok("export", "-o", export)
	before := h.ok("sessions")
	code, _, errOut := h.run("restore", export)
	want := export + " is a Corepath export, not a backup: add what it holds to this store with corepath import " + export
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("restore of an export: exit %d, %q; want %q", code, errOut, want)
	}
	if after := h.ok("sessions"); after != before {
		t.Errorf("the refused restore changed the store:\n%s\nwas\n%s", after, before)
	}
}

// An option that holds one value refuses a second, different one, with both named, instead of
// keeping the last ("sessions --tag lab --tag xr" listed xr's sessions alone); the options that
// gather values take each, and the same value twice is no harm.
func TestAnOptionGivenTwice(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP", "--tag", "lab", "--tag", "xr", "--at", "2026-11-20 18:00")
	h.ok("log", "30m", "--topic", "OSPF", "--tag", "lab", "--at", "2026-11-21 18:00")
	for _, c := range []struct {
		args []string
		want string // in stderr; "" for a command that runs
	}{
		{[]string{"sessions", "--tag", "lab", "--tag", "xr"}, `--tag is given twice, as "lab" and then "xr": give it once`},
		{[]string{"sessions", "--topic", "bgp", "--topic=ospf"}, `--topic is given twice, as "bgp" and then "ospf"`},
		{[]string{"report", "--from", "2026-11-01", "--to", "2026-11-30", "--from", "2026-11-02"}, `--from is given twice`},
		{[]string{"milestone", "edit", "M01", "--title", "a", "--title", "b"}, `--title is given twice, as "a" and then "b"`},
		{[]string{"--data", "/tmp/one", "--data", "/tmp/two", "report"}, `--data is given twice`},
		{[]string{"sessions", "--tag", "lab", "--tag", "lab"}, ""},
		{[]string{"report", "--all", "--all"}, ""},
		{[]string{"log", "20m", "--topic", "MPLS", "--tag", "a", "--tag", "b,c", "--at", "2026-11-22 18:00"}, ""},
	} {
		code, _, stderr := h.run(c.args...)
		if c.want == "" {
			if code != 0 {
				t.Errorf("%v: exit %d: %s", c.args, code, stderr)
			}
			continue
		}
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", c.args, code, stderr, exitUsage, c.want)
		}
	}
	var list []struct{ Tags []string }
	h.json(&list, "sessions", "--topic", "MPLS", "--json")
	if len(list) != 1 || strings.Join(list[0].Tags, ",") != "a,b,c" {
		t.Errorf("log with --tag repeated and a comma list: %+v", list)
	}
}

// A tag filter that matches nothing says whether any session has the tag at all, and names the
// tags in use; a comma, which no tag holds, is refused.
func TestSessionsByAnUnusedTag(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("sessions", "--tag", "lab"); out != "No sessions: no session has a tag yet, so none has \"lab\".\n" {
		t.Errorf("no tags yet: %q", out)
	}
	h.ok("log", "45m", "--topic", "BGP", "--tag", "Lab", "--tag", "xr", "--at", "2026-11-20 18:00")
	if out := h.ok("sessions", "--tag", "labs"); out != "No sessions: no session has the tag \"labs\"; the tags in use are Lab, xr.\n" {
		t.Errorf("an unused tag: %q", out)
	}
	if out := h.ok("sessions", "--tag", "LAB", "--from", "2026-11-21"); out != "No sessions.\n" {
		t.Errorf("a tag in use, outside the dates: %q", out)
	}
	if code, _, stderr := h.run("sessions", "--tag", "lab,xr"); code != exitUsage || !strings.Contains(stderr, "a tag holds no comma") {
		t.Errorf("--tag lab,xr: exit %d, %q", code, stderr)
	}
}

// fullDisk takes room bytes, then fails as a full disk does.
type fullDisk struct{ room int }

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n := f.room
		f.room = 0
		return n, syscall.ENOSPC
	}
	f.room -= len(p)
	return len(p), nil
}

// A command whose output cannot all be written (`corepath report > file` on a full disk) fails
// and says so, rather than leave a cut report behind an exit status of 0.
func TestACommandWhoseOutputIsCutShortFails(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 08:00")
	for _, args := range [][]string{{"report", "--all"}, {"plan"}, {"topic", "list"}, {"where"}, {"check"}} {
		var errOut strings.Builder
		if code := Run(args, h.env(&fullDisk{room: 20}, &errOut)); code != exitFail || !strings.Contains(errOut.String(), "the output was not all written: no space left on device") {
			t.Errorf("%v on a full disk: exit %d, %q", args, code, errOut.String())
		}
	}
	// A log whose message cannot be written was still made: it says so, and exits 0, so that a
	// script does not log it again.
	var errOut strings.Builder
	env := h.env(&fullDisk{room: 5}, &errOut)
	if code := Run([]string{"log", "30m", "--topic", "OSPF", "--at", "2026-11-21 08:00"}, env); code != exitOK ||
		!strings.Contains(errOut.String(), "corepath log: note: done, but its output was not all written: no space left on device") {
		t.Errorf("log on a full disk: exit %d, %q", code, errOut.String())
	}
	if out := h.ok("sessions"); !strings.Contains(out, "OSPF") {
		t.Errorf("the log was not kept: %q", out)
	}
	// A reader that stopped reading wanted no more: no message, no failure.
	errOut.Reset()
	env.Stdout = pipeGone{}
	if code := Run([]string{"report", "--all"}, env); code != exitOK || errOut.Len() != 0 {
		t.Errorf("report into a closed pipe: exit %d, %q", code, errOut.String())
	}
}

// pipeGone is a pipe whose reader has quit.
type pipeGone struct{}

func (pipeGone) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// flagValueRE is the regular expression badFlagValue replaced; the two must agree.
var flagValueRE = regexp.MustCompile(`^invalid (boolean )?value (".*") for (?:flag )?-([^:]*): (.*)$`)

func checkBadFlagValue(t *testing.T, msg string) {
	t.Helper()
	boolean, value, name, why, ok := badFlagValue(msg)
	m := flagValueRE.FindStringSubmatch(msg)
	if ok != (m != nil) {
		t.Fatalf("badFlagValue(%q): ok %v, the expression matched %v", msg, ok, m != nil)
	}
	if ok && (boolean != (m[1] != "") || value != m[2] || name != m[3] || why != m[4]) {
		t.Fatalf("badFlagValue(%q) = %v %q %q %q, the expression %q", msg, boolean, value, name, why, m[1:])
	}
}

func TestBadFlagValueReadsTheFlagPackagesMessage(t *testing.T) {
	for _, msg := range []string{
		`invalid value "abc" for flag -focus: parse error`,
		`invalid boolean value "maybe" for -week: parse error`,
		`invalid value "" for flag -data: it needs a folder`,
		`invalid value "a\" for -x: b" for flag -note: given twice`, // the quoted value holds the separator
		`invalid value "x" for flag -a:b: why`,                      // no name holds a colon
		`invalid value "x" for flag -name:why`,                      // no ": "
		`invalid value "x" for flag name: why`,                      // no dash
		`invalid value x for flag -name: why`,                       // unquoted
		`invalid value "x for flag -name: why`,
		`invalid value " for flag -name: why`,
		`invalid value "x" for flag -n: why: with: colons`,
		`invalid value "x" for -flag -n: why`,
		`flag needs an argument: -topic`,
		"",
	} {
		checkBadFlagValue(t, msg)
	}
}

func FuzzBadFlagValue(f *testing.F) {
	f.Add(`invalid value "abc" for flag -focus: parse error`)
	f.Add(`invalid boolean value "a\" for -x: b" for -week: parse error`)
	f.Fuzz(func(t *testing.T, msg string) {
		if !utf8.ValidString(msg) || strings.Contains(msg, "\n") {
			return // the flag package quotes values; "." matches no newline
		}
		checkBadFlagValue(t, msg)
	})
}

// With --data, the commands that messages and errors' hints suggest name the same folder too:
// pasted, they must not act on the default store (the restore of a damaged store's backup least
// of all).
func TestHintsKeepTheDataFolder(t *testing.T) {
	h := newHarness(t)
	other := filepath.Join(t.TempDir(), "other data")
	prefix := "corepath --data '" + other + "' "
	h.ok("--data", other, "log", "1h", "--topic", "BGP", "--at", "2026-11-23 18:00")
	export := filepath.Join(t.TempDir(), "exp.json")
	h.ok("--data", other, "export", "-o", export)
	backup := filepath.Join(t.TempDir(), "before.db")
	h.ok("--data", other, "backup", "-o", backup)
	h.ok("--data", other, "log", "50m", "--topic", "BGP", "--at", "2026-11-24 18:00")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"exam", "rm", "x9"}, prefix + "exam list shows the ids"},
		{[]string{"ce", "rm", "x9"}, prefix + "ce list shows the ids"},
		{[]string{"course", "rm", "NOPE1"}, "(" + prefix + "plan lists the courses)"},
		{[]string{"log", "30m", "--topic", "token ring"}, prefix + "topic list --all"},
		{[]string{"restore", export}, "add what it holds to this store with " + prefix + "import " + export},
	} {
		code, _, errOut := h.run(append([]string{"--data", other}, c.args...)...)
		if code != exitFail || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want it to say %q", c.args, code, errOut, c.want)
		}
	}
	damageFirstSession(t, other)
	code, _, errOut := h.run("--data", other, "sessions")
	if want := ": " + prefix + "restore '" + filepath.Join(other, "backups") + "/"; code != exitFail || !strings.Contains(errOut, want) {
		t.Fatalf("sessions of a damaged store: exit %d, %q; want %q", code, errOut, want)
	}
	out := h.ok("--data", other, "restore", backup)
	if want := "log those sessions again (" + prefix + "sessions --from DAY lists what the backup has)"; !strings.Contains(out, want) {
		t.Errorf("restore:\n%s\nwant %q", out, want)
	}
}
