package app

import (
	"corepath/tracker"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// planApp is what the Plan screen's tabs need of the app besides the data they show: to make
// undoable changes, to ask and say what went wrong in dialogs, and the app's fields.
type planApp interface {
	change(label string, apply func(tracker.Store) (string, error), revert func(tracker.Store) error) bool
	removeUndoably(what, done string, remove, restore func(tracker.Store) error)
	confirmRemove(what string, remove func()) *question
	validatedDialog(title string, items []*widget.FormItem, message *widget.Label, check func() error, save func() bool) (dialog.Dialog, *keyButton)
	showError(err error)
	setStatus(message string)
	Window() fyne.Window
	newEntry() *keyEntry
	newMultiLineEntry() *keyEntry
	newSelect(options []string, changed func(string)) *keySelect
	newCheck(label string, changed func(bool)) *keyCheck
	newChecks(options []string, horizontal bool, changed func([]string)) *keyChecks
	showScreen(screen int)
	shownScreen() int
	unlessDialog(run func()) func()
}

// planScreen holds the plans: the milestones, the skill topics, the degree, the exam attempts
// and the CE activities.
type planScreen struct {
	app        planApp
	tabs       *container.AppTabs
	milestones *milestonesPlan
	skills     *skillsPlan
	degree     *degreePlan
	exams      *examsScreen // nil over a store that keeps no exam attempts
	ce         *cePlan      // nil over a store that keeps no CE activities
	ceTab      *container.TabItem
	// ceStale: the plan changed while the CE credits tab was hidden; it is shown again when
	// opened (its widgets, made anew, took 15 ms of every start over 100,000 sessions).
	ceStale bool
	shown   func(tab string) // onShown's
	content fyne.CanvasObject
}

const (
	planMilestones = iota
	planSkills
	planDegree
	planExams
	planCE
)

func newPlanScreen(u *UI) *planScreen {
	p := &planScreen{app: u}
	p.milestones = newMilestonesPlan(&u.appData, u)
	p.skills = newSkillsPlan(&u.appData, u)
	p.degree = newDegreePlan(&u.appData, u)
	tabs := []*container.TabItem{
		container.NewTabItem("Milestones", p.milestones.content),
		container.NewTabItem("Skills", p.skills.content),
		container.NewTabItem("Degree", p.degree.content),
	}
	if _, ok := u.db.(examStore); ok {
		p.exams = newExamsScreen(&u.appData, u)
		tabs = append(tabs, container.NewTabItem("Exams", p.exams.content))
		// The CE credits follow the Exams: planCE is the tab after planExams.
		if _, ok := u.db.(creditStore); ok {
			p.ce = newCEPlan(&u.appData, u)
			p.ceTab = container.NewTabItem("CE credits", p.ce.content)
			tabs = append(tabs, p.ceTab)
		}
	}
	// All at once: Append would lay the tabs out now, before the screen is first shown.
	p.tabs = container.NewAppTabs(tabs...)
	p.tabs.OnSelected = func(ti *container.TabItem) {
		if ti == p.ceTab && p.ceStale {
			p.ceStale = false
			p.ce.refresh()
		}
		if p.shown != nil {
			p.shown(ti.Text)
		}
	}
	p.content = p.tabs
	return p
}

func (p *planScreen) refresh() {
	p.milestones.refresh()
	p.skills.refresh()
	p.degree.refresh()
	if p.exams != nil {
		p.exams.refresh()
	}
	if p.ce != nil {
		if p.ceStale = p.tabs.Selected() != p.ceTab; !p.ceStale {
			p.ce.refresh()
		}
	}
}

// onShown calls shown with a tab's name each time one is opened.
func (p *planScreen) onShown(shown func(tab string)) { p.shown = shown }

// menu is the main menu's Plan menu: each add dialog, from the keyboard, on its tab.
func (p *planScreen) menu() *fyne.Menu {
	open := func(tab int, edit func()) func() { return func() { p.show(tab); edit() } }
	menu := fyne.NewMenu("Plan",
		fyne.NewMenuItem("Add a milestone…", open(planMilestones, func() { p.milestones.edit(nil) })),
		fyne.NewMenuItem("Add a topic…", open(planSkills, func() { p.skills.editTopic(nil, "") })),
		fyne.NewMenuItem("Add a course…", open(planDegree, func() { p.degree.editCourse(nil) })),
	)
	if p.exams != nil {
		menu.Items = append(menu.Items, fyne.NewMenuItem("Add an exam attempt…", open(planExams, p.exams.addAttempt)),
			fyne.NewMenuItem("Change an exam's fee and weights…", open(planExams, p.exams.editFigures)))
	}
	if p.ce != nil {
		menu.Items = append(menu.Items, fyne.NewMenuItem("Add a CE activity…", open(planCE, func() { p.ce.edit(nil) })))
	}
	// The tabs from the keyboard, as a browser's: menu shortcuts reach them from any field.
	next := fyne.NewMenuItem("Next tab", p.app.unlessDialog(func() { p.step(1) }))
	prev := fyne.NewMenuItem("Previous tab", p.app.unlessDialog(func() { p.step(-1) }))
	next.Shortcut, prev.Shortcut = shortcutFor(fyne.KeyPageDown), shortcutFor(fyne.KeyPageUp)
	menu.Items = append(menu.Items, fyne.NewMenuItemSeparator(), next, prev)
	return menu
}

// step shows the Plan's next tab (1) or the one before (-1), round; from another screen, the
// Plan on the tab it was left on.
// scroll moves the Plan's tab on show from the keyboard, as UI.scrollPage does the other
// screens: its list by a page or a line, or to an end. The Skills tree keeps no offset to read:
// Home and End go to its ends, and the other keys give it the focus and move its highlight.
func (p *planScreen) scroll(key fyne.KeyName) {
	var list *widget.List
	switch p.tabs.SelectedIndex() {
	case planMilestones:
		list = p.milestones.list
	case planDegree:
		list = p.degree.list
	case planExams:
		if p.exams != nil {
			list = p.exams.list
		}
	case planCE:
		if p.ce != nil {
			list = p.ce.list
		}
	case planSkills:
		tree := p.skills.tree
		switch key {
		case fyne.KeyHome:
			tree.ScrollToTop()
		case fyne.KeyEnd:
			tree.ScrollToBottom()
		default:
			p.app.Window().Canvas().Focus(tree)
			step, move := scrollStep(key, tree.Size().Height), fyne.KeyDown
			if step < 0 {
				step, move = -step, fyne.KeyUp
			}
			for range max(1, int(step/scrollLine)) { // a row for each line the key scrolls
				tree.TypedKey(&fyne.KeyEvent{Name: move})
			}
		}
		return
	}
	switch {
	case list == nil:
	case key == fyne.KeyHome:
		list.ScrollToTop()
	case key == fyne.KeyEnd:
		list.ScrollToBottom()
	default:
		list.ScrollToOffset(list.GetScrollOffset() + scrollStep(key, list.Size().Height))
	}
}

func (p *planScreen) step(by int) {
	if p.app.shownScreen() != screenPlan {
		p.app.showScreen(screenPlan)
		return
	}
	n := len(p.tabs.Items)
	p.tabs.SelectIndex((p.tabs.SelectedIndex() + by + n) % n)
}

// show opens the Plan screen on one of its tabs.
func (p *planScreen) show(tab int) {
	p.app.showScreen(screenPlan)
	p.tabs.SelectIndex(tab)
}

// confirmRemove asks before removing a plan item; the removal can also be undone.
func (u *UI) confirmRemove(what string, remove func()) *question {
	return u.askText("Remove "+what+"?", "You can undo it with Ctrl+Z.", "Cancel", "Remove", remove)
}

// removeUndoably asks before removing a plan item, then removes it with remove; Ctrl+Z puts it
// back with restore.
func (u *UI) removeUndoably(what, done string, remove, restore func(tracker.Store) error) {
	u.confirmRemove(what, func() {
		u.change("remove "+strings.Fields(what)[0], func(st tracker.Store) (string, error) { return done, remove(st) }, restore)
	})
}

// changer makes undoable changes: what putItem needs of the app.
type changer interface {
	change(label string, apply func(tracker.Store) (string, error), revert func(tracker.Store) error) bool
}

// putItem saves a plan item (a milestone, topic or course) with put and says so with said;
// Ctrl+Z puts old back or, for a new item (old nil), removes what was saved with remove.
func putItem[T any](app changer, label string, item T, old *T, put func(tracker.Store, T) (T, error),
	remove func(tracker.Store, T) error, said func(T) string) bool {
	var saved T
	undo := func(st tracker.Store) error { return remove(st, saved) }
	if old != nil {
		prev := *old
		undo = func(st tracker.Store) error { _, err := put(st, prev); return err }
	}
	return app.change(label, func(st tracker.Store) (msg string, err error) {
		if saved, err = put(st, item); err != nil {
			return "", err
		}
		return said(saved), nil
	}, undo)
}

// validatedDialog shows a form whose Save button is enabled only while check passes; on Save it
// runs save, and closes if that succeeds.
func (u *UI) validatedDialog(title string, items []*widget.FormItem, message *widget.Label, check func() error, save func() bool) (dialog.Dialog, *keyButton) {
	saveBtn := u.newButton("Save", theme.Icon(theme.IconNameConfirm), nil)
	saveBtn.Importance = widget.HighImportance
	cancel := u.newButton("Cancel", nil, nil)
	form := widget.NewForm(items...)
	content := fyne.CanvasObject(container.NewVBox(form, message))
	// A form taller than the window (an exam's attempt at 1024x640) scrolls inside the dialog,
	// whose buttons would otherwise sit over its last fields. The margin is the dialog's title
	// and buttons.
	const chrome = 110
	room := u.win.Canvas().Size().Height - 40
	tall := room > 2*chrome && content.MinSize().Height+chrome > room
	if tall { // the message stays in view under the page, beside the Save it explains
		content = container.NewBorder(nil, message, nil, nil, newPage(container.NewVBox(form)))
	}
	d := dialog.NewCustomWithoutButtons(title, content, u.win)
	d.SetButtons([]fyne.CanvasObject{cancel, saveBtn})
	// The message shows once a field has changed: a new item's empty form opens without one.
	changed := false
	revalidate := func() {
		err := check()
		if changed {
			setError(message, err)
		}
		if err == nil {
			saveBtn.Enable()
		} else {
			saveBtn.Disable()
		}
	}
	onChange := func() { changed = true; revalidate() }
	for _, it := range items {
		switch w := it.Widget.(type) {
		case *keyEntry:
			prev := w.OnChanged
			w.OnChanged = func(s string) {
				if prev != nil {
					prev(s)
				}
				onChange()
			}
		case *keySelect:
			w.OnChanged = func(string) { onChange() }
		case *widget.Check:
			w.OnChanged = func(bool) { onChange() }
		case *widget.CheckGroup:
			w.OnChanged = func([]string) { onChange() }
		}
	}
	cancel.OnTapped = d.Hide
	saveBtn.OnTapped = func() {
		if check() == nil && save() {
			d.Hide()
		}
	}
	revalidate()
	var first fyne.Focusable
	for _, it := range items {
		if f, ok := it.Widget.(fyne.Focusable); ok {
			first = f
			break
		}
	}
	u.showDialog(d, submitIfEnabled(&saveBtn.Button), first)
	if tall {
		d.Resize(fyne.NewSize(560, room))
	} else {
		d.Resize(fyne.NewSize(560, 0))
	}
	return d, saveBtn
}
