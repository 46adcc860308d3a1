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
