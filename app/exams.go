package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// examStore is what the Exams screen needs beyond the plan it is shown: to add and remove
// attempts.
type examStore interface {
	PutAttempt(tracker.Attempt) (tracker.Attempt, error)
	DeleteAttempt(id string) (tracker.Attempt, error)
	PutCertRules(tracker.CertRules) error
	EditExam(code string, price *float64, weights map[string]float64) (tracker.Exam, error)
	PutExam(tracker.Exam) error
}

// examsScreen shows one exam at a time: its readiness as parts per blueprint domain (a score
// bar against the domain's weight), the attempts, the overall trend of the practice, and a
// timeline of the certification windows.
type examsScreen struct {
	data *appData
	app  planApp

	exam      *widget.Select
	code      string // the exam shown
	add       *button
	figures   *button       // opens the dialog that changes the shown exam's fee and weights
	threshold *widget.Entry // the ready-to-book threshold, in percent; Enter saves it
	summary   *widget.Label
	advice    *widget.Label
	domains   *fyne.Container // one row per domain
	trend     *lineChart
	list      *widget.List
	attempts  []tracker.Attempt // the shown exam's, newest first
	timeline  *windowTimeline
	windows   *widget.Label
	content   fyne.CanvasObject

	readiness   tracker.ExamReadiness // as last shown
	form        *attemptForm          // the open add-attempt dialog, for tests
	figuresForm *figuresForm          // the open fee-and-weights dialog, for tests
	shown       dialog.Dialog         // the open score report, for tests
}

