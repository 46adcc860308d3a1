package app

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// staleShown is how many topics going stale What next names; it counts the rest.
const staleShown = 5

// showNext suggests topics to review and shows the pace milestones need.
func (t *todayScreen) showNext() {
	t.next.RemoveAll()
	d := &t.data.dash
	if len(t.data.sessions) == 0 {
		t.showFirstSteps()
		return
	}
	if len(d.Stale) > 0 {
		t.next.Add(widget.NewLabel("Going stale, by how many review intervals have passed, the most first:"))
		for i, s := range d.Stale {
			if i == staleShown {
				more := widget.NewLabel(fmt.Sprintf("and %d more; Plan > Skills shows when each topic was last studied.", len(d.Stale)-i))
				more.Wrapping = fyne.TextWrapWord
				t.next.Add(more)
				break
			}
			id := s.TopicID
			b := newIconButton(fmt.Sprintf("%s: last studied %s ago, review every %s", s.Topic, tracker.CountOf(s.DaysSince, "day", "days"), tracker.CountOf(s.IntervalDays, "day", "days")),
				theme.Icon(theme.IconNameMediaPlay), func() { t.app.prepareTimer(id) })
			b.Alignment = widget.ButtonAlignLeading
			t.next.Add(b)
		}
	}
	for _, n := range d.Needed {
		var text string
		switch {
		case n.Overdue:
			text = fmt.Sprintf("%s: its target date %s has passed, %.1f h to go.", n.Milestone, n.Target, n.RemainingHrs)
		case n.WeeklyHours > 0:
			text = fmt.Sprintf("%s by %s: %.1f h a week needed, you average %.1f.", n.Milestone, n.Target, n.WeeklyHours, n.CurrentWeekly)
		default:
			continue
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		if n.Overdue || n.WeeklyHours > n.CurrentWeekly {
			l.Importance = widget.WarningImportance
		}
		t.next.Add(l)
	}
	if len(t.next.Objects) == 0 {
		t.next.Add(widget.NewLabel("Nothing is going stale. Keep going."))
	}
}

// showFirstSteps is What next for someone who has not started: what to do first.
func (t *todayScreen) showFirstSteps() {
	step := func(label string, icon fyne.ThemeIconName, do func()) {
		b := newIconButton(label, theme.Icon(icon), do)
		b.Alignment = widget.ButtonAlignLeading
		t.next.Add(b)
	}
	t.next.Add(widget.NewLabel("Start here:"))
	step("1. Log a first session (Ctrl+N), or time one (Ctrl+T)", theme.IconNameContentAdd, t.app.newSession)
	step("2. Set your degree program and its courses", theme.IconNameDocumentCreate, func() { t.app.showPlan(planDegree) })
	step("3. Pick the skills to focus on: rate your confidence in each", theme.IconNameList, func() { t.app.showPlan(planSkills) })
}

func (t *todayScreen) showForecast() {
	var lines []string
	for _, f := range t.data.dash.Forecasts {
		if f.LikelyDate == "" {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s (%.0f of %g %s): %s / %s", f.Target, f.Done, f.Goal, f.Unit,
			f.LikelyDate, slowerPaceDate(f.PessimisticDate)))
	}
	if len(lines) == 0 {
		lines = append(lines, "Study for a few weeks to see when your targets are reached.")
	}
	t.forecast.SetText(strings.Join(lines, "\n"))
}

// slowerPaceDate is a forecast's pessimistic date, or what an empty one means: at a pace a
// standard deviation below the mean, nothing (study that comes in bursts has no such pace).
func slowerPaceDate(d tracker.Date) string {
	if d == "" {
		return "not at the slower pace"
	}
	return string(d)
}

