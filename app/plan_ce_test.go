package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// planMenuItem runs the Plan menu's item with the label, as the keyboard does.
func planMenuItem(t *testing.T, h *harness, label string) {
	t.Helper()
	for _, it := range h.u.planner.menu().Items {
		if it.Label == label {
			it.Action()
			return
		}
	}
	t.Fatalf("the Plan menu has no %q", label)
}

// A CE activity typed into the dialog, opened from the Plan menu, is stored and listed, newest
// first, with the totals; Undo takes it back.
func TestCEActivityAddedThroughTheDialogIsListedAndStored(t *testing.T) {
	h := newHarness(t)
	c := h.u.planner.ce
	if c == nil {
		t.Fatal("no CE credits tab over a real store")
	}
	if tab := h.u.planner.tabs.Items[planCE]; tab.Text != "CE credits" {
		t.Errorf("tab %d is %q", planCE, tab.Text)
	}
	planMenuItem(t, h, "Add a CE activity…")
	if h.u.shownScreen() != screenPlan || h.u.planner.tabs.SelectedIndex() != planCE || len(h.u.dialogs) != 1 {
		t.Fatalf("the menu item shows screen %d, tab %d, %d dialogs", h.u.shownScreen(), h.u.planner.tabs.SelectedIndex(), len(h.u.dialogs))
	}
	f := c.dialogForm
	// The defaults: completed today, the credits empty with a hint; the activity has the focus.
	if f.date.Text != "2026-11-25" || f.state.Selected != "completed" || f.credits.Text != "" || f.credits.PlaceHolder == "" {
		t.Errorf("defaults: date %q, state %q, credits %q (placeholder %q)", f.date.Text, f.state.Selected, f.credits.Text, f.credits.PlaceHolder)
	}
	if h.u.win.Canvas().Focused() != f.activity {
		t.Error("the activity is not focused when the dialog opens")
	}
	if !c.dialogSave.Disabled() {
		t.Error("Save is enabled on an empty activity")
	}
	fill(f.activity, "Cisco Live session BRKSPG-2000")
	fill(f.provider, "Cisco Live")
	fill(f.date, "2026-10-01")
	fill(f.evidence, "https://www.ciscolive.com/on-demand")
	fill(f.credits, "8")
	f.credits.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves
	p, _ := h.db.Plan()
	want := tracker.Credit{ID: "ce1", Activity: "Cisco Live session BRKSPG-2000", Provider: "Cisco Live", Date: "2026-10-01", Credits: 8,
		State: tracker.CreditCompleted, Evidence: "https://www.ciscolive.com/on-demand"}
	if len(p.Credits) != 1 || p.Credits[0] != want {
		t.Fatalf("stored %+v", p.Credits)
	}
	if len(h.u.dialogs) != 0 {
		t.Error("the dialog stays open after Enter saved")
	}

	// A second, older and approved, by tapping Save: the ledger is newest first.
	c.edit(nil)
	fill(c.dialogForm.activity, "SPAUI course")
	fill(c.dialogForm.date, "2026-08-20")
	fill(c.dialogForm.credits, "32")
	c.dialogForm.state.SetSelected("approved")
	test.Tap(c.dialogSave)
	if len(c.credits) != 2 || c.credits[0].Activity != "Cisco Live session BRKSPG-2000" || c.credits[1].Activity != "SPAUI course" {
		t.Fatalf("ledger %+v", c.credits)
	}
	if got := creditText(&c.credits[0], c.outlook); got != "2026-10-01 · 8 CE credits · completed · Cisco Live · evidence: https://www.ciscolive.com/on-demand" {
		t.Errorf("row %q", got)
	}
	if c.totals.Text != "40 CE credits earned, 0 planned (2 activities)" {
		t.Errorf("totals %q", c.totals.Text)
	}
	h.u.Undo()
	if p, _ := h.db.Plan(); len(p.Credits) != 1 || len(c.credits) != 1 || c.totals.Text != "8 CE credits earned, 0 planned (1 activity)" {
		t.Errorf("after undo: stored %d, listed %d, totals %q", len(p.Credits), len(c.credits), c.totals.Text)
	}
}

