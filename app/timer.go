package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// timerCard starts and stops the study timer. The running timer lives in the store, so it
// carries on across restarts and crashes, and a timer started in a terminal shows here too.
type timerCard struct {
	data    *appData
	u       logApp
	topic   *keySelectEntry // pick's field
	pick    *topicPicker
	planned *keyEntry
	button  *button
	elapsed *canvas.Text
	info    *widget.Label
	message *widget.Label
	content fyne.CanvasObject

	// the stop dialog, while it is open
	stopNote  *keyEntry
	stopTags  *keyEntry
	stopFocus *keySelect
	stopEnded *keyEntry // when the study ended, if not when Stop was pressed (a timer left running)
	stopErr   *widget.Label
	stopSave  *keyButton
	stopDlg   dialog.Dialog
	stopAt    time.Time       // when Stop was pressed: the end saved unless Ended at says another
	stopFor   tracker.Session // the timer it was opened for
}

func newTimerCard(data *appData, u logApp) *timerCard {
	c := &timerCard{data: data, u: u}
	c.pick = newTopicPicker(data, u, "Topic: a name, a word or initials")
	c.topic = c.pick.entry
	c.topic.onSubmit = u.toggleTimer
	c.pick.changed = func(string) { c.message.Hide() }
	c.planned = u.newEntry()
	c.planned.onSubmit = u.toggleTimer
	c.planned.SetPlaceHolder("Plan, like 50m (optional)")
	c.button = newIconButton("Start", theme.Icon(theme.IconNameMediaPlay), u.toggleTimer)
	c.button.Importance = widget.HighImportance
	c.elapsed = canvas.NewText("0:00:00", theme.Color(theme.ColorNameForeground))
	c.elapsed.TextSize = 34
	c.elapsed.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	c.info = widget.NewLabel("No timer running.")
	c.info.Wrapping = fyne.TextWrapWord
	c.message = newFieldError()
	c.content = widget.NewCard("Timer", "", container.NewVBox(
		c.pick.content, c.planned, c.message,
		container.NewBorder(nil, nil, nil, c.button, container.NewCenter(c.elapsed)),
		c.info,
	))
	return c
}

func (c *timerCard) refresh() {
	c.pick.update(c.topic.Text)
	if t := c.data.timer; t != nil {
		c.button.SetText("Stop")
		c.button.SetIcon(theme.Icon(theme.IconNameMediaStop))
		c.button.Importance = widget.DangerImportance
		c.topic.SetText(c.data.plan.TopicPath(t.TopicID))
		c.topic.Disable()
		c.planned.Disable()
		c.info.SetText(c.runningInfo())
	} else {
		c.button.SetText("Start")
		c.button.SetIcon(theme.Icon(theme.IconNameMediaPlay))
		c.button.Importance = widget.HighImportance
		c.topic.Enable()
		c.planned.Enable()
		c.info.SetText("No timer running.")
	}
	c.button.Refresh()
	c.showElapsed()
}

// elapsedText formats a running time as H:MM:SS.
func elapsedText(d time.Duration) string {
	d = max(d, 0).Truncate(time.Second)
	return fmt.Sprintf("%d:%02d:%02d", int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60)
}

// showElapsed shows the running time: in the warning colour, and saying by how much, once the
// timer is past its planned length; in a muted colour when no timer runs.
func (c *timerCard) showElapsed() {
	text, colour := "0:00:00", theme.ColorNamePlaceHolder
	if t := c.data.timer; t != nil {
		text, colour = elapsedText(c.data.opt.Now().Sub(t.Start)), theme.ColorNameForeground
		if over := c.data.overPlan(); over > 0 {
			colour = theme.ColorNameWarning
			c.info.SetText(c.runningInfo() + ": " + tracker.FormatDuration(over) + " past it")
		}
	}
	if col := theme.Color(colour); c.elapsed.Text != text || c.elapsed.Color != col {
		c.elapsed.Text, c.elapsed.Color = text, col
		c.elapsed.Refresh()
	}
}

