package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

// harness is the app over a real store in a temporary folder, with a clock the test moves.
type harness struct {
	t   *testing.T
	u   *UI
	db  *storage.DB
	app fyne.App
	now time.Time
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, now: time.Date(2026, 11, 25, 20, 0, 0, 0, loc)} // a Wednesday evening
	clock := func() time.Time { return h.now }
	h.db, err = storage.Open(t.TempDir(), storage.Options{Seed: resources.DefaultPlan, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	h.app = test.NewTempApp(t)
	h.u = New(h.app, h.db, Options{Now: clock, Loc: loc})
	h.u.Window().Resize(fyne.NewSize(1200, 800))
	h.u.Window().Show()
	t.Cleanup(func() { h.u.Window().Close() })
	return h
}

func (h *harness) topicID(name string) string {
	h.t.Helper()
	p, _ := h.db.Plan()
	tp, err := tracker.MatchTopic(&p, name)
	if err != nil {
		h.t.Fatal(err)
	}
	return tp.ID
}

func (h *harness) countSessions() int {
	n := 0
	h.db.Sessions(tracker.Query{}, func(*tracker.Session) error { n++; return nil })
	return n
}

func typeInto(e fyne.Focusable, text string) {
	if entry, ok := e.(interface{ SetText(string) }); ok {
		entry.SetText("")
	}
	test.Type(e, text)
}

func TestLoggingThroughTheFormShowsInTheListAndTheWeek(t *testing.T) {
	h := newHarness(t)
	l := h.u.log
	if !l.save.Disabled() {
		t.Fatal("Save is enabled on an empty form")
	}
	typeInto(l.form.date.entry, "2026-11-24")
	typeInto(l.form.start, "18:00")
	typeInto(l.form.duration, "1h30m")
	typeInto(l.form.topic, "BGP")
	typeInto(l.form.tags, "lab, rr")
	typeInto(l.form.note, "Route reflector clusters")
	if l.save.Disabled() {
		t.Fatalf("Save stays disabled on a valid form: %q %q", l.form.durationErr.Text, l.form.topicErr.Text)
	}
	test.Tap(l.save)

	if len(l.rows) != 1 {
		t.Fatalf("the list shows %d sessions", len(l.rows))
	}
	row := l.list
	_ = row
	s, _ := h.db.GetSession(h.u.sessions[l.rows[0]].id)
	if s.Duration != 90*time.Minute || h.u.plan.TopicPath(s.TopicID) != "BGP" || strings.Join(s.Tags, ",") != "lab,rr" {
		t.Errorf("saved %+v", s)
	}
	if got := h.u.today.weekTotal.Text; !strings.HasPrefix(got, "1.5 h of 10.0 h") {
		t.Errorf("this week's total: %q", got)
	}
	if !strings.Contains(h.u.status.Text, "Logged 1h30m of BGP") {
		t.Errorf("status: %q", h.u.status.Text)
	}
	if l.form.duration.Text != "" || !l.save.Disabled() {
		t.Error("the form is not cleared after saving")
	}
}

func TestInvalidInputShowsAMessageAndSavesNothing(t *testing.T) {
	h := newHarness(t)
	f := h.u.log.form
	cases := []struct {
		field fyne.Focusable
		text  string
		label *widget.Label
		want  string
	}{
		{f.duration, "0m", f.durationErr, "from 1 minute to 24 hours"},
		{f.duration, "25h", f.durationErr, "from 1 minute to 24 hours"},
		{f.duration, "45", f.durationErr, "no unit"},
		{f.topic, "Token Ring", f.topicErr, "pick a topic from the list"},
		{f.start, "25:99", f.startErr, "HH:MM"},
		{f.date.entry, "2026-13-01", f.dateErr, "YYYY-MM-DD"},
	}
	for _, c := range cases {
		typeInto(f.duration, "45m")
		typeInto(f.topic, "BGP")
		typeInto(f.start, "18:00")
		typeInto(f.date.entry, "2026-11-24")
		typeInto(c.field, c.text)
		if !c.label.Visible() || !strings.Contains(c.label.Text, c.want) {
			t.Errorf("%q: message %q (visible %v), want %q", c.text, c.label.Text, c.label.Visible(), c.want)
		}
		if !h.u.log.save.Disabled() {
			t.Errorf("%q: Save is enabled", c.text)
		}
	}
	// A session that would end in the future.
	typeInto(f.date.entry, "2026-11-25")
	typeInto(f.start, "19:30")
	typeInto(f.duration, "1h")
	typeInto(f.topic, "BGP")
	if !strings.Contains(f.durationErr.Text, "in the future") || !h.u.log.save.Disabled() {
		t.Errorf("future session: %q", f.durationErr.Text)
	}
	h.u.log.saveForm() // even called directly, nothing is saved
	if n := h.countSessions(); n != 0 {
		t.Errorf("%d sessions saved from invalid input", n)
	}
}

func TestTimerStartsTicksAndStops(t *testing.T) {
	h := newHarness(t)
	c := h.u.log.timer
	test.Tap(c.button) // no topic yet
	if !c.message.Visible() || h.u.timer != nil {
		t.Fatal("a timer started without a topic")
	}
	typeInto(c.topic, "mpls")
	typeInto(c.planned, "50m")
	test.Tap(c.button)
	if h.u.timer == nil || h.u.plan.TopicPath(h.u.timer.TopicID) != "MPLS" || h.u.timer.Planned != 50*time.Minute {
		t.Fatalf("timer = %+v", h.u.timer)
	}
	h.now = h.now.Add(52*time.Minute + 7*time.Second)
	test.AssertNotificationSent(t, fyne.NewNotification("Planned time reached", "MPLS: 50m done. Stop the timer or keep going."), h.u.everySecond)
	if c.elapsed.Text != "0:52:07" || !strings.HasPrefix(h.u.today.timer.Text, "0:52:07  MPLS") {
		t.Errorf("elapsed %q, today %q", c.elapsed.Text, h.u.today.timer.Text)
	}
	test.AssertNotificationSent(t, nil, h.u.everySecond) // once per timer
	test.Tap(c.button)                                   // opens the stop dialog
	if c.stopDlg == nil {
		t.Fatal("no stop dialog")
	}
	typeInto(c.stopNote, "LDP session protection")
	typeInto(c.stopTags, "lab")
	c.stopFocus.SetSelected("4")
	test.Tap(c.stopSave)
	if h.u.timer != nil || len(h.u.sessions) != 1 {
		t.Fatalf("after stop: timer %v, %d sessions", h.u.timer, len(h.u.sessions))
	}
	s, _ := h.db.GetSession(h.u.sessions[0].id)
	if s.Duration != 52*time.Minute+7*time.Second || s.Note != "LDP session protection" || s.Focus != 4 || s.Tags[0] != "lab" {
		t.Errorf("stopped session %+v", s)
	}
}

func TestRunningTimerResumesAfterRestart(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-10 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	again := New(test.NewTempApp(t), h.db, Options{Now: func() time.Time { return h.now }, Loc: h.now.Location()})
	if again.timer == nil || again.log.timer.elapsed.Text != "0:10:00" || again.log.timer.button.Text != "Stop" {
		t.Errorf("the timer did not resume: %v %q", again.timer, again.log.timer.elapsed.Text)
	}
}

func TestEditAndDeleteWithUndo(t *testing.T) {
	h := newHarness(t)
	s, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.Add(-5 * time.Hour), Duration: time.Hour, Note: "LSA types"})
	if err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	l := h.u.log
	l.editSession(l.rows[0])
	ed := l.editDialog
	if ed == nil || ed.form.duration.Text != "1h" || ed.form.topic.Text != "OSPF" {
		t.Fatalf("edit dialog not filled: %+v", ed)
	}
	typeInto(ed.form.duration, "6h")
	if !ed.save.Disabled() {
		t.Error("Save enabled for a session ending in the future")
	}
	typeInto(ed.form.duration, "45m")
	typeInto(ed.form.topic, "IS-IS")
	test.Tap(ed.save)
	got, _ := h.db.GetSession(s.ID)
	if got.Duration != 45*time.Minute || h.u.plan.TopicPath(got.TopicID) != "IS-IS" || got.Note != "LSA types" {
		t.Fatalf("after edit: %+v", got)
	}
	h.u.Undo()
	if got, _ = h.db.GetSession(s.ID); got.Duration != time.Hour || h.u.plan.TopicPath(got.TopicID) != "OSPF" {
		t.Fatalf("undo of the edit: %+v", got)
	}

	l.deleteSession(l.rows[0])
	if h.countSessions() != 1 || len(h.u.dialogs) != 1 {
		t.Fatal("delete did not ask first")
	}
	h.u.enter() // Enter confirms
	if h.countSessions() != 0 || len(l.rows) != 0 || !h.u.undoButton.Visible() {
		t.Fatal("delete did not remove the session or offer undo")
	}
	// Ctrl+Z, as the keyboard sends it.
	h.u.typedShortcut(&fyne.ShortcutUndo{})
	if got, err = h.db.GetSession(s.ID); err != nil || got.Note != "LSA types" || len(l.rows) != 1 {
		t.Errorf("undo of the delete: %+v %v", got, err)
	}
}

