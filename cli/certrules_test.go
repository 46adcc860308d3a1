package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// milestoneWindows runs plan --json and returns each milestone's window end ("" for none).
func (h *harness) milestoneWindows() map[string]string {
	h.t.Helper()
	var p struct {
		Milestones []struct {
			ID         string `json:"id"`
			WindowEnds string `json:"window_ends"`
			DaysLeft   *int   `json:"days_left"`
		} `json:"milestones"`
	}
	h.json(&p, "plan", "--json")
	out := map[string]string{}
	for _, m := range p.Milestones {
		out[m.ID] = m.WindowEnds
	}
	return out
}

// The worked examples of issue 12's "The rules, right", each run through the command line as a
// person would, so that they measure what the old build printed.
func TestCertificationRules(t *testing.T) {
	at := func(h *harness, day string) {
		d, err := time.ParseInLocation("2006-01-02", day, h.loc)
		if err != nil {
			t.Fatal(err)
		}
		h.now = d.Add(12 * time.Hour)
	}
	t.Run("the CCIE counts 3 years from the passed lab, not from the CCIE milestone", func(t *testing.T) {
		h := newHarness(t)
		h.ok("milestone", "done", "M05", "--done-on", "2025-01-10")
		h.ok("milestone", "done", "M09", "--done-on", "2026-06-15")
		h.ok("milestone", "done", "M11", "--done-on", "2026-07-20")
		if got := h.milestoneWindows()["M11"]; got != "2029-06-15" {
			t.Errorf("CCIE active until %q, want 2029-06-15 (the lab pass + 3 years)", got)
		}
	})
	t.Run("recertifying runs 3 years from the day it is done", func(t *testing.T) {
		h := newHarness(t)
		h.ok("milestone", "done", "M05", "--done-on", "2025-01-10")
		h.ok("milestone", "done", "M09", "--done-on", "2026-06-15")
		h.ok("milestone", "done", "M11", "--done-on", "2026-07-20")
		at(h, "2028-02-01")
		h.ok("milestone", "done", "M12", "--done-on", "2028-01-10")
		if got := h.milestoneWindows()["M11"]; got != "2031-01-10" {
			t.Errorf("CCIE active until %q after recertifying on 2028-01-10, want 2031-01-10", got)
		}
	})
	t.Run("a lab passed with an expired qualifying exam is refused", func(t *testing.T) {
		h := newHarness(t)
		h.ok("milestone", "done", "M05", "--done-on", "2020-01-01")
		for _, id := range []string{"M09", "M11"} {
			code, _, errOut := h.run("milestone", "done", id, "--done-on", "2024-06-01")
			if code != exitFail || !strings.Contains(errOut, "outside the lab eligibility window") || !strings.Contains(errOut, "2023-01-01") {
				t.Errorf("%s done 2024-06-01 with SPCOR of 2020-01-01: exit %d, %q", id, code, errOut)
			}
			// The CCIE's own day stands for the lab only while none is recorded, and says so.
			if said := "marked done on 2024-06-01, with no lab pass recorded, stands for the lab passed that day"; (id == "M11") != strings.Contains(errOut, said) {
				t.Errorf("%s: %q", id, errOut)
			}
		}
	})
	t.Run("a lab target after the window closes is flagged", func(t *testing.T) {
		h := newHarness(t)
		h.ok("milestone", "done", "M05", "--done-on", "2025-03-01")
		h.ok("milestone", "edit", "M09", "--target", "2028-06-01")
		for _, args := range [][]string{{"report"}, {"plan"}} {
			if out := h.ok(args...); !strings.Contains(out, "M09's target 2028-06-01 is after the lab eligibility window closes on 2028-03-01") {
				t.Errorf("%v does not flag the lab target:\n%s", args, out)
			}
		}
	})
	t.Run("the eligibility countdown stops once the lab is passed", func(t *testing.T) {
		h := newHarness(t)
		h.ok("milestone", "done", "M05", "--done-on", "2019-12-26")
		h.ok("milestone", "done", "M09", "--done-on", "2022-06-01")
		if got := h.milestoneWindows()["M05"]; got != "" {
			t.Errorf("SPCOR still shows a lab window ending %s after the lab was passed", got)
		}
		// The CCIE of 2022-06-01, never recertified, lapsed on 2025-06-01, 542 days before 2026-11-25.
		if out := h.ok("report"); !strings.Contains(out, "CCIE active ended 2025-06-01 (542 days ago)") || strings.Contains(out, "Lab eligibility") {
			t.Errorf("report:\n%s", out)
		}
		var r struct {
			Certification struct {
				Windows []struct {
					Name     string `json:"name"`
					DaysLeft int    `json:"days_left"`
				} `json:"windows"`
			} `json:"certification"`
		}
		if err := json.Unmarshal([]byte(h.ok("report", "--json")), &r); err != nil {
			t.Fatal(err)
		}
		for _, w := range r.Certification.Windows {
			if strings.Contains(w.Name, "ligib") {
				t.Errorf("report still counts %s: %d days", w.Name, w.DaysLeft)
			}
		}
	})
	t.Run("a done date in the future is refused", func(t *testing.T) {
		h := newHarness(t)
		code, _, errOut := h.run("milestone", "done", "M11", "--done-on", "2030-01-01")
		if code != exitFail || !strings.Contains(errOut, "after today") {
			t.Errorf("M11 done 2030-01-01: exit %d, %q", code, errOut)
		}
	})
	t.Run("29 February plus 3 years is 28 February", func(t *testing.T) {
		h := newHarness(t)
		h.ok("milestone", "done", "M05", "--done-on", "2024-02-29")
		if got := h.milestoneWindows()["M05"]; got != "2027-02-28" {
			t.Errorf("lab window after SPCOR on 2024-02-29 ends %q, want 2027-02-28", got)
		}
	})
}

