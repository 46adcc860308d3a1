package cli

import (
	"strings"
	"testing"
)

func TestAmbiguousMilestoneListsOnlyTheCandidates(t *testing.T) {
	h := newHarness(t)
	var p planJSON
	h.json(&p, "plan", "--json")
	var want, others []string
	for _, m := range p.Milestones {
		if strings.Contains(strings.ToLower(m.Title), "pass") {
			want = append(want, m.ID)
		} else {
			others = append(others, m.ID)
		}
	}
	if len(want) < 2 || len(others) == 0 {
		t.Fatalf("the default plan should have several milestones with \"pass\" and some without: %v / %v", want, others)
	}
	code, _, errOut := h.run("milestone", "done", "Pass")
	if code != exitFail || !strings.Contains(errOut, "ambiguous") {
		t.Fatalf("milestone done Pass: exit %d, %q", code, errOut)
	}
	for _, id := range want {
		if !strings.Contains(errOut, "\n  "+id+"  ") {
			t.Errorf("the error lacks candidate %s:\n%s", id, errOut)
		}
	}
	for _, id := range others {
		if strings.Contains(errOut, "\n  "+id+"  ") {
			t.Errorf("the error lists %s, which does not match:\n%s", id, errOut)
		}
	}
}
