package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"corepath/tracker"
)

// Every menu item and button that opens a file or folder chooser, opened for real: in Fyne
// 2.8.1 a chooser resized before it is shown panics, which ended the app on each of these.
func TestFileChoosersOpenWithoutPanicking(t *testing.T) {
	h := newHarness(t)
	openers := map[string]func(){
		"File > Import…":                     func() { h.u.chooseImport(false) },
		"File > Import a Timewarrior folder": func() { h.u.chooseImport(true) },
		"Export > Choose a file…":            func() { h.u.chooseExportFile(exportFormats[0].format, exportFormats[0].ext) },
		"Settings > Restore a backup…":       h.u.settings.chooseRestore,
	}
	for name, open := range openers {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s panicked: %v", name, r)
				}
			}()
			open()
			overlay := h.u.win.Canvas().Overlays().Top()
			if overlay == nil {
				t.Fatalf("%s showed no dialog", name)
			}
			if size := overlay.Size(); size.Width < 700 || size.Height < 480 {
				t.Errorf("%s: the chooser is %v, too small to use", name, size)
			}
			h.u.win.Canvas().Overlays().Remove(overlay)
		})
	}
}

// A message too long for the window scrolls inside its dialog, whose buttons stay on screen;
// a short one is shown whole, without a scroll.
func TestALongMessageScrollsInsideTheWindow(t *testing.T) {
	h := newHarness(t)
	h.u.Window().Resize(fyne.NewSize(1024, 640))
	scrollIn := func() *container.Scroll {
		var found *container.Scroll
		walkTopDialog(h, func(o fyne.CanvasObject) {
			if s, ok := o.(*container.Scroll); ok && found == nil {
				found = s
			}
		})
		return found
	}
	h.u.showError(tracker.Errorf(tracker.Invalid, "%s", strings.Repeat("one of many reasons the file was refused; ", 120)))
	s := scrollIn()
	if s == nil {
		t.Fatal("a long message does not scroll")
	}
	// Room is left in the window for the dialog's title and its OK button.
	if s.Size().Height < 200 || s.Size().Height > 640-100 {
		t.Errorf("the message's scroll is %v tall, in a window 640 tall", s.Size().Height)
	}
	h.u.dialogs[len(h.u.dialogs)-1].close()
	h.u.showError(tracker.Errorf(tracker.Invalid, "the fee %q is not a number of dollars", "abc"))
	if scrollIn() != nil {
		t.Error("a one-line message scrolls")
	}
}

// The export's save chooser opens with nothing focused, so that Escape cancels it, but knows its
// file name field: a letter typed goes there in place of the name given, and Enter saves. An
// open chooser has no such field.
func TestTheSaveChooserTakesTheNameTyped(t *testing.T) {
	h := newHarness(t)
	h.u.chooseExportFile(exportFormats[1].format, exportFormats[1].ext)
	top := h.u.dialogs[len(h.u.dialogs)-1]
	if h.u.win.Canvas().Focused() != nil || top.typeInto == nil || top.submit == nil {
		t.Fatalf("the save chooser opens with the focus on %T, its name field %v", h.u.win.Canvas().Focused(), top.typeInto)
	}
	if !strings.HasSuffix(top.typeInto.Text, ".csv") {
		t.Errorf("the name given is %q", top.typeInto.Text)
	}
	for _, r := range "bgp.csv" {
		if f := h.u.win.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		} else {
			h.u.win.Canvas().OnTypedRune()(r)
		}
	}
	if top.typeInto.Text != "bgp.csv" || h.u.win.Canvas().Focused() != top.typeInto {
		t.Errorf("typed into the chooser: %q, focus on %T", top.typeInto.Text, h.u.win.Canvas().Focused())
	}
	h.press(fyne.KeyEscape)
	h.u.win.Canvas().Overlays().Remove(h.u.win.Canvas().Overlays().Top())
	h.u.dialogs = nil

	h.u.chooseImport(false)
	if top := h.u.dialogs[len(h.u.dialogs)-1]; top.typeInto != nil || top.submit != nil || h.u.win.Canvas().Focused() != nil {
		t.Errorf("the open chooser: a name field %v, focus on %T", top.typeInto, h.u.win.Canvas().Focused())
	}
}
