package app

import (
	"os"
	"path/filepath"
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
		"Settings > Sync > Choose a folder…": h.u.settings.sync.chooseFolder,
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
			if h.press(fyne.KeyEscape); h.u.win.Canvas().Overlays().Top() != nil {
				t.Errorf("%s: Escape left the chooser open", name)
				h.u.win.Canvas().Overlays().Remove(overlay)
			}
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
// file name field: a letter typed goes there in place of the name given, and Enter saves. Enter
// behind the chooser's question whether to replace a file does not ask again. An open chooser
// has no such field.
func TestTheSaveChooserTakesTheNameTyped(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	h := newHarness(t)
	c := h.u.win.Canvas()
	typeName := func(name string) {
		for _, r := range name {
			if f := c.Focused(); f != nil {
				f.TypedRune(r)
			} else {
				c.OnTypedRune()(r)
			}
		}
	}
	h.u.chooseExportFile(exportFormats[1].format, exportFormats[1].ext)
	top := h.u.dialogs[len(h.u.dialogs)-1]
	if c.Focused() != nil || top.typeInto == nil || top.submit == nil {
		t.Fatalf("the save chooser opens with the focus on %T, its name field %v", c.Focused(), top.typeInto)
	}
	if !strings.HasSuffix(top.typeInto.Text, ".csv") {
		t.Errorf("the name given is %q", top.typeInto.Text)
	}
	h.press(fyne.KeyEscape)
	if h.dialogOpen() {
		t.Fatal("Escape left the save chooser open")
	}

	h.u.chooseExportFile(exportFormats[1].format, exportFormats[1].ext)
	top = h.u.dialogs[len(h.u.dialogs)-1]
	typeName("bgp.csv")
	if top.typeInto.Text != "bgp.csv" || c.Focused() != top.typeInto {
		t.Fatalf("typed into the chooser: %q, focus on %T", top.typeInto.Text, c.Focused())
	}
	top.typeInto.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	saved := filepath.Join(home, "bgp.csv")
	if _, err := os.Stat(saved); err != nil || h.dialogOpen() {
		t.Fatalf("Enter in the name did not save: %v", err)
	}

	h.u.chooseExportFile(exportFormats[1].format, exportFormats[1].ext)
	typeName("bgp.csv")
	c.Unfocus()
	h.press(fyne.KeyReturn) // the chooser's Save: the file is there, so it asks
	asked := len(c.Overlays().List())
	h.press(fyne.KeyReturn)
	if n := len(c.Overlays().List()); n != asked || asked < 2 {
		t.Errorf("Enter behind the replace question: %d dialogs, then %d", asked, n)
	}
	for c.Overlays().Top() != nil {
		c.Overlays().Remove(c.Overlays().Top())
	}
	h.u.dialogs = nil

	h.u.chooseImport(false)
	if top := h.u.dialogs[len(h.u.dialogs)-1]; top.typeInto != nil || top.submit != nil || c.Focused() != nil {
		t.Errorf("the open chooser: a name field %v, focus on %T", top.typeInto, c.Focused())
	}
}
