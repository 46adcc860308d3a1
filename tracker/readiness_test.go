package tracker

import (
	"math"
	"strings"
	"testing"
)

func practice(day string, arch, networking float64) Attempt {
	return Attempt{Exam: "350-501", Kind: AttemptPractice, Date: Date(day), Domains: []DomainScore{{"1.0", arch}, {"2.0", networking}}}
}

func TestReadiness(t *testing.T) {
	p := certPlan()
	p.Topics = []Topic{
		{ID: "t1", Name: "Architecture", Confidence: 2, Blueprint: []BlueprintRef{{"350-501", "1.0"}}},
		{ID: "t2", Name: "SP design", Confidence: 3, Blueprint: []BlueprintRef{{"350-501", "1.0"}}},
		{ID: "t3", Name: "Routing", Confidence: 5, Blueprint: []BlueprintRef{{"350-501", "2.0"}}},
	}
	coverage := []Coverage{
		{Exam: "SPCOR", Domain: "1.0 Architecture", Weight: 40, Share: 20, Confidence: 2.5}, // half its weight, confidence 50%
		{Exam: "SPCOR", Domain: "2.0 Networking", Weight: 60, Share: 80, Confidence: 5},     // more than its weight: capped at 100
	}
	p.Attempts = []Attempt{practice("2026-08-01", 10, 10), practice("2026-09-01", 60, 90), practice("2026-10-01", 70, 90), practice("2026-11-01", 80, 96)}
	now := noon("2026-11-25")
	spcor := p.Readiness(coverage, nil, now)[0]
	// Architecture: the last three scores average 70; 0.6*70 + 0.2*50 + 0.2*50 = 62.
	// Networking: 92; 0.6*92 + 0.2*100 + 0.2*100 = 95.2. The exam: 0.4*62 + 0.6*95.2 = 81.92.
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(spcor.Domains[0].Readiness, 62) || !near(spcor.Domains[1].Readiness, 95.2) || !near(spcor.Readiness, 81.92) {
		t.Errorf("readiness %g from %+v", spcor.Readiness, spcor.Domains)
	}
	if len(spcor.Domains[0].Trend) != 4 || spcor.Domains[0].Trend[0].Percent != 10 {
		t.Errorf("trend %+v", spcor.Domains[0].Trend)
	}
	// The practice of 2026-09-01 scored 0.4*60 + 0.6*90 = 78, under the 80% threshold.
	if spcor.ReadyToBook || len(spcor.Recent) != 3 || !near(spcor.Recent[2].Percent, 78) {
		t.Errorf("ready %v with recent %+v", spcor.ReadyToBook, spcor.Recent)
	}
	if spcor.Weakest[0].Domain != "1.0 Architecture" || !strings.Contains(spcor.Weakest[0].Next, "50% of the study its 40% weight asks for") {
		t.Errorf("weakest %+v", spcor.Weakest)
	}
	// One more practice at 0.4*80 + 0.6*90 = 86: the last three (86, 89.6, 82) all clear 80.
	p.Attempts = append(p.Attempts, practice("2026-11-20", 80, 90))
	spcor = p.Readiness(coverage, nil, now)[0]
	if !spcor.ReadyToBook || !near(spcor.Readiness, 0.4*(0.6*(70+80+80)/3+20)+0.6*95.2) {
		t.Errorf("after a third good practice: ready %v, readiness %g", spcor.ReadyToBook, spcor.Readiness)
	}
	// The concentration exam has no topics mapped: its readiness is its scores alone.
	p.Attempts = append(p.Attempts, Attempt{Exam: "300-510", Kind: AttemptPractice, Date: "2026-11-02", Domains: []DomainScore{{"1.0", 64}}})
	if conc := p.Readiness(coverage, nil, now)[2]; conc.Readiness != 64 || conc.Domains[0].Mapped {
		t.Errorf("concentration exam: %+v", conc)
	}
}

