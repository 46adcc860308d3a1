package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// walkTopDialog calls fn with every object in the dialog on top, widgets' insides too.
func walkTopDialog(h *harness, fn func(fyne.CanvasObject)) {
	if top := h.u.win.Canvas().Overlays().Top(); top != nil {
		walkTree(top, fn)
	}
}

// walkTree calls fn with o and every object inside it, widgets' insides too.
func walkTree(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walkTree(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walkTree(c, fn)
		}
	}
}

// dialogText is every label's text in the dialog on top, one per line.
func dialogText(h *harness) string {
	var lines []string
	walkTopDialog(h, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	})
	return strings.Join(lines, "\n")
}

// Help lists every shortcut the menus bind, with the keys every form has, and About says the
// version and where the data is.
func TestTheHelpMenuListsTheKeysAndSaysWhichCorepath(t *testing.T) {
	h := newHarness(t)
	h.u.opt.Version = "0.1.0 (abc123)"
	h.u.showKeys()
	keys := dialogText(h)
	for _, s := range h.u.shortcuts() {
		if !strings.Contains(keys, modifierName()+"+"+string(s.key)+"\n"+s.label) {
			t.Errorf("the shortcuts lack %s (%s):\n%s", s.label, s.key, keys)
		}
	}
	for _, want := range []string{"Undo the last change", "Escape\nClose the dialog", "+Page Down, Page Up\nThe Plan's next tab"} {
		if strings.Count(keys, want) != 1 {
			t.Errorf("the shortcuts hold %q %d times, want once", want, strings.Count(keys, want))
		}
	}
	h.u.win.Canvas().Overlays().Top().Hide()
	h.u.showAbout()
	about := dialogText(h)
	if !strings.Contains(about, "Corepath 0.1.0 (abc123)") || !strings.Contains(about, h.db.Path()+", 0 sessions") {
		t.Errorf("About says:\n%s", about)
	}
}

// menuItemNamed finds an item of the main menu by its menu's label and its own.
func menuItemNamed(t *testing.T, m *fyne.MainMenu, menu, item string) *fyne.MenuItem {
	t.Helper()
	for _, mm := range m.Items {
		for _, it := range mm.Items {
			if mm.Label == menu && it.Label == item {
				return it
			}
		}
	}
	t.Fatalf("no %s > %s in the main menu", menu, item)
	return nil
}

// Help > Certification rules and sources says each rule with its confidence and the ids of its
// sources, and what each cited source is and where, for the plan's rules as edited.
func TestTheRulesDialogSaysWhatEachSourceIs(t *testing.T) {
	h := newHarness(t)
	r := h.u.plan.Rules()
	r.LabEligibility.Years, r.LabEligibility.Edited = 2, "2026-11-25"
	if err := h.db.PutCertRules(r); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	menuItemNamed(t, h.u.win.MainMenu(), "Help", "Certification rules and sources…").Action()
	text := dialogText(h)
	for _, want := range []string{
		"Lab eligibility: 2 years from the latest passed 350-501 (medium confidence, reported 2026-11; S13, S20, S14; edited by you on 2026-11-25).",
		"• 120 CE credits (high confidence, 2026-11; S10)",
		"S13  Pass4-Sure: CCIE overview (third-party): https://",
		"S11  Cisco: Learning about recertification (Cisco (official)): https://www.cisco.com/",
		"S26  GPA / quality-point policies",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the rules dialog lacks %q:\n%s", want, text)
		}
	}
}

// A dialog too tall for the window scrolls from the keyboard, as the screens do: Page Down
// and End move the shortcuts' list at 1024x640, Home brings it back.
func TestPageDownScrollsALongDialog(t *testing.T) {
	h := newHarness(t)
	h.u.Window().Resize(fyne.NewSize(1024, 640))
	h.u.showKeys()
	page := h.u.dialogs[len(h.u.dialogs)-1].page
	if page == nil {
		t.Fatal("the shortcuts' dialog has no page for the keys")
	}
	if page.Content.Size().Height <= page.Size().Height {
		t.Fatalf("the list (%v) fits its page (%v) at 1024x640: nothing to scroll", page.Content.Size(), page.Size())
	}
	h.press(fyne.KeyPageDown)
	if page.Offset.Y <= 0 {
		t.Error("Page Down did not scroll the shortcuts")
	}
	h.press(fyne.KeyEnd)
	if end := page.Content.Size().Height - page.Size().Height; page.Offset.Y != end {
		t.Errorf("End scrolled to %v, want %v", page.Offset.Y, end)
	}
	h.press(fyne.KeyHome)
	if page.Offset.Y != 0 {
		t.Errorf("Home left the list at %v", page.Offset.Y)
	}
}
