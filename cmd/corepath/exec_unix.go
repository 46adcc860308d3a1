//go:build unix

package main

import (
	"os"
	"syscall"
)

// replaceProcess turns this process into the app: same process id, same terminal.
func replaceProcess(app string, args []string) error {
	return syscall.Exec(app, append([]string{app}, args...), os.Environ())
}
