package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// attemptForm is the add-attempt dialog's fields.
type attemptForm struct {
	kind, result, design, doo *keySelect
	date, score, scoreMax     *keyEntry
	fee, source, note         *keyEntry
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
	if a.Date, err = tracker.ParseDayDate(f.date.Text, now, now.Location()); err != nil {
		return a, fmt.Errorf("date: %w", err)
	}
	if a.Date == "" {
		a.Date = tracker.DateOf(now)
	}
	if a.Kind == tracker.AttemptExam {
		a.Result = tracker.Result(f.result.Selected)
		if text := strings.TrimSpace(f.fee.Text); text != "" {
			fee, err := tracker.ParseDollars(text)
			if err != nil {
				return a, fmt.Errorf("fee paid: %w", err)
			}
			a.FeeUSD = &fee
		}
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
	p := &s.data.plan
	e, ok := p.Exam(s.code)
	if !ok {
		return
	}
	now := s.data.opt.Now().In(s.data.opt.Loc)
	u := s.app
	f := &attemptForm{date: u.newEntry(), score: u.newEntry(), scoreMax: u.newEntry(), fee: u.newEntry(), source: u.newEntry(), note: u.newEntry()}
	var kinds []string
	for _, k := range tracker.AttemptKinds {
		kinds = append(kinds, string(k))
	}
	f.kind = u.newSelect(kinds, nil)
	f.kind.SetSelected(string(tracker.AttemptPractice))
	f.result = u.newSelect([]string{string(tracker.Pass), string(tracker.Fail)}, nil)
	f.date.SetPlaceHolder("today, or YYYY-MM-DD")
	fee, _ := p.SittingFee(e.Code)
	f.fee.SetPlaceHolder(tracker.Dollars(fee) + ", its fee; or what a voucher left to pay")
	f.scoreMax.SetText("100")
	f.score.SetPlaceHolder("overall, if the report gives one")
	f.source.SetPlaceHolder("vendor or workbook")
	items := []*widget.FormItem{widget.NewFormItem("Date", f.date), widget.NewFormItem("Kind", f.kind), widget.NewFormItem("Result", f.result),
		widget.NewFormItem("Fee paid", f.fee), widget.NewFormItem("Score", f.score), widget.NewFormItem("Out of", f.scoreMax)}
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
	d, save := s.app.validatedDialog("Add an attempt at "+e.Code+" "+e.Acronym, items, message, check,
		func() bool {
			a, err := f.build(e, p, now)
			return err == nil && s.put(a)
		})
	f.save, f.dialog = save, d
	revalidate := f.kind.OnChanged
	showKind := func(kind string) {
		if kind == string(tracker.AttemptExam) {
			f.result.Enable()
			f.fee.Enable()
		} else {
			if f.result.Selected != "" {
				f.result.ClearSelected() // which is a change, as its OnChanged says
			}
			f.result.Disable()
			f.fee.Disable()
		}
	}
	f.kind.OnChanged = func(kind string) { showKind(kind); revalidate(kind) }
	showKind(f.kind.Selected) // not a change: the new form opens without a message
	s.form = f
}

// sessionChoice offers the practice-exam and lab sessions of the last 60 days, newest first, to
// link an attempt to the session it was done in.
func (s *examsScreen) sessionChoice(now time.Time) (*keySelect, map[string]string) {
	const none = "No session"
	ids := map[string]string{}
	options := []string{none}
	since := now.AddDate(0, 0, -60)
	for i := range s.data.sessions {
		r := &s.data.sessions[i]
		if r.startTime().Before(since) || len(options) > 12 {
			break
		}
		if r.kind == tracker.KindPracticeExam || r.kind == tracker.KindLab {
			label := fmt.Sprintf("%s %s, %s", r.startTime().In(s.data.opt.Loc).Format("2006-01-02 15:04"), trimLabel(s.data.plan.TopicPath(r.topic), 30), tracker.FormatDuration(r.duration()))
			ids[label] = r.id
			options = append(options, label)
		}
	}
	sel := s.app.newSelect(options, nil)
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
	var saved tracker.Attempt
	return s.app.change("add attempt", func(st tracker.Store) (msg string, err error) {
		if saved, err = st.(examStore).PutAttempt(a); err != nil {
			return "", err
		}
		msg = "Saved the attempt of " + string(saved.Date) + "."
		if p, err := st.Plan(); err == nil {
			for _, note := range p.AttemptNotes(&saved) {
				msg += " Note: " + note + "."
			}
		}
		return msg, nil
	}, func(st tracker.Store) error { _, err := st.(examStore).DeleteAttempt(saved.ID); return err })
}
