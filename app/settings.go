package app

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// Interface settings live in the app's settings file (prefs.go); study settings (goals, the
// first day of the week) live in the store, since the command line's reports use them too.
const (
	prefReminderOn   = "reminder.on"
	prefReminderAt   = "reminder.at" // HH:MM
	prefReminderSent = "reminder.sent"
)

// settingsApp is what the Settings screen needs of the app besides the data it shows and the
// store's backups: the preferences and the theme, the app's fields, undoable changes, and
// dialogs over its window.
type settingsApp interface {
	preferences() *prefs
	setTheme(choice string)
	openFolder(dir string)
	newEntry() *keyEntry
	newMultiLineEntry() *keyEntry
	newChecks(options []string, horizontal bool, changed func([]string)) *keyChecks
	change(label string, apply func(tracker.Store) (string, error), revert func(tracker.Store) error) bool
	restored(message string)
	showError(err error)
	setStatus(message string)
	showDialog(d dialog.Dialog, submit func(), first fyne.Focusable)
	askText(title, message, dismiss, confirm string, onConfirm func()) *question
	showFileDialog(d *dialog.FileDialog)
	Window() fyne.Window
}

// backupStore is what the Settings screen needs of the store: its folder, backups and restore.
type backupStore interface {
	Dir() string
	BackupDir() string
	ManualBackup() (string, error)
	InspectBackup(path string) (tracker.Backup, error)
	Restore(from string) (string, error)
}

type settingsScreen struct {
	data       *appData
	app        settingsApp
	store      backupStore
	theme      *widget.RadioGroup
	weekStart  *widget.RadioGroup
	weekly     *keyEntry
	trackGoals map[tracker.Track]*keyEntry
	goalsErr   *widget.Label
	goalsEdit  *widget.Label // "not saved yet", while the fields differ from the stored goals
	saveGoals  *button
	folder     *widget.Label
	backup     *button
	backupMsg  *widget.Label
	reminderOn *widget.Check
	reminderAt *keyEntry
	remindErr  *widget.Label

	streakMin  *keyEntry
	restDays   *keyChecks
	vacations  *keyEntry // one range a line: 2026-12-24 2027-01-02
	streakErr  *widget.Label
	streakEdit *widget.Label
	saveStreak *button

	sync *syncSection // Settings > Sync, in app/sync.go

	content fyne.CanvasObject
}

var themeChoices = map[string]string{"System": themeSystem, "Light": themeLight, "Dark": themeDark}

