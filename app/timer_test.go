package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"corepath/storage"
	"corepath/tracker"
)

func TestTimerPastItsPlanSaysSo(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("MPLS"), Start: h.now, Planned: 50 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	c := h.u.log.timer
	h.now = h.now.Add(49 * time.Minute)
	h.u.everySecond()
	if strings.Contains(c.info.Text, "past") || c.elapsed.Color != theme.Color(theme.ColorNameForeground) {
		t.Errorf("before the plan ends: %q", c.info.Text)
	}
	h.now = h.now.Add(3 * time.Minute)
	h.u.everySecond()
	if !strings.HasSuffix(c.info.Text, "planned 50m: 2m past it") || c.elapsed.Color != theme.Color(theme.ColorNameWarning) {
		t.Errorf("past the plan, the timer card says %q", c.info.Text)
	}
	if !strings.Contains(h.u.today.timer.Text, "2m past the planned 50m") {
		t.Errorf("Today's timer: %q", h.u.today.timer.Text)
	}
	if h.u.overPlan() != 2*time.Minute {
		t.Errorf("overPlan = %v", h.u.overPlan())
	}
}

// The stop dialog shows the time at which Stop was pressed, and saves that, however long the
// note takes to write.
func TestStopSavesWhatTheDialogShows(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.now = h.now.Add(100 * time.Second)
	h.u.toggleTimer()
	c := h.u.log.timer
	h.now = h.now.Add(3 * time.Minute)
	typeInto(c.stopNote, "a long note")
	test.Tap(c.stopSave)
	s, err := h.db.GetSession(h.u.sessions[0].id)
	if err != nil || s.Duration != 100*time.Second {
		t.Errorf("saved %v (%v); the dialog showed %s", s.Duration, err, tracker.FormatDuration(100*time.Second))
	}
}

// A save the store refuses (a note over the limit) leaves the stop dialog open with what was
// typed, so that it can be mended; the timer runs on until it is.
func TestARefusedStopKeepsTheDialogAndTheNote(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.now = h.now.Add(20 * time.Minute)
	h.u.toggleTimer()
	c := h.u.log.timer
	long := strings.Repeat("x", tracker.MaxNoteLen+1)
	c.stopNote.SetText(long)
	test.Tap(c.stopSave)
	if _, running, _ := h.db.Timer(); !running || !strings.Contains(dialogText(h), "the limit is") {
		t.Fatalf("after a refused save: timer running %v, the dialog on top says %q", running, dialogText(h))
	}
	stillOpen := false
	for _, o := range h.u.win.Canvas().Overlays().List() {
		walkTree(o, func(o fyne.CanvasObject) { stillOpen = stillOpen || o == c.stopSave })
	}
	if !stillOpen || c.stopNote.Text != long {
		t.Fatalf("after a refused save: stop dialog open %v, note kept %v", stillOpen, c.stopNote.Text == long)
	}
	h.u.dialogs[len(h.u.dialogs)-1].close() // OK on the error
	c.stopNote.SetText("short now")
	test.Tap(c.stopSave)
	s, err := h.db.GetSession(h.u.sessions[0].id)
	if err != nil || s.Note != "short now" || h.dialogOpen() {
		t.Errorf("after the mended save: %+v (%v), a dialog open %v", s, err, h.dialogOpen())
	}
}

// Undo of a start discards that timer only: once it was stopped outside the window and another
// started, Undo says so and leaves the other running.
func TestUndoOfAStartLeavesATimerStartedElsewhere(t *testing.T) {
	h := newHarness(t)
	c := h.u.log.timer
	typeInto(c.topic, "mpls")
	test.Tap(c.button)
	if h.u.timer == nil {
		t.Fatal("no timer")
	}
	h.now = h.now.Add(5 * time.Minute)
	if _, err := h.db.StopTimer(h.now, nil); err != nil { // as corepath stop would
		t.Fatal(err)
	}
	other, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now})
	if err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.Undo()
	running, ok, err := h.db.Timer()
	if err != nil || !ok || running.ID != other.ID {
		t.Fatalf("after Undo the timer is %+v (%v, %v), want BGP's still running", running, ok, err)
	}
	if !strings.Contains(h.u.status.Text, "no start to undo") || !strings.Contains(h.u.status.Text, "which is taken off the undo list") {
		t.Errorf("status %q", h.u.status.Text)
	}
	if h.u.undoButton.Visible() {
		t.Errorf("the Undo button still offers %q after its undo failed", h.u.undoButton.Text)
	}
	// With nothing changed outside, Undo discards the timer it started.
	if _, err := h.db.CancelTimer(); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	typeInto(c.topic, "ospf")
	test.Tap(c.button)
	h.u.Undo()
	if _, ok, _ := h.db.Timer(); ok {
		t.Error("Undo left the timer it started running")
	}
}

