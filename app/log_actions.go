package app

// What the rest of the app asks of the Log screen: the menu's and the shortcuts' actions, the
// Today screen's buttons and the timer's tick go through these, never through its widgets.

// newSession puts the cursor in the past-session form's duration. A form the person has not
// typed in starts again from now; one they have typed in keeps what they typed (the date they
// picked, a note), which Ctrl+N from another screen would otherwise throw away unasked.
func (l *logScreen) newSession() {
	if len(l.form.touched) == 0 {
		l.form.reset()
	}
	l.u.Window().Canvas().Focus(l.form.duration)
}

// focusSearch puts the cursor in the search box.
func (l *logScreen) focusSearch() { l.u.Window().Canvas().Focus(l.filter.text) }

// prepareTimer picks the topic for the timer, ready to start, unless one is running.
func (l *logScreen) prepareTimer(topicID string) {
	if l.data.timer == nil {
		l.timer.topic.SetText(l.data.plan.TopicPath(topicID))
		l.u.Window().Canvas().Focus(l.timer.planned)
	}
}

// toggleTimer starts the timer on the topic picked, or asks how to stop the running one.
func (l *logScreen) toggleTimer() {
	if l.data.timer != nil {
		l.timer.askStop()
		return
	}
	l.timer.start()
}

// tick shows the running timer's time.
func (l *logScreen) tick() { l.timer.showElapsed() }

// showSessions shows a change of the sessions (and of the timer, when timer is set) without
// the rest of refresh: the plan's topic choices have not changed.
func (l *logScreen) showSessions(timer bool) {
	if timer {
		l.timer.refresh()
	}
	l.filter.tag.SetOptions(l.data.tags)
	l.applyFilters()
}
