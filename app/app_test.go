package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

// harness is the app over a real store in a temporary folder, with a clock the test moves.
type harness struct {
	t   *testing.T
	u   *UI
	db  *storage.DB
	app fyne.App
	now time.Time
	opt Options
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, now: time.Date(2026, 11, 25, 20, 0, 0, 0, loc)} // a Wednesday evening
	clock := func() time.Time { return h.now }
	h.db, err = storage.Open(t.TempDir(), storage.Options{Seed: resources.DefaultPlan, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	h.app = test.NewTempApp(t)
	h.opt = Options{Now: clock, Loc: loc, PrefsFile: filepath.Join(t.TempDir(), "app-settings.json")}
	h.u = New(h.app, h.db, h.opt)
	h.u.Window().Resize(fyne.NewSize(1200, 800))
	h.u.Window().Show()
	t.Cleanup(func() { h.u.Window().Close() })
	return h
}

func (h *harness) topicID(name string) string {
	h.t.Helper()
	p, _ := h.db.Plan()
	tp, err := tracker.MatchTopic(&p, name)
	if err != nil {
		h.t.Fatal(err)
	}
	return tp.ID
}

func (h *harness) countSessions() int {
	n := 0
	h.db.Sessions(tracker.Query{}, func(*tracker.Session) error { n++; return nil })
	return n
}

func typeInto(e fyne.Focusable, text string) {
	if entry, ok := e.(interface{ SetText(string) }); ok {
		entry.SetText("")
	}
	test.Type(e, text)
}

func TestLoggingThroughTheFormShowsInTheListAndTheWeek(t *testing.T) {
	h := newHarness(t)
	l := h.u.log
	if !l.save.Disabled() {
		t.Fatal("Save is enabled on an empty form")
	}
	typeInto(l.form.date.entry, "2026-11-24")
	typeInto(l.form.start, "18:00")
	typeInto(l.form.duration, "1h30m")
	typeInto(l.form.topic, "BGP")
	typeInto(l.form.tags, "lab, rr")
	typeInto(l.form.note, "Route reflector clusters")
	if l.save.Disabled() {
		t.Fatalf("Save stays disabled on a valid form: %q %q", l.form.durationErr.Text, l.form.topicErr.Text)
	}
	test.Tap(l.save)

	if len(l.rows) != 1 {
		t.Fatalf("the list shows %d sessions", len(l.rows))
	}
	row := l.list
	_ = row
	s, _ := h.db.GetSession(h.u.sessions[l.rows[0]].id)
	if s.Duration != 90*time.Minute || h.u.plan.TopicPath(s.TopicID) != "BGP" || strings.Join(s.Tags, ",") != "lab,rr" {
		t.Errorf("saved %+v", s)
	}
	if got := h.u.today.weekTotal.Text; !strings.HasPrefix(got, "1h30m of 10h (15%)") {
		t.Errorf("this week's total: %q", got)
	}
	if !strings.Contains(h.u.status.Text, "Logged 1h30m of BGP") {
		t.Errorf("status: %q", h.u.status.Text)
	}
	if l.form.duration.Text != "" || !l.save.Disabled() {
		t.Error("the form is not cleared after saving")
	}
}

func TestInvalidInputShowsAMessageAndSavesNothing(t *testing.T) {
	h := newHarness(t)
	f := h.u.log.form
	cases := []struct {
		field fyne.Focusable
		text  string
		label *widget.Label
		want  string
	}{
		{f.duration, "0m", f.durationErr, "from 1 minute to 24 hours"},
		{f.duration, "25h", f.durationErr, "from 1 minute to 24 hours"},
		{f.duration, "45", f.durationErr, "no unit"},
		{f.topic, "Token Ring", f.topicErr, "pick a topic from the list"},
		{f.start, "25:99", f.startErr, "HH:MM"},
		{f.date.entry, "2026-13-01", f.dateErr, "a year has no month 13"},
		{f.date.entry, "next week", f.dateErr, "YYYY-MM-DD"},
	}
	for _, c := range cases {
		typeInto(f.duration, "45m")
		typeInto(f.topic, "BGP")
		typeInto(f.start, "18:00")
		typeInto(f.date.entry, "2026-11-24")
		typeInto(c.field, c.text)
		if !c.label.Visible() || !strings.Contains(c.label.Text, c.want) {
			t.Errorf("%q: message %q (visible %v), want %q", c.text, c.label.Text, c.label.Visible(), c.want)
		}
		if !h.u.log.save.Disabled() {
			t.Errorf("%q: Save is enabled", c.text)
		}
	}
	// A session that would end in the future.
	typeInto(f.date.entry, "2026-11-25")
	typeInto(f.start, "19:30")
	typeInto(f.duration, "1h")
	typeInto(f.topic, "BGP")
	if !strings.Contains(f.durationErr.Text, "in the future") || !h.u.log.save.Disabled() {
		t.Errorf("future session: %q", f.durationErr.Text)
	}
	h.u.log.saveForm() // even called directly, nothing is saved
	if n := h.countSessions(); n != 0 {
		t.Errorf("%d sessions saved from invalid input", n)
	}
}

func TestTimerStartsTicksAndStops(t *testing.T) {
	h := newHarness(t)
	c := h.u.log.timer
	test.Tap(c.button) // no topic yet
	if !c.message.Visible() || h.u.timer != nil {
		t.Fatal("a timer started without a topic")
	}
	typeInto(c.topic, "mpls")
	typeInto(c.planned, "50m")
	test.Tap(c.button)
	if h.u.timer == nil || h.u.plan.TopicPath(h.u.timer.TopicID) != "MPLS" || h.u.timer.Planned != 50*time.Minute {
		t.Fatalf("timer = %+v", h.u.timer)
	}
	h.now = h.now.Add(52*time.Minute + 7*time.Second)
	test.AssertNotificationSent(t, fyne.NewNotification("Planned time reached", "MPLS: 50m done. Stop the timer or keep going."), h.u.everySecond)
	if c.elapsed.Text != "0:52:07" || !strings.HasPrefix(h.u.today.timer.Text, "0:52:07  MPLS") {
		t.Errorf("elapsed %q, today %q", c.elapsed.Text, h.u.today.timer.Text)
	}
	test.AssertNotificationSent(t, nil, h.u.everySecond) // once per timer
	test.Tap(c.button)                                   // opens the stop dialog
	if c.stopDlg == nil {
		t.Fatal("no stop dialog")
	}
	typeInto(c.stopNote, "LDP session protection")
	typeInto(c.stopTags, "lab")
	c.stopFocus.SetSelected("4")
	test.Tap(c.stopSave)
	if h.u.timer != nil || len(h.u.sessions) != 1 {
		t.Fatalf("after stop: timer %v, %d sessions", h.u.timer, len(h.u.sessions))
	}
	s, _ := h.db.GetSession(h.u.sessions[0].id)
	if s.Duration != 52*time.Minute+7*time.Second || s.Note != "LDP session protection" || s.Focus != 4 || s.Tags[0] != "lab" {
		t.Errorf("stopped session %+v", s)
	}
}

func TestRunningTimerResumesAfterRestart(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-10 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	again := New(test.NewTempApp(t), h.db, Options{Now: func() time.Time { return h.now }, Loc: h.now.Location()})
	if again.timer == nil || again.log.timer.elapsed.Text != "0:10:00" || again.log.timer.button.Text != "Stop" {
		t.Errorf("the timer did not resume: %v %q", again.timer, again.log.timer.elapsed.Text)
	}
}

func TestEditAndDeleteWithUndo(t *testing.T) {
	h := newHarness(t)
	s, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.Add(-5 * time.Hour), Duration: time.Hour, Note: "LSA types"})
	if err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	l := h.u.log
	l.editSession(l.rows[0])
	ed := l.editDialog
	if ed == nil || ed.form.duration.Text != "1h" || ed.form.topic.Text != "OSPF" {
		t.Fatalf("edit dialog not filled: %+v", ed)
	}
	typeInto(ed.form.duration, "6h")
	if !ed.save.Disabled() {
		t.Error("Save enabled for a session ending in the future")
	}
	typeInto(ed.form.duration, "45m")
	typeInto(ed.form.topic, "IS-IS")
	test.Tap(ed.save)
	got, _ := h.db.GetSession(s.ID)
	if got.Duration != 45*time.Minute || h.u.plan.TopicPath(got.TopicID) != "IS-IS" || got.Note != "LSA types" {
		t.Fatalf("after edit: %+v", got)
	}
	h.u.Undo()
	if got, _ = h.db.GetSession(s.ID); got.Duration != time.Hour || h.u.plan.TopicPath(got.TopicID) != "OSPF" {
		t.Fatalf("undo of the edit: %+v", got)
	}

	l.deleteSession(l.rows[0])
	if h.countSessions() != 1 || len(h.u.dialogs) != 1 {
		t.Fatal("delete did not ask first")
	}
	h.u.enter() // Enter confirms
	if h.countSessions() != 0 || len(l.rows) != 0 || !h.u.undoButton.Visible() {
		t.Fatal("delete did not remove the session or offer undo")
	}
	// Ctrl+Z, as the keyboard sends it.
	h.u.typedShortcut(&fyne.ShortcutUndo{})
	if got, err = h.db.GetSession(s.ID); err != nil || got.Note != "LSA types" || len(l.rows) != 1 {
		t.Errorf("undo of the delete: %+v %v", got, err)
	}
}

