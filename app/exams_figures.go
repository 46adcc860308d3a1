package app

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// figuresForm is the dialog that changes an exam's fee and blueprint weights when Cisco does.
type figuresForm struct {
	price   *keyEntry
	weights []*keyEntry // one per domain, in the blueprint's order
	save    *keyButton
	dialog  dialog.Dialog
}

// editFigures opens the fee-and-weights dialog for the shown exam: Enter saves, Escape cancels.
func (s *examsScreen) editFigures() {
	e, ok := s.data.plan.Exam(s.code)
	if !ok {
		return
	}
	exam := *e
	u := s.app
	f := &figuresForm{price: u.newEntry()}
	f.price.SetText(strconv.FormatFloat(exam.PriceUSD, 'f', -1, 64))
	items := []*widget.FormItem{widget.NewFormItem("Fee (USD)", f.price)}
	for _, d := range exam.Domains {
		entry := u.newEntry()
		entry.SetText(strconv.FormatFloat(d.Weight, 'f', -1, 64))
		f.weights = append(f.weights, entry)
		items = append(items, widget.NewFormItem(trimLabel(d.ID+" "+d.Name, 34)+" (%)", entry))
	}
	// Short lines: a wrapping label in a form makes the dialog as tall as the window.
	source := "As reported " + exam.Gathered + "."
	if exam.Edited != "" {
		source = "Changed by you on " + string(exam.Edited) + "."
	}
	items = append(items, widget.NewFormItem("", widget.NewLabel(source)), widget.NewFormItem("", widget.NewLabel("The weights must add up to 100.")))
	read := func() (*float64, map[string]float64, error) {
		price, err := strconv.ParseFloat(strings.TrimSpace(f.price.Text), 64)
		if err != nil {
			return nil, nil, tracker.Errorf(tracker.Invalid, "the fee %q is not a number of dollars", f.price.Text)
		}
		weights := map[string]float64{}
		for i, entry := range f.weights {
			v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(entry.Text), "%"), 64)
			if err != nil {
				return nil, nil, tracker.Errorf(tracker.Invalid, "the weight of %s, %q, is not a percentage", exam.Domains[i].ID, entry.Text)
			}
			weights[exam.Domains[i].ID] = v
		}
		probe := exam
		return &price, weights, tracker.EditExam(&probe, &price, weights, "")
	}
	message := newFieldError()
	check := func() error { _, _, err := read(); return err }
	d, save := u.validatedDialog("Fee and weights of "+exam.Code+" "+exam.Acronym, items, message, check, func() bool {
		price, weights, err := read()
		if err != nil {
			return false
		}
		if *price == exam.PriceUSD && maps.Equal(weights, exam.Weights()) { // nothing to write, nor to undo
			u.setStatus(fmt.Sprintf("The fee and weights of %s are as they were.", exam.Code))
			return true
		}
		before := exam // what Undo puts back: the exam as it was just before, changed elsewhere or not
		return u.change("change the figures of "+exam.Code, func(st tracker.Store) (string, error) {
			p, err := st.Plan()
			if err != nil {
				return "", err
			}
			if e, ok := p.Exam(exam.Code); ok {
				before = *e
			}
			saved, err := st.(examStore).EditExam(exam.Code, price, weights)
			if err != nil {
				return "", err
			}
			// One line on the status bar: the weights are on the tab itself.
			msg := fmt.Sprintf("Changed the fee and weights of %s (%s).", saved.Code, tracker.Dollars(saved.PriceUSD))
			if p, err := st.Plan(); err == nil {
				if m := p.PayingMilestone(saved.Code); m != nil && m.CostUSD != saved.PriceUSD {
					msg += fmt.Sprintf(" Milestone %s still costs %s, which the costs count (Plan > Milestones).", m.ID, tracker.Dollars(m.CostUSD))
				}
			}
			return msg, nil
		}, func(st tracker.Store) error { return st.(examStore).PutExam(before) })
	})
	f.save, f.dialog = save, d
	s.figuresForm = f
}
