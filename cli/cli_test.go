package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	_ "time/tzdata"

	bolt "go.etcd.io/bbolt"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

// TestMain lets the tests run the command line as a separate process (the test binary
// re-executed), for the tests that kill it or hold its file.
func TestMain(m *testing.M) {
	if os.Getenv("COREPATH_TEST_MAIN") == "1" {
		os.Exit(Run(os.Args[1:], DefaultEnv("test")))
	}
	os.Exit(m.Run())
}

type harness struct {
	t     *testing.T
	dir   string
	now   time.Time
	loc   *time.Location
	stdin string // what the commands read from the standard input
}

func newHarness(t *testing.T) *harness {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, dir: filepath.Join(t.TempDir(), "data"), now: time.Date(2026, 11, 25, 20, 0, 0, 0, loc), loc: loc}
	if err := os.Mkdir(h.dir, 0o700); err != nil { // a data folder, as the app or a first log leaves it
		t.Fatal(err)
	}
	return h
}

// env is the harness's environment, with the command's output going to stdout and stderr.
func (h *harness) env(stdout, stderr io.Writer) Env {
	return Env{Stdin: strings.NewReader(h.stdin), Stdout: stdout, Stderr: stderr, Now: func() time.Time { return h.now }, Loc: h.loc, Version: func() string { return "test" },
		Getenv: func(k string) string {
			if k == "COREPATH_DATA" {
				return h.dir
			}
			return ""
		}}
}

// run runs a command line and returns its exit status, stdout and stderr.
func (h *harness) run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Run(args, h.env(&out, &errOut))
	return code, out.String(), errOut.String()
}

func (h *harness) ok(args ...string) string {
	h.t.Helper()
	code, out, errOut := h.run(args...)
	if code != 0 {
		h.t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
	}
	return out
}

func (h *harness) json(v any, args ...string) {
	h.t.Helper()
	if err := json.Unmarshal([]byte(h.ok(args...)), v); err != nil {
		h.t.Fatalf("%v: %v", args, err)
	}
}

type report struct {
	TotalMinutes int `json:"total_minutes"`
	Sessions     int `json:"sessions"`
	ByTopic      []struct {
		Topic   string `json:"topic"`
		Minutes int    `json:"minutes"`
	} `json:"by_topic"`
	ByTag []struct {
		Tag     string `json:"tag"`
		Minutes int    `json:"minutes"`
	} `json:"by_tag"`
	ByDay []struct {
		Date    string `json:"date"`
		Minutes int    `json:"minutes"`
	} `json:"by_day"`
	Progress struct {
		Week struct {
			Minutes     int `json:"minutes"`
			GoalMinutes int `json:"goal_minutes"`
		} `json:"week"`
	} `json:"progress"`
}

func TestLogThenReportInAnEmptyFolder(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP", "--tag", "lab")
	var r report
	h.json(&r, "report", "--all", "--json")
	if r.TotalMinutes != 45 || len(r.ByTopic) != 1 || r.ByTopic[0].Topic != "BGP" || r.ByTopic[0].Minutes != 45 ||
		len(r.ByTag) != 1 || r.ByTag[0].Tag != "lab" || r.ByTag[0].Minutes != 45 {
		t.Errorf("report = %+v", r)
	}
	if info, err := os.Stat(h.dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("data folder: %v %v", info.Mode(), err)
	}
}

func TestBadInputFailsAndChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP")
	path := filepath.Join(h.dir, "corepath.db")
	before, _ := os.ReadFile(path)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"log", "0m", "--topic", "BGP"}, 1, "at least 1 minute"},
		{[]string{"log", "25h", "--topic", "BGP"}, 1, "at most 24 hours"},
		{[]string{"log", "45m", "--topic", "Token Ring"}, 1, "no topic matches \"Token Ring\""},
		{[]string{"log", "45m", "--topic", "m"}, 1, "ambiguous"},
		{[]string{"log", "45m", "--topic", "BGP", "--at", "2026-11-25 19:30"}, 1, "in the future"},
		{[]string{"log", "45", "--topic", "BGP"}, 2, "no unit"},
		{[]string{"log", "45m"}, 2, "--topic is required"},
		{[]string{"log", "45m", "--topic", "BGP", "--at", "soon"}, 2, "is not a time"},
		{[]string{"log", "45m", "--topic", "BGP", "--kind", "nap"}, 2, "unknown kind"},
		{[]string{"log", "45m", "--topic", "BGP", "--focus", "9"}, 1, "1 to 5"},
		{[]string{"log", "45m", "--topic", "BGP", "--bogus"}, 2, "unknown option --bogus; see corepath log --help"},
		{[]string{"log", "45m", "extra", "--topic", "BGP"}, 2, "unexpected argument"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"edit", "zzzz", "--note", "x"}, 2 - 1, "not a session id"},
		{[]string{"delete", "0000"}, 1, "no session id starts or ends with"},
		{[]string{"stop"}, 1, "no timer is running"},
		{[]string{"course", "add", "CS1", "--credits", "0"}, 1, "credits must be above 0"},
		{[]string{"course", "add", "CS1", "--credits", "3", "--grade", "E"}, 1, "not on the scale"},
		{[]string{"goal", "--weekly", "200"}, 1, "between 0 and 168"},
		{[]string{"goal", "--week-start", "tuesday"}, 2, "monday or sunday"},
		{[]string{"milestone", "edit", "M05", "--depends", "M12"}, 1, "cycle"},
		{[]string{"topic", "rm", "BGP"}, 1, "subtopics"},
		{[]string{"report", "--week", "--all"}, 2, "choose one"},
	}
	for _, c := range cases {
		code, out, errOut := h.run(c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d with %q", c.args, code, out, errOut, c.code, c.msg)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a failed command changed the data file")
	}
}