func TestShortcutsAndMenuSwitchScreens(t *testing.T) {
	h := newHarness(t)
	c := h.u
	for i, key := range []fyne.KeyName{fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key1} {
		c.typedShortcut(shortcutFor(key))
		if want := (i + 1) % 5; h.u.tabs.SelectedIndex() != want {
			t.Errorf("Ctrl+%s: screen %d, want %d", key, h.u.tabs.SelectedIndex(), want)
		}
	}
	c.typedShortcut(shortcutFor(fyne.KeyN))
	if h.u.tabs.SelectedIndex() != screenLog || h.u.Window().Canvas().Focused() != h.u.log.form.duration {
		t.Error("Ctrl+N does not open the session form")
	}
	c.typedShortcut(shortcutFor(fyne.KeyF))
	if h.u.Window().Canvas().Focused() != h.u.log.filter.text {
		t.Error("Ctrl+F does not focus the search")
	}
	// The main menu offers the same actions, with their shortcuts shown.
	labels := map[string]fyne.Shortcut{}
	for _, m := range h.u.Window().MainMenu().Items {
		for _, it := range m.Items {
			labels[it.Label] = it.Shortcut
		}
	}
	for _, want := range []string{"New session", "Start or stop the timer", "Undo", "Find sessions", "Today", "Settings", "Quit"} {
		if labels[want] == nil {
			t.Errorf("menu item %q missing or without a shortcut", want)
		}
	}
	for _, m := range h.u.Window().MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "Plan" {
				it.Action()
			}
		}
	}
	if h.u.tabs.SelectedIndex() != screenPlan {
		t.Error("View > Plan does not switch screens")
	}
	typeInto(h.u.log.timer.topic, "BGP")
	c.typedShortcut(shortcutFor(fyne.KeyT))
	if h.u.timer == nil {
		t.Error("Ctrl+T does not start the timer")
	}
}

