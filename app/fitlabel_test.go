package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/resources"
)

// drawnText is what a label draws: the text of its canvas texts.
func drawnText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range test.LaidOutObjects(o) {
		if t, ok := c.(*canvas.Text); ok {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

// nearlyTheSameCut: two drawings of one text are the same, or cut with an ellipsis a character
// apart (the whole text against it cut by one is that too). Fyne's line wrapper and
// fyne.MeasureText, which fitLabel cuts by, can add the characters' widths up a fraction of a
// pixel apart.
func nearlyTheSameCut(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(strings.TrimSuffix(a, "…")), []rune(strings.TrimSuffix(b, "…"))
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	return len(rb)-len(ra) == 1 && strings.HasPrefix(string(rb), string(ra))
}

// A fitLabel draws what a truncating Label draws, give or take a character where it cuts, and
// asks for the same minimum size: every topic path of the default plan, some tags and a note,
// bold, plain and in the caption size, at widths from too narrow for a character to wide
// enough for all, as texts and sizes change.
func TestFitLabelDrawsAsATruncatingLabel(t *testing.T) {
	test.NewTempApp(t)
	plan, err := resources.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"", "BGP", "[lab, xr, review]", "LSA types 1 to 7, and why type 5 floods — with a note that runs on"}
	for _, tp := range plan.Topics {
		texts = append(texts, plan.TopicPath(tp.ID))
	}
	for _, style := range []struct {
		bold bool
		size fyne.ThemeSizeName
	}{{true, ""}, {false, ""}, {false, theme.SizeNameCaptionText}} {
		fit, plain := newFitLabel(), widget.NewLabel("")
		fit.TextStyle.Bold, plain.TextStyle.Bold = style.bold, style.bold
		fit.SizeName, plain.SizeName = style.size, style.size
		plain.Truncation = fyne.TextTruncateEllipsis
		w := test.NewTempWindow(t, fyne.NewContainerWithoutLayout(fit, plain))
		w.Resize(fyne.NewSize(900, 200))
		for width := float32(20); width < 700; width += 41.5 {
			for _, text := range texts {
				fit.SetText(text)
				plain.SetText(text)
				for _, l := range []fyne.CanvasObject{fit, plain} {
					l.Resize(fyne.NewSize(width, 40))
				}
				if got, want := drawnText(fit), drawnText(plain); !nearlyTheSameCut(got, want) {
					t.Fatalf("%q at %v wide (bold %v, size %q): drawn %q, a truncating label draws %q", text, width, style.bold, style.size, got, want)
				}
				if got, want := fit.MinSize(), plain.MinSize(); got != want {
					t.Fatalf("%q at %v wide: minimum size %v, a truncating label's %v", text, width, got, want)
				}
			}
		}
	}
}

// A cut label still gives a screen reader its whole text; one laid out and then given no width
// shows no more than the ellipsis; one not laid out yet keeps its whole text for the layout.
func TestFitLabelReadsWholeAndNeverOverflows(t *testing.T) {
	test.NewTempApp(t)
	l := newFitLabel()
	test.NewTempWindow(t, fyne.NewContainerWithoutLayout(l))
	const long = "Segment Routing › SR-MPLS: prefix/adj SIDs, SRGB/SRLB, mapping server"
	l.SetText(long)
	if l.Text != long {
		t.Errorf("before any layout the label holds %q", l.Text)
	}
	l.Resize(fyne.NewSize(120, 40))
	if !strings.HasSuffix(l.Text, "…") || l.AccessibilityLabel() != long {
		t.Errorf("at 120 wide: drawn %q, read out %q", l.Text, l.AccessibilityLabel())
	}
	l.Resize(fyne.NewSize(0, 40))
	if l.Text != "…" {
		t.Errorf("at no width: drawn %q", l.Text)
	}
}
