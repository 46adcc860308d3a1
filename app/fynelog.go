package app

import (
	"bytes"
	"io"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// Fyne 2.8.1 rewrites its preferences.json in place once the app has stopped, and its own
// watcher of that folder may reload the file between the truncation and the write (reported
// upstream as fyne-io/fyne#2936). The reload then fails with "Preferences load error: EOF",
// though nothing is lost: the failed read changes nothing, and the write completes (the end-to-end
// suite reads the file back after every quit). Corepath keeps none of its own settings there
// (prefs.go), but the file dialog's last folder is still Fyne's, and on a busy machine the race
// failed the end-to-end suite. QuitLog drops that report, and only once the app has stopped, when
// Fyne's own save is the only writer of the file, whatever the cause it gives: a damaged
// preferences.json at the start is still reported.

// The tray's library (fyne.io/systray) also logs, as the app quits, every update of the tray's
// menu that reached it after the app closed the menu's D-Bus connection: "systray error: failed
// to update menu version: dbus: connection closed by user". On a busy machine a quit soon after
// the start (the tray's menu still being sent) gave a dozen of them. The connection is closed by
// no one but the app as it quits, so QuitLog drops those too; any other tray error is kept.

// fyneStopped is set when Fyne's lifecycle reports the app stopped, just before Fyne's own save.
var fyneStopped atomic.Bool

// watchFyneStop marks the app as stopped for QuitLog when Fyne stops it.
func watchFyneStop(a fyne.App) {
	a.Lifecycle().SetOnStopped(func() { fyneStopped.Store(true) })
}

// QuitLog passes the log to w, less Fyne's report of the preferences it reloaded half written
// while it was saving them at quit, and the tray's reports of its connection closed at quit.
// The log package writes each entry with one Write.
func QuitLog(w io.Writer) io.Writer { return &quitLog{out: w, stopped: &fyneStopped} }

type quitLog struct {
	out      io.Writer
	stopped  *atomic.Bool
	mu       sync.Mutex
	dropping bool // inside a dropped report: its "Cause" and "At" lines follow
}

var (
	preferencesLoadError = []byte("Fyne error:  Preferences load error:")
	causeLine            = []byte("  Cause: ")
	atLine               = []byte("  At: ")
	systrayError         = []byte("systray error: ")
	closedAtQuit         = []byte("dbus: connection closed by user")
)

func (l *quitLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.stopped.Load() && bytes.Contains(p, preferencesLoadError):
		l.dropping = true
	case l.dropping && (bytes.Contains(p, causeLine) || bytes.Contains(p, atLine)):
	case bytes.Contains(p, systrayError) && bytes.Contains(p, closedAtQuit):
	default:
		l.dropping = false
		return l.out.Write(p)
	}
	return len(p), nil
}
