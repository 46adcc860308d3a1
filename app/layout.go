package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

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

// wrapAt gives a word-wrapped label the width w and the height it takes at that width, as its
// minimum. Alone in a dialog, the label measures its height at whatever width it has first, as
// little as a character: a long path then stood one character a line, and made the dialog as
// tall as the window.
type wrapAt float32

func (w wrapAt) MinSize(objects []fyne.CanvasObject) fyne.Size {
	o := objects[0]
	if o.Size().Width < float32(w) { // laid out wider, it measures itself at that width
		o.Resize(fyne.NewSize(float32(w), o.Size().Height))
	}
	return fyne.NewSize(float32(w), o.MinSize().Height)
}

func (w wrapAt) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
}

// reflow lays its objects out in rows of as many equal columns as the width holds, up to cols,
// so that cards side by side on a wide window stack on a narrow one instead of being cut off.
// Its minimum width is one object's; its height depends on the columns, which Fyne cannot ask
// a layout about, so remeasure (when set) is called when a new width changes the columns, to
// have the scroll around measure it again (a remeasurer's ask).
type reflow struct {
	cols      int
	shown     int // the columns of the last layout; 0 before the first
	remeasure func()
}

func newReflow(cols int, remeasure func()) *reflow { return &reflow{cols: cols, remeasure: remeasure} }

func visible(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// columns is how many columns of objects fit in width.
func (r *reflow) columns(objects []fyne.CanvasObject, width float32) int {
	var cell float32
	for _, o := range objects {
		cell = max(cell, o.MinSize().Width)
	}
	pad := theme.Padding()
	return max(1, min(r.cols, len(objects), int((width+pad)/(cell+pad))))
}

// rows splits the objects into rows of cols, and gives each row's height.
func rowHeights(objects []fyne.CanvasObject, cols int) []float32 {
	var heights []float32
	for i, o := range objects {
		if i%cols == 0 {
			heights = append(heights, 0)
		}
		heights[len(heights)-1] = max(heights[len(heights)-1], o.MinSize().Height)
	}
	return heights
}

// measured is the columns MinSize measures n objects in: the last layout's, or before the first
// the most the row holds.
func (r *reflow) measured(n int) int {
	cols := r.shown
	if cols == 0 {
		cols = r.cols
	}
	return max(1, min(cols, n))
}

func (r *reflow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	objects = visible(objects)
	cols := r.measured(len(objects))
	var s fyne.Size
	for _, o := range objects {
		s.Width = max(s.Width, o.MinSize().Width)
	}
	heights := rowHeights(objects, cols)
	for _, h := range heights {
		s.Height += h
	}
	s.Height += theme.Padding() * float32(max(len(heights)-1, 0))
	return s
}

func (r *reflow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects = visible(objects)
	cols := r.columns(objects, size.Width)
	measured := r.measured(len(objects))
	r.shown = cols
	// Only a height measured in other columns is wrong: a first layout in the most columns, on a
	// wide window, needs no second measure of the whole screen.
	if cols != measured && r.remeasure != nil {
		r.remeasure()
	}
	pad := theme.Padding()
	w := (size.Width - pad*float32(cols-1)) / float32(cols)
	var y float32
	for row, h := range rowHeights(objects, cols) {
		for col := 0; col < cols && row*cols+col < len(objects); col++ {
			o := objects[row*cols+col]
			o.Move(fyne.NewPos(float32(col)*(w+pad), y))
			o.Resize(fyne.NewSize(w, h))
		}
		y += h + pad
	}
}

// topicFirst lays a row's topic and detail labels side by side: the topic as wide as its text,
// and the detail in the rest. When both do not fit, the topic keeps what the detail leaves of
// the row, and at least 60% of it; both truncate.
type topicFirst struct{}

func (topicFirst) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s.Width += o.MinSize().Width
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

func (topicFirst) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	topic, detail := objects[0].(*fitLabel), objects[1].(*fitLabel)
	// As wide as its whole text and a little more (the room Fyne's truncating label needed),
	// which keeps the tags a little apart from the topic.
	w := topic.naturalWidth() + 2*theme.InnerPadding()
	if w+detail.naturalWidth() > size.Width {
		w = min(w, max(size.Width-detail.naturalWidth(), size.Width*0.6))
	}
	topic.Move(fyne.NewPos(0, 0))
	topic.Resize(fyne.NewSize(w, size.Height))
	detail.Move(fyne.NewPos(w, 0))
	detail.Resize(fyne.NewSize(max(size.Width-w, 0), size.Height))
}

// remeasurer has a scroll measure its content again after a layout of the content in which a
// part found that its height changed with its width (a reflow's columns, the heatmap's squares).
// Measured again during that layout, the content was laid out anew inside it, and the rest of
// the outer layout then put the cards below where their old heights had left them.
type remeasurer struct {
	scroll        *container.Scroll
	laying, asked bool
}

// ask has the scroll measure again: once the layout under way is done, or at once.
func (m *remeasurer) ask() {
	if m.laying {
		m.asked = true
		return
	}
	m.scroll.Refresh()
}

// thenRemeasure lays out as inner does, and then lets m measure again if it was asked to.
type thenRemeasure struct {
	inner fyne.Layout
	m     *remeasurer
}

func (l thenRemeasure) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return l.inner.MinSize(objects)
}

func (l thenRemeasure) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.m.laying = true
	l.inner.Layout(objects, size)
	l.m.laying = false
	if l.m.asked {
		l.m.asked = false
		l.m.scroll.Refresh()
	}
}

// footerInView lays out a scrolling page and, under it, a row of buttons: right under the
// page's content when both fit, else kept at the bottom with the page scrolling above it, so
// that the Log screen's Save button is never below the fold (at 1280×800 it was, under the
// timer and nine fields).
type footerInView struct{}

func (footerInView) MinSize(objects []fyne.CanvasObject) fyne.Size {
	page, footer := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(page.Width, footer.Width), page.Height+footer.Height)
}

func (footerInView) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	page, footer := objects[0].(*container.Scroll), objects[1]
	footerHeight := footer.MinSize().Height
	pageHeight := size.Height - footerHeight
	if page.Content != nil {
		pageHeight = min(pageHeight, page.Content.MinSize().Height)
	}
	pageHeight = max(pageHeight, 0)
	page.Move(fyne.NewPos(0, 0))
	page.Resize(fyne.NewSize(size.Width, pageHeight))
	footer.Move(fyne.NewPos(0, pageHeight))
	footer.Resize(fyne.NewSize(size.Width, footerHeight))
}
