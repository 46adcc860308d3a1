package app

import (
	"fmt"
	"log"
	"strings"

	"fyne.io/fyne/v2/widget"
)

// askBeforeQuit quits, or first asks when the Log form holds a session typed and not logged, or
// a card of Settings or the degree's program holds edits not saved: quitting would lose them
// without a word.
func (u *UI) askBeforeQuit(quit func()) {
	var unsaved []string
	if typed := u.log.form.typed(); typed != "" {
		unsaved = append(unsaved, fmt.Sprintf("the Log form holds %s that you typed and did not log", typed))
	}
	for _, edit := range []struct {
		label *widget.Label
		where string
	}{{u.settings.goalsEdit, "Settings > Weekly goals"}, {u.settings.streakEdit, "Settings > Streak"}, {u.planner.degree.progEdit, "Plan > Degree's program"}} {
		if edit.label.Visible() {
			unsaved = append(unsaved, edit.where+" holds changes not saved")
		}
	}
	if len(unsaved) == 0 {
		quit()
		return
	}
	title := "Quit without saving?"
	if len(unsaved) == 1 && u.log.form.typed() != "" {
		title = "Quit without logging?"
	}
	u.askText(title, fmt.Sprintf("%s. Quit and lose %s?", upperFirst(strings.Join(unsaved, "; ")), map[bool]string{true: "it", false: "them"}[len(unsaved) == 1]),
		"Keep it", "Quit", quit)
}

// quitApp saves the window's size and ends the app. Fyne 2.8.1's Quit dereferences a nil watcher as
// its last step when it could not watch its settings file at the start (the user's inotify
// instances used up: "too many open files", common beside IDEs and sync tools). By then the
// windows are closed and the driver stopped, so that failure is logged, not a crash.
func (u *UI) quitApp() {
	u.saveWindowSize()
	defer func() {
		if r := recover(); r != nil {
			log.Printf("Corepath quit; Fyne could not stop watching its settings file (%v)", r)
		}
	}()
	u.app.Quit()
}
