package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// planScreen holds the three plans: the certification path, the skill topics and the degree.
type planScreen struct {
	u       *UI
	tabs    *container.AppTabs
	cert    *certPlan
	skills  *skillsPlan
	degree  *degreePlan
	exams   *examsScreen // nil over a store that keeps no exam attempts
	content fyne.CanvasObject
}

const (
	planCertification = iota
	planSkills
	planDegree
	planExams
)

func newPlanScreen(u *UI) *planScreen {
	p := &planScreen{u: u}
	p.cert = newCertPlan(u)
	p.skills = newSkillsPlan(u)
	p.degree = newDegreePlan(u)
	p.tabs = container.NewAppTabs(
		container.NewTabItem("Certification", p.cert.content),
		container.NewTabItem("Skills", p.skills.content),
		container.NewTabItem("Degree", p.degree.content),
	)
	if store, ok := u.db.(examStore); ok {
		p.exams = newExamsScreen(u, store)
		p.tabs.Append(container.NewTabItem("Exams", p.exams.content))
	}
	p.content = p.tabs
	return p
}

func (p *planScreen) refresh() {
	p.cert.refresh()
	p.skills.refresh()
	p.degree.refresh()
	if p.exams != nil {
		p.exams.refresh()
	}
}

// menu is the main menu's Plan menu: each add dialog, from the keyboard, on its tab.
func (p *planScreen) menu() *fyne.Menu {
	open := func(tab int, edit func()) func() { return func() { p.show(tab); edit() } }
	menu := fyne.NewMenu("Plan",
		fyne.NewMenuItem("Add a milestone…", open(planCertification, func() { p.cert.edit(nil) })),
		fyne.NewMenuItem("Add a topic…", open(planSkills, func() { p.skills.editTopic(nil, "") })),
		fyne.NewMenuItem("Add a course…", open(planDegree, func() { p.degree.editCourse(nil) })),
	)
	if p.exams != nil {
		menu.Items = append(menu.Items, fyne.NewMenuItem("Add an exam attempt…", open(planExams, p.exams.addAttempt)))
	}
	return menu
}

// show opens the Plan screen on one of its tabs.
func (p *planScreen) show(tab int) {
	p.u.showScreen(screenPlan)
	p.tabs.SelectIndex(tab)
}

// confirmRemove asks before removing a plan item; the removal can also be undone.
func (u *UI) confirmRemove(what string, remove func()) {
	d := dialog.NewConfirm("Remove "+what+"?", "Remove "+what+"? You can undo it with Ctrl+Z.", func(ok bool) {
		if ok {
			remove()
		}
	}, u.win)
	u.showDialog(d, d.Confirm, nil)
}

// validatedDialog shows a form whose Save button is enabled only while check passes; on Save it
// runs save, and closes if that succeeds.
func (u *UI) validatedDialog(title string, items []*widget.FormItem, message *widget.Label, check func() error, save func() bool) (dialog.Dialog, *keyButton) {
	saveBtn := u.newButton("Save", theme.Icon(theme.IconNameConfirm), nil)
	saveBtn.Importance = widget.HighImportance
	cancel := u.newButton("Cancel", nil, nil)
	form := widget.NewForm(items...)
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(form, message), u.win)
	d.SetButtons([]fyne.CanvasObject{cancel, saveBtn})
	// The message shows once a field has changed: a new item's empty form opens without one.
	changed := false
	revalidate := func() {
		err := check()
		if changed {
			setError(message, err)
		}
		if err == nil {
			saveBtn.Enable()
		} else {
			saveBtn.Disable()
		}
	}
	onChange := func() { changed = true; revalidate() }
	for _, it := range items {
		switch w := it.Widget.(type) {
		case *keyEntry:
			prev := w.OnChanged
			w.OnChanged = func(s string) {
				if prev != nil {
					prev(s)
				}
				onChange()
			}
		case *keySelect:
			w.OnChanged = func(string) { onChange() }
		case *widget.Check:
			w.OnChanged = func(bool) { onChange() }
		case *widget.CheckGroup:
			w.OnChanged = func([]string) { onChange() }
		}
	}
	cancel.OnTapped = d.Hide
	saveBtn.OnTapped = func() {
		if check() == nil && save() {
			d.Hide()
		}
	}
	revalidate()
	var first fyne.Focusable
	for _, it := range items {
		if f, ok := it.Widget.(fyne.Focusable); ok {
			first = f
			break
		}
	}
	u.showDialog(d, submitIfEnabled(&saveBtn.Button), first)
	d.Resize(fyne.NewSize(560, 0))
	return d, saveBtn
}