func TestShortcutsAndMenuSwitchScreens(t *testing.T) {
	h := newHarness(t)
	c := h.u
	for i, key := range []fyne.KeyName{fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key1} {
		c.typedShortcut(shortcutFor(key))
		if want := (i + 1) % 5; h.u.tabs.SelectedIndex() != want {
			t.Errorf("Ctrl+%s: screen %d, want %d", key, h.u.tabs.SelectedIndex(), want)
		}
	}
	c.typedShortcut(shortcutFor(fyne.KeyN))
	if h.u.tabs.SelectedIndex() != screenLog || h.u.Window().Canvas().Focused() != h.u.log.form.duration {
		t.Error("Ctrl+N does not open the session form")
	}
	c.typedShortcut(shortcutFor(fyne.KeyF))
	if h.u.Window().Canvas().Focused() != h.u.log.filter.text {
		t.Error("Ctrl+F does not focus the search")
	}
	// The main menu offers the same actions, with their shortcuts shown.
	labels := map[string]fyne.Shortcut{}
	for _, m := range h.u.Window().MainMenu().Items {
		for _, it := range m.Items {
			labels[it.Label] = it.Shortcut
		}
	}
	for _, want := range []string{"New session", "Start or stop the timer", "Undo", "Find sessions", "Today", "Settings", "Quit"} {
		if labels[want] == nil {
			t.Errorf("menu item %q missing or without a shortcut", want)
		}
	}
	for _, m := range h.u.Window().MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "Plan" {
				it.Action()
			}
		}
	}
	if h.u.tabs.SelectedIndex() != screenPlan {
		t.Error("View > Plan does not switch screens")
	}
	typeInto(h.u.log.timer.topic, "BGP")
	c.typedShortcut(shortcutFor(fyne.KeyT))
	if h.u.timer == nil {
		t.Error("Ctrl+T does not start the timer")
	}
}

