//go:build !unix

package main

import (
	"os"
	"os/exec"
)

// replaceProcess runs the app and waits for it, where a process cannot replace itself.
func replaceProcess(app string, args []string) error {
	cmd := exec.Command(app, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			os.Exit(exit.ExitCode())
		}
		return err
	}
	return nil
}
