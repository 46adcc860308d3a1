package exchange

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"corepath/tracker"
)

// Attempts (with a link to a session of the same file), CE credits and edited rules leave in a
// Corepath export and come back unchanged in another store.
func TestCertificationRecordRoundTrip(t *testing.T) {
	src := openStore(t)
	sessions, err := src.AddSessions([]tracker.Session{{TopicID: topicID(t, src, "BGP"), Start: testNow.Add(-72 * 3600e9), Duration: 2 * 3600e9, Kind: tracker.KindPracticeExam}})
	if err != nil {
		t.Fatal(err)
	}
	attempts := []tracker.Attempt{
		{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2025-03-01", Result: tracker.Pass, Score: 870, ScoreMax: 1000,
			Domains: []tracker.DomainScore{{Domain: "1.0", Percent: 80}, {Domain: "2.0", Percent: 91}}},
		{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Date: "2026-06-15", Result: tracker.Pass,
			Modules: []tracker.ModuleResult{{Module: "Design", Result: tracker.Pass, Percent: 84}, {Module: "Deploy, Operate and Optimize", Result: tracker.Pass, Percent: 79}}},
		{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptMockLab, Date: "2026-11-22", Source: "INE", SessionID: sessions[0].ID,
			Tasks: []tracker.TaskScore{{Task: "L3VPN", Domain: "2.0", Percent: 75, Minutes: 40}}},
	}
	for _, a := range attempts {
		if _, err := src.PutAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := src.PutCredit(tracker.Credit{Activity: "SPAUI course", Provider: "Fast Lane", Date: "2026-09-01", Credits: 24, State: tracker.CreditApproved, Evidence: "/home/me/spaui.pdf"}); err != nil {
		t.Fatal(err)
	}
	rules := tracker.DefaultCertRules()
	rules.ReadyPercent = 85
	if err := src.PutCertRules(rules); err != nil {
		t.Fatal(err)
	}
	text := exportString(t, src, ExportOptions{Format: JSON})

	dst := openStore(t)
	res, err := importString(t, dst, text, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.PlanChanges, "\n"); !strings.Contains(got, "exam attempt a3 CCIE-SP-LAB mock-lab on 2026-11-22 (added)") || !strings.Contains(got, "CE activity ce1") || !strings.Contains(got, "certification rules") {
		t.Errorf("plan changes:\n%s", got)
	}
	want, _ := src.Plan()
	got, _ := dst.Plan()
	if !reflect.DeepEqual(got.Attempts, want.Attempts) || !reflect.DeepEqual(got.Credits, want.Credits) || !reflect.DeepEqual(got.CertRules, want.CertRules) {
		t.Errorf("after the round trip:\n attempts %+v\n want     %+v\n credits %+v\n rules %+v", got.Attempts, want.Attempts, got.Credits, got.CertRules)
	}
	if s := got.Cert(testNow); s.ActiveUntil != "2029-06-15" {
		t.Errorf("the imported lab pass gives a CCIE active until %q", s.ActiveUntil)
	}
	// A second import changes nothing.
	res, err = importString(t, dst, text, importOpts())
	if err != nil || len(res.PlanChanges) != 0 {
		t.Errorf("importing again: %v %v", res.PlanChanges, err)
	}
}

func TestImportRefusesALabOutsideItsWindow(t *testing.T) {
	dst := openStore(t)
	before := fileBytes(t, dst)
	// This store's own export, with an SPCOR pass of 2020 and a lab in 2024 added to its plan.
	var file map[string]any
	if err := json.Unmarshal([]byte(exportString(t, dst, ExportOptions{Format: JSON})), &file); err != nil {
		t.Fatal(err)
	}
	file["plan"].(map[string]any)["attempts"] = []tracker.Attempt{
		{ID: "a1", Exam: "350-501", Kind: tracker.AttemptExam, Date: "2020-01-01", Result: tracker.Pass},
		{ID: "a2", Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Date: "2024-06-01", Result: tracker.Pass},
	}
	plan, _ := json.Marshal(file["plan"])
	text := `{"format": "corepath", "version": 1, "plan": ` + string(plan) + `, "sessions": []}`
	_, err := importString(t, dst, text, importOpts())
	wantError(t, err, "attempt a2", "outside the lab eligibility window", "until 2023-01-01")
	unchanged(t, dst, before)
}
