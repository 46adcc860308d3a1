package app

import (
	"corepath/tracker"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// welcomedKey is the setting that says the data folder dir has had its welcome.
func welcomedKey(dir string) string { return "welcomed:" + dir }

// welcomedBefore says whether a version that kept its settings in Fyne's preferences welcomed
// the folder; they are only read, never written.
func (u *UI) welcomedBefore(key string) bool {
	return u.app.Preferences().BoolWithFallback(key, false)
}

const welcomeText = `Corepath follows three tracks on your way to Core Network Engineer:

**Degree**: a bachelor's in Computer Science, IT or Computer Engineering. Add your courses and grades; Corepath keeps the credits and the GPA.

**Skills**: what the job asks for, from TCP/IP, OSPF, BGP and MPLS to automation, security and troubleshooting. Log study time against each topic and rate your confidence.

**Certification**: the CCIE Service Provider path, from 350-501 SPCOR to the 8-hour lab and recertification, with the exam blueprints and their weights built in.

Time a session with Ctrl+T, log a past one with Ctrl+N, and check your week on Today (Ctrl+1).`

// usedAlready reports whether a plan holds what only a person adds (an exam attempt, a CE
// activity, a course, a milestone done): a store used from the terminal with no session yet.
func usedAlready(p *tracker.Plan) bool {
	return len(p.Attempts) > 0 || len(p.Credits) > 0 || len(p.Courses) > 0 ||
		slices.ContainsFunc(p.Milestones, func(m tracker.Milestone) bool { return m.Status == tracker.Done })
}

// welcome is the first-run dialog; it asks for a weekly goal.
type welcome struct {
	goal    *keyEntry
	goalErr *widget.Label
	start   *keyButton
	dialog  dialog.Dialog
}

// maybeWelcome shows the welcome once per data folder, on its first start with no sessions yet
// and nothing else of the person's (one who has been using the terminal needs no introduction; a new store, for
// another degree or a fresh start, asks its own weekly goal).
func (u *UI) maybeWelcome() *welcome {
	welcomed := welcomedKey(u.db.Dir())
	if u.prefs.Bool(welcomed, false) || u.welcomedBefore(welcomed) || len(u.sessions) > 0 || usedAlready(&u.plan) {
		return nil
	}
	// A store whose sessions could not be read (damage: its dialog comes instead) is no new one.
	if n, err := u.db.SessionCount(); err != nil || n > 0 {
		return nil
	}
	w := &welcome{goal: u.newEntry(), goalErr: newFieldError()}
	w.goal.SetText(formatHours(u.plan.Goals.WeeklyHours))
	parse := func() (float64, error) {
		h, err := tracker.ParseHours(w.goal.Text)
		if err != nil || h <= 0 || h > tracker.MaxWeekGoal {
			return 0, fmt.Errorf("give a number of hours a week, like 10: more than 0 and at most 168, the hours a week has")
		}
		return h, nil
	}
	text := widget.NewRichTextFromMarkdown(welcomeText)
	text.Wrapping = fyne.TextWrapWord
	w.start = u.newButton("Get started", nil, nil)
	w.start.Importance = widget.HighImportance
	w.goal.OnChanged = func(string) {
		_, err := parse()
		if setError(w.goalErr, err) {
			w.start.Enable()
		} else {
			w.start.Disable()
		}
	}
	goalRow := container.NewBorder(nil, nil, widget.NewLabel("How many hours a week will you study?"), nil, w.goal)
	d := dialog.NewCustomWithoutButtons("Welcome to Corepath", container.NewVBox(text, goalRow, w.goalErr), u.win)
	d.SetButtons([]fyne.CanvasObject{w.start})
	w.start.OnTapped = func() {
		h, err := parse()
		if err != nil {
			return
		}
		g := u.plan.Goals
		g.WeeklyHours = h
		if u.change("weekly goal", func(st tracker.Store) (string, error) {
			return fmt.Sprintf("Weekly goal: %g hours. Good luck!", h), st.PutGoals(g)
		}, nil) {
			u.prefs.SetBool(welcomed, true)
			d.Hide()
		}
	}
	w.dialog = d
	u.showDialog(d, submitIfEnabled(&w.start.Button), w.goal)
	// The default goal is selected, so that the hours typed replace it instead of going before it.
	w.goal.TypedShortcut(&fyne.ShortcutSelectAll{})
	d.Resize(fyne.NewSize(620, 0))
	return w
}
