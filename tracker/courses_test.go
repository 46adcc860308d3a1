package tracker

import (
	"strings"
	"testing"
)

func TestCoursesListByTermThenCode(t *testing.T) {
	courses := []Course{
		{Code: "CS330", Term: "Spring 2027"}, {Code: "NET310", Term: "Fall 2026"}, {Code: "SEC320", Term: "Fall 2026"},
		{Code: "ZZ1"}, {Code: "CS101", Term: "Fall 2025"}, {Code: "TRF100", Term: "2024"},
		{Code: "MATH150", Term: "Fall 2025"}, {Code: "X1", Term: "someday"}, {Code: "NET201", Term: "Spring 2026"},
		{Code: "SUM1", Term: "Summer 2026"},
	}
	var got []string
	for _, i := range CourseOrder(courses) {
		got = append(got, courses[i].Code)
	}
	want := "TRF100 CS101 MATH150 NET201 SUM1 NET310 SEC320 CS330 X1 ZZ1"
	if strings.Join(got, " ") != want {
		t.Errorf("order %s\nwant  %s", strings.Join(got, " "), want)
	}
}

// A retake after an F, worked by hand: MATH120 F (3 credits) then B (3 credits) is 3 credits
// earned and a GPA of (0×3 + 3.0×3) / 6 = 1.50, and the note says the F earned no credits while
// counting in the GPA, as S26's rule has it.
func TestARetakeAfterAnFCountsInTheGPAButEarnsOnce(t *testing.T) {
	p := Plan{Program: Program{CreditsRequired: 120}, Courses: []Course{
		{ID: "c1", Code: "MATH120", Credits: 3, Status: CourseCompleted, Grade: "F", Term: "Fall 2025"},
		{ID: "c2", Code: "MATH120", Credits: 3, Status: CourseCompleted, Grade: "B", Term: "Spring 2026"},
	}}
	if d := Degree(&p); d.CreditsEarned != 3 || d.GPA != 1.5 {
		t.Errorf("credits %v, GPA %v; want 3 and 1.50", d.CreditsEarned, d.GPA)
	}
	note := p.RetakeNote()
	if !strings.Contains(note, "MATH120 completed more than once") || !strings.Contains(note, "each passed one in the credits") {
		t.Errorf("note: %q", note)
	}
	p.Courses = p.Courses[1:]
	if note := p.RetakeNote(); note != "" {
		t.Errorf("one attempt: %q", note)
	}
}
