package tracker

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAddYears(t *testing.T) {
	for _, c := range []struct {
		from Date
		n    int
		want Date
	}{
		{"2024-02-29", 3, "2027-02-28"}, // a common year has no 29 February
		{"2024-02-29", 4, "2028-02-29"},
		{"2026-06-15", 3, "2029-06-15"},
		{"2025-12-31", 3, "2028-12-31"},
	} {
		if got, ok := AddYears(c.from, c.n); !ok || got != c.want {
			t.Errorf("AddYears(%s, %d) = %s, want %s", c.from, c.n, got, c.want)
		}
	}
	if _, ok := AddYears("2024-13-01", 1); ok {
		t.Error("a malformed date gave a result")
	}
}

// certPlan is a plan with the three kinds of exam the rules count, at their reported prices.
func certPlan() Plan {
	return Plan{Exams: []Exam{
		{Code: "350-501", Acronym: "SPCOR", Level: LevelCore, PriceUSD: 400, Domains: []Domain{{ID: "1.0", Name: "Architecture", Weight: 40}, {ID: "2.0", Name: "Networking", Weight: 60}}},
		{Code: "300-510", Level: LevelConcentration, PriceUSD: 300, Domains: []Domain{{ID: "1.0", Weight: 100}}},
		{Code: "CCIE-SP-LAB", Level: LevelLab, PriceUSD: 1600, Domains: []Domain{{ID: "1.0", Weight: 100}}},
		{Code: "CCDE-WRITTEN", Level: LevelExpertWritten, PriceUSD: 450},
	}}
}

func exam(id, code, day string, r Result) Attempt {
	return Attempt{ID: id, Exam: code, Kind: AttemptExam, Date: Date(day), Result: r}
}

func noon(day string) time.Time {
	t, _ := time.Parse("2006-01-02", day)
	return t.Add(12 * time.Hour)
}