// What ValidateCredit refuses cannot be saved, by Save or Enter: the message says why under the
// form, and nothing is stored. Escape cancels.
func TestCEActivityDialogRefusesWhatTheCLIRefuses(t *testing.T) {
	h := newHarness(t)
	c := h.u.planner.ce
	h.u.planner.show(planCE)
	c.edit(nil)
	f := c.dialogForm
	fill(f.activity, "Cisco U. tutorial")
	for _, tc := range []struct{ credits, date, state, says string }{
		{"", "2026-11-20", "completed", "type the CE credits the activity earns"},
		{"-3", "2026-11-20", "completed", "CE credits must be above 0 and at most 200, not -3"},
		{"eight", "2026-11-20", "completed", `"eight" is not a number`},
		{"201", "2026-11-20", "completed", "at most 200"},
		{"2", "2026-13-01", "completed", `Date: "2026-13-01" is not a day`},
		{"2", "2026-12-01", "completed", "A completed activity cannot be dated 2026-12-01, after today (2026-11-25)"},
	} {
		fill(f.credits, tc.credits)
		fill(f.date, tc.date)
		f.state.SetSelected(tc.state)
		if !c.dialogSave.Disabled() || !c.dialogMsg.Visible() || !strings.Contains(c.dialogMsg.Text, tc.says) {
			t.Errorf("credits %q on %s: Save disabled %v, message %q (shown %v), want %q", tc.credits, tc.date, c.dialogSave.Disabled(), c.dialogMsg.Text, c.dialogMsg.Visible(), tc.says)
		}
		f.credits.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter does not save it
		test.Tap(c.dialogSave)
		if p, _ := h.db.Plan(); len(p.Credits) != 0 || len(h.u.dialogs) != 1 {
			t.Fatalf("credits %q on %s: stored %+v, %d dialogs", tc.credits, tc.date, p.Credits, len(h.u.dialogs))
		}
	}
	// Planned, the same future day is fine; Escape still discards it.
	f.state.SetSelected("planned")
	if c.dialogSave.Disabled() || c.dialogMsg.Visible() {
		t.Errorf("a planned activity next week: Save disabled %v, message %q", c.dialogSave.Disabled(), c.dialogMsg.Text)
	}
	f.credits.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if p, _ := h.db.Plan(); len(p.Credits) != 0 || len(h.u.dialogs) != 0 {
		t.Errorf("Escape: stored %+v, %d dialogs", p.Credits, len(h.u.dialogs))
	}
}

