package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"corepath/app"
	"corepath/scripts/xdisplay"
)

// The desktop app's targets, with the sessions the bench generates (100,000 by default).
const (
	appFirstFrameTarget = 200 * time.Millisecond // launch to the window's first painted frame
	appFilledTarget     = 300 * time.Millisecond // launch to every screen filled with the sessions
	appHeapTarget       = 40 << 20               // the Go heap then
	appLogTarget        = 16 * time.Millisecond  // a log from the form back on the screen: one frame
)

// startup is one start of the desktop app: the time from launching the process to its first
// painted frame, and its memory then (app.StartupReport).
type startup struct {
	firstFrame time.Duration
	loaded     time.Duration // launch to every session read and shown
	app.StartupReport
}

// xvfb is a virtual X display.
type xvfb struct {
	display string
	cmd     *exec.Cmd
}

// startXvfb starts Xvfb on a free display number.
func startXvfb() (*xvfb, error) {
	d, err := xdisplay.Take(150, 199)
	if err != nil {
		return nil, err
	}
	sock := xdisplay.Socket(d)
	x := &xvfb{display: fmt.Sprintf(":%d", d)}
	x.cmd = exec.Command("Xvfb", x.display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	if err := x.cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start Xvfb (scripts/setup.sh test installs it): %v", err)
	}
	for i := 0; i < 100 && !exists(sock); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if !exists(sock) {
		x.stop()
		return nil, fmt.Errorf("Xvfb %s did not start", x.display)
	}
	return x, nil
}

func (x *xvfb) stop() {
	x.cmd.Process.Signal(syscall.SIGTERM)
	x.cmd.Wait()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// sessionBus is a D-Bus session bus for the app's starts, as a desktop has: without one, each
// start of the app launches a bus of its own that outlives it, holding one of the system's
// inotify instances.
type sessionBus struct {
	address string
	cmd     *exec.Cmd
}

func startSessionBus() (*sessionBus, error) {
	b := &sessionBus{cmd: exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1")}
	out, err := b.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := b.cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start a D-Bus session bus (dbus-daemon, which scripts/setup.sh bench installs): %v", err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if b.address = strings.TrimSpace(line); err != nil || b.address == "" {
		b.stop()
		return nil, fmt.Errorf("dbus-daemon gave no bus address (%v)", err)
	}
	return b, nil
}

func (b *sessionBus) stop() {
	b.cmd.Process.Signal(syscall.SIGTERM)
	b.cmd.Wait()
}

// startApp starts the app over the store in data and waits for its startup report. home is
// the user's home folder, which keeps Fyne's preferences between starts as a real one would.
func startApp(bin, data, home, display, bus, report string) (startup, error) {
	cmd := exec.Command(bin, "--data", data)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "COREPATH_REPORT_STARTUP="+report, "DBUS_SESSION_BUS_ADDRESS="+bus)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	os.Remove(report)
	launched := time.Now()
	if err := cmd.Start(); err != nil {
		return startup{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		// The app quits cleanly on SIGTERM; give it a moment, then make sure.
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err // for the deferred wait
			return startup{}, fmt.Errorf("the app exited before drawing (%v):\n%s", err, log.Bytes())
		case <-deadline:
			return startup{}, fmt.Errorf("the app drew nothing in 30 s:\n%s", log.Bytes())
		case <-time.After(5 * time.Millisecond):
		}
		data, err := os.ReadFile(report)
		if err != nil {
			continue
		}
		var s startup
		if err := json.Unmarshal(data, &s.StartupReport); err != nil {
			return startup{}, fmt.Errorf("%s: %v", report, err)
		}
		s.firstFrame = time.Unix(0, s.FirstFrame).Sub(launched)
		s.loaded = time.Unix(0, s.Loaded).Sub(launched)
		return s, nil
	}
}

// guiRun is the desktop app's measures: its starts, and how long a log from the Log screen's
// form takes to be back on the screen.
type guiRun struct {
	starts      []startup
	empty       []startup // starts over an empty store: what Fyne and the app cost without sessions
	floor       []startup // starts of bench/guifloor: what Fyne costs with one window and a label
	logFromForm time.Duration
}

// measureGUI starts the app runs times (after one warm-up start) under Xvfb, and three times over
// an empty store, then times a log from the form with the app's Go benchmark (which builds its
// own store of 100,000 sessions).
func measureGUI(bin, data, work string, runs int) (guiRun, error) {
	var out guiRun
	x, err := startXvfb()
	if err != nil {
		return out, err
	}
	defer x.stop()
	bus, err := startSessionBus()
	if err != nil {
		return out, err
	}
	defer bus.stop()
	home := filepath.Join(work, "home")
	for _, d := range []string{".config", ".cache"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o700); err != nil {
			return out, err
		}
	}
	for i := 0; i <= runs; i++ {
		s, err := startApp(bin, data, home, x.display, bus.address, filepath.Join(work, "startup.json"))
		if err != nil {
			return out, err
		}
		if i > 0 {
			out.starts = append(out.starts, s)
		}
	}
	for range 3 {
		s, err := startApp(bin, filepath.Join(work, "empty-store"), home, x.display, bus.address, filepath.Join(work, "startup.json"))
		if err != nil {
			return out, err
		}
		out.empty = append(out.empty, s)
	}
	floor := filepath.Join(work, "guifloor")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-tags", "migrated_fynedo,no_emoji,release",
		"-trimpath", "-ldflags", "-s -w", "-o", floor, "corepath/bench/guifloor")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if outb, err := build.CombinedOutput(); err != nil {
		return out, fmt.Errorf("building bench/guifloor: %v\n%s", err, outb)
	}
	for i := 0; i <= runs; i++ {
		s, err := startApp(floor, "", home, x.display, bus.address, filepath.Join(work, "startup.json"))
		if err != nil {
			return out, err
		}
		if i > 0 {
			out.floor = append(out.floor, s)
		}
	}
	out.logFromForm, err = logFromForm()
	return out, err
}