func TestHelpAndVersion(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{}, {"--help"}, {"help"}, {"help", "log"}, {"log", "--help"}, {"report", "-h"}} {
		code, out, errOut := h.run(args...)
		if code != 0 || out == "" || errOut != "" {
			t.Errorf("%v: exit %d, %d bytes out, stderr %q", args, code, len(out), errOut)
		}
	}
	for _, cmd := range commands {
		if _, out, _ := h.run(cmd.name, "--help"); !strings.Contains(out, "Usage: corepath "+cmd.name) {
			t.Errorf("%s --help: %q", cmd.name, out)
		}
	}
	if out := h.ok("--version"); out != "corepath test\n" {
		t.Errorf("version: %q", out)
	}
	if entries, err := os.ReadDir(h.dir); err != nil || len(entries) != 0 {
		t.Errorf("help wrote into the data folder: %v %v", entries, err)
	}
}

func TestTimer(t *testing.T) {
	h := newHarness(t)
	h.now = h.now.Add(-time.Hour)
	h.ok("start", "--topic", "mpls", "--for", "50m", "--tag", "ldp")
	code, _, errOut := h.run("start", "--topic", "BGP")
	if code != 1 || !strings.Contains(errOut, "already running for MPLS") {
		t.Errorf("second start: %d %q", code, errOut)
	}
	h.now = h.now.Add(55 * time.Minute)
	var st struct {
		Running bool  `json:"running"`
		Elapsed int64 `json:"elapsed_seconds"`
	}
	h.json(&st, "status", "--json")
	if !st.Running || st.Elapsed != 55*60 {
		t.Errorf("status = %+v", st)
	}
	out := h.ok("stop", "--note", "LDP sync", "--focus", "4", "--tag", "review")
	if !strings.Contains(out, "Logged 55m of MPLS") {
		t.Errorf("stop: %q", out)
	}
	var list []sessionJSON
	h.json(&list, "sessions", "--json")
	if len(list) != 1 || list[0].Minutes != 55 || list[0].Note != "LDP sync" || list[0].Focus != 4 ||
		strings.Join(list[0].Tags, ",") != "ldp,review" {
		t.Errorf("sessions = %+v", list)
	}
	if out := h.ok("status"); !strings.Contains(out, "No timer") {
		t.Errorf("status after stop: %q", out)
	}
	h.ok("start", "--topic", "BGP")
	h.now = h.now.Add(20 * time.Second)
	code, _, errOut = h.run("stop")
	if code != 1 || !strings.Contains(errOut, "corepath cancel") {
		t.Errorf("stop under a minute: %d %q", code, errOut)
	}
	h.ok("cancel")
	h.json(&list, "sessions", "--json")
	if len(list) != 1 {
		t.Errorf("cancel logged something: %d sessions", len(list))
	}
}

func TestSessionsFilterEditDeleteAndRelog(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "1h", "--topic", "OSPF", "--at", "2026-11-20 18:00", "--tag", "lab")
	h.ok("log", "30m", "--topic", "BGP > Route reflectors", "--at", "2026-11-22 09:00", "--note", "RR clusters\nand more")
	h.ok("log", "2h", "--topic", "BGP", "--at", "yesterday 10:00", "--kind", "practice exam", "--tag", "mock")
	var list []sessionJSON
	h.json(&list, "sessions", "--json")
	if len(list) != 3 || list[0].Topic != "BGP" || list[2].Topic != "OSPF" {
		t.Fatalf("newest first: %+v", list)
	}
	h.json(&list, "sessions", "--topic", "bgp", "--json")
	if len(list) != 2 {
		t.Errorf("--topic bgp includes its subtopics: %d", len(list))
	}
	h.json(&list, "sessions", "--from", "2026-11-20", "--to", "2026-11-22", "--json")
	if len(list) != 2 {
		t.Errorf("--from/--to inclusive: %d", len(list))
	}
	h.json(&list, "sessions", "--tag", "LAB", "--json")
	if len(list) != 1 || list[0].Topic != "OSPF" {
		t.Errorf("--tag: %+v", list)
	}
	text := h.ok("sessions")
	if !strings.Contains(text, "3 sessions, 3h30m") || !strings.Contains(text, `"RR clusters…"`) {
		t.Errorf("text list:\n%s", text)
	}

	id := list[0].ID
	h.ok("edit", id, "--duration", "45m", "--at", "2026-11-21 07:00", "--topic", "IS-IS", "--tag", "")
	var r report
	h.json(&r, "report", "--all", "--json")
	if r.TotalMinutes != 45+30+120 {
		t.Errorf("after edit: %d", r.TotalMinutes)
	}
	out := h.ok("delete", id)
	relog := out[strings.Index(out, "corepath log"):]
	if !strings.Contains(relog, "--topic IS-IS --at '2026-11-21 07:00'") {
		t.Errorf("relog command: %q", relog)
	}
	h.json(&r, "report", "--all", "--json")
	if r.TotalMinutes != 150 {
		t.Errorf("after delete: %d", r.TotalMinutes)
	}
}

