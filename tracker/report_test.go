package tracker

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

func testPlan() *Plan {
	return &Plan{
		Exams: []Exam{{Code: "350-501", Domains: []Domain{{ID: "2.0", Name: "Networking", Weight: 30}}}},
		Topics: []Topic{
			{ID: "bgp", Name: "BGP", Track: TrackSkills, TargetHours: 10, Order: 1, Blueprint: []BlueprintRef{{"350-501", "2.0"}}},
			{ID: "bgp/rr", ParentID: "bgp", Name: "Route reflectors", Track: TrackSkills, Order: 2},
			{ID: "ospf", Name: "OSPF", Track: TrackSkills, Order: 3},
			{ID: "mpls", Name: "MPLS", Track: TrackSkills, Order: 4},
			{ID: "multicast", Name: "Multicast", Track: TrackSkills, Order: 5},
			{ID: "lab", Name: "CCIE lab preparation", Track: TrackCertification, Order: 6},
			{ID: "ospf-x", ParentID: "lab", Name: "OSPF", Track: TrackCertification, Order: 7},
		},
		Milestones: []Milestone{
			{ID: "a", Title: "SPCOR", Order: 1, Status: Done, DoneOn: "2026-01-10", Track: TrackCertification},
			{ID: "b", Title: "Concentration", Order: 2, Status: Skipped, Track: TrackCertification},
			{ID: "c", Title: "Lab", Order: 3, Status: Planned, Track: TrackCertification, DependsOn: []string{"a"}},
		},
		Program:  Program{CreditsRequired: 120},
		Goals:    Goals{WeeklyHours: 10},
		Settings: Settings{WeekStart: time.Monday},
	}
}

