package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// logApp is what the Log screen, its timer card, its form and its topic pickers ask of the app;
// what they show they read from the screens' data.
type logApp interface {
	Window() fyne.Window
	change(label string, apply func(tracker.Store) (string, error), revert func(tracker.Store) error) bool
	markUntouched()
	session(id string) (tracker.Session, error)
	showError(err error)
	showDialog(d dialog.Dialog, submit func(), first fyne.Focusable)
	confirmRemove(what string, remove func()) *question
	askText(title, message, dismiss, confirm string, onConfirm func()) *question
	toggleTimer()
	showScreen(screen int)
	newButton(label string, icon fyne.Resource, tapped func()) *keyButton
	newEntry() *keyEntry
	newMultiLineEntry() *keyEntry
	newSelect(options []string, changed func(string)) *keySelect
	newSelectEntry(options []string) *keySelectEntry
}

// logScreen is the Log screen: the timer, a form for a past session, and the session list with
// its filters.
type logScreen struct {
	data    *appData
	u       logApp
	timer   *timerCard
	form    *sessionForm
	save    *button
	clear   *button
	filter  *sessionFilter
	list    *sessionList
	listBox *fyne.Container // holds list, which showRows replaces
	count   *widget.Label
	rows    []int // indices into data.sessions of the sessions the filters let through
	content fyne.CanvasObject
	page    *container.Scroll // the timer and the form, which the keys scroll (UI.scrollPage)

	// The rows' heights as the list has them: a line, or a line and a note beneath.
	rowHasNote             []bool
	lineHeight, noteHeight float32
	// The rows the list has made, which a new list takes over (spareRows) when it replaces it.
	listRows, spareRows []*listRow

	editDialog *editDialog // the open edit dialog, if any
}

// sessionFilter narrows the list: a date range, a topic, a track, a tag and text in the notes.
type sessionFilter struct {
	from, to *dateField
	topic    *topicPicker // empty: all topics
	track    *widget.Select
	tag      *widget.SelectEntry
	text     *keyEntry
	errLabel *widget.Label
}

const allTracks = "All tracks"

func newLogScreen(data *appData, u logApp) *logScreen {
	l := &logScreen{data: data, u: u}
	l.timer = newTimerCard(data, u)
	l.save = newIconButton("Save session", theme.Icon(theme.IconNameDocumentSave), l.saveForm)
	l.save.Importance = widget.HighImportance
	l.form = newSessionForm(data, u, func(ok bool) {
		if ok {
			l.save.Enable()
		} else {
			l.save.Disable()
		}
	})
	l.form.setSubmit(func() {
		if l.save.Disabled() {
			l.form.showProblems() // Enter on a form that cannot be saved says why
			return
		}
		l.saveForm()
	})
	l.clear = newPlainButton("Clear", l.form.reset)
	formCard := widget.NewCard("Log a past session", "", l.form.content)

	f := &sessionFilter{}
	l.filter = f
	f.from = newDateField(data, u, l.applyFilters)
	f.from.entry.SetPlaceHolder("From YYYY-MM-DD")
	f.to = newDateField(data, u, l.applyFilters)
	f.to.entry.SetPlaceHolder("To YYYY-MM-DD")
	f.topic = newTopicPicker(data, u, "All topics")
	f.topic.changed = func(string) { l.applyFilters() }
	tracks := []string{allTracks}
	for _, t := range tracker.Tracks {
		tracks = append(tracks, t.Label())
	}
	f.track = widget.NewSelect(tracks, func(string) { l.applyFilters() })
	f.track.SetSelected(allTracks) // before the list is made, so that this filters nothing
	f.tag = widget.NewSelectEntry(nil)
	f.tag.SetPlaceHolder("Tag")
	f.tag.OnChanged = func(string) { l.applyFilters() }
	f.text = u.newEntry()
	f.text.SetPlaceHolder("Search notes (Ctrl+F), then Enter to go to the list")
	f.text.OnChanged = func(string) { l.applyFilters() }
	f.text.onSubmit = func() { u.Window().Canvas().Focus(l.list) }
	f.errLabel = newFieldError()
	l.count = widget.NewLabel("")

	l.list = l.newList()
	l.listBox = container.NewStack(l.list)
	filters := container.NewVBox(
		container.NewGridWithColumns(2, f.from.content, f.to.content),
		container.NewGridWithColumns(3, f.topic.content, f.track, f.tag),
		container.NewBorder(nil, nil, nil, l.count, f.text),
		f.errLabel,
	)
	l.page = newPage(container.NewVBox(l.timer.content, formCard))
	formActions := container.NewPadded(container.NewHBox(layout.NewSpacer(), l.clear, l.save))
	left := container.New(footerInView{}, l.page, formActions)
	right := container.NewBorder(filters, nil, nil, nil, l.listBox)
	split := container.NewHSplit(left, right)
	split.Offset = 0.36 // not SetOffset, which would lay the screen out before it is first shown
	l.content = split
	return l
}

