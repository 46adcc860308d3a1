package app

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitLabel is a label that ends its text in an ellipsis where it does not fit, as a Label with
// TextTruncateEllipsis draws it, with that label's minimum size. It cuts the text itself, with
// measurements Fyne caches, and remembers each cut: Fyne shapes the whole text of a truncating
// label each time it is set or laid out, uncached, and the Log list sets three such labels a row
// after every save (11 of the 28 ms from Save to the new session in the list).
type fitLabel struct {
	widget.Label
	full  string // the text, of which Text is what fits
	sized bool   // laid out at least once: until then, its width says nothing
}

func newFitLabel() *fitLabel {
	l := &fitLabel{}
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows text, cut to the label's width.
func (l *fitLabel) SetText(text string) {
	l.full = text
	l.Label.SetText(l.fitted(l.Size().Width))
}

// setForLayout sets the text to show once the label is next laid out: a row whose layout sizes
// the label to its text sets it so, and a text is never cut to the label's old width first.
func (l *fitLabel) setForLayout(text string) { l.full = text }

// Resize lays the label out at size, with as much of its text as fits.
func (l *fitLabel) Resize(size fyne.Size) {
	l.sized = true
	text := l.fitted(size.Width)
	l.Label.Resize(size)
	if text != l.Text {
		l.Label.SetText(text)
	}
}

// AccessibilityLabel is the whole text, as a truncating label gives a screen reader.
func (l *fitLabel) AccessibilityLabel() string { return l.full }

// MinSize is a truncating label's: the room it needs does not grow with its text.
func (l *fitLabel) MinSize() fyne.Size {
	l.ExtendBaseWidget(l)
	m := l.Label.MinSize()
	m.Width = truncatingMinWidth()
	return m
}

// naturalWidth is the label's width with its whole text: the text's and the padding each side.
func (l *fitLabel) naturalWidth() float32 {
	th := l.Theme()
	return fyne.MeasureText(l.full, l.textSize(th), l.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding)
}

func (l *fitLabel) textSize(th fyne.Theme) float32 {
	if l.SizeName != "" {
		return th.Size(l.SizeName)
	}
	return th.Size(theme.SizeNameText)
}

// fitted is as much of the text as fits width, as Fyne truncates it (give or take a character,
// where Fyne's sum of the characters' widths and fyne.MeasureText's differ by a fraction of a
// pixel): the most whole characters that fit with an ellipsis after them, within the whole
// units inside the padding. A label not laid out yet (a new row of a list, filled before the
// list sizes it) gets the whole text: it is cut once it has a width.
func (l *fitLabel) fitted(width float32) string {
	th := l.Theme()
	key := cutKey{text: l.full, size: l.textSize(th), style: l.TextStyle, limit: int(width - 2*th.Size(theme.SizeNameInnerPadding))}
	if !l.sized || l.textWidth(l.full, key) <= float32(key.limit) {
		return l.full
	}
	remember := len(key.text) <= maxCutText
	cutsMu.Lock()
	defer cutsMu.Unlock()
	if cut, ok := cuts[key]; ok {
		return cut
	}
	runes := []rune(l.full)
	// Fyne shapes the ellipsis apart from the text, so their widths add up without kerning.
	room := float32(key.limit) - fyne.MeasureText("…", key.size, key.style).Width
	fits := func(n int) bool { return l.textWidth(string(runes[:n]), key) <= room }
	lo, hi := 0, len(runes) // fits(lo) is taken to hold; fits(hi) does not
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	cut := string(runes[:lo]) + "…"
	if remember {
		if len(cuts) >= maxCuts {
			clear(cuts)
		}
		cuts[key] = cut
	}
	return cut
}

// textWidth is the room text takes on a line: a line's trailing spaces take none.
func (l *fitLabel) textWidth(text string, key cutKey) float32 {
	return fyne.MeasureText(strings.TrimRight(text, " "), key.size, key.style).Width
}

// cutKey is what a cut depends on: the text, its size and style, and the pixels it must fit.
type cutKey struct {
	text  string
	size  float32
	style fyne.TextStyle
	limit int
}

// maxCuts bounds the cuts remembered: the Log list shows a few hundred distinct texts at the
// widths of one window; the rest are made again when needed. A text longer than maxCutText (a
// long note) is cut each time rather than kept, twice, in memory.
const (
	maxCuts    = 4096
	maxCutText = 512
)

var (
	cutsMu sync.Mutex
	cuts   = map[cutKey]string{}
)

// truncatingMinWidth is the minimum width of any label that truncates with an ellipsis: Fyne
// gives them all one character and the ellipsis, whatever their text, style or size. Measured
// once: the app's themes change colours, never sizes.
var truncatingMinWidth = sync.OnceValue(func() float32 {
	probe := widget.NewLabel("x")
	probe.Truncation = fyne.TextTruncateEllipsis
	return probe.MinSize().Width
})
