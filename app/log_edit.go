package app

// The Log screen's changes: a session logged from the form, edited in its dialog, or deleted.

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// editDialog is the edit dialog's form and Save button.
type editDialog struct {
	form   *sessionForm
	save   *widget.Button
	dialog dialog.Dialog
}

// saveForm logs the past session the form describes.
func (l *logScreen) saveForm() {
	s, err := l.form.session()
	if err != nil {
		l.u.showError(err)
		return
	}
	s.ID = ""
	if logSession(l.u, s, func(st tracker.Store, saved *tracker.Session) string {
		return fmt.Sprintf("Logged %s of %s.", tracker.FormatDuration(saved.Duration), l.data.plan.TopicPath(saved.TopicID)) + l.overlapNote(st, saved)
	}) {
		l.form.reset()
		l.u.markUntouched() // the field Enter logged from stays focused, emptied
	}
}

// overlapNote says which sessions a saved one shares time with, if any: all count in every
// total, which is most often one study logged twice. The status line names the first and
// counts the others.
func (l *logScreen) overlapNote(st tracker.Store, s *tracker.Session) string {
	const counted = 10
	o, err := tracker.Overlapping(st, s, counted)
	if err != nil || len(o) == 0 {
		return ""
	}
	first := fmt.Sprintf("%s of %s from %s", tracker.FormatDuration(o[0].Duration),
		l.data.plan.TopicPath(o[0].TopicID), o[0].Start.In(l.data.opt.Loc).Format("Mon 15:04"))
	switch {
	case len(o) == 1:
		return fmt.Sprintf(" It overlaps %s: both count in the totals.", first)
	case len(o) == counted:
		return fmt.Sprintf(" It overlaps %d or more sessions, the first %s: all count in the totals.", counted, first)
	}
	return fmt.Sprintf(" It overlaps %d sessions, the first %s: all count in the totals.", len(o), first)
}

// editSession opens a dialog with the session in the form; Save is enabled only while valid.
func (l *logScreen) editSession(index int) {
	if index < 0 || index >= len(l.data.sessions) {
		return
	}
	old, err := l.u.session(l.data.sessions[index].id)
	if err != nil {
		l.u.showError(err)
		return
	}
	var save *widget.Button
	form := newSessionForm(l.data, l.u, func(ok bool) {
		if save != nil {
			if ok {
				save.Enable()
			} else {
				save.Disable()
			}
		}
	})
	saveBtn := l.u.newButton("Save", theme.Icon(theme.IconNameConfirm), nil)
	save = &saveBtn.Button
	save.Importance = widget.HighImportance
	cancel := l.u.newButton("Cancel", nil, nil)
	d := dialog.NewCustomWithoutButtons("Edit session", newPage(form.content), l.u.Window())
	d.SetButtons([]fyne.CanvasObject{cancel, saveBtn})
	form.load(old)
	cancel.OnTapped = d.Hide
	// saveEdit writes the edit; unless over, not over a change made to the session outside this
	// window since the dialog opened (the command line's edit of its note), which it would undo
	// without a word.
	var saveEdit func(over bool)
	saveEdit = func(over bool) {
		s, err := form.session()
		if err != nil {
			l.u.showError(err)
			return
		}
		deleted := false
		var there tracker.Session // the session as changed outside
		var before tracker.Session
		if l.u.change("edit session", func(st tracker.Store) (string, error) {
			cur, err := st.GetSession(s.ID)
			switch {
			case tracker.ErrorCode(err) == tracker.NotFound:
				deleted = true
				return "", errUnchanged
			case err != nil:
				return "", err
			case !over && changedSince(&cur, &old):
				there = cur
				return "", errUnchanged
			}
			before = cur
			if _, err := st.UpdateSession(s); err != nil {
				return "", err
			}
			return fmt.Sprintf("Changed the %s session of %s.", tracker.FormatDuration(s.Duration), l.data.plan.TopicPath(s.TopicID)) + l.overlapNote(st, &s), nil
		}, func(st tracker.Store) error { _, err := st.UpdateSession(before); return err }) {
			d.Hide()
		}
		switch {
		case deleted:
			d.Hide()
			l.offerDeleted(s)
		case there.ID != "":
			q := l.u.askText("This session was changed elsewhere",
				fmt.Sprintf("The session was changed outside this window (the command line or another window) while you edited it; it is now %s. Save your edit over that change, or keep the change and drop yours?",
					l.describe(&there)),
				"Keep that change", "Save mine", func() { saveEdit(true) })
			q.no.OnTapped = func() {
				q.Hide()
				d.Hide() // the change made outside stays, and the edit is dropped
			}
		}
	}
	save.OnTapped = func() { saveEdit(false) }
	l.editDialog = &editDialog{form: form, save: save, dialog: d}
	l.u.showDialog(d, submitIfEnabled(save), form.date.entry)
	d.Resize(fyne.NewSize(560, 560))
}

