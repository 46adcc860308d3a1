package tracker

import (
	"strings"
	"testing"
)

func TestCosts(t *testing.T) {
	p := certPlan()
	p.Milestones = []Milestone{
		{ID: "M03", Title: "CCNA", Status: Done, DoneOn: "2024-05-01", CostUSD: 300, Optional: true, Gathered: "2026-11"},
		{ID: "M05", Title: "SPCOR", Status: InProgress, CostUSD: 400},
		{ID: "M06", Title: "Concentration", Status: Planned, CostUSD: 300, Optional: true},
		{ID: "M08", Title: "Book the lab", Status: Done, DoneOn: "2026-10-01", CostUSD: 1600},
		{ID: "M09", Title: "Sit the lab", Status: Planned, Target: "2027-06-01"},
		{ID: "M04", Title: "Home lab", Status: Skipped, CostUSD: 900},
	}
	// SPCOR failed once and passed: two fees of $400, one of them a retake.
	p.Attempts = []Attempt{exam("a1", "350-501", "2025-01-05", Fail), exam("a2", "350-501", "2025-02-20", Pass)}
	s := p.Cert(noon("2026-11-25"))
	c := p.Costs(&s)
	// Spent: CCNA 300 + SPCOR 2×400 + the booked lab 1600 = 2700. Planned: nothing for the passed
	// SPCOR; the optional concentration exam (300) is left out of the total.
	if c.Spent != 2700 || c.Planned != 0 || c.Retakes != 1 || c.RetakeFees != 400 {
		t.Errorf("spent %g planned %g retakes %d (%g)", c.Spent, c.Planned, c.Retakes, c.RetakeFees)
	}
	if len(c.Milestones) != 4 || c.Milestones[1].ID != "M05" || c.Milestones[1].Spent != 800 || c.Milestones[2].Planned != 300 {
		t.Errorf("per milestone: %+v", c.Milestones)
	}
	// The lab on 2027-06-01 falls inside the window that the pass of 2025-02-20 opened (to 2028-02-20).
	if c.Lab != "2027-06-01" || !c.LabBooked || !c.LabInWindow {
		t.Errorf("lab %s booked %v in window %v", c.Lab, c.LabBooked, c.LabInWindow)
	}
	want := []string{"Costs: $2,700 spent, $0 still planned (optional milestones apart), 1 retake ($400); prices reported 2026-11",
		"Lab booked for 2027-06-01: inside the lab eligibility window, which ends 2028-02-20"}
	if got := c.Lines(s.EligibleUntil); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("in words: %q", got)
	}
	p.Attempts = p.Attempts[:1] // only the failure: the next attempt's fee is planned
	s = p.Cert(noon("2026-11-25"))
	if c = p.Costs(&s); c.Planned != 400 || c.Spent != 2300 || c.LabInWindow {
		t.Errorf("after a failure only: planned %g spent %g in window %v", c.Planned, c.Spent, c.LabInWindow)
	}
}

// Each milestone's words say the same money the totals count, so that the lines add up.
func TestMilestoneCostText(t *testing.T) {
	for _, c := range []struct {
		cost MilestoneCost
		want string
	}{
		{MilestoneCost{Spent: 300, Reported: "2026-11"}, "$300 spent (reported 2026-11)"},
		{MilestoneCost{Spent: 400, Planned: 400}, "$400 spent, $400 for the next attempt"},
		{MilestoneCost{Planned: 1600, Reported: "2026-11"}, "$1,600 to pay (reported 2026-11)"},
		{MilestoneCost{Planned: 300, Optional: true, Reported: "2026-11"}, "$300 to pay (optional, not in the total; reported 2026-11)"},
		{MilestoneCost{Spent: 300, Optional: true}, "$300 spent"}, // spent counts, optional or not
	} {
		if got := c.cost.Text(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.cost, got, c.want)
		}
	}
	p := certPlan()
	p.Milestones = []Milestone{{ID: "M05", Title: "SPCOR", Status: InProgress, CostUSD: 400}}
	s := p.Cert(noon("2026-11-25"))
	costs := p.Costs(&s)
	if m, ok := costs.Milestone("M05"); !ok || m.Text() != "$400 to pay" {
		t.Errorf("M05: %+v %v", m, ok)
	}
	if _, ok := costs.Milestone("M99"); ok {
		t.Error("a milestone that is not there has a cost")
	}
}

