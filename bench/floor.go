package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// logFloor measures what a durable log pays on this machine before any work of Corepath's own:
// starting a process (a Go program that prints one word, built here and timed as the commands
// are), a commit's two fdatasyncs (one page written and synced, then another, in a file beside
// the stores: a bbolt commit syncs its data pages and then its meta page, so no log that keeps
// both fsyncs can take less than their sum), and the least a log into a copy of the store can
// do with bbolt (bench/boltfloor: open, put one value, commit, close).
func logFloor(work, store string, runs int) (f floor, err error) {
	dir := filepath.Join(work, "floor")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return f, err
	}
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"logged\\n\") }\n"), 0o644); err != nil {
		return f, err
	}
	hello, bolt := filepath.Join(dir, "hello"), filepath.Join(dir, "boltfloor")
	for _, b := range []struct{ out, pkg, dir string }{{hello, src, dir}, {bolt, "corepath/bench/boltfloor", ""}} {
		build := exec.Command("go", "build", "-o", b.out, b.pkg)
		build.Dir = b.dir
		build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
		if out, err := build.CombinedOutput(); err != nil {
			return f, fmt.Errorf("building the floor's %s: %v\n%s", filepath.Base(b.out), err, out)
		}
	}
	copied := filepath.Join(dir, "store.db")
	if err := copyFile(store, copied); err != nil {
		return f, err
	}
	if f.start, err = medianRun(command{args: []string{hello}}, runs); err != nil {
		return f, err
	}
	if f.bolt, err = medianRun(command{args: []string{bolt, copied}}, runs); err != nil {
		return f, err
	}
	pairs, err := syncPairs(filepath.Join(dir, "pages"), runs)
	if err != nil {
		return f, err
	}
	f.syncs = median(pairs)
	return f, nil
}

// floor is what logFloor measured: a process's start, two fdatasyncs, and a bare bbolt log.
type floor struct{ start, syncs, bolt time.Duration }

// medianRun runs c runs+1 times and returns the median of all but the first, which pays for
// reading the program from disk.
func medianRun(c command, runs int) (time.Duration, error) {
	var took []time.Duration
	for i := 0; i <= runs; i++ {
		d, err := run(c)
		if err != nil {
			return 0, err
		}
		if i > 0 {
			took = append(took, d)
		}
	}
	return median(took), nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
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

// floorRows say how far below the log's target this machine's floors leave room: the process
// and its fsyncs, and a bare bbolt log.
func floorRows(f floor, timewTrack time.Duration, target float64) []row {
	sum := f.start + f.syncs
	goal := time.Duration(float64(timewTrack) / target)
	room := func(took time.Duration) string { return roomUnder(took, goal, "the work") }
	step("  the floor: %s to start a process, %s for two fdatasyncs, %s for a bare bbolt log; %g× timew track allows %s", duration(f.start),
		duration(f.syncs), duration(f.bolt), target, duration(goal))
	return []row{{
		what: fmt.Sprintf("log's floor here: a Go program that prints a word, plus two one-page fdatasyncs (the most a log at %g× `timew track` may take is %s)",
			target, duration(goal)),
		corepath: fmt.Sprintf("%s + %s = %s", duration(f.start), duration(f.syncs), duration(sum)),
		ratio:    room(sum),
	}, {
		what:     "a bare bbolt log here: a Go program that opens a copy of the store, puts one value, commits and closes (bench/boltfloor)",
		corepath: duration(f.bolt),
		ratio:    room(f.bolt),
	}}
}

// roomUnder says how far a floor that took took is under goal, which leaves the rest for what
// (the work, the app), or over it.
func roomUnder(took, goal time.Duration, what string) string {
	if took >= goal {
		return duration(took-goal) + " above the target"
	}
	return duration(goal-took) + " left for " + what
}
