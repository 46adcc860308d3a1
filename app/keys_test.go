package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

// press sends a key as the desktop driver does: to the focused widget, else to the canvas.
func (h *harness) press(name fyne.KeyName) {
	c := h.u.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
	} else if c.OnTypedKey() != nil {
		c.OnTypedKey()(&fyne.KeyEvent{Name: name})
	}
}

// ctrlEnter sends Ctrl+Enter to the focused widget, as the driver sends a shortcut.
func (h *harness) ctrlEnter() {
	h.u.win.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault})
}

func (h *harness) dialogOpen() bool { return h.u.win.Canvas().Overlays().Top() != nil }

func TestEnterSavesTheLogForm(t *testing.T) {
	h := newHarness(t)
	h.u.newSession()
	f := h.u.log.form
	if h.u.win.Canvas().Focused() != f.duration {
		t.Fatal("Ctrl+N does not put the focus on the duration")
	}
	typeInto(f.duration, "1h30m")
	typeInto(f.topic, "OSPF")
	h.u.win.Canvas().Focus(f.topic)
	h.press(fyne.KeyReturn)
	if h.countSessions() != 1 {
		t.Fatalf("Enter in the topic field saved %d sessions", h.countSessions())
	}
	s, _ := h.db.GetSession(h.u.sessions[0].id)
	if s.Duration != 90*time.Minute || !s.End().Equal(h.now) {
		t.Errorf("saved %v from %v: it should end now, %v", s.Duration, s.Start, h.now)
	}

	// A note: Enter starts a new line, Ctrl+Enter saves, and Tab moves on instead of typing.
	typeInto(f.duration, "20m")
	typeInto(f.topic, "BGP")
	h.u.win.Canvas().Focus(f.note)
	test.Type(f.note, "first")
	h.press(fyne.KeyReturn)
	test.Type(f.note, "second")
	if f.note.Text != "first\nsecond" || h.countSessions() != 1 {
		t.Fatalf("Enter in the note: %q, %d sessions", f.note.Text, h.countSessions())
	}
	if f.note.AcceptsTab() {
		t.Error("the note keeps Tab, trapping keyboard users")
	}
	h.ctrlEnter()
	if h.countSessions() != 2 {
		t.Fatal("Ctrl+Enter in the note did not save")
	}
	// An invalid form is not saved by Enter.
	typeInto(f.duration, "soon")
	h.u.win.Canvas().Focus(f.duration)
	h.press(fyne.KeyReturn)
	if h.countSessions() != 2 || h.dialogOpen() {
		t.Error("Enter on an invalid form saved it or opened an error")
	}
}

func TestEnterInTheSearchGoesToTheListAndSpaceOrEnterEdits(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-3 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.findSessions()
	h.press(fyne.KeyReturn)
	if h.u.win.Canvas().Focused() != h.u.log.list {
		t.Fatalf("Enter in the search put the focus on %T", h.u.win.Canvas().Focused())
	}
	h.press(fyne.KeySpace)
	if !h.dialogOpen() || h.u.log.editDialog == nil {
		t.Error("Space on the list's row opened no edit dialog")
	}
	h.press(fyne.KeyEscape)
	h.u.log.editDialog = nil
	h.u.win.Canvas().Focus(h.u.log.list)
	h.press(fyne.KeyReturn)
	if !h.dialogOpen() || h.u.log.editDialog == nil {
		t.Error("Enter on the list's row opened no edit dialog")
	}
}

func TestPastSessionEndsNowAsTheDurationIsTyped(t *testing.T) {
	h := newHarness(t) // 20:00 on 2026-11-25
	f := h.u.log.form
	for _, c := range []struct{ typed, date, start string }{
		{"45m", "2026-11-25", "19:15"},
		{"2h", "2026-11-25", "18:00"},
		{"21h30m", "2026-11-24", "22:30"},
	} {
		typeInto(f.duration, c.typed)
		if f.date.entry.Text != c.date || f.start.Text != c.start || f.durationErr.Visible() {
			t.Errorf("%s: starts %s %s (%q); want %s %s", c.typed, f.date.entry.Text, f.start.Text, f.durationErr.Text, c.date, c.start)
		}
	}
	// Once the person sets the start, the duration no longer moves it.
	typeInto(f.start, "09:00")
	typeInto(f.duration, "1h")
	if f.start.Text != "09:00" {
		t.Errorf("the start moved to %s after being typed", f.start.Text)
	}
}