func TestCertStateFromAttempts(t *testing.T) {
	for _, c := range []struct {
		name                         string
		attempts                     []Attempt
		credits                      []Credit
		milestones                   []Milestone
		today                        string
		qualifying, eligible, active Date
		recertified                  []Date
		countdown                    bool
	}{
		{
			name:       "re-passing the qualifying exam renews the lab window",
			attempts:   []Attempt{exam("a1", "350-501", "2021-01-05", Pass), exam("a2", "350-501", "2023-12-01", Fail), exam("a3", "350-501", "2024-01-10", Pass)},
			today:      "2026-11-25",
			qualifying: "2024-01-10", eligible: "2027-01-10", countdown: true,
		},
		{
			name:       "the first passed lab is the CCIE; the failed one before counts for nothing",
			attempts:   []Attempt{exam("a1", "350-501", "2024-01-10", Pass), exam("a2", "CCIE-SP-LAB", "2025-03-01", Fail), exam("a3", "CCIE-SP-LAB", "2025-09-01", Pass)},
			today:      "2026-11-25",
			qualifying: "2024-01-10", eligible: "2027-01-10", active: "2028-09-01",
		},
		{
			// 80 credits by 2026-05-01 and 40 more on 2027-02-01 meet "120 CE credits" then.
			name:     "120 CE credits recertify on the day the last one is earned",
			attempts: []Attempt{exam("a1", "350-501", "2024-01-10", Pass), exam("a3", "CCIE-SP-LAB", "2025-09-01", Pass)},
			credits: []Credit{{ID: "ce1", Credits: 80, Date: "2026-05-01", State: CreditApproved}, {ID: "ce2", Credits: 40, Date: "2027-02-01", State: CreditSubmitted},
				{ID: "ce3", Credits: 40, Date: "2027-03-01", State: CreditPlanned}},
			today:      "2027-03-01",
			qualifying: "2024-01-10", eligible: "2027-01-10", active: "2030-02-01", recertified: []Date{"2027-02-01"},
		},
		{
			// A concentration exam on 2026-08-01 with the 80 credits of 2026-05-01 meets
			// "a concentration exam and 80 CE credits" before the 120 credits are complete.
			name:     "an exam with CE credits recertifies too",
			attempts: []Attempt{exam("a1", "350-501", "2024-01-10", Pass), exam("a3", "CCIE-SP-LAB", "2025-09-01", Pass), exam("a4", "300-510", "2026-08-01", Pass)},
			credits:  []Credit{{ID: "ce1", Credits: 80, Date: "2026-05-01", State: CreditApproved}, {ID: "ce2", Credits: 40, Date: "2027-02-01", State: CreditCompleted}},
			today:    "2027-03-01",
			// The 40 credits of 2027-02-01 belong to the new cycle and meet nothing alone.
			qualifying: "2024-01-10", eligible: "2027-01-10", active: "2029-08-01", recertified: []Date{"2026-08-01"},
		},
		{
			// S12's exam-only options: one passed expert-level written exam, with no credits;
			// the failed attempt before it counts for nothing.
			name: "an expert-level written exam recertifies alone",
			attempts: []Attempt{exam("a1", "350-501", "2024-01-10", Pass), exam("a2", "CCIE-SP-LAB", "2025-09-01", Pass),
				exam("a3", "CCDE-WRITTEN", "2026-10-01", Fail), exam("a4", "CCDE-WRITTEN", "2027-03-01", Pass)},
			today:      "2027-04-01",
			qualifying: "2024-01-10", eligible: "2027-01-10", active: "2030-03-01", recertified: []Date{"2027-03-01"},
		},
		{
			name:       "a second lab pass recertifies from its own day",
			attempts:   []Attempt{exam("a1", "350-501", "2020-01-10", Pass), exam("a2", "CCIE-SP-LAB", "2020-09-01", Pass), exam("a3", "CCIE-SP-LAB", "2022-05-01", Pass)},
			today:      "2024-11-25",
			qualifying: "2020-01-10", eligible: "2023-01-10", active: "2025-05-01", recertified: []Date{"2022-05-01"},
		},
		{
			// Active until 2023-09-01: the core exam of 2024 recertifies nothing, but it opens a
			// lab window again, and its countdown runs while the CCIE is lapsed.
			name:       "after the CCIE lapsed, the qualifying exam's window counts again",
			attempts:   []Attempt{exam("a1", "350-501", "2020-01-10", Pass), exam("a2", "CCIE-SP-LAB", "2020-09-01", Pass), exam("a3", "350-501", "2024-06-01", Pass)},
			today:      "2026-11-25",
			qualifying: "2024-06-01", eligible: "2027-06-01", active: "2023-09-01", countdown: true,
		},
		{
			name:       "a lab passed after the CCIE lapsed earns it again, counted from that lab",
			attempts:   []Attempt{exam("a1", "350-501", "2020-01-10", Pass), exam("a2", "CCIE-SP-LAB", "2020-09-01", Pass), exam("a3", "350-501", "2024-06-01", Pass), exam("a4", "CCIE-SP-LAB", "2025-02-01", Pass)},
			today:      "2026-11-25",
			qualifying: "2024-06-01", eligible: "2027-06-01", active: "2028-02-01",
		},
		{
			// 100 credits before the milestone's recertification of 2026-01-10 belong to the
			// cycle it closed: the 20 of 2026-06-01 start a new one and meet nothing.
			name:       "credits count towards one recertification only",
			attempts:   []Attempt{exam("a1", "350-501", "2024-01-10", Pass), exam("a2", "CCIE-SP-LAB", "2025-01-10", Pass)},
			credits:    []Credit{{ID: "ce1", Credits: 100, Date: "2025-06-01", State: CreditApproved}, {ID: "ce2", Credits: 20, Date: "2026-06-01", State: CreditApproved}},
			milestones: []Milestone{{ID: "M12", Title: "Recertify", Status: Done, DoneOn: "2026-01-10"}},
			today:      "2026-11-25",
			qualifying: "2024-01-10", eligible: "2027-01-10", active: "2029-01-10", recertified: []Date{"2026-01-10"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := certPlan()
			p.Attempts, p.Credits, p.Milestones = c.attempts, c.credits, c.milestones
			s := p.Cert(noon(c.today))
			if s.Qualifying == nil || s.Qualifying.Date != c.qualifying || s.EligibleUntil != c.eligible {
				t.Errorf("qualifying %+v until %s, want %s until %s", s.Qualifying, s.EligibleUntil, c.qualifying, c.eligible)
			}
			if s.ActiveUntil != c.active {
				t.Errorf("active until %q, want %q (notes %q)", s.ActiveUntil, c.active, s.Notes)
			}
			var rec []Date
			for _, e := range s.Recertified {
				rec = append(rec, e.Date)
			}
			if strings.Join(asStrings(rec), ",") != strings.Join(asStrings(c.recertified), ",") {
				t.Errorf("recertified %v, want %v", rec, c.recertified)
			}
			if (s.EligibilityDaysLeft != nil) != c.countdown {
				t.Errorf("eligibility countdown running: %v, want %v", s.EligibilityDaysLeft != nil, c.countdown)
			}
		})
	}
}

