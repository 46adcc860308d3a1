package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// todayScreen answers "where do I stand this week?": hours against the weekly goal, the
// running timer and the next milestone.
type todayScreen struct {
	u         *UI
	weekTotal *widget.Label
	weekBar   *widget.ProgressBar
	tracks    *widget.Label
	timer     *widget.Label
	timerBtn  *widget.Button
	next      *widget.Label
	windows   *widget.Label
	content   fyne.CanvasObject
}

func newTodayScreen(u *UI) *todayScreen {
	t := &todayScreen{u: u}
	t.weekTotal = widget.NewLabel("")
	t.weekTotal.TextStyle.Bold = true
	t.weekTotal.SizeName = theme.SizeNameHeadingText
	t.weekBar = widget.NewProgressBar()
	t.tracks = widget.NewLabel("")
	t.timer = widget.NewLabel("")
	t.timerBtn = widget.NewButton("", u.toggleTimer)
	t.next = widget.NewLabel("")
	t.next.Wrapping = fyne.TextWrapWord
	t.windows = widget.NewLabel("")
	t.windows.Wrapping = fyne.TextWrapWord
	logBtn := widget.NewButtonWithIcon("Log a session (Ctrl+N)", theme.Icon(theme.IconNameContentAdd), u.newSession)
	t.content = container.NewVScroll(container.NewVBox(
		widget.NewCard("This week", "", container.NewVBox(t.weekTotal, t.weekBar, t.tracks)),
		widget.NewCard("Timer", "", container.NewBorder(nil, nil, nil, t.timerBtn, t.timer)),
		widget.NewCard("Next milestone", "", container.NewVBox(t.next, t.windows)),
		container.NewHBox(logBtn),
	))
	return t
}

func (t *todayScreen) refresh() {
	w := t.u.report.Progress.Week
	goal := w.GoalMinutes
	if goal > 0 {
		t.weekTotal.SetText(fmt.Sprintf("%s of %s", hours(w.Minutes), hours(goal)))
		t.weekBar.Max = float64(goal)
		t.weekBar.SetValue(min(float64(w.Minutes), float64(goal)))
	} else {
		t.weekTotal.SetText(hours(w.Minutes) + " (no weekly goal: set one in Settings)")
		t.weekBar.Max = 1
		t.weekBar.SetValue(0)
	}
	var lines []string
	for _, tr := range t.u.report.ByTrack {
		line := fmt.Sprintf("%s: %s", tr.Track.Label(), hours(tr.Minutes))
		if g := t.u.plan.Goals.TrackHours[tr.Track]; g > 0 {
			line += fmt.Sprintf(" of %.1f h", g)
		}
		lines = append(lines, line)
	}
	t.tracks.SetText(strings.Join(lines, "    "))
	t.showTimer()
	t.showMilestones()
}

func (t *todayScreen) showTimer() {
	if tm := t.u.timer; tm != nil {
		t.timer.SetText(fmt.Sprintf("%s  %s", elapsedText(t.u.opt.Now().Sub(tm.Start)), t.u.plan.TopicPath(tm.TopicID)))
		t.timerBtn.SetText("Stop")
		t.timerBtn.SetIcon(theme.Icon(theme.IconNameMediaStop))
	} else {
		t.timer.SetText("No timer running.")
		t.timerBtn.SetText("Start a timer")
		t.timerBtn.SetIcon(theme.Icon(theme.IconNameMediaPlay))
	}
}

func (t *todayScreen) showMilestones() {
	now := t.u.opt.Now().In(t.u.opt.Loc)
	if m, ok := t.u.plan.NextMilestone(); ok {
		text := m.Title
		if days, ok := m.Target.DaysUntil(now); ok {
			text += fmt.Sprintf("\nTarget %s: %s", m.Target, daysText(days))
		}
		t.next.SetText(text)
	} else {
		t.next.SetText("Every milestone is done or skipped.")
	}
	t.windows.SetText(strings.Join(windowLines(&t.u.plan, now), "\n"))
}

// windowLines describes the validity windows that done milestones opened: the lab eligibility
// window, the time left until recertification.
func windowLines(p *tracker.Plan, now time.Time) []string {
	var out []string
	for _, m := range p.Milestones {
		if m.Opens == nil || m.Status != tracker.Done {
			continue
		}
		ends, ok := m.Opens.Ends(m.DoneOn)
		if !ok {
			continue
		}
		days, _ := ends.DaysUntil(now)
		line := fmt.Sprintf("%s: %s (ends %s)", m.Opens.Name, daysText(days), ends)
		if m.Opens.Uncertain {
			line += ", as reported; check with Cisco"
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
