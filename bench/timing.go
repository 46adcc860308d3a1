package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

// command is one run of a program: its arguments and extra environment.
type command struct {
	args []string
	env  []string
}

func (c command) String() string { return strings.Join(c.args, " ") }

// run runs c as a whole process and returns how long it took from start to exit, with its
// output thrown away (to /dev/null, so that neither program pays for a pipe).
func run(c command) (time.Duration, error) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer null.Close()
	cmd := exec.Command(c.args[0], c.args[1:]...)
	cmd.Env = append(os.Environ(), c.env...)
	cmd.Stdout = null
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	err = cmd.Wait()
	took := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%s: %v\n%s", c, err, stderr.Bytes())
	}
	return took, nil
}

// output runs c and returns what it printed.
func output(c command) ([]byte, error) {
	cmd := exec.Command(c.args[0], c.args[1:]...)
	cmd.Env = append(os.Environ(), c.env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", c, err, stderr.Bytes())
	}
	return out, nil
}

// race times two programs doing the same thing, runs times each, alternating them so that
// both see the same machine (caches, frequency, neighbours). a(i) and b(i) give the i-th run's
// command; run 0 of each is a warm-up that fills the page cache and is not counted.
func race(runs int, a, b func(i int) command) (ta, tb []time.Duration, err error) {
	for i := 0; i <= runs; i++ {
		da, err := run(a(i))
		if err != nil {
			return nil, nil, err
		}
		db, err := run(b(i))
		if err != nil {
			return nil, nil, err
		}
		if i > 0 {
			ta, tb = append(ta, da), append(tb, db)
		}
	}
	return ta, tb, nil
}

// median of a non-empty list.
func median[T int64 | uint64 | time.Duration](xs []T) T {
	s := append([]T(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}
