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