func newSettingsScreen(data *appData, app settingsApp, store backupStore, sync *syncSection) *settingsScreen {
	s := &settingsScreen{data: data, app: app, store: store, sync: sync, trackGoals: map[tracker.Track]*keyEntry{}, goalsEdit: newUnsavedLabel(), streakEdit: newUnsavedLabel()}
	prefs := app.preferences()
	s.theme = widget.NewRadioGroup([]string{"System", "Light", "Dark"}, func(choice string) {
		if v, ok := themeChoices[choice]; ok {
			app.setTheme(v)
		}
	})
	s.theme.Horizontal = true
	for label, v := range themeChoices {
		if v == prefs.String(prefTheme, themeSystem) {
			s.theme.Selected = label
		}
	}
	s.weekStart = widget.NewRadioGroup([]string{"Monday", "Sunday"}, s.setWeekStart)
	s.weekStart.Horizontal = true

	// Enter in a field saves its card; a card whose fields differ from what is stored says so.
	saveGoalsIfValid := func() {
		if !s.saveGoals.Disabled() {
			s.storeGoals()
		}
	}
	s.weekly = app.newEntry()
	s.weekly.OnChanged = func(string) { s.checkGoals() }
	s.weekly.onSubmit = saveGoalsIfValid
	goals := widget.NewForm(widget.NewFormItem("All tracks", s.weekly))
	for _, tr := range tracker.Tracks {
		e := app.newEntry()
		e.SetPlaceHolder("no goal")
		e.OnChanged = func(string) { s.checkGoals() }
		e.onSubmit = saveGoalsIfValid
		s.trackGoals[tr] = e
		goals.Append(tr.Label(), e)
	}
	s.goalsErr = newFieldError()
	s.saveGoals = newPlainButton("Save goals", s.storeGoals)

	s.folder = widget.NewLabel(store.Dir())
	s.folder.Wrapping = fyne.TextWrapBreak
	open := newIconButton("Open folder", theme.Icon(theme.IconNameFolderOpen), func() { app.openFolder(store.Dir()) })
	s.backup = newIconButton("Back up now", theme.Icon(theme.IconNameDocumentSave), s.backupNow)
	restore := newIconButton("Restore a backup…", theme.Icon(theme.IconNameHistory), s.chooseRestore)
	s.backupMsg = widget.NewLabel("")
	s.backupMsg.Wrapping = fyne.TextWrapBreak

	// The fields show the kept settings before they listen: setting them must not store them
	// back, half made.
	s.reminderOn = widget.NewCheck("Remind me to study every day at", nil)
	s.reminderOn.SetChecked(prefs.Bool(prefReminderOn, false))
	s.reminderAt = app.newEntry()
	s.reminderAt.SetText(prefs.String(prefReminderAt, "19:00"))
	s.reminderOn.OnChanged = func(bool) { s.storeReminder() }
	s.reminderAt.OnChanged = func(string) { s.storeReminder() }
	s.remindErr = newFieldError()

	saveStreakIfValid := func() {
		if !s.saveStreak.Disabled() {
			s.storeStreak()
		}
	}
	s.streakMin = app.newEntry()
	s.streakMin.OnChanged = func(string) { s.checkStreak() }
	s.streakMin.onSubmit = saveStreakIfValid
	var weekdays []string
	for d := time.Monday; ; d = (d + 1) % 7 {
		weekdays = append(weekdays, weekdayLabel(d))
		if d == time.Sunday {
			break
		}
	}
	s.restDays = app.newChecks(weekdays, true, func([]string) { s.checkStreak() })
	s.restDays.setOnSubmit(saveStreakIfValid)
	s.vacations = app.newMultiLineEntry()
	s.vacations.onSubmit = saveStreakIfValid // Ctrl+Enter
	s.vacations.SetPlaceHolder("One break a line: first and last day, like 2026-12-24 2027-01-02")
	s.vacations.SetMinRowsVisible(3)
	s.vacations.OnChanged = func(string) { s.checkStreak() }
	s.streakErr = newFieldError()
	s.saveStreak = newPlainButton("Save streak settings", s.storeStreak)
	streak := widget.NewForm(
		widget.NewFormItem("Minutes a day", s.streakMin),
		widget.NewFormItem("Rest days", s.restDays.content),
		widget.NewFormItem("Vacations", s.vacations),
	)

	s.content = newPage(container.NewVBox(
		widget.NewCard("Appearance", "", s.theme),
		widget.NewCard("Weeks start on", "", s.weekStart),
		widget.NewCard("Weekly goals (hours)", "", container.NewVBox(container.New(maxWidth(360), goals), s.goalsErr,
			container.NewHBox(s.saveGoals, s.goalsEdit))),
		widget.NewCard("Streak", "A rest day or vacation day does not break a streak; study on one still counts.",
			container.NewVBox(container.New(maxWidth(640), streak), s.streakErr, container.NewHBox(s.saveStreak, s.streakEdit))),
		widget.NewCard("Daily reminder", "A notification each day at the time you set.", container.NewVBox(
			container.New(maxWidth(400), container.NewBorder(nil, nil, s.reminderOn, nil, s.reminderAt)), s.remindErr)),
		widget.NewCard("Your data", "In one file on this machine, and in the sync folder only while sync (below) is on.", container.NewVBox(
			s.folder, container.NewHBox(open, s.backup, restore), s.backupMsg)),
		s.sync.card,
	))
	return s
}

// weekdayLabel is a day as the rest-day choices show it: "Mon", so that the week fits in a line
// on a narrow window.
func weekdayLabel(d time.Weekday) string { return d.String()[:3] }

func formatHours(h float64) string {
	if h == 0 {
		return ""
	}
	return strconv.FormatFloat(h, 'f', -1, 64)
}

func (s *settingsScreen) refresh() {
	p := &s.data.plan
	if p.Settings.WeekStart == time.Sunday {
		s.weekStart.Selected = "Sunday"
	} else {
		s.weekStart.Selected = "Monday"
	}
	s.weekStart.Refresh()
	// A card edited and not saved keeps what was typed, when the store changes under it (a
	// session logged from the command line): only its notice says it differs from the store.
	if !s.goalsEdit.Visible() {
		s.weekly.SetText(formatHours(p.Goals.WeeklyHours))
		for tr, e := range s.trackGoals {
			e.SetText(formatHours(p.Goals.TrackHours[tr]))
		}
	}
	s.folder.SetText(s.store.Dir())
	if !s.streakEdit.Visible() {
		s.streakMin.SetText(strconv.Itoa(p.Settings.StreakMin()))
		var rest []string
		for _, d := range p.Settings.RestDays {
			rest = append(rest, weekdayLabel(d))
		}
		s.restDays.SetSelected(rest)
		var lines []string
		for _, v := range p.Settings.Vacations {
			lines = append(lines, string(v.From)+" "+string(v.To))
		}
		s.vacations.SetText(strings.Join(lines, "\n"))
	}
	s.checkStreak()
	s.checkGoals()
}

