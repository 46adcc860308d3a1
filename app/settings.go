package app

import (
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
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

// Interface settings live in the app's preferences; study settings (goals, the first day of
// the week) live in the store, since the command line's reports use them too.
const (
	prefReminderOn   = "reminder.on"
	prefReminderAt   = "reminder.at" // HH:MM
	prefReminderSent = "reminder.sent"
)

type settingsScreen struct {
	u          *UI
	theme      *widget.RadioGroup
	weekStart  *widget.RadioGroup
	weekly     *keyEntry
	trackGoals map[tracker.Track]*keyEntry
	goalsErr   *widget.Label
	goalsEdit  *widget.Label // "not saved yet", while the fields differ from the stored goals
	saveGoals  *widget.Button
	folder     *widget.Label
	backup     *widget.Button
	backupMsg  *widget.Label
	reminderOn *widget.Check
	reminderAt *keyEntry
	remindErr  *widget.Label

	streakMin  *keyEntry
	restDays   *widget.CheckGroup
	vacations  *keyEntry // one range a line: 2026-12-24 2027-01-02
	streakErr  *widget.Label
	streakEdit *widget.Label
	saveStreak *widget.Button

	sync *syncSection // Settings > Sync, in app/sync.go

	content fyne.CanvasObject
}

var themeChoices = map[string]string{"Follow the system": themeSystem, "Light": themeLight, "Dark": themeDark}

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{u: u, trackGoals: map[tracker.Track]*keyEntry{}, goalsEdit: newUnsavedLabel(), streakEdit: newUnsavedLabel()}
	prefs := u.app.Preferences()
	s.theme = widget.NewRadioGroup([]string{"Follow the system", "Light", "Dark"}, func(choice string) {
		if v, ok := themeChoices[choice]; ok {
			prefs.SetString(prefTheme, v)
			applyTheme(u.app, v)
			u.themes.changed("Settings")
		}
	})
	s.theme.Horizontal = true
	for label, v := range themeChoices {
		if v == prefs.StringWithFallback(prefTheme, themeSystem) {
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
	s.weekly = u.newEntry()
	s.weekly.OnChanged = func(string) { s.checkGoals() }
	s.weekly.onSubmit = saveGoalsIfValid
	goals := widget.NewForm(widget.NewFormItem("All tracks", s.weekly))
	for _, tr := range tracker.Tracks {
		e := u.newEntry()
		e.SetPlaceHolder("no goal")
		e.OnChanged = func(string) { s.checkGoals() }
		e.onSubmit = saveGoalsIfValid
		s.trackGoals[tr] = e
		goals.Append(tr.Label(), e)
	}
	s.goalsErr = newFieldError()
	s.saveGoals = widget.NewButton("Save goals", s.storeGoals)

	s.folder = widget.NewLabel(u.db.Dir())
	s.folder.Wrapping = fyne.TextWrapBreak
	open := widget.NewButtonWithIcon("Open folder", theme.Icon(theme.IconNameFolderOpen), func() {
		if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: u.db.Dir()}); err != nil {
			u.showError(err)
		}
	})
	s.backup = widget.NewButtonWithIcon("Back up now", theme.Icon(theme.IconNameDocumentSave), s.backupNow)
	restore := widget.NewButtonWithIcon("Restore a backup…", theme.Icon(theme.IconNameHistory), s.chooseRestore)
	s.backupMsg = widget.NewLabel("")
	s.backupMsg.Wrapping = fyne.TextWrapBreak

	s.reminderOn = widget.NewCheck("Remind me to study every day at", func(bool) { s.storeReminder() })
	s.reminderOn.SetChecked(prefs.BoolWithFallback(prefReminderOn, false))
	s.reminderAt = u.newEntry()
	s.reminderAt.SetText(prefs.StringWithFallback(prefReminderAt, "19:00"))
	s.reminderAt.OnChanged = func(string) { s.storeReminder() }
	s.remindErr = newFieldError()

	saveStreakIfValid := func() {
		if !s.saveStreak.Disabled() {
			s.storeStreak()
		}
	}
	s.streakMin = u.newEntry()
	s.streakMin.OnChanged = func(string) { s.checkStreak() }
	s.streakMin.onSubmit = saveStreakIfValid
	var weekdays []string
	for d := time.Monday; ; d = (d + 1) % 7 {
		weekdays = append(weekdays, weekdayLabel(d))
		if d == time.Sunday {
			break
		}
	}
	s.restDays = widget.NewCheckGroup(weekdays, func([]string) { s.checkStreak() })
	s.restDays.Horizontal = true
	s.vacations = u.newMultiLineEntry()
	s.vacations.onSubmit = saveStreakIfValid // Ctrl+Enter
	s.vacations.SetPlaceHolder("One break a line: first and last day, like 2026-12-24 2027-01-02")
	s.vacations.SetMinRowsVisible(3)
	s.vacations.OnChanged = func(string) { s.checkStreak() }
	s.streakErr = newFieldError()
	s.saveStreak = widget.NewButton("Save streak settings", s.storeStreak)
	streak := widget.NewForm(
		widget.NewFormItem("Minutes a day", s.streakMin),
		widget.NewFormItem("Rest days", s.restDays),
		widget.NewFormItem("Vacations", s.vacations),
	)

	s.sync = newSyncSection(u)
	s.content = newPage(container.NewVBox(
		widget.NewCard("Appearance", "", s.theme),
		widget.NewCard("Weeks start on", "", s.weekStart),
		widget.NewCard("Weekly goals (hours)", "", container.NewVBox(container.New(maxWidth(360), goals), s.goalsErr,
			container.NewHBox(s.saveGoals, s.goalsEdit))),
		widget.NewCard("Streak", "Rest days and vacations neither count for nor break a streak.",
			container.NewVBox(container.New(maxWidth(640), streak), s.streakErr, container.NewHBox(s.saveStreak, s.streakEdit))),
		widget.NewCard("Daily reminder", "Off until you turn it on.", container.NewVBox(
			container.NewBorder(nil, nil, s.reminderOn, nil, s.reminderAt), s.remindErr)),
		widget.NewCard("Your data", "Kept on this machine only, in one file.", container.NewVBox(
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
	p := &s.u.plan
	if p.Settings.WeekStart == time.Sunday {
		s.weekStart.Selected = "Sunday"
	} else {
		s.weekStart.Selected = "Monday"
	}
	s.weekStart.Refresh()
	s.weekly.SetText(formatHours(p.Goals.WeeklyHours))
	for tr, e := range s.trackGoals {
		e.SetText(formatHours(p.Goals.TrackHours[tr]))
	}
	s.folder.SetText(s.u.db.Dir())
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
	s.checkStreak()
	s.checkGoals()
}

// sameGoals reports whether two sets of goals are the same (a track without a goal may be
// missing from the map or hold zero).
func sameGoals(a, b tracker.Goals) bool {
	if a.WeeklyHours != b.WeeklyHours {
		return false
	}
	for _, tr := range tracker.Tracks {
		if a.TrackHours[tr] != b.TrackHours[tr] {
			return false
		}
	}
	return true
}

// sameStreak reports whether two settings have the same streak rules.
func sameStreak(a, b tracker.Settings) bool {
	return a.StreakMin() == b.StreakMin() && slices.Equal(a.RestDays, b.RestDays) && slices.Equal(a.Vacations, b.Vacations)
}

// newUnsavedLabel is the note beside a card's Save button while its fields are edited.
func newUnsavedLabel() *widget.Label {
	l := widget.NewLabel("Edited, not saved yet: press Enter or Save")
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

func showUnsaved(l *widget.Label, edited bool) {
	if edited {
		l.Show()
	} else {
		l.Hide()
	}
}

// streakSettings reads the streak fields into the study settings.
func (s *settingsScreen) streakSettings() (tracker.Settings, error) {
	out := s.u.plan.Settings
	m, err := strconv.Atoi(strings.TrimSpace(s.streakMin.Text))
	if err != nil || m < 1 {
		return out, fmt.Errorf("minutes a day: give a whole number of minutes, like 15")
	}
	out.StreakMinutes = m
	out.RestDays = nil
	for d := time.Sunday; d <= time.Saturday; d++ {
		for _, name := range s.restDays.Selected {
			if name == weekdayLabel(d) {
				out.RestDays = append(out.RestDays, d)
			}
		}
	}
	out.Vacations = nil
	for i, line := range strings.Split(s.vacations.Text, "\n") {
		f := strings.Fields(strings.NewReplacer("..", " ", " to ", " ").Replace(line))
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			return out, fmt.Errorf("vacations, line %d: give the first and the last day, like 2026-12-24 2027-01-02", i+1)
		}
		out.Vacations = append(out.Vacations, tracker.DateRange{From: tracker.Date(f[0]), To: tracker.Date(f[1])})
	}
	return out, tracker.ValidateSettings(&out)
}

func (s *settingsScreen) checkStreak() {
	next, err := s.streakSettings()
	showUnsaved(s.streakEdit, err != nil || !sameStreak(next, s.u.plan.Settings))
	if setError(s.streakErr, err) {
		s.saveStreak.Enable()
	} else {
		s.saveStreak.Disable()
	}
}

func (s *settingsScreen) storeStreak() {
	next, err := s.streakSettings()
	if err != nil {
		s.u.showError(err)
		return
	}
	old := s.u.plan.Settings
	s.u.do("streak settings", func() (func() error, string, error) {
		if err := s.u.db.PutSettings(next); err != nil {
			return nil, "", err
		}
		return func() error { return s.u.db.PutSettings(old) }, "Saved the streak settings.", nil
	})
}

func (s *settingsScreen) setWeekStart(day string) {
	want := time.Monday
	if day == "Sunday" {
		want = time.Sunday
	}
	old := s.u.plan.Settings
	if old.WeekStart == want {
		return
	}
	next := old
	next.WeekStart = want
	s.u.do("first day of the week", func() (func() error, string, error) {
		if err := s.u.db.PutSettings(next); err != nil {
			return nil, "", err
		}
		return func() error { return s.u.db.PutSettings(old) }, "Weeks now start on " + day + ".", nil
	})
}

func (s *settingsScreen) goals() (tracker.Goals, error) {
	parse := func(what, text string) (float64, error) {
		text = strings.TrimSpace(text)
		if text == "" {
			return 0, nil
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %q is not a number of hours", what, text)
		}
		return v, nil
	}
	var g tracker.Goals
	var err error
	if g.WeeklyHours, err = parse("All tracks", s.weekly.Text); err != nil {
		return g, err
	}
	g.TrackHours = map[tracker.Track]float64{}
	for _, tr := range tracker.Tracks {
		h, err := parse(tr.Label(), s.trackGoals[tr].Text)
		if err != nil {
			return g, err
		}
		if h > 0 {
			g.TrackHours[tr] = h
		}
	}
	return g, tracker.ValidateGoals(&g)
}

func (s *settingsScreen) checkGoals() {
	g, err := s.goals()
	showUnsaved(s.goalsEdit, err != nil || !sameGoals(g, s.u.plan.Goals))
	if setError(s.goalsErr, err) {
		s.saveGoals.Enable()
	} else {
		s.saveGoals.Disable()
	}
}

func (s *settingsScreen) storeGoals() {
	g, err := s.goals()
	if err != nil {
		s.u.showError(err)
		return
	}
	old := s.u.plan.Goals
	s.u.do("weekly goals", func() (func() error, string, error) {
		if err := s.u.db.PutGoals(g); err != nil {
			return nil, "", err
		}
		return func() error { return s.u.db.PutGoals(old) }, fmt.Sprintf("Weekly goal: %g hours.", g.WeeklyHours), nil
	})
}

// backupNow writes a consistent copy of the store into the backups folder.
func (s *settingsScreen) backupNow() {
	path := filepath.Join(s.u.db.BackupDir(), "corepath-"+s.u.opt.Now().Format("20060102-150405")+".db")
	if err := s.u.db.Backup(path); err != nil {
		s.u.showError(err)
		return
	}
	s.backupMsg.SetText("Backed up to " + path)
	s.u.setStatus("Backed up to " + path)
}

func (s *settingsScreen) storeReminder() {
	prefs := s.u.app.Preferences()
	at := strings.TrimSpace(s.reminderAt.Text)
	if _, err := time.Parse("15:04", at); err != nil {
		setError(s.remindErr, fmt.Errorf("give the time as HH:MM, like 19:00"))
		return
	}
	setError(s.remindErr, nil)
	prefs.SetString(prefReminderAt, at)
	prefs.SetBool(prefReminderOn, s.reminderOn.Checked)
}

// chooseRestore picks a backup file and restores it, after a confirmation.
func (s *settingsScreen) chooseRestore() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.confirmRestore(path)
	}, s.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(s.u.db.BackupDir())); err == nil {
		d.SetLocation(dir)
	}
	s.u.showFileDialog(d)
}

// confirmRestore asks before replacing the store with the backup at path.
func (s *settingsScreen) confirmRestore(path string) {
	d := dialog.NewConfirm("Restore this backup?",
		"Replace your data with "+filepath.Base(path)+"? Your current data is backed up first, so this can be reversed.",
		func(ok bool) {
			if ok {
				s.restore(path)
			}
		}, s.u.win)
	s.u.showDialog(d, d.Confirm, nil)
}

// restore replaces the store with the backup at path and shows the result.
func (s *settingsScreen) restore(path string) {
	msg, err := s.u.db.Restore(path)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.backupMsg.SetText(msg)
	s.u.undoStack = nil // the steps recorded before no longer apply
	s.u.reload()
	s.u.setStatus(msg)
}
