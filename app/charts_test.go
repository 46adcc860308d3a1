package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

// At any width the bar labels shown neither overlap nor leave the chart, the latest bar is
// labelled, and the goal has its own label away from the scale's.
func TestBarLabelsNeverOverlapOrGetCut(t *testing.T) {
	test.NewTempApp(t)
	day := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	var values []float64
	var labels []string
	for i := range 52 {
		values = append(values, float64(i%9))
		labels = append(labels, day.AddDate(0, 0, 7*i).Format("Jan 2"))
	}
	for _, width := range []float32{180, 420, 640, 1200} {
		c := newBarChart()
		c.SetData(values, labels, 10)
		c.Resize(fyne.NewSize(width, 200))
		r := test.TempWidgetRenderer(t, c).(*barRenderer)
		var prevRight float32 = -1
		shown := 0
		for i, l := range r.labels {
			if l.Hidden {
				continue
			}
			shown++
			w := fyne.MeasureText(l.Text, l.TextSize, l.TextStyle).Width
			left, right := l.Position().X, l.Position().X+w
			if left < 0 || right > width+0.5 {
				t.Errorf("%v wide: %q at %.0f..%.0f is cut off", width, l.Text, left, right)
			}
			if left < prevRight+2 {
				t.Errorf("%v wide: %q overlaps the label before it", width, l.Text)
			}
			prevRight = right
			if i == len(r.labels)-1 && l.Hidden {
				t.Errorf("%v wide: the latest week has no label", width)
			}
		}
		if r.labels[len(r.labels)-1].Hidden || shown < 2 {
			t.Errorf("%v wide: %d labels, the latest shown: %v", width, shown, !r.labels[len(r.labels)-1].Hidden)
		}
		if r.goalLabel.Hidden || r.goalLabel.Text != "goal 10 h" || r.goalLabel.Position().X < width/2 {
			t.Errorf("%v wide: the goal line's label %q at %v", width, r.goalLabel.Text, r.goalLabel.Position())
		}
	}
}

func TestDayBarsShowTheirValues(t *testing.T) {
	test.NewTempApp(t)
	c := newBarChart()
	c.showValues = true
	c.SetData([]float64{1.5, 0, 0.25}, []string{"Mon", "Tue", "Wed"}, 0)
	c.Resize(fyne.NewSize(300, 150))
	r := test.TempWidgetRenderer(t, c).(*barRenderer)
	got := fmt.Sprint(r.values[0].Text, "|", r.values[1].Text, "|", r.values[2].Text)
	if got != "1h30m||15m" || !r.top.Hidden {
		t.Errorf("values %q, scale shown %v", got, !r.top.Hidden)
	}
	if r.values[0].Position().Y < 0 {
		t.Error("the tallest bar's value is above the chart")
	}
}

// The week's day bars show each day's time over it, and no two values touch or overlap, nor
// leave the chart: at 1280x800 the week chart is about 220 wide, and Monday's "1h30m" ran into
// Tuesday's "1h15m". Where there is room (220 wide and more), every value is shown.
func TestDayBarValuesNeverTouch(t *testing.T) {
	test.NewTempApp(t)
	for _, width := range []float32{140, 180, 220, 260, 420} {
		c := newBarChart()
		c.showValues = true
		c.SetData([]float64{1.5, 1.25, 34.0 / 60, 2.75, 1 + 5.0/60, 0, 0}, []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}, 0)
		c.Resize(fyne.NewSize(width, 150))
		r := test.TempWidgetRenderer(t, c).(*barRenderer)
		var shown []*canvas.Text
		for _, v := range r.values {
			if v.Visible() && v.Text != "" {
				shown = append(shown, v)
			}
		}
		for k, a := range shown {
			s := fyne.MeasureText(a.Text, a.TextSize, a.TextStyle)
			if p := a.Position(); p.X < 0 || p.X+s.Width > width+0.5 || p.Y < 0 {
				t.Errorf("%v wide: %q at %v (%v) leaves the chart", width, a.Text, p, s)
			}
			for _, b := range shown[k+1:] {
				bs, ap, bp := fyne.MeasureText(b.Text, b.TextSize, b.TextStyle), a.Position(), b.Position()
				if ap.X < bp.X+bs.Width+1 && bp.X < ap.X+s.Width+1 && ap.Y < bp.Y+bs.Height+1 && bp.Y < ap.Y+s.Height+1 {
					t.Errorf("%v wide: %q at %v and %q at %v touch", width, a.Text, a.Position(), b.Text, b.Position())
				}
			}
		}
		if width >= 220 && len(shown) != 5 {
			t.Errorf("%v wide: %d of the 5 days' values are shown", width, len(shown))
		}
	}
}

