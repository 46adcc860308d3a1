package app

// The Today screen's charts are drawn here with Fyne canvas objects, so that they follow the
// theme (light or dark) and resize with the window. The suggested library, s-daehling/
// fyne-charts, cannot be fetched from the Go module proxy ("This module version is not
// available"), and the figures need only four simple shapes: bars, a line, a calendar heatmap
// (which no Fyne chart library draws) and a progress ring. Each is a widget that takes plain
// numbers through SetData, which is the whole interface the screens use.

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// themeColor reads a colour of the current theme and variant.
func themeColor(name fyne.ThemeColorName) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(name, fyne.CurrentApp().Settings().ThemeVariant())
}

// mix blends a colour over another by weight w (0..1), for the heatmap's levels.
func mix(fg, bg color.Color, w float64) color.Color {
	fr, fg2, fb, _ := fg.RGBA()
	br, bg2, bb, _ := bg.RGBA()
	f := func(a, b uint32) uint8 { return uint8((float64(a)*w + float64(b)*(1-w)) / 257) }
	return color.NRGBA{R: f(fr, br), G: f(fg2, bg2), B: f(fb, bb), A: 255}
}

// barChart draws one bar per value, with labels under them that never overlap (as many as the
// width holds, counted back from the latest bar), an optional goal line labelled as the goal,
// and, for a few bars, each bar's value above it.
type barChart struct {
	widget.BaseWidget
	values     []float64 // hours
	labels     []string
	goal       float64 // drawn as a line when above 0
	showValues bool    // each bar's value above it, instead of the scale's top
}

