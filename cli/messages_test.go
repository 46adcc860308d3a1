package cli

import (
	"strings"
	"testing"
)

// What a command says names the result: a renamed topic by its new name, a stop time in the
// future as the stop time.
func TestMessagesNameWhatWasDone(t *testing.T) {
	h := newHarness(t)
	h.ok("topic", "add", "Junos")
	if out := h.ok("topic", "edit", "Junos", "--name", "Junos OS"); !strings.Contains(out, "Changed topic Junos OS") {
		t.Errorf("a rename: %q", out)
	}
	h.ok("start", "--topic", "BGP")
	code, _, errOut := h.run("stop", "--at", "23:59")
	if code != 1 || !strings.Contains(errOut, "the stop time") || !strings.Contains(errOut, "in the future") {
		t.Errorf("a stop in the future: exit %d, %q", code, errOut)
	}
}
