package app

import (
	"fmt"
	"log"
)

// askBeforeQuit quits, or first asks when the Log form holds a session typed and not logged:
// quitting would lose it without a word.
func (u *UI) askBeforeQuit(quit func()) {
	typed := u.log.form.typed()
	if typed == "" {
		quit()
		return
	}
	u.askText("Quit without logging?", fmt.Sprintf("The Log form holds %s that you typed and did not log. Quit and lose it?", typed),
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
