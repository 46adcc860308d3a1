package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// creditStore is what the CE credits tab needs of a store beyond the plan it is shown: to add,
// change and remove CE activities.
type creditStore interface {
	PutCredit(tracker.Credit) (tracker.Credit, error)
	DeleteCredit(id string) (tracker.Credit, error)
}

// ceApp is what the CE credits tab needs of the app: to make undoable changes, to ask before a
// removal, its add/edit dialog and the fields in it.
type ceApp interface {
	change(label string, apply func(tracker.Store) (string, error), revert func(tracker.Store) error) bool
	confirmRemove(what string, remove func()) *question
	validatedDialog(title string, items []*widget.FormItem, message *widget.Label, check func() error, save func() bool) (dialog.Dialog, *keyButton)
	newEntry() *keyEntry
	newSelect(options []string, changed func(string)) *keySelect
}

// cePlan is the continuing-education ledger, newest first, with each recertification
// option's progress in the current cycle: what `corepath ce list` prints.
type cePlan struct {
	data    *appData
	app     ceApp
	add     *button
	totals  *widget.Label
	list    *widget.List
	credits []tracker.Credit // the ledger as listed: newest first
	outlook *tracker.Recert  // the current cycle's; nil before the CCIE

	recert  *widget.Label   // the deadline and the cycle, or why there is none yet
	options *fyne.Container // one row per option
	notes   *widget.Label   // how a share is measured, what planned credits add
	content fyne.CanvasObject

	dialogSave *keyButton // the open activity dialog, for tests
	dialogForm *creditForm
	dialogMsg  *widget.Label
}

