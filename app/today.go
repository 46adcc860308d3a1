package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// todayScreen answers "am I on track, and what should I study next?": the week against its
// goals, the timer, the streak, the trend, the last year as a heatmap, blueprint coverage,
// what is going stale, forecasts, and the degree and certification outlooks.
type todayScreen struct {
	data *appData
	app  todayApp

	weekRing  *ring
	weekDays  *barChart
	weekTotal *widget.Label
	tracks    *widget.Label
	streak    *widget.Label
	streakSub *widget.Label
	timer     *widget.Label
	timerBtn  *button

	trendSpan  *widget.RadioGroup
	trend      *barChart
	cumulative *lineChart

	heat      *heatmap
	heatDays  []tracker.Date
	dayDetail *widget.Label

	coverage *fyne.Container
	next     *fyne.Container // stale topics to review and the weekly pace milestones need
	forecast *widget.Label

	degreeRing *ring
	degree     *widget.Label
	cert       *widget.Label
	windows    *widget.Label
	topics     *widget.Label

	content fyne.CanvasObject
}

// todayApp is what the Today screen needs of the app besides the data it shows: where its
// buttons lead.
type todayApp interface {
	toggleTimer()
	timerTopic() string // what Start a timer would time: the Log screen's timer topic, or ""
	newSession()
	prepareTimer(topicID string)
	showPlan(tab int)
}

func newTodayScreen(data *appData, app todayApp) *todayScreen {
	t := &todayScreen{data: data, app: app}
	label := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	t.weekRing, t.weekDays = newRing(), newBarChart()
	t.weekDays.showValues = true // seven bars: each day's time is readable above it
	t.weekTotal, t.tracks = label(), label()
	t.weekTotal.TextStyle.Bold = true
	t.streak, t.streakSub = widget.NewLabel(""), label()
	t.streak.SizeName = theme.SizeNameHeadingText
	t.streak.TextStyle.Bold = true
	t.timer = label()
	t.timerBtn = newPlainButton("", app.toggleTimer)
	t.trendSpan = widget.NewRadioGroup([]string{"12 weeks", "26 weeks", "52 weeks"}, func(string) { t.showTrend() })
	t.trendSpan.Horizontal = true
	t.trendSpan.Selected = "12 weeks"
	t.trend, t.cumulative = newBarChart(), newLineChart(hoursLabel)
	t.heat = newHeatmap(t.showDay)
	t.dayDetail = label()
	t.dayDetail.SetText("Point at a day to see its sessions.")
	t.coverage, t.next = container.NewVBox(), container.NewVBox()
	t.forecast = label()
	t.degreeRing = newRing()
	t.degree, t.cert, t.windows, t.topics = label(), label(), label(), label()

	logBtn := newIconButton("Log a session (Ctrl+N)", theme.Icon(theme.IconNameContentAdd), app.newSession)
	weekCard := widget.NewCard("This week", "", container.NewBorder(nil, container.NewVBox(t.weekTotal, t.tracks), t.weekRing, nil, t.weekDays))
	streakCard := widget.NewCard("Streak", "", container.NewVBox(t.streak, t.streakSub))
	timerCard := widget.NewCard("Timer", "", container.NewVBox(t.timer, container.NewHBox(t.timerBtn, logBtn)))
	trendCard := widget.NewCard("Hours per week", "", container.NewBorder(t.trendSpan, nil, nil, nil, t.trend))
	cumCard := widget.NewCard("All-time hours", "", t.cumulative)
	heatBody := container.NewVBox(t.heat, t.dayDetail)
	heatCard := widget.NewCard("The last 52 weeks", "", heatBody)
	covCard := widget.NewCard("Blueprint coverage", "Weight (grey) against your share of study (blue)", t.coverage)
	nextCard := widget.NewCard("What next", "", t.next)
	foreCard := widget.NewCard("Forecast", "At the pace of the last 8 weeks: likely / pessimistic", t.forecast)
	degreeCard := widget.NewCard("Degree", "", container.NewBorder(nil, nil, t.degreeRing, nil, t.degree))
	certCard := widget.NewCard("Certification", "", container.NewVBox(t.cert, t.windows))
	topicCard := widget.NewCard("Topics and tracks, all time", "", t.topics)

	m := &remeasurer{}
	grid := func(cols int, cards ...fyne.CanvasObject) fyne.CanvasObject {
		return container.New(newReflow(cols, m.ask), cards...)
	}
	t.heat.remeasure = m.ask
	// The heatmap's top in the screen's content: its card's place in it, and its own in the card.
	t.heat.room = func() float32 {
		return m.scroll.Size().Height - (heatCard.Position().Y + heatBody.Position().Y + t.heat.Position().Y)
	}
	m.scroll = container.NewVScroll(container.New(thenRemeasure{layout.NewVBoxLayout(), m},
		grid(3, weekCard, streakCard, timerCard),
		heatCard, // under the first row, so that its seven rows are in view at 1280x800
		grid(2, trendCard, cumCard),
		grid(2, covCard, nextCard),
		grid(3, foreCard, degreeCard, certCard),
		topicCard,
	))
	t.content = m.scroll
	return t
}

