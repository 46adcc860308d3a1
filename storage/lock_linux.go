package storage

import (
	"fmt"
	"os"
	"strings"
	"syscall"
)

// lockHolder names the process that holds a lock on path, from /proc/locks, so that "in use"
// says by what.
func lockHolder(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return "another program"
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "another program"
	}
	data, err := os.ReadFile("/proc/locks")
	if err != nil {
		return "another program"
	}
	suffix := fmt.Sprintf(":%d", st.Ino)
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		// 1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF; a blocked waiter has "->" after the number.
		if len(f) < 6 || f[1] == "->" || !strings.HasSuffix(f[5], suffix) {
			continue
		}
		pid := f[4]
		if pid == fmt.Sprint(os.Getpid()) {
			return "another part of this program"
		}
		if comm, err := os.ReadFile("/proc/" + pid + "/comm"); err == nil {
			return fmt.Sprintf("process %s (%s)", pid, strings.TrimSpace(string(comm)))
		}
		return "process " + pid
	}
	return "another program"
}

// holdPartial marks a temporary file as being written, for as long as f is open (the lock goes
// with the process, so a killed writer leaves a file that partialAbandoned recognizes at once).
func holdPartial(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) }

// partialAbandoned reports whether no process is still writing the temporary file at path.
func partialAbandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