// An activity's edit keeps its id, and Undo puts the old one back; a removal asks first, and
// Undo restores the activity with its id.
func TestCEActivityEditAndRemoveUndo(t *testing.T) {
	h := newHarness(t)
	c := h.u.planner.ce
	if _, err := h.db.PutCredit(tracker.Credit{Activity: "Cisco Live session", Provider: "Cisco Live", Date: "2026-10-01", Credits: 8, State: tracker.CreditCompleted}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.planner.show(planCE)
	if len(c.credits) != 1 {
		t.Fatalf("ledger %+v", c.credits)
	}
	c.edit(&c.credits[0])
	f := c.dialogForm
	if f.activity.Text != "Cisco Live session" || f.credits.Text != "8" || f.date.Text != "2026-10-01" || f.provider.Text != "Cisco Live" || c.dialogSave.Disabled() {
		t.Errorf("the edit opens with %q %q %q %q, Save disabled %v", f.activity.Text, f.credits.Text, f.date.Text, f.provider.Text, c.dialogSave.Disabled())
	}
	fill(f.credits, "12")
	f.state.SetSelected("submitted")
	test.Tap(c.dialogSave)
	p, _ := h.db.Plan()
	if len(p.Credits) != 1 || p.Credits[0].ID != "ce1" || p.Credits[0].Credits != 12 || p.Credits[0].State != tracker.CreditSubmitted {
		t.Fatalf("after the edit: %+v", p.Credits)
	}
	h.u.Undo()
	if p, _ := h.db.Plan(); p.Credits[0].Credits != 8 || p.Credits[0].State != tracker.CreditCompleted {
		t.Errorf("undo of the edit: %+v", p.Credits)
	}

	c.remove(0)
	if len(h.u.dialogs) != 1 {
		t.Fatalf("the removal does not ask: %d dialogs", len(h.u.dialogs))
	}
	h.u.enter() // Remove
	if p, _ := h.db.Plan(); len(p.Credits) != 0 || len(c.credits) != 0 {
		t.Fatalf("after the removal: stored %+v, listed %+v", p.Credits, c.credits)
	}
	h.u.Undo()
	if p, _ := h.db.Plan(); len(p.Credits) != 1 || p.Credits[0].ID != "ce1" || len(c.credits) != 1 {
		t.Errorf("undo of the removal: stored %+v, listed %d", p.Credits, len(c.credits))
	}
	if !strings.Contains(h.u.status.Text, "Undone: remove CE activity") {
		t.Errorf("status %q", h.u.status.Text)
	}
}

// Before the CCIE, the tab says the options apply once it is earned, and lists them unmeasured.
func TestCEOptionsBeforeTheCCIE(t *testing.T) {
	h := newHarness(t)
	c := h.u.planner.ce
	h.u.planner.show(planCE)
	if !strings.Contains(c.recert.Text, "Recertification starts once the CCIE is achieved (the passed lab)") {
		t.Errorf("recert %q", c.recert.Text)
	}
	if r := h.u.plan.Rules(); len(c.options.Objects) != len(r.Options) || len(r.Options) == 0 {
		t.Errorf("%d option rows for %d options", len(c.options.Objects), len(r.Options))
	}
}

// The options' figures in a worked example. The CCIE is achieved with the lab passed on
// 2026-06-15, so the cycle runs to 2029-06-15, 933 days after the harness's 2026-11-25 (365 +
// 366, for 29 February 2028, + 202). Earned in it: 32 (approved) + 8 (completed) + 1.5
// (submitted) = 41.5; the 5 of 2026-06-01 are before the cycle and do not count, the 16 planned
// not yet. So:
//   - 120 CE credits: 41.5/120 = 34.6%, shown 35%, 120 − 41.5 = 78.5 to go, no fees: the nearest
//     (tied with a concentration exam and 80 credits below, and cheaper) and the cheapest;
//   - a core exam and 40 credits: the 40 met, the exam weighs 80: 40/120 = 33%, the exam to go at
//     SPCOR's $400;
//   - a concentration exam and 80 credits: 41.5 of 80, the exam weighing 40: 41.5/120 = 35%,
//     80 − 41.5 = 38.5 credits and the exam to go, at $300.
func TestCEOptionsWorkedExample(t *testing.T) {
	h := newHarness(t)
	c := h.u.planner.ce
	for _, a := range []tracker.Attempt{
		{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2025-01-10", Result: tracker.Pass},
		{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Date: "2026-06-15", Result: tracker.Pass},
	} {
		if _, err := h.db.PutAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, cr := range []tracker.Credit{
		{Activity: "Before the lab", Date: "2026-06-01", Credits: 5, State: tracker.CreditCompleted},
		{Activity: "SPAUI course", Provider: "Fast Lane", Date: "2026-08-20", Credits: 32, State: tracker.CreditApproved},
		{Activity: "Cisco Live session", Date: "2026-10-01", Credits: 8, State: tracker.CreditCompleted},
		{Activity: "Cisco U. tutorial", Date: "2026-11-12", Credits: 1.5, State: tracker.CreditSubmitted},
		{Activity: "Automation workshop", Date: "2027-03-10", Credits: 16, State: tracker.CreditPlanned},
	} {
		if _, err := h.db.PutCredit(cr); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.planner.show(planCE)
	if want := "Recertify by 2029-06-15 (933 days left). The cycle began 2026-06-15, with the passed lab; each option met keeps the CCIE active 3 years from that day."; c.recert.Text != want {
		t.Errorf("recert %q\nwant    %q", c.recert.Text, want)
	}
	if c.totals.Text != "46.5 CE credits earned (41.5 of them in this cycle), 16 planned (5 activities)" {
		t.Errorf("totals %q", c.totals.Text)
	}
	if c.credits[0].Activity != "Automation workshop" || !strings.Contains(creditText(&c.credits[4], c.outlook), "it counts toward no cycle") {
		t.Errorf("ledger: first %q, last %q", c.credits[0].Activity, creditText(&c.credits[4], c.outlook))
	}
	// The rows as shown: the name beside its bar, the progress under them.
	lines := map[string]string{}
	for _, o := range c.options.Objects {
		row := o.(*fyne.Container)
		name := row.Objects[0].(*fyne.Container).Objects[0].(*widget.Label).Text
		lines[name] = row.Objects[1].(*widget.Label).Text
	}
	if len(lines) != len(h.u.plan.Rules().Options) {
		t.Errorf("%d option rows: %q", len(lines), lines)
	}
	for name, want := range map[string]string{
		"120 CE credits": "35% done, 78.5 CE credits to go · [nearest] · [cheapest]",
		"A technology core exam and 40 CE credits": "33% done, 1 core exam to go, $400 in exam fees (reported 2026-11)",
		"A concentration exam and 80 CE credits":   "35% done, 38.5 CE credits, 1 concentration exam to go, $300 in exam fees (reported 2026-11)",
	} {
		if lines[name] != want {
			t.Errorf("%s: %q\nwant %q", name, lines[name], want)
		}
	}
	if !strings.Contains(c.notes.Text, tracker.ShareNote()) || !strings.Contains(c.notes.Text, "Planned activities add 16 CE credits once completed.") {
		t.Errorf("notes %q", c.notes.Text)
	}
}

// The CE credits tab is filled when it is opened, not on every load while it is hidden, and
// then shows the plan as it is.
func TestTheCETabIsFilledWhenOpened(t *testing.T) {
	h := newHarness(t)
	h.u.planner.show(planMilestones)
	if _, err := h.db.PutCredit(tracker.Credit{Activity: "Cisco Live session", Provider: "Cisco Live", Date: "2026-10-01", Credits: 8, State: tracker.CreditCompleted}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	c := h.u.planner.ce
	if !h.u.planner.ceStale || strings.Contains(c.totals.Text, "8 CE credits") {
		t.Errorf("hidden, the tab was filled: %q", c.totals.Text)
	}
	h.u.planner.show(planCE)
	if c.totals.Text != "8 CE credits earned, 0 planned (1 activity)" {
		t.Errorf("opened: %q", c.totals.Text)
	}
}