func (t *todayScreen) refresh() {
	d := &t.data.dash
	w := d.Week
	if w.GoalMinutes > 0 {
		t.weekRing.SetData(float64(w.Minutes)/float64(w.GoalMinutes), hours(w.Minutes), "of "+hours(w.GoalMinutes))
		// Exact, as the day bars and the command line say it: the ring's hours are rounded.
		t.weekTotal.SetText(fmt.Sprintf("%s of %s (%d%%)", minutesText(w.Minutes), minutesText(w.GoalMinutes), tracker.GoalPercent(w.Minutes, w.GoalMinutes)))
	} else {
		t.weekRing.SetData(0, hours(w.Minutes), "no goal")
		t.weekTotal.SetText(minutesText(w.Minutes) + " (no weekly goal: set one in Settings)")
	}
	start, _ := w.Start.Time()
	var values []float64
	var labels []string
	for i, m := range w.Days {
		values = append(values, float64(m)/60)
		labels = append(labels, start.AddDate(0, 0, i).Format("Mon"))
	}
	t.weekDays.SetData(values, labels, 0)
	var lines []string
	for _, tg := range w.Tracks {
		// In minutes, so that the tracks add up to the week's total (hours rounded each to a
		// tenth did not: 1.3 h and 1.0 h under 2.2 h).
		line := fmt.Sprintf("%s %s", tg.Track.Label(), minutesText(tg.Minutes))
		if tg.GoalMinutes > 0 {
			line += " of " + minutesText(tg.GoalMinutes)
		}
		lines = append(lines, line)
	}
	t.tracks.SetText(strings.Join(lines, " · "))

	t.streak.SetText(tracker.CountOf(d.Streak.CurrentDays, "day", "days"))
	t.streakSub.SetText(fmt.Sprintf("Longest: %s. A day counts with %d minutes or more; rest days and vacations (Settings) do not break it.",
		tracker.CountOf(d.Streak.LongestDays, "day", "days"), d.Streak.MinMinutes))
	t.showTimer()
	t.showTrend()
	var cum []float64
	for _, c := range d.Cumulative {
		cum = append(cum, float64(c.Minutes)/60)
	}
	// The line runs to now: its last point is this week's total so far, so it ends today.
	first, last := "No study yet: the hours add up here from your first session.", ""
	if len(d.Cumulative) > 0 {
		first, last = string(d.Cumulative[0].Start), string(tracker.DateOf(t.data.opt.Now().In(t.data.opt.Loc)))+" (today)"
	}
	t.cumulative.SetData(cum, first, last)

	minutes := make([]int, len(d.Days))
	dates := make([]string, len(d.Days))
	t.heatDays = t.heatDays[:0]
	for i, day := range d.Days {
		minutes[i], dates[i] = day.Minutes, string(day.Date)
		t.heatDays = append(t.heatDays, day.Date)
	}
	t.heat.SetData(minutes, dates)

	t.showCoverage()
	t.showNext()
	t.showForecast()
	t.showOutlooks()
}