func TestReportWeekSplitsAcrossMidnight(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "90m", "--topic", "BGP", "--at", "2026-11-22 23:30") // Sunday into Monday
	h.ok("log", "1h", "--topic", "OSPF", "--at", "2026-11-24 12:00")
	h.ok("goal", "--weekly", "8")
	var r report
	h.json(&r, "report", "--json")
	if r.TotalMinutes != 120 || r.Progress.Week.Minutes != 120 || r.Progress.Week.GoalMinutes != 480 {
		t.Errorf("week: %+v", r)
	}
	if len(r.ByDay) != 2 || r.ByDay[0].Date != "2026-11-23" || r.ByDay[0].Minutes != 60 {
		t.Errorf("by day: %+v", r.ByDay)
	}
	h.ok("goal", "--week-start", "sunday")
	h.json(&r, "report", "--json")
	if r.TotalMinutes != 150 {
		t.Errorf("week from Sunday: %d", r.TotalMinutes)
	}
	h.json(&r, "report", "--month", "--json")
	if r.TotalMinutes != 150 || len(r.ByDay) != 3 {
		t.Errorf("month: %+v", r)
	}
	if out := h.ok("report", "--all"); !strings.Contains(out, "All time: 2h30m in 2 sessions") {
		t.Errorf("text report:\n%s", out)
	}
}

func TestPlanEditing(t *testing.T) {
	h := newHarness(t)
	h.ok("topic", "add", "Route servers", "--parent", "BGP", "--target", "4")
	h.ok("topic", "edit", "Route servers", "--name", "IXP route servers", "--confidence", "2")
	h.ok("milestone", "done", "spcor", "--done-on", "2026-02-10")
	h.ok("milestone", "edit", "M08", "--target", "2027-06-01")
	h.ok("course", "add", "CS101", "--title", "Networking I", "--credits", "4", "--grade", "A")
	h.ok("course", "add", "MATH200", "--credits", "3", "--grade", "B+", "--term", "Fall 2026")
	h.ok("goal", "--degree", "BS Information Technology", "--credits", "124")
	var p planJSON
	h.json(&p, "plan", "--json")
	var found bool
	for _, tp := range p.Topics {
		found = found || tp.Path == "BGP › IXP route servers" && tp.Confidence == 2 && tp.TargetHours == 4
	}
	if !found {
		t.Error("the new subtopic is missing from plan --json")
	}
	for _, m := range p.Milestones {
		if m.ID == "M05" && (m.Status != "done" || m.WindowEnds != "2029-02-10" || m.DaysLeft == nil || *m.DaysLeft != 808) {
			t.Errorf("SPCOR: %+v", m)
		}
		if m.ID == "M08" && m.Target != "2027-06-01" {
			t.Errorf("lab booking target: %+v", m)
		}
	}
	d := p.Degree.Progress
	if d.CreditsEarned != 7 || d.CreditsRequired != 124 || d.GPA != 3.70 { // (16 + 9.9) / 7
		t.Errorf("degree: %+v", d)
	}
	h.ok("topic", "rm", "IXP")
	h.ok("course", "rm", "cs101")
	text := h.ok("plan")
	if strings.Contains(text, "IXP") || strings.Contains(text, "CS101") || !strings.Contains(text, "Lab eligibility ends 2029-02-10") {
		t.Errorf("plan text:\n%s", text)
	}
}

// subprocess runs the command line as its own process.
func subprocess(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "COREPATH_TEST_MAIN=1", "COREPATH_DATA="+dir)
	return cmd
}

func TestKillBetweenStartAndStop(t *testing.T) {
	dir := t.TempDir()
	start := subprocess(dir, "start", "--topic", "BGP", "--at", time.Now().Add(-30*time.Minute).Format("2006-01-02 15:04"))
	if out, err := start.CombinedOutput(); err != nil {
		t.Fatalf("start: %v\n%s", err, out)
	}
	// Kill a process in the middle of stopping: hold the file so that it waits, then SIGKILL it.
	held, err := bolt.Open(filepath.Join(dir, "corepath.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	stop := subprocess(dir, "stop")
	if err := stop.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	stop.Process.Signal(syscall.SIGKILL)
	stop.Wait()
	held.Close()

	out, err := subprocess(dir, "status").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Running: BGP") {
		t.Fatalf("status after the kill: %v\n%s", err, out)
	}
	out, err = subprocess(dir, "stop").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "m of BGP") || !strings.HasPrefix(string(out), "Logged 3") {
		t.Fatalf("stop after the kill: %v\n%s", err, out)
	}
}

func TestFileInUseByAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	if out, err := subprocess(dir, "where").CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	held, err := bolt.Open(filepath.Join(dir, "corepath.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	began := time.Now()
	cmd := subprocess(dir, "log", "45m", "--topic", "BGP")
	cmd.Env = append(cmd.Env, "COREPATH_LOCK_WAIT=1500ms")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	// COREPATH_LOCK_WAIT shortened the default wait of 20 s (the bound leaves room for a loaded
	// machine; it only tells the two waits apart).
	if took := time.Since(began); took > 15*time.Second {
		t.Errorf("took %v: the 1.5 s wait was not used", took)
	}
	want := "Corepath's data in " + dir + " is in use by process " + strconv.Itoa(os.Getpid())
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %v, stderr %q; want %q", err, stderr.String(), want)
	}
}

func TestDamagedFileIsLeftUntouched(t *testing.T) {
	h := newHarness(t)
	os.MkdirAll(h.dir, 0o700)
	path := filepath.Join(h.dir, "corepath.db")
	junk := bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 4096)
	os.WriteFile(path, junk, 0o600)
	for _, args := range [][]string{{"report"}, {"log", "45m", "--topic", "BGP"}, {"start", "--topic", "BGP"}} {
		code, _, errOut := h.run(args...)
		if code != 1 || !strings.Contains(errOut, path+" cannot be read as Corepath data") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, junk) {
		t.Error("the damaged file was changed")
	}
}

func TestReportJSONHasTheDashboard(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "--weekly", "5", "--streak-min", "20", "--rest-days", "sun", "--vacation", "2026-11-10..2026-11-12")
	h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-23 18:00", "--tag", "lab")
	h.ok("log", "25m", "--topic", "BGP", "--at", "2026-11-24 18:00")
	h.ok("log", "10m", "--topic", "MPLS", "--at", "2026-11-25 18:00")
	var r struct {
		Week struct {
			Minutes     int `json:"minutes"`
			GoalMinutes int `json:"goal_minutes"`
		} `json:"week"`
		Streak struct {
			Current int `json:"current_days"`
			Longest int `json:"longest_days"`
		} `json:"streak"`
		Coverage []struct {
			Exam   string  `json:"exam"`
			Domain string  `json:"domain"`
			Weight float64 `json:"weight"`
			Share  float64 `json:"share"`
		} `json:"coverage"`
		Forecast []struct {
			Target      string `json:"target"`
			Likely      string `json:"likely_date"`
			Pessimistic string `json:"pessimistic_date"`
		} `json:"forecast"`
		Stale []string `json:"stale"`
	}
	h.json(&r, "report", "--json")
	if r.Week.Minutes != 65 || r.Week.GoalMinutes != 300 {
		t.Errorf("week: %+v", r.Week)
	}
	if r.Streak.Current != 2 || r.Streak.Longest != 2 { // the 10 minutes today are under the 20-minute minimum
		t.Errorf("streak: %+v", r.Streak)
	}
	shares := map[string]float64{}
	for _, c := range r.Coverage {
		if c.Exam == "SPCOR" {
			shares[c.Domain] = c.Share
		}
	}
	// Every exam's domains: the path's 11, which the text shows, and the concentration exams' 17.
	if len(r.Coverage) != 28 || shares["2.0 Networking"] != 84.6 || shares["3.0 MPLS and Segment Routing"] != 15.4 || shares["1.0 Architecture"] != 0 { // 55 of 65 minutes, and 10
		t.Errorf("coverage: %+v", r.Coverage)
	}
	found := false
	for _, f := range r.Forecast {
		found = found || f.Target == "BGP" && f.Likely != ""
	}
	if !found {
		t.Errorf("no BGP forecast: %+v", r.Forecast)
	}
	if r.Stale == nil {
		t.Error("stale must be an array")
	}
	text := h.ok("report")
	for _, want := range []string{"Streak: 2 days (longest 2 days)", "Blueprint coverage", "Forecast at the pace", "Last 12 weeks"} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q:\n%s", want, text)
		}
	}
	code, _, errOut := h.run("goal", "--rest-days", "funday")
	if code != 2 || !strings.Contains(errOut, "not a weekday") {
		t.Errorf("bad rest day: %d %q", code, errOut)
	}
	code, _, errOut = h.run("goal", "--vacation", "2026-12-31..2026-12-01")
	if code != 1 || !strings.Contains(errOut, "ends before it starts") {
		t.Errorf("backwards vacation: %d %q", code, errOut)
	}
}

