package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"corepath/tracker"
)

// A day longer than 8 hours (an import can hold one of 20) scales the day bars down, so that no
// bar runs past its 32 columns; the longest day has the full bar.
func TestDayBarsFitTheLine(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "20h", "--topic", "BGP", "--at", h.now.AddDate(0, 0, -2).Format("2006-01-02")+" 01:00")
	h.ok("log", "2h", "--topic", "OSPF", "--at", h.now.AddDate(0, 0, -1).Format("2006-01-02")+" 09:00")
	out := h.ok("report", "--month")
	_, days, ok := strings.Cut(out, "\nBy day\n")
	if !ok {
		t.Fatalf("no By day in:\n%s", out)
	}
	widths := map[string]int{}
	for _, line := range strings.Split(days, "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && strings.Contains(f[3], "█") {
			widths[f[2]] = utf8.RuneCountInString(f[3])
		}
	}
	if widths["20h"] != 32 || widths["2h"] != 32*2/20 {
		t.Errorf("bars %v, want 32 for 20h and 3 for 2h:\n%s", widths, days)
	}
}

// In corepath plan, each milestone says what it cost and what it still costs, and those figures
// add up to the Costs line (the demo: SPCOR failed once, the concentration exam optional).
func TestPlanMilestoneCostsAddUpToTheTotals(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	out := h.ok("plan")
	spent, planned := 0, 0
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "    M") {
			continue
		}
		for _, m := range regexp.MustCompile(`\$([\d,]+) (spent|to pay|for the next attempt)( \(optional)?`).FindAllStringSubmatch(line, -1) {
			n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
			switch {
			case m[2] == "spent":
				spent += n
			case m[3] == "":
				planned += n
			}
		}
	}
	want := "Costs: " + tracker.Dollars(float64(spent)) + " spent, " + tracker.Dollars(float64(planned)) + " still planned"
	if spent == 0 || planned == 0 || !strings.Contains(out, want) {
		t.Errorf("the milestones add up to %q, which the plan does not say:\n%s", want, out)
	}
	if !strings.Contains(out, "$400 spent, $400 for the next attempt") {
		t.Errorf("the failed SPCOR's fee and its retake are not told apart:\n%s", out)
	}
}

// A milestone taken back from done shows no done date in the plan.
func TestAMilestoneTakenBackFromDoneHasNoDoneDate(t *testing.T) {
	h := newHarness(t)
	h.ok("milestone", "done", "M03")
	h.ok("milestone", "edit", "M03", "--status", "planned")
	for _, line := range strings.Split(h.ok("plan"), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "M03") && (strings.Contains(line, " done ") || !strings.Contains(line, "planned")) {
			t.Errorf("M03 reads %q", line)
		}
	}
}

