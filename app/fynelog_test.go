package app

import (
	"bytes"
	"errors"
	"io"
	"log"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
)

// Fyne's report of the preferences it reloaded half written is dropped once the app has
// stopped, and only then; every other report, before or after it, is kept whole.
func TestQuitLogDropsOnlyTheReloadAtQuit(t *testing.T) {
	var out bytes.Buffer
	var stopped atomic.Bool
	log.SetOutput(&quitLog{out: &out, stopped: &stopped})
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	fyne.LogError("Preferences load error:", io.ErrUnexpectedEOF) // a damaged file at the start
	stopped.Store(true)
	fyne.LogError("Preferences load error:", io.EOF)
	fyne.LogError("Failed on force saving preferences", errors.New("disk full"))
	log.Print("corepath: the last line")

	got := out.String()
	for _, want := range []string{"Cause: unexpected EOF", "Failed on force saving preferences", "Cause: disk full", "the last line"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q was dropped from:\n%s", want, got)
		}
	}
	if strings.Count(got, "Preferences load error") != 1 || strings.Contains(got, "Cause: EOF") || strings.Count(got, "  At: ") != 2 {
		t.Errorf("the reload at quit was not dropped, or more was:\n%s", got)
	}
}

// The tray's reports of its D-Bus connection closed at quit are dropped; its other errors, and
// the lines around, are kept.
func TestQuitLogDropsTheTraysClosedConnection(t *testing.T) {
	var out bytes.Buffer
	var stopped atomic.Bool
	log.SetOutput(&quitLog{out: &out, stopped: &stopped})
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	log.Print("systray error: failed to update menu version: dbus: connection closed by user")
	log.Print("systray error: failed to emit items properties updated signal: dbus: connection closed by user")
	log.Print("systray error: failed to export menu: org.freedesktop.DBus.Error.NoReply")
	log.Print("corepath: the last line")

	got := out.String()
	if strings.Contains(got, "closed by user") || !strings.Contains(got, "NoReply") || !strings.Contains(got, "the last line") {
		t.Errorf("the log kept:\n%s", got)
	}
}
