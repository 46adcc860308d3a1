package cli

import (
	"strings"
	"testing"

	"corepath/resources"
	"corepath/tracker"
)

func TestExamAttemptsReadinessAndCE(t *testing.T) {
	h := newHarness(t)
	h.ok("milestone", "done", "spcor", "--done-on", "2025-01-10")
	// Three practice exams at 0.15*80 + 0.3*90 + 0.2*85 + 0.2*85 + 0.15*80 = 85%.
	for _, day := range []string{"2026-10-01", "2026-10-15", "2026-11-01"} {
		h.ok("exam", "add", "SPCOR", "--kind", "practice", "--date", day, "--source", "Boson", "--domain", "1.0=80,2.0=90,3.0=85,4.0=85,5.0=80")
	}
	var list []struct {
		ID      string   `json:"id"`
		Exam    string   `json:"exam"`
		Percent *float64 `json:"percent"`
	}
	h.json(&list, "exam", "list", "spcor", "--json")
	if len(list) != 3 || list[0].ID != "a3" || list[0].Percent == nil || *list[0].Percent != 85 {
		t.Fatalf("exam list: %+v", list)
	}
	var ready []struct {
		Exam        string  `json:"exam"`
		Readiness   float64 `json:"readiness"`
		ReadyToBook bool    `json:"ready_to_book"`
		Weakest     []struct {
			Domain string `json:"domain"`
		} `json:"weakest"`
	}
	// No study is logged, so coverage is 0 and every topic's confidence is 0: 0.6 * 85 = 51.
	h.json(&ready, "readiness", "spcor", "--json")
	if len(ready) != 1 || ready[0].ReadyToBook || ready[0].Readiness < 50.9 || ready[0].Readiness > 51.1 || len(ready[0].Weakest) != 2 {
		t.Errorf("readiness: %+v", ready)
	}
	text := h.ok("readiness", "spcor")
	if !strings.Contains(text, "    1.0 Architecture                         80 → 80 → 80") || strings.Count(text, "Trend") != 1 ||
		!strings.Contains(text, "not yet ready to book") || !strings.Contains(text, "reported 2026-11") || !strings.Contains(text, "Weak: ") {
		t.Errorf("readiness text:\n%s", text)
	}

	// The lab, failed then passed, with its modules; the pass is the CCIE.
	h.ok("exam", "add", "lab", "--date", "2026-03-02", "--result", "fail", "--design", "pass:80", "--doo", "fail:55")
	if show := h.ok("exam", "show", "a4"); !strings.Contains(show, "Module Deploy, Operate and Optimize: fail (55%)") || !strings.Contains(show, "Retake from 2026-04-01") {
		t.Errorf("exam show:\n%s", show)
	}
	if out := h.ok("exam", "add", "lab", "--date", "2026-06-15", "--result", "pass"); !strings.Contains(out, "corepath milestone done M11 --done-on 2026-06-15") {
		t.Errorf("a lab pass does not point at M11:\n%s", out)
	}
	if got := h.milestoneWindows()["M11"]; got != "2029-06-15" {
		t.Errorf("CCIE active until %q after the lab passed on 2026-06-15", got)
	}
	if text := h.ok("readiness", "lab"); !strings.HasPrefix(text, "CCIE-SP-LAB CCIE SP Lab: passed on 2026-06-15 (readiness ") ||
		strings.Contains(text, "Weak: ") || strings.Contains(text, "ready to book") {
		t.Errorf("readiness of the passed lab:\n%s", text)
	}
	code, _, errOut := h.run("exam", "add", "lab", "--date", "2028-02-01", "--result", "pass")
	if code != exitFail || !strings.Contains(errOut, "after today") {
		t.Errorf("a lab in the future: %d %s", code, errOut)
	}
	code, _, errOut = h.run("exam", "add", "spcor", "--domain", "7.0=50", "--kind", "practice")
	if code != exitFail || !strings.Contains(errOut, "no domain \"7.0\"") {
		t.Errorf("an unknown domain: %d %s", code, errOut)
	}

	// Two lab sittings at the reported $1600 each, one of them a retake; SPCOR was marked done
	// without an attempt, so its $400 counts once.
	if out := h.ok("plan"); !strings.Contains(out, "Costs: $3,600 spent, $0 still planned (optional milestones apart), 1 retake ($1,600); prices reported 2026-11") {
		t.Errorf("plan costs:\n%s", out)
	}
	h.ok("ce", "add", "SPAUI course", "--credits", "24", "--provider", "Fast Lane", "--date", "2026-09-01", "--evidence", "https://example.org/cert.pdf")
	h.ok("ce", "add", "Cisco Live sessions", "--credits", "16", "--date", "2027-06-01", "--state", "planned")
	var ce struct {
		Credits []struct {
			ID    string `json:"id"`
			State string `json:"state"`
		} `json:"credits"`
		Recert struct {
			Deadline string `json:"deadline"`
			Nearest  string `json:"nearest"`
			Options  []struct {
				Option struct {
					ID string `json:"id"`
				} `json:"option"`
				Remaining []string `json:"remaining"`
			} `json:"options"`
		} `json:"recertification"`
	}
	h.json(&ce, "ce", "list", "--json")
	if len(ce.Credits) != 2 || ce.Recert.Deadline != "2029-06-15" || ce.Recert.Options[0].Option.ID != "ce" || strings.Join(ce.Recert.Options[0].Remaining, "") != "96 CE credits" {
		t.Errorf("ce list: %+v", ce)
	}
	if text := h.ok("ce", "list"); !strings.Contains(text, "Recertify by 2029-06-15") || !strings.Contains(text, "[nearest]") || !strings.Contains(text, "Planned activities add 16") ||
		!strings.Contains(text, " 20% done, 96 CE credits to go") || // 24 of the 120 CE credits
		!strings.Contains(text, "each exam counted as the credits it stands in for (a core exam 80, a concentration exam 40") {
		t.Errorf("ce list text:\n%s", text)
	}
	h.ok("ce", "edit", "ce2", "--state", "completed", "--date", "2026-11-20")
	h.ok("ce", "rm", "ce1")
	h.ok("exam", "rm", "a1")
	h.json(&list, "exam", "list", "--json")
	if len(list) != 4 {
		t.Errorf("%d attempts after removing one, want 4", len(list))
	}
	for _, cmd := range []string{"exam", "readiness", "ce"} {
		if out := h.ok(cmd, "--help"); !strings.Contains(out, "--json") {
			t.Errorf("%s --help:\n%s", cmd, out)
		}
	}
}

