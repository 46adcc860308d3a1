package app

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// timelineItem is a span (From to To) or, with To empty, a mark on one day, in a row. A mark's
// label goes beside it, after or before it; one that has room on neither side, clear of the
// other labels, the marks and the today line, shows its short label, or none.
type timelineItem struct {
	row      int
	from, to tracker.Date
	label    string
	short    string
	color    fyne.ThemeColorName
}

// timelineOf lays the windows out: the lab eligibility window, the lab booking and attempts,
// the CCIE's active status and its recertifications, with today.
func timelineOf(p *tracker.Plan, s *tracker.CertState, r *tracker.CertRules, today tracker.Date) []timelineItem {
	var out []timelineItem
	for _, t := range []struct {
		id, what string
		row      int
	}{{r.Milestones.Qualifying, r.QualifyingExam, 0}, {r.Milestones.Lab, "lab", 1}} {
		passed := (t.row == 0 && s.Qualifying != nil) || (t.row == 1 && s.Achieved != nil)
		if m, ok := p.Milestone(t.id); ok && m.Target != "" && m.Status != tracker.Done && !passed {
			out = append(out, timelineItem{row: t.row, from: m.Target, label: t.what + " target " + string(m.Target), short: "target", color: theme.ColorNamePlaceHolder})
		}
	}
	if s.Qualifying != nil {
		out = append(out, timelineItem{row: 0, from: s.Qualifying.Date, to: s.EligibleUntil, label: "Lab eligibility to " + string(s.EligibleUntil) + r.LabEligibility.Reported(), color: theme.ColorNamePrimary})
	}
	if m, ok := p.Milestone(r.Milestones.Booking); ok && m.Target != "" {
		out = append(out, timelineItem{row: 1, from: m.Target, label: "lab booked " + string(m.Target), short: "booked", color: theme.ColorNameWarning})
	}
	for _, a := range p.Attempts {
		if a.Kind != tracker.AttemptExam || (a.Exam != r.LabExam && a.Exam != r.QualifyingExam) {
			continue
		}
		c, row, what := theme.ColorNameError, 1, "lab"
		if a.Result == tracker.Pass {
			c = theme.ColorNameSuccess
		}
		if a.Exam == r.QualifyingExam {
			row, what = 0, a.Exam
		}
		out = append(out, timelineItem{row: row, from: a.Date, label: what + " " + string(a.Result), short: string(a.Result), color: c})
	}
	if s.Achieved != nil {
		out = append(out, timelineItem{row: 2, from: s.Achieved.Date, to: s.ActiveUntil, label: "CCIE active to " + string(s.ActiveUntil), color: theme.ColorNameSuccess})
		for _, e := range s.Recertified {
			out = append(out, timelineItem{row: 2, from: e.Date, label: "recertified", short: "recert", color: theme.ColorNamePrimary})
		}
	}
	if len(out) > 0 {
		out = append(out, timelineItem{row: -1, from: today, label: "today", color: theme.ColorNameForeground})
	}
	// Spans first, so that marks and their labels are drawn over them; marks by date, so that
	// their labels can be kept apart.
	slices.SortStableFunc(out, func(a, b timelineItem) int {
		if aMark, bMark := a.to == "", b.to == ""; aMark != bMark {
			if aMark {
				return 1
			}
			return -1
		}
		return strings.Compare(string(a.from), string(b.from))
	})
	return out
}

// windowTimeline draws timeline items against a time axis.
type windowTimeline struct {
	widget.BaseWidget
	items      []timelineItem
	qualifying string // the exam whose pass opens the first window, for the empty timeline
}

func newWindowTimeline() *windowTimeline {
	t := &windowTimeline{}
	t.ExtendBaseWidget(t)
	return t
}

func (t *windowTimeline) SetData(items []timelineItem, qualifying string) {
	t.items, t.qualifying = items, qualifying
	t.Refresh()
}

func (t *windowTimeline) CreateRenderer() fyne.WidgetRenderer {
	r := &timelineRenderer{t: t}
	r.rebuild()
	return r
}

type timelineRenderer struct {
	t       *windowTimeline
	objects []fyne.CanvasObject // two per item (shape, label), then two per year (tick, label)
	empty   *canvas.Text
	years   []int
}

const timelineRow = 22

