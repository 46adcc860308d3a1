package cli

import (
	"strings"
	"testing"
)

// A grade says where a course stands: W is a withdrawal, and a planned course has no grade.
func TestCourseGradesAgreeWithTheStatus(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("course", "add", "HIST1", "--credits", "1", "--grade", "W"); !strings.Contains(out, "Saved course HIST1 (1 credit, withdrawn, grade W)") {
		t.Errorf("a W grade: %q", out)
	}
	if out := h.ok("course", "add", "NET201", "--credits", "3", "--grade", "A"); !strings.Contains(out, "Saved course NET201 (3 credits, completed, grade A)") {
		t.Errorf("a letter grade: %q", out)
	}
	for _, args := range [][]string{
		{"course", "add", "CS999", "--credits", "3", "--status", "planned", "--grade", "A"},
		{"course", "edit", "NET201", "--grade", "W"},
		{"course", "edit", "NET201", "--status", "planned"},
	} {
		code, _, errOut := h.run(args...)
		if code != 1 || !strings.Contains(errOut, "status") {
			t.Errorf("%v: exit %d, %q; want a refusal that names the status", args, code, errOut)
		}
	}
}