func (l *logScreen) refresh() {
	l.timer.refresh()
	l.form.refreshChoices()
	l.form.validate()
	f := l.filter
	f.topic.update(f.topic.entry.Text)
	f.tag.SetOptions(l.data.tags)
	l.applyFilters()
}

// applyFilters recomputes which sessions the list shows.
func (l *logScreen) applyFilters() {
	data, f := l.data, l.filter
	if f.topic == nil || f.track == nil || l.list == nil {
		return // still being built
	}
	var from, to time.Time
	var problems []string
	if s := strings.TrimSpace(f.from.entry.Text); s != "" {
		t, err := tracker.ParseDay(s, data.opt.Now(), data.opt.Loc)
		if err != nil {
			problems = append(problems, "From: "+err.Error())
		}
		from = t
	}
	if s := strings.TrimSpace(f.to.entry.Text); s != "" {
		t, err := tracker.ParseDay(s, data.opt.Now(), data.opt.Loc)
		if err != nil {
			problems = append(problems, "To: "+err.Error())
		} else {
			to = tracker.NextDay(t)
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		problems = append(problems, "the From day is after the To day")
	}
	topicID := ""
	if strings.TrimSpace(f.topic.entry.Text) != "" {
		t, err := f.topic.find()
		if err != nil {
			problems = append(problems, "Topic: pick one of the matches")
		} else {
			topicID = t.ID
		}
	}
	setError(f.errLabel, nil)
	if len(problems) > 0 {
		setError(f.errLabel, fmt.Errorf("%s", strings.Join(problems, "; ")))
	}
	filter := tracker.SessionFilter{From: from, To: to, TopicID: topicID, Tag: strings.TrimSpace(f.tag.Text), Text: strings.TrimSpace(f.text.Text)}
	if f.track.Selected != allTracks && f.track.Selected != "" {
		filter.Track, _ = tracker.ParseTrack(f.track.Selected)
	}
	match := filter.Prepare(&data.plan)
	l.rows = l.rows[:0]
	var total, within int64 // seconds, and those within the dates
	for i := range data.sessions {
		s := &data.sessions[i]
		if end := s.start + int64(s.secs); match.Match(s.start, end, s.topic, s.tags, s.note) {
			l.rows = append(l.rows, i)
			total += int64(s.secs)
			within += match.Within(s.start, end)
		}
	}
	count := tracker.CountOf(len(l.rows), "session", "sessions") + ", " + tracker.FormatDuration(time.Duration(total)*time.Second)
	if within != total { // sessions that cross the dates' bounds: the part within, as a report counts it
		count += " (" + tracker.FormatDuration(time.Duration(within)*time.Second) + " within the dates)"
	}
	l.count.SetText(count)
	l.showRows()
}

// listRow is one line of the list; it keeps its widgets so that updates only set text.
type listRow struct {
	rowBase
	when, length *widget.Label
	topic, tags  *fitLabel
	line         *fyne.Container // the topic and tags, laid out again as they change
	note         *fitLabel       // beneath the line, shown only when there is a note
	edit, remove *button
	index        int
}

func (l *logScreen) newRow() fyne.CanvasObject {
	r := &listRow{when: widget.NewLabel("Wed 2026-11-25 18:00"), length: widget.NewLabel("10h30m"),
		topic: newFitLabel(), tags: newFitLabel(), note: newFitLabel()}
	r.topic.TextStyle.Bold = true
	r.tags.Importance = widget.LowImportance
	r.note.SizeName = theme.SizeNameCaptionText
	r.note.Hide()
	r.edit = newIconButton("", theme.Icon(theme.IconNameDocumentCreate), func() { l.editSession(r.index) })
	r.remove = newIconButton("", theme.Icon(theme.IconNameDelete), func() { l.deleteSession(r.index) })
	r.edit.Importance, r.remove.Importance = widget.LowImportance, widget.LowImportance
	left := container.NewHBox(r.when, r.length)
	r.line = container.New(topicFirst{}, r.topic, r.tags)
	// One line a session: when, how long, the topic and its tags, muted, as far as they fit; the
	// note beneath, on a line of its own, only when there is one (the edit dialog shows it whole).
	line := container.NewBorder(nil, nil, left, container.NewHBox(r.edit, r.remove), r.line)
	r.box = container.New(noteBeneath{}, line, r.note)
	r.ExtendBaseWidget(r)
	return r
}

func (l *logScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*listRow)
	if id >= len(l.rows) {
		return
	}
	r.index = l.rows[id]
	s := &l.data.sessions[r.index]
	r.when.SetText(s.startTime().In(l.data.opt.Loc).Format("Mon 2006-01-02 15:04"))
	r.length.SetText(tracker.FormatDuration(s.duration()))
	topic := l.data.plan.TopicPath(s.topic)
	if s.kind != tracker.KindStudy && s.kind != "" {
		topic += " (" + string(s.kind) + ")"
	}
	tags := ""
	if len(s.tags) > 0 {
		tags = "[" + strings.Join(s.tags, ", ") + "]"
	}
	// Drawn by the layout, which gives the topic the width of its text: set before, the label
	// would truncate a longer text to its old width first.
	r.topic.setForLayout(topic)
	r.tags.setForLayout(tags)
	r.line.Layout.Layout(r.line.Objects, r.line.Size())
	if s.note == "" {
		r.note.Hide()
	} else {
		r.note.SetText(strings.ReplaceAll(s.note, "\n", " "))
		r.note.Show()
	}
}