func (r *timelineRenderer) rebuild() {
	r.objects = r.objects[:0]
	r.empty = canvas.NewText("No windows yet: a passed "+r.t.qualifying+" opens the lab eligibility window.", themeColor(theme.ColorNamePlaceHolder))
	if len(r.t.items) == 0 {
		r.objects = append(r.objects, r.empty)
		return
	}
	for _, it := range r.t.items {
		c := themeColor(it.color)
		if it.to != "" {
			bar := canvas.NewRectangle(mix(c, themeColor(theme.ColorNameBackground), 0.45))
			bar.CornerRadius = 4
			r.objects = append(r.objects, bar)
		} else {
			r.objects = append(r.objects, canvas.NewRectangle(c))
		}
		label := canvas.NewText(it.label, themeColor(theme.ColorNameForeground))
		label.TextSize = theme.CaptionTextSize()
		r.objects = append(r.objects, label)
	}
	lo, hi := r.span()
	r.years = r.years[:0]
	for y := lo.Year() + 1; y <= hi.Year(); y++ {
		r.years = append(r.years, y)
		label := canvas.NewText(strconv.Itoa(y), themeColor(theme.ColorNamePlaceHolder))
		label.TextSize = theme.CaptionTextSize()
		r.objects = append(r.objects, canvas.NewRectangle(themeColor(theme.ColorNameSeparator)), label)
	}
}

// span is the first and last day the items cover, a month wider on each side.
func (r *timelineRenderer) span() (time.Time, time.Time) {
	var lo, hi time.Time
	for _, it := range r.t.items {
		for _, d := range []tracker.Date{it.from, it.to} {
			if day, ok := d.Time(); ok {
				if lo.IsZero() || day.Before(lo) {
					lo = day
				}
				if day.After(hi) {
					hi = day
				}
			}
		}
	}
	return lo.AddDate(0, -1, 0), hi.AddDate(0, 1, 0)
}

// timelineGap keeps labels apart from each other, from the marks and from the today line.
const timelineGap = 4

// timelineNear is how far a mark's label may sit from its mark, so that it still reads as its.
const timelineNear = 48

// stretch is a part of a row, from lo to hi, that a shape or a label takes.
type stretch struct{ lo, hi float32 }

func (s stretch) meets(o stretch) bool { return s.lo < o.hi+timelineGap && s.hi > o.lo-timelineGap }

// timelinePlace is where a layout puts one item's label: its text ("" for none) and left edge.
type timelinePlace struct {
	text string
	x    float32
}

func captionWidth(text string) float32 {
	return fyne.MeasureText(text, theme.CaptionTextSize(), fyne.TextStyle{}).Width
}

// place lays the labels out with the time axis starting pad points in: each label where it
// fits whole, else its short form, else none, never over another label, a mark or the today
// line, and inside the chart. whole counts the marks' labels shown in full.
func (r *timelineRenderer) place(size fyne.Size, pad float32) (places []timelinePlace, whole int) {
	x := r.axis(size, pad)
	taken := map[int][]stretch{} // per row
	var today *stretch
	for _, it := range r.t.items {
		switch {
		case it.row < 0:
			today = &stretch{x(it.from) - 1, x(it.from) + 1}
		case it.to == "":
			taken[it.row] = append(taken[it.row], stretch{x(it.from) - 3, x(it.from) + 3})
		}
	}
	free := func(row int, s stretch) bool {
		if s.lo < 0 || s.hi > size.Width || (today != nil && s.meets(*today)) {
			return false
		}
		for _, o := range taken[row] {
			if s.meets(o) {
				return false
			}
		}
		return true
	}
	// starts are the left edges worth trying for a label w wide on a row: the given ones, and
	// either side of each thing already there.
	starts := func(row int, w float32, given ...float32) []float32 {
		edges := slices.Clone(taken[row])
		if today != nil {
			edges = append(edges, *today)
		}
		for _, o := range edges {
			given = append(given, o.hi+timelineGap+0.5, o.lo-timelineGap-0.5-w)
		}
		return given
	}
	places = make([]timelinePlace, len(r.t.items))
	for i, it := range r.t.items {
		switch {
		case it.row < 0: // today: right of its line, or left of it at the chart's right end
			w := captionWidth(it.label)
			at := x(it.from) + 3
			if at+w > size.Width {
				at = x(it.from) - 3 - w
			}
			places[i] = timelinePlace{it.label, max(at, 0)}
		case it.to != "": // a span: its label as near its end as is free, from its start on
			w := captionWidth(it.label)
			from, to := x(it.from)+4, x(it.to)-4
			best, found := float32(0), false
			for _, at := range starts(it.row, w, to-w, from) {
				if at >= from && (at+w <= to || at == from) && free(it.row, stretch{at, at + w}) && (!found || at > best) {
					best, found = at, true
				}
			}
			if found {
				places[i] = timelinePlace{it.label, best}
				taken[it.row] = append(taken[it.row], stretch{best, best + w})
			}
		default: // a mark: its label as near it as is free, the whole label before the short
			mark := x(it.from)
			for _, text := range []string{it.label, it.short} {
				if text == "" {
					continue
				}
				w := captionWidth(text)
				best, dist := float32(0), float32(-1)
				for _, at := range starts(it.row, w, mark+5, mark-5-w) {
					d := max(at-mark, mark-(at+w), 0)
					if d <= timelineNear && free(it.row, stretch{at, at + w}) && (dist < 0 || d < dist) {
						best, dist = at, d
					}
				}
				if dist >= 0 {
					places[i] = timelinePlace{text, best}
					taken[it.row] = append(taken[it.row], stretch{best, best + w})
					if text == it.label {
						whole++
					}
					break
				}
			}
		}
	}
	return places, whole
}

