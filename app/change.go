package app

import (
	"slices"
	"sort"
	"time"

	"corepath/tracker"
)

// write runs fn in one store transaction and brings the screens up to date with what it
// wrote. When the store's stamp shows that only this transaction was committed since the
// screens were filled, the change is applied to the data they hold; when another process
// wrote in between, everything is read again.
func (u *UI) write(fn func(tracker.Store) error) error {
	rec := &changeRecorder{}
	err := u.db.Batch(func(st tracker.Store) error {
		rec.Store = st
		return fn(rec)
	})
	if err != nil {
		return err
	}
	stamp, err := u.db.Stamp()
	if err != nil || !oneCommitApart(u.stamp, stamp) {
		u.reload()
		return nil
	}
	u.stamp = stamp
	u.followChange(rec)
	return nil
}

// changeRecorder is the store a change writes through: it notes what was written, so that
// followChange can update the screens' data without reading the store again.
type changeRecorder struct {
	tracker.Store
	sessions []sessionChange // in the order written
	plan     bool            // the plan (topics, milestones, degree, goals, settings, exams) changed
	timer    bool            // the running timer changed
}

// sessionChange is one session written: removed by id, or added (an update is both).
type sessionChange struct {
	removed string
	added   *tracker.Session
}

func (r *changeRecorder) added(s tracker.Session) {
	r.sessions = append(r.sessions, sessionChange{added: &s})
}

func (r *changeRecorder) removed(id string) {
	r.sessions = append(r.sessions, sessionChange{removed: id})
}

func (r *changeRecorder) AddSession(s tracker.Session) (tracker.Session, error) {
	saved, err := r.Store.AddSession(s)
	if err == nil {
		r.added(saved)
	}
	return saved, err
}

func (r *changeRecorder) AddSessions(ss []tracker.Session) ([]tracker.Session, error) {
	saved, err := r.Store.AddSessions(ss)
	if err == nil {
		for _, s := range saved {
			r.added(s)
		}
	}
	return saved, err
}

func (r *changeRecorder) UpdateSession(s tracker.Session) (tracker.Session, error) {
	saved, err := r.Store.UpdateSession(s)
	if err == nil {
		r.removed(saved.ID)
		r.added(saved)
	}
	return saved, err
}

func (r *changeRecorder) DeleteSession(id string) (tracker.Session, error) {
	old, err := r.Store.DeleteSession(id)
	if err == nil {
		r.removed(old.ID)
	}
	return old, err
}

func (r *changeRecorder) StartTimer(s tracker.Session) (tracker.Session, error) {
	r.timer = true
	return r.Store.StartTimer(s)
}

func (r *changeRecorder) StopTimer(end time.Time, edit func(*tracker.Session)) (tracker.Session, error) {
	r.timer = true
	saved, err := r.Store.StopTimer(end, edit)
	if err == nil {
		r.added(saved)
	}
	return saved, err
}

func (r *changeRecorder) CancelTimer() (tracker.Session, error) {
	r.timer = true
	return r.Store.CancelTimer()
}

func (r *changeRecorder) PutTopic(t tracker.Topic) (tracker.Topic, error) {
	r.plan = true
	return r.Store.PutTopic(t)
}

func (r *changeRecorder) DeleteTopic(id string) error {
	r.plan = true
	return r.Store.DeleteTopic(id)
}

func (r *changeRecorder) PutMilestone(m tracker.Milestone) (tracker.Milestone, error) {
	r.plan = true
	return r.Store.PutMilestone(m)
}

func (r *changeRecorder) DeleteMilestone(id string) error {
	r.plan = true
	return r.Store.DeleteMilestone(id)
}

func (r *changeRecorder) PutCourse(c tracker.Course) (tracker.Course, error) {
	r.plan = true
	return r.Store.PutCourse(c)
}

func (r *changeRecorder) DeleteCourse(id string) error {
	r.plan = true
	return r.Store.DeleteCourse(id)
}

func (r *changeRecorder) PutProgram(p tracker.Program) error {
	r.plan = true
	return r.Store.PutProgram(p)
}

func (r *changeRecorder) PutGoals(g tracker.Goals) error {
	r.plan = true
	return r.Store.PutGoals(g)
}

func (r *changeRecorder) PutSettings(s tracker.Settings) error {
	r.plan = true
	return r.Store.PutSettings(s)
}

// Batch runs fn in the transaction already open, still recording.
func (r *changeRecorder) Batch(fn func(tracker.Store) error) error { return fn(r) }

// The exam attempts, the rules and the CE activities are part of the plan, kept by stores that
// keep them (examStore, creditStore).

func (r *changeRecorder) exams() (examStore, error) {
	if st, ok := r.Store.(examStore); ok {
		return st, nil
	}
	return nil, tracker.Errorf(tracker.Internal, "this store keeps no exam attempts")
}

func (r *changeRecorder) PutAttempt(a tracker.Attempt) (tracker.Attempt, error) {
	st, err := r.exams()
	if err != nil {
		return a, err
	}
	r.plan = true
	return st.PutAttempt(a)
}

func (r *changeRecorder) DeleteAttempt(id string) (tracker.Attempt, error) {
	st, err := r.exams()
	if err != nil {
		return tracker.Attempt{}, err
	}
	r.plan = true
	return st.DeleteAttempt(id)
}

func (r *changeRecorder) PutCertRules(c tracker.CertRules) error {
	st, err := r.exams()
	if err != nil {
		return err
	}
	r.plan = true
	return st.PutCertRules(c)
}

