package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ring is a progress ring with a caption in its middle.
type ring struct {
	widget.BaseWidget
	fraction float64
	caption  string
	sub      string
}

func newRing() *ring {
	r := &ring{}
	r.ExtendBaseWidget(r)
	return r
}

// SetData sets how full the ring is (0..1) and what it says.
func (r *ring) SetData(fraction float64, caption, sub string) {
	r.fraction, r.caption, r.sub = math.Max(0, math.Min(1, fraction)), caption, sub
	r.Refresh()
}

func (r *ring) CreateRenderer() fyne.WidgetRenderer {
	rr := &ringRenderer{r: r, track: canvas.NewArc(0, 360, 0.78, color.Black), fill: canvas.NewArc(0, 0, 0.78, color.Black),
		caption: canvas.NewText("", color.Black), sub: canvas.NewText("", color.Black)}
	rr.caption.TextStyle.Bold = true
	rr.caption.Alignment, rr.sub.Alignment = fyne.TextAlignCenter, fyne.TextAlignCenter
	rr.sub.TextSize = theme.CaptionTextSize()
	rr.Refresh()
	return rr
}

type ringRenderer struct {
	r            *ring
	track, fill  *canvas.Arc
	caption, sub *canvas.Text
}

func (rr *ringRenderer) Layout(size fyne.Size) {
	d := float32(math.Min(float64(size.Width), float64(size.Height)))
	pos := fyne.NewPos((size.Width-d)/2, (size.Height-d)/2)
	for _, a := range []*canvas.Arc{rr.track, rr.fill} {
		a.Move(pos)
		a.Resize(fyne.NewSize(d, d))
	}
	rr.caption.Move(fyne.NewPos(0, size.Height/2-rr.caption.MinSize().Height*0.75))
	rr.caption.Resize(fyne.NewSize(size.Width, rr.caption.MinSize().Height))
	rr.sub.Move(fyne.NewPos(0, size.Height/2+2))
	rr.sub.Resize(fyne.NewSize(size.Width, rr.sub.MinSize().Height))
}

func (rr *ringRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

func (rr *ringRenderer) Refresh() {
	rr.track.FillColor = themeColor(theme.ColorNameInputBackground)
	rr.fill.FillColor = themeColor(theme.ColorNamePrimary)
	rr.fill.EndAngle = float32(360 * rr.r.fraction)
	rr.caption.Text, rr.sub.Text = rr.r.caption, rr.r.sub
	rr.caption.Color, rr.sub.Color = themeColor(theme.ColorNameForeground), themeColor(theme.ColorNamePlaceHolder)
	rr.Layout(rr.r.Size())
	for _, o := range rr.Objects() {
		o.Refresh()
	}
}

func (rr *ringRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{rr.track, rr.fill, rr.caption, rr.sub}
}

func (rr *ringRenderer) Destroy() {}

// compareBar sets a share beside a weight, both in percent, as two thin horizontal bars: the
// weight as the track, the share filled over it.
type compareBar struct {
	widget.BaseWidget
	weight, share, scale float64
	under                bool // drawn in the warning colour
}

func newCompareBar() *compareBar {
	c := &compareBar{scale: 100}
	c.ExtendBaseWidget(c)
	return c
}

// SetData sets the weight and share (percent), the percent at the bar's full width, and
// whether to flag it.
func (c *compareBar) SetData(weight, share, scale float64, under bool) {
	c.weight, c.share, c.scale, c.under = weight, share, math.Max(scale, 1), under
	c.Refresh()
}

func (c *compareBar) CreateRenderer() fyne.WidgetRenderer {
	r := &compareRenderer{c: c, weight: canvas.NewRectangle(color.Black), share: canvas.NewRectangle(color.Black)}
	r.Refresh()
	return r
}

type compareRenderer struct {
	c             *compareBar
	weight, share *canvas.Rectangle
}

func (r *compareRenderer) Layout(size fyne.Size) {
	h := size.Height / 2
	r.weight.Move(fyne.NewPos(0, 0))
	r.weight.Resize(fyne.NewSize(float32(r.c.weight/r.c.scale)*size.Width, h-1))
	r.share.Move(fyne.NewPos(0, h))
	r.share.Resize(fyne.NewSize(float32(math.Min(r.c.share, r.c.scale)/r.c.scale)*size.Width, h-1))
}

func (r *compareRenderer) MinSize() fyne.Size { return fyne.NewSize(80, 14) }

func (r *compareRenderer) Refresh() {
	r.weight.FillColor = themeColor(theme.ColorNamePlaceHolder)
	r.share.FillColor = themeColor(theme.ColorNamePrimary)
	if r.c.under {
		r.share.FillColor = themeColor(theme.ColorNameWarning)
	}
	r.Layout(r.c.Size())
	r.weight.Refresh()
	r.share.Refresh()
}

func (r *compareRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.weight, r.share}
}

func (r *compareRenderer) Destroy() {}

// meter is a progress bar whose unfilled part is a neutral track, not the primary colour at
// half strength as Fyne's ProgressBar draws it, on which an empty bar read as a full one. The
// figures it stands for are written beside it.
type meter struct {
	widget.BaseWidget
	value, max float64
}

func newMeter() *meter {
	m := &meter{max: 1}
	m.ExtendBaseWidget(m)
	return m
}

// SetValue shows value of max.
func (m *meter) SetValue(value, max float64) {
	m.value, m.max = value, max
	m.Refresh()
}

// ratio is the filled share, 0 to 1.
func (m *meter) ratio() float64 {
	if m.max <= 0 || math.IsNaN(m.value) {
		return 0
	}
	return math.Min(math.Max(m.value/m.max, 0), 1)
}

func (m *meter) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m, track: canvas.NewRectangle(color.Black), fill: canvas.NewRectangle(color.Black)}
	r.Refresh()
	return r
}

type meterRenderer struct {
	m           *meter
	track, fill *canvas.Rectangle
}

func (r *meterRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	r.fill.Resize(fyne.NewSize(float32(r.m.ratio())*size.Width, size.Height))
}

// MinSize is a field's height, as Fyne's ProgressBar has.
func (r *meterRenderer) MinSize() fyne.Size {
	text := fyne.MeasureText("100%", theme.TextSize(), fyne.TextStyle{})
	return fyne.NewSize(text.Width+2*theme.InnerPadding(), text.Height+2*theme.InnerPadding())
}

func (r *meterRenderer) Refresh() {
	radius := theme.InputRadiusSize()
	r.track.FillColor, r.track.CornerRadius = themeColor(theme.ColorNameInputBackground), radius
	r.track.StrokeColor, r.track.StrokeWidth = themeColor(theme.ColorNameInputBorder), 1
	r.fill.FillColor, r.fill.CornerRadius = themeColor(theme.ColorNamePrimary), radius
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

func (r *meterRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.track, r.fill} }

func (r *meterRenderer) Destroy() {}