func asStrings(ds []Date) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = string(d)
	}
	return out
}

func TestLabAttemptMustFallInAWindow(t *testing.T) {
	p := certPlan()
	p.Attempts = []Attempt{exam("a1", "350-501", "2020-01-01", Pass)}
	now := noon("2026-11-25")
	late := exam("", "CCIE-SP-LAB", "2023-06-01", Fail)
	err := ValidateAttempt(&late, &p, now)
	if ErrorCode(err) != Invalid || !strings.Contains(err.Error(), "allowed the lab until 2023-01-01") {
		t.Fatalf("a lab five months after the window closed: %v", err)
	}
	// "For 3 years" is read as up to and including the third anniversary of the pass: Cisco's
	// pages do not say whether that day is in.
	anniversary, after := exam("", "CCIE-SP-LAB", "2023-01-01", Fail), exam("", "CCIE-SP-LAB", "2023-01-02", Fail)
	if err := ValidateAttempt(&anniversary, &p, now); err != nil {
		t.Errorf("a lab on the pass's third anniversary: %v", err)
	}
	if err := ValidateAttempt(&after, &p, now); err == nil {
		t.Error("a lab the day after the third anniversary was accepted")
	}
	p.Attempts = append(p.Attempts, exam("a2", "350-501", "2022-12-01", Pass))
	if err := ValidateAttempt(&late, &p, now); err != nil {
		t.Errorf("the renewed SPCOR pass of 2022-12-01 covers the lab of 2023-06-01: %v", err)
	}
	first := exam("", "CCIE-SP-LAB", "2019-06-01", Fail)
	if err := ValidateAttempt(&first, &p, now); err == nil || !strings.Contains(err.Error(), "needs a passed 350-501 before it") {
		t.Errorf("a lab before any SPCOR pass: %v", err)
	}
	mock := Attempt{Exam: "350-501", Kind: AttemptMockLab, Date: "2026-11-20", Tasks: []TaskScore{{Task: "L3VPN", Percent: 70}}}
	if err := ValidateAttempt(&mock, &p, now); err == nil || !strings.Contains(err.Error(), "record a practice exam for it instead") {
		t.Errorf("a mock lab of the written exam: %v", err)
	}
	future := exam("", "350-501", "2026-11-26", Pass)
	if err := ValidateAttempt(&future, &p, now); err == nil || !strings.Contains(err.Error(), "after today") {
		t.Errorf("an attempt tomorrow: %v", err)
	}
}