func TestChangesFromTheTerminalAppear(t *testing.T) {
	h := newHarness(t)
	// Another process (the command line) logs a session through its own handle on the file.
	other, err := storage.Open(h.db.Dir(), storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return h.now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-time.Hour), Duration: 45 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	if h.u.opt.Poll > 2*time.Second {
		t.Fatalf("polls every %v", h.u.opt.Poll)
	}
	h.u.checkForChanges() // what the watch goroutine runs every poll
	if len(h.u.sessions) != 1 || !strings.HasPrefix(h.u.today.weekTotal.Text, "45m of") {
		t.Errorf("the terminal's session did not appear: %d sessions, %q", len(h.u.sessions), h.u.today.weekTotal.Text)
	}
}

func TestLoadAfterShowReadsOnceTheWindowIsPainted(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	st := &scanCounter{DB: h.db}
	u := New(test.NewTempApp(t), st, Options{Now: func() time.Time { return h.now }, Loc: h.now.Location(), LoadAfterShow: true})
	defer u.Window().Close()
	if len(u.sessions) != 0 || len(u.plan.Topics) != 0 || st.scans != 0 {
		t.Fatalf("New read the store (%d reads of the sessions) although asked to wait for the window", st.scans)
	}
	// Show would start the background check and the watch, which a test must not leave running.
	u.startFirstRead() // what Show does once win.Show has painted the first frame
	first := <-u.loading
	if first.err != nil || len(first.snap.sessions) != 1 || st.scans != 1 {
		t.Fatalf("the read in the background gave %v, %v, in %d reads of the sessions", first.snap, first.err, st.scans)
	}
	u.apply(first.snap) // what Show then does through fyne.Do
	if len(u.sessions) != 1 || !strings.HasPrefix(u.today.weekTotal.Text, "1h of") {
		t.Errorf("after the load: %d sessions, %q", len(u.sessions), u.today.weekTotal.Text)
	}
}

