package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"corepath/tracker"
)

// The operations timed at every size, in the growth table's order.
const (
	opReport = iota
	opReportWeek
	opExportJSON
	opExportCSV
	opExportICal
	opLog
	opCount
)

var opNames = [opCount]string{"report --all", "report (this week)", "export json", "export csv", "export ical", "log"}

func exportOp(format string) int {
	return map[string]int{"json": opExportJSON, "csv": opExportCSV, "ical": opExportICal}[format]
}

// sizeTimes are the medians at one size; timew's are zero where it was not run (and for the
// CSV and iCalendar exports, which it does not have).
type sizeTimes struct {
	corepath, timew [opCount]time.Duration
	timed           bool // Timewarrior was run at this size
}

// raceLog times logging: each run logs a 45-minute session in an hour of its own after the
// generated ones (which end at end).
func raceLog(runs int, cp, tw func(...string) command, end time.Time) (a, b []time.Duration, err error) {
	slot := func(i int) time.Time { return end.Add(time.Duration(i)*time.Hour + 5*time.Minute) }
	return race(runs,
		func(i int) command {
			return cp("log", "45m", "--topic", "BGP", "--tag", "lab", "--at", slot(i).Format("2006-01-02 15:04"))
		},
		func(i int) command {
			return tw("track", slot(i).Format("2006-01-02T15:04:05"), "-", slot(i).Add(45*time.Minute).Format("2006-01-02T15:04:05"), "BGP", "lab")
		})
}

// timeSize writes n sessions into stores of their own in dir and times every operation, runs
// times each; Timewarrior too when withTimew.
func timeSize(bin, timew string, plan *tracker.Plan, n, runs int, withTimew bool, dir string, end time.Time) (sizeTimes, error) {
	var t sizeTimes
	sessions, err := generate(plan, n, end)
	if err != nil {
		return t, err
	}
	cpData, twData := dir+"/corepath", dir+"/timewarrior"
	step("growth: %s sessions in %s, %d runs each%s", thousands(n), dir, runs, map[bool]string{false: " (Corepath only)", true: ""}[withTimew])
	if err := writeCorepath(cpData, sessions, end); err != nil {
		return t, err
	}
	cp := func(args ...string) command { return command{args: append([]string{bin, "--data", cpData}, args...)} }
	tw := func(args ...string) command {
		return command{args: append([]string{timew}, args...), env: []string{"TIMEWARRIORDB=" + twData}}
	}
	if withTimew {
		if err := writeTimewarrior(twData, sessions); err != nil {
			return t, err
		}
		t.timed = true
	}
	// Without Timewarrior, each Corepath command races itself: same runs, same warm-up.
	other := func(c command, own command) command {
		if withTimew {
			return c
		}
		return own
	}
	pairs := []struct {
		op         int
		mine, them command
	}{
		{opReport, cp("report", "--all", "--json"), tw("summary", ":all")},
		{opReportWeek, cp("report", "--json"), tw("summary", ":week")},
		{opExportJSON, cp("export", "--format", "json"), tw("export")},
		{opExportCSV, cp("export", "--format", "csv"), cp("export", "--format", "csv")},
		{opExportICal, cp("export", "--format", "ical"), cp("export", "--format", "ical")},
	}
	for _, p := range pairs {
		them := other(p.them, p.mine)
		a, b, err := race(runs, func(int) command { return p.mine }, func(int) command { return them })
		if err != nil {
			return t, err
		}
		t.corepath[p.op] = median(a)
		if withTimew && timewOps[p.op] != "" {
			t.timew[p.op] = median(b)
		}
	}
	partner := tw
	if !withTimew {
		partner = func(...string) command { return cp("status") }
	}
	a, b, err := raceLog(runs, cp, partner, end)
	if err != nil {
		return t, err
	}
	t.corepath[opLog] = median(a)
	if withTimew {
		t.timew[opLog] = median(b)
	}
	return t, nil
}

// timewOps are the Timewarrior commands the operations race, where it has one.
var timewOps = map[int]string{opReport: "timew summary :all", opReportWeek: "timew summary :week", opExportJSON: "timew export", opLog: "timew track"}

// growthTable shows each operation's median at every size, Timewarrior's beside Corepath's.
func growthTable(sizes map[int]sizeTimes, timewMax int) string {
	ns := slices.Sorted(maps.Keys(sizes))
	var b strings.Builder
	b.WriteString("| operation |")
	for _, n := range ns {
		fmt.Fprintf(&b, " %s sessions |", thousands(n))
	}
	b.WriteString("\n| --- |" + strings.Repeat(" ---: |", len(ns)) + "\n")
	for op := range opCount {
		fmt.Fprintf(&b, "| corepath %s |", opNames[op])
		for _, n := range ns {
			fmt.Fprintf(&b, " %s |", duration(sizes[n].corepath[op]))
		}
		b.WriteString("\n")
		if name, ok := timewOps[op]; ok {
			fmt.Fprintf(&b, "| %s |", name)
			for _, n := range ns {
				if s := sizes[n]; s.timed {
					fmt.Fprintf(&b, " %s |", duration(s.timew[op]))
				} else {
					fmt.Fprintf(&b, " not run (over %s sessions) |", thousands(timewMax))
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// parseSizes reads -growth: sizes separated by commas; empty is none.
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(f, "_", ""))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-growth: %q is not a number of sessions", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// within compares two of Corepath's own times: a at most target times b.
func within(what string, a, b []time.Duration, target float64) row {
	ma, mb := median(a), median(b)
	step("  %s (%s to %s), against %s", duration(ma), duration(slices.Min(a)), duration(slices.Max(a)), duration(mb))
	r := row{what: what, corepath: duration(ma), ratio: fmt.Sprintf("%.2f× the JSON's time", float64(ma)/float64(mb)),
		target: fmt.Sprintf("≤ %g× the JSON's time", target)}
	r.verdict, r.missed = verdict(float64(ma) <= target*float64(mb))
	return r
}
