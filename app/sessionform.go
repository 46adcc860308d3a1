package app

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// dateField is an ISO date entry (2026-11-20, as the command line writes dates) with a button
// that opens a calendar.
type dateField struct {
	entry   *keyEntry
	button  *button
	content fyne.CanvasObject
}

func newDateField(data *appData, u logApp, changed func()) *dateField {
	f := &dateField{entry: u.newEntry()}
	f.entry.SetPlaceHolder("YYYY-MM-DD")
	f.entry.OnChanged = func(string) { changed() }
	f.button = newIconButton("", theme.Icon(theme.IconNameCalendar), func() {
		day := data.opt.Now().In(data.opt.Loc)
		if t, err := time.Parse("2006-01-02", f.entry.Text); err == nil {
			day = t
		}
		f.showCalendar(u, day)
	})
	f.button.Importance = widget.LowImportance
	f.content = container.NewBorder(nil, nil, nil, f.button, f.entry)
	return f
}

// showCalendar opens the calendar under the entry, at day. It takes the keyboard too: the
// arrows move the date a day or a week, Page Up and Page Down a month (the entry follows), and
// Enter, Space or Escape close it with the date as the entry holds it.
func (f *dateField) showCalendar(u logApp, day time.Time) {
	c := u.Window().Canvas()
	var pop *widget.PopUp
	keys := &calendarKeys{rowBase: rowBase{box: container.NewStack()}}
	done := func() { pop.Hide(); c.Focus(f.entry) }
	var show func(time.Time)
	show = func(t time.Time) {
		box := keys.box.(*fyne.Container)
		box.Objects = []fyne.CanvasObject{widget.NewCalendar(t, func(picked time.Time) {
			f.entry.SetText(picked.Format("2006-01-02"))
			done()
		})}
		box.Refresh()
	}
	keys.onKey = func(k *fyne.KeyEvent) {
		t, err := time.Parse("2006-01-02", f.entry.Text)
		if err != nil {
			t = day
		}
		switch k.Name {
		case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
			done()
			return
		case fyne.KeyLeft:
			t = t.AddDate(0, 0, -1)
		case fyne.KeyRight:
			t = t.AddDate(0, 0, 1)
		case fyne.KeyUp:
			t = t.AddDate(0, 0, -7)
		case fyne.KeyDown:
			t = t.AddDate(0, 0, 7)
		case fyne.KeyPageUp:
			t = addMonth(t, -1)
		case fyne.KeyPageDown:
			t = addMonth(t, 1)
		default:
			return
		}
		f.entry.SetText(t.Format("2006-01-02"))
		show(t)
		pop.Resize(keys.MinSize()) // a month may take a row more
	}
	keys.ExtendBaseWidget(keys)
	show(day)
	pop = widget.NewPopUp(keys, c)
	pop.ShowAtRelativePosition(fyne.NewPos(0, f.entry.Size().Height), f.entry)
	c.Focus(keys)
}

// addMonth moves a day by n months, to the month's last day when it is shorter (31 March, a
// month back, is 28 or 29 February, not 3 March as AddDate makes it).
func addMonth(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(t.Day(), last)-1)
}

// calendarKeys holds the calendar (in its box, a new one for each key) and takes the keys
// while it is open: Fyne's calendar has no keyboard of its own.
type calendarKeys struct {
	rowBase
	onKey func(*fyne.KeyEvent)
}

func (k *calendarKeys) FocusGained()              {}
func (k *calendarKeys) FocusLost()                {}
func (k *calendarKeys) TypedRune(rune)            {}
func (k *calendarKeys) TypedKey(e *fyne.KeyEvent) { k.onKey(e) }

// fieldError is the message shown beside a field; empty when the field is fine.
func newFieldError() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func setError(l *widget.Label, err error) bool {
	if err == nil {
		l.SetText("")
		l.Hide()
		return true
	}
	l.SetText(explain(err))
	l.Show()
	return false
}

const noLink = "No link"
const noFocus = "Not rated"