// runningInfo describes the running timer: its topic, start and plan.
func (c *timerCard) runningInfo() string {
	t := c.data.timer
	info := fmt.Sprintf("%s since %s", c.data.plan.TopicPath(t.TopicID), t.Start.In(c.data.opt.Loc).Format("Mon 15:04"))
	if t.Planned > 0 {
		info += ", planned " + tracker.FormatDuration(t.Planned)
	}
	return info
}

// start starts a timer on the topic chosen in the card.
func (c *timerCard) start() {
	c.u.showScreen(screenLog)
	topic, err := c.pick.find()
	if err != nil {
		setError(c.message, fmt.Errorf("pick a topic to time first"))
		c.u.Window().Canvas().Focus(c.topic)
		return
	}
	var planned time.Duration
	if strings.TrimSpace(c.planned.Text) != "" {
		if planned, err = tracker.ParseDuration(c.planned.Text); err != nil {
			setError(c.message, err)
			return
		}
	}
	setError(c.message, nil)
	var started tracker.Session
	c.u.change("start timer", func(st tracker.Store) (msg string, err error) {
		started, err = st.StartTimer(tracker.Session{TopicID: topic.ID, Planned: planned, Start: c.data.opt.Now()})
		return fmt.Sprintf("Timing %s.", c.data.plan.TopicPath(started.TopicID)), err
	}, func(st tracker.Store) error {
		return cancelIfStill(st, &started, c.data.plan.TopicPath(started.TopicID))
	})
}

// cancelIfStill discards the timer started, if it is still the one running: a timer stopped
// since, by another window or the command line, and another started, must not be discarded in
// its place by an Undo.
func cancelIfStill(st tracker.Store, started *tracker.Session, topic string) error {
	running, ok, err := st.Timer()
	if err != nil {
		return err
	}
	if !ok || running.ID != started.ID {
		return tracker.Errorf(tracker.Conflict, "the timer started for %s has ended since, outside this window (stopped or discarded), so there is no start to undo; the timer running now, if any, was left as it is", topic)
	}
	_, err = st.CancelTimer()
	return err
}

