package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// zoneHarness is a store in a named zone, with the clock at now.
func zoneHarness(t *testing.T, zone string, now string) *harness {
	t.Helper()
	h := newHarness(t)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	h.loc = loc
	if h.now, err = time.ParseInLocation("2006-01-02 15:04", now, loc); err != nil {
		t.Fatal(err)
	}
	return h
}

// within fails the test if the command has not finished in 20 seconds: a report that loops on a
// day without midnight must fail, not hang the suite.
func (h *harness) within(args ...string) (int, string, string) {
	h.t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := h.run(args...)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(20 * time.Second):
		h.t.Fatalf("%v did not finish in 20 s", args)
		return 0, "", ""
	}
}

// dayHolds checks that the sessions of day, and its CSV export, hold n sessions.
func (h *harness) dayHolds(day string, n int) {
	h.t.Helper()
	var list []sessionJSON
	h.json(&list, "sessions", "--from", day, "--to", day, "--json")
	if len(list) != n {
		h.t.Errorf("sessions of %s lists %d sessions, want %d", day, len(list), n)
	}
	csv := h.ok("export", "--format", "csv", "--from", day, "--to", day)
	if rows := strings.Count(strings.TrimSpace(csv), "\n"); rows != n {
		h.t.Errorf("the CSV export of %s has %d rows, want %d:\n%s", day, rows, n, csv)
	}
}

// Havana springs forward at midnight: 2026-03-08 has no 00:00.
func TestHavanaDayWithoutMidnight(t *testing.T) {
	h := zoneHarness(t, "America/Havana", "2026-03-10 12:00")
	h.ok("log", "1h", "--topic", "BGP", "--at", "2026-03-08 10:00")
	for _, args := range [][]string{{"report"}, {"report", "--week"}, {"report", "--month"}, {"report", "--all", "--json"}} {
		if code, out, errOut := h.within(args...); code != 0 || (args[len(args)-1] == "--json" && !strings.Contains(out, `"total_minutes": 60`)) {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	var list []sessionJSON
	h.json(&list, "sessions", "--to", "2026-03-08", "--json")
	if len(list) != 1 {
		t.Errorf("sessions --to 2026-03-08 lists %d sessions, want 1", len(list))
	}
	h.dayHolds("2026-03-08", 1)
	code, _, errOut := h.run("log", "30m", "--topic", "BGP", "--at", "2026-03-08 00:30")
	if code != 2 && code != 1 || !strings.Contains(errOut, "does not exist in America/Havana") {
		t.Errorf("a time in the gap: exit %d, %s", code, errOut)
	}
}

// Apia skipped 2011-12-30 whole; the days around it still make ranges.
func TestApiaDayThatNeverWas(t *testing.T) {
	h := zoneHarness(t, "Pacific/Apia", "2012-01-05 12:00")
	h.ok("log", "1h", "--topic", "BGP", "--at", "2011-12-29 10:00")
	h.ok("log", "2h", "--topic", "BGP", "--at", "2011-12-29 23:00") // runs into 2011-12-31
	h.dayHolds("2011-12-29", 2)
	if code, out, errOut := h.within("report", "--all", "--json"); code != 0 || !strings.Contains(out, `"total_minutes": 180`) {
		t.Fatalf("report: exit %d\n%s%s", code, out, errOut)
	}
}

// New York repeats 01:00-02:00 on 2026-11-01: a time in that hour must say which one it is.
func TestAmbiguousHourIsSaid(t *testing.T) {
	h := zoneHarness(t, "America/New_York", "2026-11-02 12:00")
	code, _, errOut := h.run("log", "30m", "--topic", "BGP", "--at", "2026-11-01 01:30")
	if code == 0 || !strings.Contains(errOut, "happens twice") || !strings.Contains(errOut, "2026-11-01T01:30-05:00") {
		t.Errorf("a time in the repeated hour: exit %d, %s", code, errOut)
	}
	h.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-01T01:30:00-05:00")
	// Across the change, the span carries its offsets: 01:30–01:30 alone would read as nothing.
	if out := h.ok("log", "1h", "--topic", "BGP", "--at", "2026-11-01T01:30-04:00"); !strings.Contains(out, "01:30 -04:00–01:30 -05:00") {
		t.Errorf("a session across the change: %q", out)
	}
}

// A TZ that Go could not load leaves the local time UTC without a word: each command warns,
// once; a zone it read, or UTC itself, is not warned about.
func TestAnUnreadTZIsWarnedAbout(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct {
		tz   string
		loc  *time.Location
		warn bool
	}{{"Mars/Phobos", time.UTC, true}, {"UTC+5", time.UTC, true}, {"UTC", time.UTC, false}, {"", time.UTC, false}, {"America/New_York", h.loc, false}} {
		var out, errOut bytes.Buffer
		env := h.env(&out, &errOut)
		env.Loc = c.loc
		env.Getenv = func(k string) string {
			return map[string]string{"COREPATH_DATA": h.dir, "TZ": c.tz}[k]
		}
		Run([]string{"status"}, env)
		want := fmt.Sprintf("corepath: warning: TZ=%q is not a time zone name Corepath can read, so times are taken as UTC: set TZ to a name like Europe/Berlin, or unset it\n", c.tz)
		if got := strings.Count(errOut.String(), want); got != map[bool]int{true: 1, false: 0}[c.warn] {
			t.Errorf("TZ=%q: %q", c.tz, errOut.String())
		}
	}
}
