package app

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

func TestSettings(t *testing.T) {
	h := newHarness(t)
	s := h.u.settings
	typeInto(s.weekly, "twelve")
	if !s.saveGoals.Disabled() || !s.goalsErr.Visible() {
		t.Error("a bad goal is accepted")
	}
	if !s.goalsEdit.Visible() || strings.Contains(s.goalsEdit.Text, "press Enter or Save") {
		t.Errorf("beside the greyed Save: %q", s.goalsEdit.Text)
	}
	// Every field's problem is said at once.
	typeInto(s.trackGoals[tracker.TrackSkills], "1e2")
	typeInto(s.trackGoals[tracker.TrackDegree], "200")
	for _, want := range []string{`All tracks: "twelve" is not a number of hours`, `Skills: "1e2" is not a number of hours`, "Degree: give 0 to 168 hours a week"} {
		if !strings.Contains(s.goalsErr.Text, want) {
			t.Errorf("the goals' problems read %q, without %q", s.goalsErr.Text, want)
		}
	}
	typeInto(s.trackGoals[tracker.TrackSkills], "")
	typeInto(s.trackGoals[tracker.TrackDegree], "")
	typeInto(s.weekly, "12")
	if !strings.Contains(s.goalsEdit.Text, "press Enter or Save") {
		t.Errorf("beside Save: %q", s.goalsEdit.Text)
	}
	typeInto(s.trackGoals[tracker.TrackSkills], "6")
	test.Tap(s.saveGoals)
	if g := h.u.plan.Goals; g.WeeklyHours != 12 || g.TrackHours[tracker.TrackSkills] != 6 {
		t.Errorf("goals = %+v", g)
	}
	s.weekStart.SetSelected("Sunday")
	if h.u.plan.Settings.WeekStart != time.Sunday {
		t.Error("week start not saved")
	}
	s.theme.SetSelected("Dark")
	if h.u.prefs.String(prefTheme, "") != themeDark {
		t.Error("theme not saved")
	}
	s.backupNow()
	backups, _ := filepath.Glob(filepath.Join(h.db.BackupDir(), "corepath-*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if info, _ := os.Stat(backups[0]); info.Size() == 0 {
		t.Error("empty backup")
	}
	test.AssertNotificationSent(t, nil, h.u.checkNotifications) // off until turned on
	typeInto(s.reminderAt, "19:30")
	s.reminderOn.SetChecked(true)
	test.AssertNotificationSent(t, nil, h.u.checkNotifications) // 19:30 has passed: from tomorrow
	h.now = h.now.Add(24 * time.Hour)
	test.AssertNotificationSent(t, fyne.NewNotification("Corepath", "Time to study: even 25 minutes keeps the streak going."), h.u.checkNotifications)
	test.AssertNotificationSent(t, nil, h.u.checkNotifications) // once a day
}

func TestStreakSettings(t *testing.T) {
	h := newHarness(t)
	s := h.u.settings
	typeInto(s.streakMin, "0")
	if !s.saveStreak.Disabled() {
		t.Error("a zero minimum is accepted")
	}
	typeInto(s.streakMin, "30")
	s.restDays.SetSelected([]string{"Sat", "Sun"})
	typeInto(s.vacations, "2026-12-24 2026-12-23")
	if !s.saveStreak.Disabled() || !strings.Contains(s.streakErr.Text, "ends before it starts") {
		t.Errorf("a backwards vacation: %q", s.streakErr.Text)
	}
	typeInto(s.vacations, "2026-12-24 2027-01-02")
	test.Tap(s.saveStreak)
	st := h.u.plan.Settings
	if st.StreakMinutes != 30 || len(st.RestDays) != 2 || st.RestDays[0] != time.Sunday || len(st.Vacations) != 1 || st.Vacations[0].To != "2027-01-02" {
		t.Errorf("settings: %+v", st)
	}
	if !strings.Contains(h.u.today.streakSub.Text, "30 minutes") {
		t.Errorf("Today does not follow: %q", h.u.today.streakSub.Text)
	}
}

func TestBackupAndRestoreFromSettings(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.settings.backupNow()
	backups, _ := filepath.Glob(filepath.Join(h.db.BackupDir(), "corepath-manual-2026*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups) // named as the command line's corepath backup names them
	}
	h.u.log.removeSession(h.u.sessions[0].id)
	if len(h.u.sessions) != 0 {
		t.Fatal("not deleted")
	}
	h.u.settings.restore(backups[0])
	if len(h.u.sessions) != 1 || !strings.Contains(h.u.settings.backupMsg.Text, "The store it replaced is backed up in") {
		t.Errorf("after restore: %d sessions, %q", len(h.u.sessions), h.u.settings.backupMsg.Text)
	}
	h.u.settings.restore(filepath.Join(t.TempDir(), "missing.db"))
	if len(h.u.sessions) != 1 {
		t.Error("a failed restore changed the data")
	}
}

// A reminder that was turned on shows as kept when Settings is built, and building it does not
// store it again (it once did, before the time field existed, and crashed).
func TestTheReminderIsShownAsKept(t *testing.T) {
	h := newHarness(t)
	h.u.prefs.SetBool(prefReminderOn, true)
	h.u.prefs.SetString(prefReminderAt, "21:15")
	before, err := os.Stat(h.opt.PrefsFile)
	if err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t), h.db, h.opt)
	defer u.Window().Close()
	if s := u.settings; !s.reminderOn.Checked || s.reminderAt.Text != "21:15" {
		t.Errorf("the reminder shows as %v at %q", s.reminderOn.Checked, s.reminderAt.Text)
	}
	if after, err := os.Stat(h.opt.PrefsFile); err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("building Settings wrote the settings again (%v)", err)
	}
}

