package app

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

func TestMilestoneDoneAndWindows(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenPlan)
	timeline := h.u.planner.milestones
	// The tab holds the whole road, the degree's milestone M01 first, so it is not named after the certification.
	if tab := h.u.planner.tabs.Items[planMilestones]; tab.Text != "Milestones" || h.u.plan.Milestones[0].ID != "M01" {
		t.Errorf("the milestones' tab is %q and lists %s first", tab.Text, h.u.plan.Milestones[0].ID)
	}
	idx := -1
	for i, m := range h.u.plan.Milestones {
		if m.ID == "M05" {
			idx = i
		}
	}
	timeline.setStatus(idx, tracker.Done)
	m, _ := h.u.plan.Milestone("M05")
	if m.Status != tracker.Done || m.DoneOn != "2026-11-25" {
		t.Fatalf("M05 = %+v", m)
	}
	if !strings.Contains(timeline.summary.Text, "Lab eligibility: 1096 days left (ends 2029-11-25)") {
		t.Errorf("summary: %q", timeline.summary.Text)
	}
	h.u.showScreen(screenToday) // refreshed as it is shown
	if !strings.Contains(h.u.today.windows.Text, "Lab eligibility") {
		t.Errorf("Today does not show the window: %q", h.u.today.windows.Text)
	}
	h.u.Undo()
	if m, _ := h.u.plan.Milestone("M05"); m.Status != tracker.Planned {
		t.Error("undo did not restore the status")
	}

	// Add a milestone through the dialog; Save is enabled only while it is valid.
	timeline.edit(nil)
	f := timeline.dialogForm
	if !timeline.dialogSave.Disabled() {
		t.Error("Save enabled without a title")
	}
	typeInto(f.title, "Cisco Live SP sessions")
	typeInto(f.target, "2027-06-0")
	if !timeline.dialogSave.Disabled() {
		t.Error("Save enabled with a bad date")
	}
	typeInto(f.target, "2027-06-07")
	test.Tap(timeline.dialogSave)
	if _, ok := h.u.plan.Milestone("M13"); !ok {
		t.Fatal("new milestone missing")
	}
	last := len(h.u.plan.Milestones) - 1
	timeline.move(last, -1)
	if h.u.plan.Milestones[last-1].ID != "M13" {
		t.Error("move up did not reorder")
	}
}

func TestCourseWithGradeShowsGPA(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenPlan)
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

// A cost typed with cents keeps them in the milestone's row and in the costs the Exams tab adds
// up: $59.99, and $2,059.99 with the seed's $400 SPCOR and $1,600 lab, not $60 and $2,060.
func TestMilestoneCostKeepsItsCents(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenPlan)
	timeline := h.u.planner.milestones
	timeline.edit(nil)
	typeInto(timeline.dialogForm.title, "Buy Cisco Press SPCOR guide")
	typeInto(timeline.dialogForm.cost, "$59.99")
	test.Tap(timeline.dialogSave)
	m, ok := h.u.plan.Milestone("M13")
	if !ok || m.CostUSD != 59.99 {
		t.Fatalf("M13 = %+v, %v", m, ok)
	}
	if d := strings.Join(milestoneDetails(m, &h.u.appData), " · "); !strings.Contains(d, "$59.99 to pay") {
		t.Errorf("M13 says %q", d)
	}
	h.u.planner.exams.refresh()
	if got := h.u.planner.exams.windows.Text; !strings.Contains(got, "Costs: $0 spent, $2,059.99 still planned") {
		t.Errorf("the Exams tab's costs: %q", got)
	}
	timeline.edit(m)
	typeInto(timeline.dialogForm.cost, "59.999")
	if !timeline.dialogSave.Disabled() {
		t.Error("Save enabled for a fraction of a cent")
	}
}