// A restore made outside the app (another file in the store's place) drops the undo steps,
// which would revert changes to data that is no longer there.
func TestARestoreFromOutsideClearsUndo(t *testing.T) {
	h := newHarness(t)
	saved := filepath.Join(t.TempDir(), "saved.db")
	if err := h.db.Backup(saved); err != nil {
		t.Fatal(err)
	}
	c := h.u.log.timer
	typeInto(c.topic, "mpls")
	test.Tap(c.button)
	if len(h.u.undoStack) == 0 {
		t.Fatal("nothing to undo")
	}
	if _, err := storage.Restore(h.db.Dir(), saved, storage.Options{Now: func() time.Time { return h.now }}); err != nil {
		t.Fatal(err)
	}
	h.u.checkForChanges() // the test driver runs fyne.Do at once
	if len(h.u.undoStack) != 0 || !strings.Contains(h.u.status.Text, "replaced outside the app") || h.u.undoButton.Visible() {
		t.Errorf("undo steps %d, status %q, undo button shown %v", len(h.u.undoStack), h.u.status.Text, h.u.undoButton.Visible())
	}
}

// tapInTopDialog taps the button with the label in the dialog on top, and fails without one.
func tapInTopDialog(t *testing.T, h *harness, label string) {
	t.Helper()
	var found *button
	walkTopDialog(h, func(o fyne.CanvasObject) {
		if b, ok := o.(*button); ok && b.Text == label {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("the dialog on top has no %q button", label)
	}
	test.Tap(found)
}

// Save in the stop dialog after the timer was stopped outside the window (a terminal, another
// window) puts what was typed on the session it became, leaves the timer started since alone,
// and is undone back to the session as it was made; it used to crash the app.
func TestStopAfterTheTimerWasStoppedElsewhereKeepsTheNote(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.now = h.now.Add(13 * time.Minute)
	h.u.toggleTimer()
	c := h.u.log.timer
	typeInto(c.stopNote, "LSA types")
	typeInto(c.stopTags, "lab")

	h.now = h.now.Add(2 * time.Minute)
	outside, err := h.db.StopTimer(h.now.Add(-time.Minute), func(s *tracker.Session) {
		s.Note, s.Tags, s.Focus = "typed in the terminal", []string{"cli"}, 4 // corepath stop --note … --tag cli --focus 4
	})
	if err != nil {
		t.Fatal(err)
	}
	next, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("MPLS"), Start: h.now})
	if err != nil {
		t.Fatal(err)
	}
	h.u.reload() // as the poll does
	test.Tap(c.stopSave)

	// What the terminal gave it stays; what was typed here is added.
	s, err := h.db.GetSession(outside.ID)
	if err != nil || s.Note != "typed in the terminal\nLSA types" || strings.Join(s.Tags, ",") != "cli,lab" || s.Focus != 4 || s.Duration != 14*time.Minute {
		t.Fatalf("the session stopped outside: %+v (%v)", s, err)
	}
	if running, ok, _ := h.db.Timer(); !ok || running.ID != next.ID {
		t.Errorf("the timer started outside since was touched: %+v %v", running, ok)
	}
	if !strings.Contains(h.u.status.Text, "The timer was stopped outside this window, at 20:14: what you typed was added to its session of 14m.") {
		t.Errorf("status %q", h.u.status.Text)
	}
	h.u.Undo()
	if s, _ := h.db.GetSession(outside.ID); s.Note != "typed in the terminal" || strings.Join(s.Tags, ",") != "cli" {
		t.Errorf("after the undo the session is %+v, want it as it was stopped outside", s)
	}
}

// Save after the timer was discarded outside offers to log what the dialog showed, with the
// note typed, instead of losing it.
func TestStopAfterTheTimerWasDiscardedElsewhereOffersToLogIt(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.now = h.now.Add(25 * time.Minute)
	h.u.toggleTimer()
	c := h.u.log.timer
	typeInto(c.stopNote, "route reflectors")
	if _, err := h.db.CancelTimer(); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	test.Tap(c.stopSave)
	if text := dialogText(h); !strings.Contains(text, "Log its 25m, from 20:00 to 20:25, with what you typed?") {
		t.Errorf("the question says:\n%s", text)
	}
	tapInTopDialog(t, h, "Log it")
	if len(h.u.sessions) != 1 {
		t.Fatalf("%d sessions after Log it", len(h.u.sessions))
	}
	s, _ := h.db.GetSession(h.u.sessions[0].id)
	if s.Note != "route reflectors" || s.Duration != 25*time.Minute || !s.Start.Equal(h.now.Add(-25*time.Minute)) {
		t.Errorf("logged %+v", s)
	}
}

