// Command corepath-app is Corepath's desktop app: with no command it opens the window, and it
// runs every command of the command line too. Both use the same store. "make build" names this
// binary corepath-app and the lighter command line (cmd/corepath) corepath, which starts this
// one when it is given no command.
package main

import (
	"fmt"
	"log"
	"os"
	"runtime"
	"strings"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"corepath/app"
	"corepath/cli"
	"corepath/resources"
	"corepath/storage"
)

// version is FyneApp.toml's, stamped by make (-ldflags "-X main.version=..."); cli.Version
// adds the commit, and falls back on what the Go tool stamped (go install).
var version string

func main() {
	env := cli.DefaultEnv(version)
	env.GUI = runGUI
	os.Exit(cli.Run(os.Args[1:], env))
}

// noDisplay says why the desktop app cannot open a window, "" when it can try: outside Windows
// and macOS a window needs an X or a Wayland display, which an SSH session or a headless machine
// has none of.
func noDisplay(goos string, getenv func(string) string) string {
	switch goos {
	case "windows", "darwin":
		return ""
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return "no display to open the desktop app on (DISPLAY and WAYLAND_DISPLAY are not set, as over SSH); give a command instead: corepath --help lists them"
	}
	return ""
}

// appOptions are the app's options over db, with sync (Settings > Sync) through the same
// adapter the command line uses.
func appOptions(db *storage.DB) app.Options {
	prefs, err := app.PrefsFile()
	if err != nil {
		fmt.Fprintf(os.Stderr, "corepath: no folder for the app's settings (%v): they are kept until the app quits\n", err)
	}
	return app.Options{LoadAfterShow: true, PrefsFile: prefs, Sync: cli.SyncStore(db), SyncOptions: cli.SyncOptions(db.Dir(), time.Now),
		Version: cli.Version(version)}
}

// runGUI opens the desktop app over the store in dir. If the store cannot be opened it says
// why, and offers the newest good backup when the store is damaged.
func runGUI(dir string) (code int) {
	if why := noDisplay(runtime.GOOS, os.Getenv); why != "" {
		fmt.Fprintf(os.Stderr, "corepath: %s\n", why)
		return 2
	}
	// A display that is set but cannot be reached leaves GLFW uninitialised, and Fyne panics on
	// the first window.
	defer func() {
		if r := recover(); r != nil {
			if !strings.Contains(fmt.Sprint(r), "GLFW") {
				panic(r)
			}
			fmt.Fprintf(os.Stderr, "corepath: cannot open a window on the display %q (%v); give a command instead: corepath --help lists them\n",
				os.Getenv("DISPLAY")+os.Getenv("WAYLAND_DISPLAY"), r)
			code = 1
		}
	}()
	log.SetOutput(app.QuitLog(os.Stderr))
	// Fyne makes its cache folder inside the user's, and logs an error in a home without one.
	if cache, err := os.UserCacheDir(); err == nil {
		_ = os.MkdirAll(cache, 0o700)
	}
	a := fyneapp.NewWithID(cli.AppID)
	opt := storage.Options{Seed: resources.DefaultPlan}
	db, err := storage.Open(dir, opt)
	if err == nil {
		ui := app.New(a, db, appOptions(db))
		// For the benchmark (bench/): when the first frame was painted, and the memory then.
		if path := os.Getenv("COREPATH_REPORT_STARTUP"); path != "" {
			ui.ReportStartup(path)
		}
		ui.ShowAndRun()
		return 0
	}
	fmt.Fprintf(os.Stderr, "corepath: %v\n", err)
	backup, _ := storage.NewestGoodBackup(dir)
	opened := false
	app.ShowStartupError(a, err, backup, func() error {
		if _, err := storage.Restore(dir, backup, opt); err != nil {
			return err
		}
		db, err := storage.Open(dir, opt)
		if err != nil {
			return err
		}
		app.New(a, db, appOptions(db)).Show()
		opened = true
		return nil
	})
	a.Run()
	if opened {
		return 0
	}
	return 1
}