// sessionForm edits one finished session: the Log screen's "past session" form and the edit
// dialog. Each field is checked as it changes, with a message under it, and onValid says
// whether the whole session can be saved.
type sessionForm struct {
	data *appData
	u    logApp

	date      *dateField
	start     *keyEntry
	duration  *keyEntry
	topic     *keySelectEntry // topicPick's field
	topicPick *topicPicker
	kind      *keySelect
	tags      *keyEntry
	link      *keySelect
	focus     *keySelect
	note      *keyEntry

	dateErr, startErr, durationErr, topicErr, tagsErr, noteErr *widget.Label

	editing tracker.Session // the session being edited; zero ID for a new one
	links   map[string]func(*tracker.Session)
	onValid func(bool)
	loading bool
	// A field's message shows once the person has changed it (or for a loaded session), so
	// that an empty form does not open covered in complaints.
	touched map[fyne.CanvasObject]bool
	showAll bool
	content fyne.CanvasObject
}

func newSessionForm(data *appData, u logApp, onValid func(bool)) *sessionForm {
	f := &sessionForm{data: data, u: u, onValid: onValid, touched: map[fyne.CanvasObject]bool{}}
	touch := func(o fyne.CanvasObject) func(string) {
		return func(string) {
			if !f.loading {
				f.touched[o] = true
			}
			f.validate()
		}
	}
	check := func(string) { f.validate() }
	f.date = newDateField(data, u, func() { touch(f.date.entry)(""); f.validate() })
	f.start = u.newEntry()
	f.start.SetPlaceHolder("18:00")
	f.start.OnChanged = touch(f.start)
	f.duration = u.newEntry()
	f.duration.SetPlaceHolder("45m, 1h30m or 1.5h")
	durationTouched := touch(f.duration)
	f.duration.OnChanged = func(s string) { f.followDuration(); durationTouched(s) }
	f.topicPick = newTopicPicker(data, u, "Name, word or initials: rr")
	f.topic = f.topicPick.entry
	f.topicPick.changed = touch(f.topic)
	kinds := make([]string, len(tracker.Kinds))
	for i, k := range tracker.Kinds {
		kinds[i] = string(k)
	}
	f.kind = u.newSelect(kinds, check)
	f.tags = u.newEntry()
	f.tags.SetPlaceHolder("lab, rr (separate with commas)")
	f.tags.OnChanged = touch(f.tags)
	f.link = u.newSelect(nil, check)
	f.focus = u.newSelect([]string{noFocus, "1", "2", "3", "4", "5"}, check)
	f.note = u.newMultiLineEntry()
	f.note.SetPlaceHolder("What you did, what broke, what to look at next")
	f.note.SetMinRowsVisible(3)
	f.note.OnChanged = touch(f.note)
	f.dateErr, f.startErr, f.durationErr = newFieldError(), newFieldError(), newFieldError()
	f.topicErr, f.tagsErr, f.noteErr = newFieldError(), newFieldError(), newFieldError()

	withErr := func(o fyne.CanvasObject, l *widget.Label) fyne.CanvasObject { return container.NewVBox(o, l) }
	form := widget.NewForm(
		widget.NewFormItem("Date", withErr(f.date.content, f.dateErr)),
		widget.NewFormItem("Start", withErr(f.start, f.startErr)),
		widget.NewFormItem("Duration", withErr(f.duration, f.durationErr)),
		widget.NewFormItem("Topic", withErr(f.topicPick.content, f.topicErr)),
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("Tags", withErr(f.tags, f.tagsErr)),
		widget.NewFormItem("For", f.link),
		widget.NewFormItem("Focus", f.focus),
		widget.NewFormItem("Note", withErr(f.note, f.noteErr)),
	)
	f.content = form
	f.reset()
	return f
}

// refreshChoices updates the topic and link options from the plan.
func (f *sessionForm) refreshChoices() {
	f.topicPick.update(f.topic.Text)
	f.links = map[string]func(*tracker.Session){noLink: func(s *tracker.Session) { s.MilestoneID, s.CourseID = "", "" }}
	options := []string{noLink}
	for _, m := range f.data.plan.Milestones {
		label := "Milestone: " + m.Title
		id := m.ID
		f.links[label] = func(s *tracker.Session) { s.MilestoneID, s.CourseID = id, "" }
		options = append(options, label)
	}
	for _, c := range f.data.plan.Courses {
		label := "Course: " + strings.TrimSpace(c.Code+" "+c.Title)
		id := c.ID
		f.links[label] = func(s *tracker.Session) { s.MilestoneID, s.CourseID = "", id }
		options = append(options, label)
	}
	f.link.SetOptions(options)
}

// setSubmit makes Enter in any field (Ctrl+Enter in the note) run submit.
func (f *sessionForm) setSubmit(submit func()) {
	for _, e := range []*keyEntry{f.date.entry, f.start, f.duration, f.tags, f.note} {
		e.onSubmit = submit
	}
	f.topic.onSubmit = submit
	for _, s := range []*keySelect{f.kind, f.link, f.focus} {
		s.onSubmit = submit
	}
}