func newCEPlan(data *appData, app ceApp) *cePlan {
	c := &cePlan{data: data, app: app}
	c.add = newIconButton("Add CE activity…", theme.Icon(theme.IconNameContentAdd), func() { c.edit(nil) })
	c.totals = widget.NewLabel("")
	c.totals.TextStyle.Bold = true
	c.totals.Wrapping = fyne.TextWrapWord
	c.list = widget.NewList(func() int { return len(c.credits) }, c.newRow, c.updateRow)
	c.recert = widget.NewLabel("")
	c.recert.TextStyle.Bold = true
	c.recert.Wrapping = fyne.TextWrapWord
	c.options = container.NewVBox()
	c.notes = widget.NewLabel("")
	c.notes.SizeName = theme.SizeNameCaptionText
	c.notes.Wrapping = fyne.TextWrapWord

	ledger := container.NewBorder(container.NewBorder(nil, nil, nil, c.add, c.totals), nil, nil, nil, c.list)
	outlook := container.NewBorder(widget.NewLabelWithStyle("Recertification options", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil,
		container.NewVScroll(container.NewVBox(c.recert, c.options, c.notes)))
	split := container.NewHSplit(ledger, outlook)
	split.Offset = 0.5
	c.content = split
	return c
}

// refresh shows the plan as last loaded.
func (c *cePlan) refresh() {
	p := &c.data.plan
	c.credits = c.credits[:0]
	for i := len(p.Credits) - 1; i >= 0; i-- {
		c.credits = append(c.credits, p.Credits[i])
	}
	c.showOutlook() // sets the cycle
	var earned, inCycle, planned float64
	for _, cr := range p.Credits {
		switch {
		case !cr.Earned():
			planned += cr.Credits
		case c.outlook != nil && c.outlook.Outside(&cr) != "":
			earned += cr.Credits
		default:
			earned += cr.Credits
			inCycle += cr.Credits
		}
	}
	switch {
	case len(p.Credits) == 0:
		c.totals.SetText("No CE activities yet: add a course, a Cisco Live session or a Cisco U. tutorial with the CE credits it earns.")
	case c.outlook != nil && inCycle != earned:
		c.totals.SetText(fmt.Sprintf("%g CE credits earned (%g of them in this cycle), %g planned (%s)", earned, inCycle, planned, tracker.CountOf(len(p.Credits), "activity", "activities")))
	default:
		c.totals.SetText(fmt.Sprintf("%g CE credits earned, %g planned (%s)", earned, planned, tracker.CountOf(len(p.Credits), "activity", "activities")))
	}
	c.list.Refresh()
}

// showOutlook shows each recertification option's progress, as `ce list` does.
func (c *cePlan) showOutlook() {
	p := &c.data.plan
	r := p.Rules()
	state := p.Cert(c.data.opt.Now().In(c.data.opt.Loc))
	c.options.RemoveAll()
	c.outlook = nil
	rc, ok := p.RecertOutlook(&state)
	if !ok {
		// The options as the rules have them, none measured: nothing counts before the CCIE.
		c.recert.SetText("Recertification starts once the CCIE is achieved (the passed lab): these options apply then, each counting what is done from that day.")
		for _, o := range r.Options {
			c.options.Add(optionName(&o, &r, "• "))
		}
		c.notes.SetText("")
		return
	}
	c.outlook = &rc
	if rc.Ended {
		c.recert.SetText(rc.EndedLine(state.Today))
		c.notes.SetText("")
		return
	}
	left := ""
	if now, ok := state.Today.Time(); ok {
		if days, ok := rc.Deadline.DaysUntil(now); ok {
			left = " (" + daysText(days) + ")"
		}
	}
	c.recert.SetText(fmt.Sprintf("Recertify by %s%s. The cycle began %s; each option met keeps the CCIE active %d years from that day.",
		rc.Deadline, left, rc.Began(), r.Recertification.Years))
	for i := range rc.Options {
		o := &rc.Options[i]
		mark := ""
		if o.Done {
			mark = "✓ "
		}
		bar := newMeter()
		bar.SetValue(o.Share, 1)
		detail := widget.NewLabel(optionProgress(o, &rc, &r))
		detail.SizeName = theme.SizeNameCaptionText
		detail.Wrapping = fyne.TextWrapWord
		// The bar keeps a field's height beside a name that wraps onto two lines.
		c.options.Add(container.NewVBox(container.NewGridWithColumns(2, optionName(&o.Option, &r, mark),
			container.NewVBox(layout.NewSpacer(), bar, layout.NewSpacer())), detail))
	}
	notes := []string{tracker.ShareNote()}
	if len(rc.Options) > 0 && rc.Options[0].PlannedCredits > 0 {
		notes = append(notes, fmt.Sprintf("Planned activities add %g CE credits once completed.", rc.Options[0].PlannedCredits))
	}
	c.notes.SetText(strings.Join(notes, "\n"))
}

// optionName is an option's name, said to be reported where the sources do not confirm it.
func optionName(o *tracker.RecertOption, r *tracker.CertRules, mark string) *widget.Label {
	name := o.Name
	if o.Confidence != tracker.ConfidenceHigh {
		name += " (reported " + r.Recertification.Gathered + ")"
	}
	l := widget.NewLabel(mark + name)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// optionProgress is an option's line of `ce list`: "35% done, 78.5 CE credits to go · nearest".
func optionProgress(o *tracker.RecertProgress, rc *tracker.Recert, r *tracker.CertRules) string {
	text := fmt.Sprintf("%.0f%% done", 100*o.Share)
	if len(o.Remaining) > 0 {
		text += ", " + strings.Join(o.Remaining, ", ") + " to go"
	}
	if o.FeesUSD > 0 {
		text += fmt.Sprintf(", %s in exam fees (reported %s)", tracker.Dollars(o.FeesUSD), r.Recertification.Gathered)
	}
	if o.Option.ID == rc.Nearest {
		text += " · [nearest]"
	}
	if o.Option.ID == rc.Cheapest {
		text += " · [cheapest]"
	}
	return text
}

// creditText is an activity's line under its name: "2026-10-01 · 8 CE credits · completed ·
// Cisco Live · evidence: …", saying so when it is dated before the cycle it would count in.
func creditText(cr *tracker.Credit, outlook *tracker.Recert) string {
	parts := []string{string(cr.Date), fmt.Sprintf("%g CE credits", cr.Credits), string(cr.State)}
	if cr.Provider != "" {
		parts = append(parts, cr.Provider)
	}
	if cr.Evidence != "" {
		parts = append(parts, "evidence: "+cr.Evidence)
	}
	if outlook != nil {
		if why := outlook.Outside(cr); why != "" {
			parts = append(parts, why)
		}
	}
	return strings.Join(parts, " · ")
}

type creditRow struct {
	rowBase
	activity, detail *widget.Label
	edit, rm         *button
	index            int
}

func (c *cePlan) newRow() fyne.CanvasObject {
	r := &creditRow{activity: widget.NewLabel(""), detail: widget.NewLabel("")}
	r.activity.TextStyle.Bold = true
	r.activity.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.edit = newIconButton("", theme.Icon(theme.IconNameDocumentCreate), func() {
		if r.index < len(c.credits) {
			cr := c.credits[r.index]
			c.edit(&cr)
		}
	})
	r.rm = newIconButton("", theme.Icon(theme.IconNameDelete), func() { c.remove(r.index) })
	r.edit.Importance, r.rm.Importance = widget.LowImportance, widget.LowImportance
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(r.edit, r.rm), container.NewVBox(r.activity, r.detail))
	r.ExtendBaseWidget(r)
	return r
}

func (c *cePlan) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*creditRow)
	if id >= len(c.credits) {
		return
	}
	r.index = id
	cr := &c.credits[id]
	r.activity.SetText(cr.Activity)
	r.detail.SetText(creditText(cr, c.outlook))
}

