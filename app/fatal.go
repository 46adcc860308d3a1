package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ShowFatal shows why the store cannot be opened (in use, damaged, too new) in a small window,
// since a person who started the app from a menu never sees the terminal.
func ShowFatal(a fyne.App, err error) {
	w := a.NewWindow("Corepath cannot start")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewBorder(nil, container.NewHBox(layoutSpacer(), quit), nil, nil, msg))
	w.Resize(fyne.NewSize(560, 200))
	w.ShowAndRun()
}
