package app

import "log"

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