// askStop opens the stop dialog: an optional note, tags and focus rating, then save.
func (c *timerCard) askStop() {
	t := c.data.timer
	if t == nil {
		return
	}
	c.u.showScreen(screenLog)
	c.stopNote = c.u.newMultiLineEntry()
	c.stopNote.SetPlaceHolder("What did you do? (optional)")
	c.stopNote.SetText(t.Note)
	// The cursor after the note given at the start, so that what is typed follows it.
	lines := strings.Split(t.Note, "\n")
	c.stopNote.CursorRow, c.stopNote.CursorColumn = len(lines)-1, utf8.RuneCountInString(lines[len(lines)-1])
	c.stopTags = c.u.newEntry()
	c.stopTags.SetPlaceHolder("Tags, separated with commas (optional)")
	c.stopTags.SetText(strings.Join(t.Tags, ", "))
	c.stopFocus = c.u.newSelect([]string{noFocus, "1", "2", "3", "4", "5"}, nil)
	c.stopFocus.SetSelected(noFocus)
	c.stopAt, c.stopFor = c.data.opt.Now(), *t
	elapsed := c.stopAt.Sub(t.Start)
	c.stopEnded = c.u.newEntry()
	c.stopEnded.SetPlaceHolder(c.stopAt.In(c.data.opt.Loc).Format("15:04") + ", now (or the time you stopped)")
	c.stopErr = newFieldError()
	form := widget.NewForm(
		widget.NewFormItem("Note", c.stopNote),
		widget.NewFormItem("Tags", c.stopTags),
		widget.NewFormItem("Focus", c.stopFocus),
		widget.NewFormItem("Ended at", container.NewVBox(c.stopEnded, c.stopErr)),
	)
	if tracker.LeftRunning(elapsed, t.Planned) {
		example := t.Start.Add(time.Hour)
		if t.Planned > 0 {
			example = t.Start.Add(t.Planned)
		}
		form.Append("", widget.NewLabel(fmt.Sprintf("Left running for %s? Type when you stopped in Ended at, like %s.",
			tracker.FormatDuration(elapsed), example.In(c.data.opt.Loc).Format("15:04"))))
	}
	title := fmt.Sprintf("Stop: %s of %s", tracker.FormatDuration(elapsed), c.data.plan.TopicPath(t.TopicID))
	c.stopSave = c.u.newButton("Save session", theme.Icon(theme.IconNameConfirm), nil)
	c.stopSave.Importance = widget.HighImportance
	discard := c.u.newButton("Discard timer", theme.Icon(theme.IconNameDelete), nil)
	keep := c.u.newButton("Keep running", nil, nil)
	d := dialog.NewCustomWithoutButtons(title, container.NewPadded(form), c.u.Window())
	d.SetButtons([]fyne.CanvasObject{keep, discard, c.stopSave})
	keep.OnTapped = d.Hide
	discard.OnTapped = func() {
		d.Hide()
		c.discard()
	}
	c.stopSave.OnTapped = func() {
		end, err := c.endedAt()
		if !setError(c.stopErr, err) {
			return
		}
		if c.stop(end) { // a refused save keeps the dialog, and what was typed in it, open
			d.Hide()
		}
	}
	if elapsed < tracker.MinSession {
		c.stopSave.Disable()
		form.Append("", widget.NewLabel("Under a minute: too short to log. Keep it running or discard it."))
	}
	c.stopDlg = d
	c.u.showDialog(d, submitIfEnabled(&c.stopSave.Button), c.stopNote)
	d.Resize(fyne.NewSize(480, 0))
}

// endedAt is the end the stop dialog saves: when Stop was pressed, or the time typed in Ended
// at, which must fall after the start and not after Stop. A time alone is the latest one
// before Stop: 00:20 after a timer left running overnight is this morning's.
func (c *timerCard) endedAt() (time.Time, error) {
	text := strings.TrimSpace(c.stopEnded.Text)
	if text == "" {
		return c.stopAt, nil
	}
	if err := tracker.NeedTimeOfDay(text); err != nil {
		return time.Time{}, err
	}
	loc := c.data.opt.Loc
	end, err := tracker.ParsePastTime(text, c.stopAt, c.stopFor.Start, loc)
	if err != nil {
		return end, err
	}
	switch start := c.stopFor.Start; {
	case end.After(c.stopAt):
		return end, tracker.Errorf(tracker.Invalid, "%s is after Stop was pressed, at %s: give the time you stopped", text, c.stopAt.In(loc).Format("15:04"))
	case !end.After(start):
		return end, tracker.Errorf(tracker.Invalid, "%s is not after the timer started, %s", text, start.In(loc).Format("Mon 15:04"))
	}
	return end, nil
}

