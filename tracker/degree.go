package tracker

import (
	"fmt"
	"math"
	"strings"
)

// GradePoints is the common US 4.0 scale. A+ counts 4.0, as at most schools.
var GradePoints = map[string]float64{
	"A+": 4.0, "A": 4.0, "A-": 3.7,
	"B+": 3.3, "B": 3.0, "B-": 2.7,
	"C+": 2.3, "C": 2.0, "C-": 1.7,
	"D+": 1.3, "D": 1.0, "D-": 0.7,
	"F": 0.0,
}

// Grades lists the letter grades in order, then the marks that carry no grade points.
var Grades = []string{"A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F", "P", "W", "I"}

// nonGPA marks are pass, withdrawn and incomplete: they do not enter the GPA.
var nonGPA = map[string]bool{"P": true, "W": true, "I": true}

// GradeValue returns a grade's points and whether it counts towards the GPA.
func GradeValue(grade string) (points float64, counts bool, err error) {
	g := strings.ToUpper(strings.TrimSpace(grade))
	if p, ok := GradePoints[g]; ok {
		return p, true, nil
	}
	if nonGPA[g] {
		return 0, false, nil
	}
	return 0, false, Errorf(Invalid, "grade %q is not on the scale: use A+ to F, or P, W or I", grade)
}

// FinalGrade reports whether grade is one a finished course gets: a letter from A+ to F, or P.
// W (withdrawn) and I (incomplete) are not, nor a grade off the scale.
func FinalGrade(grade string) bool {
	g := strings.ToUpper(strings.TrimSpace(grade))
	_, letter := GradePoints[g]
	return letter || g == "P"
}

// GradedStatus is the status a course takes when it is given grade without a status: a course
// planned or in progress (or new, with no status) is completed by a final grade, withdrawn by a
// W and in progress with an I. Any other status, or a grade off the scale, leaves status as it
// is, for ValidateCourse and CheckCourseGrade to check.
func GradedStatus(status CourseStatus, grade string) CourseStatus {
	if status != "" && status != CoursePlanned && status != CourseInProgress {
		return status
	}
	switch g := strings.ToUpper(strings.TrimSpace(grade)); {
	case FinalGrade(g):
		return CourseCompleted
	case g == "W":
		return CourseWithdrawn
	case g == "I":
		return CourseInProgress
	}
	return status
}

// DegreeProgress sums the courses of a plan.
type DegreeProgress struct {
	CreditsRequired   float64 `json:"credits_required"`
	CreditsEarned     float64 `json:"credits_earned"`
	CreditsInProgress float64 `json:"credits_in_progress"`
	GPA               float64 `json:"gpa"`     // to two decimals; 0 when no course is graded
	Graded            bool    `json:"graded"`  // whether any course carries grade points
	Courses           int     `json:"courses"` // every course in the plan
}

// Earned says the credits earned against the program's: "45 of 120 credits earned", and once
// they reach them, "all 120 credits earned (123 in all)", not a goal passed as if midway.
func (d DegreeProgress) Earned() string {
	switch {
	case d.CreditsRequired <= 0 || d.CreditsEarned < d.CreditsRequired:
		return fmt.Sprintf("%g of %g credits earned", d.CreditsEarned, d.CreditsRequired)
	case d.CreditsEarned == d.CreditsRequired:
		return fmt.Sprintf("all %g credits earned", d.CreditsRequired)
	}
	return fmt.Sprintf("all %g credits earned (%g in all)", d.CreditsRequired, d.CreditsEarned)
}

// Degree computes credits earned and the GPA: quality points (grade points × credits) over the
// credits attempted in graded courses (S26). An F counts 0 points with its credits attempted and
// earns nothing; P, W and I stay out of the GPA. A course passed more than once (the same code)
// earns its credits once, the most of its passes, while each graded attempt counts in the GPA;
// a retake in progress of a course already passed adds no credits in progress.
func Degree(p *Plan) DegreeProgress {
	out := DegreeProgress{CreditsRequired: p.Program.CreditsRequired, Courses: len(p.Courses)}
	var quality, attempted float64
	earned := map[string]float64{} // by courseKey: the most credits a pass of it earned
	for i := range p.Courses {
		c := &p.Courses[i]
		if earns(c) {
			if key := courseKey(c.Code); key == "" {
				out.CreditsEarned += c.Credits
			} else {
				earned[key] = max(earned[key], c.Credits)
			}
		}
		if points, counts, err := GradeValue(c.Grade); c.Status == CourseCompleted && err == nil && counts {
			quality += points * c.Credits
			attempted += c.Credits
		}
	}
	for _, credits := range earned {
		out.CreditsEarned += credits
	}
	for _, c := range p.Courses {
		if _, passed := earned[courseKey(c.Code)]; c.Status == CourseInProgress && !passed { // "" is never in earned
			out.CreditsInProgress += c.Credits
		}
	}
	if attempted > 0 {
		out.GPA = math.Round(quality/attempted*100) / 100 // GPAs are reported to two decimals
		out.Graded = true
	}
	return out
}

// earns reports whether a course earned its credits: completed or transferred, with a passing
// grade, a P, or no grade on the scale (a transfer's, or none recorded); not an F, a W or an I.
func earns(c *Course) bool {
	if c.Status != CourseCompleted && c.Status != CourseTransfer {
		return false
	}
	points, counts, err := GradeValue(c.Grade)
	switch g := strings.ToUpper(strings.TrimSpace(c.Grade)); {
	case g == "" || err != nil:
		return true
	case g == "W" || g == "I":
		return false
	case !counts: // P
		return true
	}
	return points > 0
}

// courseKey is a course code as the attempts of one course share it: "math151 " and "MATH 151"
// are MATH151. "" for a course without a code, which counts on its own.
func courseKey(code string) string { return strings.ToUpper(strings.Join(strings.Fields(code), "")) }

// RetakeNote says which courses were completed more than once, "" when none was, and how Degree
// counts them: the credits once, and each graded attempt in the GPA.
func (p *Plan) RetakeNote() string {
	count := map[string]int{}
	var codes []string
	for _, c := range p.Courses {
		key := courseKey(c.Code)
		if c.Status != CourseCompleted && c.Status != CourseTransfer || key == "" {
			continue
		}
		if count[key]++; count[key] == 2 {
			codes = append(codes, key)
		}
	}
	if len(codes) == 0 {
		return ""
	}
	return fmt.Sprintf("%s completed more than once: each graded attempt counts in the GPA, which is quality points over the credits attempted (university catalogs, S26), and the credits count once however often the course is passed, the common rule for a repeated course (the sources do not say it); a school that replaces a retaken grade counts only the latest.",
		strings.Join(codes, ", "))
}
