package cli

import (
	"errors"
	"runtime"
	"syscall"
)

// brokenPipe reports a write to a pipe whose reader has gone (corepath sessions | head): on
// Linux and macOS the write to stdout raises SIGPIPE, which ends the process quietly, and on
// Windows it fails with one of these errors.
func brokenPipe(err error) bool {
	const errorBrokenPipe, errorNoData = 109, 232 // Windows' ERROR_BROKEN_PIPE and ERROR_NO_DATA
	var errno syscall.Errno
	return errors.Is(err, syscall.EPIPE) || runtime.GOOS == "windows" && errors.As(err, &errno) && (errno == errorBrokenPipe || errno == errorNoData)
}