func TestAPassedExamIsNotToBookAgainWhileItsPassCounts(t *testing.T) {
	p := certPlan()
	p.Attempts = []Attempt{practice("2026-06-01", 50, 50), exam("a1", "350-501", "2026-07-01", Pass)}
	r := p.Rules()
	readiness := func(today string) ExamReadiness { return p.Readiness(nil, nil, noon(today))[0] }

	// The pass opens the lab window (three years, reported): SPCOR stays passed within it.
	spcor := readiness("2026-11-25")
	if !spcor.PassStands || spcor.Verdict(&r) != "passed on 2026-07-01" || len(spcor.Weakest) != 0 {
		t.Errorf("within the window: stands %v, verdict %q, weakest %+v", spcor.PassStands, spcor.Verdict(&r), spcor.Weakest)
	}
	// On the window's last day it still counts; the day after, SPCOR is to be passed again.
	if last := readiness("2029-07-01"); !last.PassStands {
		t.Errorf("on the window's last day the pass no longer stands")
	}
	closed := readiness("2029-07-02")
	if closed.PassStands || closed.Verdict(&r) != "not yet ready to book" || len(closed.Weakest) != 2 || closed.Passed != "2026-07-01" {
		t.Errorf("after the window: stands %v, verdict %q, weakest %+v, passed %q", closed.PassStands, closed.Verdict(&r), closed.Weakest, closed.Passed)
	}
	// A lab passed within the window keeps the written pass standing for good.
	p.Attempts = append(p.Attempts, exam("a2", "CCIE-SP-LAB", "2027-03-01", Pass))
	if later := readiness("2030-01-01"); !later.PassStands {
		t.Errorf("after the lab pass the written pass no longer stands")
	}
	lab := p.Readiness(nil, nil, noon("2030-01-01"))[1]
	if lab.Verdict(&r) != "passed on 2027-03-01" {
		t.Errorf("the lab's verdict %q", lab.Verdict(&r))
	}
}

// The lab can be booked only inside a window a qualifying pass opened: before one, and once it
// has closed, the verdict says to pass the qualifying exam, whatever the practice says.
func TestTheLabIsNotToBookOutsideItsWindow(t *testing.T) {
	p := certPlan()
	r := p.Rules()
	lab := func(today string) ExamReadiness { return p.Readiness(nil, nil, noon(today))[1] }
	if first := lab("2026-11-25"); first.Verdict(&r) != "pass 350-501 first: it opens the lab eligibility window" {
		t.Errorf("before any qualifying pass: %q", first.Verdict(&r))
	}
	p.Attempts = []Attempt{exam("a1", "350-501", "2020-01-01", Pass)}
	if inside := lab("2022-06-01"); inside.Verdict(&r) != "not yet ready to book" {
		t.Errorf("inside the window: %q", inside.Verdict(&r))
	}
	closed := lab("2026-11-25")
	if v := closed.Verdict(&r); !closed.WindowClosed || v != "the lab eligibility window closed on 2023-01-01: pass 350-501 again to open another" {
		t.Errorf("after the window: %q", v)
	}
}

// A practice exam scored as a whole (no domain breakdown), when no attempt scored any domain,
// counts its score for every domain, marked as from overall scores: an exam with no topics
// mapped then has that readiness, not none.
func TestAPracticeScoredAsAWholeCountsForEachDomain(t *testing.T) {
	p := certPlan()
	p.Exams = append(p.Exams, Exam{Code: "300-515", Level: LevelConcentration, Domains: []Domain{{ID: "1.0", Weight: 40}, {ID: "2.0", Weight: 60}}})
	p.Attempts = []Attempt{{ID: "a1", Exam: "300-515", Kind: AttemptPractice, Date: "2026-11-20", Score: 60, ScoreMax: 100},
		{ID: "a2", Exam: "300-515", Kind: AttemptExam, Date: "2026-11-22", Result: Fail, Score: 700, ScoreMax: 1000}}
	spvi := p.Readiness(nil, nil, noon("2026-11-25"))[3]
	if spvi.Readiness != 60 || spvi.Domains[0].Score != 60 || spvi.Domains[1].Scored != 1 || len(spvi.Recent) != 1 ||
		!spvi.Domains[0].FromOverall || !spvi.Domains[1].FromOverall {
		t.Errorf("readiness %g, domains %+v, recent %+v", spvi.Readiness, spvi.Domains, spvi.Recent)
	}
}

