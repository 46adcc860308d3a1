package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

type shortcut struct {
	label string
	key   fyne.KeyName
	run   func()
}

func (u *UI) shortcuts() []shortcut {
	return []shortcut{
		{"Today", fyne.Key1, func() { u.showScreen(screenToday) }},
		{"Log", fyne.Key2, func() { u.showScreen(screenLog) }},
		{"Plan", fyne.Key3, func() { u.showScreen(screenPlan) }},
		{"Reference", fyne.Key4, func() { u.showScreen(screenReference) }},
		{"Settings", fyne.Key5, func() { u.showScreen(screenSettings) }},
		{"New session", fyne.KeyN, u.newSession},
		{"Start or stop the timer", fyne.KeyT, u.toggleTimer},
		{"Find sessions", fyne.KeyF, u.findSessions},
		{"Import…", fyne.KeyI, func() { u.chooseImport(false) }},
		{"Export…", fyne.KeyE, u.chooseExport},
	}
}

func shortcutFor(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts puts the shortcuts on the canvas too: the desktop driver runs main-menu
// shortcuts first (so they never run twice), and the canvas ones serve where there is no menu.
func (u *UI) addShortcuts() {
	u.keys = map[string]func(){}
	for _, s := range u.shortcuts() {
		u.keys[shortcutFor(s.key).ShortcutName()] = s.run
		u.win.Canvas().AddShortcut(shortcutFor(s.key), u.typedShortcut)
	}
	u.keys[(&fyne.ShortcutUndo{}).ShortcutName()] = u.undoKey
	u.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, u.typedShortcut)
}

// typedShortcut runs the action bound to a shortcut.
func (u *UI) typedShortcut(s fyne.Shortcut) {
	if run, ok := u.keys[s.ShortcutName()]; ok {
		u.unlessDialog(run)()
	}
}

// unlessDialog is run, done only while no dialog is open: a shortcut must not switch screens or
// open another form behind a dialog that waits for an answer.
func (u *UI) unlessDialog(run func()) func() {
	return func() {
		if len(u.dialogs) == 0 {
			run()
		}
	}
}

func (u *UI) mainMenu() *fyne.MainMenu {
	item := func(label string, key fyne.KeyName, run func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, u.unlessDialog(run))
		m.Shortcut = shortcutFor(key)
		return m
	}
	sc := map[string]shortcut{}
	for _, s := range u.shortcuts() {
		sc[s.label] = s
	}
	menuItem := func(label string) *fyne.MenuItem { s := sc[label]; return item(s.label, s.key, s.run) }
	undo := fyne.NewMenuItem("Undo", u.undoKey)
	undo.Shortcut = &fyne.ShortcutUndo{}
	quit := fyne.NewMenuItem("Quit", func() { u.askBeforeQuit(u.quitApp) })
	quit.IsQuit = true
	quit.Shortcut = shortcutFor(fyne.KeyQ)
	return fyne.NewMainMenu(
		fyne.NewMenu("File",
			menuItem("New session"), menuItem("Start or stop the timer"), fyne.NewMenuItemSeparator(),
			menuItem("Import…"),
			fyne.NewMenuItem("Import a Timewarrior folder…", u.unlessDialog(func() { u.chooseImport(true) })),
			fyne.NewMenuItem("Import from a typed path…", u.unlessDialog(u.chooseImportPath)),
			menuItem("Export…"), fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Back up now", u.settings.backupNow), fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu("Edit", undo, menuItem("Find sessions")),
		fyne.NewMenu("View", menuItem("Today"), menuItem("Log"), menuItem("Plan"), menuItem("Reference"), menuItem("Settings"),
			fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Whole message…", u.unlessDialog(u.showWholeStatus))),
		u.planner.menu(),
		u.helpMenu(),
	)
}

// newSession opens the Log screen with the past-session form ready to fill.
func (u *UI) newSession() {
	u.showScreen(screenLog)
	u.log.newSession()
}

// findSessions opens the Log screen with the search box focused.
func (u *UI) findSessions() {
	u.showScreen(screenLog)
	u.log.focusSearch()
}

// toggleTimer starts the timer on the topic picked on the Log screen, or stops the running one.
func (u *UI) toggleTimer() { u.log.toggleTimer() }