func TestMilestoneDoneAndWindows(t *testing.T) {
	h := newHarness(t)
	cert := h.u.planner.cert
	idx := -1
	for i, m := range h.u.plan.Milestones {
		if m.ID == "M05" {
			idx = i
		}
	}
	cert.setStatus(idx, tracker.Done)
	m, _ := h.u.plan.Milestone("M05")
	if m.Status != tracker.Done || m.DoneOn != "2026-11-25" {
		t.Fatalf("M05 = %+v", m)
	}
	if !strings.Contains(cert.summary.Text, "Lab eligibility: 1096 days left (ends 2029-11-25)") {
		t.Errorf("summary: %q", cert.summary.Text)
	}
	if !strings.Contains(h.u.today.windows.Text, "Lab eligibility") {
		t.Errorf("Today does not show the window: %q", h.u.today.windows.Text)
	}
	h.u.Undo()
	if m, _ := h.u.plan.Milestone("M05"); m.Status != tracker.Planned {
		t.Error("undo did not restore the status")
	}

	// Add a milestone through the dialog; Save is enabled only while it is valid.
	cert.edit(nil)
	f := cert.dialogForm
	if !cert.dialogSave.Disabled() {
		t.Error("Save enabled without a title")
	}
	typeInto(f.title, "Cisco Live SP sessions")
	typeInto(f.target, "2027-06-0")
	if !cert.dialogSave.Disabled() {
		t.Error("Save enabled with a bad date")
	}
	typeInto(f.target, "2027-06-07")
	test.Tap(cert.dialogSave)
	if _, ok := h.u.plan.Milestone("M13"); !ok {
		t.Fatal("new milestone missing")
	}
	last := len(h.u.plan.Milestones) - 1
	cert.move(last, -1)
	if h.u.plan.Milestones[last-1].ID != "M13" {
		t.Error("move up did not reorder")
	}
}