// An import refused for a --map to no topic says so before the list of topics it could map to.
func TestAMapToNoTopicListsTheTopicsAfterTheReason(t *testing.T) {
	h := newHarness(t)
	file := filepath.Join(t.TempDir(), "tw.json")
	if err := os.WriteFile(file, []byte(`[{"id":1,"start":"20261110T100000Z","end":"20261110T110000Z","tags":["EIGRP"]}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := h.run("import", file, "--map", "EIGRP=Nonexistent")
	want := file + `: nothing was imported: --map EIGRP=Nonexistent: no topic matches "Nonexistent"; the top-level topics are:` + "\n  "
	if code != 1 || !strings.Contains(errOut, want) || strings.Contains(errOut, "are; ") {
		t.Errorf("exit %d, %q; want %q", code, errOut, want)
	}
}

// restore and backup say what is wrong with the file given, in words, not the file system's.
func TestRestoreAndBackupNameWhatIsWrongWithTheFileGiven(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP")
	dir := t.TempDir()
	small := filepath.Join(dir, "small.db")
	if err := os.WriteFile(small, make([]byte, 5000), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"restore", filepath.Join(dir, "none.db")}, "there is no file " + filepath.Join(dir, "none.db")},
		{[]string{"restore", small}, "it is too small to be a Corepath data file. The file was left as it is."},
		{[]string{"backup", "-o", dir}, dir + " is a folder: give the backup's file name"},
		{[]string{"backup", "-o", small}, small + " already exists, and corepath backup does not replace a file"},
		{[]string{"backup", "-o", filepath.Join(dir, "no", "such", "b.db")}, "there is no folder " + filepath.Join(dir, "no", "such") + " to write b.db in"},
	} {
		code, _, errOut := h.run(c.args...)
		if code != 1 || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "stat ") || strings.Contains(errOut, "move it aside") {
			t.Errorf("%v: exit %d, %q; want %q", c.args, code, errOut, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Error("backup -o made the folder it was given")
	}
	if after, _ := os.ReadFile(small); len(after) != 5000 {
		t.Error("backup -o replaced a file")
	}
}

func TestGoalFieldIsOneOfTheThree(t *testing.T) {
	h := newHarness(t)
	if code, _, errOut := h.run("goal", "--field", "Networking"); code != exitUsage || !strings.Contains(errOut, "Computer Science (CS), Information Technology (IT) or Computer Engineering (CE)") {
		t.Errorf("--field Networking: exit %d, %q", code, errOut)
	}
	h.ok("goal", "--degree", "BS", "--field", "ce")
	if out := h.ok("plan"); !strings.Contains(out, "BS in Computer Engineering") {
		t.Errorf("plan after --field ce:\n%s", out)
	}
	// A degree named with its field is not told its field twice.
	h.ok("goal", "--degree", "BS Computer Engineering")
	if out := h.ok("plan"); !strings.Contains(out, "  BS Computer Engineering: ") {
		t.Errorf("plan after --degree \"BS Computer Engineering\":\n%s", out)
	}
}

// Sessions logged moments apart share the start of their ids: an ambiguous prefix lists them.
func TestAnAmbiguousSessionIDListsTheSessions(t *testing.T) {
	h := newHarness(t)
	var ids []string
	for _, at := range []string{"2026-11-21 10:00", "2026-11-22 10:00"} {
		out := h.ok("log", "10m", "--topic", "BGP", "--at", at)
		ids = append(ids, regexp.MustCompile(`id ([0-9a-f-]{36})`).FindStringSubmatch(out)[1])
	}
	common := 0
	for common < len(ids[0]) && ids[0][common] == ids[1][common] {
		common++
	}
	if common < 4 {
		t.Skipf("ids %v share only %d characters", ids, common)
	}
	code, _, errOut := h.run("edit", ids[0][:common], "--duration", "20m")
	// (the starts are in the machine's zone, which the harness's is not)
	if code != 1 || !regexp.MustCompile(ids[0]+`  2026-11-21 \d\d:00  10m`).MatchString(errOut) || !regexp.MustCompile(ids[1]+`  2026-11-22 \d\d:00  10m`).MatchString(errOut) {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// milestone list and course list show what corepath plan shows of them.
func TestMilestoneAndCourseListAreThePlansLines(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	plan := h.ok("plan")
	for _, args := range [][]string{{"milestone", "list"}, {"course", "list"}} {
		out := h.ok(args...)
		if strings.Count(out, "\n") < 5 || !strings.Contains(plan, out) {
			t.Errorf("%v is not the plan's section:\n%s", args, out)
		}
	}
}

// A session's times and length as shown agree: its start's minute plus its rounded length.
func TestTheShownEndIsTheShownStartPlusTheLength(t *testing.T) {
	h := newHarness(t)
	h.now = time.Date(2026, 11, 25, 12, 42, 31, 0, h.loc)
	h.ok("start", "--topic", "BGP", "--at", "11:00")
	if out := h.ok("stop"); !strings.Contains(out, "Logged 1h43m of BGP, Wed 2026-11-25 11:00–12:43") {
		t.Errorf("stop: %q", out)
	}
}

// A session logged over another is kept, with a note naming the other and how to remove one.
func TestASessionOverAnotherIsNoted(t *testing.T) {
	h := newHarness(t)
	first := h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-24 10:00")
	id := regexp.MustCompile(`id ([0-9a-f-]{36})`).FindStringSubmatch(first)[1]
	if out := h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-24 10:00"); !strings.Contains(out, "Note: it overlaps 30m of BGP, Tue 2026-11-24 10:00–10:30 (id "+id+")") ||
		!strings.Contains(out, "corepath delete "+id) {
		t.Errorf("a second log over the first: %q", out)
	}
	later := h.ok("log", "30m", "--topic", "OSPF", "--at", "2026-11-24 10:30")
	if strings.Contains(later, "overlaps") {
		t.Errorf("one that starts as the other ends: %q", later)
	}
	laterID := regexp.MustCompile(`id ([0-9a-f-]{36})`).FindStringSubmatch(later)[1]
	if out := h.ok("edit", laterID, "--at", "2026-11-24 10:15"); !strings.Contains(out, "Note: it overlaps 30m of BGP, Tue 2026-11-24 10:00–10:30 (id "+id+")") {
		t.Errorf("an edit that moves a session over another: %q", out)
	}
	if out := h.ok("edit", laterID, "--note", "read RFC 4456"); strings.Contains(out, "overlaps") {
		t.Errorf("an edit of the note alone repeats the overlap: %q", out)
	}
	h.ok("edit", laterID, "--at", "2026-11-24 10:30")
	// A session over more than three is told the first three and where to see the others; one
	// that runs into the next day is named with both dates.
	for _, at := range []string{"2026-11-22 10:00", "2026-11-22 10:30", "2026-11-22 11:00", "2026-11-22 11:30"} {
		h.ok("log", "20m", "--topic", "OSPF", "--at", at)
	}
	if out := h.ok("log", "3h", "--topic", "BGP", "--at", "2026-11-22 09:00"); strings.Count(out, "Note: it overlaps 20m of OSPF, ") != 3 ||
		!strings.Contains(out, "Note: it overlaps more sessions than these; corepath sessions --from 2026-11-21 --to 2026-11-22 lists them all") {
		t.Errorf("a session over four: %q", out)
	}
	h.ok("log", "24h", "--topic", "MPLS", "--at", "2026-11-20 14:00")
	if out := h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-21 10:00"); !strings.Contains(out, "24h of MPLS, Fri 2026-11-20 14:00 – Sat 2026-11-21 14:00") {
		t.Errorf("an overlap with a session into the next day: %q", out)
	}
	h.ok("start", "--topic", "IS-IS", "--at", "2026-11-25 09:00")
	h.ok("log", "20m", "--topic", "OSPF", "--at", "2026-11-25 10:00")
	if out := h.ok("stop"); !strings.Contains(out, "Note: it overlaps 20m of OSPF, Wed 2026-11-25 10:00–10:20") {
		t.Errorf("a timer over a logged session: %q", out)
	}
	var all []struct{ ID string }
	h.json(&all, "sessions", "--json")
	if len(all) != 12 {
		t.Errorf("%d sessions kept, want 12", len(all))
	}
}

// A name is ambiguous, or not, as the whole plan has it, also once the topic names cache holds
// only the topics whose names start so: "zq-x" starts two subtopics of ZQX, and without its
// punctuation names both ZQX and "ZQ X", which the search then cannot choose between.
func TestANameIsAsAmbiguousWithTheNamesCache(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"ZQX"}, {"ZQ-X basics", "--parent", "ZQX"}, {"ZQ-X lab", "--parent", "ZQX"}, {"ZQ X"}} {
		h.ok(append([]string{"topic", "add"}, args...)...)
	}
	h.ok("log", "20m", "--topic", "BGP", "--at", "2026-11-20 08:00") // builds the cache
	for range 2 {
		if code, out, errOut := h.run("log", "20m", "--topic", "zq-x"); code != 1 || !strings.Contains(errOut, "ambiguous") {
			t.Errorf("log --topic zq-x: exit %d, %q, %q", code, out, errOut)
		}
	}
	if out := h.ok("log", "20m", "--topic", "zq-x lab"); !strings.Contains(out, "of ZQX › ZQ-X lab,") {
		t.Errorf("log --topic \"zq-x lab\": %q", out)
	}
}

// A topic typed without its punctuation, or by words of its path, is found as the app finds it.
func TestTopicsAreFoundAsTheAppFindsThem(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "20m", "--topic", "BGP") // builds the topic names cache, which names no "isis"
	if out := h.ok("log", "20m", "--topic", "isis"); !strings.Contains(out, "of IS-IS,") {
		t.Errorf("--topic isis: %q", out)
	}
	if out := h.ok("log", "20m", "--topic", "route refl"); !strings.Contains(out, "Route reflectors") {
		t.Errorf("--topic \"route refl\": %q", out)
	}
}

// The goals set are said back whole: each track's hours, the rest days and the vacations, and
// this week's report holds each track against its own goal.
func TestGoalsAreShownAsSet(t *testing.T) {
	h := newHarness(t)
	out := h.ok("goal", "--weekly", "12", "--track", "certification", "--hours", "5", "--rest-days", "sat,sun", "--vacation", "2026-12-24..2027-01-02")
	for _, want := range []string{"Weekly goal: 12h, Certification 5h", "rest days Sat, Sun", "vacations 2026-12-24..2027-01-02"} {
		if !strings.Contains(out, want) {
			t.Errorf("goal says %q, not %q", out, want)
		}
	}
	if plan := h.ok("plan"); !strings.Contains(plan, "Weekly goal: 12h, Certification 5h; weeks start on Monday; a streak day needs 15m; rest days Sat, Sun") {
		t.Errorf("plan:\n%s", plan)
	}
	h.ok("log", "1h", "--topic", "SPCOR exam preparation", "--at", "2026-11-24 18:00")
	if report := h.ok("report"); !strings.Contains(report, "This week by track: Certification 1h of 5h (20%)") {
		t.Errorf("report:\n%s", report)
	}
}

// A store with a damaged session and no backup: the error says how to keep the rest, and check
// --drop-damaged does it, keeping the damaged file aside.
func TestADamagedSessionWithNoBackupCanBeDropped(t *testing.T) {
	h := newHarness(t)
	for i := range 3 {
		h.ok("log", "30m", "--topic", "BGP", "--at", fmt.Sprintf("2026-11-2%d 10:00", i+1), "--note", fmt.Sprintf("note number %d here", i+1))
	}
	os.RemoveAll(filepath.Join(h.dir, "backups"))
	path := filepath.Join(h.dir, "corepath.db")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.ReplaceAll(data, []byte("note number 2"), []byte("noTe number 2")), 0o600) // every copy, freed pages too
	if code, _, errOut := h.run("sessions"); code != exitFail || !strings.Contains(errOut, "With no backup, corepath check --drop-damaged keeps the damaged file aside") {
		t.Errorf("sessions on the damaged store: exit %d, %q", code, errOut)
	}
	out := h.ok("check", "--drop-damaged")
	if !strings.Contains(out, "Removed 1 damaged session that could not be read; 2 sessions are left, and the store is sound.") {
		t.Errorf("check --drop-damaged: %q", out)
	}
	if list := h.ok("sessions"); !strings.Contains(list, "note number 1 here") || !strings.Contains(list, "note number 3 here") || !strings.Contains(list, "2 sessions, 1h") {
		t.Errorf("sessions after the drop:\n%s", list)
	}
	if kept, _ := filepath.Glob(path + ".damaged-*"); len(kept) != 1 {
		t.Errorf("the damaged file kept: %v", kept)
	}
}

// A damaged session in a store whose backup holds fewer sessions: check offers both ways out,
// each with what it loses, the restore and the removal of the damaged session alone.
func TestADamagedSessionWithAnOlderBackupOffersBothWays(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-11 10:00")
	os.RemoveAll(filepath.Join(h.dir, "backups"))
	h.ok("backup")
	for i := range 4 {
		h.ok("log", "30m", "--topic", "BGP", "--at", fmt.Sprintf("2026-11-2%d 10:00", i+1), "--note", fmt.Sprintf("note number %d here", i+1))
	}
	os.Remove(filepath.Join(h.dir, "backups", "corepath-daily-2026-11-25.db")) // the backup with 1 session is the newest good one
	os.Remove(filepath.Join(h.dir, "backups", "corepath-weekly-2026-W48.db"))
	path := filepath.Join(h.dir, "corepath.db")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.ReplaceAll(data, []byte("note number 2"), []byte("noTe number 2")), 0o600)
	code, _, errOut := h.run("check")
	for _, want := range []string{
		"Either restore it, which leaves the backup's 1 session of the 5 the store has: corepath restore " + filepath.Join(h.dir, "backups", "corepath-manual-"),
		"; or remove only the 1 damaged session, which keeps the other 4 (the damaged file is set aside): corepath check --drop-damaged\n",
	} {
		if code != exitFail || !strings.Contains(errOut, want) {
			t.Errorf("check: exit %d, %q; want %q", code, errOut, want)
		}
	}
	if out := h.ok("check", "--drop-damaged"); !strings.Contains(out, "4 sessions are left") {
		t.Errorf("check --drop-damaged: %q", out)
	}
}

// A report over the days asked for: --from and --to, both days in, given together.
func TestAReportOverTheDaysAskedFor(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "1h", "--topic", "BGP", "--at", "2026-11-16 18:00")
	h.ok("log", "30m", "--topic", "OSPF", "--at", "2026-11-22 23:00")
	h.ok("log", "2h", "--topic", "BGP", "--at", "2026-11-23 09:00")
	if out := h.ok("report", "--from", "2026-11-16", "--to", "2026-11-22"); !strings.HasPrefix(out, "From Mon 2026-11-16 to Sun 2026-11-22: 1h30m in 2 sessions\n") {
		t.Errorf("report of the week before:\n%s", out)
	}
	var r struct {
		Period       struct{ Label, From, To string } `json:"period"`
		TotalMinutes int                              `json:"total_minutes"`
	}
	h.json(&r, "report", "--from", "2026-11-22", "--to", "2026-11-23", "--json")
	if r.Period.Label != "range" || r.Period.From != "2026-11-22" || r.Period.To != "2026-11-23" || r.TotalMinutes != 150 {
		t.Errorf("JSON: %+v", r)
	}
	for _, args := range [][]string{{"report", "--from", "2026-11-16"}, {"report", "--from", "2026-11-22", "--to", "2026-11-16"}, {"report", "--all", "--from", "2026-11-16", "--to", "2026-11-22"}} {
		if code, _, _ := h.run(args...); code != exitUsage {
			t.Errorf("%q: exit %d", args, code)
		}
	}
}

// Damage that removing sessions cannot mend: check --drop-damaged says only a backup or a new
// store is left, instead of pointing back to itself.
func TestDamageBeyondTheSessionsSaysOnlyANewStoreIsLeft(t *testing.T) {
	h := newHarness(t)
	for i := range 300 {
		h.ok("log", "30m", "--topic", "BGP", "--at", fmt.Sprintf("2026-%02d-%02d 10:00", 1+i/28, 1+i%28), "--note", strings.Repeat("n", 300))
	}
	os.RemoveAll(filepath.Join(h.dir, "backups"))
	path := filepath.Join(h.dir, "corepath.db")
	data, _ := os.ReadFile(path)
	mid := len(data) / 2 / 4096 * 4096
	copy(data[mid:mid+16384], make([]byte, 16384))
	os.WriteFile(path, data, 0o600)
	code, _, errOut := h.run("check", "--drop-damaged")
	if code != exitFail || !strings.Contains(errOut, "which only a backup can put right") || !strings.Contains(errOut, "only a new store is left") || strings.Contains(errOut, "corepath check --drop-damaged keeps") {
		t.Errorf("check --drop-damaged: exit %d, %q", code, errOut)
	}
}

// A corepath.db that is not a store at all is said to be damaged once, with no warning of the
// backup that could not be taken of it before (report as sessions), and the advice is a new
// store, not the removal of sessions it cannot have.
func TestAFileThatIsNotAStoreIsSaidOnce(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "corepath.db"), []byte(strings.Repeat("not a store at all\n", 40)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, command := range []string{"sessions", "report"} {
		code, _, errOut := h.run("--data", dir, command)
		if code != exitFail || strings.Count(errOut, "it is not a Corepath data file") != 1 || strings.Contains(errOut, "backup was taken") ||
			!strings.Contains(errOut, "only a new store is left") || strings.Contains(errOut, "--drop-damaged") {
			t.Errorf("%s: exit %d:\n%s", command, code, errOut)
		}
	}
}

// A date before 1970 is no session's: --from 0001-01-01 (Go's zero time) counts from the first
// session, as --all does, and a session typed to start then is refused with the reason.
func TestDatesBefore1970(t *testing.T) {
	h := newHarness(t)
	h.loc, h.now = time.UTC, h.now.UTC() // where 0001-01-01 00:00 is the zero time itself
	h.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 08:00")
	h.ok("log", "30m", "--topic", "OSPF", "--at", "1999-06-01 08:00")
	var all, since struct {
		TotalMinutes float64 `json:"total_minutes"`
	}
	h.json(&all, "report", "--all", "--json")
	h.json(&since, "report", "--from", "0001-01-01", "--to", "2026-12-31", "--json")
	if all.TotalMinutes != 75 || since.TotalMinutes != 75 {
		t.Errorf("report --all: %v minutes, --from 0001-01-01: %v; want 75", all.TotalMinutes, since.TotalMinutes)
	}
	if out := h.ok("report", "--from", "1960-01-01", "--to", "1965-01-01"); !strings.Contains(out, "From Fri 1960-01-01 to Fri 1965-01-01: 0m in 0 sessions") {
		t.Errorf("a report of years before 1970: %q", out)
	}
	for _, at := range []string{"0001-01-01 00:00", "1969-12-31 18:00"} {
		if code, _, errOut := h.run("log", "45m", "--topic", "BGP", "--at", at); code != exitUsage || !strings.Contains(errOut, at+" is before 1970") {
			t.Errorf("log --at %s: exit %d, %q", at, code, errOut)
		}
	}
}

// A cost with cents keeps them, in the milestone's line, the costs total and the JSON: $59.99
// with the store's $400 SPCOR and $1,600 lab is $2,059.99 still planned, not $60 and $2,060; a
// fraction of a cent is refused as the flag's value.
func TestACostKeepsItsCents(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP", "--at", "yesterday 18:00")
	h.ok("milestone", "add", "Buy Cisco Press SPCOR guide", "--cost", "59.99")
	h.ok("milestone", "add", "Flash cards", "--cost", "0.10")
	h.ok("milestone", "add", "Stickers", "--cost", "$0.20")
	out := h.ok("milestone", "list")
	for _, want := range []string{"Buy Cisco Press SPCOR guide  $59.99 to pay", "Flash cards  $0.10 to pay", "M08  planned     Book and pay for the lab inside the eligibility window  $1,600 to pay",
		"Costs: $0 spent, $2,060.29 still planned (optional milestones apart)"} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in\n%s", want, out)
		}
	}
	var p struct {
		Costs struct {
			Planned float64 `json:"planned_usd"`
		} `json:"costs"`
	}
	h.json(&p, "plan", "--json")
	if p.Costs.Planned != 2060.29 {
		t.Errorf("planned_usd %v, want 2060.29", p.Costs.Planned)
	}
	if code, _, errOut := h.run("milestone", "add", "Pens", "--cost", "1.999"); code != exitUsage || !strings.Contains(errOut, `"1.999" has a fraction of a cent: give dollars and cents, like 59.99`) {
		t.Errorf("a fraction of a cent: exit %d, %q", code, errOut)
	}
}

// --weekly 0 sets no goal over all tracks, and says so rather than "0h" beside the tracks'.
func TestAWeeklyGoalOfNoneIsSaidSo(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "--track", "skills", "--hours", "6")
	if out := h.ok("goal", "--weekly", "0"); !strings.HasPrefix(out, "Weekly goal: none over all tracks, Skills 6h;") {
		t.Errorf("goal --weekly 0: %q", out)
	}
	if out := h.ok("report"); strings.Contains(out, " of 0h") {
		t.Errorf("the report counts against a goal of 0h:\n%s", out)
	}
}
