package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// The keyboard rules every form follows: Enter saves (Ctrl+Enter in a multi-line note, where
// Enter starts a new line), Tab and Shift+Tab move to the next and previous field (a note
// included), and Escape closes the open dialog without saving. Fyne gives each key to the
// focused widget only, so the fields of forms and dialogs are the types below, which pass
// these keys on; with nothing focused, the window's canvas does (UI.typedKey).

// openDialog is a dialog on the screen: how Escape closes it and what Enter does in it.
type openDialog struct {
	close    func()
	submit   func()            // nil: Enter does nothing
	typeInto *widget.Entry     // where a letter typed with nothing focused goes, replacing its text
	page     *container.Scroll // what Page Down and the other scrolling keys move, if anything
}

// scrollsWith has the scrolling keys (Page Down, Page Up, Home, End, the arrows) move page, when
// it is a scroll (a long message), while the dialog shown last is open.
func (u *UI) scrollsWith(page fyne.CanvasObject) {
	if sc, ok := page.(*container.Scroll); ok && len(u.dialogs) > 0 {
		u.dialogs[len(u.dialogs)-1].page = sc
	}
}

// showDialog shows d and gives it the keyboard: Escape closes it, Enter runs submit (when not
// nil), and first (when not nil) has the focus.
func (u *UI) showDialog(d dialog.Dialog, submit func(), first fyne.Focusable) {
	d.Show()
	u.trackDialog(d, d.Hide, submit)
	if first != nil {
		u.win.Canvas().Focus(first)
	}
}

// trackDialog records a shown dialog until it closes.
func (u *UI) trackDialog(d dialog.Dialog, close, submit func()) {
	od := &openDialog{close: close, submit: submit}
	u.dialogs = append(u.dialogs, od)
	d.SetOnClosed(func() {
		for i, o := range u.dialogs {
			if o == od {
				u.dialogs = append(u.dialogs[:i], u.dialogs[i+1:]...)
				break
			}
		}
	})
}

// submitIfEnabled is a dialog's Enter: its default button, when the form is valid.
func submitIfEnabled(b *widget.Button) func() {
	return func() {
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
	}
}

// escape closes the top dialog; it reports whether there was one.
func (u *UI) escape() bool {
	if len(u.dialogs) == 0 {
		return false
	}
	u.dialogs[len(u.dialogs)-1].close()
	return true
}

// escapeKey is Escape in a widget: it closes the top dialog or, with none open, leaves the
// widget, so that the keys that scroll the screen (scrollPage) reach the window.
func (u *UI) escapeKey() {
	if !u.escape() {
		u.win.Canvas().Unfocus()
	}
}

// enter runs the top dialog's default action; it reports whether there was one.
func (u *UI) enter() bool {
	if len(u.dialogs) == 0 || u.dialogs[len(u.dialogs)-1].submit == nil {
		return false
	}
	u.dialogs[len(u.dialogs)-1].submit()
	return true
}

// typedKey handles the keys typed while no widget has the focus.
func (u *UI) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		u.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		u.enter()
	case fyne.KeyPageDown, fyne.KeyPageUp, fyne.KeyHome, fyne.KeyEnd, fyne.KeyDown, fyne.KeyUp:
		if len(u.dialogs) == 0 {
			u.scrollPage(ev.Name)
		} else if page := u.dialogs[len(u.dialogs)-1].page; page != nil {
			scrollByKey(page, ev.Name)
		}
	}
}

// scrollPage scrolls the screen on show from the keyboard, as the wheel does: Page Down and
// Page Up by a window's height less a line, Home and End to the top and the bottom, Down and Up
// by a line. The Plan's tabs scroll their lists (planScreen.scroll).
func (u *UI) scrollPage(key fyne.KeyName) {
	var page *container.Scroll
	switch u.shownScreen() {
	case screenToday:
		page, _ = u.today.content.(*container.Scroll)
	case screenLog:
		page = u.log.page
	case screenReference:
		page, _ = u.reference.content.(*container.Scroll)
	case screenSettings:
		page, _ = u.settings.content.(*container.Scroll)
	case screenPlan:
		u.planner.scroll(key)
		return
	}
	scrollByKey(page, key)
}

// scrollByKey scrolls page as scrollPage says a key does.
func scrollByKey(page *container.Scroll, key fyne.KeyName) {
	if page == nil || page.Content == nil {
		return
	}
	view := page.Size().Height
	y := page.Offset.Y + scrollStep(key, view)
	switch key {
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = page.Content.Size().Height
	}
	page.ScrollToOffset(fyne.NewPos(page.Offset.X, min(max(0, y), max(0, page.Content.Size().Height-view))))
}

// scrollLine is how far Down and Up scroll.
const scrollLine = 40

