package app

import (
	"os"
	"time"

	"github.com/fsnotify/fsnotify"

	"fyne.io/fyne/v2"

	"corepath/tracker"
)

// watch reloads when the store's file changes, so that a session logged in a terminal shows
// up here at once.
func (u *UI) watch() { watchFolder(u.db.Dir(), u.opt.Poll, u.quit, u.checkForChanges) }

// watchFolder calls changed after something in dir changes (a write to the store, or a
// restore's copy renamed over it: checkForChanges's stamp then says whether the store did),
// and on a slow poll behind that in case an event is missed; where dir cannot be watched it
// polls every poll instead. It returns when quit is closed.
func watchFolder(dir string, poll time.Duration, quit <-chan struct{}, changed func()) {
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w, err := fsnotify.NewWatcher(); err == nil {
		defer w.Close()
		if w.Add(dir) == nil {
			events, errs, poll = w.Events, w.Errors, max(poll, slowPoll)
		}
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	var settle <-chan time.Time // a commit writes more than once: look after the last write
	for {
		select {
		case <-quit:
			return
		case <-events:
			settle = time.After(50 * time.Millisecond)
		case <-errs: // an overflow or the like: the poll still looks
		case <-settle:
			settle = nil
			changed()
		case <-t.C:
			changed()
		}
	}
}

// slowPoll is how often the app looks for changes even when it watches the data folder.
const slowPoll = 10 * time.Second

// checkForChanges reloads if the store changed since the last load. It is called from the
// watch goroutine, so it touches the UI's state only through fyne.Do.
func (u *UI) checkForChanges() {
	stamp, err := u.db.Stamp()
	if err != nil {
		return // busy or gone for a moment: the next poll will tell
	}
	file, err := os.Stat(u.db.Path())
	fyne.Do(func() {
		// Another file in the store's place is a restore made outside the app: the undo steps
		// recorded before would revert changes to data that is no longer there.
		replaced := err == nil && u.storeFile != nil && !os.SameFile(u.storeFile, file) && len(u.undoStack) > 0
		if err == nil {
			u.storeFile = file
		}
		if replaced {
			u.undoStack = nil
		}
		if stamp != u.stamp {
			before := u.timer
			u.reload()
			u.sayTimerChanged(before)
		}
		if replaced {
			u.setStatus("The data was replaced outside the app (a restore): the changes made before can no longer be undone.")
		}
	})
}

// sayTimerChanged puts on the status line a timer that ended or started outside this window,
// so that a line saying "Timing BGP." is not left standing over a timer that is gone.
func (u *UI) sayTimerChanged(before *tracker.Session) {
	now := u.timer
	switch {
	case before != nil && (now == nil || now.ID != before.ID):
		msg := "The timer for " + u.plan.TopicPath(before.TopicID) + " ended outside this window (stopped or discarded)."
		if now != nil {
			msg += " A timer for " + u.plan.TopicPath(now.TopicID) + " runs now."
		}
		u.setStatus(msg)
	case before == nil && now != nil:
		u.setStatus("A timer for " + u.plan.TopicPath(now.TopicID) + " was started outside this window.")
	}
}