func TestBackupAndRestore(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP")
	daily := filepath.Join(h.dir, "backups", "corepath-daily-2026-11-25.db")
	if _, err := os.Stat(daily); err != nil {
		t.Fatalf("no daily backup after a command: %v", err)
	}
	saved := filepath.Join(t.TempDir(), "saved.db")
	if out := h.ok("backup", "-o", saved); !strings.Contains(out, "Backed up") {
		t.Errorf("backup: %q", out)
	}
	if code, _, errOut := h.run("backup", "-o", "-"); code != exitUsage || !strings.Contains(errOut, "a backup is a file that restore checks") {
		t.Errorf("backup -o -: exit %d, %q", code, errOut)
	}
	h.ok("log", "30m", "--topic", "OSPF")
	out := h.ok("restore", saved)
	if !strings.Contains(out, "Backed up the store it replaced to ") || !strings.Contains(out, "Restored ") ||
		!strings.Contains(out, "which holds 1 session where the store it replaced held 2") {
		t.Errorf("restore: %q", out)
	}
	var r report
	h.json(&r, "report", "--all", "--json")
	if r.TotalMinutes != 45 {
		t.Errorf("after restore: %d minutes", r.TotalMinutes)
	}
	// A damaged store: the message gives the command; restore keeps the damaged file aside.
	os.WriteFile(filepath.Join(h.dir, "corepath.db"), bytes.Repeat([]byte{1, 2, 3}, 5000), 0o600)
	code, _, errOut := h.run("report")
	if code != 1 || !strings.Contains(errOut, "restore it with: corepath restore ") {
		t.Fatalf("damaged: %d %q", code, errOut)
	}
	cmd := errOut[strings.Index(errOut, "corepath restore ")+len("corepath restore "):]
	out = h.ok("restore", strings.TrimSpace(cmd))
	if !strings.Contains(out, "Moved the damaged store aside, unchanged") || !strings.Contains(out, ", which holds 2 sessions\n") {
		t.Errorf("restore over a damaged store: %q", out)
	}
	code, _, errOut = h.run("restore", filepath.Join(h.dir, "nope.db"))
	if code != 1 || !strings.Contains(errOut, "cannot be restored") {
		t.Errorf("restore of a missing file: %d %q", code, errOut)
	}
}

func TestImportBacksUpFirst(t *testing.T) {
	src, dst := newHarness(t), newHarness(t)
	src.ok("log", "45m", "--topic", "BGP")
	file := filepath.Join(t.TempDir(), "export.json")
	src.ok("export", "--format", "json", "-o", file)
	dst.ok("log", "30m", "--topic", "OSPF")
	code, _, errOut := dst.run("import", file)
	backups, _ := filepath.Glob(filepath.Join(dst.dir, "backups", "corepath-before-import-*.db"))
	if code != 0 || len(backups) != 1 || !strings.Contains(errOut, "Backed up the store to ") {
		t.Fatalf("import: %d %q, backups %v", code, errOut, backups)
	}
	if err := storage.Verify(backups[0]); err != nil {
		t.Error(err)
	}
	code, _, _ = dst.run("import", file) // nothing new: no second backup
	backups, _ = filepath.Glob(filepath.Join(dst.dir, "backups", "corepath-before-import-*.db"))
	if code != 0 || len(backups) != 1 {
		t.Errorf("a second import of the same file backed up again: %v", backups)
	}
}

// An empty --data (a script's unset "$DIR") is refused, before or after the command, rather
// than taken for the person's own store.
func TestAnEmptyDataFolderIsRefused(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"--data", "", "sessions"}, {"sessions", "--data", ""}, {"--data=", "log", "20m", "--topic", "BGP"}} {
		code, out, errOut := h.run(args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, `invalid value "" for --data: it needs a folder`) {
			t.Errorf("%q: exit %d, %q, %q", args, code, out, errOut)
		}
	}
	if n := strings.Count(h.ok("sessions"), "BGP"); n != 0 {
		t.Errorf("a refused command logged %d sessions", n)
	}
	// The same for a time or a length: empty, they would change nothing and say they did.
	for _, c := range []struct{ args []string }{{[]string{"log", "20m", "--topic", "BGP", "--at", ""}}, {[]string{"edit", "0190", "--duration", ""}}} {
		if code, _, errOut := h.run(c.args...); code != exitUsage || !strings.Contains(errOut, `for --`) || !strings.Contains(errOut, "it is empty: give a") {
			t.Errorf("%q: exit %d, %q", c.args, code, errOut)
		}
	}
}

// A timer that runs in the store a restore replaces, and not in the backup, is said to have
// stopped, with the command that logs its time; a backup that holds the same timer says nothing.
func TestRestoreSaysWhenItStopsTheRunningTimer(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP")
	before := filepath.Join(t.TempDir(), "before.db")
	h.ok("backup", "-o", before)
	h.ok("start", "--topic", "OSPF", "--at", "19:10")
	running := filepath.Join(t.TempDir(), "running.db")
	h.ok("backup", "-o", running)

	out := h.ok("restore", running)
	if strings.Contains(out, "timer") || !strings.Contains(h.ok("status"), "OSPF") {
		t.Errorf("a backup holding the same timer: %q", out)
	}
	out = h.ok("restore", before)
	want := `Note: the timer for OSPF, running since 2026-11-25 19:10, is not in the backup, so it stopped without a session (the store backed up above still holds it); if you studied then, log it: corepath log DURATION --at "2026-11-25 19:10" --topic "OSPF"`
	if !strings.Contains(out, want) {
		t.Errorf("restore over a running timer:\n%s\nwant %s", out, want)
	}
	if out := h.ok("status"); strings.Contains(out, "OSPF") {
		t.Errorf("the timer still runs after the restore: %q", out)
	}
}