func TestMatchTopic(t *testing.T) {
	p := testPlan()
	for in, want := range map[string]string{
		"BGP": "bgp", "bgp": "bgp", " Bgp ": "bgp", "route": "bgp/rr", "BGP › Route reflectors": "bgp/rr",
		"OSPF": "ospf", "mp": "mpls", "CCIE lab preparation › OSPF": "ospf-x", "cc": "lab", "ccie lab preparation > os": "ospf-x",
		"bgp>route reflectors": "bgp/rr",
	} {
		got, err := MatchTopic(p, in)
		if err != nil || got.ID != want {
			t.Errorf("MatchTopic(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	_, err := MatchTopic(p, "m")
	if ErrorCode(err) != Conflict || !strings.Contains(err.Error(), "MPLS") || !strings.Contains(err.Error(), "Multicast") {
		t.Errorf("ambiguous prefix: %v", err)
	}
	_, err = MatchTopic(p, "ISIS")
	if ErrorCode(err) != NotFound || !strings.Contains(err.Error(), "BGP") {
		t.Errorf("unknown topic: %v", err)
	}
	if _, err := MatchTopic(p, ""); ErrorCode(err) != Invalid {
		t.Errorf("empty topic: %v", err)
	}
	if _, err := MatchTopic(p, ">"); ErrorCode(err) != Invalid || !strings.Contains(err.Error(), "\n  BGP") {
		t.Errorf("a topic of separators only lists no topics: %v", err)
	}
}

func TestDegreeGPA(t *testing.T) {
	p := testPlan()
	// The catalog example: A in 4, B+ in 4, C in 4, D in 3 credits gives 40.2 / 15 = 2.68.
	p.Courses = []Course{
		{Code: "A", Credits: 4, Status: CourseCompleted, Grade: "A"},
		{Code: "B", Credits: 4, Status: CourseCompleted, Grade: "B+"},
		{Code: "C", Credits: 4, Status: CourseCompleted, Grade: "C"},
		{Code: "D", Credits: 3, Status: CourseCompleted, Grade: "D"},
		{Code: "P", Credits: 1, Status: CourseCompleted, Grade: "P"},
		{Code: "W", Credits: 3, Status: CourseWithdrawn, Grade: "W"},
		{Code: "T", Credits: 3, Status: CourseTransfer, Grade: "B"},
		{Code: "I", Credits: 3, Status: CourseInProgress},
		{Code: "L", Credits: 3, Status: CoursePlanned},
	}
	d := Degree(p)
	if d.GPA != 2.68 || d.CreditsEarned != 19 || d.CreditsInProgress != 3 || !d.Graded {
		t.Errorf("degree = %+v; want GPA 2.68, 19 earned, 3 in progress", d)
	}
	p.Courses = append(p.Courses, Course{Code: "F", Credits: 3, Status: CourseCompleted, Grade: "F"})
	if d := Degree(p); d.GPA != 2.23 || d.CreditsEarned != 19 { // 40.2 / 18
		t.Errorf("with an F: %+v", d)
	}
	if d := Degree(testPlan()); d.Graded || d.GPA != 0 {
		t.Errorf("no courses: %+v", d)
	}
}

func TestMilestoneCycles(t *testing.T) {
	p := testPlan()
	a := p.Milestones[0]
	a.DependsOn = []string{"c"}
	if err := ValidateMilestone(&a, p); ErrorCode(err) != Invalid || !strings.Contains(err.Error(), "SPCOR → Lab → SPCOR") {
		t.Errorf("two-step cycle: %v", err)
	}
	a.DependsOn = []string{"a"}
	if err := ValidateMilestone(&a, p); ErrorCode(err) != Invalid || !strings.Contains(err.Error(), "itself") {
		t.Errorf("self dependency: %v", err)
	}
	a.DependsOn = []string{"zzz"}
	if err := ValidateMilestone(&a, p); ErrorCode(err) != NotFound {
		t.Errorf("missing dependency: %v", err)
	}
	c := p.Milestones[2]
	if err := ValidateMilestone(&c, p); err != nil {
		t.Errorf("valid chain refused: %v", err)
	}
	c.Status, c.DoneOn = Done, ""
	if err := ValidateMilestone(&c, p); ErrorCode(err) != Invalid {
		t.Errorf("done without a date: %v", err)
	}
}

func TestReport(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	p := testPlan()
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, ny) // a Wednesday
	at := func(m, d, h, min int) time.Time { return time.Date(2026, time.Month(m), d, h, min, 0, 0, ny) }
	sessions := []Session{
		{TopicID: "bgp", Start: at(11, 20, 18, 0), Duration: 45 * time.Minute, Tags: []string{"lab"}},           // last week
		{TopicID: "bgp/rr", Start: at(11, 23, 23, 30), Duration: 90 * time.Minute, Tags: []string{"Lab", "rr"}}, // across midnight
		{TopicID: "ospf", Start: at(11, 25, 9, 0), Duration: 30 * time.Minute},
		{TopicID: "lab", Start: at(11, 25, 10, 0), Duration: 2 * time.Hour, Tags: []string{"mock"}},
	}
	week := StartOfWeek(now, ny, time.Monday)
	sum := NewSummarizer(p, ny, week, time.Time{}, now)
	for i := range sessions {
		sum.Add(&sessions[i])
	}
	r := sum.Report()
	if r.TotalMinutes != 240 || r.Sessions != 3 {
		t.Errorf("week total = %d in %d sessions, want 240 in 3", r.TotalMinutes, r.Sessions)
	}
	days := map[Date]int{}
	for _, d := range r.ByDay {
		days[d.Date] = d.Minutes
	}
	if days["2026-11-23"] != 30 || days["2026-11-24"] != 60 || days["2026-11-25"] != 150 || len(days) != 3 {
		t.Errorf("by day = %v", r.ByDay)
	}
	if r.ByTopic[0].Topic != "CCIE lab preparation" || r.ByTopic[1].Topic != "BGP › Route reflectors" || r.ByTopic[1].Minutes != 90 {
		t.Errorf("by topic = %+v", r.ByTopic)
	}
	tags := map[string]int{}
	for _, tg := range r.ByTag {
		tags[tg.Tag] = tg.Minutes
	}
	if tags["Lab"] != 90 || tags["rr"] != 90 || tags["mock"] != 120 || len(tags) != 3 {
		t.Errorf("by tag = %+v", r.ByTag)
	}
	tracks := map[Track]int{}
	for _, tr := range r.ByTrack {
		tracks[tr.Track] = tr.Minutes
	}
	if tracks[TrackSkills] != 120 || tracks[TrackCertification] != 120 || tracks[TrackDegree] != 0 {
		t.Errorf("by track = %+v", r.ByTrack)
	}

	pr := r.Progress
	if pr.Week.Minutes != 240 || pr.Week.GoalMinutes != 600 || pr.Week.Start != "2026-11-23" {
		t.Errorf("week progress = %+v", pr.Week)
	}
	bgp := pr.Topics[0]
	if bgp.TopicID != "bgp" || bgp.Minutes != 135 || bgp.TargetMinutes != 600 || bgp.Percent != 22.5 || bgp.LastStudied != "2026-11-24" {
		t.Errorf("BGP progress (all time, subtopics rolled up) = %+v", bgp)
	}
	if pr.Milestones.Done != 1 || pr.Milestones.Total != 2 || pr.Milestones.Next == nil || pr.Milestones.Next.ID != "c" {
		t.Errorf("milestones = %+v", pr.Milestones)
	}
}

func TestReportEmpty(t *testing.T) {
	r := NewSummarizer(testPlan(), time.UTC, time.Time{}, time.Time{}, time.Now()).Report()
	if r.TotalMinutes != 0 || len(r.ByDay) != 0 || r.ByTopic == nil || r.ByTag == nil || len(r.ByTrack) != 3 {
		t.Errorf("empty report = %+v", r)
	}
}

// A record not yet stored has no id; validation treats it as new, not as the record with an
// empty id: a new subtopic is not taken for a parent of the top-level topics, and a new
// milestone may depend on stored ones.
func TestNewRecordsValidateWithoutAnID(t *testing.T) {
	p := testPlan()
	parent := p.Topics[0]
	sub := Topic{Name: "A new subtopic", ParentID: parent.ID, Track: parent.Track}
	if err := ValidateTopic(&sub, p); err != nil {
		t.Errorf("a new subtopic: %v", err)
	}
	top := Topic{Name: "A new topic", Track: parent.Track}
	if err := ValidateTopic(&top, p); err != nil {
		t.Errorf("a new top-level topic: %v", err)
	}
	m := Milestone{Title: "A new milestone", Track: p.Milestones[0].Track, Status: Planned, DependsOn: []string{p.Milestones[2].ID}}
	if err := ValidateMilestone(&m, p); err != nil {
		t.Errorf("a new milestone: %v", err)
	}
}

// A name that starts a topic and some of its own subtopics is that topic: "python" is Python &
// Network Automation, not a question with its subtopic Python for network engineers. A name
// that also starts another topic is still ambiguous.
func TestMatchTopicTakesTheTopicOverItsOwnSubtopics(t *testing.T) {
	p := testPlan()
	p.Topics = append(p.Topics,
		Topic{ID: "py", Name: "Python & Network Automation", Track: TrackSkills, Order: 8},
		Topic{ID: "py/basics", ParentID: "py", Name: "Python for network engineers", Track: TrackSkills, Order: 9},
		Topic{ID: "py/libs", ParentID: "py", Name: "Python libraries", Track: TrackSkills, Order: 10})
	if got, err := MatchTopic(p, "python"); err != nil || got.ID != "py" {
		t.Errorf("MatchTopic(python) = %v, %v; want the topic", got, err)
	}
	p.Topics = append(p.Topics, Topic{ID: "pyats", ParentID: "lab", Name: "pyATS tests", Track: TrackCertification, Order: 11})
	if _, err := MatchTopic(p, "py"); ErrorCode(err) != Conflict {
		t.Errorf("py, which also starts a topic elsewhere: %v", err)
	}
}

// TestApportionIsTheLargestRemainderMethod holds apportion to the method written out: the parts'
// whole minutes, then one more to each of the parts with the largest remainders, taken in a
// stable sort (so among equal remainders the earlier part), until the whole's minutes are
// reached; on examples and on random parts such as a report over all time has (thousands of
// days), now and then a negative one, as only damaged totals hold.
func TestApportionIsTheLargestRemainderMethod(t *testing.T) {
	reference := func(total int, secs []int64) []int {
		out := make([]int, len(secs))
		left := total
		for i, s := range secs {
			out[i] = int(s / 60)
			left -= out[i]
		}
		order := make([]int, len(secs))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return secs[order[a]]%60 > secs[order[b]]%60 })
		for k := 0; k < left && k < len(order); k++ {
			out[order[k]]++
		}
		return out
	}
	if got := apportion(62, []int64{1230, 1230, 1230}); !slices.Equal(got, []int{21, 21, 20}) {
		t.Errorf("three parts of 20m30s under 62m: %v, want [21 21 20]", got)
	}
	if got := apportion(3, []int64{59, 1, 59, 0}); !slices.Equal(got, []int{1, 1, 1, 0}) {
		t.Errorf("59s, 1s, 59s, 0s under 3m: %v, want [1 1 1 0]", got)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for n := range 300 {
		secs := make([]int64, 1+rng.IntN(4000))
		var sum int64
		for i := range secs {
			secs[i] = rng.Int64N(int64(1 + n*n))
			if rng.IntN(50) == 0 {
				secs[i] = -secs[i] // as damaged totals may hold
			}
			sum += secs[i]
		}
		total := minutes(sum) + rng.IntN(3) - 1 // also a whole a minute more or less than the parts
		if got, want := apportion(total, secs), reference(total, secs); !slices.Equal(got, want) {
			t.Fatalf("%d parts under %d minutes: apportion and the method differ", len(secs), total)
		}
	}
}

func TestGoalPercentRoundsButNeverReachesAGoalNotMet(t *testing.T) {
	for _, c := range []struct{ minutes, goal, want int }{
		{118, 600, 20}, {117, 600, 20}, {114, 600, 19}, {0, 600, 0}, {597, 600, 99}, {600, 600, 100}, {900, 600, 150}, {5, 0, 0},
	} {
		if got := GoalPercent(c.minutes, c.goal); got != c.want {
			t.Errorf("GoalPercent(%d, %d) = %d, want %d", c.minutes, c.goal, got, c.want)
		}
	}
}