func (t *todayScreen) showOutlooks() {
	d := &t.data.dash
	dg := d.Degree
	frac := 0.0
	if dg.CreditsRequired > 0 {
		frac = dg.CreditsEarned / dg.CreditsRequired
	}
	t.degreeRing.SetData(frac, fmt.Sprintf("%g", dg.CreditsEarned), fmt.Sprintf("of %g credits", dg.CreditsRequired))
	text := fmt.Sprintf("%g credits in progress", dg.CreditsInProgress)
	if dg.Graded {
		text += fmt.Sprintf("\nGPA %.2f", dg.GPA)
	}
	switch {
	case dg.ExpectedTerm == "":
	case dg.CreditsInProgress > 0: // the forecast counts them as earned: say so, or the sum looks wrong
		text += fmt.Sprintf("\nWith those, then %g credits a year: done in %s", dg.CreditsPerYear, dg.ExpectedTerm)
	default:
		text += fmt.Sprintf("\nAt %g credits a year: done in %s", dg.CreditsPerYear, dg.ExpectedTerm)
	}
	t.degree.SetText(text)

	now := t.data.opt.Now().In(t.data.opt.Loc)
	if m := d.Cert.Next; m != nil {
		text := "Next: " + m.Title
		if days, ok := m.Target.DaysUntil(now); ok {
			text += fmt.Sprintf("\nTarget %s: %s", m.Target, daysText(days))
		}
		t.cert.SetText(text)
	} else {
		t.cert.SetText("Every certification milestone is done or skipped.")
	}
	t.windows.SetText(strings.Join(windowLines(d.Cert.Windows), "\n"))

	var lines []string
	trackMinutes := make([]int, len(d.Tracks))
	for i, tr := range d.Tracks {
		trackMinutes[i] = tr.Minutes
	}
	shares := wholePercents(trackMinutes)
	for i, tr := range d.Tracks {
		lines = append(lines, fmt.Sprintf("%s: %s (%d%%)", tr.Track.Label(), hours(tr.Minutes), shares[i]))
	}
	top := []string{strings.Join(lines, " · ")}
	for i, tp := range d.Topics {
		if i == 10 || tp.Minutes == 0 {
			break
		}
		line := fmt.Sprintf("%s: %s, %s", tp.Topic, hours(tp.Minutes), wholePercent(tp.Minutes, d.Total))
		if tp.LastStudied != "" {
			line += ", last " + string(tp.LastStudied)
		}
		top = append(top, line)
	}
	t.topics.SetText(strings.Join(top, "\n"))
}

// windowLines describes the validity windows that done milestones opened: the lab eligibility
// window, the time left until recertification.
func windowLines(windows []tracker.WindowStatus) []string {
	var out []string
	for _, w := range windows {
		line := fmt.Sprintf("%s: %s (ends %s)", w.Name, daysText(w.DaysLeft), w.Ends)
		if w.Uncertain {
			line += ", reported " + w.Reported + "; check with Cisco"
		}
		out = append(out, line)
	}
	return out
}

func daysText(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "1 day left"
	case days > 1:
		return fmt.Sprintf("%d days left", days)
	case days == -1:
		return "1 day ago"
	}
	return fmt.Sprintf("%d days ago", -days)
}

// wholePercent is minutes as a whole percent of total, rounded once: the dashboard's shares are
// rounded to a tenth already, and rounding 65.45 to 65.5 and then to 66 said 66% of 65.45%.
func wholePercent(minutes, total int) string {
	if total <= 0 {
		return "0%"
	}
	return fmt.Sprintf("%.0f%%", math.Round(100*float64(minutes)/float64(total)))
}

// wholePercents are the parts' whole percents of their sum, adding up to 100: each its whole
// percent, and the points left over to the parts with the largest remainders (101 and 99 of
// 200 minutes are 51% and 49%, not 51% and 50%).
func wholePercents(parts []int) []int {
	total := 0
	for _, p := range parts {
		total += p
	}
	out := make([]int, len(parts))
	if total <= 0 {
		return out
	}
	left, order := 100, make([]int, len(parts))
	for i, p := range parts {
		out[i], order[i] = 100*p/total, i
		left -= out[i]
	}
	remainder := func(i int) int { return 100 * parts[i] % total }
	sort.SliceStable(order, func(a, b int) bool { return remainder(order[a]) > remainder(order[b]) })
	for _, i := range order[:left] {
		out[i]++
	}
	return out
}
