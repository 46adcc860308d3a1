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

// timelineItem is a span (From to To) or, with To empty, a mark on one day, in a row. A mark
// whose label does not fit before the next mark shows its short label, or none.
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

func (r *timelineRenderer) Layout(size fyne.Size) {
	if len(r.t.items) == 0 {
		r.empty.Move(fyne.NewPos(4, 4))
		return
	}
	lo, hi := r.span()
	total := hi.Sub(lo).Hours()
	x := func(d tracker.Date) float32 {
		day, _ := d.Time()
		return float32(day.Sub(lo).Hours()/total) * size.Width
	}
	labelEnd := map[int]float32{} // per row, where the last mark's label ends, to keep labels apart
	nextMark := map[int]float32{} // per item, where the next mark on its row sits
	lastOnRow := map[int]int{}
	for i, it := range r.t.items {
		if it.to == "" && it.row >= 0 {
			if prev, ok := lastOnRow[it.row]; ok {
				nextMark[prev] = x(it.from)
			}
			lastOnRow[it.row] = i
		}
	}
	for i, it := range r.t.items {
		shape, label := r.objects[2*i], r.objects[2*i+1].(*canvas.Text)
		y := float32(it.row*timelineRow) + 2
		switch {
		case it.row < 0: // today: a line through every row
			shape.Move(fyne.NewPos(x(it.from)-1, 0))
			shape.Resize(fyne.NewSize(2, size.Height))
			label.Move(fyne.NewPos(x(it.from)+3, 3*timelineRow+14))
		case it.to != "":
			shape.Move(fyne.NewPos(x(it.from), y))
			shape.Resize(fyne.NewSize(max(x(it.to)-x(it.from), 2), timelineRow-4))
			// The label at the span's end, clear of the marks that sit at its start.
			label.Move(fyne.NewPos(max(x(it.to)-label.MinSize().Width-4, x(it.from)+4), y+2))
		default:
			shape.Move(fyne.NewPos(x(it.from)-3, y))
			shape.Resize(fyne.NewSize(6, timelineRow-4))
			at := max(x(it.from)+5, labelEnd[it.row])
			limit := size.Width
			if next, ok := nextMark[i]; ok {
				limit = next - 4
			}
			if text := fitted(label, limit-at, it.label, it.short); text != label.Text {
				label.Text = text
				label.Refresh()
			}
			label.Move(fyne.NewPos(at, y+2))
			if label.Text != "" {
				labelEnd[it.row] = at + label.MinSize().Width + 8
			}
		}
		label.Resize(label.MinSize())
	}
	for i, y := range r.years {
		tick, label := r.objects[2*len(r.t.items)+2*i], r.objects[2*len(r.t.items)+2*i+1].(*canvas.Text)
		at := x(tracker.DateOf(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)))
		tick.Move(fyne.NewPos(at, 3*timelineRow))
		tick.Resize(fyne.NewSize(1, 6))
		label.Move(fyne.NewPos(at+2, 3*timelineRow))
		label.Resize(label.MinSize())
	}
}

// fitted is the first of texts that label can show within width, "" when none fits.
func fitted(label *canvas.Text, width float32, texts ...string) string {
	for _, t := range texts {
		if t != "" && fyne.MeasureText(t, label.TextSize, label.TextStyle).Width <= width {
			return t
		}
	}
	return ""
}

func (r *timelineRenderer) MinSize() fyne.Size { return fyne.NewSize(300, 3*timelineRow+32) }

func (r *timelineRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *timelineRenderer) Destroy() {}