func TestValidateAttemptScores(t *testing.T) {
	p := certPlan()
	now := noon("2026-11-25")
	for _, c := range []struct {
		a    Attempt
		want string
	}{
		{Attempt{Exam: "200-125", Kind: AttemptPractice, Date: "2026-01-01"}, "not in the plan"},
		{Attempt{Exam: "350-501", Kind: AttemptExam, Date: "2026-01-01"}, "needs its result"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Result: Pass}, "only a real exam"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Score: 900, ScoreMax: 100}, "between 0 and its maximum"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Domains: []DomainScore{{"9.0", 50}}}, "no domain \"9.0\""},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Domains: []DomainScore{{"1.0", 50}, {"1.0", 60}}}, "given twice"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Domains: []DomainScore{{"1.0", 101}}}, "outside 0 to 100"},
		{Attempt{Exam: "350-501", Kind: AttemptExam, Result: Fail, Date: "2026-01-01", Modules: []ModuleResult{{Module: "Design"}}}, "on the lab only"},
		{Attempt{Exam: "CCIE-SP-LAB", Kind: AttemptMockLab, Date: "2026-01-01", Tasks: []TaskScore{{Task: "L3VPN", Percent: 80, Minutes: -5}}}, "0 to 1440"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Source: "Boson", Note: "timed"}, "a practice exam with no score records nothing"},
		{Attempt{Exam: "CCIE-SP-LAB", Kind: AttemptMockLab, Date: "2026-01-01"}, "a mock lab with no score records nothing"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Score: 80, ScoreMax: 100, Note: "x\x1b[2Jy"}, "attempt's note holds a control character (ESC"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Score: 80, ScoreMax: 100, Source: "Bo\x1b]0;pwned\x07son"}, "attempt's source holds a control character (ESC"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Score: 80, ScoreMax: 100, Source: "Bo\nson"}, "attempt's source holds a control character (a line break"},
		{Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Score: 80, ScoreMax: 100, Source: "\xff"}, "not UTF-8"},
		{Attempt{Exam: "CCIE-SP-LAB", Kind: AttemptMockLab, Date: "2026-01-01", Tasks: []TaskScore{{Task: "L3\x1bVPN", Percent: 80}}}, "task name holds a control character (ESC"},
	} {
		err := ValidateAttempt(&c.a, &p, now)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.a, err, c.want)
		}
	}
	// A real exam with only its result, and a note over several lines, are fine.
	passOnly := Attempt{Exam: "350-501", Kind: AttemptExam, Date: "2026-01-01", Result: Pass, Note: "first try\n\tcalm"}
	if err := ValidateAttempt(&passOnly, &p, now); err != nil {
		t.Errorf("a real exam with only pass: %v", err)
	}
	// 80% of a 40% domain and 50% of a 60% one: 0.4*80 + 0.6*50 = 62.
	a := Attempt{Exam: "350-501", Kind: AttemptPractice, Date: "2026-01-01", Domains: []DomainScore{{"1.0", 80}, {"2.0", 50}}}
	if err := ValidateAttempt(&a, &p, now); err != nil {
		t.Fatal(err)
	}
	if got, ok := a.Percent(&p.Exams[0]); !ok || got != 62 {
		t.Errorf("weighted score %g, want 62", got)
	}
	scaled := Attempt{Score: 850, ScoreMax: 1000}
	if got, _ := scaled.Percent(&p.Exams[0]); got != 85 {
		t.Errorf("850 of 1000 is %g%%, want 85", got)
	}
}

func TestRetakeWait(t *testing.T) {
	p := certPlan()
	p.Attempts = []Attempt{exam("a1", "CCIE-SP-LAB", "2025-03-01", Fail)}
	if got := p.RetakeAfter("CCIE-SP-LAB"); got != "2025-03-31" {
		t.Errorf("after one failure: %s, want 2025-03-31 (30 days)", got)
	}
	p.Attempts = append(p.Attempts, exam("a2", "CCIE-SP-LAB", "2025-06-01", Fail))
	if got := p.RetakeAfter("CCIE-SP-LAB"); got != "2025-08-30" {
		t.Errorf("after two failures: %s, want 2025-08-30 (90 days after 2025-06-01)", got)
	}
	if !p.Rules().RetakeWaits.Uncertain() {
		t.Error("the retake rule is not confirmed and must say so")
	}
}

