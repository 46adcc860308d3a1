package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// undoStep reverts one change.
type undoStep struct {
	label  string
	revert func(tracker.Store) error
}

// change makes one change and offers its undo: apply makes it and says what happened, revert
// (nil for a change that cannot be undone) takes it back. Each runs in one store transaction,
// so a change is never half made or half undone, and the screens then follow what it wrote
// (see followChange) instead of reading every session again.
func (u *UI) change(label string, apply func(tracker.Store) (message string, err error), revert func(tracker.Store) error) bool {
	var message string
	if err := u.write(func(st tracker.Store) (err error) { message, err = apply(st); return err }); errors.Is(err, errUnchanged) {
		u.reload() // what made it find nothing to change was done outside: show it
		return false
	} else if err != nil {
		u.showError(err)
		return false
	}
	if revert != nil {
		u.undoStack = append(u.undoStack, undoStep{label: label, revert: revert})
		if len(u.undoStack) > 50 {
			u.undoStack = u.undoStack[1:]
		}
	}
	u.setStatus(u.afterFirstChange(message)) // the store's first change: now there is something to keep
	u.markUntouched()
	return true
}

// errUnchanged is what an apply returns that found nothing to change and leaves its caller to
// say so: change then shows no error.
var errUnchanged = errors.New("nothing was changed")

// undoKey is Ctrl+Z: in a text field typed in since the last change, it undoes the typing
// there, as every text field does, rather than the last saved change, which the person may not
// have meant to lose; elsewhere, and in the field that kept the focus through the change (the
// Log form's, after Enter logged a session), untouched since, it is Undo. (The main menu's
// shortcut comes before the focused field's, so it must ask.)
func (u *UI) undoKey() {
	type textField interface {
		fyne.Shortcutable
		SelectedText() string
	}
	focused := u.win.Canvas().Focused()
	if field, ok := focused.(textField); ok {
		if text, _ := fieldText(focused); focused != u.untouched || text != u.untouchedText {
			field.TypedShortcut(&fyne.ShortcutUndo{})
			return
		}
	}
	u.Undo()
}

// markUntouched notes the field that has the focus now, after a change, with its text.
func (u *UI) markUntouched() {
	u.untouched = u.win.Canvas().Focused()
	u.untouchedText, _ = fieldText(u.untouched)
}

// fieldText is the text of the app's text fields.
func fieldText(o fyne.Focusable) (string, bool) {
	switch f := o.(type) {
	case *keyEntry:
		return f.Text, true
	case *keySelectEntry:
		return f.Text, true
	case *widget.Entry:
		return f.Text, true
	case *widget.SelectEntry:
		return f.Text, true
	}
	return "", false
}

// Undo reverts the last change made in the app.
func (u *UI) Undo() {
	if len(u.undoStack) == 0 {
		u.setStatus("Nothing to undo.")
		return
	}
	step := u.undoStack[len(u.undoStack)-1]
	u.undoStack = u.undoStack[:len(u.undoStack)-1]
	if err := u.write(step.revert); err != nil {
		u.showError(fmt.Errorf("could not undo %q, which is taken off the undo list: %w", step.label, err))
		u.reload() // the store may have changed under the step: show what it holds
		u.showUndo()
		return
	}
	u.setStatus("Undone: " + step.label)
}

func (u *UI) setStatus(msg string) {
	u.showStatus(msg)
	u.showUndo()
}

// showWholeStatus shows the status line's message whole, in a dialog that scrolls: from the
// button beside a long message, or from View > Whole message… with the keyboard.
func (u *UI) showWholeStatus() {
	text := u.statusFull
	if text == "" {
		text = "There is no message on the status line."
	}
	u.showMessage("Message", "Close", text, 560)
}

// showStatus puts msg on the status line, its first line only, with a button for the whole
// of it when that is longer (a sync that failed has no dialog of its own).
func (u *UI) showStatus(msg string) {
	line := statusLine(msg)
	u.status.SetText(line)
	u.statusFull = strings.TrimSpace(msg)
	if line != u.statusFull {
		u.statusMore.Show()
	} else {
		u.statusMore.Hide()
	}
}

// statusLine is a message as the status bar shows it: its first line, the others marked as
// left out. A message of many lines (an import's sixty bad rows) made the bar as tall, and the
// window with it, past the bottom of the screen; the whole of it is in its dialog.
func statusLine(msg string) string {
	first, rest, more := strings.Cut(strings.TrimSpace(msg), "\n")
	if more && strings.TrimSpace(rest) != "" {
		return strings.TrimRight(first, ": \r") + " (…)"
	}
	return strings.TrimRight(first, "\r")
}

// showUndo labels the Undo button with the step it would take back, or hides it.
func (u *UI) showUndo() {
	if len(u.undoStack) > 0 {
		u.undoButton.SetText("Undo " + u.undoStack[len(u.undoStack)-1].label)
		u.undoButton.Show()
	} else {
		u.undoButton.Hide()
	}
}

// showError shows a store or validation error; its message says what to do.
func (u *UI) showError(err error) {
	var e *tracker.Error
	title := "Something went wrong"
	if errors.As(err, &e) {
		switch e.Code {
		case tracker.Invalid:
			title = "That is not valid"
		case tracker.NotFound:
			title = "Not found"
		case tracker.Conflict:
			title = "That clashes with your data"
		case tracker.InUse:
			title = "The data file is busy"
		case tracker.Damaged:
			u.showDamage(err, u.db.Salvageable()) // rare: a read or write that met the damage
			return
		case tracker.TooNew:
			title = "The data file cannot be used"
		}
	}
	u.showMessage(title, "OK", explain(err), 520)
	u.showStatus(explain(err))
}
