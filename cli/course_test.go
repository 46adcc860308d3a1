package cli

import (
	"strings"
	"testing"

	"corepath/tracker"
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

// The course list names each course's id, which two courses of one code need, lists terms
// written year first in their order, and names the program without saying its field twice.
func TestTheCourseListNamesIDsAndTermsInOrder(t *testing.T) {
	h := newHarness(t)
	h.ok("course", "add", "MATH201", "--title", "Calculus II", "--credits", "4", "--term", "2026 Fall")
	h.ok("course", "add", "NET300", "--title", "Networks", "--credits", "3", "--term", "2026 Spring")
	h.ok("course", "add", "MATH201", "--title", "Calculus II retake", "--credits", "4", "--term", "2027 Spring")
	out := h.ok("course", "list")
	spring, fall, retake := strings.Index(out, "c2   NET300"), strings.Index(out, "c1   MATH201"), strings.Index(out, "c3   MATH201")
	if spring < 0 || fall < spring || retake < fall {
		t.Errorf("the list, by term with ids:\n%s", out)
	}
	for _, c := range []struct{ name, field, want string }{
		{"BSc IT", "Information Technology", "BSc IT"},
		{"BS", "Computer Science", "BS in Computer Science"},
		{"BS Computer Science", "Computer Science", "BS Computer Science"},
		{"BEng", "Computer Engineering", "BEng in Computer Engineering"},
	} {
		if got := programTitle(tracker.Program{Name: c.name, Field: c.field}); got != c.want {
			t.Errorf("%q in %q: %q, want %q", c.name, c.field, got, c.want)
		}
	}
}

// A course's grade and status agree: I is an incomplete course, in progress; a withdrawn course
// takes W or no grade.
func TestIncompleteAndWithdrawnCoursesAgreeWithTheirGrades(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("course", "add", "X4", "--credits", "3", "--grade", "I"); !strings.Contains(out, "in-progress, grade I") {
		t.Errorf("grade I: %q", out)
	}
	if code, _, errOut := h.run("course", "add", "X5", "--credits", "3", "--status", "withdrawn", "--grade", "A"); code != exitFail || !strings.Contains(errOut, "a withdrawn course has the grade W or none, not A") {
		t.Errorf("withdrawn with an A: %d %q", code, errOut)
	}
	if code, _, errOut := h.run("course", "add", "X6", "--credits", "3", "--status", "completed", "--grade", "I"); code != exitFail || !strings.Contains(errOut, "grade I means the course is incomplete") {
		t.Errorf("completed with an I: %d %q", code, errOut)
	}
}

// A course completed twice (a retake) earns its credits once and counts twice in the GPA, and
// the list says so: (2.0×4 + 3.3×4) / 8 = 2.65.
func TestARetakeIsSaidToCountOnceInTheCredits(t *testing.T) {
	h := newHarness(t)
	h.ok("course", "add", "MATH120", "--credits", "4", "--grade", "C", "--term", "Fall 2025")
	if out := h.ok("course", "list"); strings.Contains(out, "more than once") {
		t.Errorf("one attempt: %s", out)
	}
	h.ok("course", "add", "MATH120", "--credits", "4", "--grade", "B+", "--term", "Spring 2026")
	out := h.ok("course", "list")
	if !strings.Contains(out, "4 of 120 credits earned, GPA 2.65") || !strings.Contains(out, "Note: MATH120 completed more than once: each graded attempt counts in the GPA, which is quality points over the credits attempted (university catalogs, S26), and the credits count once") {
		t.Errorf("a retake:\n%s", out)
	}
}

// A course code that two attempts share is refused with each one named by its term, and its
// title when it has one (an empty title left "(2026-fall, )").
func TestASharedCourseCodeNamesEachAttempt(t *testing.T) {
	h := newHarness(t)
	h.ok("course", "add", "NET101", "--credits", "3", "--term", "2025-fall", "--title", "Networks", "--grade", "D")
	h.ok("course", "add", "NET101", "--credits", "3", "--term", "2026-fall")
	code, _, errOut := h.run("log", "30m", "--topic", "BGP", "--course", "NET101")
	if code == 0 || !strings.Contains(errOut, "(2025-fall, Networks)") || !strings.Contains(errOut, "(2026-fall);") {
		t.Errorf("exit %d: %q", code, errOut)
	}
}

// A final grade and the status in-progress contradict each other and are refused with what to
// type; a grade alone given to a course in progress completes it, as course add does, and says so.
func TestAGradeOnACourseInProgressCompletesIt(t *testing.T) {
	h := newHarness(t)
	code, _, errOut := h.run("course", "add", "BAD8", "--credits", "3", "--grade", "A", "--status", "in-progress")
	if code != exitFail || !strings.Contains(errOut, "grade A is a final grade, which an in-progress course does not have yet") || !strings.Contains(errOut, "give --status completed with it, or leave the grade out") {
		t.Errorf("in progress with an A: exit %d, %q", code, errOut)
	}
	h.ok("course", "add", "NET201", "--credits", "3", "--grade", "B")
	h.ok("course", "add", "NET310", "--credits", "3", "--status", "in-progress")
	out := h.ok("course", "edit", "NET310", "--grade", " a+") // as typed: the grade as stored
	for _, want := range []string{"Saved course NET310 (3 credits, completed, grade A+)", "NET310 was in-progress: the grade A+ marks it completed", "Degree: 6 of 120 credits earned, GPA 3.50"} {
		if !strings.Contains(out, want) {
			t.Errorf("the grade alone: want %q in\n%s", want, out)
		}
	}
	if code, _, errOut := h.run("course", "edit", "NET310", "--status", "in-progress"); code != exitFail || !strings.Contains(errOut, "grade A+ is a final grade") {
		t.Errorf("back to in progress with its A+: exit %d, %q", code, errOut)
	}
	h.ok("course", "add", "SEC320", "--credits", "3", "--status", "in-progress")
	if out := h.ok("course", "edit", "SEC320", "--grade", "I"); !strings.Contains(out, "(3 credits, in-progress, grade I)") || strings.Contains(out, " was ") {
		t.Errorf("an incomplete stays in progress: %s", out)
	}
}

// The degree's forecast counts the credits in progress as earned: the line says so, or 96 left
// at 15 a year would not read as the date it gives.
func TestDegreeForecastSaysItCountsTheCreditsInProgress(t *testing.T) {
	h := newHarness(t)
	h.ok("course", "add", "NET200", "--credits", "15", "--term", "Spring 2026", "--grade", "A")
	h.ok("course", "add", "NET300", "--credits", "9", "--term", "Fall 2026", "--status", "in-progress")
	// 120 - 15 - 9 = 96 credits at 15 a year: 6.4 years from 2026-11-25, in the spring of 2033.
	if out := h.ok("report"); !strings.Contains(out, "Degree: with the 9 credits in progress, then 15 credits a year, expected to finish in Spring 2033") {
		t.Errorf("report:\n%s", out)
	}
}

// A course that sessions link to is not removed, and the refusal counts them in good grammar
// and gives the command that unlinks each; once unlinked, the course goes.
func TestRemovingALinkedCourseSaysHowToUnlink(t *testing.T) {
	h := newHarness(t)
	h.ok("course", "add", "PHY101", "--credits", "3")
	first := h.ok("log", "30m", "--topic", "BGP", "--course", "PHY101", "--at", "2026-11-24 10:00")
	id := first[strings.Index(first, "(id ")+4 : strings.Index(first, ")\n")]
	code, _, errOut := h.run("course", "rm", "PHY101")
	if want := `1 session links to PHY101: unlink it first (corepath edit ` + id + ` --course "")`; code != exitFail || !strings.Contains(errOut, want) {
		t.Errorf("course rm: exit %d, %q; want %q", code, errOut, want)
	}
	second := h.ok("log", "30m", "--topic", "BGP", "--course", "PHY101", "--at", "2026-11-23 10:00")
	if _, _, errOut := h.run("course", "rm", "PHY101"); !strings.Contains(errOut, `2 sessions link to PHY101: unlink them first (corepath edit ID --course "" unlinks each, for ID `) {
		t.Errorf("course rm: %q", errOut)
	}
	h.ok("edit", id, "--course", "")
	h.ok("edit", second[strings.Index(second, "(id ")+4:strings.Index(second, ")\n")], "--course", "")
	h.ok("course", "rm", "PHY101")
}