// stop saves the running timer, ended at end, with what the stop dialog holds. The timer may
// have ended since the dialog opened, from the command line or another window; what was typed
// is not lost then: the session it became takes the note, tags and focus, and a timer
// discarded there is offered to be logged with them. A timer started since is left alone. It
// reports whether it saved: a refused save leaves the dialog open, so that the note can be
// mended.
func (c *timerCard) stop(end time.Time) bool {
	opened := c.stopFor
	note, tags := c.stopNote.Text, strings.Split(c.stopTags.Text, ",")
	focus, _ := strconv.Atoi(c.stopFocus.Selected)
	annotate := func(s *tracker.Session) { s.Note, s.Tags, s.Focus = note, tags, focus }
	var saved, before tracker.Session
	discarded := false
	changed := c.u.change("stop timer", func(st tracker.Store) (msg string, err error) {
		running, ok, err := st.Timer()
		if err != nil {
			return "", err
		}
		if ok && running.ID == opened.ID {
			if saved, err = st.StopTimer(end, annotate); err != nil {
				return "", err
			}
			return fmt.Sprintf("Logged %s of %s.", tracker.FormatDuration(saved.Duration), c.data.plan.TopicPath(saved.TopicID)), nil
		}
		if before, err = st.GetSession(opened.ID); tracker.ErrorCode(err) == tracker.NotFound {
			discarded = true
			return "", errUnchanged
		} else if err != nil {
			return "", err
		}
		saved = before
		addTyped(&saved, &opened, note, tags, focus)
		if saved, err = st.UpdateSession(saved); err != nil {
			return "", err
		}
		return fmt.Sprintf("The timer was stopped outside this window, at %s: what you typed was added to its session of %s.",
			saved.End().In(c.data.opt.Loc).Format("15:04"), tracker.FormatDuration(saved.Duration)), nil
	}, func(st tracker.Store) error {
		if before.ID != "" { // the session made outside: back to how it was made
			_, err := st.UpdateSession(before)
			return err
		}
		if _, err := st.DeleteSession(saved.ID); err != nil {
			return err
		}
		_, err := st.StartTimer(opened)
		return err
	})
	if discarded {
		c.stopDlg.Hide() // before the question, which hiding it afterwards would take down too
		c.offerDiscarded(opened, end, annotate)
	}
	return changed
}

// addTyped puts on s, a session stopped outside the window, what the person typed in the stop
// dialog opened for the timer opened, and keeps what the terminal gave it: a note typed (one
// that is not the timer's own) follows the session's, new tags join its tags, and a focus rating
// chosen replaces its rating.
func addTyped(s, opened *tracker.Session, note string, tags []string, focus int) {
	if typed := strings.TrimSpace(note); typed != "" && typed != strings.TrimSpace(opened.Note) {
		if own := strings.TrimSpace(s.Note); own == "" || own == strings.TrimSpace(opened.Note) {
			s.Note = typed
		} else {
			s.Note = own + "\n" + typed
		}
	}
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(opened.Tags, t) && !slices.Contains(s.Tags, t) {
			s.Tags = append(s.Tags, t)
		}
	}
	if focus != 0 {
		s.Focus = focus
	}
}

// offerDiscarded asks whether to log a timer discarded outside this window, up to end (when Stop
// was pressed, or the time typed in Ended at), with what the stop dialog held.
func (c *timerCard) offerDiscarded(t tracker.Session, end time.Time, annotate func(*tracker.Session)) {
	s := t
	s.ID, s.Running, s.Duration = "", false, end.Sub(t.Start).Truncate(time.Second)
	annotate(&s)
	topic := c.data.plan.TopicPath(t.TopicID)
	// The times are rounded as the duration is, and the end is the start plus it, so that the
	// three agree: 7m40s from 19:14 reads 8m, from 19:14 to 19:22.
	c.u.askText("The timer was discarded elsewhere",
		fmt.Sprintf("The timer for %s was discarded outside this window (the command line or another window), so there was nothing to stop. Log its %s, from %s to %s, with what you typed?",
			topic, tracker.FormatDuration(s.Duration), t.Start.Round(time.Minute).In(c.data.opt.Loc).Format("15:04"),
			t.Start.Round(time.Minute).Add(s.Duration.Round(time.Minute)).In(c.data.opt.Loc).Format("15:04")),
		"Leave it", "Log it", func() {
			logSession(c.u, s, func(_ tracker.Store, logged *tracker.Session) string {
				return fmt.Sprintf("Logged %s of %s.", tracker.FormatDuration(logged.Duration), topic)
			})
		})
}

func (c *timerCard) discard() {
	var t tracker.Session
	c.u.change("discard timer", func(st tracker.Store) (msg string, err error) {
		t, err = st.CancelTimer()
		return "Discarded the timer.", err
	}, func(st tracker.Store) error { _, err := st.StartTimer(t); return err })
}