func TestRulesAreEditable(t *testing.T) {
	h := newHarness(t)
	h.ok("milestone", "done", "M05", "--done-on", "2025-01-10")
	if out := h.ok("rules"); !strings.Contains(out, "Lab eligibility: 3 years from the latest passed 350-501 (medium confidence, reported 2026-11; S13, S20, S14)") ||
		!strings.Contains(out, "Waits after a failed lab: 30, 90, 180 days (not confirmed, reported 2026-11; S15)") {
		t.Errorf("rules:\n%s", out)
	}
	// The ids are said: what each source is, its kind, and where it is.
	for _, want := range []string{"\n    S13  Pass4-Sure: CCIE overview (third-party): https://", "\n    S11  Cisco: Learning about recertification (Cisco (official)): https://www.cisco.com/", "\n    S26  GPA / quality-point policies (official catalogs): "} {
		if out := h.ok("rules"); !strings.Contains(out, want) {
			t.Errorf("rules does not list %q:\n%s", want, out)
		}
	}
	var cited struct {
		LabEligibility tracker.Rule       `json:"lab_eligibility"`
		CitedSources   []resources.Source `json:"cited_sources"`
	}
	h.json(&cited, "rules", "--json")
	if len(cited.CitedSources) != 9 || cited.CitedSources[0].ID != "S13" || cited.LabEligibility.Years != 3 {
		t.Errorf("rules --json: %+v", cited)
	}
	// Were Cisco to shorten the window to 2 years, the window would close on 2027-01-10.
	if out := h.ok("rules", "--lab-years", "2", "--ready", "75"); !strings.Contains(out, "edited by you on 2026-11-25") {
		t.Errorf("edited rules:\n%s", out)
	}
	if got := h.milestoneWindows()["M05"]; got != "2027-01-10" {
		t.Errorf("with a 2-year window: %q", got)
	}
	h.ok("rules", "--reset")
	if got := h.milestoneWindows()["M05"]; got != "2028-01-10" {
		t.Errorf("after --reset: %q", got)
	}
	if code, _, errOut := h.run("rules", "--lab-years", "0"); code != exitFail || !strings.Contains(errOut, "1 to 20 years") {
		t.Errorf("0 years: %d %s", code, errOut)
	}
}