// A restore ends with the command that undoes it, which restores the backup it took first;
// with --data it names the same folder, so that the undo cannot land on another store.
func TestRestoreSaysHowToUndoIt(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "BGP")
	saved := filepath.Join(t.TempDir(), "saved.db")
	h.ok("backup", "-o", saved)
	h.ok("log", "30m", "--topic", "OSPF")

	out := h.ok("restore", saved)
	_, undo, ok := strings.Cut(out, "To undo it: corepath restore ")
	undo = strings.TrimSuffix(undo, "\n")
	if !ok || !strings.Contains(undo, "corepath-before-restore-") || strings.ContainsAny(undo, "' \n") {
		t.Fatalf("restore said:\n%s", out)
	}
	if strings.Contains(h.ok("sessions"), "OSPF") {
		t.Fatal("the restore kept the session logged after the backup")
	}
	h.ok("restore", undo)
	if !strings.Contains(h.ok("sessions"), "OSPF") {
		t.Error("the undo did not bring back the session logged after the backup")
	}

	other := filepath.Join(t.TempDir(), "second store")
	h.ok("--data", other, "log", "20m", "--topic", "MPLS")
	out = h.ok("--data", other, "restore", saved)
	if want := "To undo it: corepath --data '" + other + "' restore '" + filepath.Join(other, "backups", "corepath-before-restore-"); !strings.Contains(out, want) {
		t.Errorf("restore with --data said:\n%s\nwant %s…", out, want)
	}
}

// A command that only reads, on a data folder named that does not exist (a typo), says so and
// creates nothing; one that writes starts a new store there, as the message says.
func TestReadingAFolderThatDoesNotExistCreatesNothing(t *testing.T) {
	h := newHarness(t)
	typo := filepath.Join(t.TempDir(), "dta", "corepath")
	for _, args := range [][]string{{"sessions"}, {"report"}, {"status"}, {"topic", "list"}, {"rules", "--json"}, {"export"}, {"sync", "status"}, {"goal"}, {"backup"}} {
		code, out, errOut := h.run(append([]string{"--data", typo}, args...)...)
		if code != exitFail || out != "" || !strings.Contains(errOut, "no Corepath data in "+typo+": the folder does not exist. Check the path") {
			t.Errorf("%v: exit %d, %q, %q", args, code, out, errOut)
		}
	}
	if _, err := os.Stat(filepath.Dir(typo)); !os.IsNotExist(err) {
		t.Fatalf("a read created the folder: %v", err)
	}
	// A command that would write, but fails or only looks, leaves nothing there either, and says
	// that the folder held no data; a folder that was there stays.
	for _, args := range [][]string{{"stop"}, {"cancel"}, {"log", "20m", "--topic", "nosuch"}, {"log", "20m", "--topic", "BGP", "--at", "2030-01-01 10:00"}} {
		code, _, errOut := h.run(append([]string{"--data", typo}, args...)...)
		if code != exitFail || !strings.Contains(errOut, "corepath: note: "+typo+" held no Corepath data, and none was left there") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
		if _, err := os.Stat(filepath.Dir(typo)); !os.IsNotExist(err) {
			t.Fatalf("%v created the folder: %v", args, err)
		}
	}
	csv := filepath.Join(t.TempDir(), "toggl.csv")
	if err := os.WriteFile(csv, []byte("Project,Description,Start date,Start time,Duration\nBGP,lab,2026-11-20,18:00:00,01:00:00\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := h.ok("--data", typo, "import", csv, "--dry-run"); !strings.Contains(out, "Dry run: nothing was written.") {
		t.Errorf("the dry run said %q", out)
	}
	if _, err := os.Stat(filepath.Dir(typo)); !os.IsNotExist(err) {
		t.Fatalf("a dry run created the folder: %v", err)
	}
	there := t.TempDir()
	h.run("--data", there, "stop")
	if entries, err := os.ReadDir(there); err != nil || len(entries) != 0 {
		t.Errorf("a folder that was there: %v, %v", entries, err)
	}
	h.ok("--data", typo, "log", "20m", "--topic", "BGP")
	if out := h.ok("--data", typo, "sessions"); !strings.Contains(out, "20m  BGP") {
		t.Errorf("after a log there: %q", out)
	}
	// A store with something in it stays, whatever fails.
	if code, _, errOut := h.run("--data", typo, "stop"); code != exitFail || strings.Contains(errOut, "note:") {
		t.Errorf("stop on a store: exit %d, %q", code, errOut)
	}
	if out := h.ok("--data", typo, "sessions"); !strings.Contains(out, "20m  BGP") {
		t.Errorf("after a failed stop: %q", out)
	}
}

// A store that holds nothing of the person's yet is not backed up (its backup would later be
// offered as the newest good one, with nothing in it); its first write is, at once.
func TestTheFirstBackupHoldsTheFirstWrite(t *testing.T) {
	h := newHarness(t)
	h.ok("sessions")
	if backups, _ := filepath.Glob(filepath.Join(h.dir, "backups", "*.db")); len(backups) != 0 {
		t.Fatalf("a store as created was backed up: %v", backups)
	}
	h.ok("log", "45m", "--topic", "BGP")
	daily := filepath.Join(h.dir, "backups", "corepath-daily-2026-11-25.db")
	restored := newHarness(t)
	restored.ok("restore", daily)
	if out := restored.ok("sessions"); !strings.Contains(out, "45m  BGP") {
		t.Errorf("the first backup holds:\n%s", out)
	}
}

// corepath goal alone shows the goals and writes nothing; a change writes what changed.
func TestGoalAloneWritesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "--weekly", "12")
	path := filepath.Join(h.dir, "corepath.db")
	before, _ := os.ReadFile(path)
	if out := h.ok("goal"); !strings.Contains(out, "12") {
		t.Errorf("goal: %q", out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("corepath goal alone changed the store")
	}
	h.ok("goal", "--weekly", "14")
	if after, _ := os.ReadFile(path); bytes.Equal(before, after) {
		t.Error("a new weekly goal was not written")
	}
}

