package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
}

// examsScreen shows one exam at a time: its readiness as parts per blueprint domain (a score
// bar against the domain's weight), the attempts, the overall trend of the practice, and a
// timeline of the certification windows.
type examsScreen struct {
	u     *UI
	store examStore

	exam      *widget.Select
	code      string // the exam shown
	add       *widget.Button
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

	readiness tracker.ExamReadiness // as last shown
	form      *attemptForm          // the open add-attempt dialog, for tests
	shown     dialog.Dialog         // the open score report, for tests
}

func newExamsScreen(u *UI, store examStore) *examsScreen {
	s := &examsScreen{u: u, store: store}
	s.exam = widget.NewSelect(nil, func(label string) {
		s.code, _, _ = strings.Cut(label, " ")
		s.refresh()
	})
	s.add = widget.NewButtonWithIcon("Add attempt", theme.Icon(theme.IconNameContentAdd), func() { s.addAttempt() })
	s.summary = widget.NewLabel("")
	s.summary.TextStyle.Bold = true
	s.summary.Wrapping = fyne.TextWrapWord
	s.advice = widget.NewLabel("")
	s.advice.Wrapping = fyne.TextWrapWord
	s.domains = container.NewVBox()
	s.trend = newLineChart()
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
	top := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("Ready to book at"), s.threshold, widget.NewLabel("%"), s.add), s.exam)
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
	p := &s.u.plan
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
	if s.u.win.Canvas().Focused() != s.threshold {
		s.threshold.SetText(strconv.FormatFloat(rules.ReadyPercent, 'f', -1, 64))
	}
	now := s.u.opt.Now().In(s.u.opt.Loc)
	for _, er := range p.Readiness(s.u.dash.Coverage, s.u.dash.Stale, now) {
		if er.Exam == s.code {
			s.readiness = er
		}
	}
	s.showReadiness(&rules)
	s.attempts = s.attempts[:0]
	for i := len(p.Attempts) - 1; i >= 0; i-- {
		if p.Attempts[i].Exam == s.code {
			s.attempts = append(s.attempts, p.Attempts[i])
		}
	}
	s.list.Refresh()
	state := p.Cert(now)
	s.timeline.SetData(timelineOf(p, &state, &rules, tracker.DateOf(now)))
	lines := append(windowLines(state.Windows(&rules)), state.Notes...)
	lines = append(lines, p.Costs(&state).Lines(state.EligibleUntil)...)
	if rc, ok := p.RecertOutlook(&state); ok {
		lines = append(lines, recertLine(&rc))
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

func (s *examsScreen) showReadiness(r *tracker.CertRules) {
	er := &s.readiness
	verdict := "not yet ready to book"
	if er.ReadyToBook {
		verdict = "ready to book"
		if er.BookBy != "" {
			verdict += ": sit it by " + string(er.BookBy) + r.LabEligibility.Reported()
		}
	}
	s.summary.SetText(fmt.Sprintf("Readiness %.0f%% (threshold %.0f%%): %s", er.Readiness, er.Threshold, verdict))
	s.domains.RemoveAll()
	for _, d := range er.Domains {
		bar := newCompareBar()
		bar.SetData(d.Weight, d.Score, 100, d.Scored > 0 && d.Score < er.Threshold)
		parts := fmt.Sprintf("readiness %.0f%% · weight %g%%", d.Readiness, d.Weight)
		if er.WeightsReport {
			parts += " (reported " + er.Gathered + ")"
		}
		if n := len(d.Trend); n > 1 {
			parts += fmt.Sprintf(" · score %.0f%% of %d (from %.0f%% to %.0f%%)", d.Score, d.Scored, d.Trend[0].Percent, d.Trend[n-1].Percent)
		} else if d.Scored > 0 {
			parts += fmt.Sprintf(" · score %.0f%% of %d", d.Score, d.Scored)
		} else {
			parts += " · no score yet"
		}
		if d.Mapped {
			parts += fmt.Sprintf(" · study %.0f%% of weight · confidence %.0f%%", d.Coverage, d.Confidence)
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
		advice = append(advice, "Retake from "+string(er.RetakeAfter)+" by the retake rule"+r.RetakeWaits.Reported()+", which is not confirmed")
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

// recertLine names the recertification deadline, the option nearest to done and the cheapest.
func recertLine(rc *tracker.Recert) string {
	var nearest, cheapest string
	for _, o := range rc.Options {
		left := "done"
		if len(o.Remaining) > 0 {
			left = strings.Join(o.Remaining, ", ") + " to go"
		}
		if o.Option.ID == rc.Nearest {
			nearest = fmt.Sprintf("%s (%s)", o.Option.Name, left)
		}
		if o.Option.ID == rc.Cheapest {
			cheapest = fmt.Sprintf("%s ($%.0f in exam fees)", o.Option.Name, o.FeesUSD)
		}
	}
	return fmt.Sprintf("Recertify by %s: nearest, %s; cheapest, %s.", rc.Deadline, nearest, cheapest)
}

// setThreshold stores a new ready-to-book threshold typed in percent.
func (s *examsScreen) setThreshold(text string) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(text), "%"), 64)
	if err != nil {
		s.u.showError(tracker.Errorf(tracker.Invalid, "%q is not a percentage: type a number above 0 and at most 100", text))
		return
	}
	old := s.u.plan.Rules()
	rules := old
	rules.ReadyPercent = v
	s.u.do("ready-to-book threshold", func() (func() error, string, error) {
		if err := s.store.PutCertRules(rules); err != nil {
			return nil, "", err
		}
		return func() error { return s.store.PutCertRules(old) }, fmt.Sprintf("Exams are ready to book at %g%% readiness.", v), nil
	})
}

// attemptRow is a line of the attempts list.
type attemptRow struct {
	rowBase
	text   *widget.Label
	remove *widget.Button
}

func (s *examsScreen) newRow() fyne.CanvasObject {
	r := &attemptRow{text: widget.NewLabel(""), remove: widget.NewButtonWithIcon("", theme.Icon(theme.IconNameDelete), nil)}
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
	r.text.SetText(attemptText(&s.u.plan, &a))
	r.remove.OnTapped = func() { s.u.confirmRemove("this attempt", func() { s.remove(a.ID) }) }
}

// attemptText is an attempt in a line: "2026-11-01 practice 82% (Boson)".
func attemptText(p *tracker.Plan, a *tracker.Attempt) string {
	e, _ := p.Exam(a.Exam)
	parts := []string{string(a.Date), string(a.Kind)}
	if a.Result != "" {
		parts = append(parts, string(a.Result))
	}
	if pct, ok := a.Percent(e); ok {
		parts = append(parts, fmt.Sprintf("%.0f%%", pct))
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
	lines := s.u.plan.AttemptReport(a)
	if len(lines) == 0 {
		lines = []string{"No score report was recorded."}
	}
	report := widget.NewLabel(strings.Join(lines, "\n"))
	report.Wrapping = fyne.TextWrapWord
	s.shown = dialog.NewCustom(attemptText(&s.u.plan, a), "Close", report, s.u.win)
	s.shown.Resize(fyne.NewSize(620, 0))
	s.shown.Show()
}

func (s *examsScreen) remove(id string) {
	s.u.do("remove attempt", func() (func() error, string, error) {
		old, err := s.store.DeleteAttempt(id)
		if err != nil {
			return nil, "", err
		}
		return func() error { _, err := s.store.PutAttempt(old); return err }, "Removed the attempt of " + string(old.Date) + ".", nil
	})
}

// attemptForm is the add-attempt dialog's fields.
type attemptForm struct {
	kind, result, design, doo *keySelect
	date, score, scoreMax     *keyEntry
	source, note              *keyEntry
	domains                   []*keyEntry // in the exam's domain order
	session                   *keySelect
	sessionIDs                map[string]string // the session choices' labels to ids
	save                      *keyButton
	dialog                    dialog.Dialog
}

// build reads the form into an attempt, with what is wrong.
func (f *attemptForm) build(e *tracker.Exam, p *tracker.Plan, now time.Time) (tracker.Attempt, error) {
	a := tracker.Attempt{Exam: e.Code, Kind: tracker.AttemptKind(f.kind.Selected), Source: strings.TrimSpace(f.source.Text), Note: strings.TrimSpace(f.note.Text)}
	var err error
	if a.Date, err = tracker.ParseDate(strings.TrimSpace(f.date.Text)); err != nil {
		return a, fmt.Errorf("date: %w", err)
	}
	if a.Date == "" {
		a.Date = tracker.DateOf(now)
	}
	if a.Kind == tracker.AttemptExam {
		a.Result = tracker.Result(f.result.Selected)
	}
	number := func(what, s string) (float64, error) {
		v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %q is not a number", what, s)
		}
		return v, nil
	}
	if strings.TrimSpace(f.score.Text) != "" {
		if a.Score, err = number("score", f.score.Text); err != nil {
			return a, err
		}
		if a.ScoreMax, err = number("out of", f.scoreMax.Text); err != nil {
			return a, err
		}
	}
	for i, entry := range f.domains {
		if strings.TrimSpace(entry.Text) == "" {
			continue
		}
		v, err := number("domain "+e.Domains[i].ID, entry.Text)
		if err != nil {
			return a, err
		}
		a.Domains = append(a.Domains, tracker.DomainScore{Domain: e.Domains[i].ID, Percent: v})
	}
	a.SessionID = f.sessionIDs[f.session.Selected]
	for i, sel := range []*keySelect{f.design, f.doo} {
		if sel != nil && sel.Selected != "" && sel.Selected != "not given" {
			a.Modules = append(a.Modules, tracker.ModuleResult{Module: tracker.LabModules[i], Result: tracker.Result(sel.Selected)})
		}
	}
	return a, tracker.ValidateAttempt(&a, p, now)
}

// addAttempt opens the add-attempt dialog for the shown exam: Enter saves, Escape cancels, and
// the first field has the focus.
func (s *examsScreen) addAttempt() {
	p := &s.u.plan
	e, ok := p.Exam(s.code)
	if !ok {
		return
	}
	now := s.u.opt.Now().In(s.u.opt.Loc)
	u := s.u
	f := &attemptForm{date: u.newEntry(), score: u.newEntry(), scoreMax: u.newEntry(), source: u.newEntry(), note: u.newEntry()}
	var kinds []string
	for _, k := range tracker.AttemptKinds {
		kinds = append(kinds, string(k))
	}
	f.kind = u.newSelect(kinds, nil)
	f.kind.SetSelected(string(tracker.AttemptPractice))
	f.result = u.newSelect([]string{string(tracker.Pass), string(tracker.Fail)}, nil)
	f.date.SetPlaceHolder("today, or YYYY-MM-DD")
	f.scoreMax.SetText("100")
	f.score.SetPlaceHolder("overall, if the report gives one")
	f.source.SetPlaceHolder("vendor or workbook")
	items := []*widget.FormItem{widget.NewFormItem("Date", f.date), widget.NewFormItem("Kind", f.kind), widget.NewFormItem("Result", f.result),
		widget.NewFormItem("Score", f.score), widget.NewFormItem("Out of", f.scoreMax)}
	for _, d := range e.Domains {
		entry := u.newEntry()
		entry.SetPlaceHolder(fmt.Sprintf("%% (weight %g%%)", d.Weight))
		f.domains = append(f.domains, entry)
		items = append(items, widget.NewFormItem(trimLabel(d.ID+" "+d.Name, 34), entry))
	}
	if p.ExamLevel(e) == tracker.LevelLab {
		modules := []string{"not given", string(tracker.Pass), string(tracker.Fail)}
		f.design, f.doo = u.newSelect(modules, nil), u.newSelect(modules, nil)
		items = append(items, widget.NewFormItem("Design", f.design), widget.NewFormItem("Deploy/Operate/Optimize", f.doo))
	}
	f.session, f.sessionIDs = s.sessionChoice(now)
	items = append(items, widget.NewFormItem("Source", f.source), widget.NewFormItem("Done in", f.session), widget.NewFormItem("Note", f.note))

	message := newFieldError()
	check := func() error { _, err := f.build(e, p, now); return err }
	d, save := s.u.validatedDialog("Add an attempt at "+e.Code+" "+e.Acronym, items, message, check,
		func() bool {
			a, err := f.build(e, p, now)
			return err == nil && s.put(a)
		})
	f.save, f.dialog = save, d
	revalidate := f.kind.OnChanged
	f.kind.OnChanged = func(kind string) {
		if kind == string(tracker.AttemptExam) {
			f.result.Enable()
		} else {
			f.result.ClearSelected()
			f.result.Disable()
		}
		revalidate(kind)
	}
	f.kind.OnChanged(f.kind.Selected)
	s.form = f
}

// sessionChoice offers the practice-exam and lab sessions of the last 60 days, newest first, to
// link an attempt to the session it was done in.
func (s *examsScreen) sessionChoice(now time.Time) (*keySelect, map[string]string) {
	const none = "No session"
	ids := map[string]string{}
	options := []string{none}
	since := now.AddDate(0, 0, -60)
	for i := range s.u.sessions {
		r := &s.u.sessions[i]
		if r.startTime().Before(since) || len(options) > 12 {
			break
		}
		if r.kind == tracker.KindPracticeExam || r.kind == tracker.KindLab {
			label := fmt.Sprintf("%s %s, %s", r.startTime().In(s.u.opt.Loc).Format("2006-01-02 15:04"), trimLabel(s.u.plan.TopicPath(r.topic), 30), tracker.FormatDuration(r.duration()))
			ids[label] = r.id
			options = append(options, label)
		}
	}
	sel := s.u.newSelect(options, nil)
	sel.SetSelected(none)
	return sel, ids
}

func trimLabel(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func (s *examsScreen) put(a tracker.Attempt) bool {
	return s.u.do("add attempt", func() (func() error, string, error) {
		saved, err := s.store.PutAttempt(a)
		if err != nil {
			return nil, "", err
		}
		return func() error { _, err := s.store.DeleteAttempt(saved.ID); return err }, "Saved the attempt of " + string(saved.Date) + ".", nil
	})
}

// timelineItem is a span (From to To) or, with To empty, a mark on one day, in a row.
type timelineItem struct {
	row      int
	from, to tracker.Date
	label    string
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
			out = append(out, timelineItem{row: t.row, from: m.Target, label: t.what + " target " + string(m.Target), color: theme.ColorNamePlaceHolder})
		}
	}
	if s.Qualifying != nil {
		out = append(out, timelineItem{row: 0, from: s.Qualifying.Date, to: s.EligibleUntil, label: "Lab eligibility to " + string(s.EligibleUntil), color: theme.ColorNamePrimary})
	}
	if m, ok := p.Milestone(r.Milestones.Booking); ok && m.Target != "" {
		out = append(out, timelineItem{row: 1, from: m.Target, label: "lab booked " + string(m.Target), color: theme.ColorNameWarning})
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
		out = append(out, timelineItem{row: row, from: a.Date, label: what + " " + string(a.Result), color: c})
	}
	if s.Achieved != nil {
		out = append(out, timelineItem{row: 2, from: s.Achieved.Date, to: s.ActiveUntil, label: "CCIE active to " + string(s.ActiveUntil), color: theme.ColorNameSuccess})
		for _, e := range s.Recertified {
			out = append(out, timelineItem{row: 2, from: e.Date, label: "recertified", color: theme.ColorNamePrimary})
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
	items []timelineItem
}

func newWindowTimeline() *windowTimeline {
	t := &windowTimeline{}
	t.ExtendBaseWidget(t)
	return t
}

func (t *windowTimeline) SetData(items []timelineItem) {
	t.items = items
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
	r.empty = canvas.NewText("No windows yet: a passed 350-501 opens the lab eligibility window.", themeColor(theme.ColorNamePlaceHolder))
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
			label.Move(fyne.NewPos(at, y+2))
			labelEnd[it.row] = at + label.MinSize().Width + 8
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

func (r *timelineRenderer) MinSize() fyne.Size { return fyne.NewSize(300, 3*timelineRow+32) }

func (r *timelineRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *timelineRenderer) Destroy()                     {}
