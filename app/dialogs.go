package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showFileDialog shows a file or folder chooser at a size where its list is usable. It must be
// shown before it is resized: Fyne 2.8.1 builds the dialog's content in Show, and Resize before
// that dereferences nil (dialog.(*FileDialog).MinSize) and ends the app. Escape cancels it:
// the file name field of a save chooser gives up the focus it takes, since Fyne's own field
// ignores Escape (the name is filled in already). With nothing focused, Enter saves under the
// name in the field, and a letter typed goes into the field in place of the name given.
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	// A list shows a file's whole name, its size and its date, where icons cut the backups'
	// long, alike names to "corepath-before-…"; a view the person chose in the dialog wins.
	d.SetView(dialog.ListView)
	d.Show()
	d.Resize(fyne.NewSize(760, 520))
	name := fileNameField(u.win.Canvas())
	var submit func()
	if name != nil && name.OnSubmitted != nil {
		chooser := u.win.Canvas().Overlays().Top()
		submit = func() {
			// The chooser's Save; not behind its own question whether to replace a file,
			// which Enter would otherwise stack again and again.
			if u.win.Canvas().Overlays().Top() == chooser {
				name.OnSubmitted(name.Text)
			}
		}
	}
	u.trackDialog(d, d.Dismiss, submit)
	if name != nil {
		u.dialogs[len(u.dialogs)-1].typeInto = name
	}
}

// fileNameField finds a save chooser's file name field, its one text field, by stepping
// through the chooser's widgets as Tab does, and leaves nothing focused; nil for an open
// chooser, which has none.
func fileNameField(c fyne.Canvas) *widget.Entry {
	defer c.Unfocus()
	c.Unfocus()
	var first fyne.Focusable
	for range 100 {
		c.FocusNext()
		f := c.Focused()
		if e, ok := f.(*widget.Entry); ok {
			return e
		}
		if f == nil || f == first {
			return nil
		}
		if first == nil {
			first = f
		}
	}
	return nil
}
