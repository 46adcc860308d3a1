package tracker

import "testing"

func TestConfidenceSaysWhatTheLevelMeans(t *testing.T) {
	for _, c := range []struct {
		level int
		want  string
	}{{0, "0 (new to it)"}, {3, "3 (can configure it)"}, {5, "5 (can teach it)"}, {9, "5 (can teach it)"}, {-1, "0 (new to it)"}} {
		if got := ConfidenceLabel(c.level); got != c.want {
			t.Errorf("ConfidenceLabel(%d) = %q, want %q", c.level, got, c.want)
		}
	}
	if got := ConfidenceWords(2.4); got != "can follow it" {
		t.Errorf("ConfidenceWords(2.4) = %q", got)
	}
	if got := ConfidenceWords(2.5); got != "can configure it" {
		t.Errorf("ConfidenceWords(2.5) = %q", got)
	}
	if n := len(ConfidenceLabels()); n != 6 {
		t.Errorf("%d labels", n)
	}
}
