package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// showFileDialog shows a file or folder chooser at a size where its list is usable. It must be
// shown before it is resized: Fyne 2.8.1 builds the dialog's content in Show, and Resize before
// that dereferences nil (dialog.(*FileDialog).MinSize) and ends the app. Escape cancels it:
// the file name field of a save chooser gives up the focus it takes, since Fyne's own field
// ignores Escape (the name is filled in already).
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	// A list shows a file's whole name, its size and its date, where icons cut the backups'
	// long, alike names to "corepath-before-…"; a view the person chose in the dialog wins.
	d.SetView(dialog.ListView)
	d.Show()
	d.Resize(fyne.NewSize(760, 520))
	u.win.Canvas().Unfocus()
	u.trackDialog(d, d.Dismiss, nil)
}