// logFromForm runs the app's BenchmarkLogFromForm100k and returns its time per log.
func logFromForm() (time.Duration, error) {
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "test", "-tags", "migrated_fynedo", "-run", "^$",
		"-bench", "^BenchmarkLogFromForm100k$", "-benchtime", "50x", "./app/")
	outb, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("the app's log benchmark failed (%v):\n%s", err, outb)
	}
	for _, line := range strings.Split(string(outb), "\n") {
		if f := strings.Fields(line); len(f) >= 4 && strings.HasPrefix(f[0], "BenchmarkLogFromForm100k") && f[3] == "ns/op" {
			ns, err := strconv.ParseFloat(f[2], 64)
			if err == nil {
				return time.Duration(ns), nil
			}
		}
	}
	return 0, fmt.Errorf("no time per log in the app's log benchmark:\n%s", outb)
}

func guiRows(run guiRun) []row {
	starts := run.starts
	var ff, ld []time.Duration
	var heap, live, rss []uint64
	for _, s := range starts {
		ff, ld = append(ff, s.firstFrame), append(ld, s.loaded)
		heap, live, rss = append(heap, s.HeapAlloc), append(live, s.HeapLive), append(rss, s.RSS)
	}
	f, l, h := median(ff), median(ld), median(heap)
	step("  first frame %s (%s to %s), sessions shown %s (%s to %s), heap %s (%s to %s), live %s, resident %s", duration(f),
		duration(slices.Min(ff)), duration(slices.Max(ff)), duration(l), duration(slices.Min(ld)), duration(slices.Max(ld)),
		mb(h), mb(slices.Min(heap)), mb(slices.Max(heap)), mb(median(live)), mb(median(rss)))
	rf := row{what: "desktop app: launch to first frame (Xvfb)", corepath: duration(f), target: "< " + duration(appFirstFrameTarget)}
	rf.verdict, rf.missed = verdict(f < appFirstFrameTarget)
	var emptyFrame, floorFrame []time.Duration
	for _, s := range run.empty {
		emptyFrame = append(emptyFrame, s.firstFrame)
	}
	for _, s := range run.floor {
		floorFrame = append(floorFrame, s.firstFrame)
	}
	emptyMedian, floorMedian := median(emptyFrame), median(floorFrame)
	step("  with no session: first frame %s; a bare Fyne window: first frame %s (%s to %s)", duration(emptyMedian), duration(floorMedian),
		duration(slices.Min(floorFrame)), duration(slices.Max(floorFrame)))
	room := func(took time.Duration) string { return roomUnder(took, appFirstFrameTarget, "the app") }
	rfe := row{what: "desktop app with no session: launch to first frame", corepath: duration(emptyMedian), ratio: room(emptyMedian)}
	rff := row{what: "the first frame's floor here: a Fyne program that opens one window of the app's size with a label (bench/guifloor)",
		corepath: duration(floorMedian), ratio: room(floorMedian)}
	rl := row{what: fmt.Sprintf("desktop app: launch to every screen filled with the %d sessions", starts[0].Sessions), corepath: duration(l),
		target: "< " + duration(appFilledTarget)}
	rl.verdict, rl.missed = verdict(l < appFilledTarget)
	// The heap after a garbage collection: before one, it holds whatever garbage the collector
	// has not reached yet, up to as much again.
	rh := row{what: "desktop app: Go heap with every session loaded (live after a GC; before it)", corepath: fmt.Sprintf("%s (%s)", mb(median(live)), mb(h)),
		target: "< " + mb(appHeapTarget)}
	rh.verdict, rh.missed = verdict(median(live) < appHeapTarget)
	var emptyLive []uint64
	for _, s := range run.empty {
		emptyLive = append(emptyLive, s.HeapLive)
	}
	re := row{what: "desktop app: Go heap with no session (Fyne's fonts and the widgets; live after a GC)", corepath: mb(median(emptyLive))}
	rr := row{what: "desktop app: resident memory with every session loaded", corepath: mb(median(rss))}
	step("  a log from the form back on the screen: %s", duration(run.logFromForm))
	rlog := row{what: "desktop app: a log from the form back on the screen (100,000 sessions, `go test -bench LogFromForm100k ./app/`)",
		corepath: duration(run.logFromForm), target: "< " + duration(appLogTarget)}
	rlog.verdict, rlog.missed = verdict(run.logFromForm < appLogTarget)
	return []row{rf, rfe, rff, rl, rh, re, rr, rlog}
}
