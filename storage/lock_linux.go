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