// deleteSession asks before removing a session, so that a double click on a row's delete
// button (the next row's button slides under the pointer) cannot remove two; Enter confirms,
// Escape keeps it, and the status bar offers Undo (also Ctrl+Z) afterwards.
func (l *logScreen) deleteSession(index int) {
	if index < 0 || index >= len(l.data.sessions) {
		return
	}
	row := &l.data.sessions[index]
	id := row.id
	what := fmt.Sprintf("the %s session of %s on %s", tracker.FormatDuration(row.duration()), l.data.plan.TopicPath(row.topic),
		row.startTime().In(l.data.opt.Loc).Format("Mon 2006-01-02 15:04"))
	// The list takes the focus back, which the question took: the next row is a Down away.
	l.u.confirmRemove(what, func() { l.removeSession(id); l.u.Window().Canvas().Focus(l.list) })
}

func (l *logScreen) removeSession(id string) {
	var old tracker.Session
	l.u.change("delete session", func(st tracker.Store) (msg string, err error) {
		if old, err = st.DeleteSession(id); err != nil {
			return "", err
		}
		return fmt.Sprintf("Deleted %s of %s.", tracker.FormatDuration(old.Duration), l.data.plan.TopicPath(old.TopicID)), nil
	}, func(st tracker.Store) error { _, err := st.AddSession(old); return err })
}

// changedSince reports whether cur, the session as stored now, is not the one the edit dialog
// opened with: a later update stamp, or (two edits in one stamp) other content.
func changedSince(cur, opened *tracker.Session) bool {
	a, b := *cur, *opened
	a.Updated, b.Updated = time.Time{}, time.Time{}
	return !cur.Updated.Equal(opened.Updated) || !reflect.DeepEqual(a, b)
}

// describe is a session in a few words, for a question about it: "1m of MPLS, from 20:03,
// tags cli, note “CLI note changed”".
func (l *logScreen) describe(s *tracker.Session) string {
	out := fmt.Sprintf("%s of %s, from %s", tracker.FormatDuration(s.Duration), l.data.plan.TopicPath(s.TopicID), s.Start.In(l.data.opt.Loc).Format("Mon 15:04"))
	if len(s.Tags) > 0 {
		out += ", tags " + strings.Join(s.Tags, ", ")
	}
	if s.Note != "" {
		out += fmt.Sprintf(", note “%s”", trimLabel(strings.ReplaceAll(s.Note, "\n", " "), 60))
	}
	return out
}

// offerDeleted asks whether to log again, as edited, a session deleted from the command line or
// another window while its edit dialog was open, so that the edit is not lost.
func (l *logScreen) offerDeleted(s tracker.Session) {
	s.ID, s.Created, s.Updated = "", time.Time{}, time.Time{}
	topic := l.data.plan.TopicPath(s.TopicID)
	l.u.askText("This session was deleted elsewhere",
		fmt.Sprintf("The %s session of %s was deleted outside this window (the command line or another window) while you edited it, so the change could not be saved. Log it again, as you edited it?",
			tracker.FormatDuration(s.Duration), topic),
		"Leave it deleted", "Log it again", func() {
			logSession(l.u, s, func(st tracker.Store, logged *tracker.Session) string {
				return fmt.Sprintf("Logged %s of %s again, as edited.", tracker.FormatDuration(logged.Duration), topic) + l.overlapNote(st, logged)
			})
		})
}

// logSession logs s as a new session, undoably, and says what it logged with says, given the
// session as stored; it reports whether it did.
func logSession(u logApp, s tracker.Session, says func(st tracker.Store, logged *tracker.Session) string) bool {
	var logged tracker.Session
	return u.change("log session", func(st tracker.Store) (string, error) {
		var err error
		if logged, err = st.AddSession(s); err != nil {
			return "", err
		}
		return says(st, &logged), nil
	}, func(st tracker.Store) error { _, err := st.DeleteSession(logged.ID); return err })
}