func TestExamAddRefusesControlCharactersAndEmptyPractice(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"exam", "add", "SPCOR", "--kind", "practice", "--score", "80", "--max", "100", "--note", "x\x1b[2Jy"}, "note holds a control character (ESC"},
		{[]string{"exam", "add", "SPCOR", "--kind", "practice", "--score", "80", "--max", "100", "--source", "Bo\x1bson"}, "source holds a control character (ESC"},
		{[]string{"exam", "add", "lab", "--kind", "mock-lab", "--task", "L3\x1bVPN=80"}, "task name holds a control character (ESC"},
		{[]string{"exam", "add", "SPCOR", "--kind", "practice"}, "a practice exam with no score records nothing: give its overall score"},
		{[]string{"exam", "add", "lab", "--kind", "mock-lab", "--source", "INE"}, "a mock lab with no score records nothing"},
	} {
		code, out, errOut := h.run(c.args...)
		if code != exitFail || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 1 and %q", c.args, code, out, errOut, c.want)
		}
	}
	if out := h.ok("exam", "list"); !strings.HasPrefix(out, "No attempts yet") {
		t.Errorf("a refused attempt was saved:\n%s", out)
	}
	h.ok("exam", "add", "SPCOR", "--result", "fail", "--note", "two lines\nof note")
}