func TestRecertOutlook(t *testing.T) {
	p := certPlan()
	p.Attempts = []Attempt{exam("a1", "350-501", "2024-01-10", Pass), exam("a2", "CCIE-SP-LAB", "2025-09-01", Pass), exam("a3", "300-510", "2026-03-01", Pass)}
	p.Credits = []Credit{{ID: "ce1", Credits: 30, Date: "2026-02-01", State: CreditApproved}, {ID: "ce2", Credits: 20, Date: "2027-01-01", State: CreditPlanned}}
	s := p.Cert(noon("2026-11-25"))
	r, ok := p.RecertOutlook(&s)
	if !ok || r.CycleFrom != "2025-09-01" || r.Deadline != "2028-09-01" {
		t.Fatalf("cycle %s to %s (%v)", r.CycleFrom, r.Deadline, ok)
	}
	byID := map[string]RecertProgress{}
	for _, o := range r.Options {
		byID[o.Option.ID] = o
	}
	// An exam counts as the credits it stands for in Cisco's table: conc-ce has 30 of 80
	// credits and its concentration exam (40), (30+40)/(80+40); ce has 30 of 120; core-conc
	// has the concentration exam (40) but not the core one (80), 40/120.
	for id, want := range map[string]struct {
		share     float64
		remaining string
		fees      float64
	}{
		"ce":             {30.0 / 120, "90 CE credits", 0},
		"conc-ce":        {70.0 / 120, "50 CE credits", 0},
		"three-conc":     {40.0 / 120, "2 concentration exams", 600},
		"core-conc":      {40.0 / 120, "1 core exam", 400},
		"lab":            {0, "1 CCIE lab", 1600},
		"expert-written": {0, "1 expert-level written exam", 450},
	} {
		got := byID[id]
		if diff := got.Share - want.share; diff > 1e-9 || diff < -1e-9 || strings.Join(got.Remaining, ", ") != want.remaining || got.FeesUSD != want.fees {
			t.Errorf("%s: share %g remaining %q fees %g, want %g %q %g", id, got.Share, got.Remaining, got.FeesUSD, want.share, want.remaining, want.fees)
		}
	}
	if r.Nearest != "conc-ce" || r.Cheapest != "conc-ce" {
		t.Errorf("nearest %s, cheapest %s; want conc-ce for both", r.Nearest, r.Cheapest)
	}
	if byID["ce"].PlannedCredits != 20 {
		t.Errorf("planned credits %g, want 20", byID["ce"].PlannedCredits)
	}

	// Without a fee for the written exam in the plan, the option needing it costs nothing
	// known, and is not called the cheapest for that: the lab, at 1,600, is.
	p.Exams = slices.DeleteFunc(p.Exams, func(e Exam) bool { return e.Level == LevelExpertWritten })
	rules := DefaultCertRules()
	rules.Options = []RecertOption{ExpertWrittenOption(), rules.Options[slices.IndexFunc(rules.Options, func(o RecertOption) bool { return o.ID == "lab" })]}
	p.CertRules = &rules
	if r, _ = p.RecertOutlook(&s); r.Cheapest != "lab" {
		t.Errorf("cheapest %q, want the lab: an option without a known fee is not the cheapest", r.Cheapest)
	}
}

func TestCheckMilestoneDates(t *testing.T) {
	p := Plan{Milestones: []Milestone{{ID: "M05", Title: "SPCOR", Status: Done, DoneOn: "2024-01-10"}, {ID: "M09", Title: "Lab", Status: Planned}}}
	now := noon("2026-11-25")
	lab := Milestone{ID: "M09", Title: "Lab", Status: Done, DoneOn: "2026-06-01"}
	if err := CheckMilestoneDates(&lab, &p, now); err != nil {
		t.Errorf("a lab inside the window: %v", err)
	}
	lab.DoneOn = "2027-01-11"
	if err := CheckMilestoneDates(&lab, &p, noon("2027-02-01")); err == nil || !strings.Contains(err.Error(), "until 2027-01-10") {
		t.Errorf("a lab the day after the window: %v", err)
	}
	other := Milestone{ID: "M04", Title: "Home lab", Status: Done, DoneOn: "2026-11-26"}
	if err := CheckMilestoneDates(&other, &p, now); err == nil || !strings.Contains(err.Error(), "after today") {
		t.Errorf("done tomorrow: %v", err)
	}
}

func TestValidateCertRules(t *testing.T) {
	r := DefaultCertRules()
	if err := ValidateCertRules(&r); err != nil {
		t.Fatalf("the defaults: %v", err)
	}
	r.LabEligibility.Years = 0
	if err := ValidateCertRules(&r); err == nil || !strings.Contains(err.Error(), "lab eligibility") {
		t.Errorf("0 years: %v", err)
	}
	r = DefaultCertRules()
	r.ReadyPercent = 120
	if err := ValidateCertRules(&r); err == nil {
		t.Error("a threshold of 120% was accepted")
	}
	r = DefaultCertRules()
	r.RetakeWaits.Days = []int{90, 30, 180}
	if err := ValidateCertRules(&r); err == nil || !strings.Contains(err.Error(), "go 90 then 30 days") {
		t.Errorf("waits going down: %v", err)
	}
	r.RetakeWaits.Days = []int{30, 30, 180}
	if err := ValidateCertRules(&r); err != nil {
		t.Errorf("equal waits: %v", err)
	}
}