// followDuration keeps a new session ending now while its duration is typed: the start is now
// minus the duration, until the person sets the date or the start themselves.
func (f *sessionForm) followDuration() {
	if f.loading || f.editing.ID != "" || f.touched[f.start] || f.touched[f.date.entry] {
		return
	}
	d, err := tracker.ParseDuration(f.duration.Text)
	if err != nil || d < tracker.MinSession || d > tracker.MaxSession {
		return
	}
	start := f.data.opt.Now().In(f.data.opt.Loc).Add(-d)
	f.loading = true
	f.date.entry.SetText(start.Format("2006-01-02"))
	f.start.SetText(start.Format("15:04"))
	f.loading = false
}

// typed says what the person typed into the form and has not saved, in a few words ("45m of
// BGP"), or "" when nothing: the form holds no duration, topic, tags or note of theirs.
func (f *sessionForm) typed() string {
	if len(f.touched) == 0 {
		return ""
	}
	duration, topic := strings.TrimSpace(f.duration.Text), strings.TrimSpace(f.topic.Text)
	switch {
	case duration != "" && topic != "":
		return duration + " of " + topic
	case duration != "" || topic != "" || strings.TrimSpace(f.tags.Text) != "" || strings.TrimSpace(f.note.Text) != "":
		return "a session"
	}
	return ""
}

// reset empties the form for a new session that ends now.
func (f *sessionForm) reset() {
	f.load(tracker.Session{Start: f.data.opt.Now().In(f.data.opt.Loc), Kind: tracker.KindStudy})
	f.loading = true
	f.duration.SetText("")
	f.topic.SetText("")
	f.loading = false
	f.showAll = false
	f.touched = map[fyne.CanvasObject]bool{}
	f.validate()
}

// load fills the form from a session; its fields' messages show at once.
func (f *sessionForm) load(s tracker.Session) {
	f.loading = true
	f.showAll = true
	defer func() { f.loading = false; f.validate() }()
	f.editing = s
	f.refreshChoices()
	start := s.Start.In(f.data.opt.Loc)
	f.date.entry.SetText(start.Format("2006-01-02"))
	f.start.SetText(start.Format("15:04"))
	f.duration.SetText(tracker.FormatDuration(s.Duration))
	if s.TopicID != "" {
		f.topic.SetText(f.data.plan.TopicPath(s.TopicID))
	} else {
		f.topic.SetText("")
	}
	f.kind.SetSelected(string(s.Kind))
	f.tags.SetText(strings.Join(s.Tags, ", "))
	f.link.SetSelected(noLink)
	for label, set := range f.links {
		var probe tracker.Session
		set(&probe)
		if label != noLink && probe.MilestoneID == s.MilestoneID && probe.CourseID == s.CourseID {
			f.link.SetSelected(label)
		}
	}
	if s.Focus > 0 {
		f.focus.SetSelected(strconv.Itoa(s.Focus))
	} else {
		f.focus.SetSelected(noFocus)
	}
	f.note.SetText(s.Note)
}

