package cli

import (
	"strings"
	"testing"
	"time"
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
	code, _, errOut := h.run("stop", "--at", "2026-11-25 23:59")
	if code != 1 || !strings.Contains(errOut, "the stop time") || !strings.Contains(errOut, "in the future") {
		t.Errorf("a stop in the future: exit %d, %q", code, errOut)
	}
}

// Durations that read as typos or as nothing are refused, not taken for something else.
func TestDurationsThatSayNothingAreRefused(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"log", "1h61m", "--topic", "BGP"}, {"start", "--topic", "BGP", "--for", "0m"}} {
		if code, _, errOut := h.run(args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, %q; want a usage error", args, code, errOut)
		}
	}
	if out := h.ok("status"); !strings.Contains(out, "No timer") {
		t.Errorf("a refused start started a timer: %q", out)
	}
}

// A running timer reads as a clock does: 32 seconds are not a minute, and 1m59s is 1m.
func TestStatusReadsTheTimerAsAClockDoes(t *testing.T) {
	h := newHarness(t)
	h.ok("start", "--topic", "BGP")
	for _, c := range []struct {
		after time.Duration
		want  string
	}{{32 * time.Second, "for 32s,"}, {119 * time.Second, "for 1m,"}, {time.Hour + 59*time.Minute + 59*time.Second, "for 1h59m,"}} {
		at := h.now
		h.now = at.Add(c.after)
		if out := h.ok("status"); !strings.Contains(out, "Running: BGP "+c.want) {
			t.Errorf("after %v: %q", c.after, out)
		}
		h.now = at
	}
}

// A timer started on an earlier day says the day: a timer forgotten for days must not read as
// one started this afternoon.
func TestATimerFromAnEarlierDayShowsItsDate(t *testing.T) {
	h := newHarness(t) // Wednesday 2026-11-25 20:00
	now := h.now       // started on Sunday, and forgotten
	h.now = time.Date(2026, 11, 22, 15, 45, 0, 0, h.loc)
	if out := h.ok("start", "--topic", "BGP", "--at", "2026-11-22 15:30"); !strings.Contains(out, "Started BGP at 15:30") {
		t.Errorf("start: %q", out)
	}
	h.now = now
	if out := h.ok("status"); !strings.Contains(out, "Running: BGP for 76h30m, since Sun 2026-11-22 15:30") {
		t.Errorf("status: %q", out)
	}
	if _, _, errOut := h.run("start", "--topic", "OSPF"); !strings.Contains(errOut, "a timer is already running for BGP since Sun 2026-11-22 15:30: stop it first") {
		t.Errorf("a second start: %q", errOut)
	}
	if out := h.ok("cancel"); !strings.Contains(out, "started at Sun 2026-11-22 15:30") {
		t.Errorf("cancel: %q", out)
	}
	if out := h.ok("start", "--topic", "BGP", "--at", "2026-11-24 21:00"); !strings.Contains(out, "Started BGP at Tue 2026-11-24 21:00") {
		t.Errorf("start yesterday evening: %q", out)
	}
	h.ok("cancel")
	h.ok("start", "--topic", "BGP", "--at", "18:05")
	if out := h.ok("status"); !strings.Contains(out, "since 18:05") {
		t.Errorf("status of today's timer: %q", out)
	}
}

// A timer left running says so: status gives the time past its plan and the stop --at that
// logs it up to when the study ended, past a day that it can no longer be stopped as it is,
// and the stop of one names the edit that shortens it.
func TestAForgottenTimerIsSaidToBeOne(t *testing.T) {
	h := newHarness(t) // Wednesday 2026-11-25 20:00
	h.ok("start", "--topic", "BGP", "--at", "2026-11-24 23:30", "--for", "50m")
	out := h.ok("status")
	if !strings.Contains(out, "Planned: 50m, 19h40m past it") || !strings.Contains(out, "Left running? corepath stop --at TIME") {
		t.Errorf("status: %q", out)
	}
	now := h.now
	h.now = now.Add(5 * time.Hour)
	if out := h.ok("status"); !strings.Contains(out, "It has run longer than the 24h a session can last") {
		t.Errorf("status past a day: %q", out)
	}
	h.now = now
	out = h.ok("stop")
	if !strings.Contains(out, "Note: that is 19h40m more than the 50m planned. If the timer ran on after you stopped studying: corepath edit ") || !strings.Contains(out, "--duration 50m") {
		t.Errorf("stop: %q", out)
	}
	h.ok("start", "--topic", "BGP", "--for", "50m")
	h.now = now.Add(55 * time.Minute)
	if out := h.ok("status"); strings.Contains(out, "Left running") || !strings.Contains(out, "5m past it") {
		t.Errorf("a timer a little past its plan: %q", out)
	}
	if out := h.ok("stop"); strings.Contains(out, "Note: that is") {
		t.Errorf("stop a little past the plan: %q", out)
	}
}

// An action without its argument names what it needs; one given several words says to quote them.
func TestAnActionSaysWhichArgumentItNeeds(t *testing.T) {
	h := newHarness(t)
	if _, _, errOut := h.run("course", "add", "--credits", "3"); !strings.Contains(errOut, "add needs its CODE: corepath course add CODE") {
		t.Errorf("course add without a code: %q", errOut)
	}
	if _, _, errOut := h.run("topic", "add", "Route", "Reflectors"); !strings.Contains(errOut, `add takes one NAME, not 2 words: quote one with spaces, like "Route Reflectors"`) {
		t.Errorf("topic add with two words: %q", errOut)
	}
}