// The heatmap names every other weekday on the left and each month under the week of its
// first day; a tap on the names is on no day.
func TestHeatmapNamesItsWeekdaysAndMonths(t *testing.T) {
	start := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC) // a Monday
	var minutes []int
	var dates []string
	for d := range 7 * 52 {
		minutes, dates = append(minutes, d%90), append(dates, start.AddDate(0, 0, d).Format(time.DateOnly))
	}
	h := newHeatmap(nil)
	h.SetData(minutes, dates)
	w := test.NewWindow(h)
	defer w.Close()
	w.Resize(fyne.NewSize(1500, h.heightFor(1500)))
	r := test.WidgetRenderer(h).(*heatRenderer)
	var days []string
	for _, t := range r.days {
		if t.Visible() {
			days = append(days, t.Text)
		}
	}
	if strings.Join(days, " ") != "Mon Wed Fri Sun" {
		t.Errorf("weekdays %v", days)
	}
	c := h.cell(h.Size())
	months := map[string]float32{}
	for _, t := range r.months {
		if t.Visible() {
			months[t.Text] = t.Position().X
		}
	}
	// 2026-01-01 is a Thursday in the fifth week; the first of June is a Monday, week 27.
	if x, ok := months["Jan"]; !ok || x != heatDaysWidth+4*c {
		t.Errorf("January at %v (shown %v), want %v; months %v", x, ok, heatDaysWidth+4*c, months)
	}
	if x, ok := months["Jun"]; !ok || x != heatDaysWidth+26*c {
		t.Errorf("June at %v (shown %v), want %v", x, ok, heatDaysWidth+26*c)
	}
	if i := h.dayAt(fyne.NewPos(heatDaysWidth/2, heatMonthsHeight+c/2)); i != -1 {
		t.Errorf("a tap on the weekdays' names is on day %d", i)
	}
	if i := h.dayAt(fyne.NewPos(heatDaysWidth+c/2, heatMonthsHeight/2)); i != -1 {
		t.Errorf("a tap on the months' names is on day %d", i)
	}
	if i := h.dayAt(fyne.NewPos(heatDaysWidth+c/2, heatMonthsHeight+c/2)); i != 0 {
		t.Errorf("a tap on the first square is on day %d", i)
	}
	// The latest months are named too: the legend is under the squares, not beside the months.
	if _, ok := months["Nov"]; !ok {
		t.Errorf("November is not named: %v", months)
	}
}

// The line charts' label says the latest value with its unit: the Exams tab's practice scores
// in percent (it read "84 h"), and the Today screen's all-time study in hours to a tenth, as
// its other figures (half an hour read "0 h").
func TestLineChartsSayTheirUnit(t *testing.T) {
	h := newHarness(t)
	for i, score := range []float64{62, 84} {
		if _, err := h.db.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptPractice, Date: tracker.Date(fmt.Sprintf("2026-11-%02d", 10+i)),
			Score: score, ScoreMax: 100, Source: "Boson"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: 30 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.planner.show(planExams)
	for _, c := range []struct {
		chart *lineChart
		want  string
	}{{h.u.planner.exams.trend, "84%"}, {h.u.today.cumulative, "0.5 h"}} {
		r := test.WidgetRenderer(c.chart).(*lineRenderer)
		r.Layout(fyne.NewSize(300, 120))
		if r.peak.Text != c.want {
			t.Errorf("the chart's label reads %q, want %q", r.peak.Text, c.want)
		}
	}
}

// Hours are rounded as a person rounds: an exact half goes up, so that 5h15m does not read
// 5.2 h beside its minutes.
func TestHoursRoundHalvesUp(t *testing.T) {
	for minutes, want := range map[int]string{315: "5.3 h", 495: "8.3 h", 225: "3.8 h", 0: "0.0 h", 59: "1.0 h", 62: "1.0 h", 63: "1.1 h"} {
		if got := hours(minutes); got != want {
			t.Errorf("hours(%d) = %s, want %s", minutes, got, want)
		}
	}
}