func TestCourseWithGradeShowsGPA(t *testing.T) {
	h := newHarness(t)
	d := h.u.planner.degree
	d.editCourse(nil)
	f := d.dialogForm
	typeInto(f.code, "NET101")
	typeInto(f.title, "Computer Networks")
	typeInto(f.credits, "4")
	f.status.SetSelected(string(tracker.CourseCompleted))
	f.grade.SetSelected("A-")
	test.Tap(d.dialogSave)
	if !strings.Contains(d.summary.Text, "4 of 120 credits earned · GPA 3.70") {
		t.Errorf("degree summary: %q", d.summary.Text)
	}
	d.editCourse(nil)
	typeInto(d.dialogForm.code, "MATH200")
	typeInto(d.dialogForm.credits, "0")
	if !d.dialogSave.Disabled() {
		t.Error("Save enabled for a course with 0 credits")
	}
	typeInto(d.dialogForm.credits, "3")
	d.dialogForm.status.SetSelected(string(tracker.CourseCompleted))
	d.dialogForm.grade.SetSelected("B")
	test.Tap(d.dialogSave)
	if !strings.Contains(d.summary.Text, "7 of 120 credits earned · GPA 3.40") { // (14.8 + 9) / 7
		t.Errorf("after the second course: %q", d.summary.Text)
	}
	typeInto(d.required, "abc")
	if !d.saveProg.Disabled() || !d.progErr.Visible() {
		t.Error("a bad credits figure is accepted")
	}
	typeInto(d.required, "128")
	test.Tap(d.saveProg)
	if h.u.plan.Program.CreditsRequired != 128 {
		t.Errorf("program = %+v", h.u.plan.Program)
	}
}

func TestSkillsConfidenceAndTopics(t *testing.T) {
	h := newHarness(t)
	s := h.u.planner.skills
	bgp := h.topicID("BGP")
	s.setConfidence(bgp, 4)
	if tp, _ := h.u.plan.Topic(bgp); tp.Confidence != 4 {
		t.Errorf("confidence = %d", tp.Confidence)
	}
	s.editTopic(nil, bgp)
	typeInto(s.dialogName, "Route servers")
	test.Tap(s.dialogSave)
	rs, err := tracker.MatchTopic(&h.u.plan, "BGP > Route servers")
	if err != nil {
		t.Fatal(err)
	}
	s.editTopic(rs, bgp)
	typeInto(s.dialogName, "IXP route servers")
	test.Tap(s.dialogSave)
	if tp, _ := h.u.plan.Topic(rs.ID); tp.Name != "IXP route servers" {
		t.Errorf("rename: %+v", tp)
	}
	s.editTopic(nil, "")
	typeInto(s.dialogName, "bgp")
	if !s.dialogSave.Disabled() {
		t.Error("a duplicate topic name is accepted")
	}
}

