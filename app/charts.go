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
	r.top.Text = hoursLabel(top / 1.1)
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
		v := r.values[i]
		// A value wider than its bar's slot is set smaller, down to 80% of the caption's size,
		// so that it does not run into the next bar's ("1h30m1h15m" at 1280x800).
		size := theme.CaptionTextSize()
		for v.Text != "" && size-0.5 >= theme.CaptionTextSize()*0.8 && fyne.MeasureText(v.Text, size, v.TextStyle).Width > slot-4 {
			size -= 0.5 // text is measured in steps: set it by steps, not in proportion
		}
		if v.TextSize != size {
			v.TextSize = size
			v.Refresh()
		}
		place(v, bottom-h-fyne.MeasureText(v.Text, size, v.TextStyle).Height-1)
	}
	// A value that would still touch the one before it (a narrow chart) is left out.
	var prev *canvas.Text
	for _, v := range r.values {
		v.Hidden = v.Text == ""
		if v.Hidden {
			continue
		}
		if prev != nil && textsMeet(prev, v, 2) {
			v.Hidden = true
			continue
		}
		prev = v
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

// textsMeet says whether two texts' boxes come within gap of each other.
func textsMeet(a, b *canvas.Text, gap float32) bool {
	as, bs := fyne.MeasureText(a.Text, a.TextSize, a.TextStyle), fyne.MeasureText(b.Text, b.TextSize, b.TextStyle)
	ap, bp := a.Position(), b.Position()
	return ap.X < bp.X+bs.Width+gap && bp.X < ap.X+as.Width+gap && ap.Y < bp.Y+bs.Height+gap && bp.Y < ap.Y+as.Height+gap
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

// lineChart draws a series as a line: the cumulative hours of study, or an exam's practice scores.
type lineChart struct {
	widget.BaseWidget
	values []float64
	first  string // the first and last labels, under the line's ends
	last   string
	latest func(float64) string // the last value as the chart's label says it, with its unit
}

func newLineChart(latest func(float64) string) *lineChart {
	c := &lineChart{latest: latest}
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
		r.peak.Text = r.c.latest(r.c.values[len(r.c.values)-1])
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

// hoursLabel says a number of hours as the Today screen's other figures do: 0.5 h, 399.3 h.
// An exact half goes up, as a person rounds (5h15m is 5.3 h): fmt would round it to even.
func hoursLabel(h float64) string { return fmt.Sprintf("%.1f h", math.Round(h*10)/10) }

// percentLabel says a score in whole percent, as the attempts list does.
func percentLabel(v float64) string { return fmt.Sprintf("%.0f%%", math.Round(v)) }
