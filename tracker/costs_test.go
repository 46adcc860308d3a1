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
	for v, want := range map[float64]string{0: "$0", 400: "$400", 1600: "$1,600", 1600.4: "$1,600", 999.5: "$1,000", 1234567: "$1,234,567", -2500: "-$2,500"} {
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