func TestReferenceCarriesTheRoleAndProgress(t *testing.T) {
	h := newHarness(t)
	r := h.u.reference
	md := richText(r.intro.Segments) + richText(r.similar.Segments)
	for _, want := range []string{"$109,040", "$52.42", "$2,096", "$9,086", "$31,000", "$158,000", "$89,000 and $133,500", "ZipRecruiter", "2025-06-19",
		"Network Architect", "Telecommunications Engineer", "IP/MPLS Network Engineer"} {
		if !strings.Contains(md, want) {
			t.Errorf("reference pane lacks %q", want)
		}
	}
	if !strings.Contains(r.progress["degree"].Text, "0 of 120 credits") || !strings.Contains(r.progress["certification"].Text, "next:") {
		t.Errorf("progress: %q / %q", r.progress["degree"].Text, r.progress["certification"].Text)
	}
	test.Tap(r.links["degree"])
	if h.u.tabs.SelectedIndex() != screenPlan || h.u.planner.tabs.SelectedIndex() != planDegree {
		t.Error("the degree link does not open the Degree plan")
	}
}

func TestChangesFromTheTerminalAppear(t *testing.T) {
	h := newHarness(t)
	// Another process (the command line) logs a session through its own handle on the file.
	other, err := storage.Open(h.db.Dir(), storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return h.now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-time.Hour), Duration: 45 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	if h.u.opt.Poll > 2*time.Second {
		t.Fatalf("polls every %v", h.u.opt.Poll)
	}
	h.u.checkForChanges() // what the watch goroutine runs every poll
	if len(h.u.sessions) != 1 || !strings.HasPrefix(h.u.today.weekTotal.Text, "0.8 h") {
		t.Errorf("the terminal's session did not appear: %d sessions, %q", len(h.u.sessions), h.u.today.weekTotal.Text)
	}
}

func TestSettings(t *testing.T) {
	h := newHarness(t)
	s := h.u.settings
	typeInto(s.weekly, "twelve")
	if !s.saveGoals.Disabled() || !s.goalsErr.Visible() {
		t.Error("a bad goal is accepted")
	}
	typeInto(s.weekly, "12")
	typeInto(s.trackGoals[tracker.TrackSkills], "6")
	test.Tap(s.saveGoals)
	if g := h.u.plan.Goals; g.WeeklyHours != 12 || g.TrackHours[tracker.TrackSkills] != 6 {
		t.Errorf("goals = %+v", g)
	}
	s.weekStart.SetSelected("Sunday")
	if h.u.plan.Settings.WeekStart != time.Sunday {
		t.Error("week start not saved")
	}
	s.theme.SetSelected("Dark")
	if h.app.Preferences().String(prefTheme) != themeDark {
		t.Error("theme not saved")
	}
	s.backupNow()
	backups, _ := filepath.Glob(filepath.Join(h.db.BackupDir(), "corepath-*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if info, _ := os.Stat(backups[0]); info.Size() == 0 {
		t.Error("empty backup")
	}
	test.AssertNotificationSent(t, nil, h.u.checkNotifications) // off until turned on
	s.reminderOn.SetChecked(true)
	typeInto(s.reminderAt, "19:30")
	test.AssertNotificationSent(t, fyne.NewNotification("Corepath", "Time to study: even 25 minutes keeps the streak going."), h.u.checkNotifications)
	test.AssertNotificationSent(t, nil, h.u.checkNotifications) // once a day
}

func TestWelcomeAsksForAWeeklyGoal(t *testing.T) {
	h := newHarness(t)
	w := h.u.maybeWelcome()
	if w == nil {
		t.Fatal("no welcome on first run")
	}
	typeInto(w.goal, "0")
	if !w.start.Disabled() {
		t.Error("a zero goal is accepted")
	}
	typeInto(w.goal, "8")
	test.Tap(w.start)
	if h.u.plan.Goals.WeeklyHours != 8 || h.u.maybeWelcome() != nil {
		t.Error("the welcome did not save the goal, or shows again")
	}
}

// richText collects the words of rich text segments, lists and paragraphs included.
func richText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, seg := range segs {
		switch s := seg.(type) {
		case *widget.TextSegment:
			b.WriteString(s.Text + " ")
		case *widget.ListSegment:
			b.WriteString(richText(s.Items))
		case *widget.ParagraphSegment:
			b.WriteString(richText(s.Texts))
		}
	}
	return b.String()
}

