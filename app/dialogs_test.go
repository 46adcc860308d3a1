package app

import "testing"

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