// Goals set before the tracks' goals had to fit in the week's are kept: they are shown, other
// settings change, and their store's export imports; a change to the goals must fit.
func TestGoalsKeptFromBeforeTheRuleAreNotRefused(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP")
	db, err := storage.Open(h.dir, storage.Options{Seed: resources.DefaultPlan})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PutGoals(tracker.Goals{WeeklyHours: 12, TrackHours: map[tracker.Track]float64{tracker.TrackDegree: 25}}); err != nil {
		t.Fatal(err)
	}
	h.ok("goal")
	h.ok("goal", "--streak-min", "20")
	file := filepath.Join(t.TempDir(), "old.json")
	h.ok("export", "-o", file)
	if out := newHarness(t).ok("import", file); !strings.Contains(out, "Added 1 session") {
		t.Errorf("import: %q", out)
	}
	if code, _, errOut := h.run("goal", "--weekly", "10"); code != exitFail || !strings.Contains(errOut, "add up to 25h a week, more than the weekly goal of 10h") {
		t.Errorf("a change that does not fit: %d %q", code, errOut)
	}
}

// A timer left running overnight stops at a time alone, last night's: at 00:05, --at 22:40 is
// yesterday's 22:40, 40 minutes after its 22:00 start, where it was refused as tonight's.
func TestStopAtATimeAloneAfterMidnight(t *testing.T) {
	h := newHarness(t)
	h.now = time.Date(2026, 11, 25, 22, 0, 0, 0, h.loc)
	h.ok("start", "--topic", "IS-IS")
	h.now = time.Date(2026, 11, 26, 0, 5, 0, 0, h.loc)
	if out := h.ok("stop", "--at", "22:40"); !strings.Contains(out, "Logged 40m of IS-IS, Wed 2026-11-25 22:00–22:40") {
		t.Errorf("stop --at 22:40 after midnight: %q", out)
	}
	h.ok("start", "--topic", "IS-IS")
	h.now = h.now.Add(30 * time.Minute)
	if out := h.ok("stop", "--at", "00:20"); !strings.Contains(out, "Logged 15m of IS-IS") {
		t.Errorf("stop --at a time of today: %q", out)
	}
}