// The course dialog refuses a final grade on a course in progress, as the command line does,
// and says what to set instead; an I (incomplete) stays in progress.
func TestCourseFormRefusesAFinalGradeInProgress(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenPlan)
	d := h.u.planner.degree
	d.editCourse(nil)
	f := d.dialogForm
	typeInto(f.code, "NET310")
	typeInto(f.credits, "3")
	f.status.SetSelected(string(tracker.CourseInProgress))
	f.grade.SetSelected("A")
	if !d.dialogSave.Disabled() || !strings.Contains(d.dialogMsg.Text, "Grade A is a final grade, which an in-progress course does not have yet") ||
		!strings.Contains(d.dialogMsg.Text, "Set the Status to completed, or the Grade to "+noGrade) {
		t.Errorf("in progress with an A: Save disabled %v, %q", d.dialogSave.Disabled(), d.dialogMsg.Text)
	}
	f.grade.SetSelected("I")
	if d.dialogSave.Disabled() {
		t.Errorf("an incomplete course in progress is refused: %q", d.dialogMsg.Text)
	}
	f.grade.SetSelected("A")
	f.status.SetSelected(string(tracker.CourseCompleted))
	test.Tap(d.dialogSave)
	if !strings.Contains(d.summary.Text, "3 of 120 credits earned · GPA 4.00") {
		t.Errorf("degree summary: %q", d.summary.Text)
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

// The certification's progress says the CCIE's state once the lab is passed (it said only
// "2 of 13 milestones done; next: Earn a bachelor's degree"), and the certification's next step.
func TestReferenceSaysTheCertificationsState(t *testing.T) {
	h := newHarness(t) // 2026-11-25
	for _, m := range []struct{ id, on string }{{"M05", "2025-01-10"}, {"M09", "2026-06-15"}} {
		ms, _ := h.db.Plan()
		done, _ := ms.Milestone(m.id)
		done.Status, done.DoneOn = tracker.Done, tracker.Date(m.on)
		if _, err := h.db.PutMilestone(*done); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.showScreen(screenReference)
	// Active for 3 years from the lab: to 2029-06-15, 933 days after 2026-11-25 (5 to 30
	// November, 731 to 2028-11-30 with its 29 February, 197 to 15 June).
	if got := h.u.reference.progress["certification"].Text; !strings.Contains(got, "CCIE active: 933 days left (ends 2029-06-15)") || strings.Contains(got, "Earn a bachelor") {
		t.Errorf("certification: %q", got)
	}
}

func TestReferenceCarriesTheRoleAndProgress(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenReference)
	r := h.u.reference
	md := richText(r.intro.Segments) + richText(r.similar.Segments)
	for _, want := range []string{"$109,040", "$52.42", "$2,096", "$9,086", "$31,000", "$158,000", "$89,000 and $133,500", "ZipRecruiter", "2025-06-19",
		"Network Architect", "Telecommunications Engineer", "IP/MPLS Network Engineer"} {
		if !strings.Contains(md, want) {
			t.Errorf("reference pane lacks %q", want)
		}
	}
	if !strings.Contains(r.progress["degree"].Text, "0 of 120 credits") || !strings.Contains(r.progress["certification"].Text, "; next on the certification path: ") {
		t.Errorf("progress: %q / %q", r.progress["degree"].Text, r.progress["certification"].Text)
	}
	test.Tap(r.links["degree"])
	if h.u.tabs.SelectedIndex() != screenPlan || h.u.planner.tabs.SelectedIndex() != planDegree {
		t.Error("the degree link does not open the Degree plan")
	}
}

// A done date on a milestone that is not done is refused in the dialog, not dropped on save.
func TestADoneDateNeedsTheStatusDone(t *testing.T) {
	h := newHarness(t)
	timeline := h.u.planner.milestones
	timeline.edit(nil)
	f := timeline.dialogForm
	typeInto(f.title, "Pass ENARSI")
	f.status.SetSelected(string(tracker.Planned))
	typeInto(f.done, "2026-11-20")
	if !timeline.dialogSave.Disabled() {
		t.Error("Save enabled for a planned milestone with a done date")
	}
	f.status.SetSelected(string(tracker.Done))
	if timeline.dialogSave.Disabled() {
		t.Error("Save disabled for a done milestone with its date")
	}
}

// A topic the store would refuse to remove (it has subtopics, or sessions) is said so at once,
// not after a question whose yes then fails.
func TestATopicThatCannotBeRemovedIsSaidSoBeforeAsking(t *testing.T) {
	h := newHarness(t)
	s := h.u.planner.skills
	h.u.planner.show(planSkills)
	s.remove(h.topicID("OSPF"))
	if len(h.u.dialogs) != 1 || !strings.Contains(h.u.status.Text, "subtopics: remove or move them first") {
		t.Errorf("OSPF, with subtopics: %d dialogs, %q", len(h.u.dialogs), h.u.status.Text)
	}
	h.u.escape()
	rr := h.topicID("BGP > Route reflectors")
	if _, err := h.db.AddSession(tracker.Session{TopicID: rr, Start: h.now.Add(-2 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	s.remove(rr)
	if !strings.Contains(h.u.status.Text, "has 1 session logged against it: move it to another topic first") {
		t.Errorf("a subtopic with a session: %q", h.u.status.Text)
	}
	h.u.escape()
	if _, err := h.db.PutTopic(tracker.Topic{Name: "Route servers", ParentID: h.topicID("BGP"), Track: tracker.TrackSkills}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	s.remove(h.topicID("BGP > Route servers"))
	if len(h.u.dialogs) != 1 {
		t.Fatalf("a removable topic: %d dialogs", len(h.u.dialogs))
	}
	h.u.enter() // yes
	if _, err := tracker.MatchTopic(&h.u.plan, "BGP > Route servers"); err == nil {
		t.Error("the topic was not removed")
	}
}

// The degree program being typed keeps what is typed when the store changes meanwhile (a log
// from the command line reloads every screen), says it is not saved yet, and takes the stored
// program once saved.
func TestTheDegreeProgramBeingTypedSurvivesAReload(t *testing.T) {
	h := newHarness(t)
	d := h.u.planner.degree
	h.u.planner.show(planDegree)
	typeInto(d.name, "BS Information Technology (online)")
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-time.Hour), Duration: 30 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	h.u.reload() // what the watch does when another process wrote
	if d.name.Text != "BS Information Technology (online)" || !d.progEdit.Visible() {
		t.Fatalf("after a reload the program reads %q (not saved shown: %v)", d.name.Text, d.progEdit.Visible())
	}
	test.Tap(d.saveProg)
	if h.u.plan.Program.Name != "BS Information Technology (online)" || d.progEdit.Visible() {
		t.Errorf("after the save: stored %q, not saved shown %v", h.u.plan.Program.Name, d.progEdit.Visible())
	}
}

// Enter in the degree program's fields saves it, as the note says; a field given in short
// ("CS") then reads as stored, and no edit is said to be left unsaved.
func TestEnterSavesTheDegreeProgram(t *testing.T) {
	h := newHarness(t)
	h.u.planner.show(planDegree)
	d := h.u.planner.degree
	typeInto(&d.field.Entry, "CS")
	typeInto(d.required, "128")
	d.required.OnSubmitted(d.required.Text)
	p, _ := h.db.Plan()
	if p.Program.Field != "Computer Science" || p.Program.CreditsRequired != 128 {
		t.Fatalf("stored %+v", p.Program)
	}
	if d.field.Text != "Computer Science" || d.progEdit.Visible() {
		t.Errorf("after the save: field %q, unsaved note shown %v", d.field.Text, d.progEdit.Visible())
	}
}
