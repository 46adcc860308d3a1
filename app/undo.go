package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// undoStep reverts one change.
type undoStep struct {
	label string
	do    func() error
}

// do runs a change, reloads, says what happened in the status bar and offers its undo.
func (u *UI) do(label string, change func() (undo func() error, message string, err error)) bool {
	undo, message, err := change()
	if err != nil {
		u.showError(err)
		return false
	}
	if undo != nil {
		u.undoStack = append(u.undoStack, undoStep{label: label, do: undo})
		if len(u.undoStack) > 50 {
			u.undoStack = u.undoStack[1:]
		}
	}
	u.reload()
	u.setStatus(message)
	return true
}

// Undo reverts the last change made in the app.
func (u *UI) Undo() {
	if len(u.undoStack) == 0 {
		u.setStatus("Nothing to undo.")
		return
	}
	step := u.undoStack[len(u.undoStack)-1]
	u.undoStack = u.undoStack[:len(u.undoStack)-1]
	if err := step.do(); err != nil {
		u.showError(fmt.Errorf("could not undo %q: %w", step.label, err))
	} else {
		u.setStatus("Undone: " + step.label)
	}
	u.reload()
}

func (u *UI) setStatus(msg string) {
	u.status.SetText(msg)
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
			u.showDamage(err)
			return
		case tracker.TooNew:
			title = "The data file cannot be used"
		}
	}
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "OK", msg, u.win)
	u.showDialog(d, d.Hide, nil)
	d.Resize(fyne.NewSize(520, 0))
	u.status.SetText(err.Error())
}