// axis maps a day to its x, with the time axis starting pad points in.
func (r *timelineRenderer) axis(size fyne.Size, pad float32) func(tracker.Date) float32 {
	lo, hi := r.span()
	total := hi.Sub(lo).Hours()
	return func(d tracker.Date) float32 {
		day, _ := d.Time()
		return pad + float32(day.Sub(lo).Hours()/total)*(size.Width-pad)
	}
}

func (r *timelineRenderer) Layout(size fyne.Size) {
	if len(r.t.items) == 0 {
		r.empty.Move(fyne.NewPos(4, 4))
		return
	}
	// When a mark's whole label has no room (the first mark's, pressed against the next one's,
	// had only its short form), the axis starts further in, to give it room before its mark.
	pad := float32(0)
	places, whole := r.place(size, 0)
	marks := 0
	var widest float32
	for i, it := range r.t.items {
		if it.row >= 0 && it.to == "" {
			marks++
			if places[i].text != it.label {
				widest = max(widest, captionWidth(it.label))
			}
		}
	}
	if whole < marks {
		if p := min(widest+12, size.Width/5); p > 0 {
			if more, w := r.place(size, p); w > whole {
				places, pad = more, p
			}
		}
	}
	x := r.axis(size, pad)
	var today *stretch
	for i, it := range r.t.items {
		shape, label := r.objects[2*i], r.objects[2*i+1].(*canvas.Text)
		y := float32(it.row*timelineRow) + 4
		switch {
		case it.row < 0: // today: a line through every row, its label under the years'
			shape.Move(fyne.NewPos(x(it.from)-1, 0))
			shape.Resize(fyne.NewSize(2, size.Height))
			today = &stretch{x(it.from) - 1, x(it.from) + 1}
			y = r.todayY()
		case it.to != "":
			shape.Move(fyne.NewPos(x(it.from), y-2))
			shape.Resize(fyne.NewSize(max(x(it.to)-x(it.from), 2), timelineRow-4))
		default:
			shape.Move(fyne.NewPos(x(it.from)-3, y-2))
			shape.Resize(fyne.NewSize(6, timelineRow-4))
		}
		if places[i].text != label.Text {
			label.Text = places[i].text
			label.Refresh()
		}
		label.Move(fyne.NewPos(places[i].x, y))
		label.Resize(label.MinSize())
	}
	// A year's name right of its tick, else left of it (the last year's, at the chart's right
	// end), else none: never over the year before or the today line, nor past the chart's end.
	prev := float32(-timelineGap)
	for i, y := range r.years {
		tick, label := r.objects[2*len(r.t.items)+2*i], r.objects[2*len(r.t.items)+2*i+1].(*canvas.Text)
		at := x(tracker.DateOf(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)))
		tick.Move(fyne.NewPos(at, 3*timelineRow))
		tick.Resize(fyne.NewSize(1, 6))
		label.Resize(label.MinSize())
		w := label.MinSize().Width
		label.Hide()
		for _, left := range []float32{at + 2, at - 2 - w} {
			s := stretch{left, left + w}
			if left >= 0 && s.hi <= size.Width && s.lo >= prev+timelineGap && (today == nil || !s.meets(*today)) {
				label.Move(fyne.NewPos(left, 3*timelineRow))
				label.Show()
				prev = s.hi
				break
			}
		}
	}
}

// todayY is where today's label goes: under the years' names.
func (r *timelineRenderer) todayY() float32 {
	return 3*timelineRow + fyne.MeasureText("0", theme.CaptionTextSize(), fyne.TextStyle{}).Height
}

func (r *timelineRenderer) MinSize() fyne.Size {
	capH := fyne.MeasureText("0", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(300, max(3*timelineRow+32, r.todayY()+capH+2))
}

func (r *timelineRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *timelineRenderer) Destroy() {}