func TestTodayChangesWhenASessionIsLogged(t *testing.T) {
	h := newHarness(t)
	td := h.u.today
	if td.streak.Text != "0 days" || td.weekRing.caption != "0.0 h" || td.heat.minutes[len(td.heat.minutes)-5] != 0 {
		t.Fatalf("before: streak %q, ring %q", td.streak.Text, td.weekRing.caption)
	}
	f := h.u.log.form
	typeInto(f.date.entry, "2026-11-25")
	typeInto(f.start, "17:00")
	typeInto(f.duration, "2h")
	typeInto(f.topic, "BGP")
	test.Tap(h.u.log.save)

	if td.streak.Text != "1 day" {
		t.Errorf("streak after logging: %q", td.streak.Text)
	}
	if td.weekRing.caption != "2.0 h" || td.weekRing.fraction != 0.2 || td.weekDays.values[2] != 2 {
		t.Errorf("week: ring %q %.2f, days %v", td.weekRing.caption, td.weekRing.fraction, td.weekDays.values)
	}
	// Wednesday 2026-11-25 is the third day of the last week of the heatmap.
	i := len(td.heat.minutes) - 5
	if td.heat.dates[i] != "2026-11-25" || td.heat.minutes[i] != 120 {
		t.Errorf("heatmap %s = %d", td.heat.dates[i], td.heat.minutes[i])
	}
	td.heat.Tapped(&fyne.PointEvent{Position: cellCenter(td.heat, i)})
	if !strings.Contains(td.dayDetail.Text, "Wed 2026-11-25: 2h, BGP 2h") {
		t.Errorf("day detail: %q", td.dayDetail.Text)
	}
	if td.trend.values[len(td.trend.values)-1] != 2 {
		t.Errorf("trend: %v", td.trend.values)
	}
	if !strings.Contains(td.topics.Text, "BGP: 2.0 h, 100%") {
		t.Errorf("topics: %q", td.topics.Text)
	}
}

// cellCenter is the middle of the heatmap's day i, where a tap lands on it.
func cellCenter(h *heatmap, i int) fyne.Position {
	c := h.cell(h.Size())
	return fyne.NewPos(float32(i/7)*c+c/2, float32(i%7)*c+c/2)
}

func TestStaleTopicSuggestionPreparesTheTimer(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.AddDate(0, 0, -20), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	var button *widget.Button
	for _, o := range h.u.today.next.Objects {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "OSPF (20 days; review every 2 days)") {
			button = b
		}
	}
	if button == nil {
		t.Fatal("OSPF is not offered for review")
	}
	test.Tap(button)
	if h.u.tabs.SelectedIndex() != screenLog || h.u.log.timer.topic.Text != "OSPF" {
		t.Errorf("the suggestion did not prepare the timer: screen %d, topic %q", h.u.tabs.SelectedIndex(), h.u.log.timer.topic.Text)
	}
}

func TestStreakSettings(t *testing.T) {
	h := newHarness(t)
	s := h.u.settings
	typeInto(s.streakMin, "0")
	if !s.saveStreak.Disabled() {
		t.Error("a zero minimum is accepted")
	}
	typeInto(s.streakMin, "30")
	s.restDays.SetSelected([]string{"Sat", "Sun"})
	typeInto(s.vacations, "2026-12-24 2026-12-23")
	if !s.saveStreak.Disabled() || !strings.Contains(s.streakErr.Text, "ends before it starts") {
		t.Errorf("a backwards vacation: %q", s.streakErr.Text)
	}
	typeInto(s.vacations, "2026-12-24 2027-01-02")
	test.Tap(s.saveStreak)
	st := h.u.plan.Settings
	if st.StreakMinutes != 30 || len(st.RestDays) != 2 || st.RestDays[0] != time.Sunday || len(st.Vacations) != 1 || st.Vacations[0].To != "2027-01-02" {
		t.Errorf("settings: %+v", st)
	}
	if !strings.Contains(h.u.today.streakSub.Text, "30 minutes") {
		t.Errorf("Today does not follow: %q", h.u.today.streakSub.Text)
	}
}