// Enter presses a plain button that has the focus, as Space does, and not a disabled one.
func TestEnterPressesTheFocusedButton(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenSettings)
	s := h.u.settings
	typeInto(s.weekly, "twelve")
	s.saveGoals.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if h.u.plan.Goals.WeeklyHours == 12 || !s.saveGoals.Disabled() {
		t.Fatal("a disabled button took Enter")
	}
	typeInto(s.weekly, "12")
	c := h.u.win.Canvas()
	c.Focus(s.saveGoals)
	if c.Focused() != fyne.Focusable(s.saveGoals) {
		t.Fatalf("the focus is on %T", c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if h.u.plan.Goals.WeeklyHours != 12 {
		t.Errorf("Enter on the focused Save goals left the goal at %v", h.u.plan.Goals.WeeklyHours)
	}
}

// Settings edited and not saved keep what was typed when the store changes under them (a log
// from the command line), with their notice; once saved, the fields follow the store again.
func TestUnsavedSettingsSurviveAChangeOutside(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenSettings)
	s := h.u.settings
	typeInto(s.streakMin, "20")
	s.restDays.SetSelected([]string{"Sun"})
	typeInto(s.weekly, "14")
	if !s.streakEdit.Visible() || !s.goalsEdit.Visible() {
		t.Fatal("the edits are not marked unsaved")
	}
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("IS-IS"), Start: h.now.Add(-3 * time.Hour), Duration: 20 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	h.u.checkForChanges()
	if s.streakMin.Text != "20" || len(s.restDays.Selected()) != 1 || s.weekly.Text != "14" || !s.streakEdit.Visible() || !s.goalsEdit.Visible() {
		t.Errorf("after a change outside: streak %q, rest %v, weekly %q, notices %v %v", s.streakMin.Text, s.restDays.Selected(), s.weekly.Text, s.streakEdit.Visible(), s.goalsEdit.Visible())
	}
	s.storeGoals()
	if p, _ := h.db.Plan(); p.Goals.WeeklyHours != 14 || s.goalsEdit.Visible() {
		t.Errorf("saved goals %v, notice %v", p.Goals, s.goalsEdit.Visible())
	}
}