// scrollStep is how far a key scrolls a view height tall: Page Down and Page Up a view less a
// line, Down and Up a line; 0 for Home and End, which go to the ends.
func scrollStep(key fyne.KeyName, view float32) float32 {
	switch key {
	case fyne.KeyPageDown:
		return max(scrollLine, view-scrollLine)
	case fyne.KeyPageUp:
		return -max(scrollLine, view-scrollLine)
	case fyne.KeyDown:
		return scrollLine
	case fyne.KeyUp:
		return -scrollLine
	}
	return 0
}

// typedRune takes a letter typed while no widget has the focus: into the top dialog's field for
// it (a save chooser's file name), in place of the name given there.
func (u *UI) typedRune(r rune) {
	if len(u.dialogs) == 0 || u.dialogs[len(u.dialogs)-1].typeInto == nil || r == ' ' {
		return // a space starts no file name
	}
	e := u.dialogs[len(u.dialogs)-1].typeInto
	u.win.Canvas().Focus(e)
	e.SetText("")
	e.TypedRune(r)
}

func isEnter(name fyne.KeyName) bool { return name == fyne.KeyReturn || name == fyne.KeyEnter }

// isCtrlEnter reports whether a shortcut is Ctrl+Enter.
func isCtrlEnter(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && isEnter(cs.KeyName) && cs.Modifier == fyne.KeyModifierShortcutDefault
}

// keyEntry is a text field that follows the keyboard rules.
type keyEntry struct {
	widget.Entry
	u        *UI
	onSubmit func() // what Enter does; nil: the open dialog's default action
	wheel    wheelCatcher
}

func (u *UI) newEntry() *keyEntry {
	e := &keyEntry{u: u}
	e.ExtendBaseWidget(e)
	// A note being typed in scrolls its own lines with the wheel; otherwise the page scrolls.
	e.wheel.keep = func() bool { return e.MultiLine && u.win.Canvas().Focused() == e }
	return e
}

func (e *keyEntry) CreateRenderer() fyne.WidgetRenderer {
	return withWheelCatcher(e.Entry.CreateRenderer(), &e.wheel)
}

func (u *UI) newMultiLineEntry() *keyEntry {
	e := u.newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *keyEntry) submit() {
	if e.onSubmit != nil {
		e.onSubmit()
	} else {
		e.u.enter()
	}
}

// AcceptsTab is false even for a note, so that Tab moves on instead of typing a tab.
func (e *keyEntry) AcceptsTab() bool { return false }

// FocusGained brings the field into view on a page that scrolls (a tall dialog), as Tab reaches it.
func (e *keyEntry) FocusGained() {
	e.Entry.FocusGained()
	showInPage(e.wheel.page, e)
}

func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if isEnter(ev.Name) && e.MultiLine {
		e.Entry.TypedKey(ev) // a new line; Ctrl+Enter saves
		return
	}
	e.u.fieldKey(ev, e.onSubmit, e.Entry.TypedKey)
}

func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if isCtrlEnter(s) {
		e.submit()
		return
	}
	e.Entry.TypedShortcut(s)
}

// keySelectEntry is a text field with a drop-down of choices that follows the keyboard rules.
type keySelectEntry struct {
	widget.SelectEntry
	u        *UI
	onSubmit func()
	wheel    wheelCatcher
	arrow    *dropArrow // the drop-down arrow, which Down opens too
}

func (e *keySelectEntry) CreateRenderer() fyne.WidgetRenderer {
	return withWheelCatcher(e.SelectEntry.CreateRenderer(), &e.wheel)
}

func (u *UI) newSelectEntry(options []string) *keySelectEntry {
	e := &keySelectEntry{u: u}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	if b, ok := e.ActionItem.(*widget.Button); ok {
		e.arrow = newDropArrow(b.Icon, b.OnTapped)
		e.ActionItem = e.arrow
	}
	return e
}

// dropArrow is a field's drop-down arrow for the pointer only. Fyne's is a button, and so a Tab
// stop of its own between the field and the next one, which sent the text typed after a Tab to
// the wrong field; from the keyboard, Down in the field opens the list.
type dropArrow struct {
	widget.BaseWidget
	icon     *widget.Icon
	open     func()
	disabled bool
}

func newDropArrow(icon fyne.Resource, open func()) *dropArrow {
	d := &dropArrow{icon: widget.NewIcon(icon), open: open}
	d.ExtendBaseWidget(d)
	return d
}

func (d *dropArrow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(d.icon))
}

func (d *dropArrow) Tapped(*fyne.PointEvent) {
	if !d.disabled {
		d.open()
	}
}

