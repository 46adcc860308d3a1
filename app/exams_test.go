package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

func TestExamsScreenAddsAnAttemptAndReadinessFollows(t *testing.T) {
	h := newHarness(t)
	s := h.u.planner.exams
	if s == nil {
		t.Fatal("no Exams tab over a real store")
	}
	practice, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("SPCOR exam preparation"), Start: h.now.Add(-26 * time.Hour), Duration: 2 * time.Hour, Kind: tracker.KindPracticeExam})
	if err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.planner.show(planExams)
	// The session maps to all five SPCOR domains alike, 20% of the study each: every domain has
	// its weight's share but Networking (30%), which has 20/30 of it. With no score and every
	// confidence at 0, readiness is 0.2 × coverage: 0.2 × (15×100 + 30×66.7 + 20×100 + 20×100 +
	// 15×100) / 100 = 18.
	if s.code != "350-501" || len(s.domains.Objects) != 5 || s.readiness.Readiness < 17.99 || s.readiness.Readiness > 18.01 {
		t.Fatalf("before any attempt: exam %q, %d domain rows, readiness %g", s.code, len(s.domains.Objects), s.readiness.Readiness)
	}
	if !strings.Contains(s.summary.Text, "not yet ready") {
		t.Errorf("summary %q", s.summary.Text)
	}

	s.addAttempt()
	f := s.form
	if h.u.win.Canvas().Focused() != f.date {
		t.Error("the date is not focused when the dialog opens")
	}
	if !f.result.Disabled() {
		t.Error("a practice exam offers a pass or fail result")
	}
	fill(f.date, "2026-11-20")
	for i, pct := range []string{"80", "90", "70", "85", "75"} {
		fill(f.domains[i], pct)
	}
	fill(f.source, "Boson")
	if len(f.session.Options) != 2 {
		t.Fatalf("session choices: %q", f.session.Options)
	}
	f.session.SetSelected(f.session.Options[1])
	f.source.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves

	p, _ := h.db.Plan()
	if len(p.Attempts) != 1 || len(p.Attempts[0].Domains) != 5 || p.Attempts[0].Source != "Boson" || p.Attempts[0].Kind != tracker.AttemptPractice || p.Attempts[0].SessionID != practice.ID {
		t.Fatalf("stored: %+v", p.Attempts)
	}
	// The scores add 0.6 × (0.15×80 + 0.3×90 + 0.2×70 + 0.2×85 + 0.15×75) = 0.6 × 81.25 = 48.75.
	if got := s.readiness.Readiness; got < 66.74 || got > 66.76 {
		t.Errorf("readiness after the attempt: %g, want 18 + 48.75", got)
	}
	if len(s.attempts) != 1 || !strings.Contains(attemptText(&h.u.plan, &s.attempts[0]), "81%") {
		t.Errorf("attempts list: %+v", s.attempts)
	}

	s.list.Select(0) // its score report
	if s.shown == nil || !strings.Contains(s.data.plan.AttemptReport(&s.attempts[0])[2], "2.0 Networking") {
		t.Errorf("no score report for %+v", s.attempts[0])
	}
	s.shown.Hide()

	s.addAttempt()
	fill(s.form.domains[0], "99")
	s.form.domains[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // Escape cancels
	if p, _ := h.db.Plan(); len(p.Attempts) != 1 {
		t.Errorf("Escape saved an attempt: %d", len(p.Attempts))
	}

	// A real exam needs its result; the date left empty is today.
	s.addAttempt()
	s.form.kind.SetSelected(string(tracker.AttemptExam))
	if s.form.result.Disabled() || !s.form.save.Disabled() {
		t.Error("a real exam without a result can be saved, or its result cannot be chosen")
	}
	s.form.result.SetSelected(string(tracker.Fail))
	spcor, _ := h.u.plan.Exam("350-501")
	if a, err := s.form.build(spcor, &h.u.plan, h.now); err != nil || a.Date != "2026-11-25" || s.form.save.Disabled() {
		t.Errorf("a failed exam today: %v", err)
	}
	// The words the date's placeholder suggests are dates too.
	for text, want := range map[string]tracker.Date{"today": "2026-11-25", "yesterday": "2026-11-24", "2026-11-20": "2026-11-20"} {
		fill(s.form.date, text)
		if a, err := s.form.build(spcor, &h.u.plan, h.now); err != nil || a.Date != want {
			t.Errorf("date %q: %q, %v; want %s", text, a.Date, err, want)
		}
	}
	// What the sitting cost: the exam's fee when left empty (the store records it), else what
	// was typed; a practice exam has none.
	if !strings.Contains(s.form.fee.PlaceHolder, "$400") || s.form.fee.Disabled() {
		t.Errorf("the fee field: %q, disabled %v", s.form.fee.PlaceHolder, s.form.fee.Disabled())
	}
	fill(s.form.fee, "$200")
	if a, err := s.form.build(spcor, &h.u.plan, h.now); err != nil || a.FeeUSD == nil || *a.FeeUSD != 200 {
		t.Errorf("a voucher's fee: %v, %v", a.FeeUSD, err)
	}
	fill(s.form.fee, "59.999")
	if !s.form.save.Disabled() {
		t.Error("Save is enabled with a fee of a fraction of a cent")
	}
	s.form.kind.SetSelected(string(tracker.AttemptPractice))
	if !s.form.fee.Disabled() {
		t.Error("a practice exam's fee can be typed")
	}
	s.form.dialog.Hide()

	s.addAttempt()
	fill(s.form.domains[0], "120")
	if !s.form.save.Disabled() {
		t.Error("Save is enabled with a score of 120%")
	}
	s.form.dialog.Hide()

	// A passed SPCOR opens the lab window, which the timeline draws.
	if len(s.timeline.items) != 0 {
		t.Errorf("timeline before any pass: %+v", s.timeline.items)
	}
	s.put(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2026-11-24", Result: tracker.Pass})
	if len(s.timeline.items) != 3 || s.timeline.items[0].to != "2029-11-24" || s.timeline.items[2].label != "today" || !strings.Contains(s.windows.Text, "Lab eligibility") {
		t.Errorf("timeline after a pass: %+v, %q", s.timeline.items, s.windows.Text)
	}
	// A lab passed the next day is the CCIE: the timeline draws its active status, and the
	// recertification options appear with their deadline (3 years, one of them with 29 February:
	// 1096 days).
	h.now = h.now.Add(24 * time.Hour)
	s.put(tracker.Attempt{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Date: "2026-11-26", Result: tracker.Pass})
	if !strings.Contains(s.windows.Text, "CCIE active: 1096 days left (ends 2029-11-26)") ||
		!strings.Contains(s.windows.Text, "Recertify by 2029-11-26: nearest, ") {
		t.Errorf("windows after the lab: %q", s.windows.Text)
	}
	active := false
	for _, it := range s.timeline.items {
		active = active || it.to == "2029-11-26" && it.row == 2
	}
	if !active {
		t.Errorf("no CCIE span on the timeline: %+v", s.timeline.items)
	}
	h.u.Undo()
	h.u.Undo()
	if p, _ := h.db.Plan(); len(p.Attempts) != 1 {
		t.Errorf("undo left %d attempts", len(p.Attempts))
	}

	// The threshold is edited in place; a bad one says what to type.
	typeInto(s.threshold, "60")
	s.threshold.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p, _ := h.db.Plan(); p.Rules().ReadyPercent != 60 || !strings.Contains(s.summary.Text, "threshold 60%") {
		t.Errorf("threshold %g, summary %q", p.Rules().ReadyPercent, s.summary.Text)
	}
	typeInto(s.threshold, "sixty")
	s.threshold.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !strings.Contains(h.u.status.Text, "not a percentage") {
		t.Errorf("status after a bad threshold: %q", h.u.status.Text)
	}
}

// fill replaces an entry's text by typing, as a person would.
func fill(e *keyEntry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// What the sources do not confirm is said to be reported wherever the app shows it, and the
// lab window a pending SPCOR would open is the rules' own, as edited.
func TestUncertainRulesSayTheyAreReported(t *testing.T) {
	h := newHarness(t)
	m05, ok := h.u.plan.Milestone("M05")
	if !ok {
		t.Fatal("no M05 in the seed plan")
	}
	if d := strings.Join(milestoneDetails(m05, &h.u.appData), " · "); !strings.Contains(d, "opens lab eligibility (3 years, reported 2026-11)") {
		t.Errorf("M05 says %q", d)
	}
	rules := h.u.plan.Rules()
	rules.LabEligibility.Years = 2
	if err := h.db.PutCertRules(rules); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	m05, _ = h.u.plan.Milestone("M05")
	if d := strings.Join(milestoneDetails(m05, &h.u.appData), " · "); !strings.Contains(d, "opens lab eligibility (2 years, reported 2026-11)") {
		t.Errorf("after the window was edited to 2 years, M05 says %q", d)
	}
	h.db.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2026-01-10", Result: tracker.Pass})
	h.db.PutAttempt(tracker.Attempt{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Date: "2026-06-01", Result: tracker.Pass})
	h.u.reload()
	s := h.u.planner.exams
	h.u.planner.show(planExams)
	if !strings.Contains(s.windows.Text, "in exam fees, reported 2026-11") {
		t.Errorf("the recertification line: %q", s.windows.Text)
	}
}

// A ready-to-book threshold refused leaves the field as the rules are.
func TestARefusedThresholdIsNotLeftInItsField(t *testing.T) {
	h := newHarness(t)
	s := h.u.planner.exams
	h.u.planner.show(planExams)
	for _, text := range []string{"150", "eighty"} {
		typeInto(s.threshold, text)
		s.threshold.OnSubmitted(s.threshold.Text)
		if s.threshold.Text != "80" || h.u.plan.Rules().ReadyPercent != 80 {
			t.Errorf("after %q: the field reads %q, the rules %g", text, s.threshold.Text, h.u.plan.Rules().ReadyPercent)
		}
		h.u.escape()
	}
}

// The CCDE written, which has no blueprint here, says so instead of showing the readiness of
// the exam shown before it, and a pass recorded from its dialog starts a new recertification
// cycle.
func TestTheCCDEWrittenHasNoReadinessAndAPassRecertifies(t *testing.T) {
	h := newHarness(t)
	s := h.u.planner.exams
	for _, a := range []tracker.Attempt{{Exam: "350-501", Kind: tracker.AttemptExam, Result: tracker.Pass, Date: "2024-01-10"},
		{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Result: tracker.Pass, Date: "2025-09-01"}} {
		if _, err := h.db.PutAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.planner.show(planExams)
	if len(s.domains.Objects) != 5 {
		t.Fatalf("SPCOR shows %d domains", len(s.domains.Objects))
	}
	s.exam.SetSelected("CCDE-WRITTEN CCDE written")
	if s.code != "CCDE-WRITTEN" || len(s.domains.Objects) != 0 || !strings.Contains(s.summary.Text, "CCDE written has no blueprint in Corepath, so no readiness is measured") {
		t.Fatalf("the CCDE written shows exam %q, %d domains, %q", s.code, len(s.domains.Objects), s.summary.Text)
	}
	if !strings.Contains(s.windows.Text, "2028-09-01") {
		t.Errorf("before the pass: %q", s.windows.Text)
	}

	s.addAttempt()
	f := s.form
	f.kind.SetSelected(string(tracker.AttemptExam))
	f.result.SetSelected(string(tracker.Pass))
	fill(f.date, "2026-10-01")
	f.date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p, _ := h.db.Plan(); len(p.Attempts) != 3 || p.Attempts[2].Exam != "CCDE-WRITTEN" {
		t.Fatalf("stored: %+v", p.Attempts)
	}
	if !strings.Contains(s.windows.Text, "2029-10-01") {
		t.Errorf("after the pass, the recertification deadline is not 2029-10-01: %q", s.windows.Text)
	}
}

// The add-attempt dialog opens without a complaint: its message shows once a field changes.
func TestTheAttemptDialogOpensWithoutAMessage(t *testing.T) {
	h := newHarness(t)
	h.u.planner.show(planExams)
	s := h.u.planner.exams
	s.addAttempt()
	f := s.form
	if msg := fieldMessage(h); msg != "" {
		t.Errorf("the new dialog says %q", msg)
	}
	if !f.save.Disabled() {
		t.Error("Save is enabled on a practice attempt with no score")
	}
	fill(f.date, "2026-11-20")
	if msg := fieldMessage(h); msg == "" {
		t.Error("no message once a field changed and the attempt records nothing")
	}
}

// fieldMessage is the text of the visible error label in the dialog on top, or "".
func fieldMessage(h *harness) string {
	var found string
	walkTopDialog(h, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance && l.Visible() {
			found = l.Text
		}
	})
	return found
}

// The fee-and-weights dialog changes the shown exam's figures as Cisco changes them: a sum
// other than 100 keeps Save off with the figures said, Enter saves, the readiness weighs by the
// new weights, and Undo puts the reported figures back, unedited.
func TestTheExamsFeeAndWeightsChange(t *testing.T) {
	h := newHarness(t)
	h.u.planner.show(planExams)
	s := h.u.planner.exams
	test.Tap(s.figures)
	f := s.figuresForm
	if f == nil || len(f.weights) != 5 || f.price.Text != "400" || f.weights[0].Text != "15" {
		t.Fatalf("the dialog: %+v", f)
	}
	fill(f.weights[0], "20")
	if !f.save.Disabled() || !strings.Contains(fieldMessage(h), "would add up to 105%") {
		t.Errorf("a sum of 105: save disabled %v, message %q", f.save.Disabled(), fieldMessage(h))
	}
	fill(f.weights[1], "25")
	fill(f.price, "450")
	f.price.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	p, _ := h.db.Plan()
	e, _ := p.Exam("350-501")
	if e.PriceUSD != 450 || e.Domains[0].Weight != 20 || e.Domains[1].Weight != 25 || e.Edited == "" {
		t.Fatalf("stored %+v", e)
	}
	if s.readiness.Domains[0].Weight != 20 || h.u.status.Text != "Changed the fee and weights of 350-501 ($450)." {
		t.Errorf("readiness weight %g, status %q", s.readiness.Domains[0].Weight, h.u.status.Text)
	}
	if m, _ := p.Milestone("M05"); m.CostUSD != 450 { // it cost the old fee: it follows
		t.Errorf("milestone M05 costs %v", m.CostUSD)
	}
	h.u.Undo()
	p, _ = h.db.Plan()
	if e, _ := p.Exam("350-501"); e.PriceUSD != 400 || e.Domains[0].Weight != 15 || e.Edited != "" {
		t.Errorf("after the undo: %+v", e)
	}
	if m, _ := p.Milestone("M05"); m.CostUSD != 400 {
		t.Errorf("after the undo, milestone M05 costs %v", m.CostUSD)
	}
	// Saved as it opened: nothing is written, and there is nothing to undo.
	steps := len(h.u.undoStack)
	test.Tap(s.figures)
	s.figuresForm.price.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(h.u.undoStack) != steps || h.dialogOpen() || h.u.status.Text != "The fee and weights of 350-501 are as they were." {
		t.Errorf("an unchanged save: undo steps %d to %d, a dialog open %v, status %q", steps, len(h.u.undoStack), h.dialogOpen(), h.u.status.Text)
	}
}

// Undo of a fee changed in the dialog puts back the fee as it was just before the save, also
// when the command line changed it while the dialog was open.
func TestUndoOfTheFeePutsBackTheFeeBeforeTheSave(t *testing.T) {
	h := newHarness(t)
	h.u.planner.show(planExams)
	s := h.u.planner.exams
	test.Tap(s.figures)
	elsewhere := 500.0
	if _, err := h.db.EditExam("350-501", &elsewhere, nil); err != nil {
		t.Fatal(err)
	}
	fill(s.figuresForm.price, "450")
	s.figuresForm.price.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.u.Undo()
	p, _ := h.db.Plan()
	if e, _ := p.Exam("350-501"); e.PriceUSD != 500 {
		t.Errorf("after the undo the fee is %v, not the $500 set elsewhere", e.PriceUSD)
	}
}

// A mark's label on the timeline stops short of the next mark on its row: it is placed before
// its mark, shortened to its short form, or left out, rather than drawn under the next mark.
func TestTimelineLabelsStayClearOfTheNextMark(t *testing.T) {
	items := []timelineItem{
		{row: 0, from: "2024-03-01", label: "350-501 fail", short: "fail", color: theme.ColorNameError},
		{row: 0, from: "2024-04-10", label: "350-501 pass", short: "pass", color: theme.ColorNameSuccess},
		{row: 1, from: "2024-09-01", label: "lab fail", short: "fail", color: theme.ColorNameError},
		{row: 1, from: "2024-12-15", label: "lab fail", short: "fail", color: theme.ColorNameError},
		{row: 1, from: "2025-04-01", label: "lab pass", short: "pass", color: theme.ColorNameSuccess},
		{row: -1, from: "2026-12-01", label: "today", color: theme.ColorNameForeground},
	}
	tl := newWindowTimeline()
	tl.SetData(items, "350-501")
	r := test.WidgetRenderer(tl)
	tl.Resize(fyne.NewSize(700, 100))
	r.Layout(fyne.NewSize(700, 100))
	objects := r.Objects()
	var shown []string
	for i, it := range items {
		label := objects[2*i+1].(*canvas.Text)
		shown = append(shown, label.Text)
		for j := i + 1; j < len(items) && it.row >= 0; j++ {
			if items[j].row != it.row {
				continue
			}
			if end, next := label.Position().X+label.MinSize().Width, objects[2*j].Position().X; label.Text != "" && end > next {
				t.Errorf("the label %q ends at %v, over the next mark at %v", label.Text, end, next)
			}
			break
		}
	}
	if shown[4] != "lab pass" {
		t.Errorf("labels shown: %q", shown)
	}
}

// The timeline a new user showed (a 350-501 fail, then a pass a week before today, the lab
// booked past the window's end): at the widths the Exams tab has at 1024x640, 1280x800 and
// 1920x1080, no label is cut by the chart's edges, crossed by the today line or over another,
// each is its whole text, its short form or none, and the marks' labels are whole. The today
// line ran through "350-501 pass", the last year read "2" and, at 1024 wide, "350-501 fail"
// read "fail".
func TestTimelineLabelsAreWholeAndClearOfTodayAndEachOther(t *testing.T) {
	test.NewTempApp(t)
	items := []timelineItem{
		{row: 0, from: "2026-11-27", to: "2029-11-27", label: "Lab eligibility to 2029-11-27 (reported 2026-11)", color: theme.ColorNamePrimary},
		{row: 0, from: "2026-10-24", label: "350-501 fail", short: "fail", color: theme.ColorNameError},
		{row: 0, from: "2026-11-27", label: "350-501 pass", short: "pass", color: theme.ColorNameSuccess},
		{row: -1, from: "2026-12-03", label: "today", color: theme.ColorNameForeground},
		{row: 1, from: "2029-12-10", label: "lab target 2029-12-10", short: "target", color: theme.ColorNamePlaceHolder},
	}
	for _, width := range []float32{900, 1090, 1800} {
		tl := newWindowTimeline()
		tl.SetData(items, "350-501")
		r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)
		size := fyne.NewSize(width, r.MinSize().Height)
		tl.Resize(size)
		r.Layout(size)
		objects := r.Objects()
		line := objects[2*3]
		type box struct {
			text     string
			pos, end fyne.Position
		}
		var boxes []box
		for i, o := range objects {
			label, ok := o.(*canvas.Text)
			if !ok || i%2 == 0 || !label.Visible() || label.Text == "" {
				continue
			}
			w := fyne.MeasureText(label.Text, label.TextSize, label.TextStyle)
			boxes = append(boxes, box{label.Text, label.Position(), label.Position().Add(fyne.NewPos(w.Width, w.Height))})
			if i < 2*len(items) {
				if it := items[i/2]; label.Text != it.label && label.Text != it.short {
					t.Errorf("%v wide: %q is neither %q nor %q", width, label.Text, it.label, it.short)
				}
			}
		}
		shown := map[string]bool{}
		for k, b := range boxes {
			shown[b.text] = true
			if b.pos.X < 0 || b.end.X > width+0.5 || b.pos.Y < 0 || b.end.Y > size.Height+0.5 {
				t.Errorf("%v wide: %q at %v..%v is cut by the chart's edges (%v)", width, b.text, b.pos, b.end, size)
			}
			if lx := line.Position().X; b.text != "today" && b.pos.X < lx+line.Size().Width && b.end.X > lx {
				t.Errorf("%v wide: the today line at %v runs through %q at %v..%v", width, lx, b.text, b.pos.X, b.end.X)
			}
			for _, o := range boxes[k+1:] {
				if b.pos.X < o.end.X && o.pos.X < b.end.X && b.pos.Y < o.end.Y-1 && o.pos.Y < b.end.Y-1 {
					t.Errorf("%v wide: %q at %v..%v and %q at %v..%v overlap", width, b.text, b.pos, b.end, o.text, o.pos, o.end)
				}
			}
		}
		for _, want := range []string{"350-501 fail", "350-501 pass", "lab target 2029-12-10", "today", "2027", "2028", "2029"} {
			if !shown[want] {
				t.Errorf("%v wide: %q is not shown whole; shown %v", width, want, shown)
			}
		}
	}
}

// An ended CCIE is said to have ended on the Exams tab, with no recertification offered.
func TestTheExamsTabSaysAnEndedCCIEEnded(t *testing.T) {
	h := newHarness(t) // 2026-11-25
	for _, a := range []tracker.Attempt{
		{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2022-06-01", Result: tracker.Pass},
		{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Date: "2023-02-28", Result: tracker.Pass},
	} {
		if _, err := h.db.PutAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.planner.show(planExams)
	if text := h.u.planner.exams.windows.Text; !strings.Contains(text, "The CCIE ended on 2026-02-28 (270 days ago)") || strings.Contains(text, "Recertify by") {
		t.Errorf("the Exams tab says: %q", text)
	}
}

// The add-attempt form, taller than a 1024x640 window, scrolls inside its dialog, whose buttons
// stay under it; in a taller window it is shown whole.
func TestATallFormScrollsInsideItsDialog(t *testing.T) {
	h := newHarness(t)
	h.u.planner.show(planExams)
	s := h.u.planner.exams
	scrolls := func() bool {
		found := false
		walkTopDialog(h, func(o fyne.CanvasObject) { // the scroll around the form, not a field's own
			if sc, ok := o.(*container.Scroll); ok {
				if box, ok := sc.Content.(*fyne.Container); ok && len(box.Objects) > 0 {
					_, isForm := box.Objects[0].(*widget.Form)
					found = found || isForm
				}
			}
		})
		return found
	}
	s.addAttempt()
	if scrolls() {
		t.Error("the form scrolls in a window 800 tall")
	}
	s.form.dialog.Hide()
	h.u.Window().Resize(fyne.NewSize(1024, 640))
	s.addAttempt()
	if !scrolls() {
		t.Fatal("the form does not scroll in a window 640 tall")
	}
	// Tab to the last field brings it into view.
	var page *container.Scroll
	walkTopDialog(h, func(o fyne.CanvasObject) {
		if sc, ok := o.(*container.Scroll); ok && page == nil {
			page = sc
		}
	})
	h.u.win.Canvas().Focus(s.form.note)
	if page.Offset.Y <= 0 {
		t.Errorf("the note, focused below the fold, left the page at %v", page.Offset)
	}
	// What keeps Save disabled is said under the page, in view, not at the foot of the form.
	fill(s.form.domains[0], "120")
	said := func(within fyne.CanvasObject) (found bool) {
		walkTree(within, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, "a score of 120") {
				found = true
			}
		})
		return found
	}
	if !s.form.save.Disabled() || said(page.Content) {
		t.Error("the message that keeps Save disabled scrolls with the form, out of view")
	}
	var shown bool
	walkTopDialog(h, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, "a score of 120") {
			shown = true
		}
	})
	if !shown {
		t.Error("no message says why Save is disabled")
	}
}