// certPlan is the certification path as an ordered timeline of milestones.
type certPlan struct {
	u       *UI
	list    *widget.List
	add     *widget.Button
	summary *widget.Label
	content fyne.CanvasObject

	dialogSave *keyButton // the open milestone dialog's Save button, for tests
	dialogForm *milestoneForm
}

func newCertPlan(u *UI) *certPlan {
	c := &certPlan{u: u}
	c.add = widget.NewButtonWithIcon("Add milestone", theme.Icon(theme.IconNameContentAdd), func() { c.edit(nil) })
	c.summary = widget.NewLabel("")
	c.summary.Wrapping = fyne.TextWrapWord
	c.list = widget.NewList(func() int { return len(u.plan.Milestones) }, c.newRow, c.updateRow)
	c.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, c.add, c.summary)), nil, nil, nil, c.list)
	return c
}

type milestoneRow struct {
	rowBase
	status             *widget.Select
	title, detail      *widget.Label
	edit, up, down, rm *widget.Button
	index              int
	updating           bool
}

func (c *certPlan) newRow() fyne.CanvasObject {
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
	icon := func(name fyne.ThemeIconName, f func()) *widget.Button {
		b := widget.NewButtonWithIcon("", theme.Icon(name), f)
		b.Importance = widget.LowImportance
		return b
	}
	r.edit = icon(theme.IconNameDocumentCreate, func() { c.edit(&c.u.plan.Milestones[r.index]) })
	r.up = icon(theme.IconNameMoveUp, func() { c.move(r.index, -1) })
	r.down = icon(theme.IconNameMoveDown, func() { c.move(r.index, 1) })
	r.rm = icon(theme.IconNameDelete, func() { c.remove(r.index) })
	r.box = container.NewBorder(nil, nil, r.status, container.NewHBox(r.edit, r.up, r.down, r.rm),
		container.NewVBox(r.title, r.detail))
	r.ExtendBaseWidget(r)
	return r
}

func (c *certPlan) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*milestoneRow)
	if id >= len(c.u.plan.Milestones) {
		return
	}
	r.index = id
	m := &c.u.plan.Milestones[id]
	r.updating = true
	r.status.SetSelected(string(m.Status))
	r.updating = false
	title := fmt.Sprintf("%s  %s", m.ID, m.Title)
	if m.Optional {
		title += " (optional)"
	}
	r.title.SetText(title)
	r.detail.SetText(strings.Join(milestoneDetails(m, c.u), " · "))
}