func TestDollarsHaveThousandsSeparators(t *testing.T) {
	for v, want := range map[float64]string{0: "$0", 400: "$400", 1600: "$1,600", 1600.4: "$1,600.40", 999.5: "$999.50", 1234567: "$1,234,567", -2500: "-$2,500"} {
		if got := Dollars(v); got != want {
			t.Errorf("Dollars(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestDollarsAreReadAsPeopleWriteThem(t *testing.T) {
	for in, want := range map[string]float64{"1600": 1600, "1,600": 1600, "$1,600": 1600, " $1,600.50 ": 1600.5, "0": 0} {
		if got, err := ParseDollars(in); err != nil || got != want {
			t.Errorf("ParseDollars(%q) = %g, %v; want %g", in, got, err, want)
		}
	}
	for _, in := range []string{"", "$", "abc", "0x10", "1e", "NaN", "Inf", "1_000"} {
		if _, err := ParseDollars(in); ErrorCode(err) != Invalid || !strings.Contains(err.Error(), "$1,600") {
			t.Errorf("ParseDollars(%q): %v", in, err)
		}
	}
}

// A sitting costs what the person set on the milestone that pays for it (a price in their
// country, a voucher), not the exam's reported price: set, it is kept once attempts exist.
func TestASittingCostsWhatTheMilestoneSays(t *testing.T) {
	p := certPlan()
	p.Milestones = []Milestone{{ID: "M05", Title: "SPCOR", Status: InProgress, CostUSD: 450}}
	p.Attempts = []Attempt{exam("a1", "350-501", "2025-01-05", Fail), exam("a2", "350-501", "2025-02-20", Fail)}
	s := p.Cert(noon("2026-11-25"))
	c := p.Costs(&s)
	// Two sittings at $450, one of them a retake, and a third to pay.
	if c.Spent != 900 || c.Planned != 450 || c.Retakes != 1 || c.RetakeFees != 450 {
		t.Errorf("spent %g planned %g retakes %d (%g)", c.Spent, c.Planned, c.Retakes, c.RetakeFees)
	}
	p.Milestones[0].CostUSD = 0 // no figure of the person's: the exam's reported price
	if c = p.Costs(&s); c.Spent != 800 || c.RetakeFees != 400 {
		t.Errorf("at the exam's price: spent %g, retake fees %g", c.Spent, c.RetakeFees)
	}
}

// Amounts keep their cents: $59.99 is not $60, a whole amount has no ".00", and totals are added
// in cents, so that 59.99 + 2000 is $2,059.99 and 0.10 + 0.20 is 0.30 exactly, not a float's
// 0.30000000000000004. A fraction of a cent is refused as it is typed.
func TestAmountsKeepTheirCentsAndAddExactly(t *testing.T) {
	for v, want := range map[float64]string{59.99: "$59.99", 60: "$60", 2059.99: "$2,059.99", 0.05: "$0.05", 1600.5: "$1,600.50",
		-12.5: "-$12.50", 1600.004: "$1,600", 0.30000000000000004: "$0.30"} {
		if got := Dollars(v); got != want {
			t.Errorf("Dollars(%v) = %q, want %q", v, got, want)
		}
	}
	if got, err := ParseDollars("$59.99"); err != nil || got != 59.99 {
		t.Errorf("ParseDollars($59.99) = %v, %v", got, err)
	}
	for _, in := range []string{"59.999", "0.001"} {
		if _, err := ParseDollars(in); ErrorCode(err) != Invalid || !strings.Contains(err.Error(), "a fraction of a cent") {
			t.Errorf("ParseDollars(%q): %v", in, err)
		}
	}
	p := certPlan()
	p.Milestones = []Milestone{
		{ID: "M05", Title: "SPCOR", Status: InProgress, CostUSD: 400},
		{ID: "M08", Title: "Book the lab", Status: Planned, CostUSD: 1600},
		{ID: "M13", Title: "Buy Cisco Press SPCOR guide", Status: Planned, CostUSD: 59.99},
		{ID: "M14", Title: "Flash cards", Status: Done, CostUSD: 0.1},
		{ID: "M15", Title: "Stickers", Status: Done, CostUSD: 0.2},
	}
	s := p.Cert(noon("2026-11-25"))
	c := p.Costs(&s)
	if c.Planned != 2059.99 || c.Spent != 0.3 {
		t.Errorf("planned %v, spent %v; want 2059.99 and 0.3", c.Planned, c.Spent)
	}
	if m, _ := c.Milestone("M13"); m.Text() != "$59.99 to pay" {
		t.Errorf("M13: %q", m.Text())
	}
	if got := c.Lines(s.EligibleUntil); len(got) == 0 || !strings.HasPrefix(got[0], "Costs: $0.30 spent, $2,059.99 still planned") {
		t.Errorf("in words: %q", got)
	}
	// Three sittings of a fee with cents: 3 × 333.33 is 999.99, and the two retakes 666.66.
	p.Milestones = []Milestone{{ID: "M05", Title: "SPCOR", Status: InProgress, CostUSD: 333.33}}
	p.Attempts = []Attempt{exam("a1", "350-501", "2025-01-05", Fail), exam("a2", "350-501", "2025-02-20", Fail), exam("a3", "350-501", "2025-04-20", Fail)}
	s = p.Cert(noon("2026-11-25"))
	if c = p.Costs(&s); c.Spent != 999.99 || c.RetakeFees != 666.66 || c.Planned != 333.33 {
		t.Errorf("three sittings: spent %v, retakes %v, planned %v", c.Spent, c.RetakeFees, c.Planned)
	}
}

// A sitting costs the fee recorded with it: a fee raised later, or a voucher, changes what is
// still to pay and nothing already spent. An attempt recorded with no fee costs the fee now.
func TestASittingCostsTheFeeRecordedWithIt(t *testing.T) {
	p := certPlan()
	p.Milestones = []Milestone{{ID: "M05", Title: "SPCOR", Status: InProgress}}
	voucher, before := 200.0, 400.0
	first, second, third := exam("a1", "350-501", "2025-01-05", Fail), exam("a2", "350-501", "2025-06-20", Fail), exam("a3", "350-501", "2025-03-01", Fail)
	first.FeeUSD, third.FeeUSD = &before, &voucher
	// Recorded out of order: the retakes are the attempts after the first by date.
	p.Attempts = []Attempt{second, first, third}
	e, _ := p.Exam("350-501")
	e.PriceUSD = 450
	s := p.Cert(noon("2026-11-25"))
	c := p.Costs(&s)
	// $400 (2025-01-05) + $200 with a voucher (2025-03-01) + $450 at today's fee (no fee kept):
	// 1,050 spent, 650 of it retakes, and the next sitting at $450.
	if c.Spent != 1050 || c.Planned != 450 || c.Retakes != 2 || c.RetakeFees != 650 {
		t.Errorf("spent %g planned %g retakes %d (%g)", c.Spent, c.Planned, c.Retakes, c.RetakeFees)
	}
	if m, _ := c.Milestone("M05"); m.Spent != 1050 || m.Planned != 450 {
		t.Errorf("the milestone: %+v", m)
	}
	free := 0.0
	p.Attempts[0].FeeUSD = &free // a sitting a voucher paid whole costs nothing
	if c = p.Costs(&s); c.Spent != 600 || c.RetakeFees != 200 {
		t.Errorf("with a free sitting: spent %g, retake fees %g", c.Spent, c.RetakeFees)
	}
}

// A fee is a real exam's only, in dollars and cents.
func TestAnAttemptsFeeIsChecked(t *testing.T) {
	p := certPlan()
	now := noon("2026-11-25")
	for _, tc := range []struct {
		kind AttemptKind
		fee  float64
		want string
	}{
		{AttemptExam, 450, ""},
		{AttemptExam, 0, ""},
		{AttemptExam, -1, "0 to 100000 US dollars"},
		{AttemptExam, 59.999, "a fraction of a cent"},
		{AttemptPractice, 30, "only a real exam has a sitting fee"},
	} {
		a := exam("", "350-501", "2025-01-05", Fail)
		if tc.kind != AttemptExam {
			a.Kind, a.Result, a.Score, a.ScoreMax = tc.kind, "", 70, 100
		}
		fee := tc.fee
		a.FeeUSD = &fee
		err := ValidateAttempt(&a, &p, now)
		if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s with fee %g: %v, want %q", tc.kind, tc.fee, err, tc.want)
		}
	}
}
