package app

import (
	"image/color"
	"math"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// heatmap draws days as a grid of squares, a column per week and a row per weekday, shaded by
// study time, with the months named over their first week, every other weekday on the left, and
// a legend under it. Hovering or tapping a day calls onDay.
type heatmap struct {
	widget.BaseWidget
	minutes []int    // by day, oldest first, starting on the first day of a week
	dates   []string // the same days' dates
	onDay   func(i int)
	// The cells are square and fill the width, so the height follows the width: height is
	// what the last width asks for, and remeasure has the scroll around measure it again.
	height    float32
	remeasure func()
	// room, when set, is the height from the heatmap's top to the bottom of the view it is
	// scrolled in: the rows are made less tall (to 70% of their width) to show all seven in it.
	room func() float32
}

// heatMaxCell keeps the squares a readable size on a very wide window.
const heatMaxCell = 40

// heatDaysWidth is the room on the left for the weekdays' names; heatMonthsHeight the room
// above for the months'; heatLegendHeight the room below for the legend.
const (
	heatDaysWidth    = 30
	heatMonthsHeight = 16
	heatLegendHeight = 26
)

// heightFor is the height the heatmap needs at a width: the months, seven rows of squares and
// the legend. Where the squares would take the seven rows past the bottom of the view (at
// 1280x800, Saturday and Sunday were out of sight), the rows are made less tall to fit it,
// down to 70% of the squares' width; past that they stay square and the view scrolls.
func (h *heatmap) heightFor(width float32) float32 {
	weeks := max(1, (len(h.minutes)+6)/7)
	row := min((width-heatDaysWidth)/float32(weeks), heatMaxCell)
	if h.room != nil {
		if fit := (h.room() - heatMonthsHeight - heatLegendHeight) / 7; fit < row && fit >= 0.7*row {
			row = fit
		}
	}
	return heatMonthsHeight + 7*row + heatLegendHeight
}

// Resize keeps the height in step with the width.
func (h *heatmap) Resize(size fyne.Size) {
	h.BaseWidget.Resize(size)
	if want := h.heightFor(size.Width); want != h.height {
		h.height = want
		if h.remeasure != nil {
			h.remeasure()
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

// cell is the width of a day's cell, its column's; rowHeight is the height of its row, as tall
// or less (see heightFor).
func (h *heatmap) cell(size fyne.Size) float32 {
	weeks := max(1, (len(h.minutes)+6)/7)
	return float32(math.Min(float64(size.Width-heatDaysWidth)/float64(weeks), heatMaxCell))
}

func (h *heatmap) rowHeight(size fyne.Size) float32 {
	return min(h.cell(size), (size.Height-heatMonthsHeight-heatLegendHeight)/7)
}

// dayAt maps a point to a day's index, or -1.
func (h *heatmap) dayAt(pos fyne.Position) int {
	c, rh := h.cell(h.Size()), h.rowHeight(h.Size())
	if c <= 0 || rh <= 0 {
		return -1
	}
	if pos.X < heatDaysWidth || pos.Y < heatMonthsHeight {
		return -1
	}
	col, row := int((pos.X-heatDaysWidth)/c), int((pos.Y-heatMonthsHeight)/rh)
	i := col*7 + row
	if row > 6 || i >= len(h.minutes) {
		return -1
	}
	return i
}

func (h *heatmap) Tapped(ev *fyne.PointEvent) {
	if i := h.dayAt(ev.Position); i >= 0 && h.onDay != nil {
		h.onDay(i)
	}
}

func (h *heatmap) MouseIn(ev *desktop.MouseEvent) { h.MouseMoved(ev) }

func (h *heatmap) MouseMoved(ev *desktop.MouseEvent) { h.Tapped(&ev.PointEvent) }

func (h *heatmap) MouseOut() {}

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
	days    []*canvas.Text // the names of the first, third, fifth and seventh rows' weekday
	months  []*canvas.Text // a month's name under the week of its first day
	monthAt []int          // the column of each month's name
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
	caption := func(text string) *canvas.Text {
		t := canvas.NewText(text, themeColor(theme.ColorNamePlaceHolder))
		t.TextSize = theme.CaptionTextSize()
		return t
	}
	r.days, r.months, r.monthAt = r.days[:0], r.months[:0], r.monthAt[:0]
	for row := 0; row < 7 && row < len(r.h.dates); row += 2 {
		if day, err := time.Parse(time.DateOnly, r.h.dates[row]); err == nil {
			r.days = append(r.days, caption(day.Weekday().String()[:3]))
		}
	}
	for i, date := range r.h.dates {
		if day, err := time.Parse(time.DateOnly, date); err == nil && day.Day() == 1 {
			r.months, r.monthAt = append(r.months, caption(day.Month().String()[:3])), append(r.monthAt, i/7)
		}
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
	for _, t := range append(slices.Clone(r.days), r.months...) {
		r.objects = append(r.objects, t)
	}
}

func (r *heatRenderer) Layout(size fyne.Size) {
	c, rh := r.h.cell(size), r.h.rowHeight(size)
	gap := float32(math.Max(1, float64(rh)*0.15))
	for i, cell := range r.cells {
		cell.Move(fyne.NewPos(heatDaysWidth+float32(i/7)*c, heatMonthsHeight+float32(i%7)*rh))
		cell.Resize(fyne.NewSize(c-gap, rh-gap))
	}
	for k, t := range r.days {
		row := float32(2 * k)
		t.Move(fyne.NewPos(0, heatMonthsHeight+row*rh+(rh-gap-t.MinSize().Height)/2))
		t.Hidden = rh < t.MinSize().Height*0.8 // squares too small to name their rows
	}
	// A month's name goes over its first week, unless it would run into the one before.
	next := float32(0)
	for k, t := range r.months {
		x := heatDaysWidth + float32(r.monthAt[k])*c
		t.Move(fyne.NewPos(x, 0))
		t.Hidden = x < next || x+t.MinSize().Width > size.Width
		if !t.Hidden {
			next = x + t.MinSize().Width + 6
		}
	}
	y := heatMonthsHeight + 7*rh + 6
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

func (r *heatRenderer) MinSize() fyne.Size {
	return fyne.NewSize(heatDaysWidth+52*8, max(r.h.height, heatMonthsHeight+7*8+heatLegendHeight))
}

func (r *heatRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.h.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *heatRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *heatRenderer) Destroy() {}
