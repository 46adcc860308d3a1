package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// showFileDialog shows a file or folder chooser at a size where its list is usable. It must be
// shown before it is resized: Fyne 2.8.1 builds the dialog's content in Show, and Resize before
// that dereferences nil (dialog.(*FileDialog).MinSize) and ends the app.
func showFileDialog(d *dialog.FileDialog) {
	d.Show()
	d.Resize(fyne.NewSize(760, 520))
}