func TestHiddenScreensAreLaidOutAndFilledWhenShown(t *testing.T) {
	h := newHarness(t)
	tab := h.u.tabs.Items[screenPlan].Content.(*fyne.Container)
	if len(tab.Objects) != 0 {
		t.Fatal("the Plan screen is in the window before it is shown")
	}
	// Written from a terminal: the reload fills the screen shown, and the Plan screen when shown.
	if _, err := h.db.PutCourse(tracker.Course{Code: "NET101", Title: "Computer Networks", Credits: 4, Status: tracker.CourseCompleted, Grade: "A-"}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	if got := h.u.planner.degree.summary.Text; got != "" {
		t.Errorf("the hidden Plan screen was refreshed: %q", got)
	}
	h.u.showScreen(screenPlan)
	if len(tab.Objects) != 1 || tab.Objects[0] != h.u.planner.content {
		t.Fatalf("the Plan screen is not in its tab once shown: %v", tab.Objects)
	}
	if got := h.u.planner.degree.summary.Text; !strings.Contains(got, "4 of 120 credits earned · GPA 3.70") {
		t.Errorf("the Plan screen once shown: %q", got)
	}
	h.u.showScreen(screenToday)
	h.u.showScreen(screenPlan)
	if len(tab.Objects) != 1 {
		t.Errorf("the Plan screen was put into its tab twice: %d objects", len(tab.Objects))
	}
}

func TestRowIDsKeepTheSessionsIDs(t *testing.T) {
	h := newHarness(t)
	s, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	if got := h.u.sessions[0].id; got != s.ID {
		t.Errorf("the row's id reads %s, the session's is %s", got, s.ID)
	}
	h.u.removeRow("not an id")
	h.u.removeRow(s.ID)
	if len(h.u.sessions) != 0 {
		t.Errorf("the row is still there after removing %s", s.ID)
	}
}

// Ctrl+Z in a text field undoes the typing there, not the last saved change: a typo fixed in
// the search box must not remove the session just logged.
func TestCtrlZInATextFieldUndoesTheTyping(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("IS-IS"), Start: h.now.Add(-2 * time.Hour), Duration: 40 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.typedShortcut(shortcutFor(fyne.Key2)) // the Log screen
	l := h.u.log
	l.deleteSession(l.rows[0])
	h.u.enter() // a change to undo: the delete
	field := h.u.log.form.note
	h.u.win.Canvas().Focus(field)
	test.Type(field, "adjacency")
	h.u.typedShortcut(&fyne.ShortcutUndo{}) // as the keyboard sends it
	if h.countSessions() != 0 {
		t.Error("Ctrl+Z in the note undid the delete")
	}
	if field.Text == "adjacency" {
		t.Error("Ctrl+Z in the note did not undo the typing")
	}
	h.u.win.Canvas().Unfocus()
	h.u.typedShortcut(&fyne.ShortcutUndo{})
	if h.countSessions() != 1 {
		t.Error("Ctrl+Z outside a text field did not undo the delete")
	}
}

// An edit of a session deleted meanwhile (from the command line) says so in words, and offers
// to log it again as edited, so that what was typed is not lost.
func TestAnEditOfASessionDeletedMeanwhileSaysSo(t *testing.T) {
	h := newHarness(t)
	s, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	l := h.u.log
	l.editSession(l.rows[0])
	if _, err := h.db.DeleteSession(s.ID); err != nil {
		t.Fatal(err)
	}
	typeInto(l.editDialog.form.note, "RR clusters")
	test.Tap(l.editDialog.save)
	tapInTopDialog(t, h, "Log it again")
	if len(h.u.sessions) != 1 {
		t.Fatalf("%d sessions after Log it again", len(h.u.sessions))
	}
	again, _ := h.db.GetSession(h.u.sessions[0].id)
	if again.Note != "RR clusters" || again.Duration != time.Hour || !again.Start.Equal(s.Start) || again.ID == s.ID {
		t.Errorf("logged again: %+v", again)
	}
	if !strings.Contains(h.u.status.Text, "Logged 1h of BGP again, as edited.") {
		t.Errorf("status %q", h.u.status.Text)
	}
	h.u.Undo()
	if len(h.u.sessions) != 0 {
		t.Error("Undo did not take the session logged again away")
	}
}

// Ctrl+Z straight after Enter logged a session from the form undoes the log, though the
// emptied field kept the focus; once something is typed there, it undoes the typing.
func TestCtrlZAfterLoggingFromTheFormUndoesTheLog(t *testing.T) {
	h := newHarness(t)
	h.u.typedShortcut(shortcutFor(fyne.Key2)) // the Log screen
	f := h.u.log.form
	logFromTheForm := func() {
		typeInto(f.duration, "20m")
		typeInto(f.topic, "ospf")
		h.u.win.Canvas().Focus(f.topic)
		f.topic.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if h.countSessions() != 1 {
			t.Fatalf("Enter logged %d sessions", h.countSessions())
		}
	}
	logFromTheForm()
	h.u.typedShortcut(&fyne.ShortcutUndo{})
	if h.countSessions() != 0 {
		t.Fatalf("Ctrl+Z straight after the log left %d sessions", h.countSessions())
	}
	logFromTheForm()
	test.Type(f.topic, "b")
	h.u.typedShortcut(&fyne.ShortcutUndo{})
	if h.countSessions() != 1 {
		t.Error("Ctrl+Z after typing in the field undid the log")
	}
}

// An edit saved over a change made to the same session outside the window (the command line's
// edit of its note) asks first: Keep that change leaves it and drops the edit; Save mine writes
// the edit over it.
func TestAnEditOverAChangeMadeOutsideAsksFirst(t *testing.T) {
	for _, mine := range []bool{false, true} {
		h := newHarness(t)
		s, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("MPLS"), Start: h.now.Add(-2 * time.Hour), Duration: time.Minute, Note: "from cli"})
		if err != nil {
			t.Fatal(err)
		}
		h.u.reload()
		l := h.u.log
		l.editSession(l.rows[0])
		h.now = h.now.Add(time.Minute) // the command line's edit, a minute later
		outside := s
		outside.Note, outside.Tags = "CLI note changed", []string{"cli"}
		if _, err := h.db.UpdateSession(outside); err != nil {
			t.Fatal(err)
		}
		typeInto(l.editDialog.form.duration, "5m")
		test.Tap(l.editDialog.save)
		if text := dialogText(h); !strings.Contains(text, "it is now 1m of MPLS") || !strings.Contains(text, "note “CLI note changed”") {
			t.Fatalf("the question says:\n%s", text)
		}
		if mine {
			tapInTopDialog(t, h, "Save mine")
		} else {
			tapInTopDialog(t, h, "Keep that change")
		}
		got, _ := h.db.GetSession(s.ID)
		switch {
		case mine && (got.Duration != 5*time.Minute || got.Note != "from cli"):
			t.Errorf("Save mine stored %+v", got)
		case !mine && (got.Duration != time.Minute || got.Note != "CLI note changed" || len(got.Tags) != 1):
			t.Errorf("Keep that change stored %+v", got)
		}
		if h.dialogOpen() {
			t.Errorf("mine %v: a dialog is still open", mine)
		}
	}
}