func TestBackupAndRestoreFromSettings(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.settings.backupNow()
	backups, _ := filepath.Glob(filepath.Join(h.db.BackupDir(), "corepath-2026*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	h.u.log.removeSession(h.u.sessions[0].id)
	if len(h.u.sessions) != 0 {
		t.Fatal("not deleted")
	}
	h.u.settings.restore(backups[0])
	if len(h.u.sessions) != 1 || !strings.Contains(h.u.settings.backupMsg.Text, "The store it replaced is backed up in") {
		t.Errorf("after restore: %d sessions, %q", len(h.u.sessions), h.u.settings.backupMsg.Text)
	}
	h.u.settings.restore(filepath.Join(t.TempDir(), "missing.db"))
	if len(h.u.sessions) != 1 {
		t.Error("a failed restore changed the data")
	}
}

func TestStartupErrorOffersTheNewestBackup(t *testing.T) {
	a := test.NewTempApp(t)
	restored := false
	s := ShowStartupError(a, tracker.Errorf(tracker.Damaged, "/x/corepath.db cannot be read"), "/x/backups/b.db", func() error { restored = true; return nil })
	if s.Restore == nil || !strings.Contains(s.Message.Text, "cannot be read") {
		t.Fatal("no restore offered")
	}
	test.Tap(s.Restore)
	if !restored {
		t.Error("the button does not restore")
	}
	if none := ShowStartupError(a, tracker.Errorf(tracker.InUse, "in use"), "", nil); none.Restore != nil {
		t.Error("a restore offered without a backup")
	}
}

func TestExportAndImportWithPreview(t *testing.T) {
	src := newHarness(t)
	if _, err := src.db.AddSession(tracker.Session{TopicID: src.topicID("BGP"), Start: src.now.Add(-3 * time.Hour), Duration: time.Hour, Tags: []string{"lab"}}); err != nil {
		t.Fatal(err)
	}
	src.u.reload()
	dir := t.TempDir()
	for _, f := range exportFormats {
		src.u.exportTo(filepath.Join(dir, "out"+f.ext), f.format)
		if info, err := os.Stat(filepath.Join(dir, "out"+f.ext)); err != nil || info.Size() == 0 {
			t.Errorf("%s export: %v", f.format, err)
		}
	}
	if !strings.Contains(src.u.status.Text, "Exported 1 session") {
		t.Errorf("status: %q", src.u.status.Text)
	}

	dst := newHarness(t)
	p := dst.u.previewImport(filepath.Join(dir, "out.json"))
	if p == nil || len(p.im.Sessions) != 1 || dst.countSessions() != 0 || !strings.Contains(p.summary.Text, "Would add 1 session, 1h") {
		t.Fatalf("preview: %+v (store holds %d)", p, dst.countSessions())
	}
	test.Tap(p.apply)
	if dst.countSessions() != 1 || len(dst.u.sessions) != 1 || !strings.Contains(dst.u.status.Text, "backed up to") {
		t.Errorf("after import: %d sessions, %q", dst.countSessions(), dst.u.status.Text)
	}
	again := dst.u.previewImport(filepath.Join(dir, "out.json"))
	if again == nil || !again.apply.Disabled() || again.im.Skipped != 1 {
		t.Errorf("a second import offers to add: %+v", again)
	}
	os.WriteFile(filepath.Join(dir, "bad.csv"), []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o600)
	if dst.u.previewImport(filepath.Join(dir, "bad.csv")) != nil || dst.countSessions() != 1 {
		t.Error("a binary file was offered for import")
	}
}

func TestLoadAfterShowLeavesTheReadingForLater(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t), h.db, Options{Now: func() time.Time { return h.now }, Loc: h.now.Location(), LoadAfterShow: true})
	if len(u.sessions) != 0 || len(u.plan.Topics) != 0 {
		t.Fatal("New read the store although asked to wait")
	}
	snap, err := u.load(0) // what Show runs on a goroutine
	if err != nil {
		t.Fatal(err)
	}
	u.apply(snap) // and then through fyne.Do
	if len(u.sessions) != 1 || !strings.HasPrefix(u.today.weekTotal.Text, "1.0 h") {
		t.Errorf("after the load: %d sessions, %q", len(u.sessions), u.today.weekTotal.Text)
	}
}