// Every dialog: the first field has the focus, Escape closes it and nothing is saved.
func TestEscapeClosesEveryDialogWithoutSaving(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-3 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	p := h.u.planner
	cases := []struct {
		name  string
		open  func()
		first func() fyne.Focusable // nil: the dialog has no field
	}{
		{"Add course", func() { p.degree.editCourse(nil) }, func() fyne.Focusable { return p.degree.dialogForm.code }},
		{"Add milestone", func() { p.milestones.edit(nil) }, func() fyne.Focusable { return p.milestones.dialogForm.title }},
		{"Add topic", func() { p.skills.editTopic(nil, "") }, func() fyne.Focusable { return p.skills.dialogName }},
		{"Edit session (a row selected)", func() { h.u.log.list.Select(0) }, func() fyne.Focusable { return h.u.log.editDialog.form.date.entry }},
		{"Export", h.u.chooseExport, nil},
		{"Import", func() { h.u.chooseImport(false) }, nil},
		{"Restore", h.u.settings.chooseRestore, nil},
		{"Remove course", func() { h.u.confirmRemove("course X", func() { t.Error("removed on Escape") }) }, nil},
		{"Error", func() { h.u.showError(tracker.Errorf(tracker.Invalid, "bad")) }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := h.u.stamp
			c.open()
			if !h.dialogOpen() {
				t.Fatal("no dialog")
			}
			if c.first != nil && h.u.win.Canvas().Focused() != c.first() {
				t.Errorf("the focus is on %T, not the first field", h.u.win.Canvas().Focused())
			}
			h.press(fyne.KeyEscape)
			if h.dialogOpen() || len(h.u.dialogs) != 0 {
				t.Fatal("Escape left the dialog open")
			}
			if h.u.reload(); h.u.stamp != before {
				t.Error("Escape saved something")
			}
		})
	}
}