func newExamsScreen(data *appData, app planApp) *examsScreen {
	s := &examsScreen{data: data, app: app}
	s.exam = widget.NewSelect(nil, func(label string) {
		s.code, _, _ = strings.Cut(label, " ")
		s.refresh()
	})
	s.add = newIconButton("Add attempt", theme.Icon(theme.IconNameContentAdd), func() { s.addAttempt() })
	s.figures = newIconButton("Fee and weights…", theme.Icon(theme.IconNameDocumentCreate), func() { s.editFigures() })
	s.summary = widget.NewLabel("")
	s.summary.TextStyle.Bold = true
	s.summary.Wrapping = fyne.TextWrapWord
	s.advice = widget.NewLabel("")
	s.advice.Wrapping = fyne.TextWrapWord
	s.domains = container.NewVBox()
	s.trend = newLineChart(percentLabel)
	s.timeline = newWindowTimeline()
	s.windows = widget.NewLabel("")
	s.windows.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(func() int { return len(s.attempts) }, s.newRow, s.updateRow)
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.Unselect(id)
		if id < len(s.attempts) {
			s.showAttempt(&s.attempts[id])
		}
	}

	legend := widget.NewLabel("Grey: the domain's blueprint weight. Colour: your recent score, orange while under the ready-to-book threshold.")
	legend.SizeName = theme.SizeNameCaptionText
	legend.Wrapping = fyne.TextWrapWord
	s.threshold = widget.NewEntry()
	s.threshold.OnSubmitted = func(text string) { s.setThreshold(text) }
	top := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("Ready to book at"), s.threshold, widget.NewLabel("%"), s.figures, s.add), s.exam)
	left := container.NewBorder(container.NewVBox(s.summary, legend, s.domains, s.advice), nil, nil, nil,
		container.NewBorder(widget.NewLabelWithStyle("Overall score of each practice attempt", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}), nil, nil, nil, s.trend))
	right := container.NewBorder(widget.NewLabelWithStyle("Attempts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, s.list)
	split := container.NewHSplit(container.NewVScroll(left), right)
	split.Offset = 0.55
	bottom := container.NewVBox(widget.NewSeparator(), s.timeline, s.windows)
	s.content = container.NewBorder(top, bottom, nil, nil, split)
	return s
}

// refresh shows the plan as last loaded.
func (s *examsScreen) refresh() {
	p := &s.data.plan
	rules := p.Rules()
	if _, ok := p.Exam(s.code); !ok {
		s.code = rules.QualifyingExam // the first to prepare for
	}
	var labels []string
	selected := ""
	for _, e := range p.Exams {
		label := e.Code + " " + e.Acronym
		labels = append(labels, label)
		if e.Code == s.code {
			selected = label
		}
	}
	s.exam.Options = labels
	if s.exam.Selected != selected {
		s.exam.SetSelected(selected) // calls refresh again with the code set
		return
	}
	if s.app.Window().Canvas().Focused() != s.threshold {
		s.threshold.SetText(strconv.FormatFloat(rules.ReadyPercent, 'f', -1, 64))
	}
	now := s.data.opt.Now().In(s.data.opt.Loc)
	s.readiness = tracker.ExamReadiness{}
	for _, er := range p.Readiness(s.data.dash.Coverage, s.data.dash.Stale, now) {
		if er.Exam == s.code {
			s.readiness = er
		}
	}
	if e, _ := p.Exam(s.code); s.readiness.Exam == "" && e != nil {
		s.showUnmeasured(e)
	} else {
		s.showReadiness(&rules)
	}
	s.attempts = s.attempts[:0]
	for i := len(p.Attempts) - 1; i >= 0; i-- {
		if p.Attempts[i].Exam == s.code {
			s.attempts = append(s.attempts, p.Attempts[i])
		}
	}
	s.list.Refresh()
	state := p.Cert(now)
	s.timeline.SetData(timelineOf(p, &state, &rules, tracker.DateOf(now)), rules.QualifyingExam)
	lines := append(windowLines(state.Windows(&rules)), state.Notes...)
	lines = append(lines, p.Costs(&state).Lines(state.EligibleUntil)...)
	if rc, ok := p.RecertOutlook(&state); ok {
		lines = append(lines, recertLine(&rc, &rules, state.Today))
	}
	if state.Qualifying == nil {
		years := strconv.Itoa(rules.LabEligibility.Years) + " years"
		if rules.LabEligibility.Uncertain() {
			years += ", reported " + rules.LabEligibility.Gathered
		}
		lines = append(lines, "No window is open: a passed "+rules.QualifyingExam+" opens the lab eligibility window ("+years+").")
	}
	s.windows.SetText(strings.Join(lines, "\n"))
}

// showUnmeasured says why an exam with no blueprint here (the CCDE written) has no readiness,
// instead of leaving the last exam's on screen.
func (s *examsScreen) showUnmeasured(e *tracker.Exam) {
	s.summary.SetText(e.Acronym + " has no blueprint in Corepath, so no readiness is measured: it is here for the recertification a pass counts for.")
	s.domains.RemoveAll()
	s.advice.SetText("")
	s.trend.SetData(nil, "", "")
}

func (s *examsScreen) showReadiness(r *tracker.CertRules) {
	er := &s.readiness
	summary := fmt.Sprintf("Readiness %.0f%% (threshold %.0f%%): %s", math.Round(er.Readiness), math.Round(er.Threshold), er.Verdict(r))
	if er.PassStands { // the pass first, as the command line says it: the readiness is for a retake
		v := er.Verdict(r)
		summary = fmt.Sprintf("%s%s (readiness %.0f%% against a threshold of %.0f%%)", strings.ToUpper(v[:1]), v[1:], math.Round(er.Readiness), math.Round(er.Threshold))
	}
	s.summary.SetText(summary)
	s.domains.RemoveAll()
	for _, d := range er.Domains {
		bar := newCompareBar()
		bar.SetData(d.Weight, d.Score, 100, d.Scored > 0 && d.Score < er.Threshold)
		parts := fmt.Sprintf("readiness %.0f%% · weight %g%%", math.Round(d.Readiness), d.Weight)
		if er.WeightsReport {
			parts += " (reported " + er.Gathered + ")"
		}
		overall := "" // a score taken from overall scores says so
		if d.FromOverall {
			overall = " overall scores"
		}
		if n := len(d.Trend); n > 1 {
			parts += fmt.Sprintf(" · score %.0f%%, the mean of the last %d%s (first %.0f%%, latest %.0f%%)", math.Round(d.Score), d.Scored, overall, math.Round(d.Trend[0].Percent), math.Round(d.Trend[n-1].Percent))
		} else if d.Scored > 0 && d.FromOverall {
			parts += fmt.Sprintf(" · score %.0f%%, from 1 attempt's overall score", math.Round(d.Score))
		} else if d.Scored > 0 {
			parts += fmt.Sprintf(" · score %.0f%%, from %s", math.Round(d.Score), tracker.CountOf(d.Scored, "attempt", "attempts"))
		} else {
			parts += " · no score yet"
		}
		if d.FromOverall {
			parts += ": no attempt scored this domain"
		}
		if d.Mapped {
			parts += fmt.Sprintf(" · study %.0f%% of weight · confidence %.0f%%", math.Round(d.Coverage), math.Round(d.Confidence))
		}
		if d.Stale > 0 {
			parts += fmt.Sprintf(" · %d stale", d.Stale)
		}
		name := widget.NewLabel(d.Domain)
		name.Truncation = fyne.TextTruncateEllipsis
		detail := widget.NewLabel(parts)
		detail.SizeName = theme.SizeNameCaptionText
		detail.Wrapping = fyne.TextWrapWord
		s.domains.Add(container.NewBorder(nil, nil, nil, nil, container.NewVBox(container.NewGridWithColumns(2, name, bar), detail)))
	}
	var advice []string
	for _, w := range er.Weakest {
		advice = append(advice, "Weak: "+w.Domain+": "+w.Next)
	}
	if er.RetakeAfter != "" {
		advice = append(advice, s.data.plan.RetakeLine(er.RetakeAfter))
	}
	s.advice.SetText(strings.Join(advice, "\n"))
	var values []float64
	first, last := "", ""
	for i := len(er.Recent) - 1; i >= 0; i-- {
		values = append(values, er.Recent[i].Percent)
	}
	if len(er.Recent) > 0 {
		first, last = string(er.Recent[len(er.Recent)-1].Date), string(er.Recent[0].Date)
	}
	s.trend.SetData(values, first, last)
}

// recertLine names the recertification deadline, the option nearest to done and the cheapest,
// an option the sources do not confirm said to be reported, as the fees always are.
func recertLine(rc *tracker.Recert, r *tracker.CertRules, today tracker.Date) string {
	if rc.Ended {
		return rc.EndedLine(today)
	}
	var nearest, cheapest string
	for _, o := range rc.Options {
		left := "done"
		if len(o.Remaining) > 0 {
			left = strings.Join(o.Remaining, ", ") + " to go"
		}
		name := o.Option.Name
		if o.Option.Confidence != tracker.ConfidenceHigh {
			name += ", reported " + r.Recertification.Gathered
		}
		if o.Option.ID == rc.Nearest {
			nearest = fmt.Sprintf("%s (%s)", name, left)
		}
		if o.Option.ID == rc.Cheapest {
			cheapest = fmt.Sprintf("%s (%s in exam fees, reported %s)", name, tracker.Dollars(o.FeesUSD), r.Recertification.Gathered)
		}
	}
	return fmt.Sprintf("Recertify by %s: nearest, %s; cheapest, %s.", rc.Deadline, nearest, cheapest)
}

// setThreshold stores a new ready-to-book threshold typed in percent.
func (s *examsScreen) setThreshold(text string) {
	old := s.data.plan.Rules()
	// A threshold refused leaves the field as the rules are, not showing one that is not kept.
	keep := func() { s.threshold.SetText(strconv.FormatFloat(old.ReadyPercent, 'f', -1, 64)) }
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(text), "%"), 64)
	if err != nil {
		keep()
		s.app.showError(tracker.Errorf(tracker.Invalid, "%q is not a percentage: type a number above 0 and at most 100", text))
		return
	}
	rules := old
	rules.ReadyPercent = v
	if !s.app.change("ready-to-book threshold", func(st tracker.Store) (string, error) {
		return fmt.Sprintf("Exams are ready to book at %g%% readiness.", v), st.(examStore).PutCertRules(rules)
	}, func(st tracker.Store) error { return st.(examStore).PutCertRules(old) }) {
		keep()
	}
}

