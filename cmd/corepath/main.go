// Command corepath is Corepath's command line, built without the desktop app's toolkit so that
// it starts as fast as a terminal user expects (a binary that links Fyne spends several
// milliseconds in the loader and in Fyne's package initialisers before main runs). With no
// command it hands over to corepath-app, the desktop app, which also runs every command.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"

	"corepath/cli"
)

// version is FyneApp.toml's, stamped by make (-ldflags "-X main.version=..."); cli.Version
// adds the commit, and falls back on what the Go tool stamped (go install).
var version string

// appName is the desktop app's binary, installed beside this one.
const appName = "corepath-app"

// collectAt is the heap at which the collector runs. A command lives for milliseconds and keeps
// a few megabytes, so collecting would only slow it (a report spent a tenth of its time in the
// collector); only a large import comes near this, and is then collected as before.
const collectAt = 128 << 20

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" { // a person's own setting wins
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(collectAt)
	}
	env := cli.DefaultEnv(version)
	env.GUI = func(string) int { return openApp(os.Args[1:]) }
	os.Exit(cli.Run(os.Args[1:], env))
}

// openApp runs the desktop app with the same arguments (--data DIR among them).
func openApp(args []string) int {
	self, _ := os.Executable()
	app, err := findApp(self)
	if err != nil {
		fmt.Fprintf(os.Stderr, "corepath: %v\n", err)
		return 1
	}
	if err := replaceProcess(app, args); err != nil {
		fmt.Fprintf(os.Stderr, "corepath: cannot start %s: %v\n", app, err)
		return 1
	}
	return 0
}

// findApp finds the desktop app: next to this binary (self, symbolic links followed), else on
// PATH.
func findApp(self string) (string, error) {
	if resolved, err := filepath.EvalSymlinks(self); err == nil && self != "" {
		if candidate := filepath.Join(filepath.Dir(resolved), appFile()); isFile(candidate) {
			return candidate, nil
		}
	}
	if found, err := exec.LookPath(appName); err == nil {
		return found, nil
	}
	return "", fmt.Errorf("the desktop app (%s) is not installed beside corepath or on PATH; "+
		"install it with make install, or use a command: corepath help", appName)
}

// appFile is the app's file name beside this one: on Windows a program's name ends in .exe.
func appFile() string {
	if runtime.GOOS == "windows" {
		return appName + ".exe"
	}
	return appName
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