// An exam's price and weights change from rules --exam, as Cisco changes them: kept in the
// store, marked as edited, shown by rules, and used by the readiness; a sum other than 100 is
// refused with the figures, and nothing changes.
func TestRulesChangeAnExamsPriceAndWeights(t *testing.T) {
	h := newHarness(t)
	out := h.ok("rules", "--exam", "SPCOR", "--price", "450", "--weights", "1.0=20,2.0=25")
	if want := "Changed 350-501: $450, weights 1.0 20%, 2.0 25%, 3.0 20%, 4.0 20%, 5.0 15% (edited by you on 2026-11-25)\n"; out != want {
		t.Errorf("the change says %q, want %q", out, want)
	}
	// The milestone that pays for it, which cost the old fee, follows; one of the person's own
	// cost stays, and is named.
	if out := h.ok("milestone", "list"); !strings.Contains(out, "M05  planned     Pass 350-501 SPCOR  $450 to pay") {
		t.Errorf("the milestone's cost did not follow the fee:\n%s", out)
	}
	h.ok("milestone", "edit", "M05", "--cost", "380")
	if out := h.ok("rules", "--exam", "SPCOR", "--price", "470"); !strings.Contains(out, "Note: the costs count milestone M05's own cost, $380: to count $470 there, corepath milestone edit M05 --cost 470") {
		t.Errorf("a milestone of its own cost: %q", out)
	}
	h.ok("rules", "--exam", "SPCOR", "--price", "450")
	if out := h.ok("rules"); !strings.Contains(out, "350-501       $450, weights 1.0 20%, 2.0 25%") || !strings.Contains(out, "CCIE-SP-LAB   $1,600") {
		t.Errorf("rules:\n%s", out)
	}
	if out := h.ok("readiness", "SPCOR"); !strings.Contains(out, "1.0 Architecture                            20%") {
		t.Errorf("the readiness does not weigh by the new weights:\n%s", out)
	}
	code, _, errOut := h.run("rules", "--exam", "SPCOR", "--weights", "1.0=50")
	if code != exitFail || !strings.Contains(errOut, "the weights of 350-501 would add up to 130% (1.0 50%, 2.0 25%, 3.0 20%, 4.0 20%, 5.0 15%): they must add up to 100") {
		t.Errorf("a sum of 130: %d %q", code, errOut)
	}
	for _, args := range [][]string{{"rules", "--price", "450"}, {"rules", "--exam", "SPCOR"}, {"rules", "--exam", "SPCOR", "--weights", "1.0"}} {
		if code, _, _ := h.run(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if out := h.ok("rules"); !strings.Contains(out, "350-501       $450, weights 1.0 20%, 2.0 25%") {
		t.Errorf("a refused change changed the exam:\n%s", out)
	}
}

// Showing the rules with --data writes nothing: a store that never changed a rule has none of
// its own, so that the sources' rules a new version brings (the CCDE written's option) reach it.
func TestShowingTheRulesWithDataKeepsNoCopy(t *testing.T) {
	h := newHarness(t)
	h.ok("--data", h.dir, "rules")
	h.ok("rules", "--data", h.dir, "--json")
	h.ok("--data", h.dir, "rules", "--exam", "SPCOR", "--price", "450")
	if out := h.ok("export"); strings.Contains(out, `"cert_rules"`) {
		t.Error("the store keeps rules of its own")
	}
	h.ok("rules", "--data", h.dir, "--ready", "70")
	if out := h.ok("export"); !strings.Contains(out, `"cert_rules"`) {
		t.Error("a changed rule was not kept")
	}
}

// An exam's change and a rule's are written together or not at all; --reset alone drops the
// store's own rules, and with --exam puts that exam's reported figures back.
func TestRulesWriteTheExamAndTheRulesTogether(t *testing.T) {
	h := newHarness(t)
	code, _, errOut := h.run("rules", "--exam", "SPCOR", "--price", "450", "--ready", "500")
	if code != exitFail || !strings.Contains(errOut, "ready-to-book threshold") {
		t.Fatalf("a bad rule beside an exam's fee: %d %q", code, errOut)
	}
	if out := h.ok("rules"); !strings.Contains(out, "350-501       $400") {
		t.Errorf("the exam changed though the command failed:\n%s", out)
	}
	h.ok("rules", "--exam", "SPCOR", "--price", "450", "--ready", "70")
	if out := h.ok("rules"); !strings.Contains(out, "350-501       $450") || !strings.Contains(out, "at least 70%") {
		t.Errorf("both changes:\n%s", out)
	}
	if out := h.ok("rules", "--exam", "SPCOR", "--reset"); !strings.Contains(out, "Changed 350-501: $400, weights 1.0 15%") || strings.Contains(out, "edited by you") {
		t.Errorf("the exam's reset: %q", out)
	}
	h.ok("rules", "--reset")
	if out := h.ok("export"); strings.Contains(out, `"cert_rules"`) {
		t.Error("--reset kept a copy of the sources' rules in the store")
	}
	if code, _, errOut := h.run("rules", "--exam", "CCDE written", "--weights", "1.0=20"); code != exitFail || !strings.Contains(errOut, "CCDE-WRITTEN has no blueprint weights in Corepath: only its price can change") {
		t.Errorf("weights for the CCDE written: %d %q", code, errOut)
	}
}

// An exam's fee and weights changed by the person travel with the JSON export: a store that
// has the reported figures takes them; one that changed them too keeps its own but with
// --replace-plan.
func TestEditedExamFiguresTravelWithTheExport(t *testing.T) {
	from := newHarness(t)
	from.ok("rules", "--exam", "SPCOR", "--price", "450", "--weights", "1.0=20,2.0=25")
	file := filepath.Join(t.TempDir(), "corepath.json")
	from.ok("export", "-o", file)

	to := newHarness(t)
	if out := to.ok("import", file); !strings.Contains(out, "exam 350-501: the fee and weights edited on 2026-11-25 ($450)") {
		t.Errorf("import:\n%s", out)
	}
	if out := to.ok("rules"); !strings.Contains(out, "350-501       $450, weights 1.0 20%, 2.0 25%") {
		t.Errorf("rules after the import:\n%s", out)
	}

	mine := newHarness(t)
	mine.ok("rules", "--exam", "SPCOR", "--price", "500")
	mine.ok("import", file)
	if out := mine.ok("rules"); !strings.Contains(out, "350-501       $500") {
		t.Errorf("a store's own edit was replaced without --replace-plan:\n%s", out)
	}
	mine.ok("import", file, "--replace-plan")
	if out := mine.ok("rules"); !strings.Contains(out, "350-501       $450") {
		t.Errorf("--replace-plan kept the store's figures:\n%s", out)
	}
}

// Showing the rules writes nothing: the file is the same after. Nor does giving an exam the
// figures it has, which says so rather than "Changed".
func TestShowingTheRulesWritesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "20m", "--topic", "BGP")
	path := filepath.Join(h.dir, "corepath.db")
	before, _ := os.ReadFile(path)
	h.ok("rules")
	h.ok("rules", "--json")
	if out := h.ok("rules", "--exam", "SPCOR", "--price", "400", "--weights", "1.0=15"); !strings.HasPrefix(out, "Unchanged: 350-501 already has $400, weights 1.0 15%") {
		t.Errorf("the same figures again: %q", out)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("corepath rules changed the store")
	}
}