// A domain's score is from the attempts that scored it; one no attempt scored shows the overall
// scores and says so.
func TestExamsScreenKeepsOverallScoresOutOfScoredDomains(t *testing.T) {
	h := newHarness(t)
	s := h.u.planner.exams
	h.u.planner.show(planExams)
	scored := func(day string, pcts ...float64) tracker.Attempt {
		a := tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptPractice, Date: tracker.Date(day)}
		for i, pct := range pcts {
			a.Domains = append(a.Domains, tracker.DomainScore{Domain: s.readiness.Domains[i].ID, Percent: pct})
		}
		return a
	}
	s.put(scored("2026-10-01", 70, 60, 75, 65)) // 5.0 is never scored
	s.put(scored("2026-11-01", 80, 70, 85, 75))
	s.put(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptPractice, Date: "2026-11-20", Score: 81, ScoreMax: 100})
	rows := func() []string {
		var out []string
		for _, row := range s.domains.Objects {
			var texts []string
			walkTree(row, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok {
					texts = append(texts, l.Text)
				}
			})
			out = append(out, strings.Join(texts, " | "))
		}
		return out
	}
	// 1.0: 70 and 80, the mean 75 of 2 (not 77 of 3 with the overall 81); 5.0: the overall 81.
	got := rows()
	if len(got) != 5 || !strings.Contains(got[0], "score 75%, the mean of the last 2 (first 70%, latest 80%)") ||
		!strings.Contains(got[4], "score 81%, from 1 attempt's overall score: no attempt scored this domain") ||
		strings.Contains(strings.Join(got[:4], "\n"), "overall") {
		t.Errorf("domain rows:\n%s", strings.Join(got, "\n"))
	}
	s.put(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptPractice, Date: "2026-11-22", Score: 83, ScoreMax: 100})
	if got := rows(); len(got) != 5 || !strings.Contains(got[4], "score 82%, the mean of the last 2 overall scores (first 81%, latest 83%): no attempt scored this domain") {
		t.Errorf("domain rows after a second overall score:\n%s", strings.Join(got, "\n"))
	}
}

// A passed exam's summary says the pass first, as the command line does: its readiness is for
// a retake, and "Readiness 0%" in front read as if the pass did not count.
func TestAPassedExamSaysThePassFirst(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2025-01-15", Result: tracker.Pass, Score: 880, ScoreMax: 1000}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.planner.show(planExams)
	if got := h.u.planner.exams.summary.Text; !strings.HasPrefix(got, "Passed on 2025-01-15 (readiness 0% against a threshold of 80%)") {
		t.Errorf("summary %q", got)
	}
}