func TestExamAndCEActionsTakeOnlyTheirOwnFlags(t *testing.T) {
	h := newHarness(t)
	h.ok("exam", "add", "SPCOR", "--kind", "practice", "--score", "80", "--max", "100", "--date", "2026-10-01")
	h.ok("exam", "add", "SPCOR", "--result", "pass", "--date", "2026-10-20")
	h.ok("exam", "add", "lab", "--kind", "mock-lab", "--task", "L3VPN=75/40", "--date", "2026-11-01")
	h.ok("ce", "add", "SPAUI course", "--credits", "24", "--date", "2026-11-02")
	before := h.ok("exam", "list", "--json") + h.ok("ce", "list", "--json")
	for _, r := range []struct {
		args []string
		flag string
	}{
		{[]string{"exam", "rm", "a1", "--domain", "1.0=5"}, `--domain is not a flag of "exam rm"`},
		{[]string{"exam", "rm", "a1", "--json"}, `--json is not a flag of "exam rm"`},
		{[]string{"exam", "show", "a2", "--score", "5", "--result", "pass"}, `--score is not a flag of "exam show"`},
		{[]string{"exam", "list", "--note", "x"}, `--note is not a flag of "exam list"`},
		{[]string{"ce", "list", "--activity", "foo", "--state", "approved"}, `--activity is not a flag of "ce list"`},
		{[]string{"ce", "add", "Cisco Live", "--credits", "8", "--activity", "x"}, `--activity is not a flag of "ce add"`},
		{[]string{"ce", "edit", "ce1", "--json"}, `--json is not a flag of "ce edit"`},
		{[]string{"ce", "rm", "ce1", "--credits", "3"}, `--credits is not a flag of "ce rm"`},
	} {
		code, out, errOut := h.run(r.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, r.flag) || !strings.Contains(errOut, "; see corepath "+r.args[0]+" "+r.args[1]+" --help") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", r.args, code, out, errOut, r.flag)
		}
	}
	if after := h.ok("exam", "list", "--json") + h.ok("ce", "list", "--json"); after != before {
		t.Errorf("a refused command changed the attempts or the ledger:\n%s\nwas\n%s", after, before)
	}
	// A list takes at most one exam, and ce list none; a flag of another command is refused.
	for _, args := range [][]string{{"exam", "list", "SPCOR", "lab"}, {"ce", "list", "ce1"}, {"exam", "show"},
		{"exam", "add", "SPCOR", "--kind", "practice", "--score", "70", "--max", "100", "--state", "approved"}, {"ce", "add", "Cisco Live", "--credits", "8", "--kind", "practice"}} {
		if code, _, errOut := h.run(args...); code != exitUsage {
			t.Errorf("%v: exit %d, %q; want 2", args, code, errOut)
		}
	}

	// exam list --kind filters, alone or with an exam.
	var list []struct {
		ID string `json:"id"`
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"exam", "list", "--kind", "mock-lab", "--json"}, "a3"},
		{[]string{"exam", "list", "--kind", "exam", "--json"}, "a2"},
		{[]string{"exam", "list", "spcor", "--kind", "practice", "--json"}, "a1"},
		{[]string{"exam", "list", "lab", "--kind", "practice", "--json"}, ""},
		{[]string{"exam", "list", "--json"}, "a3 a2 a1"},
	} {
		h.json(&list, c.args...)
		var ids []string
		for _, a := range list {
			ids = append(ids, a.ID)
		}
		if got := strings.Join(ids, " "); got != c.want {
			t.Errorf("%v: %q, want %q", c.args, got, c.want)
		}
	}
	if out := h.ok("exam", "list", "lab", "--kind", "practice"); !strings.Contains(out, "No attempts match") {
		t.Errorf("an empty filtered list:\n%s", out)
	}
	if code, _, errOut := h.run("exam", "list", "--kind", "quiz"); code != exitUsage || !strings.Contains(errOut, "use exam, practice or mock-lab") {
		t.Errorf("--kind quiz: exit %d, %q", code, errOut)
	}
}

// A worked example of the expert-level written option (S12): a CCIE achieved on 2025-09-01
// and the CCDE written passed on 2026-10-01 recertify on that day, for 3 years.
func TestAPassedCCDEWrittenRecertifies(t *testing.T) {
	h := newHarness(t)
	h.ok("exam", "add", "350-501", "--result", "pass", "--date", "2024-01-10")
	h.ok("exam", "add", "lab", "--result", "pass", "--date", "2025-09-01")
	before := h.ok("ce", "list")
	if !strings.Contains(before, "Recertify by 2028-09-01 (the cycle began 2025-09-01") ||
		!strings.Contains(before, "An expert-level written exam (the CCDE written) (reported 2026-11)    0% done, 1 expert-level written exam to go, $450 in exam fees") {
		t.Fatalf("before the CCDE written:\n%s", before)
	}
	h.ok("exam", "add", "CCDE written", "--result", "fail", "--date", "2026-06-01")
	if out := h.ok("ce", "list"); !strings.Contains(out, "Recertify by 2028-09-01") {
		t.Errorf("a failed CCDE written recertified:\n%s", out)
	}
	if out := h.ok("exam", "add", "ccde-written", "--result", "pass", "--date", "2026-10-01"); !strings.Contains(out, "2026-10-01  CCDE written  exam      pass") {
		t.Errorf("the attempt reads %q", out)
	}
	if out := h.ok("ce", "list"); !strings.Contains(out, "Recertify by 2029-10-01 (the cycle began 2026-10-01") {
		t.Errorf("after the CCDE written:\n%s", out)
	}
	if out := h.ok("readiness"); strings.Contains(out, "CCDE") {
		t.Errorf("readiness measures the CCDE written, which has no blueprint here:\n%s", out)
	}
	if code, _, errOut := h.run("readiness", "CCDE written"); code != exitFail || !strings.Contains(errOut, "CCDE written has no blueprint in Corepath, so no readiness is measured") {
		t.Errorf("readiness of the CCDE written: %d %q", code, errOut)
	}
}