// An export whose edited exam no longer fits this store's blueprint (a domain it lacks) imports
// its sessions, and says the exam's figures were kept as they are here.
func TestAnEditedExamThatDoesNotFitIsKeptAside(t *testing.T) {
	from := newHarness(t)
	from.ok("log", "30m", "--topic", "BGP")
	from.ok("rules", "--exam", "SPCOR", "--price", "450", "--weights", "1.0=20,2.0=25")
	file := filepath.Join(t.TempDir(), "corepath.json")
	from.ok("export", "-o", file)
	data, _ := os.ReadFile(file)
	text := string(data)
	at := strings.Index(text, `"code": "350-501"`) // SPCOR's domain 5.0 becomes one this store lacks
	text = text[:at] + strings.Replace(text[at:], `"id": "5.0"`, `"id": "6.0"`, 1)
	os.WriteFile(file, []byte(text), 0o600)
	out := newHarness(t).ok("import", file)
	if !strings.Contains(out, "Added 1 session") || !strings.Contains(out, "exam 350-501's fee and weights, edited on 2026-11-25, do not fit this store's blueprint") {
		t.Errorf("import:\n%s", out)
	}
}

// The rules say that no wait between written exams is checked, since the sources give none.
func TestRulesSayNoWrittenExamWaitIsChecked(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("rules"); !strings.Contains(out, "Waits after a failed or passed written exam (350-501 and the others): none in the sources, so Corepath checks none") {
		t.Errorf("rules:\n%s", out)
	}
}

