package resources

import (
	"math"
	"testing"

	"corepath/tracker"
)

func TestDefaultPlanIsValid(t *testing.T) {
	p, err := DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	// Every topic and milestone passes the same rules a user's edit must pass.
	for i := range p.Topics {
		if err := tracker.ValidateTopic(&p.Topics[i], &p); err != nil {
			t.Errorf("topic %s: %v", p.Topics[i].ID, err)
		}
	}
	for i := range p.Milestones {
		if err := tracker.ValidateMilestone(&p.Milestones[i], &p); err != nil {
			t.Errorf("milestone %s: %v", p.Milestones[i].ID, err)
		}
	}
	if err := tracker.ValidateProgram(&p.Program); err != nil {
		t.Error(err)
	}
	if p.Program.CreditsRequired != 120 || len(p.Courses) != 0 {
		t.Errorf("degree = %+v with %d courses, want an empty 120-credit program", p.Program, len(p.Courses))
	}
}

func TestDefaultPlanHasTheCoreTopics(t *testing.T) {
	p, _ := DefaultPlan()
	for _, name := range []string{"BGP", "OSPF", "MPLS"} {
		found := false
		for _, tp := range p.Topics {
			found = found || tp.Name == name && tp.ParentID == "" && tp.Track == tracker.TrackSkills
		}
		if !found {
			t.Errorf("no top-level skills topic named exactly %q", name)
		}
	}
}

func TestBlueprintWeights(t *testing.T) {
	p, _ := DefaultPlan()
	want := map[string]map[string]float64{
		"350-501":     {"1.0": 15, "2.0": 30, "3.0": 20, "4.0": 20, "5.0": 15},
		"CCIE-SP-LAB": {"1.0": 25, "2.0": 25, "3.0": 10, "4.0": 10, "5.0": 10, "6.0": 20},
	}
	for code, weights := range want {
		e, ok := p.Exam(code)
		if !ok {
			t.Fatalf("exam %s missing", code)
		}
		if !e.Uncertain || e.Gathered != "2026-11" {
			t.Errorf("%s: reported figures must stay marked uncertain with the month gathered", code)
		}
		sum := 0.0
		for _, d := range e.Domains {
			sum += d.Weight
			if weights[d.ID] != d.Weight {
				t.Errorf("%s %s weight = %v, want %v", code, d.ID, d.Weight, weights[d.ID])
			}
		}
		if math.Abs(sum-100) > 1e-9 {
			t.Errorf("%s weights sum to %v", code, sum)
		}
	}
}

func TestMilestonesCarryTheirWindows(t *testing.T) {
	p, _ := DefaultPlan()
	spcor, _ := p.Milestone("M05")
	if spcor.Opens == nil || spcor.Opens.Years != 3 || !spcor.Opens.Uncertain || spcor.CostUSD != 400 {
		t.Errorf("SPCOR milestone = %+v", spcor)
	}
	ccie, _ := p.Milestone("M11")
	if ccie.Opens == nil || ccie.Opens.Years != 3 {
		t.Errorf("CCIE milestone must open the 3-year recertification window: %+v", ccie)
	}
	lab, _ := p.Milestone("M08")
	if lab.CostUSD != 1600 {
		t.Errorf("lab booking cost = %v", lab.CostUSD)
	}
	for _, m := range p.Milestones {
		if m.Estimate && m.Gathered == "" {
			t.Errorf("%s is an estimate without the month it was gathered", m.ID)
		}
	}
}

func TestRoleReferenceCarriesTheFigures(t *testing.T) {
	r, err := RoleReference()
	if err != nil {
		t.Fatal(err)
	}
	p := r.Pay
	if p.Source != "ZipRecruiter" || p.Date != "2025-06-19" || p.AnnualAverage != 109040 || p.Hourly != 52.42 ||
		p.Weekly != 2096 || p.Monthly != 9086 || p.Lowest != 31000 || p.Highest != 158000 || p.BandLow != 89000 || p.BandHigh != 133500 {
		t.Errorf("pay = %+v", p)
	}
	if len(r.Role.Duties) != 6 || len(r.Qualifications) != 3 || len(r.Similar) != 9 {
		t.Errorf("%d duties, %d qualifications, %d similar occupations", len(r.Role.Duties), len(r.Qualifications), len(r.Similar))
	}
	for _, q := range r.Qualifications {
		if _, err := tracker.ParseTrack(q.Kind); err != nil {
			t.Errorf("qualification %q links to no track: %v", q.Title, err)
		}
	}
	if len(Icon()) < 1000 {
		t.Error("no icon")
	}
}

// The recertification options count exams by level, so every exam has one, and each
// concentration exam's reported weights add up to the whole exam.
func TestExamLevelsAndConcentrationWeights(t *testing.T) {
	p, _ := DefaultPlan()
	want := map[string]string{"350-501": tracker.LevelCore, "CCIE-SP-LAB": tracker.LevelLab,
		"300-510": tracker.LevelConcentration, "300-515": tracker.LevelConcentration, "300-540": tracker.LevelConcentration, "300-535": tracker.LevelConcentration}
	for code, level := range want {
		e, ok := p.Exam(code)
		if !ok || e.Level != level {
			t.Errorf("exam %s: %+v, want level %s", code, e, level)
			continue
		}
		var sum float64
		for _, d := range e.Domains {
			sum += d.Weight
		}
		if sum != 100 || !e.Uncertain || e.Gathered != "2026-11" {
			t.Errorf("%s: weights add up to %g, uncertain %v, gathered %q", code, sum, e.Uncertain, e.Gathered)
		}
	}
	if len(p.Exams) != len(want) {
		t.Errorf("%d exams, want %d", len(p.Exams), len(want))
	}
}
