package cli

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A day longer than 8 hours (an import can hold one of 20) scales the day bars down, so that no
// bar runs past its 32 columns; the longest day has the full bar.
func TestDayBarsFitTheLine(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "20h", "--topic", "BGP", "--at", h.now.AddDate(0, 0, -2).Format("2006-01-02")+" 01:00")
	h.ok("log", "2h", "--topic", "OSPF", "--at", h.now.AddDate(0, 0, -1).Format("2006-01-02")+" 09:00")
	out := h.ok("report", "--month")
	_, days, ok := strings.Cut(out, "\nBy day\n")
	if !ok {
		t.Fatalf("no By day in:\n%s", out)
	}
	widths := map[string]int{}
	for _, line := range strings.Split(days, "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && strings.Contains(f[3], "█") {
			widths[f[2]] = utf8.RuneCountInString(f[3])
		}
	}
	if widths["20h"] != 32 || widths["2h"] != 32*2/20 {
		t.Errorf("bars %v, want 32 for 20h and 3 for 2h:\n%s", widths, days)
	}
}
