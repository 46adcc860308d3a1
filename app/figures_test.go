package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// Someone who has not started is told what to do first, not that they are behind or doing well.
func TestEmptyStoreSaysWhatToDoFirst(t *testing.T) {
	h := newHarness(t)
	today := h.u.today
	var next []string
	for _, o := range today.next.Objects {
		switch w := o.(type) {
		case *widget.Label:
			next = append(next, w.Text)
		case *button:
			next = append(next, w.Text)
		}
	}
	all := strings.Join(next, "\n")
	if strings.Contains(all, "Keep going") || !strings.Contains(all, "Log a first session") || !strings.Contains(all, "degree program") || !strings.Contains(all, "skills to focus on") {
		t.Errorf("What next on an empty store:\n%s", all)
	}
	for _, o := range today.coverage.Objects {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "under-studied") {
			t.Errorf("coverage flags a domain before any study: %q", l.Text)
		}
	}
}

func TestCoursesListByTermAndConfidenceInWords(t *testing.T) {
	h := newHarness(t)
	for _, c := range []tracker.Course{{Code: "NET310", Title: "Networks", Credits: 3, Term: "Fall 2026"},
		{Code: "CS101", Title: "Programming", Credits: 3, Term: "Fall 2025"}, {Code: "CS050", Title: "Intro", Credits: 3, Term: "Fall 2026"}} {
		c.Status = tracker.CoursePlanned
		if _, err := h.db.PutCourse(c); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.showScreen(screenPlan)
	d := h.u.planner.degree
	var codes []string
	for _, i := range d.order {
		codes = append(codes, h.u.plan.Courses[i].Code)
	}
	if got := strings.Join(codes, " "); got != "CS101 CS050 NET310" {
		t.Errorf("courses listed as %s", got)
	}
	if got := tracker.ConfidenceLabels()[4]; got != "4 (can troubleshoot it)" {
		t.Errorf("level 4 reads %q", got)
	}
}

func TestAllTimeChartEndsToday(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	if last := h.u.today.cumulative.last; last != "2026-11-25 (today)" {
		t.Errorf("the all-time chart ends at %q", last)
	}
}
