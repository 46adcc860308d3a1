package tracker

import (
	"strings"
	"testing"
)

// A topic named with a path separator could never be named again: "A > B" reads as topic B
// under A. Such a name is refused when the topic is made.
func TestATopicNameCannotHoldAPathSeparator(t *testing.T) {
	p := &Plan{}
	for _, name := range []string{"A > B", "A › C", "a>b"} {
		top := Topic{Name: name, Track: TrackSkills}
		if err := ValidateTopic(&top, p); err == nil || !strings.Contains(err.Error(), "cannot hold > or ›") {
			t.Errorf("%q: %v", name, err)
		}
	}
	ok := Topic{Name: "BGP - route reflectors", Track: TrackSkills}
	if err := ValidateTopic(&ok, p); err != nil {
		t.Errorf("a plain name: %v", err)
	}
}

func TestSetStatusKeepsTheDoneDayForDoneOnly(t *testing.T) {
	m := Milestone{Status: Planned}
	m.SetStatus(Done, "2026-12-01")
	if m.DoneOn != "2026-12-01" {
		t.Errorf("done today: %q", m.DoneOn)
	}
	m.DoneOn = "2026-11-20"
	m.SetStatus(Done, "2026-12-01")
	if m.DoneOn != "2026-11-20" {
		t.Errorf("a day already given was replaced: %q", m.DoneOn)
	}
	m.SetStatus(Planned, "2026-12-01")
	if m.Status != Planned || m.DoneOn != "" {
		t.Errorf("taken back to planned: %+v", m)
	}
}