func (t *todayScreen) showTimer() {
	if tm := t.data.timer; tm != nil {
		text := fmt.Sprintf("%s  %s", elapsedText(t.data.opt.Now().Sub(tm.Start)), t.data.plan.TopicPath(tm.TopicID))
		if over := t.data.overPlan(); over > 0 {
			text += fmt.Sprintf("\n%s past the planned %s", tracker.FormatDuration(over), tracker.FormatDuration(tm.Planned))
		}
		t.timer.SetText(text)
		t.timerBtn.SetText("Stop")
		t.timerBtn.SetIcon(theme.Icon(theme.IconNameMediaStop))
	} else {
		if topic := t.app.timerTopic(); topic != "" {
			t.timer.SetText("No timer running. Start a timer times " + topic + "; to time another topic, pick it on the Log screen.")
		} else {
			t.timer.SetText("No timer running. Start a timer opens the Log screen to pick the topic to time.")
		}
		t.timerBtn.SetText("Start a timer")
		t.timerBtn.SetIcon(theme.Icon(theme.IconNameMediaPlay))
	}
}

func (t *todayScreen) showTrend() {
	weeks := t.data.dash.Weeks
	n := map[string]int{"12 weeks": 12, "26 weeks": 26, "52 weeks": 52}[t.trendSpan.Selected]
	if n == 0 || n > len(weeks) {
		n = len(weeks)
	}
	weeks = weeks[len(weeks)-n:]
	var values []float64
	var labels []string
	for _, w := range weeks {
		values = append(values, float64(w.Minutes)/60)
		day, _ := w.Start.Time()
		labels = append(labels, day.Format("Jan 2"))
	}
	t.trend.SetData(values, labels, t.data.plan.Goals.WeeklyHours)
}

// showDay lists the sessions of a day of the heatmap. A session that crosses midnight counts
// its part in the day, as the heatmap and the week's chart do, and says of how long a session.
func (t *todayScreen) showDay(i int) {
	if i < 0 || i >= len(t.heatDays) {
		return
	}
	day := t.heatDays[i]
	lo, _ := day.In(t.data.opt.Loc)
	from, to := lo.Unix(), tracker.NextDay(lo).Unix()
	var parts []string
	var total int64
	for j := len(t.data.sessions) - 1; j >= 0; j-- { // oldest first
		s := &t.data.sessions[j]
		end := s.start + int64(s.secs)
		if s.start >= to || end <= from {
			continue
		}
		in := min(end, to) - max(s.start, from)
		part := fmt.Sprintf("%s %s", t.data.plan.TopicPath(s.topic), tracker.FormatDuration(time.Duration(in)*time.Second))
		if in < int64(s.secs) {
			part += " of " + tracker.FormatDuration(s.duration())
		}
		parts = append(parts, part)
		total += in
	}
	when, _ := day.Time()
	text := when.Format("Mon 2006-01-02") + ": "
	if len(parts) == 0 {
		text += "no study"
	} else {
		text += tracker.FormatDuration(time.Duration(total)*time.Second) + ", " + strings.Join(parts, "; ")
	}
	t.dayDetail.SetText(text)
}

func (t *todayScreen) showCoverage() {
	t.coverage.RemoveAll()
	if len(t.data.sessions) == 0 {
		l := widget.NewLabel("Once you log study against the blueprint's topics, each exam domain's weight is set against your share of study here, and the domains you are behind on stand out.")
		l.Wrapping = fyne.TextWrapWord
		t.coverage.Add(l)
		return
	}
	// One scale for every bar, wide enough for the longest: a share of 84% must not look like 60%.
	scale := 60.0
	for _, c := range t.data.dash.Coverage {
		if c.Shown() {
			scale = max(scale, c.Weight, c.Share)
		}
	}
	exam := ""
	for _, c := range t.data.dash.Coverage {
		if !c.Shown() {
			continue // a concentration exam's: the Exams tab's readiness reads it
		}
		if c.Exam != exam {
			exam = c.Exam
			head := widget.NewLabel(exam)
			head.TextStyle.Bold = true
			t.coverage.Add(head)
		}
		name := fmt.Sprintf("%s: %.0f%% of the exam, %.0f%% of your study, confidence %.1f (%s)", c.Domain, c.Weight, c.Share, c.Confidence, tracker.ConfidenceWords(c.Confidence))
		if c.UnderStudied {
			name += " · under-studied"
		}
		l := widget.NewLabel(name)
		l.Wrapping = fyne.TextWrapWord // the confidence and the call-out are at its end
		if c.UnderStudied {
			l.Importance = widget.WarningImportance
		}
		bar := newCompareBar()
		bar.SetData(c.Weight, c.Share, scale, c.UnderStudied)
		t.coverage.Add(container.NewBorder(nil, nil, nil, nil, container.NewVBox(l, bar)))
	}
}
