package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// The mouse wheel over a text field scrolls the page the field is on. Fyne gives a wheel turn to
// the deepest scrollable object under the pointer, and every Entry holds a scroller of its own
// (for text longer than the field), so without this the page stops scrolling wherever the pointer
// rests on a field, and a form's Save button below the window's edge looks unreachable. Each
// field therefore draws a transparent wheel catcher over itself (the last, so the deepest object)
// that passes the turn to its page: the scroll container newPage made around the form. A note
// being typed in keeps the wheel for itself, to scroll its own lines.

// newPage puts a screen's or dialog's content in a vertical scroll container and tells the text
// fields in it (found through containers, forms, cards and splits) to pass the wheel to it. Build
// the content first: fields added to it afterwards would not know their page.
func newPage(content fyne.CanvasObject) *container.Scroll {
	page := container.NewVScroll(content)
	forEachWheelField(content, func(w *wheelCatcher) { w.page = page })
	return page
}

// showInPage scrolls page, when there is one, so that o is in view: Tab reaches a field below the
// fold of a dialog that scrolls, which would be typed into unseen.
func showInPage(page *container.Scroll, o fyne.CanvasObject) {
	if page == nil || page.Content == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(page.Content).Y
	off := page.Offset
	switch {
	case top < off.Y:
		off.Y = top
	case top+o.Size().Height > off.Y+page.Size().Height:
		off.Y = top + o.Size().Height - page.Size().Height
	default:
		return
	}
	page.ScrollToOffset(off)
}

// forEachWheelField calls f for the wheel catcher of each text field in o.
func forEachWheelField(o fyne.CanvasObject, f func(*wheelCatcher)) {
	switch o := o.(type) {
	case *keyEntry:
		f(&o.wheel)
	case *keySelectEntry:
		f(&o.wheel)
	case *fyne.Container:
		for _, c := range o.Objects {
			forEachWheelField(c, f)
		}
	case *widget.Form:
		for _, it := range o.Items {
			forEachWheelField(it.Widget, f)
		}
	case *widget.Card:
		if o.Content != nil {
			forEachWheelField(o.Content, f)
		}
	case *container.Split:
		forEachWheelField(o.Leading, f)
		forEachWheelField(o.Trailing, f)
	}
	// A scroll container inside is a page of its own, or a list that keeps its wheel.
}

// wheelCatcher is the transparent object over a text field that takes its wheel turns.
type wheelCatcher struct {
	widget.BaseWidget
	page *container.Scroll // where the turns go; nil: to the field's own scroller
	own  fyne.Scrollable   // the field's own scroller
	keep func() bool       // when the field keeps the wheel for itself
}

func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer { return emptyRenderer{} }

func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	switch {
	case w.page != nil && (w.keep == nil || !w.keep()):
		w.page.Scrolled(ev)
	case w.own != nil:
		w.own.Scrolled(ev)
	}
}

type emptyRenderer struct{}

func (emptyRenderer) Destroy()                     {}
func (emptyRenderer) Layout(fyne.Size)             {}
func (emptyRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (emptyRenderer) Objects() []fyne.CanvasObject { return nil }
func (emptyRenderer) Refresh()                     {}

// wheelRenderer is a text field's own renderer with the wheel catcher laid over it.
type wheelRenderer struct {
	fyne.WidgetRenderer
	wheel   *wheelCatcher
	base    []fyne.CanvasObject // the field's objects when objects was made
	objects []fyne.CanvasObject
}

// withWheelCatcher wraps a field's renderer so that w lies over it and knows its scroller.
func withWheelCatcher(r fyne.WidgetRenderer, w *wheelCatcher) fyne.WidgetRenderer {
	w.ExtendBaseWidget(w)
	return &wheelRenderer{WidgetRenderer: r, wheel: w}
}

func (r *wheelRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.wheel.Move(fyne.Position{})
	r.wheel.Resize(size)
}

// Objects is the field's objects and then the catcher. The entry swaps its objects in place
// when its wrapping changes, so the list is made again whenever they differ.
func (r *wheelRenderer) Objects() []fyne.CanvasObject {
	base := r.WidgetRenderer.Objects()
	if !sameObjects(base, r.base) {
		r.base = append(r.base[:0], base...)
		r.objects = append(append(r.objects[:0], base...), r.wheel)
		r.wheel.own = nil
		for _, o := range base {
			if s, ok := o.(fyne.Scrollable); ok {
				r.wheel.own = s
				break
			}
		}
	}
	return r.objects
}

func sameObjects(a, b []fyne.CanvasObject) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