// milestoneDetails lists what a milestone row shows under its title.
func milestoneDetails(m *tracker.Milestone, u *UI) []string {
	now := u.opt.Now().In(u.opt.Loc)
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
	if m.CostUSD > 0 {
		cost := fmt.Sprintf("$%s", thousands(m.CostUSD))
		if m.Gathered != "" {
			cost += " (reported " + m.Gathered + ")"
		}
		d = append(d, cost)
	}
	if m.EstHours != "" {
		h := m.EstHours
		if m.Estimate {
			h += " (estimate)"
		}
		d = append(d, h)
	}
	rules, state := u.plan.Rules(), u.plan.Cert(now)
	if w, ok := tracker.MilestoneWindow(m, &state, &rules); ok {
		d = append(d, windowLines([]tracker.WindowStatus{w})...)
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

func (c *certPlan) refresh() {
	p := &c.u.report.Progress.Milestones
	text := fmt.Sprintf("%d of %s done.", p.Done, tracker.CountOf(p.Total, "milestone", "milestones"))
	if lines := append(windowLines(c.u.dash.Cert.Windows), c.u.dash.Cert.Notes...); len(lines) > 0 {
		text += " " + strings.Join(lines, ". ") + "."
	}
	c.summary.SetText(text)
	c.list.Refresh()
}

func (c *certPlan) putMilestone(label string, m tracker.Milestone, old *tracker.Milestone) bool {
	return c.u.do(label, func() (func() error, string, error) {
		saved, err := c.u.db.PutMilestone(m)
		if err != nil {
			return nil, "", err
		}
		undo := func() error { return c.u.db.DeleteMilestone(saved.ID) }
		if old != nil {
			prev := *old
			undo = func() error { _, err := c.u.db.PutMilestone(prev); return err }
		}
		return undo, fmt.Sprintf("Saved %s %s (%s).", saved.ID, saved.Title, saved.Status), nil
	})
}

// setStatus changes a milestone's status in place; done records today.
func (c *certPlan) setStatus(index int, status tracker.Status) {
	if index >= len(c.u.plan.Milestones) {
		return
	}
	old := c.u.plan.Milestones[index]
	if old.Status == status {
		return
	}
	m := old
	m.Status = status
	if status == tracker.Done && m.DoneOn == "" {
		m.DoneOn = tracker.DateOf(c.u.opt.Now().In(c.u.opt.Loc))
	}
	if !c.putMilestone("milestone status", m, &old) {
		c.list.Refresh() // put the select back
	}
}

// move swaps a milestone with its neighbour in the timeline.
func (c *certPlan) move(index, by int) {
	ms := c.u.plan.Milestones
	other := index + by
	if other < 0 || other >= len(ms) {
		return
	}
	a, b := ms[index], ms[other]
	c.u.do("reorder", func() (func() error, string, error) {
		a2, b2 := a, b
		a2.Order, b2.Order = b.Order, a.Order
		if a2.Order == b2.Order {
			a2.Order += by
		}
		if _, err := c.u.db.PutMilestone(a2); err != nil {
			return nil, "", err
		}
		if _, err := c.u.db.PutMilestone(b2); err != nil {
			return nil, "", err
		}
		undo := func() error {
			if _, err := c.u.db.PutMilestone(a); err != nil {
				return err
			}
			_, err := c.u.db.PutMilestone(b)
			return err
		}
		return undo, "Moved " + a.Title + ".", nil
	})
}

func (c *certPlan) remove(index int) {
	if index >= len(c.u.plan.Milestones) {
		return
	}
	m := c.u.plan.Milestones[index]
	c.u.confirmRemove("milestone "+m.ID, func() {
		c.u.do("remove milestone", func() (func() error, string, error) {
			if err := c.u.db.DeleteMilestone(m.ID); err != nil {
				return nil, "", err
			}
			return func() error { _, err := c.u.db.PutMilestone(m); return err }, "Removed " + m.Title + ".", nil
		})
	})
}

// milestoneForm is the add/edit dialog's fields.
type milestoneForm struct {
	title, target, done, cost, note *keyEntry
	track, status                   *keySelect
	optional                        *widget.Check
	depends                         *widget.CheckGroup
}

// edit opens the milestone dialog: a new milestone for nil.
func (c *certPlan) edit(m *tracker.Milestone) {
	var base tracker.Milestone
	if m != nil {
		base = *m
	} else {
		base = tracker.Milestone{Track: tracker.TrackCertification, Status: tracker.Planned}
	}
	u := c.u
	f := &milestoneForm{title: u.newEntry(), target: u.newEntry(), done: u.newEntry(), cost: u.newEntry(),
		note: u.newMultiLineEntry(), optional: widget.NewCheck("Optional", nil)}
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
	for _, o := range c.u.plan.Milestones {
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
	f.depends = widget.NewCheckGroup(others, nil)
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
		if out.Target, err = tracker.ParseDate(strings.TrimSpace(f.target.Text)); err != nil {
			return out, fmt.Errorf("target: %w", err)
		}
		if out.DoneOn, err = tracker.ParseDate(strings.TrimSpace(f.done.Text)); err != nil {
			return out, fmt.Errorf("done on: %w", err)
		}
		if out.Status == tracker.Done && out.DoneOn == "" {
			out.DoneOn = tracker.DateOf(c.u.opt.Now().In(c.u.opt.Loc))
		}
		out.CostUSD = 0
		if s := strings.TrimSpace(strings.TrimPrefix(f.cost.Text, "$")); s != "" {
			if out.CostUSD, err = strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err != nil {
				return out, fmt.Errorf("cost: %q is not an amount in dollars", f.cost.Text)
			}
		}
		out.Optional = f.optional.Checked
		out.Note = f.note.Text
		out.DependsOn = nil
		for _, label := range f.depends.Selected {
			out.DependsOn = append(out.DependsOn, byLabel[label])
		}
		probe := out
		if probe.ID == "" {
			probe.ID = "\x00new"
		}
		return out, tracker.ValidateMilestone(&probe, &c.u.plan)
	}
	title := "Add milestone"
	if m != nil {
		title = "Edit " + m.ID
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Title", f.title), widget.NewFormItem("Track", f.track), widget.NewFormItem("Status", f.status),
		widget.NewFormItem("Target", f.target), widget.NewFormItem("Done on", f.done), widget.NewFormItem("Cost (USD)", f.cost),
		widget.NewFormItem("", f.optional), widget.NewFormItem("After", container.NewVScroll(f.depends)),
		widget.NewFormItem("Note", f.note),
	}
	_, save := c.u.validatedDialog(title, items, newFieldError(), func() error { _, err := build(); return err }, func() bool {
		out, err := build()
		if err != nil {
			return false
		}
		return c.putMilestone("milestone", out, m)
	})
	c.dialogSave, c.dialogForm = save, f
}

// skillsPlan is the topic tree with hours against target, confidence and last studied.
type skillsPlan struct {
	u       *UI
	tree    *widget.Tree
	add     *widget.Button
	content fyne.CanvasObject

	dialogSave *keyButton // the open topic dialog, for tests
	dialogName *keyEntry
}

func newSkillsPlan(u *UI) *skillsPlan {
	s := &skillsPlan{u: u}
	s.add = widget.NewButtonWithIcon("Add topic", theme.Icon(theme.IconNameContentAdd), func() { s.editTopic(nil, "") })
	s.tree = widget.NewTree(s.children, s.isBranch, s.newNode, s.updateNode)
	s.content = container.NewBorder(container.NewHBox(s.add), nil, nil, nil, s.tree)
	return s
}

const trackNode = "track:"

func (s *skillsPlan) children(id widget.TreeNodeID) []widget.TreeNodeID {
	var out []widget.TreeNodeID
	switch {
	case id == "":
		for _, t := range []tracker.Track{tracker.TrackSkills, tracker.TrackCertification, tracker.TrackDegree} {
			out = append(out, trackNode+string(t))
		}
	case strings.HasPrefix(id, trackNode):
		tr := tracker.Track(strings.TrimPrefix(id, trackNode))
		for _, t := range s.u.plan.Topics {
			if t.ParentID == "" && t.Track == tr {
				out = append(out, t.ID)
			}
		}
	default:
		for _, t := range s.u.plan.Children(id) {
			out = append(out, t.ID)
		}
	}
	return out
}

func (s *skillsPlan) isBranch(id widget.TreeNodeID) bool {
	return id == "" || strings.HasPrefix(id, trackNode) || len(s.u.plan.Children(id)) > 0
}

type topicNode struct {
	rowBase
	name, hours, last  *widget.Label
	confLabel          *widget.Label
	bar                *widget.ProgressBar
	confidence         *widget.Select
	addSub, rename, rm *widget.Button
	id                 string
	updating           bool
}

func (s *skillsPlan) newNode(bool) fyne.CanvasObject {
	n := &topicNode{name: widget.NewLabel(""), hours: widget.NewLabel(""), last: widget.NewLabel(""), bar: widget.NewProgressBar()}
	n.name.Truncation = fyne.TextTruncateEllipsis
	n.bar.TextFormatter = func() string { return "" }
	n.confidence = widget.NewSelect(tracker.ConfidenceLabels(), func(string) {
		if !n.updating {
			s.setConfidence(n.id, n.confidence.SelectedIndex())
		}
	})
	icon := func(name fyne.ThemeIconName, f func()) *widget.Button {
		b := widget.NewButtonWithIcon("", theme.Icon(name), f)
		b.Importance = widget.LowImportance
		return b
	}
	n.addSub = icon(theme.IconNameContentAdd, func() { s.editTopic(nil, n.id) })
	n.rename = icon(theme.IconNameDocumentCreate, func() {
		if t, ok := s.u.plan.Topic(n.id); ok {
			s.editTopic(t, t.ParentID)
		}
	})
	n.rm = icon(theme.IconNameDelete, func() { s.remove(n.id) })
	n.confLabel = widget.NewLabel("confidence")
	right := container.NewHBox(n.hours, container.NewGridWrap(fyne.NewSize(90, n.bar.MinSize().Height), n.bar),
		n.confLabel, n.confidence, n.last, n.addSub, n.rename, n.rm)
	n.box = container.NewBorder(nil, nil, nil, right, n.name)
	n.ExtendBaseWidget(n)
	return n
}

func (s *skillsPlan) updateNode(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
	n := o.(*topicNode)
	n.id = id
	if strings.HasPrefix(id, trackNode) {
		tr := tracker.Track(strings.TrimPrefix(id, trackNode))
		n.name.SetText(tr.Label())
		n.name.TextStyle.Bold = true
		n.name.Refresh()
		minutes := 0
		for _, t := range s.u.plan.Topics {
			if t.Track == tr && t.ParentID == "" {
				minutes += s.u.dash.TopicTotals[t.ID].Minutes
			}
		}
		n.hours.SetText(hours(minutes))
		for _, w := range []fyne.CanvasObject{n.bar, n.confLabel, n.confidence, n.last, n.addSub, n.rename, n.rm} {
			w.Hide()
		}
		return
	}
	t, ok := s.u.plan.Topic(id)
	if !ok {
		return
	}
	for _, w := range []fyne.CanvasObject{n.bar, n.confLabel, n.confidence, n.last, n.rename, n.rm} {
		w.Show()
	}
	if t.ParentID == "" {
		n.addSub.Show()
	} else {
		n.addSub.Hide()
	}
	n.name.SetText(t.Name)
	n.name.TextStyle.Bold = false
	n.name.Refresh()
	st := s.u.dash.TopicTotals[id]
	text := hours(st.Minutes)
	if t.TargetHours > 0 {
		text = fmt.Sprintf("%s of %g h", text, t.TargetHours)
		n.bar.Max = t.TargetHours * 60
		n.bar.SetValue(min(float64(st.Minutes), n.bar.Max))
	} else {
		n.bar.Max = 1
		n.bar.SetValue(0)
	}
	n.hours.SetText(text)
	n.updating = true
	n.confidence.SetSelectedIndex(t.Confidence)
	n.updating = false
	if st.LastStudied != "" {
		n.last.SetText("last " + string(st.LastStudied))
	} else {
		n.last.SetText("not studied yet")
	}
}

func (s *skillsPlan) refresh() {
	s.tree.OpenBranch(trackNode + string(tracker.TrackSkills))
	s.tree.Refresh()
}

func (s *skillsPlan) setConfidence(id string, c int) {
	t, ok := s.u.plan.Topic(id)
	if !ok || t.Confidence == c {
		return
	}
	old := *t
	nt := old
	nt.Confidence = c
	s.putTopic("confidence", nt, &old)
}

func (s *skillsPlan) putTopic(label string, t tracker.Topic, old *tracker.Topic) bool {
	return s.u.do(label, func() (func() error, string, error) {
		saved, err := s.u.db.PutTopic(t)
		if err != nil {
			return nil, "", err
		}
		undo := func() error { return s.u.db.DeleteTopic(saved.ID) }
		if old != nil {
			prev := *old
			undo = func() error { _, err := s.u.db.PutTopic(prev); return err }
		}
		return undo, fmt.Sprintf("Saved topic %s.", saved.Name), nil
	})
}

// editTopic opens the topic dialog: a new topic (under parentID, if given) for nil.
func (s *skillsPlan) editTopic(t *tracker.Topic, parentID string) {
	base := tracker.Topic{Track: tracker.TrackSkills, ParentID: parentID}
	if t != nil {
		base = *t
	} else if parent, ok := s.u.plan.Topic(parentID); ok {
		base.Track = parent.Track
	}
	name, target := s.u.newEntry(), s.u.newEntry()
	name.SetText(base.Name)
	if base.TargetHours > 0 {
		target.SetText(strconv.FormatFloat(base.TargetHours, 'f', -1, 64))
	}
	target.SetPlaceHolder("hours, optional")
	var tracks []string
	for _, tr := range tracker.Tracks {
		tracks = append(tracks, tr.Label())
	}
	track := s.u.newSelect(tracks, nil)
	track.SetSelected(base.Track.Label())
	if base.ParentID != "" {
		track.Disable() // a subtopic follows its parent
	}
	build := func() (tracker.Topic, error) {
		out := base
		out.Name = strings.TrimSpace(name.Text)
		out.Track, _ = tracker.ParseTrack(track.Selected)
		out.TargetHours = 0
		if v := strings.TrimSpace(target.Text); v != "" {
			h, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return out, fmt.Errorf("target: %q is not a number of hours", v)
			}
			if h != base.TargetHours {
				out.Estimate = false
			}
			out.TargetHours = h
		}
		probe := out
		if probe.ID == "" {
			probe.ID = "\x00new"
		}
		return out, tracker.ValidateTopic(&probe, &s.u.plan)
	}
	title := "Add topic"
	if parent, ok := s.u.plan.Topic(parentID); ok && t == nil {
		title = "Add a subtopic to " + parent.Name
	} else if t != nil {
		title = "Edit " + t.Name
	}
	items := []*widget.FormItem{widget.NewFormItem("Name", name), widget.NewFormItem("Track", track), widget.NewFormItem("Target (hours)", target)}
	_, save := s.u.validatedDialog(title, items, newFieldError(), func() error { _, err := build(); return err }, func() bool {
		out, err := build()
		return err == nil && s.putTopic("topic", out, t)
	})
	s.dialogSave, s.dialogName = save, name
}

func (s *skillsPlan) remove(id string) {
	t, ok := s.u.plan.Topic(id)
	if !ok {
		return
	}
	old := *t
	s.u.confirmRemove("topic "+t.Name, func() {
		s.u.do("remove topic", func() (func() error, string, error) {
			if err := s.u.db.DeleteTopic(old.ID); err != nil {
				return nil, "", err
			}
			return func() error { _, err := s.u.db.PutTopic(old); return err }, "Removed topic " + old.Name + ".", nil
		})
	})
}

// degreePlan is the degree program and its courses, with credits and the GPA.
type degreePlan struct {
	u        *UI
	name     *widget.Entry
	field    *widget.SelectEntry
	required *widget.Entry
	saveProg *widget.Button
	progErr  *widget.Label
	summary  *widget.Label
	bar      *widget.ProgressBar
	add      *widget.Button
	list     *widget.List
	content  fyne.CanvasObject

	dialogSave *keyButton // the open course dialog, for tests
	dialogForm *courseForm
	dialogMsg  *widget.Label
	order      []int // the courses' indexes as listed: by term, then code
}

var degreeFields = []string{"Computer Science", "Information Technology", "Computer Engineering"}

func newDegreePlan(u *UI) *degreePlan {
	d := &degreePlan{u: u, name: widget.NewEntry(), field: widget.NewSelectEntry(degreeFields), required: widget.NewEntry(),
		progErr: newFieldError(), summary: widget.NewLabel(""), bar: widget.NewProgressBar()}
	d.summary.TextStyle.Bold = true
	d.saveProg = widget.NewButton("Save program", d.saveProgram)
	d.required.OnChanged = func(string) { d.checkProgram() }
	d.add = widget.NewButtonWithIcon("Add course", theme.Icon(theme.IconNameContentAdd), func() { d.editCourse(nil) })
	d.list = widget.NewList(func() int { return len(d.order) }, d.newRow, d.updateRow)
	program := widget.NewForm(
		widget.NewFormItem("Program", d.name),
		widget.NewFormItem("Field", d.field),
		widget.NewFormItem("Credits required", container.NewVBox(d.required, d.progErr)),
	)
	top := container.NewVBox(program, container.NewHBox(d.saveProg), d.summary, d.bar, container.NewHBox(d.add))
	d.content = container.NewBorder(top, nil, nil, nil, d.list)
	return d
}

func (d *degreePlan) program() (tracker.Program, error) {
	p := tracker.Program{Name: strings.TrimSpace(d.name.Text), Field: strings.TrimSpace(d.field.Text)}
	v, err := strconv.ParseFloat(strings.TrimSpace(d.required.Text), 64)
	if err != nil {
		return p, fmt.Errorf("credits required must be a number, like 120")
	}
	p.CreditsRequired = v
	return p, tracker.ValidateProgram(&p)
}

func (d *degreePlan) checkProgram() {
	_, err := d.program()
	if setError(d.progErr, err) {
		d.saveProg.Enable()
	} else {
		d.saveProg.Disable()
	}
}

func (d *degreePlan) saveProgram() {
	p, err := d.program()
	if err != nil {
		d.u.showError(err)
		return
	}
	old := d.u.plan.Program
	d.u.do("degree program", func() (func() error, string, error) {
		if err := d.u.db.PutProgram(p); err != nil {
			return nil, "", err
		}
		return func() error { return d.u.db.PutProgram(old) }, "Saved the degree program.", nil
	})
}

func (d *degreePlan) refresh() {
	p := d.u.plan.Program
	d.name.SetText(p.Name)
	d.field.SetText(p.Field)
	d.required.SetText(strconv.FormatFloat(p.CreditsRequired, 'f', -1, 64))
	deg := d.u.report.Progress.Degree
	text := fmt.Sprintf("%g of %g credits earned", deg.CreditsEarned, deg.CreditsRequired)
	if deg.CreditsInProgress > 0 {
		text += fmt.Sprintf(", %g credits in progress", deg.CreditsInProgress)
	}
	if deg.Graded {
		text += fmt.Sprintf(" · GPA %.2f", deg.GPA)
	} else {
		text += " · GPA: no graded course yet"
	}
	d.summary.SetText(text)
	d.bar.Max = max(deg.CreditsRequired, 1)
	d.bar.SetValue(min(deg.CreditsEarned, d.bar.Max))
	d.order = tracker.CourseOrder(d.u.plan.Courses)
	d.list.Refresh()
}

type courseRow struct {
	rowBase
	label    *widget.Label
	edit, rm *widget.Button
	index    int
}

func (d *degreePlan) newRow() fyne.CanvasObject {
	r := &courseRow{label: widget.NewLabel("")}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.edit = widget.NewButtonWithIcon("", theme.Icon(theme.IconNameDocumentCreate), func() {
		if r.index < len(d.u.plan.Courses) {
			d.editCourse(&d.u.plan.Courses[r.index])
		}
	})
	r.rm = widget.NewButtonWithIcon("", theme.Icon(theme.IconNameDelete), func() { d.removeCourse(r.index) })
	r.edit.Importance, r.rm.Importance = widget.LowImportance, widget.LowImportance
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(r.edit, r.rm), r.label)
	r.ExtendBaseWidget(r)
	return r
}

