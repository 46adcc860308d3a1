package cli

import (
	"strings"
	"testing"
)

// topic list shows what --topic takes: the top-level topics, and with --all each subtopic by the
// path a person can type back.
func TestTopicListShowsWhatTopicTakes(t *testing.T) {
	h := newHarness(t)
	out := h.ok("topic", "list")
	// The default plan gives BGP seven subtopics (resources/plan.json).
	if !strings.Contains(out, "\nBGP  (Skills, 7 subtopics)\n") || strings.Contains(out, "BGP > ") {
		t.Errorf("topic list:\n%s", out)
	}
	if !strings.Contains(out, "corepath topic list --all lists the subtopics too") {
		t.Errorf("topic list does not say how to see the subtopics:\n%s", out)
	}
	all := h.ok("topic", "list", "--all")
	var bgp []string
	for _, line := range strings.Split(all, "\n") {
		if strings.HasPrefix(line, "  BGP > ") {
			bgp = append(bgp, strings.TrimPrefix(line, "  "))
		}
	}
	if len(bgp) != 7 {
		t.Fatalf("topic list --all shows %d subtopics of BGP, want 7:\n%s", len(bgp), all)
	}
	// Each path as shown is a name that --topic takes back.
	if out := h.ok("log", "30m", "--topic", bgp[0]); !strings.Contains(out, "Logged 30m of "+strings.Replace(bgp[0], " > ", " › ", 1)) {
		t.Errorf("log --topic %q: %q", bgp[0], out)
	}
	if code, _, errOut := h.run("topic", "list", "BGP"); code != exitUsage || !strings.Contains(errOut, `unexpected argument "BGP": list takes no argument`) {
		t.Errorf("topic list BGP: exit %d, %q", code, errOut)
	}
}

// A topic moved under a parent of another track says that its time moves with it.
func TestMovingATopicUnderAnotherTrackSaysSo(t *testing.T) {
	h := newHarness(t)
	out := h.ok("topic", "edit", "Coursework", "--parent", "BGP")
	if !strings.Contains(out, "Note: it is in Skills now, as its parent is: its time counts there, not in Degree") {
		t.Errorf("topic edit --parent: %q", out)
	}
	if out := h.ok("topic", "edit", "BGP › Coursework", "--name", "Coursework notes"); strings.Contains(out, "Note:") {
		t.Errorf("a rename: %q", out)
	}
}
