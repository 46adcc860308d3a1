package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// milestonesPlan is the road to the role as an ordered timeline of milestones: the degree,
// the foundations and the home lab as well as the certification path.
type milestonesPlan struct {
	data    *appData
	app     planApp
	list    *widget.List
	add     *button
	summary *widget.Label
	content fyne.CanvasObject

	dialogSave *keyButton // the open milestone dialog's Save button, for tests
	dialogForm *milestoneForm
}

func newMilestonesPlan(data *appData, app planApp) *milestonesPlan {
	c := &milestonesPlan{data: data, app: app}
	c.add = newIconButton("Add milestone", theme.Icon(theme.IconNameContentAdd), func() { c.edit(nil) })
	c.summary = widget.NewLabel("")
	c.summary.Wrapping = fyne.TextWrapWord
	c.list = widget.NewList(func() int { return len(data.plan.Milestones) }, c.newRow, c.updateRow)
	c.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, c.add, c.summary)), nil, nil, nil, c.list)
	return c
}

type milestoneRow struct {
	rowBase
	status             *widget.Select
	title, detail      *widget.Label
	edit, up, down, rm *button
	index              int
	updating           bool
}

func (c *milestonesPlan) newRow() fyne.CanvasObject {
	r := &milestoneRow{title: widget.NewLabel(""), detail: widget.NewLabel("")}
	var statuses []string
	for _, s := range tracker.Statuses {
		statuses = append(statuses, string(s))
	}
	r.status = widget.NewSelect(statuses, func(s string) {
		if !r.updating {
			c.setStatus(r.index, tracker.Status(s))
		}
	})
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	icon := func(name fyne.ThemeIconName, f func()) *button {
		b := newIconButton("", theme.Icon(name), f)
		b.Importance = widget.LowImportance
		return b
	}
	r.edit = icon(theme.IconNameDocumentCreate, func() { c.edit(&c.data.plan.Milestones[r.index]) })
	r.up = icon(theme.IconNameMoveUp, func() { c.move(r.index, -1) })
	r.down = icon(theme.IconNameMoveDown, func() { c.move(r.index, 1) })
	r.rm = icon(theme.IconNameDelete, func() { c.remove(r.index) })
	r.box = container.NewBorder(nil, nil, r.status, container.NewHBox(r.edit, r.up, r.down, r.rm),
		container.NewVBox(r.title, r.detail))
	r.ExtendBaseWidget(r)
	return r
}

func (c *milestonesPlan) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*milestoneRow)
	if id >= len(c.data.plan.Milestones) {
		return
	}
	r.index = id
	m := &c.data.plan.Milestones[id]
	r.updating = true
	r.status.SetSelected(string(m.Status))
	r.updating = false
	title := fmt.Sprintf("%s  %s", m.ID, m.Title)
	if m.Optional {
		title += " (optional)"
	}
	r.title.SetText(title)
	r.detail.SetText(strings.Join(milestoneDetails(m, c.data), " · "))
}

// milestoneDetails lists what a milestone row shows under its title.
func milestoneDetails(m *tracker.Milestone, data *appData) []string {
	now := data.opt.Now().In(data.opt.Loc)
	rules, state := data.plan.Rules(), data.plan.Cert(now)
	var d []string
	if m.Target != "" {
		t := "target " + string(m.Target)
		if days, ok := m.Target.DaysUntil(now); ok && m.Status != tracker.Done && m.Status != tracker.Skipped {
			t += " (" + daysText(days) + ")"
		}
		d = append(d, t)
	}
	if m.Status == tracker.Done && m.DoneOn != "" {
		d = append(d, "done "+string(m.DoneOn))
	}
	if mc, ok := data.plan.Costs(&state).Milestone(m.ID); ok {
		d = append(d, mc.Text())
	}
	if m.EstHours != "" {
		h := m.EstHours
		if m.Estimate {
			h += " (estimate)"
		}
		d = append(d, h)
	}
	if w, ok := tracker.MilestoneWindow(m, &state, &rules); ok {
		d = append(d, windowLines([]tracker.WindowStatus{w})...)
	} else if m.ID == rules.Milestones.Qualifying && m.Status != tracker.Done {
		years := fmt.Sprintf("%d years", rules.LabEligibility.Years)
		if rules.LabEligibility.Uncertain() {
			years += ", reported " + rules.LabEligibility.Gathered
		}
		d = append(d, "opens lab eligibility ("+years+")") // from the rules, which the person may have edited
	} else if m.Opens != nil && m.Status != tracker.Done {
		d = append(d, fmt.Sprintf("opens %s (%d years)", strings.ToLower(m.Opens.Name), m.Opens.Years))
	}
	if len(m.DependsOn) > 0 {
		d = append(d, "after "+strings.Join(m.DependsOn, ", "))
	}
	return d
}

