package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// logFloor measures what any program that logs durably pays on this machine before doing any
// work of its own: starting a process (a Go program that prints one word, built here and timed
// as the commands are) and a commit's two fdatasyncs (one page written and synced, then
// another, in a file beside the stores). A bbolt commit syncs its data pages and then its meta
// page, so no log that keeps both fsyncs can take less than their sum.
func logFloor(work string, runs int) (start, syncs time.Duration, err error) {
	dir := filepath.Join(work, "floor")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"logged\\n\") }\n"), 0o644); err != nil {
		return 0, 0, err
	}
	hello := filepath.Join(dir, "hello")
	build := exec.Command("go", "build", "-o", hello, src)
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("building the floor's hello program: %v\n%s", err, out)
	}
	var starts []time.Duration
	for i := 0; i <= runs; i++ {
		d, err := run(command{args: []string{hello}})
		if err != nil {
			return 0, 0, err
		}
		if i > 0 {
			starts = append(starts, d)
		}
	}
	pairs, err := syncPairs(filepath.Join(dir, "pages"), runs)
	if err != nil {
		return 0, 0, err
	}
	return median(starts), median(pairs), nil
}

// syncPairs times runs pairs of one-page writes, each followed by an fdatasync, at scattered
// places in a 4 MB file, as a commit writes a data page and then the meta page.
func syncPairs(path string, runs int) ([]time.Duration, error) {
	const page, pages = 4096, 1024
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, page)
	for i := range pages {
		if _, err := f.WriteAt(buf, int64(i)*page); err != nil {
			return nil, err
		}
	}
	if err := f.Sync(); err != nil {
		return nil, err
	}
	var pairs []time.Duration
	for i := 0; i <= runs; i++ {
		began := time.Now()
		for _, at := range []int{1 + i*389%(pages-1), 0} {
			buf[0] = byte(i)
			if _, err := f.WriteAt(buf, int64(at)*page); err != nil {
				return nil, err
			}
			if err := syscall.Fdatasync(int(f.Fd())); err != nil {
				return nil, err
			}
		}
		if i > 0 {
			pairs = append(pairs, time.Since(began))
		}
	}
	return pairs, nil
}

// floorRow says how far below the log's target this machine's floor leaves room.
func floorRow(start, syncs, timewTrack time.Duration, target float64) row {
	floor := start + syncs
	goal := time.Duration(float64(timewTrack) / target)
	r := row{
		what: fmt.Sprintf("log's floor here: a Go program that prints a word, plus two one-page fdatasyncs (the most a log at %g× `timew track` may take is %s)",
			target, duration(goal)),
		corepath: fmt.Sprintf("%s + %s = %s", duration(start), duration(syncs), duration(floor)),
	}
	step("  the floor: %s to start a process, %s for two fdatasyncs; %g× timew track leaves %s for everything else", duration(start),
		duration(syncs), target, duration(goal-floor))
	if floor >= goal {
		r.ratio = "above the target"
	} else {
		r.ratio = fmt.Sprintf("%s left for the work", duration(goal-floor))
	}
	return r
}
