package app

import (
	"fmt"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// helpMenu is the main menu's Help menu: the keyboard, and which Corepath this is.
func (u *UI) helpMenu() *fyne.Menu {
	return fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts…", u.unlessDialog(u.showKeys)),
		fyne.NewMenuItem("About Corepath…", u.unlessDialog(u.showAbout)))
}

// modifierName is how the keyboard's shortcut modifier is written here.
func modifierName() string {
	if runtime.GOOS == "darwin" {
		return "Cmd"
	}
	return "Ctrl"
}

// showKeys lists every shortcut: the menus' and the ones every form and dialog has.
func (u *UI) showKeys() {
	mod := modifierName()
	grid := container.NewGridWithColumns(2)
	add := func(keys, what string) {
		grid.Add(widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(what))
	}
	for _, s := range u.shortcuts() {
		add(mod+"+"+string(s.key), s.label)
	}
	add(mod+"+Z", "Undo the last change (in a field typed in, the typing)")
	add(mod+"+Q", "Quit")
	add("Enter", "Save the form or dialog (in a note, start a new line), or press the focused button")
	add(mod+"+Enter", "Save the form or dialog, from a note too")
	add("Escape", "Close the dialog without saving")
	add("Tab, Shift+Tab", "Move through the fields and buttons")
	add("Alt, then the arrows", "Open the menus (File, Edit, View, Plan, Help); Enter picks the item")
	add(mod+"+Page Down, Page Up", "The Plan's next tab, the one before")
	add("Page Down, Page Up, Home, End, the arrows", "Scroll the screen, when no field has the focus (Escape in a field leaves it)")
	d := dialog.NewCustom("Keyboard shortcuts", "Close", grid, u.win)
	u.showDialog(d, d.Hide, nil)
}

// showAbout says which Corepath this is, where its data is, and where the command line is.
func (u *UI) showAbout() {
	version := u.opt.Version
	if version == "" {
		version = "(a development build)"
	}
	sessions := ""
	if n, err := u.db.SessionCount(); err == nil {
		sessions = fmt.Sprintf(", %d sessions", n)
	}
	lines := []string{
		"Corepath " + version + ": from zero to Core Network Engineer — the degree, the skills and the CCIE Service Provider path.",
		"Your data: " + u.db.Path() + sessions + ". It stays on this machine; its backups are in " + u.db.BackupDir() + ".",
		"The command line serves the same data: corepath --help lists its commands.",
		"The certification rules and exam figures are reported ones, each with its sources: Plan > Exams and corepath rules show them.",
	}
	text := widget.NewLabel(strings.Join(lines, "\n\n"))
	text.Wrapping = fyne.TextWrapWord
	// A wrapping label measures itself one word wide, and the dialog as tall as the window:
	// a cell of a set size holds it.
	d := dialog.NewCustom("About Corepath", "Close", container.NewGridWrap(fyne.NewSize(520, 250), text), u.win)
	u.showDialog(d, d.Hide, nil)
}
