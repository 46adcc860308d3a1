package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// question is a dialog that asks before a step, with the app's own buttons: Enter presses the
// one that has the focus (the buttons of Fyne's ConfirmDialog take only Space), and Enter with
// neither focused confirms, Escape dismisses.
type question struct {
	dialog.Dialog
	Confirm func() // hides the dialog and takes the step
	no, yes *button
}

// ask shows content with a dismiss and a confirm button; onConfirm runs on confirm.
func (u *UI) ask(title string, content fyne.CanvasObject, dismiss, confirm string, onConfirm func()) *question {
	d := dialog.NewCustomWithoutButtons(title, content, u.win)
	q := &question{Dialog: d, Confirm: func() { d.Hide(); onConfirm() }}
	q.no, q.yes = newPlainButton(dismiss, d.Hide), newPlainButton(confirm, q.Confirm)
	q.yes.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{q.no, q.yes})
	u.showDialog(d, q.Confirm, nil)
	return q
}

// askText is ask with a message, wrapped to the dialog's width.
func (u *UI) askText(title, message, dismiss, confirm string, onConfirm func()) *question {
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	q := u.ask(title, text, dismiss, confirm, onConfirm)
	q.Resize(fyne.NewSize(480, 0))
	return q
}