// A timer that ends or starts outside the window is said on the status line when the app picks
// the change up, so that "Timing BGP." is not left standing over a timer that is gone.
func TestTheStatusLineSaysWhenTheTimerChangedOutside(t *testing.T) {
	h := newHarness(t)
	typeInto(h.u.log.timer.topic, "BGP")
	h.u.toggleTimer()
	if !strings.Contains(h.u.status.Text, "Timing BGP") {
		t.Fatalf("status %q", h.u.status.Text)
	}
	if _, err := h.db.CancelTimer(); err != nil {
		t.Fatal(err)
	}
	h.u.checkForChanges()
	if got := h.u.status.Text; got != "The timer for BGP ended outside this window (stopped or discarded)." {
		t.Errorf("after a cancel outside: %q", got)
	}
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("MPLS"), Start: h.now}); err != nil {
		t.Fatal(err)
	}
	h.u.checkForChanges()
	if got := h.u.status.Text; got != "A timer for MPLS was started outside this window." {
		t.Errorf("after a start outside: %q", got)
	}
	// A change of the app's own leaves its own message.
	h.now = h.now.Add(10 * time.Minute)
	h.u.toggleTimer()
	test.Tap(h.u.log.timer.stopSave)
	msg := h.u.status.Text
	if !strings.HasPrefix(msg, "Logged 10m of MPLS") {
		t.Fatalf("the app's stop says %q", msg)
	}
	h.u.checkForChanges()
	if h.u.status.Text != msg {
		t.Errorf("the app's own stop was reported as outside: %q, then %q", msg, h.u.status.Text)
	}
}

// A timer left running overnight is stopped at the time typed in Ended at: a time alone is the
// latest before Stop (00:20 is this morning's), one after Stop or before the start is refused
// under the field with the dialog kept open, and a timer past a day's limit can be saved so.
func TestTheStopDialogTakesWhenTheStudyEnded(t *testing.T) {
	h := newHarness(t)                                   // Wednesday 2026-11-25 20:00
	start := h.now.Add(-(20*time.Hour + 30*time.Minute)) // Tuesday 23:30
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: start, Planned: 50 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.toggleTimer()
	c := h.u.log.timer
	if !strings.Contains(dialogText(h), "Left running for 20h30m? Type when you stopped in Ended at, like 00:20.") {
		t.Errorf("the dialog says:\n%s", dialogText(h))
	}
	for _, bad := range []string{"today", "21:00", "2026-11-24 22:00", "half past"} { // today: midnight is no time typed
		c.stopEnded.SetText(bad)
		test.Tap(c.stopSave)
		if _, running, _ := h.db.Timer(); !running || !c.stopErr.Visible() {
			t.Errorf("Ended at %q: timer running %v, error shown %v (%q)", bad, running, c.stopErr.Visible(), c.stopErr.Text)
		}
	}
	c.stopEnded.SetText("00:20")
	test.Tap(c.stopSave)
	s, err := h.db.GetSession(h.u.sessions[0].id)
	if err != nil || !s.Start.Equal(start) || s.Duration != 50*time.Minute || h.dialogOpen() {
		t.Errorf("saved %+v (%v), a dialog open %v", s, err, h.dialogOpen())
	}
}

// A refused save leaves the time Stop was pressed as it was: the end typed next, or none, is
// measured against it, not against the end typed before the refusal.
func TestARefusedStopKeepsWhenStopWasPressed(t *testing.T) {
	h := newHarness(t) // 20:00
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-3 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.toggleTimer()
	c := h.u.log.timer
	c.stopEnded.SetText("18:00")
	c.stopNote.SetText(strings.Repeat("x", tracker.MaxNoteLen+1))
	test.Tap(c.stopSave)
	h.u.dialogs[len(h.u.dialogs)-1].close() // OK on the refusal
	c.stopNote.SetText("")
	c.stopEnded.SetText("")
	test.Tap(c.stopSave)
	s, err := h.db.GetSession(h.u.sessions[0].id)
	if err != nil || s.Duration != 3*time.Hour {
		t.Errorf("saved %v (%v), want the 3h to when Stop was pressed", s.Duration, err)
	}
}

// The stop dialog puts the cursor after the note the timer was started with, so that what is
// typed follows it.
func TestTheStopNoteIsTypedAfterTheStartsNote(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-time.Hour), Note: "LDP-IGP sync lab\nfirst part"}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.toggleTimer()
	c := h.u.log.timer
	test.Type(c.stopNote, " done")
	if c.stopNote.Text != "LDP-IGP sync lab\nfirst part done" {
		t.Errorf("the note reads %q", c.stopNote.Text)
	}
}
