// Command bench measures Corepath against Timewarrior on one machine in one run ("make bench"):
// it writes the same study sessions into a Corepath store and a Timewarrior database, checks
// that both count the same minutes for every topic and tag, times each program's report,
// export and logging as whole processes (alternating them, median of several runs), and times
// the desktop app's start under Xvfb. It prints a Markdown table and exits 1 when Corepath
// misses one of its targets.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"corepath/resources"
)

// Targets.
const (
	reportTarget   = 500                   // times faster than timew summary :all
	reportAbsolute = 10 * time.Millisecond // and no slower than this, at 100,000 sessions
	exportTarget   = 20                    // times faster than timew export (JSON)
	formatTarget   = 2                     // the CSV and iCalendar exports: at most this many times the JSON one's time
	logTarget      = 2                     // times faster than timew track, fsyncs and all
)

func main() {
	bin := flag.String("corepath", "dist/corepath", "the corepath `BINARY` to measure")
	timew := flag.String("timew", "timew", "the timew `BINARY` to measure against")
	n := flag.Int("sessions", 100_000, "how many study sessions to generate")
	runs := flag.Int("runs", 11, "timed runs of each command, per program")
	guiRuns := flag.Int("gui-runs", 11, "timed starts of the desktop app")
	growth := flag.String("growth", "1000,10000,1000000", "the other `SIZES` (sessions, comma-separated) to time, to show how each cost grows")
	timewMax := flag.Int("timew-max", 100_000, "time Timewarrior at sizes up to `N` sessions only (at 1,000,000 its summary alone takes minutes a run)")
	work := flag.String("work", "", "generate the data in `DIR` and keep it (default: a temporary folder)")
	out := flag.String("out", "", "also write the table to `FILE`")
	flag.Parse()
	sizes, err := parseSizes(*growth)
	if err == nil {
		err = benchmark(*bin, *timew, *n, *runs, *guiRuns, *work, *out, sizes, *timewMax)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

// row is one line of the results table.
type row struct {
	what, corepath, timew, ratio, target, verdict string
	missed                                        bool
}

func benchmark(bin, timew string, n, runs, guiRuns int, work, out string, sizes []int, timewMax int) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	if timew, err = exec.LookPath(timew); err != nil {
		return fmt.Errorf("%v (Debian: apt-get install timewarrior)", err)
	}
	if work == "" {
		if work, err = os.MkdirTemp("", "corepath-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	cpData, twData := filepath.Join(work, "corepath"), filepath.Join(work, "timewarrior")
	for _, d := range []string{cpData, twData} {
		if exists(d) {
			return fmt.Errorf("%s already exists: give -work an empty or new folder", d)
		}
	}
	twEnv := []string{"TIMEWARRIORDB=" + twData}
	cp := func(args ...string) command { return command{args: append([]string{bin, "--data", cpData}, args...)} }
	tw := func(args ...string) command { return command{args: append([]string{timew}, args...), env: twEnv} }

	// The sessions end at midnight a day ago, which leaves the hours since free for logging.
	now := time.Now()
	end := time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, time.Local)
	plan, err := resources.DefaultPlan()
	if err != nil {
		return err
	}
	sessions, err := generate(&plan, n, end)
	if err != nil {
		return err
	}
	step("writing %s sessions (%s to %s) into a Corepath store and a Timewarrior database in %s",
		thousands(n), sessions[0].start.Local().Format("2006-01-02"), end.Format("2006-01-02"), work)
	if err := writeCorepath(cpData, sessions, end); err != nil {
		return err
	}
	if err := writeTimewarrior(twData, sessions); err != nil {
		return err
	}

	report, err := output(cp("report", "--all", "--json"))
	if err != nil {
		return err
	}
	export, err := output(tw("export"))
	if err != nil {
		return err
	}
	names, err := compareTotals(report, export)
	if err != nil {
		return err
	}
	step("both count the same minutes for all %d topics and tags", names)

	var rows []row
	var mainTimes sizeTimes
	step("report: corepath report --all --json against timew summary :all, %d runs each", runs)
	a, b, err := race(runs, func(int) command { return cp("report", "--all", "--json") },
		func(int) command { return tw("summary", ":all") })
	if err != nil {
		return err
	}
	rows = append(rows, faster("report, all time: `corepath report --all --json` / `timew summary :all`", a, b, reportTarget))
	mainTimes.corepath[opReport], mainTimes.timew[opReport] = median(a), median(b)
	abs := row{what: fmt.Sprintf("report, all time, at %s sessions: `corepath report --all --json`", thousands(n)), corepath: duration(median(a)),
		target: "< " + duration(reportAbsolute)}
	abs.verdict, abs.missed = verdict(median(a) < reportAbsolute)
	rows = append(rows, abs)

	// The report people run most, beside the command Timewarrior users run for it: no target,
	// but the growth table shows it at every size.
	step("report: corepath report --json (this week) against timew summary :week, %d runs each", runs)
	a, b, err = race(runs, func(int) command { return cp("report", "--json") }, func(int) command { return tw("summary", ":week") })
	if err != nil {
		return err
	}
	mainTimes.corepath[opReportWeek], mainTimes.timew[opReportWeek] = median(a), median(b)

	exportRow := "export, all: `corepath export --format json` / `timew export`"
	if ok, err := hasCommand(bin, "export"); err != nil {
		return err
	} else if !ok {
		step("export: SKIPPED, this corepath has no export command")
		rows = append(rows, row{what: exportRow, corepath: "no command", timew: "", ratio: "",
			target: fmt.Sprintf("≥ %d× faster", exportTarget), verdict: "skipped: `corepath export` is missing"})
	} else {
		out, err := output(cp("export", "--format", "json"))
		if err != nil {
			return err
		}
		var exported struct{ Sessions []json.RawMessage }
		if err := json.Unmarshal(out, &exported); err != nil || len(exported.Sessions) != n {
			return fmt.Errorf("corepath export --format json did not export the %d sessions (%d; %v)", n, len(exported.Sessions), err)
		}
		step("export: corepath export --format json against timew export, %d runs each", runs)
		a, b, err := race(runs, func(int) command { return cp("export", "--format", "json") },
			func(int) command { return tw("export") })
		if err != nil {
			return err
		}
		rows = append(rows, faster(exportRow, a, b, exportTarget))
		mainTimes.corepath[opExportJSON], mainTimes.timew[opExportJSON] = median(a), median(b)
		for _, format := range []string{"csv", "ical"} {
			step("export: corepath export --format %s against --format json, %d runs each", format, runs)
			f, j, err := race(runs, func(int) command { return cp("export", "--format", format) },
				func(int) command { return cp("export", "--format", "json") })
			if err != nil {
				return err
			}
			rows = append(rows, within(fmt.Sprintf("export, all: `corepath export --format %s` / `--format json`", format), f, j, formatTarget))
			mainTimes.corepath[exportOp(format)] = median(f)
		}
	}

	// The app starts before any logging, on exactly n sessions.
	step("desktop app: %d starts under Xvfb", guiRuns)
	starts, err := measureGUI(bin, cpData, work, guiRuns)
	if err != nil {
		return err
	}
	rows = append(rows, guiRows(starts)...)

	step("log: corepath log against timew track, %d runs each", runs)
	a, b, err = raceLog(runs, cp, tw, end)
	if err != nil {
		return err
	}
	rows = append(rows, faster("log one session: `corepath log 45m --topic BGP …` / `timew track … BGP lab`", a, b, logTarget))
	floor, err := logFloor(work, filepath.Join(cpData, "corepath.db"), runs)
	if err != nil {
		return err
	}
	rows = append(rows, floorRows(floor, median(b), logTarget)...)
	mainTimes.corepath[opLog], mainTimes.timew[opLog] = median(a), median(b)
	mainTimes.timed = true

	// How each cost grows: the same runs at the other sizes, in folders of their own.
	grown := map[int]sizeTimes{n: mainTimes}
	for _, size := range sizes {
		sizeRuns := runs
		if size > 100_000 {
			sizeRuns = 3 // a run of the export takes a second or so there
		}
		t, err := timeSize(bin, timew, &plan, size, sizeRuns, size <= timewMax, filepath.Join(work, strconv.Itoa(size)), end)
		if err != nil {
			return err
		}
		grown[size] = t
	}
	table := header(bin, timew, n, runs, guiRuns) + "\n\n" + markdown(rows) + "\n" + growthTable(grown, timewMax)
	fmt.Print(table)
	if out != "" {
		if err := os.WriteFile(out, []byte(table), 0o644); err != nil {
			return err
		}
	}
	var missed []string
	for _, r := range rows {
		if r.missed {
			missed = append(missed, r.what)
		}
	}
	if len(missed) > 0 {
		return fmt.Errorf("%d target(s) missed:\n  %s", len(missed), strings.Join(missed, "\n  "))
	}
	return nil
}

func step(format string, args ...any) { fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...) }

// hasCommand asks the binary for the command's help: 0 when it has it, 2 (usage) when not.
func hasCommand(bin, name string) (bool, error) {
	cmd := exec.Command(bin, name, "--help")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err == nil {
		return true, nil
	}
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 2 && strings.Contains(stderr.String(), "unknown command") {
		return false, nil
	}
	return false, fmt.Errorf("%s %s --help: %v\n%s", bin, name, err, stderr.Bytes())
}

// faster compares Corepath's times a with Timewarrior's b against "at least target times faster".
func faster(what string, a, b []time.Duration, target float64) row {
	ma, mb := median(a), median(b)
	step("  Corepath %s (%s to %s), Timewarrior %s (%s to %s)", duration(ma), duration(slices.Min(a)), duration(slices.Max(a)),
		duration(mb), duration(slices.Min(b)), duration(slices.Max(b)))
	ratio := float64(mb) / float64(ma)
	r := row{what: what, corepath: duration(ma), timew: duration(mb)}
	if ratio >= 1 {
		r.ratio = fmt.Sprintf("%.1f× faster", ratio)
	} else {
		r.ratio = fmt.Sprintf("%.1f× slower", 1/ratio)
	}
	r.target = fmt.Sprintf("≥ %g× faster", target)
	if target == 1 {
		r.target = "no slower"
	}
	r.verdict, r.missed = verdict(ratio >= target)
	return r
}

func verdict(ok bool) (string, bool) {
	if ok {
		return "met", false
	}
	return "**missed**", true
}

func duration(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// thousands writes n with thousands separators: 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func mb(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

func markdown(rows []row) string {
	var b strings.Builder
	b.WriteString("| operation | Corepath | Timewarrior | Corepath is | target | result |\n")
	b.WriteString("| --- | ---: | ---: | ---: | --- | --- |\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.what, r.corepath, r.timew, r.ratio, r.target, r.verdict)
	}
	return b.String()
}

// header says what was measured and on what.
func header(bin, timew string, n, runs, guiRuns int) string {
	version := func(args ...string) string {
		out, err := exec.Command(args[0], args[1:]...).Output()
		if err != nil {
			return "?"
		}
		return strings.TrimSpace(string(out))
	}
	cpu := "unknown CPU"
	if info, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(info), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	kernel, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	years, _ := span(n)
	return fmt.Sprintf("%s against Timewarrior %s, %s sessions over %d years; %s, %d cores, Linux %s; "+
		"median of %d runs per program (alternating, after a warm-up), %d starts of the app.",
		version(bin, "--version"), version(timew, "--version"), thousands(n), years, cpu, runtime.NumCPU(),
		strings.TrimSpace(string(kernel)), runs, guiRuns)
}