// The words people carry over from elsewhere in Corepath work: a session's kind practice-exam
// for a practice attempt, and a real exam's score without --max, which is Cisco's scaled score.
func TestAttemptsTakeTheWordsPeopleCarryOver(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("exam", "add", "SPCOR", "--kind", "practice-exam", "--score", "80", "--max", "100"); !strings.Contains(out, "practice") {
		t.Errorf("practice-exam: %q", out)
	}
	h.ok("exam", "add", "SPCOR", "--result", "fail", "--score", "790", "--date", "2026-11-01")
	if out := h.ok("exam", "list", "--json"); !strings.Contains(out, `"score_max": 1000`) {
		t.Errorf("a real exam's score without --max: %s", out)
	}
	if code, _, errOut := h.run("exam", "add", "SPCOR", "--kind", "practice", "--score", "80"); code != exitUsage || !strings.Contains(errOut, "--score needs --max for a practice") {
		t.Errorf("a practice score without --max: %d %q", code, errOut)
	}
}

// The ledger says which activities do not count in the cycle: those dated on or before the day
// it began, such as one on the day of the passed lab.
func TestTheLedgerSaysWhichCreditsCount(t *testing.T) {
	h := newHarness(t)
	h.ok("exam", "add", "350-501", "--result", "pass", "--date", "2025-01-10")
	h.ok("exam", "add", "lab", "--result", "pass", "--date", "2026-02-05")
	h.ok("ce", "add", "SPAUI", "--credits", "10", "--date", "2026-02-05")
	h.ok("ce", "add", "Book", "--credits", "16", "--date", "2026-03-01")
	out := h.ok("ce", "list")
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[0], "SPAUI  [dated on or before 2026-02-05, when the CCIE was achieved: it counts toward no cycle]") ||
		strings.Contains(lines[1], "[") || !strings.Contains(out, "104 CE credits to go") || !strings.Contains(out, "the cycle began 2026-02-05, with the passed lab") {
		t.Errorf("the ledger:\n%s", out)
	}
	// 120 credits by 2026-11-20 renew the CCIE then: the ledger says what began the new cycle,
	// and that the activities before it counted toward that renewal.
	h.ok("ce", "add", "Cisco U. track", "--credits", "104", "--date", "2026-11-20") // 16 + 104
	out = h.ok("ce", "list")
	if !strings.Contains(out, "the cycle began 2026-11-20, when 120 CE credits renewed the CCIE") ||
		!strings.Contains(out, "Cisco U. track  [before this cycle, which the renewal of 2026-11-20 began: it counted toward an earlier one]") ||
		!strings.Contains(out, "SPAUI  [dated on or before 2026-02-05, when the CCIE was achieved: it counts toward no cycle]") ||
		!strings.Contains(out, "Recertify by 2029-11-20") {
		t.Errorf("the ledger after the renewal:\n%s", out)
	}
}

// A score of 72.5% reads 73%, rounded half up as people round, not to the even 72.
func TestReadinessRoundsHalvesUp(t *testing.T) {
	h := newHarness(t)
	h.ok("exam", "add", "SPCOR", "--kind", "practice", "--domain", "1.0=72.5")
	if out := h.ok("readiness", "SPCOR"); !strings.Contains(out, "73% (1)") {
		t.Errorf("readiness:\n%s", out)
	}
}

// A CCIE whose deadline passed is said to have ended, and no recertification is offered for it.
func TestCEListSaysAnEndedCCIEEnded(t *testing.T) {
	h := newHarness(t) // 2026-11-25
	h.ok("exam", "add", "SPCOR", "--date", "2022-06-01", "--result", "pass")
	h.ok("exam", "add", "lab", "--date", "2023-02-28", "--result", "pass")
	out := h.ok("ce", "list")
	if !strings.Contains(out, "The CCIE ended on 2026-02-28 (270 days ago)") || strings.Contains(out, "Recertify by") || strings.Contains(out, "[nearest]") {
		t.Errorf("ce list:\n%s", out)
	}
}

