package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
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
		for _, m := range regexp.MustCompile(`\$(\d+) (spent|to pay|for the next attempt)( \(optional)?`).FindAllStringSubmatch(line, -1) {
			n, _ := strconv.Atoi(m[1])
			switch {
			case m[2] == "spent":
				spent += n
			case m[3] == "":
				planned += n
			}
		}
	}
	want := fmt.Sprintf("Costs: $%d spent, $%d still planned", spent, planned)
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