func newBarChart() *barChart {
	c := &barChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetData replaces the bars; labels may be shorter than values.
func (c *barChart) SetData(values []float64, labels []string, goal float64) {
	c.values, c.labels, c.goal = values, labels, goal
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{c: c}
	r.rebuild()
	return r
}

type barRenderer struct {
	c         *barChart
	bars      []*canvas.Rectangle
	labels    []*canvas.Text
	values    []*canvas.Text
	goal      *canvas.Line
	goalLabel *canvas.Text
	axis      *canvas.Line
	top       *canvas.Text
	objects   []fyne.CanvasObject
}

func caption(c color.Color) *canvas.Text {
	t := canvas.NewText("", c)
	t.TextSize = theme.CaptionTextSize()
	return t
}

func (r *barRenderer) rebuild() {
	for len(r.bars) < len(r.c.values) {
		r.bars = append(r.bars, canvas.NewRectangle(color.Transparent))
		r.labels = append(r.labels, caption(color.Black))
		r.values = append(r.values, caption(color.Black))
	}
	n := len(r.c.values)
	r.bars, r.labels, r.values = r.bars[:n], r.labels[:n], r.values[:n]
	if r.goal == nil {
		r.goal, r.axis = canvas.NewLine(color.Black), canvas.NewLine(color.Black)
		r.top, r.goalLabel = caption(color.Black), caption(color.Black)
	}
	r.objects = []fyne.CanvasObject{r.axis, r.goal, r.top, r.goalLabel}
	primary := themeColor(theme.ColorNamePrimary)
	for i, b := range r.bars {
		b.FillColor = primary
		b.CornerRadius = 2
		r.labels[i].Color = themeColor(theme.ColorNamePlaceHolder)
		r.labels[i].Text = ""
		if i < len(r.c.labels) {
			r.labels[i].Text = r.c.labels[i]
		}
		r.values[i].Color = themeColor(theme.ColorNameForeground)
		r.values[i].Text = ""
		if r.c.showValues && r.c.values[i] > 0 {
			r.values[i].Text = tracker.FormatDuration(time.Duration(r.c.values[i]*60) * time.Minute)
		}
		r.objects = append(r.objects, b, r.labels[i], r.values[i])
	}
	r.axis.StrokeColor = themeColor(theme.ColorNameSeparator)
	r.goal.StrokeColor = themeColor(theme.ColorNameWarning)
	r.goal.StrokeWidth = 2
	r.goalLabel.Color = themeColor(theme.ColorNameWarning)
	r.top.Color = themeColor(theme.ColorNamePlaceHolder)
}

func (r *barRenderer) scale() float64 {
	top := r.c.goal
	for _, v := range r.c.values {
		top = math.Max(top, v)
	}
	if top <= 0 {
		return 1
	}
	return top * 1.1
}

// labelled picks the bars whose labels show: the latest, then every step-th before it, where a
// step is as many bars as the widest label needs, so that no two labels touch.
func labelled(labels []*canvas.Text, slot float32) map[int]bool {
	var widest float32
	for _, l := range labels {
		widest = max(widest, fyne.MeasureText(l.Text, l.TextSize, l.TextStyle).Width)
	}
	step := max(1, int(math.Ceil(float64((widest+8)/slot))))
	out := map[int]bool{}
	for i := len(labels) - 1; i >= 0; i -= step {
		out[i] = true
	}
	return out
}

func (r *barRenderer) Layout(size fyne.Size) {
	n := len(r.bars)
	capH := fyne.MeasureText("0", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	labelH := capH + 4
	plotTop := capH + 2 // room for the scale, the goal's label or the values over the bars
	plotH := size.Height - labelH - plotTop
	bottom := plotTop + plotH
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(0, bottom), fyne.NewPos(size.Width, bottom)
	top := r.scale()
	r.top.Text = fmt.Sprintf("%.1f h", top/1.1)
	r.top.Move(fyne.NewPos(0, 0))
	r.top.Hidden = r.c.showValues
	r.goal.Hidden, r.goalLabel.Hidden = r.c.goal <= 0, r.c.goal <= 0
	if r.c.goal > 0 {
		y := bottom - float32(r.c.goal/top)*plotH
		r.goal.Position1, r.goal.Position2 = fyne.NewPos(0, y), fyne.NewPos(size.Width, y)
		// Right-aligned above the line, apart from the scale's top at the left.
		r.goalLabel.Text = fmt.Sprintf("goal %g h", r.c.goal)
		w := fyne.MeasureText(r.goalLabel.Text, r.goalLabel.TextSize, r.goalLabel.TextStyle).Width
		r.goalLabel.Move(fyne.NewPos(size.Width-w, max(y-capH-1, 0)))
	}
	if n == 0 {
		return
	}
	slot := size.Width / float32(n)
	gap := float32(math.Min(float64(slot)*0.25, 6))
	shown := labelled(r.labels, slot)
	for i, b := range r.bars {
		h := float32(r.c.values[i]/top) * plotH
		b.Move(fyne.NewPos(float32(i)*slot+gap/2, bottom-h))
		b.Resize(fyne.NewSize(slot-gap, h))
		center := float32(i)*slot + slot/2
		place := func(t *canvas.Text, y float32) {
			w := fyne.MeasureText(t.Text, t.TextSize, t.TextStyle).Width
			t.Move(fyne.NewPos(max(0, min(center-w/2, size.Width-w)), y)) // inside the chart at its ends
		}
		l := r.labels[i]
		l.Hidden = !shown[i]
		place(l, bottom+2)
		place(r.values[i], bottom-h-capH-1)
	}
	// A label pushed inside the chart at its right end may reach the one before: drop that one.
	next := size.Width + 8
	for i := n - 1; i >= 0; i-- {
		if l := r.labels[i]; !l.Hidden {
			if l.Position().X+fyne.MeasureText(l.Text, l.TextSize, l.TextStyle).Width > next-4 {
				l.Hidden = true
				continue
			}
			next = l.Position().X
		}
	}
}

func (r *barRenderer) MinSize() fyne.Size { return fyne.NewSize(140, 110) }
func (r *barRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}
func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barRenderer) Destroy()                     {}

// lineChart draws a series as a line, for cumulative hours.
type lineChart struct {
	widget.BaseWidget
	values []float64
	first  string // the first and last labels, under the line's ends
	last   string
}

func newLineChart() *lineChart {
	c := &lineChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetData replaces the series.
func (c *lineChart) SetData(values []float64, first, last string) {
	c.values, c.first, c.last = values, first, last
	c.Refresh()
}

func (c *lineChart) CreateRenderer() fyne.WidgetRenderer {
	r := &lineRenderer{c: c}
	r.rebuild()
	return r
}

type lineRenderer struct {
	c                 *lineChart
	segs              []*canvas.Line
	axis              *canvas.Line
	first, last, peak *canvas.Text
	objects           []fyne.CanvasObject
}

func (r *lineRenderer) rebuild() {
	n := max(0, len(r.c.values)-1)
	for len(r.segs) < n {
		r.segs = append(r.segs, canvas.NewLine(color.Black))
	}
	r.segs = r.segs[:n]
	if r.axis == nil {
		r.axis = canvas.NewLine(color.Black)
		r.first, r.last, r.peak = canvas.NewText("", color.Black), canvas.NewText("", color.Black), canvas.NewText("", color.Black)
		for _, t := range []*canvas.Text{r.first, r.last, r.peak} {
			t.TextSize = theme.CaptionTextSize()
		}
		r.last.Alignment = fyne.TextAlignTrailing
	}
	r.objects = []fyne.CanvasObject{r.axis, r.first, r.last, r.peak}
	for _, s := range r.segs {
		s.StrokeColor = themeColor(theme.ColorNamePrimary)
		s.StrokeWidth = 2
		r.objects = append(r.objects, s)
	}
	r.axis.StrokeColor = themeColor(theme.ColorNameSeparator)
	for _, t := range []*canvas.Text{r.first, r.last} {
		t.Color = themeColor(theme.ColorNamePlaceHolder)
	}
	r.peak.Color = themeColor(theme.ColorNameForeground)
	r.first.Text, r.last.Text = r.c.first, r.c.last
}

func (r *lineRenderer) Layout(size fyne.Size) {
	labelH := theme.CaptionTextSize() + 4
	plotH := size.Height - labelH
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(0, plotH), fyne.NewPos(size.Width, plotH)
	r.first.Move(fyne.NewPos(0, plotH+2))
	r.last.Move(fyne.NewPos(size.Width, plotH+2))
	top := 0.0
	for _, v := range r.c.values {
		top = math.Max(top, v)
	}
	r.peak.Text = ""
	if len(r.c.values) > 0 {
		r.peak.Text = fmt.Sprintf("%.0f h", r.c.values[len(r.c.values)-1])
	}
	if top <= 0 || len(r.segs) == 0 {
		return
	}
	pt := func(i int) fyne.Position {
		x := float32(i) / float32(len(r.c.values)-1) * size.Width
		return fyne.NewPos(x, plotH-float32(r.c.values[i]/top)*(plotH-theme.CaptionTextSize()))
	}
	for i, s := range r.segs {
		s.Position1, s.Position2 = pt(i), pt(i+1)
	}
	r.peak.Move(fyne.NewPos(0, 0))
}

func (r *lineRenderer) MinSize() fyne.Size { return fyne.NewSize(140, 110) }
func (r *lineRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}
func (r *lineRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *lineRenderer) Destroy()                     {}

// heatmap draws days as a grid of squares, a column per week and a row per weekday, shaded by
// study time, with a legend. Hovering or tapping a day calls onDay.
type heatmap struct {
	widget.BaseWidget
	minutes []int    // by day, oldest first, starting on the first day of a week
	dates   []string // the same days' dates
	onDay   func(i int)
	// The cells are square and fill the width, so the height follows the width: height is
	// what the last width asks for, and remeasure has the scroll around measure it again.
	height    float32
	remeasure func()
}

// heatMaxCell keeps the squares a readable size on a very wide window.
const heatMaxCell = 40

// heightFor is the height the heatmap needs at a width: seven rows of squares and the legend.
func (h *heatmap) heightFor(width float32) float32 {
	weeks := max(1, (len(h.minutes)+6)/7)
	return 7*min(width/float32(weeks), heatMaxCell) + 26
}

// Resize keeps the height in step with the width.
func (h *heatmap) Resize(size fyne.Size) {
	h.BaseWidget.Resize(size)
	if want := h.heightFor(size.Width); want != h.height {
		h.height = want
		if h.remeasure != nil {
			fyne.Do(h.remeasure)
		}
	}
}

func newHeatmap(onDay func(i int)) *heatmap {
	h := &heatmap{onDay: onDay}
	h.ExtendBaseWidget(h)
	return h
}

// SetData replaces the days.
func (h *heatmap) SetData(minutes []int, dates []string) {
	h.minutes, h.dates = minutes, dates
	h.Refresh()
}

// heatLevels are the thresholds, in minutes, of the shades after "none".
var heatLevels = []int{1, 30, 60, 120}

func heatLevel(m int) int {
	l := 0
	for i, t := range heatLevels {
		if m >= t {
			l = i + 1
		}
	}
	return l
}

const heatLegendWidth = 170

func (h *heatmap) cell(size fyne.Size) float32 {
	weeks := max(1, (len(h.minutes)+6)/7)
	return float32(math.Min(float64(size.Width)/float64(weeks), float64(size.Height-26)/7))
}

// dayAt maps a point to a day's index, or -1.
func (h *heatmap) dayAt(pos fyne.Position) int {
	c := h.cell(h.Size())
	if c <= 0 {
		return -1
	}
	col, row := int(pos.X/c), int(pos.Y/c)
	i := col*7 + row
	if row < 0 || row > 6 || col < 0 || i >= len(h.minutes) {
		return -1
	}
	return i
}

func (h *heatmap) Tapped(ev *fyne.PointEvent) {
	if i := h.dayAt(ev.Position); i >= 0 && h.onDay != nil {
		h.onDay(i)
	}
}

func (h *heatmap) MouseIn(ev *desktop.MouseEvent)    { h.MouseMoved(ev) }
func (h *heatmap) MouseMoved(ev *desktop.MouseEvent) { h.Tapped(&ev.PointEvent) }
func (h *heatmap) MouseOut()                         {}

func (h *heatmap) CreateRenderer() fyne.WidgetRenderer {
	r := &heatRenderer{h: h}
	r.rebuild()
	return r
}

type heatRenderer struct {
	h       *heatmap
	cells   []*canvas.Rectangle
	legend  []*canvas.Rectangle
	less    *canvas.Text
	more    *canvas.Text
	objects []fyne.CanvasObject
}

func (r *heatRenderer) shades() []color.Color {
	bg, primary := themeColor(theme.ColorNameInputBackground), themeColor(theme.ColorNamePrimary)
	out := []color.Color{bg}
	for i := range heatLevels {
		out = append(out, mix(primary, bg, 0.3+0.7*float64(i)/float64(len(heatLevels)-1)))
	}
	return out
}

func (r *heatRenderer) rebuild() {
	for len(r.cells) < len(r.h.minutes) {
		r.cells = append(r.cells, canvas.NewRectangle(color.Transparent))
	}
	r.cells = r.cells[:len(r.h.minutes)]
	if r.less == nil {
		r.less, r.more = canvas.NewText("Less", color.Black), canvas.NewText("More", color.Black)
		r.less.TextSize, r.more.TextSize = theme.CaptionTextSize(), theme.CaptionTextSize()
		for range heatLevels {
			r.legend = append(r.legend, canvas.NewRectangle(color.Transparent))
		}
		r.legend = append(r.legend, canvas.NewRectangle(color.Transparent))
	}
	shades := r.shades()
	r.objects = r.objects[:0]
	for i, c := range r.cells {
		c.FillColor = shades[heatLevel(r.h.minutes[i])]
		c.CornerRadius = 2
		r.objects = append(r.objects, c)
	}
	for i, l := range r.legend {
		l.FillColor = shades[i]
		l.CornerRadius = 2
		r.objects = append(r.objects, l)
	}
	r.less.Color, r.more.Color = themeColor(theme.ColorNamePlaceHolder), themeColor(theme.ColorNamePlaceHolder)
	r.objects = append(r.objects, r.less, r.more)
}

func (r *heatRenderer) Layout(size fyne.Size) {
	c := r.h.cell(size)
	gap := float32(math.Max(1, float64(c)*0.15))
	for i, cell := range r.cells {
		cell.Move(fyne.NewPos(float32(i/7)*c, float32(i%7)*c))
		cell.Resize(fyne.NewSize(c-gap, c-gap))
	}
	y := 7*c + 6
	x := size.Width - heatLegendWidth
	r.less.Move(fyne.NewPos(x, y-2))
	x += 36
	for _, l := range r.legend {
		l.Move(fyne.NewPos(x, y))
		l.Resize(fyne.NewSize(12, 12))
		x += 16
	}
	r.more.Move(fyne.NewPos(x+4, y-2))
}

func (r *heatRenderer) MinSize() fyne.Size { return fyne.NewSize(52*8, max(r.h.height, 7*8+26)) }
func (r *heatRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.h.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}
func (r *heatRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *heatRenderer) Destroy()                     {}

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
