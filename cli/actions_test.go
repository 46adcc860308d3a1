package cli

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestEachActionTakesOnlyItsOwnFlags(t *testing.T) {
	h := newHarness(t)
	before := h.ok("plan")
	refused := []struct {
		args []string
		flag string
	}{
		{[]string{"milestone", "rm", "M03", "--title", "x"}, `--title is not a flag of "milestone rm"`},
		{[]string{"milestone", "done", "M03", "--status", "skipped"}, `--status is not a flag of "milestone done"`},
		{[]string{"milestone", "add", "Lab booked", "--title", "x"}, `--title is not a flag of "milestone add"`},
		{[]string{"milestone", "edit", "M03", "--track", "skills"}, `--track is not a flag of "milestone edit"`},
		{[]string{"topic", "rm", "BGP", "--confidence", "3"}, `--confidence is not a flag of "topic rm"`},
		{[]string{"topic", "add", "Peering", "--name", "x"}, `--name is not a flag of "topic add"`},
		{[]string{"topic", "edit", "BGP", "--track", "degree"}, `--track is not a flag of "topic edit"`},
		{[]string{"course", "add", "CS1", "--credits", "3", "--code", "CS2"}, `--code is not a flag of "course add"`},
		{[]string{"course", "rm", "CS1", "--grade", "A"}, `--grade is not a flag of "course rm"`},
	}
	for _, r := range refused {
		code, out, errOut := h.run(r.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, r.flag) || !strings.Contains(errOut, "; see corepath "+r.args[0]+" "+r.args[1]+" --help") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", r.args, code, out, errOut, r.flag)
		}
	}
	if after := h.ok("plan"); after != before {
		t.Errorf("a refused command changed the plan:\n%s\nwas\n%s", after, before)
	}
	// A flag's value is still checked by its type, and a wrong one named as it is typed.
	code, _, errOut := h.run("milestone", "edit", "M03", "--cost", "abc")
	if code != exitUsage || !strings.Contains(errOut, `invalid value "abc" for --cost: "abc" is not an amount in dollars, like 1600 or $1,600; see corepath milestone edit --help`) {
		t.Errorf("--cost abc: exit %d, %q", code, errOut)
	}
	// A cost is read as the plan writes it.
	h.ok("milestone", "edit", "M03", "--cost", "$1,250")
	if list := h.ok("milestone", "list"); !strings.Contains(list, "$1,250") {
		t.Errorf("after --cost $1,250:\n%s", list)
	}
	// Flags still come before or after the argument, and a repeated list flag adds to the list.
	h.ok("milestone", "edit", "--depends", "M01", "M03", "--depends", "M02")
	var p planJSON
	h.json(&p, "plan", "--json")
	var dependsOn []string
	for _, m := range p.Milestones {
		if m.ID == "M03" {
			dependsOn = m.DependsOn
		}
	}
	if !reflect.DeepEqual(dependsOn, []string{"M01", "M02"}) {
		t.Errorf("M03 depends on %v; want [M01 M02]", dependsOn)
	}
}

func TestEachActionsHelpListsOnlyItsFlags(t *testing.T) {
	h := newHarness(t)
	want := map[string][]string{
		"topic add":      {"confidence", "data", "parent", "target", "track"},
		"topic edit":     {"confidence", "data", "name", "parent", "target"},
		"topic rm":       {"data"},
		"milestone add":  {"cost", "data", "depends", "done-on", "order", "status", "target", "track"},
		"milestone edit": {"cost", "data", "depends", "done-on", "order", "status", "target", "title"},
		"milestone done": {"data", "done-on"},
		"milestone rm":   {"data"},
		"course add":     {"credits", "data", "grade", "status", "term", "title"},
		"course edit":    {"code", "credits", "data", "grade", "status", "term", "title"},
		"course rm":      {"data"},
		"exam add":       {"data", "date", "design", "domain", "doo", "fee", "json", "kind", "max", "note", "result", "score", "session", "source", "task"},
		"exam list":      {"data", "json", "kind"},
		"exam show":      {"data", "json"},
		"exam rm":        {"data"},
		"ce add":         {"credits", "data", "date", "evidence", "provider", "state"},
		"ce edit":        {"activity", "credits", "data", "date", "evidence", "provider", "state"},
		"ce list":        {"data", "json"},
		"ce rm":          {"data"},
	}
	for cmd, flags := range want {
		args := append(strings.Fields(cmd), "--help")
		out := h.ok(args...)
		if !strings.HasPrefix(out, "Usage: corepath "+cmd+" ") && !strings.HasPrefix(out, "Usage: corepath "+cmd+"\n") {
			t.Errorf("%s --help begins %q", cmd, strings.SplitN(out, "\n", 2)[0])
		}
		_, list, _ := strings.Cut(out, "\nFlags:\n")
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "-") {
				continue // a long flag's text, on the line after it
			}
			name, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(line), "--"), " ")
			got = append(got, name)
		}
		if !reflect.DeepEqual(got, flags) {
			t.Errorf("%s --help lists %v; want %v", cmd, got, flags)
		}
	}
	// Without an action, the help lists each action with its flags.
	out := h.ok("help", "milestone")
	for _, line := range []string{
		"corepath milestone done ID-OR-TITLE [--done-on DATE]\n",
		"corepath milestone rm ID-OR-TITLE\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("milestone --help lacks %q:\n%s", line, out)
		}
	}
}

// A milestone is done on a day only when it is done: a date with another status is refused.
func TestADoneDateNeedsTheStatusDone(t *testing.T) {
	h := newHarness(t)
	code, _, errOut := h.run("milestone", "add", "Read the RFCs", "--status", "planned", "--done-on", "2026-11-01")
	if code != exitFail || !strings.Contains(errOut, "a planned milestone is not done on any day") {
		t.Errorf("planned with a done date: exit %d, %q", code, errOut)
	}
	if list := h.ok("milestone", "list"); strings.Contains(list, "Read the RFCs") {
		t.Errorf("the refused milestone was saved:\n%s", list)
	}
}

// A course code twice in one term is refused; retaken in another term it is kept, and a code
// that then names two courses is answered with their ids, which name each.
func TestACourseCodeTwiceIsToldApart(t *testing.T) {
	h := newHarness(t)
	h.ok("course", "add", "CS101", "--title", "Programming I", "--credits", "3", "--term", "Fall 2025")
	if code, _, errOut := h.run("course", "add", "CS101", "--title", "Again", "--credits", "3", "--term", "fall 2025"); code != exitFail ||
		!strings.Contains(errOut, "there is a course CS101 in fall 2025 already") {
		t.Errorf("the same code in the same term: exit %d, %q", code, errOut)
	}
	h.ok("course", "add", "CS101", "--title", "Retake", "--credits", "3", "--term", "Fall 2026")
	code, _, errOut := h.run("course", "edit", "CS101", "--grade", "A")
	ids := regexp.MustCompile(`(c\d+) \(Fall 2026, Retake\)`).FindStringSubmatch(errOut)
	if code != exitFail || ids == nil || !strings.Contains(errOut, "(Fall 2025, Programming I)") {
		t.Fatalf("an edit by a code of two courses: exit %d, %q", code, errOut)
	}
	h.ok("course", "edit", ids[1], "--status", "completed", "--grade", "A")
}