func (r *changeRecorder) EditExam(code string, price *float64, weights map[string]float64) (tracker.Exam, error) {
	st, err := r.exams()
	if err != nil {
		return tracker.Exam{}, err
	}
	r.plan = true
	return st.EditExam(code, price, weights)
}

func (r *changeRecorder) PutExam(e tracker.Exam) error {
	st, err := r.exams()
	if err != nil {
		return err
	}
	r.plan = true
	return st.PutExam(e)
}

func (r *changeRecorder) credits() (creditStore, error) {
	if st, ok := r.Store.(creditStore); ok {
		return st, nil
	}
	return nil, tracker.Errorf(tracker.Internal, "this store keeps no CE activities")
}

func (r *changeRecorder) PutCredit(c tracker.Credit) (tracker.Credit, error) {
	st, err := r.credits()
	if err != nil {
		return c, err
	}
	r.plan = true
	return st.PutCredit(c)
}

func (r *changeRecorder) DeleteCredit(id string) (tracker.Credit, error) {
	st, err := r.credits()
	if err != nil {
		return tracker.Credit{}, err
	}
	r.plan = true
	return st.DeleteCredit(id)
}

// followChange brings the data the screens hold up to date with a change: the plan and the
// timer are read again when they changed (one record each), the sessions written are put into
// or taken out of the list, and the figures are computed again from the sessions held.
func (u *UI) followChange(rec *changeRecorder) {
	if rec.plan {
		p, err := u.db.Plan()
		if err != nil {
			u.reload()
			return
		}
		u.plan = p
	}
	if rec.timer {
		t, ok, err := u.db.Timer()
		if err != nil {
			u.reload()
			return
		}
		u.timer = nil
		if ok {
			u.timer = &t
		}
	}
	if rec.plan {
		u.counts = nil // the week's first day, the topics and the goals count in them
	}
	tagSets := map[string][]string{}
	for _, c := range rec.sessions {
		if c.added != nil {
			u.addRow(c.added, tagSets)
		} else {
			u.removeRow(c.removed)
		}
	}
	u.computeFigures()
	if rec.plan {
		u.refreshScreens()
		return
	}
	// Only sessions or the timer changed: what the screens show of the plan alone (the topic
	// choices, the Settings) stays as it is.
	u.log.showSessions(rec.timer)
	u.refreshWhenShown(screenToday, u.today.refresh)
	u.refreshWhenShown(screenPlan, u.planner.refresh)
	u.refreshWhenShown(screenReference, u.reference.refresh)
	u.tray.update()
}

// refreshWhenShown refreshes a screen now if it is on the screen, else as it is next shown: a
// log from the Log form then costs the Log screen's refresh alone, not every screen's.
func (u *UI) refreshWhenShown(screen int, refresh func()) {
	if u.tabs.SelectedIndex() == screen {
		refresh()
		return
	}
	if u.staleScreens == nil {
		u.staleScreens = map[int]func(){}
	}
	u.staleScreens[screen] = refresh
}

// screenShown brings a screen up to date that changed while it was hidden.
func (u *UI) screenShown(screen int) {
	if refresh, ok := u.staleScreens[screen]; ok {
		delete(u.staleScreens, screen)
		refresh()
	}
}

// addRow puts a session into the list in the store's order (newest first, and between
// sessions that start in the same second, by id from the highest) and into the counts.
func (u *UI) addRow(s *tracker.Session, tagSets map[string][]string) {
	r := newSessionRow(s, tagSets)
	i := sort.Search(len(u.sessions), func(i int) bool {
		return u.sessions[i].start < r.start || u.sessions[i].start == r.start && u.sessions[i].id < r.id
	})
	u.insertRow(i, r)
	u.longest = max(u.longest, r.secs)
	for _, t := range r.tags {
		u.tagCount[t]++
	}
	if u.counts != nil {
		u.counts.addIfSettled(s)
	}
}

// removeRow takes the session with the id out of the list, if it is there, and out of the
// counts.
func (u *UI) removeRow(id string) {
	i := slices.IndexFunc(u.sessions, func(r sessionRow) bool { return r.id == id })
	if i < 0 {
		return
	}
	r := &u.sessions[i]
	for _, t := range r.tags {
		if u.tagCount[t]--; u.tagCount[t] <= 0 {
			delete(u.tagCount, t)
		}
	}
	if u.counts != nil && u.counts.settles(r) {
		u.counts = nil // settled counts only grow: count them again
	}
	u.deleteRow(i)
}

// insertRow puts r at i in the sessions. New sessions go near the front (newest first), so
// the i rows before it move one place into a free row before the first, where moving the
// 100,000 after it took 3 ms of a log from the form. With no free row, the rows move to an array
// with an eighth as many free before them.
func (d *appData) insertRow(i int, r sessionRow) {
	room := len(d.rowArray) - len(d.sessions)
	if room <= 0 || len(d.sessions) > 0 && &d.rowArray[len(d.rowArray)-1] != &d.sessions[len(d.sessions)-1] {
		room = max(len(d.sessions)/8, 64)
		d.rowArray = make([]sessionRow, room+len(d.sessions))
		copy(d.rowArray[room:], d.sessions)
	}
	s := d.rowArray[room-1:]
	copy(s[:i], s[1:i+1])
	s[i] = r
	d.sessions = s
}

// deleteRow takes the session at i out, moving the rows before it one place back, into the
// room insertRow uses.
func (d *appData) deleteRow(i int) {
	copy(d.sessions[1:i+1], d.sessions[:i])
	d.sessions[0] = sessionRow{} // its strings and tags are garbage now
	d.sessions = d.sessions[1:]
}
