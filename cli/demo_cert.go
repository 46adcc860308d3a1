package cli

import (
	"time"

	"corepath/tracker"
)

// certStore is what certRecord needs of the store.
type certStore interface {
	PutAttempt(tracker.Attempt) (tracker.Attempt, error)
	PutCredit(tracker.Credit) (tracker.Credit, error)
}

// demoPractice are the demo's SPCOR practice exams: days before the end, the source, and the
// scores of domains 1.0 to 5.0, rising as the study goes on.
var demoPractice = []struct {
	daysAgo int
	source  string
	scores  [5]float64
}{
	{120, "Boson ExSim-Max", [5]float64{62, 70, 55, 58, 65}},
	{90, "Boson ExSim-Max", [5]float64{66, 74, 60, 62, 68}},
	{60, "Cisco Press practice test", [5]float64{70, 78, 63, 66, 72}},
	{26, "Boson ExSim-Max", [5]float64{78, 84, 72, 73, 80}},
	{14, "Cisco Press practice test", [5]float64{80, 86, 76, 78, 82}},
	{5, "Boson ExSim-Max", [5]float64{84, 88, 80, 82, 85}},
}

// certRecord adds what the demo's year produced for the certification: SPCOR practice exams
// linked to the practice sessions nearest them, a failed first SPCOR attempt with its score
// report, a timed mock lab, and a few CE activities.
func (d *demo) certRecord(db certStore, sessions []tracker.Session) error {
	day := func(daysAgo int) tracker.Date { return tracker.DateOf(d.end.In(d.loc).AddDate(0, 0, -daysAgo)) }
	domains := []string{"1.0", "2.0", "3.0", "4.0", "5.0"}
	for _, pr := range demoPractice {
		a := tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptPractice, Date: day(pr.daysAgo), Source: pr.source,
			SessionID: nearestPractice(sessions, day(pr.daysAgo), d.loc)}
		for i, id := range domains {
			a.Domains = append(a.Domains, tracker.DomainScore{Domain: id, Percent: pr.scores[i]})
		}
		if _, err := db.PutAttempt(a); err != nil {
			return err
		}
	}
	attempts := []tracker.Attempt{
		{Exam: "350-501", Kind: tracker.AttemptExam, Date: day(40), Result: tracker.Fail, Score: 790, ScoreMax: 1000,
			Domains: []tracker.DomainScore{{Domain: "1.0", Percent: 72}, {Domain: "2.0", Percent: 80}, {Domain: "3.0", Percent: 61}, {Domain: "4.0", Percent: 64}, {Domain: "5.0", Percent: 75}},
			Note:    "Ran short of time in MPLS and services; the pass mark is not published"},
		{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptMockLab, Date: day(10), Source: "INE mock lab 1",
			Tasks: []tracker.TaskScore{{Task: "Core IGP and LDP", Domain: "1.0", Percent: 70, Minutes: 50}, {Task: "L3VPN inter-AS option B", Domain: "2.0", Percent: 60, Minutes: 45},
				{Task: "EVPN multi-homing", Domain: "2.0", Percent: 40, Minutes: 40}, {Task: "SR-TE policy with ODN", Domain: "1.0", Percent: 55, Minutes: 35},
				{Task: "Telemetry to a collector", Domain: "6.0", Percent: 50, Minutes: 30}}},
	}
	for _, a := range attempts {
		if _, err := db.PutAttempt(a); err != nil {
			return err
		}
	}
	credits := []tracker.Credit{
		{Activity: "Cisco Live: SP routing sessions", Provider: "Cisco", Date: day(95), Credits: 8, State: tracker.CreditApproved},
		{Activity: "SPAUI course (automating SP solutions)", Provider: "Fast Lane", Date: day(-60), Credits: 24, State: tracker.CreditPlanned},
	}
	for _, c := range credits {
		if _, err := db.PutCredit(c); err != nil {
			return err
		}
	}
	return nil
}

// nearestPractice is the id of the practice-exam session closest to day, if one is within a week.
func nearestPractice(sessions []tracker.Session, day tracker.Date, loc *time.Location) string {
	target, _ := day.In(loc)
	best, bestGap := "", 7*24*time.Hour
	for i := range sessions {
		s := &sessions[i]
		gap := s.Start.Sub(target).Abs()
		if s.Kind == tracker.KindPracticeExam && gap < bestGap {
			best, bestGap = s.ID, gap
		}
	}
	return best
}