// A store's first change takes its first backups; when they fail, the status line says so
// after what the change did, and neither hides the other.
func TestAFailedFirstBackupIsSaidBesideTheChange(t *testing.T) {
	h := newHarness(t)
	if h.u.backupNow(); !h.db.BackupPending() { // as the app's start does
		t.Fatal("a new store has no backup pending")
	}
	os.RemoveAll(h.db.BackupDir())
	if err := os.WriteFile(h.db.BackupDir(), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	typeInto(h.u.log.timer.topic, "BGP")
	h.u.toggleTimer()
	if s := h.u.status.Text; !strings.HasPrefix(s, "Timing ") || !strings.Contains(s, "The daily backup failed: ") {
		t.Errorf("status: %q", s)
	}
}

// An imported session longer than a day (the 26 hours a forgotten Toggl timer counted) can be
// edited: its note changes, and its length stays as imported.
func TestAnImportedLongSessionCanBeEdited(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-30 * time.Hour), Duration: 26 * time.Hour, Source: "toggl:abc/1"}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	l := h.u.log
	l.editSession(l.rows[0])
	typeInto(l.editDialog.form.note, "left running")
	if l.editDialog.save.Disabled() {
		t.Fatalf("Save is disabled: %q", l.editDialog.form.durationErr.Text)
	}
	test.Tap(l.editDialog.save)
	s, err := h.db.GetSession(h.u.sessions[0].id)
	if err != nil || s.Note != "left running" || s.Duration != 26*time.Hour {
		t.Errorf("after the edit: %+v (%v)", s, err)
	}
}
