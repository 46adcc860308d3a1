package app

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
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
	u.scrollsWith(content)
	return q
}

// askText is ask with a message, wrapped to the dialog's width.
func (u *UI) askText(title, message, dismiss, confirm string, onConfirm func()) *question {
	text, height := u.wrapped(message, 480)
	q := u.ask(title, text, dismiss, confirm, onConfirm)
	q.Resize(fyne.NewSize(480, height))
	return q
}

// showMessage shows a message in a dialog width wide with one button, dismiss, that closes it;
// a message taller than the window scrolls, from the page keys too.
func (u *UI) showMessage(title, dismiss, message string, width float32) {
	msg, height := u.wrapped(message, width)
	d := dialog.NewCustom(title, dismiss, msg, u.win)
	u.showDialog(d, d.Hide, nil)
	u.scrollsWith(msg)
	d.Resize(fyne.NewSize(width, height))
}

// wrapped is a message for a dialog width wide: a word-wrapped label, in a scroll when it is
// too long for the window, so that the dialog's buttons stay on screen. It returns the height
// to give the dialog: 0 (as tall as the label) when the message fits.
func (u *UI) wrapped(message string, width float32) (fyne.CanvasObject, float32) {
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	const chrome = 150 // the dialog's title, its buttons and the margins
	room := u.win.Canvas().Size().Height - 40
	// A window not laid out yet (an error at start) has no height to measure against.
	if room < 2*chrome || messageHeight(message, width-6*theme.Padding())+chrome <= room {
		return container.New(wrapAt(width-6*theme.Padding()), text), 0
	}
	return container.NewVScroll(text), room
}

// messageHeight is about how tall text is, word-wrapped at width: the lines its paragraphs
// measure, with a margin for the room that wrapping at words leaves at their ends.
func messageHeight(text string, width float32) float32 {
	size := theme.TextSize()
	line := fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height + theme.LineSpacing()
	lines := 0
	for _, paragraph := range strings.Split(text, "\n") {
		w := fyne.MeasureText(paragraph, size, fyne.TextStyle{}).Width
		lines += max(1, int(math.Ceil(float64(w/width)*1.15)))
	}
	return float32(lines)*line + 2*theme.InnerPadding()
}