// Goals kept from before the tracks' goals had to fit in the week's are shown as they are, not
// as an unsaved edit, and follow the store when it changes.
func TestGoalsFromBeforeTheRuleFollowTheStore(t *testing.T) {
	h := newHarness(t)
	if err := h.db.PutGoals(tracker.Goals{WeeklyHours: 12, TrackHours: map[tracker.Track]float64{tracker.TrackDegree: 25}}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.showScreen(screenSettings)
	s := h.u.settings
	if s.goalsEdit.Visible() || s.goalsErr.Visible() {
		t.Fatalf("goals from before read as an unsaved edit: %q", s.goalsErr.Text)
	}
	if err := h.db.PutGoals(tracker.Goals{WeeklyHours: 30, TrackHours: map[tracker.Track]float64{tracker.TrackDegree: 10}}); err != nil {
		t.Fatal(err)
	}
	h.u.checkForChanges()
	if s.weekly.Text != "30" || s.trackGoals[tracker.TrackDegree].Text != "10" {
		t.Errorf("after a change outside: weekly %q, degree %q", s.weekly.Text, s.trackGoals[tracker.TrackDegree].Text)
	}
}

// Restore's question says what the backup holds against what the store holds now, so that the
// sessions a restore would lose are seen first; a file that is no good backup is refused before
// any question.
func TestRestoreSaysWhatTheBackupHolds(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-3 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	backup, err := h.db.ManualBackup()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.Add(-time.Hour), Duration: 30 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.settings.confirmRestore(backup)
	if text := dialogText(h); !strings.Contains(text, "which holds 1 session? Your data holds 2 sessions now, and is backed up first") {
		t.Errorf("the question says %q", text)
	}
	h.u.dialogs[len(h.u.dialogs)-1].close()
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte(strings.Repeat("not a store\n", 100)), 0o600)
	h.u.settings.confirmRestore(junk)
	if text := dialogText(h); strings.Contains(text, "Replace your data") || !strings.Contains(text, "junk.db") {
		t.Errorf("a file that is no backup: %q", text)
	}
}

// The reminder's time field is as wide as a time needs, not stretched across a wide window,
// where its end went under the page's scroll bar.
func TestTheReminderTimeIsNotStretched(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenSettings)
	h.u.Window().Resize(fyne.NewSize(1180, 760))
	if w := h.u.settings.reminderAt.Size().Width; w < 80 || w > 200 {
		t.Errorf("the reminder's time field is %g wide", w)
	}
}

// failingOpener is an app whose desktop has no handler for folders, as a bare Linux without
// xdg-open.
type failingOpener struct{ fyne.App }

func (failingOpener) OpenURL(*url.URL) error {
	return errors.New(`exec: "xdg-open": executable file not found in $PATH`)
}

// Where no file manager can be started, Open folder says so in words, not in the launcher's, and
// puts the folder's path on the clipboard.
func TestOpenFolderWithoutAFileManagerGivesThePath(t *testing.T) {
	h := newHarness(t)
	h.u.app = failingOpener{h.u.app}
	dir := h.db.Dir()
	h.u.openFolder(dir)
	if got := h.u.app.Clipboard().Content(); got != dir {
		t.Errorf("the clipboard holds %q, want %q", got, dir)
	}
	if !h.dialogOpen() || strings.Contains(h.u.status.Text, "xdg-open") || !strings.Contains(h.u.status.Text, dir) {
		t.Errorf("dialog open %v, status %q", h.dialogOpen(), h.u.status.Text)
	}
}

// A reminder turned on after its time today starts tomorrow, and says so; before its time, it
// comes today.
func TestAReminderTurnedOnLateStartsTomorrow(t *testing.T) {
	h := newHarness(t) // now: 20:00
	h.u.showScreen(screenSettings)
	s := h.u.settings
	typeInto(s.reminderAt, "07:30")
	s.reminderOn.SetChecked(true)
	if !strings.Contains(h.u.status.Text, "from tomorrow") {
		t.Errorf("status: %q", h.u.status.Text)
	}
	sent := 0
	h.u.app = notifyCounter{h.u.app, &sent}
	h.u.checkNotifications()
	if sent != 0 {
		t.Errorf("a reminder at 07:30 turned on at 20:00 was sent at once")
	}
	typeInto(s.reminderAt, "21:15")
	h.u.checkNotifications()
	if sent != 0 || !strings.Contains(h.u.status.Text, "21:15, from today") {
		t.Errorf("sent %d; status %q", sent, h.u.status.Text)
	}
	h.now = h.now.Add(80 * time.Minute) // 21:20
	h.u.checkNotifications()
	h.u.checkNotifications()
	if sent != 1 {
		t.Errorf("at 21:20 the reminder moved to 21:15 was sent %d times, want once", sent)
	}
	s.reminderOn.SetChecked(false)
	if h.u.status.Text != "The daily reminder is off." {
		t.Errorf("status: %q", h.u.status.Text)
	}
}

// notifyCounter counts the notifications an app sends.
type notifyCounter struct {
	fyne.App
	sent *int
}

func (n notifyCounter) SendNotification(*fyne.Notification) { *n.sent++ }