// Every dialog with a default action saves on Enter from a single-line field.
func TestEnterSavesEveryDialog(t *testing.T) {
	h := newHarness(t)
	p := h.u.planner
	enterIn := func(f fyne.Focusable) { h.u.win.Canvas().Focus(f); h.press(fyne.KeyReturn) }

	p.degree.editCourse(nil)
	if p.degree.dialogMsg.Visible() {
		t.Error("the Add course dialog opens with an error")
	}
	typeInto(p.degree.dialogForm.code, "NET101")
	typeInto(p.degree.dialogForm.credits, "4")
	enterIn(p.degree.dialogForm.credits)
	if _, ok := findCourse(h, "NET101"); !ok || h.dialogOpen() {
		t.Error("Enter did not save the course and close the dialog")
	}

	p.milestones.edit(nil)
	typeInto(p.milestones.dialogForm.title, "Pass ENARSI")
	enterIn(p.milestones.dialogForm.title)
	if !hasMilestone(h, "Pass ENARSI") || h.dialogOpen() {
		t.Error("Enter did not save the milestone")
	}

	p.skills.editTopic(nil, "")
	typeInto(p.skills.dialogName, "Segment routing TI-LFA")
	enterIn(p.skills.dialogName)
	if _, err := tracker.MatchTopic(&h.u.plan, "Segment routing TI-LFA"); err != nil || h.dialogOpen() {
		t.Error("Enter did not save the topic")
	}

	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-3 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.log.editSession(h.u.log.rows[0])
	ed := h.u.log.editDialog
	typeInto(ed.form.duration, "50m")
	enterIn(ed.form.tags)
	if s, _ := h.db.GetSession(h.u.sessions[0].id); s.Duration != 50*time.Minute || h.dialogOpen() {
		t.Errorf("Enter in the edit dialog: %v", s.Duration)
	}

	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("MPLS"), Start: h.now.Add(-30 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.toggleTimer()
	c := h.u.log.timer
	if h.u.win.Canvas().Focused() != c.stopNote {
		t.Error("the stop dialog does not open on its note")
	}
	test.Type(c.stopNote, "LDP")
	h.ctrlEnter()
	if h.u.timer != nil || h.dialogOpen() {
		t.Error("Ctrl+Enter in the stop dialog's note did not save")
	}

	s := h.u.settings
	h.u.showScreen(screenSettings)
	typeInto(s.weekly, "14")
	if !s.goalsEdit.Visible() {
		t.Error("an edited goal is not marked as unsaved")
	}
	enterIn(s.weekly)
	if h.u.plan.Goals.WeeklyHours != 14 || s.goalsEdit.Visible() {
		t.Errorf("Enter in the weekly goal: %v, marked %v", h.u.plan.Goals.WeeklyHours, s.goalsEdit.Visible())
	}
	typeInto(s.streakMin, "30")
	if !s.streakEdit.Visible() {
		t.Error("an edited streak minimum is not marked as unsaved")
	}
	enterIn(s.streakMin)
	if h.u.plan.Settings.StreakMinutes != 30 {
		t.Error("Enter in the streak minimum did not save")
	}
}

func TestWelcomeOpensOnItsGoalAndEnterStarts(t *testing.T) {
	h := newHarness(t)
	w := h.u.maybeWelcome()
	if h.u.win.Canvas().Focused() != w.goal {
		t.Fatal("the welcome's goal field has no focus")
	}
	// Its default is selected: what is typed replaces it.
	test.Type(w.goal, "12")
	if w.goal.Text != "12" {
		t.Errorf("typing 12 in the welcome's goal gave %q", w.goal.Text)
	}
	typeInto(w.goal, "9")
	h.press(fyne.KeyEscape)
	if h.u.plan.Goals.WeeklyHours == 9 || h.dialogOpen() {
		t.Error("Escape did not close the welcome without saving")
	}
	w = h.u.maybeWelcome()
	typeInto(w.goal, "9")
	h.press(fyne.KeyReturn)
	if h.u.plan.Goals.WeeklyHours != 9 || h.dialogOpen() {
		t.Error("Enter did not start")
	}
}

func findCourse(h *harness, code string) (tracker.Course, bool) {
	for _, c := range h.u.plan.Courses {
		if c.Code == code {
			return c, true
		}
	}
	return tracker.Course{}, false
}

func hasMilestone(h *harness, title string) bool {
	for _, m := range h.u.plan.Milestones {
		if m.Title == title {
			return true
		}
	}
	return false
}

// A double click on delete asks once: the second click lands on the question, not on the next
// row, and Escape keeps the session.
func TestDeleteAsksSoADoubleClickRemovesOneAtMost(t *testing.T) {
	h := newHarness(t)
	for i := range 2 {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-time.Duration(i+2) * time.Hour), Duration: time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.log.deleteSession(h.u.log.rows[0])
	if h.countSessions() != 2 || !h.dialogOpen() {
		t.Fatal("delete removed a session without asking")
	}
	h.press(fyne.KeyEscape)
	if h.countSessions() != 2 || h.dialogOpen() {
		t.Fatal("Escape did not keep the session")
	}
	h.u.showScreen(screenLog)
	h.u.log.deleteSession(h.u.log.rows[0])
	h.press(fyne.KeyReturn)
	if h.countSessions() != 1 {
		t.Errorf("Enter on the question left %d sessions, want 1", h.countSessions())
	}
	if f := h.u.win.Canvas().Focused(); f != h.u.log.list {
		t.Errorf("after the delete the focus is on %T, not the list", f)
	}
}

// A shortcut does nothing behind an open dialog: Ctrl+2 under the welcome leaves Today shown.
func TestShortcutsWaitForTheOpenDialog(t *testing.T) {
	h := newHarness(t)
	h.u.maybeWelcome()
	h.u.typedShortcut(shortcutFor(fyne.Key2))
	if h.u.tabs.SelectedIndex() != screenToday || !h.dialogOpen() {
		t.Errorf("Ctrl+2 under the welcome: screen %d, dialog open %v", h.u.tabs.SelectedIndex(), h.dialogOpen())
	}
	h.press(fyne.KeyEscape)
	h.u.typedShortcut(shortcutFor(fyne.Key2))
	if h.u.tabs.SelectedIndex() != screenLog {
		t.Errorf("Ctrl+2 with no dialog: screen %d", h.u.tabs.SelectedIndex())
	}
}

// In a question, Enter presses the button that has the focus: Cancel dismisses, the other
// confirms; with neither focused, Enter confirms.
func TestEnterInAQuestionPressesTheFocusedButton(t *testing.T) {
	h := newHarness(t)
	c := h.u.win.Canvas()
	enter := func() { c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }
	removed := 0
	q := h.u.confirmRemove("course X", func() { removed++ })
	c.Focus(q.no)
	enter()
	if removed != 0 || len(h.u.dialogs) != 0 {
		t.Fatalf("Enter on Cancel: removed %d, %d dialogs open", removed, len(h.u.dialogs))
	}
	q = h.u.confirmRemove("course X", func() { removed++ })
	c.Focus(q.yes)
	enter()
	if removed != 1 || len(h.u.dialogs) != 0 {
		t.Fatalf("Enter on Remove: removed %d, %d dialogs open", removed, len(h.u.dialogs))
	}
	h.u.confirmRemove("course X", func() { removed++ })
	h.u.enter()
	if removed != 2 {
		t.Errorf("Enter with no button focused: removed %d", removed)
	}
}

// Quit with a session typed in the Log form and not logged asks first; Keep it leaves the
// app running with the form as it was.
func TestQuitAsksWhenTheLogFormHoldsATypedSession(t *testing.T) {
	h := newHarness(t)
	f := h.u.log.form
	if f.typed() != "" {
		t.Fatalf("an untouched form holds %q", f.typed())
	}
	typeInto(f.duration, "45m")
	typeInto(f.topic, "BGP")
	if f.typed() != "45m of BGP" {
		t.Fatalf("typed %q", f.typed())
	}
	quit := false
	h.u.askBeforeQuit(func() { quit = true })
	if quit || !h.dialogOpen() {
		t.Fatalf("quit at once: %v, dialog %v", quit, h.dialogOpen())
	}
	tapInTopDialog(t, h, "Keep it")
	if quit || f.duration.Text != "45m" || f.topic.Text != "BGP" {
		t.Errorf("after Keep it: quit %v, form %q %q", quit, f.duration.Text, f.topic.Text)
	}
	h.u.askBeforeQuit(func() { quit = true })
	tapInTopDialog(t, h, "Quit")
	if !quit {
		t.Error("Quit in the question did not quit")
	}
	f.reset()
	quit = false
	h.u.askBeforeQuit(func() { quit = true })
	if !quit {
		t.Error("an empty form asked before quitting")
	}
}

// Quit with a Settings card edited and not saved asks first too, naming the card.
func TestQuitAsksWhenSettingsHoldEditsNotSaved(t *testing.T) {
	h := newHarness(t)
	typeInto(h.u.settings.weekly, "15")
	quit := false
	h.u.askBeforeQuit(func() { quit = true })
	if quit || !strings.Contains(dialogText(h), "Settings > Weekly goals holds changes not saved. Quit and lose it?") {
		t.Fatalf("quit at once: %v; the question: %q", quit, dialogText(h))
	}
	tapInTopDialog(t, h, "Keep it")
	if quit || h.u.settings.weekly.Text != "15" {
		t.Errorf("after Keep it: quit %v, weekly %q", quit, h.u.settings.weekly.Text)
	}
}

// Ctrl+Page Down and Ctrl+Page Up (the Plan menu's Next tab and Previous tab, which the driver
// runs from any field) step through the Plan's tabs, round; from another screen they show the Plan.
func TestCtrlPageDownStepsThroughThePlansTabs(t *testing.T) {
	h := newHarness(t)
	items := map[string]*fyne.MenuItem{}
	for _, m := range h.u.win.MainMenu().Items {
		for _, it := range m.Items {
			items[it.Label] = it
		}
	}
	next, prev := items["Next tab"], items["Previous tab"]
	if next == nil || prev == nil || next.Shortcut.ShortcutName() != shortcutFor(fyne.KeyPageDown).ShortcutName() || prev.Shortcut.ShortcutName() != shortcutFor(fyne.KeyPageUp).ShortcutName() {
		t.Fatalf("the Plan menu's tab items: %v %v", next, prev)
	}
	h.u.planner.show(planMilestones)
	next.Action()
	if got := h.u.planner.tabs.SelectedIndex(); got != planSkills {
		t.Errorf("after Next tab: tab %d", got)
	}
	prev.Action()
	prev.Action()
	if got := h.u.planner.tabs.SelectedIndex(); got != len(h.u.planner.tabs.Items)-1 {
		t.Errorf("after Previous tab twice: tab %d, want the last", got)
	}
	h.u.showKeys() // behind a dialog, the tabs stay
	next.Action()
	if got := h.u.planner.tabs.SelectedIndex(); got != len(h.u.planner.tabs.Items)-1 {
		t.Errorf("Next tab behind a dialog moved to tab %d", got)
	}
	h.u.dialogs[len(h.u.dialogs)-1].close()
	h.u.showScreen(screenLog)
	next.Action()
	if h.u.tabs.SelectedIndex() != screenPlan || h.u.planner.tabs.SelectedIndex() != len(h.u.planner.tabs.Items)-1 {
		t.Errorf("Next tab from the Log: screen %d, tab %d", h.u.tabs.SelectedIndex(), h.u.planner.tabs.SelectedIndex())
	}
}

// Enter saves and Escape closes from a check box too, which Fyne's check box ignores: the
// milestone's Optional and After boxes, the rest days in Settings, and the export's format
// (a drop-down, which has the focus: Right picks the next format and Enter goes on).
func TestEnterAndEscapeFromCheckBoxesAndTheExportFormat(t *testing.T) {
	h := newHarness(t)
	p := h.u.planner
	press := func(f fyne.Focusable, key fyne.KeyName) {
		t.Helper()
		if h.u.win.Canvas().Focus(f); h.u.win.Canvas().Focused() != f {
			t.Fatalf("%T takes no focus", f)
		}
		h.press(key)
	}

	p.milestones.edit(nil)
	typeInto(p.milestones.dialogForm.title, "Pass ENCOR")
	press(p.milestones.dialogForm.optional, fyne.KeyEscape)
	if hasMilestone(h, "Pass ENCOR") || h.dialogOpen() {
		t.Fatal("Escape on Optional did not close the dialog without saving")
	}
	p.milestones.edit(nil)
	typeInto(p.milestones.dialogForm.title, "Pass ENARSI")
	test.Type(p.milestones.dialogForm.optional, " ")
	press(p.milestones.dialogForm.optional, fyne.KeyReturn)
	if !hasMilestone(h, "Pass ENARSI") || h.dialogOpen() {
		t.Fatal("Enter on Optional did not save the milestone")
	}
	p.milestones.edit(nil)
	typeInto(p.milestones.dialogForm.title, "Pass the lab")
	after := p.milestones.dialogForm.depends.boxes[0]
	test.Type(after, " ")
	press(after, fyne.KeyReturn)
	var lab tracker.Milestone
	for _, m := range h.u.plan.Milestones {
		if m.Title == "Pass the lab" {
			lab = m
		}
	}
	if len(lab.DependsOn) != 1 || h.dialogOpen() {
		t.Errorf("Enter on an After box: saved %+v, dialog open %v", lab, h.dialogOpen())
	}

	s := h.u.settings
	h.u.showScreen(screenSettings)
	sunday := s.restDays.boxes[6]
	test.Type(sunday, " ")
	if !s.streakEdit.Visible() {
		t.Error("a rest day ticked is not marked as unsaved")
	}
	press(sunday, fyne.KeyReturn)
	if rest := h.u.plan.Settings.RestDays; len(rest) != 1 || rest[0] != time.Sunday || s.streakEdit.Visible() {
		t.Errorf("Enter on a rest day: rest days %v", rest)
	}

	h.u.chooseExport()
	choice, ok := h.u.win.Canvas().Focused().(*keySelect)
	if !ok {
		t.Fatalf("the export dialog opens with the focus on %T", h.u.win.Canvas().Focused())
	}
	h.press(fyne.KeyRight)
	if choice.Selected != exportFormats[1].label {
		t.Errorf("Right picked %q", choice.Selected)
	}
	h.press(fyne.KeyEscape)
	if h.dialogOpen() {
		t.Error("Escape left the export dialog open")
	}
}

// With no field focused, Page Down, Page Up, Home, End and the arrows scroll the screen on show,
// which only the wheel did; not while a dialog is open. Escape leaves a field.
func TestTheKeysScrollTheScreen(t *testing.T) {
	h := newHarness(t)
	h.u.Window().Resize(fyne.NewSize(1024, 640))
	h.u.win.Canvas().Unfocus()
	for _, screen := range []int{screenToday, screenLog, screenReference, screenSettings} {
		h.u.showScreen(screen)
		h.u.Window().Resize(fyne.NewSize(1024, 640))
		h.u.win.Canvas().Unfocus()
		var page *container.Scroll
		switch screen {
		case screenToday:
			page = h.u.today.content.(*container.Scroll)
		case screenLog:
			page = h.u.log.page
		case screenReference:
			page = h.u.reference.content.(*container.Scroll)
		case screenSettings:
			page = h.u.settings.content.(*container.Scroll)
		}
		bottom := page.Content.Size().Height - page.Size().Height
		if bottom <= 0 {
			t.Fatalf("screen %d fits its window: nothing to scroll", screen)
		}
		h.press(fyne.KeyPageDown)
		if y, want := page.Offset.Y, min(page.Size().Height-40, bottom); y != want {
			t.Errorf("screen %d: Page Down scrolled to %g of a %g view, want %g", screen, y, page.Size().Height, want)
		}
		down := page.Offset.Y
		h.press(fyne.KeyUp)
		if page.Offset.Y != down-40 {
			t.Errorf("screen %d: Up scrolled from %g to %g", screen, down, page.Offset.Y)
		}
		h.press(fyne.KeyDown)
		if page.Offset.Y != down {
			t.Errorf("screen %d: Down scrolled back to %g, not %g", screen, page.Offset.Y, down)
		}
		h.press(fyne.KeyEnd)
		// Measured again: a word-wrapped label laid out at the view's width may have taken a
		// line more than it measured before the first scroll.
		bottom = page.Content.Size().Height - page.Size().Height
		if page.Offset.Y != bottom {
			t.Errorf("screen %d: End scrolled to %g, not %g", screen, page.Offset.Y, bottom)
		}
		h.press(fyne.KeyPageDown)
		if page.Offset.Y != bottom {
			t.Errorf("screen %d: Page Down at the end scrolled to %g", screen, page.Offset.Y)
		}
		h.press(fyne.KeyHome)
		if page.Offset.Y != 0 {
			t.Errorf("screen %d: Home scrolled to %g", screen, page.Offset.Y)
		}
	}
	// The Plan's Milestones tab scrolls its list.
	h.u.showScreen(screenPlan)
	h.u.Window().Resize(fyne.NewSize(1024, 640))
	h.u.win.Canvas().Unfocus()
	list := h.u.planner.milestones.list
	h.press(fyne.KeyPageDown)
	if y := list.GetScrollOffset(); y <= 0 {
		t.Errorf("Page Down on the Plan left its list at %g", y)
	}
	h.press(fyne.KeyHome)
	if y := list.GetScrollOffset(); y != 0 {
		t.Errorf("Home on the Plan left its list at %g", y)
	}
	// Escape leaves a field when no dialog is open, and then the keys scroll.
	h.u.showScreen(screenSettings)
	h.u.win.Canvas().Focus(h.u.settings.weekly)
	h.press(fyne.KeyEscape)
	h.press(fyne.KeyPageDown)
	if f := h.u.win.Canvas().Focused(); f != nil || h.u.settings.content.(*container.Scroll).Offset.Y == 0 {
		t.Errorf("after Escape in a field, the focus is on %T and Page Down did not scroll", f)
	}
	h.u.showScreen(screenToday)
	h.u.showError(tracker.Errorf(tracker.Invalid, "bad"))
	h.u.win.Canvas().Unfocus()
	h.press(fyne.KeyPageDown)
	if y := h.u.today.content.(*container.Scroll).Offset.Y; y != 0 {
		t.Errorf("Page Down behind a dialog scrolled the screen to %g", y)
	}
}

// Ctrl+N from another screen keeps what the person typed into the Log form (here a date picked
// for yesterday): the session must not land on today unasked.
func TestNewSessionKeepsWhatTheFormHolds(t *testing.T) {
	h := newHarness(t)
	h.u.newSession()
	f := h.u.log.form
	yesterday := h.now.AddDate(0, 0, -1).Format("2006-01-02")
	typeInto(f.date.entry, yesterday)
	typeInto(f.start, "20:00")
	h.u.showScreen(screenToday)
	h.u.newSession()
	if f.date.entry.Text != yesterday || f.start.Text != "20:00" {
		t.Fatalf("Ctrl+N reset the form to %s %s", f.date.entry.Text, f.start.Text)
	}
	if h.u.win.Canvas().Focused() != f.duration {
		t.Error("Ctrl+N does not put the focus on the duration")
	}
	typeInto(f.duration, "1h30m")
	typeInto(f.topic, "OSPF")
	h.press(fyne.KeyReturn)
	if h.countSessions() != 1 {
		t.Fatalf("Enter saved %d sessions", h.countSessions())
	}
	s, _ := h.db.GetSession(h.u.sessions[0].id)
	if got := s.Start.In(h.now.Location()).Format("2006-01-02 15:04"); got != yesterday+" 20:00" {
		t.Errorf("saved at %s, not %s 20:00", got, yesterday)
	}
	// Saved, the form starts again from now.
	h.u.newSession()
	if f.date.entry.Text != h.now.Format("2006-01-02") {
		t.Errorf("after the save Ctrl+N left the date at %s", f.date.entry.Text)
	}
}

// Switching screens takes the focus off the screen left: Home and the page keys then scroll the
// screen on show, and what is typed goes into no hidden field.
func TestSwitchingScreensDropsTheFocus(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenLog)
	f := h.u.log.form
	h.u.win.Canvas().Focus(f.topic)
	h.u.showScreen(screenToday)
	if got := h.u.win.Canvas().Focused(); got != nil {
		t.Fatalf("the focus stayed on %T of the Log screen", got)
	}
	h.press(fyne.KeyHome)
	for _, r := range "zz" {
		if c := h.u.win.Canvas(); c.Focused() != nil {
			c.Focused().TypedRune(r)
		} else if c.OnTypedRune() != nil {
			c.OnTypedRune()(r)
		}
	}
	if f.topic.Text != "" {
		t.Errorf("typing on Today went into the Log form's topic: %q", f.topic.Text)
	}
	// Ctrl+N still lands in the form.
	h.u.newSession()
	if h.u.win.Canvas().Focused() != f.duration {
		t.Error("Ctrl+N does not put the focus on the duration")
	}
}