// sessionList is the list of sessions, where Enter on the highlighted row edits it as Space
// does (Fyne's list takes Space alone).
type sessionList struct {
	widget.List
}

func (s *sessionList) TypedKey(ev *fyne.KeyEvent) {
	if isEnter(ev.Name) {
		ev = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	s.List.TypedKey(ev)
}

// newList makes the list of the sessions in rows, with no heights set.
func (l *logScreen) newList() *sessionList {
	list := &sessionList{}
	list.Length, list.CreateItem, list.UpdateItem = func() int { return len(l.rows) }, l.takeRow, l.updateRow
	list.ExtendBaseWidget(list)
	// Enter or Space on a row (the arrows move between rows), or a click on it, edits it.
	list.OnSelected = func(id widget.ListItemID) {
		list.Unselect(id)
		if id < len(l.rows) {
			l.editSession(l.rows[id])
		}
	}
	return list
}

// takeRow gives a new list a row: one the list it replaced had made, else a new one, since
// making rows (their labels shaping text) is most of what a new list costs.
func (l *logScreen) takeRow() fyne.CanvasObject {
	var r *listRow
	if n := len(l.spareRows); n > 0 {
		r, l.spareRows = l.spareRows[n-1], l.spareRows[:n-1]
		r.note.Hide() // as a new row: the list measures its first row as every row's height
	} else {
		r = l.newRow().(*listRow)
	}
	l.listRows = append(l.listRows, r)
	return r
}

// showRows shows the rows the filters let through, a session with a note two lines tall. Once
// a Fyne list is drawn, every height set lays the whole list out again, which is quadratic when
// most rows change: a filter does that, and so does a new session at the top, which moves every
// row down one. So when the heights change, a new list takes the old one's place with its
// heights set before it is drawn, and the scroll position and the focus carry over.
func (l *logScreen) showRows() {
	if l.lineHeight == 0 {
		r := l.newRow().(*listRow)
		l.lineHeight = r.MinSize().Height
		r.note.SetText("a note")
		r.note.Show()
		l.noteHeight = r.MinSize().Height
	}
	same := len(l.rowHasNote) == len(l.rows)
	for id, i := range l.rows {
		if same && l.rowHasNote[id] != (l.data.sessions[i].note != "") {
			same = false
		}
	}
	if same {
		l.list.Refresh()
		return
	}
	l.rowHasNote = l.rowHasNote[:0]
	l.spareRows = append(l.spareRows[:0], l.listRows...)
	l.listRows = l.listRows[:0]
	old, list := l.list, l.newList()
	for id, i := range l.rows {
		withNote := l.data.sessions[i].note != ""
		l.rowHasNote = append(l.rowHasNote, withNote)
		if withNote {
			list.SetItemHeight(id, l.noteHeight)
		}
	}
	l.list = list
	l.listBox.Objects[0] = list
	l.listBox.Refresh()
	list.ScrollToOffset(old.GetScrollOffset())
	if c := l.u.Window().Canvas(); c.Focused() == old {
		c.Focus(list)
	}
}

// noteBeneath lays out a row's line and, when shown, its note just below it, the labels' padding
// between and below them tucked in so that the two read as one entry.
type noteBeneath struct{}

func (noteBeneath) MinSize(objects []fyne.CanvasObject) fyne.Size {
	line, note := objects[0].MinSize(), objects[1]
	if !note.Visible() {
		return line
	}
	n := note.MinSize()
	return fyne.NewSize(max(line.Width, n.Width), line.Height+n.Height-3*theme.Padding())
}

func (noteBeneath) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	line, note := objects[0], objects[1]
	lineHeight := line.MinSize().Height
	line.Move(fyne.Position{})
	line.Resize(fyne.NewSize(size.Width, lineHeight))
	// The note starts under the date, past the line's bottom padding.
	indent := theme.Padding()
	note.Move(fyne.NewPos(indent, lineHeight-2*theme.Padding()))
	note.Resize(fyne.NewSize(size.Width-indent, note.MinSize().Height))
}