// newUnsavedLabel is the note beside a card's Save button while its fields are edited.
func newUnsavedLabel() *widget.Label {
	l := widget.NewLabel("Edited, not saved yet: press Enter or Save")
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

// showUnsaved shows the note while edited; while the fields cannot be saved (err), it says to
// correct them, not to press a Save that is greyed out.
func showUnsaved(l *widget.Label, edited bool, err error) {
	if err != nil {
		l.SetText("Edited, not saved yet: correct the error shown first")
	} else {
		l.SetText("Edited, not saved yet: press Enter or Save")
	}
	if edited {
		l.Show()
	} else {
		l.Hide()
	}
}

// backupNow writes a consistent copy of the store into the backups folder.
func (s *settingsScreen) backupNow() {
	path, err := s.store.ManualBackup()
	if err != nil {
		s.app.showError(err)
		return
	}
	s.backupMsg.SetText("Backed up to " + path)
	s.app.setStatus("Backed up to " + path)
}

func (s *settingsScreen) storeReminder() {
	prefs := s.app.preferences()
	at := strings.TrimSpace(s.reminderAt.Text)
	if _, err := time.Parse("15:04", at); err != nil {
		setError(s.remindErr, fmt.Errorf("give the time as HH:MM, like 19:00"))
		return
	}
	setError(s.remindErr, nil)
	if prefs.String(prefReminderAt, "19:00") == at && prefs.Bool(prefReminderOn, false) == s.reminderOn.Checked {
		return // as kept: nothing to say
	}
	prefs.SetString(prefReminderAt, at)
	prefs.SetBool(prefReminderOn, s.reminderOn.Checked)
	if !s.reminderOn.Checked {
		s.app.setStatus("The daily reminder is off.")
		return
	}
	// Turned on (or moved) after today's time, it starts tomorrow: a reminder "at 07:30" that
	// fires at once at 18:57 is not what was asked.
	now := s.data.opt.Now().In(s.data.opt.Loc)
	clock, _ := time.Parse("15:04", at)
	due := time.Date(now.Year(), now.Month(), now.Day(), clock.Hour(), clock.Minute(), 0, 0, s.data.opt.Loc)
	if today := string(tracker.DateOf(now)); !now.Before(due) {
		prefs.SetString(prefReminderSent, today)
		s.app.setStatus("The reminder is on: every day at " + at + ", from tomorrow (" + at + " has passed today).")
		return
	}
	prefs.SetString(prefReminderSent, "") // later today: it comes today, as said
	s.app.setStatus("The reminder is on: every day at " + at + ", from today.")
}

// chooseRestore picks a backup file and restores it, after a confirmation.
func (s *settingsScreen) chooseRestore() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.app.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.confirmRestore(path)
	}, s.app.Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(s.store.BackupDir())); err == nil {
		d.SetLocation(dir)
	}
	s.app.showFileDialog(d)
}

// confirmRestore asks before replacing the store with the backup at path.
func (s *settingsScreen) confirmRestore(path string) {
	b, err := s.store.InspectBackup(path)
	if err != nil { // the restore would refuse it: say so before asking
		s.app.showError(err)
		return
	}
	// What the backup brings back against what is here, so that a loss is seen before it is made.
	message := fmt.Sprintf("Replace your data with %s, taken %s, which holds %s? Your data holds %s now, and is backed up first, so this can be reversed.",
		filepath.Base(path), b.Taken.In(s.data.opt.Loc).Format("Mon 2006-01-02 15:04"), tracker.CountOf(b.Sessions, "session", "sessions"),
		tracker.CountOf(len(s.data.sessions), "session", "sessions"))
	if t := s.data.timer; t != nil {
		message += fmt.Sprintf(" The timer running for %s since %s goes on only if the backup holds it; if not, you are told, and its time can be logged by hand.",
			s.data.plan.TopicPath(t.TopicID), t.Start.In(s.data.opt.Loc).Format("15:04"))
	}
	s.app.askText("Restore this backup?", message, "Cancel", "Restore", func() { s.restore(path) })
}

// restore replaces the store with the backup at path and shows the result.
func (s *settingsScreen) restore(path string) {
	msg, err := s.store.Restore(path)
	if err != nil {
		s.app.showError(err)
		return
	}
	s.backupMsg.SetText(msg)
	s.app.restored(msg)
}