// attemptRow is a line of the attempts list.
type attemptRow struct {
	rowBase
	text   *widget.Label
	remove *button
}

func (s *examsScreen) newRow() fyne.CanvasObject {
	r := &attemptRow{text: widget.NewLabel(""), remove: newIconButton("", theme.Icon(theme.IconNameDelete), nil)}
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.box = container.NewBorder(nil, nil, nil, r.remove, r.text)
	r.ExtendBaseWidget(r)
	return r
}

func (s *examsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.attempts) {
		return
	}
	r := o.(*attemptRow)
	a := s.attempts[id]
	r.text.SetText(attemptText(&s.data.plan, &a))
	r.remove.OnTapped = func() { s.app.confirmRemove("this attempt", func() { s.remove(a.ID) }) }
}

// attemptText is an attempt in a line: "2026-11-01 practice 82% (Boson)".
func attemptText(p *tracker.Plan, a *tracker.Attempt) string {
	e, _ := p.Exam(a.Exam)
	parts := []string{string(a.Date), string(a.Kind)}
	if a.Result != "" {
		parts = append(parts, string(a.Result))
	}
	if score := a.ScoreText(e); score != "" {
		parts = append(parts, score)
	}
	for _, m := range a.Modules {
		parts = append(parts, fmt.Sprintf("%s %s", strings.SplitN(m.Module, ",", 2)[0], m.Result))
	}
	if a.Source != "" {
		parts = append(parts, "("+a.Source+")")
	}
	return strings.Join(parts, " ")
}

// showAttempt shows an attempt's score report.
func (s *examsScreen) showAttempt(a *tracker.Attempt) {
	lines := s.data.plan.AttemptReport(a)
	if len(lines) == 0 {
		lines = []string{"No score report was recorded."}
	}
	report := widget.NewLabel(strings.Join(lines, "\n"))
	report.Wrapping = fyne.TextWrapWord
	s.shown = dialog.NewCustom(attemptText(&s.data.plan, a), "Close", report, s.app.Window())
	s.shown.Resize(fyne.NewSize(620, 0))
	s.shown.Show()
}

func (s *examsScreen) remove(id string) {
	var old tracker.Attempt
	s.app.change("remove attempt", func(st tracker.Store) (msg string, err error) {
		old, err = st.(examStore).DeleteAttempt(id)
		return "Removed the attempt of " + string(old.Date) + ".", err
	}, func(st tracker.Store) error { _, err := st.(examStore).PutAttempt(old); return err })
}