// The text report counts every track's milestones and names the next of all, and, when that is
// another track's, the certification's next too, which report --json and the app's
// Certification card name.
func TestTheReportNamesTheCertificationsNextMilestone(t *testing.T) {
	h := newHarness(t)
	var r struct {
		Cert struct {
			Next struct {
				Title string `json:"title"`
			} `json:"next"`
		} `json:"certification"`
		Progress struct {
			Milestones struct {
				Next struct {
					Title string `json:"title"`
					Track string `json:"track"`
				} `json:"next"`
			} `json:"milestones"`
		} `json:"progress"`
	}
	if err := json.Unmarshal([]byte(h.ok("report", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	cert, next := r.Cert.Next.Title, r.Progress.Milestones.Next
	if cert == "" || next.Title == "" || next.Track == "certification" {
		t.Fatalf("the plan's next milestones: %+v and %q; the test wants the next of all in another track", next, cert)
	}
	out := h.ok("report")
	for _, want := range []string{"  Milestones: 0 of ", "; next: " + next.Title + " (Degree", "; next in Certification: " + cert} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Certification path") {
		t.Errorf("the report counts every milestone as the certification path's:\n%s", out)
	}
}

// A length typed with seconds is said with them, and delete's command to log it again keeps
// them: 90s was "Logged 2m", and the undo logged 2m.
func TestSecondsTypedAreSaid(t *testing.T) {
	h := newHarness(t)
	out := h.ok("log", "90s", "--topic", "BGP", "--at", "2026-11-24 10:00")
	if !strings.HasPrefix(out, "Logged 1m30s of BGP, Tue 2026-11-24 10:00–10:02") {
		t.Fatalf("log 90s: %q", out)
	}
	id := regexp.MustCompile(`id ([0-9a-f-]{36})`).FindStringSubmatch(out)[1]
	out = h.ok("delete", id)
	relog := regexp.MustCompile(`To log it again: corepath log (\S+) `).FindStringSubmatch(out)
	if relog == nil || relog[1] != "1m30s" {
		t.Fatalf("delete: %q", out)
	}
	h.ok("log", relog[1], "--topic", "BGP", "--at", "2026-11-24 10:00")
	var sessions []struct {
		Minutes float64 `json:"minutes"`
	}
	if err := json.Unmarshal([]byte(h.ok("sessions", "--json")), &sessions); err != nil || len(sessions) != 1 || sessions[0].Minutes != 1.5 {
		t.Errorf("logged again: %+v, %v", sessions, err)
	}
}

func TestReportSaysWhenAStaleTopicWasLastStudied(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "45m", "--topic", "OSPF", "--at", "2026-11-05 10:00")
	text := h.ok("report")
	if want := "Going stale, by how many review intervals have passed, the most first:\n  OSPF: last studied 20 days ago (2026-11-05), review every 2 days\n"; !strings.Contains(text, want) {
		t.Errorf("report lacks %q:\n%s", want, text)
	}
}

// A restore over a damaged store says which days the backup holds less study on, as the damaged
// store's totals count them: the sessions to log again.
func TestRestoreOverADamagedStoreNamesTheDaysToLogAgain(t *testing.T) {
	h := newHarness(t) // Wednesday 2026-11-25 20:00, New York
	h.ok("log", "1h", "--topic", "BGP", "--at", "2026-11-23 18:00")
	backup := filepath.Join(t.TempDir(), "before.db")
	h.ok("backup", "-o", backup)
	h.ok("log", "50m", "--topic", "BGP", "--at", "2026-11-24 18:00")
	h.ok("log", "20m", "--topic", "MPLS", "--at", "2026-11-24 19:00")
	damageFirstSession(t, h.dir)
	out := h.ok("restore", backup)
	if !strings.Contains(out, "Moved the damaged store aside") ||
		!strings.Contains(out, "Note: the damaged store counted more study than the backup on 1 day: 2026-11-24 1h10m (the backup 0m); log those sessions again") {
		t.Errorf("restore:\n%s", out)
	}
}

// A command that can still read what it needs from a store found damaged (by check, or by a
// read that met the damage) says so beside what it shows, and tries no backup of it. The
// damage is the check's verdict as it keeps it beside the file: a page a report does not read.
func TestAReadOfADamagedStoreWarns(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "1h", "--topic", "BGP", "--at", "2026-11-23 18:00")
	path := filepath.Join(h.dir, "corepath.db")
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var txid int
	b.View(func(tx *bolt.Tx) error { txid = tx.ID(); return nil })
	b.Close()
	if err := os.WriteFile(path+".check-failed", []byte(strconv.Itoa(txid)+"\npage 32: entry 5 is past the page's end"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := h.run("report", "--all")
	if code != exitOK || !strings.Contains(out, "1h") || !strings.Contains(errOut, "corepath: warning: the store is damaged: page 32: entry 5 is past the page's end") ||
		!strings.Contains(errOut, "what this shows may be incomplete: corepath check says what to do") {
		t.Errorf("report over a damaged store: %d\n%.300s\n%s", code, out, errOut)
	}
	if strings.Contains(errOut, "backup") {
		t.Errorf("a backup of the damaged store was tried:\n%s", errOut)
	}
	if code, _, errOut := h.run("log", "1h", "--topic", "BGP", "--at", "2026-11-24 18:00"); code != exitFail || !strings.Contains(errOut, "page 32") {
		t.Errorf("a log into it: %d %s", code, errOut)
	}
}

// damageFirstSession flips the last byte of the first session's record in the store in dir,
// through bbolt, so that the page tree and the totals stay whole and only that record fails
// its checksum.
func damageFirstSession(t *testing.T, dir string) {
	t.Helper()
	b, err := bolt.Open(filepath.Join(dir, "corepath.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		sessions := tx.Bucket([]byte("sessions"))
		k, v := sessions.Cursor().First()
		return sessions.Put(bytes.Clone(k), append(bytes.Clone(v[:len(v)-1]), v[len(v)-1]^0xff))
	})
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

// A vacation given again is kept once, not listed twice.
func TestAVacationGivenTwiceIsKeptOnce(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "--vacation", "2026-12-24..2027-01-02")
	h.ok("goal", "--vacation", "2026-12-24..2027-01-02", "--vacation", "2027-04-01..2027-04-03")
	if out := h.ok("goal"); strings.Count(out, "2026-12-24") != 1 || !strings.Contains(out, "2027-04-01") {
		t.Errorf("goal:\n%s", out)
	}
}