// The date's calendar takes the keyboard: the arrows move the date a day or a week, Page Down a
// month, and Escape closes it with the focus back in the date.
func TestTheCalendarTakesTheKeyboard(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenLog)
	f := h.u.log.form
	typeInto(f.date.entry, "2026-11-20")
	test.Tap(f.date.button)
	c := h.u.win.Canvas()
	if _, ok := c.Focused().(*calendarKeys); !ok || c.Overlays().Top() == nil {
		t.Fatalf("the calendar did not open with the focus: %T", c.Focused())
	}
	steps := []struct {
		key  fyne.KeyName
		want string
	}{{fyne.KeyRight, "2026-11-21"}, {fyne.KeyUp, "2026-11-14"}, {fyne.KeyDown, "2026-11-21"}, {fyne.KeyLeft, "2026-11-20"}, {fyne.KeyPageUp, "2026-10-20"}}
	for _, s := range steps {
		h.press(s.key)
		if f.date.entry.Text != s.want {
			t.Errorf("after %s the date is %s, want %s", s.key, f.date.entry.Text, s.want)
		}
	}
	// A month from the 31st is the next month's last day, not a day into the month after.
	typeInto(f.date.entry, "2026-03-31")
	h.press(fyne.KeyPageUp)
	if f.date.entry.Text != "2026-02-28" {
		t.Errorf("Page Up from 2026-03-31: %s", f.date.entry.Text)
	}
	h.press(fyne.KeyEscape)
	if c.Overlays().Top() != nil || c.Focused() != fyne.Focusable(f.date.entry) {
		t.Errorf("Escape left the calendar open (%v) or the focus on %T", c.Overlays().Top() != nil, c.Focused())
	}
}