func (d *dropArrow) Cursor() desktop.Cursor { return desktop.PointerCursor }
func (d *dropArrow) Enable()                { d.disabled = false }
func (d *dropArrow) Disable()               { d.disabled = true }
func (d *dropArrow) Disabled() bool         { return d.disabled }

// FocusGained brings the field into view on a page that scrolls, as keyEntry's does.
func (e *keySelectEntry) FocusGained() {
	e.SelectEntry.FocusGained()
	showInPage(e.wheel.page, e)
}

func (e *keySelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyDown && e.arrow != nil {
		e.arrow.Tapped(nil)
		return
	}
	e.u.fieldKey(ev, e.onSubmit, e.SelectEntry.TypedKey)
}

// fieldKey is what a form's widget does with a key: Escape closes the dialog (or leaves the
// widget), Enter runs submit (the open dialog's default action when nil), and any other key
// goes to the widget's own handler.
func (u *UI) fieldKey(ev *fyne.KeyEvent, submit func(), own func(*fyne.KeyEvent)) {
	switch {
	case ev.Name == fyne.KeyEscape:
		u.escapeKey()
	case isEnter(ev.Name) && submit != nil:
		submit()
	case isEnter(ev.Name):
		u.enter()
	default:
		own(ev)
	}
}

// keySelect is a drop-down that follows the keyboard rules (Space or the arrows open it).
type keySelect struct {
	widget.Select
	u        *UI
	onSubmit func()
}

func (u *UI) newSelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{u: u}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *keySelect) TypedKey(ev *fyne.KeyEvent) { s.u.fieldKey(ev, s.onSubmit, s.Select.TypedKey) }

// keyCheck is a check box with the fields' keys: Enter runs onSubmit (or the open dialog's
// default action) and Escape closes the dialog, where Fyne's check box ignores both; Space
// still ticks it.
type keyCheck struct {
	widget.Check
	u        *UI
	onSubmit func()
}

func (u *UI) newCheck(label string, changed func(bool)) *keyCheck {
	c := &keyCheck{u: u}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) { c.u.fieldKey(ev, c.onSubmit, c.Check.TypedKey) }

// keyChecks is a CheckGroup made of keyCheck boxes, whose own boxes would take no Enter.
type keyChecks struct {
	content   *fyne.Container // to put on the screen: Fyne walks into a *fyne.Container only
	boxes     []*keyCheck
	OnChanged func(selected []string)
}

// newChecks makes a box for each option, side by side or one under the other.
func (u *UI) newChecks(options []string, horizontal bool, changed func([]string)) *keyChecks {
	k := &keyChecks{OnChanged: changed}
	var objects []fyne.CanvasObject
	for _, o := range options {
		box := u.newCheck(o, func(bool) {
			if k.OnChanged != nil {
				k.OnChanged(k.Selected())
			}
		})
		k.boxes = append(k.boxes, box)
		objects = append(objects, box)
	}
	if horizontal {
		k.content = container.NewHBox(objects...)
	} else {
		k.content = container.NewVBox(objects...)
	}
	return k
}

// Selected is the options ticked, in the order given.
func (k *keyChecks) Selected() []string {
	var on []string
	for _, b := range k.boxes {
		if b.Checked {
			on = append(on, b.Text)
		}
	}
	return on
}

// SetSelected ticks the options named and clears the others, then calls OnChanged once.
func (k *keyChecks) SetSelected(selected []string) {
	changed := k.OnChanged
	k.OnChanged = nil
	for _, b := range k.boxes {
		b.SetChecked(slices.Contains(selected, b.Text))
	}
	k.OnChanged = changed
	if changed != nil {
		changed(k.Selected())
	}
}

// setOnSubmit sets what Enter does in each box.
func (k *keyChecks) setOnSubmit(submit func()) {
	for _, b := range k.boxes {
		b.onSubmit = submit
	}
}

// keyButton is a button (Enter presses it as well as Space) that passes Escape on to the UI,
// which closes the top dialog.
type keyButton struct {
	button
	u *UI
}

func (u *UI) newButton(label string, icon fyne.Resource, tapped func()) *keyButton {
	b := &keyButton{u: u}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		b.u.escapeKey()
		return
	}
	b.button.TypedKey(ev)
}

// button is a widget.Button that Enter taps when it has the focus, as Space does: Fyne's buttons
// take only Space, and a keyboard user who tabs to "Save goals" presses Enter.
type button struct{ widget.Button }

func newPlainButton(label string, tapped func()) *button { return newIconButton(label, nil, tapped) }

func newIconButton(label string, icon fyne.Resource, tapped func()) *button {
	b := &button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *button) TypedKey(ev *fyne.KeyEvent) {
	if isEnter(ev.Name) {
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
		return
	}
	b.Button.TypedKey(ev)
}