// The rules name the degree's GPA rule that the course list's retake note cites (S26), with the
// catalog's example, which TestDegreeGPA works through tracker.Degree.
func TestRulesSayTheGPARule(t *testing.T) {
	h := newHarness(t)
	out := h.ok("rules")
	if !strings.Contains(out, "Degree GPA: grade points × credits, over the credits attempted") || !strings.Contains(out, "(university catalogs, S26; their example") || !strings.Contains(out, "a course passed more than once earns its credits once, the common rule for a repeated course, which the sources do not state") ||
		!strings.Contains(out, "give 40.2 / 15 = 2.68") {
		t.Errorf("rules:\n%s", out)
	}
}

// --retake-days takes one wait for each step of the rule, after the first failed lab, the second
// and the third and later: two or four are refused as a usage error that names what was given
// and the form, and the rule stays as it was; three are kept.
func TestRetakeDaysTakeAWaitForEachStep(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ value, got string }{
		{"30,90", "(got 2 waits: 30,90)"}, {"30,90,180,365", "(got 4 waits: 30,90,180,365)"}, {"30", "(got 1 wait: 30)"}, {"", "(got none)"},
	} {
		code, out, errOut := h.run("rules", "--retake-days", c.value)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "--retake-days takes 3 waits in days, D,D,D: after the first failed lab, the second, and the third and later, like --retake-days 30,90,180 "+c.got) {
			t.Errorf("--retake-days %q: exit %d, %q %q", c.value, code, out, errOut)
		}
	}
	if out := h.ok("rules"); !strings.Contains(out, "Waits after a failed lab: 30, 90, 180 days (not confirmed, reported 2026-11; S15)\n") {
		t.Errorf("a refused wait changed the rule:\n%s", out)
	}
	if out := h.ok("rules", "--retake-days", "14,60,120"); !strings.Contains(out, "Waits after a failed lab: 14, 60, 120 days") {
		t.Errorf("three waits:\n%s", out)
	}
}