// A real attempt that the record seems to contradict is saved with notes: a lab inside the
// retake wait (30 days after one failure, 90 after two, by the unconfirmed rule), a lab passed
// with a module failed, and two attempts at one exam on one day.
func TestAttemptNotes(t *testing.T) {
	p := certPlan()
	p.Attempts = []Attempt{exam("a1", "CCIE-SP-LAB", "2026-01-10", Fail), exam("a2", "CCIE-SP-LAB", "2026-03-01", Fail), exam("a3", "350-501", "2026-05-01", Pass)}
	for _, c := range []struct {
		a    Attempt
		want []string
	}{
		{exam("n", "CCIE-SP-LAB", "2026-05-29", Fail), []string{"it is 89 days after the failed lab of 2026-03-01, inside the 90-day wait of the retake rule"}},
		{exam("n", "CCIE-SP-LAB", "2026-05-30", Fail), nil}, // 90 days on: the wait is over
		{exam("n", "CCIE-SP-LAB", "2026-02-01", Fail), []string{"it is 22 days after the failed lab of 2026-01-10, inside the 30-day wait"}},
		{Attempt{ID: "n", Exam: "CCIE-SP-LAB", Kind: AttemptExam, Date: "2026-06-15", Result: Pass,
			Modules: []ModuleResult{{Module: "Design", Result: Pass}, {Module: "Deploy, Operate and Optimize", Result: Fail, Percent: 60}}},
			[]string{"it is a pass with its Deploy, Operate and Optimize module failed"}},
		{exam("n", "350-501", "2026-05-01", Pass), []string{"another attempt at SPCOR is recorded on 2026-05-01 (a3): if it is the same sitting, remove one"}},
		{exam("a3", "350-501", "2026-05-01", Pass), nil}, // itself, edited
		{Attempt{ID: "n", Exam: "CCIE-SP-LAB", Kind: AttemptMockLab, Date: "2026-03-02", Tasks: []TaskScore{{Task: "L3VPN", Percent: 70}}}, nil},
	} {
		got := p.AttemptNotes(&c.a)
		if len(got) != len(c.want) {
			t.Errorf("%s %s %s: notes %q, want %q", c.a.Exam, c.a.Date, c.a.Result, got, c.want)
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], c.want[i]) {
				t.Errorf("%s %s: note %q, want %q…", c.a.Exam, c.a.Date, got[i], c.want[i])
			}
		}
	}
}

// An exam's price and weights change as Cisco changes them: the weights named, the others
// kept, as long as they still add up to 100; a refused edit changes nothing.
func TestEditExam(t *testing.T) {
	p := certPlan()
	e := p.Exams[0] // 350-501: 1.0 40%, 2.0 60%
	price := 450.0
	if err := EditExam(&e, &price, map[string]float64{"1.0": 45, "2.0": 55}, "2026-12-01"); err != nil {
		t.Fatal(err)
	}
	if e.PriceUSD != 450 || e.Domains[0].Weight != 45 || e.Domains[1].Weight != 55 || e.Edited != "2026-12-01" || p.Exams[0].Domains[0].Weight != 40 {
		t.Errorf("edited %+v (the plan's %+v)", e, p.Exams[0])
	}
	before := e
	bad, fraction := -1.0, 450.555
	for _, c := range []struct {
		price   *float64
		weights map[string]float64
		want    string
	}{
		{&bad, nil, "an exam's price is 0 to 100000 US dollars, not -1"},
		{&fraction, nil, "450.555 has a fraction of a cent: give the price in dollars and cents"},
		{nil, map[string]float64{"1.0": 50}, "the weights of 350-501 would add up to 105% (1.0 50%, 2.0 55%): they must add up to 100"},
		{nil, map[string]float64{"3.0": 10}, "350-501 has no domain 3.0: its domains are 1.0, 2.0"},
		{nil, map[string]float64{"1.0": 140, "2.0": -40}, "is 0 to 100 percent"},
	} {
		if err := EditExam(&e, c.price, c.weights, "2026-12-02"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v %v: %v, want %q", c.price, c.weights, err, c.want)
		}
		if e.PriceUSD != before.PriceUSD || e.Domains[0] != before.Domains[0] || e.Edited != before.Edited {
			t.Errorf("a refused edit changed the exam: %+v", e)
		}
	}
}