// An overall-only practice score is never mixed into a domain that attempts scored: it is no
// measure of that domain. Only a domain no attempt scored takes it, marked as from overall.
func TestAnOverallScoreIsNotMixedIntoADomainsOwnScores(t *testing.T) {
	p := certPlan() // SPCOR: 1.0 Architecture weighs 40, 2.0 Networking 60; no topics mapped
	p.Attempts = []Attempt{
		{ID: "a1", Exam: "350-501", Kind: AttemptPractice, Date: "2026-10-01", Domains: []DomainScore{{"1.0", 70}}},
		{ID: "a2", Exam: "350-501", Kind: AttemptPractice, Date: "2026-11-01", Domains: []DomainScore{{"1.0", 80}}},
		{ID: "a3", Exam: "350-501", Kind: AttemptPractice, Date: "2026-12-02", Score: 81, ScoreMax: 100},
	}
	spcor := p.Readiness(nil, nil, noon("2026-12-03"))[0]
	// Architecture: its own 70 and 80, mean 75 from 2 (the old mixing: 70, 80, 81, mean 77 from 3).
	// Networking: never scored, so the overall 81 from 1, marked. With no topics mapped a
	// domain's readiness is its score: 0.4*75 + 0.6*81 = 30 + 48.6 = 78.6 (was 0.4*77 + 48.6 = 79.4).
	arch, net := spcor.Domains[0], spcor.Domains[1]
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if len(arch.Trend) != 2 || arch.Trend[0].Percent != 70 || arch.Trend[1].Percent != 80 ||
		!near(arch.Score, 75) || arch.Scored != 2 || arch.FromOverall {
		t.Errorf("Architecture: score %g from %d, from overall %v, trend %+v", arch.Score, arch.Scored, arch.FromOverall, arch.Trend)
	}
	if len(net.Trend) != 1 || net.Trend[0] != (Point{Date: "2026-12-02", Percent: 81}) || net.Score != 81 || net.Scored != 1 || !net.FromOverall {
		t.Errorf("Networking: score %g from %d, from overall %v, trend %+v", net.Score, net.Scored, net.FromOverall, net.Trend)
	}
	if !near(spcor.Readiness, 78.6) {
		t.Errorf("readiness %g, want 78.6", spcor.Readiness)
	}
	// The exam's recent practice is still every attempt's overall score, newest first: 81, then
	// a2's and a1's from the one domain they scored, 80 and 70.
	if len(spcor.Recent) != 3 || spcor.Recent[0].Percent != 81 || spcor.Recent[1].Percent != 80 || spcor.Recent[2].Percent != 70 {
		t.Errorf("recent %+v", spcor.Recent)
	}
	// Networking's advice asks for a practice that scores it, its 81 notwithstanding.
	if len(spcor.Weakest) != 2 || spcor.Weakest[1].Domain != "2.0 Networking" ||
		spcor.Weakest[1].Next != "take a practice exam that scores it: its score is from overall scores" {
		t.Errorf("weakest %+v", spcor.Weakest)
	}
}

// The advice for a domain with no score names what scores it: a practice exam for a written
// exam, a mock lab for the lab.
func TestTheAdviceNamesWhatScoresADomain(t *testing.T) {
	p := certPlan()
	all := p.Readiness(nil, nil, noon("2026-11-25"))
	if spcor := all[0].Weakest[0].Next; !strings.HasPrefix(spcor, "take a practice exam that scores it") {
		t.Errorf("SPCOR's advice: %q", spcor)
	}
	if lab := all[1].Weakest[0].Next; !strings.HasPrefix(lab, "take a mock lab that scores it") {
		t.Errorf("the lab's advice: %q", lab)
	}
}

func TestReadinessListsThePathsExamsFirst(t *testing.T) {
	// As a store lists them, by code: the optional concentration exams sort before SPCOR.
	one := []Domain{{ID: "1.0", Weight: 100}}
	p := Plan{Exams: []Exam{
		{Code: "300-510", Level: LevelConcentration, Domains: one},
		{Code: "300-515", Level: LevelConcentration, Domains: one},
		{Code: "350-501", Level: LevelCore, Domains: one},
		{Code: "CCIE-SP-LAB", Level: LevelLab, Domains: one},
	}}
	var got []string
	for _, er := range p.Readiness(nil, nil, noon("2026-11-25")) {
		got = append(got, er.Exam)
	}
	if want := "350-501 CCIE-SP-LAB 300-510 300-515"; strings.Join(got, " ") != want {
		t.Errorf("readiness lists %v, want %s", got, want)
	}
}

// The advice's confidence is rounded as the dashboard's is: a mean of 1.25 is 1.3 in both (%.1f
// alone gives 1.2).
func TestTheAdvicesConfidenceIsRoundedAsTheDashboards(t *testing.T) {
	got := weakest([]DomainReadiness{{Domain: "1.0 Architecture", Weight: 15, Mapped: true, Confidence: 25, Coverage: 0}}, "practice exam")
	if len(got) != 1 || !strings.Contains(got[0].Next, "(now 1.3 of 5)") {
		t.Errorf("advice %+v", got)
	}
}
