// Package xdisplay finds a free X display for the virtual displays of the bench and the
// end-to-end suite (scripts/xvfb.sh does the same for the shell scripts).
package xdisplay

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Free says whether display d has no server: no lock file and no socket, or a lock left by a
// server no longer running (killed without its cleanup), which Xvfb takes over as every X
// server does. Such files would otherwise use up a range of displays over time.
func Free(d int) bool {
	data, err := os.ReadFile(lock(d))
	if errors.Is(err, fs.ErrNotExist) {
		_, err := os.Stat(Socket(d))
		return errors.Is(err, fs.ErrNotExist)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	return err == nil && pid > 0 && syscall.Kill(pid, 0) == syscall.ESRCH
}

// Take finds the first free display from first to last and removes a dead server's files
// there, so that waiting for Socket is waiting for the server about to start.
func Take(first, last int) (int, error) {
	for d := first; d <= last; d++ {
		if Free(d) {
			os.Remove(lock(d))
			os.Remove(Socket(d))
			return d, nil
		}
	}
	return 0, fmt.Errorf("no free X display between :%d and :%d", first, last)
}

// Socket is the path of display d's socket, which its server makes once it listens.
func Socket(d int) string { return fmt.Sprintf("/tmp/.X11-unix/X%d", d) }

func lock(d int) string { return fmt.Sprintf("/tmp/.X%d-lock", d) }