// session builds the session the form describes, checking every field. Each field's message is
// updated; the error is the first problem found.
func (f *sessionForm) session() (tracker.Session, error) {
	s := f.editing
	var first error
	note := func(field fyne.CanvasObject, l *widget.Label, err error) {
		if f.showAll || f.touched[field] {
			setError(l, err)
		} else {
			setError(l, nil)
		}
		if first == nil && err != nil {
			first = err
		}
	}
	loc, now := f.data.opt.Loc, f.data.opt.Now()
	day, err := tracker.ParseDay(strings.TrimSpace(f.date.entry.Text), now, loc)
	if strings.TrimSpace(f.date.entry.Text) == "" {
		err = tracker.Errorf(tracker.Invalid, "give the date, like %s", now.In(loc).Format("2006-01-02"))
	}
	note(f.date.entry, f.dateErr, err)
	s.Start, err = startOn(day, strings.TrimSpace(f.start.Text), loc)
	note(f.start, f.startErr, err)

	d, err := tracker.ParseDuration(f.duration.Text)
	// An imported session keeps the length its tracker counted (a forgotten timer's 26 hours),
	// as the store does: its other fields can still be edited.
	switch imported := f.editing.Source != ""; {
	case err == nil && imported && (d < tracker.MinSession || d > tracker.MaxImportedSession):
		err = tracker.Errorf(tracker.Invalid, "an imported session lasts from 1 minute to %d days", tracker.MaxImportedSession/(24*time.Hour))
	case err == nil && !imported && (d < tracker.MinSession || d > tracker.MaxSession):
		err = tracker.Errorf(tracker.Invalid, "a session lasts from 1 minute to 24 hours")
	}
	if err == nil && first == nil && s.Start.Add(d).After(now) {
		err = tracker.Errorf(tracker.Invalid, "it would end at %s, in the future", s.Start.Add(d).In(loc).Format("Mon 15:04"))
	}
	note(f.duration, f.durationErr, err)
	s.Duration = d

	topic, err := f.topicPick.find()
	if err != nil && strings.TrimSpace(f.topic.Text) != "" {
		err = topicFieldError(f.topic.Text, err)
	}
	note(f.topic, f.topicErr, err)
	if topic != nil {
		s.TopicID = topic.ID
	}
	s.Kind = tracker.Kind(f.kind.Selected)
	var tags []string
	for _, t := range strings.Split(f.tags.Text, ",") {
		tags = append(tags, t)
	}
	s.Tags = tracker.NormalizeTags(tags)
	err = nil
	for _, t := range s.Tags {
		if e := tracker.CheckTag(t); e != nil {
			err = e
		}
	}
	if len(s.Tags) > tracker.MaxTags {
		err = tracker.Errorf(tracker.Invalid, "at most %d tags", tracker.MaxTags)
	}
	note(f.tags, f.tagsErr, err)
	if set, ok := f.links[f.link.Selected]; ok {
		set(&s)
	}
	s.Focus, _ = strconv.Atoi(f.focus.Selected)
	s.Note = f.note.Text
	err = nil
	if len(s.Note) > tracker.MaxNoteLen {
		err = tracker.Errorf(tracker.Invalid, "the note is %d characters; the limit is %d", len(s.Note), tracker.MaxNoteLen)
	}
	note(f.note, f.noteErr, err)
	return s, first
}

// validate checks the form and tells the owner whether it can be saved.
// showProblems shows every field's message, those of fields not yet changed too.
func (f *sessionForm) showProblems() {
	f.showAll = true
	f.validate()
}

func (f *sessionForm) validate() {
	if f.loading || f.onValid == nil {
		return
	}
	_, err := f.session()
	f.onValid(err == nil)
}

// startOn reads a start time typed as HH:MM on day in loc. A time the clocks skip that day is
// refused, and so is one they show twice (as they go back), unless it carries its offset
// ("01:30-04:00"), which says which of the two is meant: neither is silently moved.
func startOn(day time.Time, typed string, loc *time.Location) (time.Time, error) {
	clock, err := time.Parse("15:04", typed)
	offset, withOffset := time.Time{}, false
	if err != nil {
		if offset, err = time.Parse("15:04Z07:00", typed); err != nil {
			return time.Time{}, tracker.Errorf(tracker.Invalid, "give the start time as HH:MM, like 18:00")
		}
		clock, withOffset = offset, true
	}
	wall := time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, time.UTC)
	at, err := tracker.LocalTime(wall, loc)
	var twice *tracker.WallClockError
	if !errors.As(err, &twice) {
		if withOffset && err == nil && !sameOffset(at, offset) {
			return time.Time{}, tracker.Errorf(tracker.Invalid, "%s is not at offset %s that day: give it as HH:MM", typed[:5], offset.Format("-07:00"))
		}
		return at, err
	}
	if len(twice.Instants) == 0 {
		return time.Time{}, tracker.Errorf(tracker.Invalid, "%s does not exist on %s in %s: the clocks jump over it; give a time before or after the jump",
			typed, wall.Format("2006-01-02"), loc)
	}
	for _, at := range twice.Instants {
		if withOffset && sameOffset(at, offset) {
			return at, nil
		}
	}
	return time.Time{}, tracker.Errorf(tracker.Invalid, "%s happens twice on %s in %s as the clocks go back: type %s for the first or %s for the second",
		typed[:5], wall.Format("2006-01-02"), loc, twice.Instants[0].Format("15:04-07:00"), twice.Instants[1].Format("15:04-07:00"))
}

func sameOffset(a, b time.Time) bool {
	_, x := a.Zone()
	_, y := b.Zone()
	return x == y
}
