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
	d.Show()
	d.Resize(fyne.NewSize(760, 520))
	u.win.Canvas().Unfocus()
	u.trackDialog(d, d.Dismiss, nil)
}

// maxWidth lays its objects out one under the other, no wider than w, so that a form of short
// numbers is not stretched across a wide screen.
type maxWidth float32

func (m maxWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	return s
}

func (m maxWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, max(float32(m), m.MinSize(objects).Width))
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}
