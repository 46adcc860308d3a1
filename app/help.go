package app

import (
	"fmt"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"corepath/resources"
	"corepath/tracker"
)

// helpMenu is the main menu's Help menu: the keyboard, and which Corepath this is.
func (u *UI) helpMenu() *fyne.Menu {
	return fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts…", u.unlessDialog(u.showKeys)),
		fyne.NewMenuItem("Certification rules and sources…", u.unlessDialog(u.showRules)),
		fyne.NewMenuItem("About Corepath…", u.unlessDialog(u.showAbout)))
}

// showRules says the certification rules as Corepath applies them, each with its confidence
// and the ids of its sources, and then what each source is and where: corepath rules says the
// same.
func (u *UI) showRules() {
	r := u.plan.Rules()
	rules, options := r.Lines()
	var b strings.Builder
	for _, l := range rules {
		fmt.Fprintf(&b, "%s (%s).\n%s\n\n", l.What, l.Provenance, l.Sources)
	}
	b.WriteString("Recertification options:\n")
	for _, o := range options {
		fmt.Fprintf(&b, "• %s (%s)\n", o.What, o.Provenance)
	}
	fmt.Fprintf(&b, "\nThe sources (gathered %s; check the current rules with Cisco):\n", r.LabEligibility.Gathered)
	sources, err := resources.Sources()
	for _, id := range r.CitedSources() {
		if src, ok := sources[id]; ok && err == nil {
			fmt.Fprintf(&b, "%s  %s (%s): %s\n", id, src.Title, src.Kind, src.Ref)
		} else {
			fmt.Fprintf(&b, "%s  (not in this version's list of sources)\n", id)
		}
	}
	b.WriteString("\nPlan > Exams applies them; corepath rules changes them when Cisco does.")
	u.showMessage("Certification rules and sources", "Close", b.String(), 640)
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
	type row struct{ keys, what *widget.Label }
	var rows []row
	add := func(keys, what string) {
		rows = append(rows, row{widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), widget.NewLabel(what)})
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
	add("Page Down, Page Up, Home, End, the arrows", "Scroll the screen or a long dialog, when no field has the focus (Escape in a field leaves it)")
	add("In a date's calendar", "The arrows move a day or a week, Page Up and Page Down a month; Enter or Escape closes it")
	// The keys' column is as wide as the longest keys, not half the dialog (a grid's columns are
	// equal), which at 1024×640 cut the longest description off at the window's edge.
	var keysWidth float32
	for _, r := range rows {
		keysWidth = max(keysWidth, r.keys.MinSize().Width)
	}
	list := container.NewVBox()
	for _, r := range rows {
		keys := container.New(layout.NewGridWrapLayout(fyne.NewSize(keysWidth, r.keys.MinSize().Height)), r.keys)
		list.Add(container.New(layout.NewBorderLayout(nil, nil, keys, nil), keys, r.what)) // the keys first, as read
	}
	// Nineteen rows are taller than a 640-pixel window: they scroll there, with Close in view.
	page := container.NewVScroll(list)
	const chrome = 150 // the dialog's title, its button and the margins, as wrapped measures them
	room := u.win.Canvas().Size().Height - 40 - chrome
	if room <= 0 || room > list.MinSize().Height {
		room = list.MinSize().Height
	}
	page.SetMinSize(fyne.NewSize(list.MinSize().Width, room))
	d := dialog.NewCustom("Keyboard shortcuts", "Close", page, u.win)
	u.showDialog(d, d.Hide, nil)
	u.scrollsWith(page)
}

// showAbout says which Corepath this is, where its data is, and where the command line is.
func (u *UI) showAbout() {
	version := u.opt.Version
	if version == "" {
		version = "(a development build)"
	}
	sessions := ""
	if n, err := u.db.SessionCount(); err == nil {
		sessions = ", " + tracker.CountOf(n, "session", "sessions")
	}
	lines := []string{
		"Corepath " + version + ": from zero to Core Network Engineer — the degree, the skills and the CCIE Service Provider path.",
		"Your data: " + u.db.Path() + sessions + ". It stays on this machine, apart from what sync (Settings > Sync) sends to its folder; its backups are in " + u.db.BackupDir() + ".",
		"The command line serves the same data: corepath --help lists its commands.",
		"The certification rules and exam figures are reported ones, each with its sources: Help > Certification rules and sources… and corepath rules show them.",
	}
	text := widget.NewLabel(strings.Join(lines, "\n\n"))
	text.Wrapping = fyne.TextWrapWord
	// A wrapping label measures itself one word wide, and the dialog as tall as the window:
	// a cell of a set size holds it.
	d := dialog.NewCustom("About Corepath", "Close", container.NewGridWrap(fyne.NewSize(520, 250), text), u.win)
	u.showDialog(d, d.Hide, nil)
}