// remove asks before removing the activity listed at index; Ctrl+Z puts it back, with its id.
func (c *cePlan) remove(index int) {
	if index >= len(c.credits) {
		return
	}
	cr := c.credits[index]
	c.app.confirmRemove("the CE activity "+cr.Activity, func() {
		c.app.change("remove CE activity", func(st tracker.Store) (string, error) {
			_, err := st.(creditStore).DeleteCredit(cr.ID)
			return "Removed the CE activity " + cr.Activity + ".", err
		}, func(st tracker.Store) error { _, err := st.(creditStore).PutCredit(cr); return err })
	})
}

// creditForm is the activity dialog's fields.
type creditForm struct {
	activity, provider, date, credits, evidence *keyEntry
	state                                       *keySelect
}

// build reads the fields into base and checks them as the store will.
func (f *creditForm) build(base tracker.Credit, data *appData) (tracker.Credit, error) {
	out := base
	out.Activity = strings.TrimSpace(f.activity.Text)
	out.Provider = strings.TrimSpace(f.provider.Text)
	out.Evidence = strings.TrimSpace(f.evidence.Text)
	out.State = tracker.CreditState(f.state.Selected)
	now := data.opt.Now()
	var err error
	if out.Date, err = tracker.ParseDayDate(f.date.Text, now, data.opt.Loc); err != nil {
		return out, fmt.Errorf("date: %w", err)
	}
	text := strings.TrimSpace(f.credits.Text)
	if text == "" {
		return out, fmt.Errorf("credits: type the CE credits the activity earns, like 8")
	}
	if out.Credits, err = strconv.ParseFloat(text, 64); err != nil {
		return out, fmt.Errorf("credits: %q is not a number: type the CE credits the activity earns, like 8", text)
	}
	return out, tracker.ValidateCredit(&out, now.In(data.opt.Loc))
}

// edit opens the activity dialog: a new activity for nil, completed today.
func (c *cePlan) edit(cr *tracker.Credit) {
	today := tracker.DateOf(c.data.opt.Now().In(c.data.opt.Loc))
	base := tracker.Credit{Date: today, State: tracker.CreditCompleted}
	if cr != nil {
		base = *cr
	}
	u := c.app
	f := &creditForm{activity: u.newEntry(), provider: u.newEntry(), date: u.newEntry(), credits: u.newEntry(), evidence: u.newEntry()}
	f.activity.SetText(base.Activity)
	f.activity.SetPlaceHolder("e.g. a Cisco Live session, a course, a Cisco U. tutorial")
	f.provider.SetText(base.Provider)
	f.provider.SetPlaceHolder("e.g. Cisco Live, Fast Lane, Cisco U.")
	f.date.SetText(string(base.Date))
	f.date.SetPlaceHolder("YYYY-MM-DD, today, yesterday")
	if base.Credits != 0 {
		f.credits.SetText(strconv.FormatFloat(base.Credits, 'f', -1, 64))
	}
	f.credits.SetPlaceHolder("e.g. 8")
	f.evidence.SetText(base.Evidence)
	f.evidence.SetPlaceHolder("a link or a file path that proves it")
	var states []string
	for _, s := range tracker.CreditStates {
		states = append(states, string(s))
	}
	f.state = u.newSelect(states, nil)
	f.state.SetSelected(string(base.State))

	title := "Add CE activity"
	if cr != nil {
		title = "Edit " + cr.Activity
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Activity", f.activity), widget.NewFormItem("Provider", f.provider),
		widget.NewFormItem("Date", f.date), widget.NewFormItem("CE credits", f.credits),
		widget.NewFormItem("State", f.state), widget.NewFormItem("Evidence", f.evidence),
	}
	msg := newFieldError()
	_, save := u.validatedDialog(title, items, msg, func() error { _, err := f.build(base, c.data); return err }, func() bool {
		out, err := f.build(base, c.data)
		if err != nil {
			return false
		}
		return c.put(out, cr)
	})
	c.dialogSave, c.dialogForm, c.dialogMsg = save, f, msg
}

// put saves an activity; Ctrl+Z puts old back or, for a new activity (old nil), removes it.
func (c *cePlan) put(cr tracker.Credit, old *tracker.Credit) bool {
	label := "CE activity"
	if old == nil {
		label = "add CE activity"
	}
	return putItem(c.app, label, cr, old,
		func(st tracker.Store, cr tracker.Credit) (tracker.Credit, error) {
			return st.(creditStore).PutCredit(cr)
		},
		func(st tracker.Store, cr tracker.Credit) error {
			_, err := st.(creditStore).DeleteCredit(cr.ID)
			return err
		},
		func(cr tracker.Credit) string {
			return fmt.Sprintf("Saved %s: %s, %g CE credits on %s (%s).", cr.ID, cr.Activity, cr.Credits, cr.Date, cr.State)
		})
}
