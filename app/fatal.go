package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// StartupError is the window shown when the store cannot be opened (in use, damaged, written
// by a newer version), since a person who started the app from a menu never sees a terminal.
// When there is a good backup it offers to restore it; restore does that and opens the app.
type StartupError struct {
	Window  fyne.Window
	Message *widget.Label
	Restore *button // nil without a backup
}

// ShowStartupError shows err, and a button that runs restore when backup is not empty.
func ShowStartupError(a fyne.App, err error, backup string, restore func() error) *StartupError {
	s := &StartupError{Window: a.NewWindow("Corepath cannot open your data")}
	s.Window.SetIcon(windowIcon())
	s.Message = widget.NewLabel(explain(err))
	s.Message.Wrapping = fyne.TextWrapWord
	quit := newPlainButton("Quit", a.Quit)
	buttons := container.NewHBox(layout.NewSpacer(), quit)
	if backup != "" {
		s.Restore = newPlainButton("Restore the newest good backup", func() {
			if err := restore(); err != nil {
				s.Message.SetText(explain(err))
				return
			}
			s.Window.Close()
		})
		s.Restore.Importance = widget.HighImportance
		buttons.Add(s.Restore)
	} else {
		quit.Importance = widget.HighImportance
	}
	s.Window.SetContent(container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(s.Message)))
	s.Window.Resize(fyne.NewSize(640, 260))
	s.Window.Show()
	return s
}
