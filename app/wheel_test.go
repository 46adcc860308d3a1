package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// wheelOver turns the mouse wheel down by one notch's worth over the middle of o.
func (h *harness) wheelOver(o fyne.CanvasObject) {
	pos := h.app.Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
	test.Scroll(h.u.win.Canvas(), pos, 0, -40)
}

// The wheel scrolls the Log form's page with the pointer over any of its fields (Fyne alone
// stops there, at each field's own scroller), except over a note being typed in.
func TestTheWheelOverAFieldScrollsThePage(t *testing.T) {
	h := newHarness(t)
	h.u.win.Resize(fyne.NewSize(1024, 420)) // short enough that the form scrolls
	h.u.showScreen(screenLog)
	page := h.u.log.page
	f := h.u.log.form
	for _, field := range []struct {
		name string
		o    fyne.CanvasObject
	}{{"duration", f.duration}, {"topic", f.topic}, {"tags", f.tags}, {"note", f.note}} {
		page.ScrollToTop()
		page.ScrollToOffset(fyne.NewPos(0, 1)) // every field in view, and room above to tell
		h.wheelOver(field.o)
		if page.Offset.Y <= 1 {
			t.Errorf("the wheel over the %s field left the page at %v", field.name, page.Offset.Y)
		}
	}

	h.u.win.Canvas().Focus(f.note)
	typeInto(f.note, "one\ntwo\nthree\nfour\nfive\nsix\nseven")
	page.ScrollToOffset(fyne.NewPos(0, 1))
	h.wheelOver(f.note)
	if page.Offset.Y != 1 {
		t.Errorf("the wheel over the note being typed in scrolled the page to %v", page.Offset.Y)
	}
}

func TestTheWheelOverASettingsFieldScrollsSettings(t *testing.T) {
	h := newHarness(t)
	h.u.win.Resize(fyne.NewSize(1024, 640))
	h.u.showScreen(screenSettings)
	page := h.u.settings.content.(*container.Scroll)
	h.wheelOver(h.u.settings.streakMin)
	if page.Offset.Y <= 0 {
		t.Errorf("the wheel over Minutes a day left Settings at %v", page.Offset.Y)
	}
}