// A mock lab scored by tasks scores the mean of all its tasks, one tied to no domain too; the
// domains' readiness takes the tasks that have one.
func TestAMockLabScoresEveryTask(t *testing.T) {
	p := certPlan()
	lab, _ := p.Exam("CCIE-SP-LAB")
	a := Attempt{Exam: "CCIE-SP-LAB", Kind: AttemptMockLab, Date: "2026-11-20", Tasks: []TaskScore{
		{Task: "L3VPN inter-AS", Percent: 80, Domain: "1.0"}, {Task: "ISIS SR", Percent: 60, Domain: "1.0"},
		{Task: "Multicast", Percent: 40, Domain: "1.0"}, {Task: "MPLS-TE", Percent: 100}}}
	if got, ok := a.Percent(lab); !ok || got != 70 {
		t.Errorf("overall %g, want (80+60+40+100)/4 = 70", got)
	}
	if d := a.domainPercents(); len(d) != 1 || d[0].Percent != 60 {
		t.Errorf("the domain's score %+v, want 1.0 at (80+60+40)/3 = 60", d)
	}
}

// A failed lab's report gives the wait that failure started, not the latest one; and a retake
// day after the lab eligibility window closes says the qualifying exam comes first.
func TestRetakesAgainstTheWindow(t *testing.T) {
	p := certPlan()
	rules := DefaultCertRules()
	rules.RetakeWaits.Days = []int{30, 120, 180}
	p.CertRules = &rules
	first := exam("a2", "CCIE-SP-LAB", "2026-10-15", Fail)
	p.Attempts = []Attempt{exam("a1", "350-501", "2024-02-29", Pass), first, exam("a3", "CCIE-SP-LAB", "2026-11-20", Fail)}
	if report := strings.Join(p.AttemptReport(&first), "\n"); !strings.Contains(report, "Retake from 2026-11-14") {
		t.Errorf("the first failure's report:\n%s", report)
	}
	after := p.RetakeAfter("CCIE-SP-LAB")
	if line := p.RetakeLine(after); after != "2027-03-20" || !strings.Contains(line, "that is after the lab eligibility window closes on 2027-02-28, so 350-501 must be passed again first") {
		t.Errorf("retake %s: %q", after, line)
	}
	if line := p.RetakeLine("2026-12-20"); strings.Contains(line, "window closes") {
		t.Errorf("a retake inside the window: %q", line)
	}
}

// A CCIE whose deadline passed with nothing met has ended: worked example, the lab passed on
// 2023-02-28, active until 2026-02-28 (three years, S11), seen on 2026-12-01, 276 days later.
// Cisco removed the suspended status (S11), so no option is offered as renewing it; the day
// itself is still inside.
func TestAnEndedCCIEIsNotOfferedARecertification(t *testing.T) {
	p := certPlan()
	p.Attempts = []Attempt{exam("a1", "350-501", "2022-06-01", Pass), exam("a2", "CCIE-SP-LAB", "2023-02-28", Pass)}
	for day, ended := range map[string]bool{"2026-02-28": false, "2026-03-01": true, "2026-12-01": true} {
		s := p.Cert(noon(day))
		r, ok := p.RecertOutlook(&s)
		if !ok || r.Deadline != "2026-02-28" || r.Ended != ended {
			t.Errorf("on %s: deadline %s, ended %v (%v), want ended %v", day, r.Deadline, r.Ended, ok, ended)
		}
	}
	s := p.Cert(noon("2026-12-01"))
	r, _ := p.RecertOutlook(&s)
	if line := r.EndedLine(s.Today); !strings.HasPrefix(line, "The CCIE ended on 2026-02-28 (276 days ago)") || !strings.Contains(line, "suspended status (S11)") {
		t.Errorf("line: %q", line)
	}
}

func TestTheRulesCiteTheirSourcesOnceEach(t *testing.T) {
	r := DefaultCertRules()
	if got := strings.Join(r.CitedSources(), " "); got != "S13 S20 S14 S11 S03 S15 S10 S12 S26" {
		t.Errorf("cited: %s", got)
	}
}

// Corepath's reading of the lab window names the rule's own anniversary, also for rules stored
// with the text that named the third whatever the years.
func TestTheLabWindowsReadingFollowsItsYears(t *testing.T) {
	r := DefaultCertRules()
	r.LabEligibility.Years = 2
	for _, text := range []string{r.LabEligibility.Text, r.LabEligibility.Text + labWindowReading} {
		r.LabEligibility.Text = text
		rules, _ := r.Lines()
		if got := rules[0].Sources; !strings.HasSuffix(got, " Corepath counts the second anniversary of the pass as the window's last day, which the sources do not settle.") || strings.Contains(got, "third") {
			t.Errorf("%q", got)
		}
	}
}