// thousands writes a whole number of dollars with separators: 109,040.
func thousands(v float64) string {
	s := strconv.FormatInt(int64(v+0.5), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (c *milestonesPlan) refresh() {
	p := &c.data.report.Progress.Milestones
	text := fmt.Sprintf("%d of %s done.", p.Done, tracker.CountOf(p.Total, "milestone", "milestones"))
	if lines := append(windowLines(c.data.dash.Cert.Windows), c.data.dash.Cert.Notes...); len(lines) > 0 {
		text += " " + strings.Join(lines, ". ") + "."
	}
	c.summary.SetText(text)
	c.list.Refresh()
}

func (c *milestonesPlan) putMilestone(label string, m tracker.Milestone, old *tracker.Milestone) bool {
	return putItem(c.app, label, m, old, tracker.Store.PutMilestone,
		func(st tracker.Store, m tracker.Milestone) error { return st.DeleteMilestone(m.ID) },
		func(m tracker.Milestone) string { return fmt.Sprintf("Saved %s %s (%s).", m.ID, m.Title, m.Status) })
}

// setStatus changes a milestone's status in place; done records today.
func (c *milestonesPlan) setStatus(index int, status tracker.Status) {
	if index >= len(c.data.plan.Milestones) {
		return
	}
	old := c.data.plan.Milestones[index]
	if old.Status == status {
		return
	}
	m := old
	m.SetStatus(status, tracker.DateOf(c.data.opt.Now().In(c.data.opt.Loc)))
	if !c.putMilestone("milestone status", m, &old) {
		c.list.Refresh() // put the select back
	}
}

// move swaps a milestone with its neighbour in the timeline.
func (c *milestonesPlan) move(index, by int) {
	ms := c.data.plan.Milestones
	other := index + by
	if other < 0 || other >= len(ms) {
		return
	}
	a, b := ms[index], ms[other]
	a2, b2 := a, b
	a2.Order, b2.Order = b.Order, a.Order
	if a2.Order == b2.Order {
		a2.Order += by
	}
	// Both milestones in the change's one transaction: never half a swap, even if the process dies.
	put := func(st tracker.Store, x, y tracker.Milestone) error {
		if _, err := st.PutMilestone(x); err != nil {
			return err
		}
		_, err := st.PutMilestone(y)
		return err
	}
	c.app.change("reorder", func(st tracker.Store) (string, error) { return "Moved " + a.Title + ".", put(st, a2, b2) },
		func(st tracker.Store) error { return put(st, a, b) })
}

func (c *milestonesPlan) remove(index int) {
	if index >= len(c.data.plan.Milestones) {
		return
	}
	m := c.data.plan.Milestones[index]
	c.app.removeUndoably("milestone "+m.ID, "Removed "+m.Title+".",
		func(st tracker.Store) error { return st.DeleteMilestone(m.ID) },
		func(st tracker.Store) error { _, err := st.PutMilestone(m); return err })
}

// milestoneForm is the add/edit dialog's fields.
type milestoneForm struct {
	title, target, done, cost, note *keyEntry
	track, status                   *keySelect
	optional                        *keyCheck
	depends                         *keyChecks
}

// edit opens the milestone dialog: a new milestone for nil.
func (c *milestonesPlan) edit(m *tracker.Milestone) {
	var base tracker.Milestone
	if m != nil {
		base = *m
	} else {
		base = tracker.Milestone{Track: tracker.TrackCertification, Status: tracker.Planned}
	}
	u := c.app
	f := &milestoneForm{title: u.newEntry(), target: u.newEntry(), done: u.newEntry(), cost: u.newEntry(),
		note: u.newMultiLineEntry(), optional: u.newCheck("Optional", nil)}
	f.title.SetText(base.Title)
	f.target.SetPlaceHolder("YYYY-MM-DD")
	f.target.SetText(string(base.Target))
	f.done.SetPlaceHolder("YYYY-MM-DD")
	f.done.SetText(string(base.DoneOn))
	if base.CostUSD > 0 {
		f.cost.SetText(strconv.FormatFloat(base.CostUSD, 'f', -1, 64))
	}
	f.note.SetText(base.Note)
	f.optional.SetChecked(base.Optional)
	var tracks, statuses, others []string
	for _, t := range tracker.Tracks {
		tracks = append(tracks, t.Label())
	}
	for _, s := range tracker.Statuses {
		statuses = append(statuses, string(s))
	}
	byLabel := map[string]string{}
	for _, o := range c.data.plan.Milestones {
		if o.ID != base.ID {
			label := o.ID + " " + o.Title
			others = append(others, label)
			byLabel[label] = o.ID
		}
	}
	f.track = u.newSelect(tracks, nil)
	f.track.SetSelected(base.Track.Label())
	f.status = u.newSelect(statuses, nil)
	f.status.SetSelected(string(base.Status))
	f.depends = u.newChecks(others, false, nil)
	var selected []string
	for label, id := range byLabel {
		for _, d := range base.DependsOn {
			if d == id {
				selected = append(selected, label)
			}
		}
	}
	f.depends.SetSelected(selected)

	build := func() (tracker.Milestone, error) {
		out := base
		out.Title = strings.TrimSpace(f.title.Text)
		out.Track, _ = tracker.ParseTrack(f.track.Selected)
		out.Status = tracker.Status(f.status.Selected)
		var err error
		now, loc := c.data.opt.Now(), c.data.opt.Loc
		if out.Target, err = tracker.ParseDayDate(f.target.Text, now, loc); err != nil {
			return out, fmt.Errorf("target: %w", err)
		}
		if out.DoneOn, err = tracker.ParseDayDate(f.done.Text, now, loc); err != nil {
			return out, fmt.Errorf("done on: %w", err)
		}
		if out.DoneOn != "" && out.Status != tracker.Done {
			return out, fmt.Errorf("done on: a %s milestone is not done on any day; set its status to done, or clear the date", out.Status)
		}
		out.SetStatus(out.Status, tracker.DateOf(c.data.opt.Now().In(c.data.opt.Loc)))
		out.CostUSD = 0
		if strings.TrimSpace(f.cost.Text) != "" {
			if out.CostUSD, err = tracker.ParseDollars(f.cost.Text); err != nil {
				return out, fmt.Errorf("cost: %w", err)
			}
		}
		out.Optional = f.optional.Checked
		out.Note = f.note.Text
		out.DependsOn = nil
		for _, label := range f.depends.Selected() {
			out.DependsOn = append(out.DependsOn, byLabel[label])
		}
		return out, tracker.ValidateMilestone(&out, &c.data.plan)
	}
	title := "Add milestone"
	if m != nil {
		title = "Edit " + m.ID
	}
	after := container.NewVScroll(f.depends.content)
	after.SetMinSize(fyne.NewSize(0, dependsHeight(c.app.Window().Canvas().Size().Height, f.optional.MinSize().Height)))
	items := []*widget.FormItem{
		widget.NewFormItem("Title", f.title), widget.NewFormItem("Track", f.track), widget.NewFormItem("Status", f.status),
		widget.NewFormItem("Target", f.target), widget.NewFormItem("Done on", f.done), widget.NewFormItem("Cost (USD)", f.cost),
		widget.NewFormItem("", f.optional), widget.NewFormItem("After", after),
		widget.NewFormItem("Note", f.note),
	}
	_, save := c.app.validatedDialog(title, items, newFieldError(), func() error { _, err := build(); return err }, func() bool {
		out, err := build()
		if err != nil {
			return false
		}
		return c.putMilestone("milestone", out, m)
	})
	c.dialogSave, c.dialogForm = save, f
}

// dependsHeight is how tall the milestone form's list of milestones it comes after is: as many
// rows (of row high) as the window has room for beside the rest of the form, from one to five
// (a scroll of one row showed one milestone of twelve where the window had room for more).
func dependsHeight(window, row float32) float32 {
	const rest = 580 // the form's other fields, the dialog's title and buttons, and the margins
	rows := max(1, min(5, int((window-rest)/row)+1))
	return float32(rows) * row
}
