package tracker

import (
	"errors"
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
// earned and a GPA of (0×3 + 3.0×3) / 6 = 1.50, and the note says how retakes are counted.
func TestARetakeAfterAnFCountsInTheGPAButEarnsOnce(t *testing.T) {
	p := Plan{Program: Program{CreditsRequired: 120}, Courses: []Course{
		{ID: "c1", Code: "MATH120", Credits: 3, Status: CourseCompleted, Grade: "F", Term: "Fall 2025"},
		{ID: "c2", Code: "MATH120", Credits: 3, Status: CourseCompleted, Grade: "B", Term: "Spring 2026"},
	}}
	if d := Degree(&p); d.CreditsEarned != 3 || d.GPA != 1.5 {
		t.Errorf("credits %v, GPA %v; want 3 and 1.50", d.CreditsEarned, d.GPA)
	}
	note := p.RetakeNote()
	if !strings.Contains(note, "MATH120 completed more than once") || !strings.Contains(note, "the credits count once") {
		t.Errorf("note: %q", note)
	}
	p.Courses = p.Courses[1:]
	if note := p.RetakeNote(); note != "" {
		t.Errorf("one attempt: %q", note)
	}
}

// A course passed twice earns its credits once, worked by hand: MATH151 C- then B+ (4 credits
// each), ECE101 A (4), TRF100 transfer (3), and ECE220 in progress (4) with a retake of MATH151
// in progress (4). Earned: 4 + 4 + 3 = 11, not 15; in progress: 4 (the retake of a course
// passed adds none); GPA (1.7×4 + 3.3×4 + 4.0×4) / 12 = 36 / 12 = 3.00, every attempt counted.
func TestACoursePassedTwiceEarnsItsCreditsOnce(t *testing.T) {
	p := Plan{Program: Program{CreditsRequired: 128}, Courses: []Course{
		{ID: "c1", Code: "MATH151", Credits: 4, Status: CourseCompleted, Grade: "C-", Term: "Fall 2024"},
		{ID: "c2", Code: "math151", Credits: 4, Status: CourseCompleted, Grade: "B+", Term: "Spring 2025"},
		{ID: "c3", Code: "ECE101", Credits: 4, Status: CourseCompleted, Grade: "A"},
		{ID: "c4", Code: "TRF100", Credits: 3, Status: CourseTransfer},
		{ID: "c5", Code: "ECE220", Credits: 4, Status: CourseInProgress},
		{ID: "c6", Code: "MATH151", Credits: 4, Status: CourseInProgress, Term: "Fall 2026"},
	}}
	if d := Degree(&p); d.CreditsEarned != 11 || d.CreditsInProgress != 4 || d.GPA != 3 {
		t.Errorf("earned %v, in progress %v, GPA %v; want 11, 4 and 3.00", d.CreditsEarned, d.CreditsInProgress, d.GPA)
	}
}

// Attempts of one course share its code however it is typed ("MATH151 ", "math 151"), and a
// transfer then a retake here is one course too: 4 credits, and the note names it.
func TestACoursesAttemptsShareItsCodeAsTyped(t *testing.T) {
	p := Plan{Program: Program{CreditsRequired: 120}, Courses: []Course{
		{ID: "c1", Code: "MATH151 ", Credits: 4, Status: CourseTransfer},
		{ID: "c2", Code: "math 151", Credits: 4, Status: CourseCompleted, Grade: "A"},
		{ID: "c3", Code: "  ", Credits: 3, Status: CourseCompleted, Grade: "B"},
		{ID: "c4", Code: "", Credits: 3, Status: CourseCompleted, Grade: "B"},
	}}
	if d := Degree(&p); d.CreditsEarned != 10 {
		t.Errorf("earned %v, want 4 + 3 + 3", d.CreditsEarned)
	}
	if note := p.RetakeNote(); !strings.HasPrefix(note, "MATH151 completed more than once") {
		t.Errorf("note: %q", note)
	}
}

// A course in progress has no final grade yet: A+ to F or P with the status in-progress is
// refused, since Degree would count it in neither the credits nor the GPA, while an I (an
// incomplete course) stays in progress. A grade given alone completes a course planned or in
// progress, withdraws it with a W, and leaves a completed or withdrawn one as it is.
func TestAFinalGradeIsRefusedOnACourseInProgress(t *testing.T) {
	for _, c := range []struct {
		status CourseStatus
		grade  string
		refuse bool
	}{
		{CourseInProgress, "A", true}, {CourseInProgress, "a+", true}, {CourseInProgress, "F", true}, {CourseInProgress, "P", true},
		{CoursePlanned, "B", true}, {CoursePlanned, "I", true},
		{CourseInProgress, "I", false}, {CourseInProgress, "", false}, {CourseCompleted, "A", false}, {CourseTransfer, "B", false},
	} {
		err := CheckCourseGrade(&Course{Code: "NET310", Credits: 3, Status: c.status, Grade: c.grade})
		var ge *CourseGradeError
		if got := errors.As(err, &ge); got != c.refuse || c.refuse && ErrorCode(err) != Invalid {
			t.Errorf("%s with grade %q: %v, want refused %v", c.status, c.grade, err, c.refuse)
		}
	}
	err := CheckCourseGrade(&Course{Status: CourseInProgress, Grade: "A"})
	if want := "grade A is a final grade, which an in-progress course does not have yet (it would count in neither the credits nor the GPA)"; err == nil || err.Error() != want {
		t.Errorf("the message: %v, want %q", err, want)
	}
	for _, c := range []struct {
		from  CourseStatus
		grade string
		want  CourseStatus
	}{
		{"", "A", CourseCompleted}, {CoursePlanned, "P", CourseCompleted}, {CourseInProgress, "A+", CourseCompleted},
		{CourseInProgress, "w", CourseWithdrawn}, {CoursePlanned, "I", CourseInProgress}, {CourseInProgress, "Z", CourseInProgress},
		{CourseCompleted, "I", CourseCompleted}, {CourseWithdrawn, "A", CourseWithdrawn}, {CourseTransfer, "B", CourseTransfer},
	} {
		if got := GradedStatus(c.from, c.grade); got != c.want {
			t.Errorf("GradedStatus(%q, %q) = %q, want %q", c.from, c.grade, got, c.want)
		}
	}
}