func (d *degreePlan) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*courseRow)
	if id >= len(d.order) {
		return
	}
	r.index = d.order[id]
	c := d.u.plan.Courses[r.index]
	parts := []string{c.Code, c.Title, fmt.Sprintf("%g credits", c.Credits), c.Term, string(c.Status)}
	if c.Grade != "" {
		parts = append(parts, "grade "+c.Grade)
	}
	var shown []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			shown = append(shown, p)
		}
	}
	r.label.SetText(strings.Join(shown, " · "))
}

// courseForm is the course dialog's fields.
type courseForm struct {
	code, title, credits, term *keyEntry
	status, grade              *keySelect
}

const noGrade = "No grade yet"

func (d *degreePlan) editCourse(c *tracker.Course) {
	base := tracker.Course{Status: tracker.CoursePlanned}
	if c != nil {
		base = *c
	}
	f := &courseForm{code: d.u.newEntry(), title: d.u.newEntry(), credits: d.u.newEntry(), term: d.u.newEntry()}
	f.code.SetText(base.Code)
	f.code.SetPlaceHolder("NET101")
	f.title.SetText(base.Title)
	if base.Credits > 0 {
		f.credits.SetText(strconv.FormatFloat(base.Credits, 'f', -1, 64))
	}
	f.credits.SetPlaceHolder("3")
	f.term.SetText(base.Term)
	f.term.SetPlaceHolder("Fall 2026")
	var statuses []string
	for _, s := range tracker.CourseStatuses {
		statuses = append(statuses, string(s))
	}
	f.status = d.u.newSelect(statuses, nil)
	f.status.SetSelected(string(base.Status))
	f.grade = d.u.newSelect(append([]string{noGrade}, tracker.Grades...), nil)
	if base.Grade != "" {
		f.grade.SetSelected(base.Grade)
	} else {
		f.grade.SetSelected(noGrade)
	}
	build := func() (tracker.Course, error) {
		out := base
		out.Code, out.Title, out.Term = strings.TrimSpace(f.code.Text), strings.TrimSpace(f.title.Text), strings.TrimSpace(f.term.Text)
		v, err := strconv.ParseFloat(strings.TrimSpace(f.credits.Text), 64)
		if err != nil {
			return out, fmt.Errorf("credits must be a number, like 3")
		}
		out.Credits = v
		out.Status = tracker.CourseStatus(f.status.Selected)
		out.Grade = ""
		if f.grade.Selected != noGrade {
			out.Grade = f.grade.Selected
		}
		return out, tracker.ValidateCourse(&out, &d.u.plan)
	}
	title := "Add course"
	if c != nil {
		title = "Edit " + c.Code
	}
	items := []*widget.FormItem{widget.NewFormItem("Code", f.code), widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Credits", f.credits), widget.NewFormItem("Term", f.term),
		widget.NewFormItem("Status", f.status), widget.NewFormItem("Grade", f.grade)}
	msg := newFieldError()
	_, save := d.u.validatedDialog(title, items, msg, func() error { _, err := build(); return err }, func() bool {
		out, err := build()
		if err != nil {
			return false
		}
		return d.u.do("course", func() (func() error, string, error) {
			saved, err := d.u.db.PutCourse(out)
			if err != nil {
				return nil, "", err
			}
			undo := func() error { return d.u.db.DeleteCourse(saved.ID) }
			if c != nil {
				prev := *c
				undo = func() error { _, err := d.u.db.PutCourse(prev); return err }
			}
			return undo, fmt.Sprintf("Saved course %s.", saved.Code), nil
		})
	})
	d.dialogSave, d.dialogForm, d.dialogMsg = save, f, msg
}

func (d *degreePlan) removeCourse(index int) {
	if index >= len(d.u.plan.Courses) {
		return
	}
	c := d.u.plan.Courses[index]
	d.u.confirmRemove("course "+c.Code, func() {
		d.u.do("remove course", func() (func() error, string, error) {
			if err := d.u.db.DeleteCourse(c.ID); err != nil {
				return nil, "", err
			}
			return func() error { _, err := d.u.db.PutCourse(c); return err }, "Removed course " + c.Code + ".", nil
		})
	})
}