// A domain's score is from the attempts that scored it: an overall-only practice score is not
// mixed in, and only a domain no attempt scored takes it, said to be from overall scores.
func TestReadinessKeepsOverallScoresOutOfScoredDomains(t *testing.T) {
	h := newHarness(t)
	h.ok("exam", "add", "spcor", "--kind", "practice", "--date", "2026-10-01", "--domain", "1.0=70,2.0=60,3.0=75,4.0=65")
	h.ok("exam", "add", "spcor", "--kind", "practice", "--date", "2026-11-01", "--domain", "1.0=80,2.0=70,3.0=85,4.0=75")
	h.ok("exam", "add", "spcor", "--kind", "practice", "--date", "2026-11-20", "--score", "81", "--max", "100")
	// 1.0: 70 and 80, 75% from 2 (not 70, 80, 81 and 77% from 3). 5.0, never scored: the
	// overall 81, from 1, marked.
	text := h.ok("readiness", "spcor")
	for _, want := range []string{
		"  1.0 Architecture                            15%  75% (2)  ",
		"  5.0 Automation and Assurance                15%  81% (1)* ",
		"  * Score from overall scores: no attempt scored this domain.\n",
		"    1.0 Architecture                         70 → 80\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("readiness text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "→ 81") || strings.Count(text, "*") != 2 {
		t.Errorf("readiness text mixes the overall score in:\n%s", text)
	}
	var ready []struct {
		Domains []struct {
			ID          string  `json:"id"`
			Score       float64 `json:"score"`
			Scored      int     `json:"scored"`
			FromOverall bool    `json:"from_overall"`
		} `json:"domains"`
	}
	h.json(&ready, "readiness", "spcor", "--json")
	if len(ready) != 1 || len(ready[0].Domains) != 5 {
		t.Fatalf("readiness JSON: %+v", ready)
	}
	arch, auto := ready[0].Domains[0], ready[0].Domains[4]
	if arch.Score != 75 || arch.Scored != 2 || arch.FromOverall || auto.Score != 81 || auto.Scored != 1 || !auto.FromOverall {
		t.Errorf("readiness JSON domains: %+v", ready[0].Domains)
	}
	// With two overall scores, the never scored domain's trend says where it is from.
	h.ok("exam", "add", "spcor", "--kind", "practice", "--date", "2026-11-22", "--score", "83", "--max", "100")
	if text := h.ok("readiness", "spcor"); !strings.Contains(text, "    5.0 Automation and Assurance             81 → 83 (overall scores: no attempt scored this domain)\n") {
		t.Errorf("readiness trend:\n%s", text)
	}
}

// A sitting keeps what it cost: the exam's fee then, or --fee; a price changed later with rules
// applies to the next sitting, not to the money spent.
func TestASittingsFeeStaysWhenThePriceChanges(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("exam", "add", "SPCOR", "--date", "2026-02-01", "--result", "fail"); !strings.Contains(out, "fee $400") {
		t.Errorf("exam add: %q", out)
	}
	if out := h.ok("exam", "add", "SPCOR", "--date", "2026-03-01", "--result", "fail", "--fee", "$200"); !strings.Contains(out, "fee $200") {
		t.Errorf("exam add --fee: %q", out)
	}
	h.ok("rules", "--exam", "SPCOR", "--price", "450")
	out := h.ok("milestone", "list")
	if !strings.Contains(out, "$600 spent, $450 for the next attempt") || !strings.Contains(out, "1 retake ($200)") {
		t.Errorf("after the new price:\n%s", out)
	}
	for want, args := range map[int][]string{
		2: {"exam", "add", "SPCOR", "--result", "pass", "--fee", "59.999"},
		1: {"exam", "add", "SPCOR", "--kind", "practice", "--score", "70", "--max", "100", "--fee", "20"},
	} {
		if code, _, errOut := h.run(args...); code != want || !strings.Contains(errOut, "fee") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}
