package app

import (
	"fyne.io/fyne/v2"
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
// have the scroll around measure it again.
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

func (r *reflow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	objects = visible(objects)
	cols := r.shown
	if cols == 0 {
		cols = r.cols
	}
	cols = max(1, min(cols, len(objects)))
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
	if cols != r.shown {
		r.shown = cols
		if r.remeasure != nil {
			fyne.Do(r.remeasure)
		}
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
// up to 60% of the row, and the detail in the rest; both truncate.
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
	topic, detail := objects[0].(*fitLabel), objects[1]
	// As wide as its whole text and a little more (the room Fyne's truncating label needed),
	// which keeps the tags a little apart from the topic.
	w := min(topic.naturalWidth()+2*theme.InnerPadding(), size.Width*0.6)
	topic.Move(fyne.NewPos(0, 0))
	topic.Resize(fyne.NewSize(w, size.Height))
	detail.Move(fyne.NewPos(w, 0))
	detail.Resize(fyne.NewSize(max(size.Width-w, 0), size.Height))
}
