package tracker

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// dashPlan is a small plan with a blueprint, targets and goals whose figures are easy to check
// by hand.
func dashPlan() *Plan {
	return &Plan{
		Exams: []Exam{{Code: "350-501", Acronym: "SPCOR", Domains: []Domain{
			{ID: "1.0", Name: "Architecture", Weight: 20}, {ID: "2.0", Name: "Networking", Weight: 50}, {ID: "3.0", Name: "MPLS", Weight: 30}}}},
		Topics: []Topic{
			{ID: "bgp", Name: "BGP", Track: TrackSkills, TargetHours: 10, Confidence: 2, Order: 1, Blueprint: []BlueprintRef{{"350-501", "2.0"}}},
			{ID: "bgp.rr", ParentID: "bgp", Name: "Route reflectors", Track: TrackSkills, Order: 2},
			{ID: "mpls", Name: "MPLS", Track: TrackSkills, TargetHours: 20, Confidence: 4, Order: 3, Blueprint: []BlueprintRef{{"350-501", "2.0"}, {"350-501", "3.0"}}},
			{ID: "arch", Name: "Architecture", Track: TrackSkills, Confidence: 0, Order: 4, Blueprint: []BlueprintRef{{"350-501", "1.0"}}},
			{ID: "lab", Name: "Lab preparation", Track: TrackCertification, TargetHours: 100, Order: 5},
			{ID: "course", Name: "Coursework", Track: TrackDegree, Order: 6},
		},
		Milestones: []Milestone{
			{ID: "M1", Title: "SPCOR", Order: 1, Track: TrackCertification, Status: Done, DoneOn: "2026-02-10", Opens: &Window{Name: "Lab eligibility", Years: 3, Uncertain: true}},
			{ID: "M2", Title: "Lab", Order: 2, Track: TrackCertification, Status: Planned, Target: "2027-02-24", Topic: "lab"},
		},
		Program:  Program{CreditsRequired: 120},
		Goals:    Goals{WeeklyHours: 10, TrackHours: map[Track]float64{TrackSkills: 6}},
		Settings: Settings{WeekStart: time.Monday},
	}
}

var ny = func() *time.Location { l, _ := time.LoadLocation("America/New_York"); return l }()

// dashNow is Wednesday 2026-11-25, 20:00 in New York.
var dashNow = time.Date(2026, 11, 25, 20, 0, 0, 0, ny)

func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ny) }

func build(p *Plan, now time.Time, sessions ...Session) Dashboard {
	b := NewDashboardBuilder(p, ny, now)
	for i := range sessions {
		b.Add(&sessions[i])
	}
	return b.Result()
}

func sess(topic string, start time.Time, minutes int) Session {
	return Session{TopicID: topic, Start: start, Duration: time.Duration(minutes) * time.Minute}
}

func TestDashboardEmpty(t *testing.T) {
	d := build(dashPlan(), dashNow)
	if d.Total != 0 || d.Week.Minutes != 0 || d.Week.GoalMinutes != 600 || len(d.Weeks) != 52 || len(d.Days) != 364 ||
		len(d.Cumulative) != 0 || d.Streak != (Streak{MinMinutes: 15}) || len(d.Stale) != 0 {
		t.Errorf("empty dashboard: total %d, week %+v, %d weeks, %d days, %d cumulative, streak %+v, stale %v",
			d.Total, d.Week, len(d.Weeks), len(d.Days), len(d.Cumulative), d.Streak, d.Stale)
	}
	if d.Days[0].Date != "2025-12-01" || d.Days[363].Date != "2026-11-29" || d.Weeks[51].Start != "2026-11-23" {
		t.Errorf("heatmap %s..%s, last week %s", d.Days[0].Date, d.Days[363].Date, d.Weeks[51].Start)
	}
	for _, f := range d.Forecasts {
		if f.LikelyDate != "" || f.PessimisticDate != "" {
			t.Errorf("a forecast without any study: %+v", f)
		}
	}
	if len(d.Coverage) != 3 || d.Coverage[0].Share != 0 || d.Coverage[0].UnderStudied {
		t.Errorf("coverage: %+v", d.Coverage)
	}
	if d.Cert.Next == nil || d.Cert.Next.ID != "M2" || len(d.Cert.Windows) != 1 || d.Cert.Windows[0].Ends != "2029-02-10" ||
		d.Cert.Windows[0].DaysLeft != 808 || !d.Cert.Windows[0].Uncertain {
		t.Errorf("certification: %+v", d.Cert)
	}
}

func TestDashboardSingleSession(t *testing.T) {
	d := build(dashPlan(), dashNow, sess("bgp.rr", at(2026, 11, 24, 18, 0), 90))
	if d.Total != 90 || d.Week.Minutes != 90 || d.Week.Days != [7]int{0, 90} || dayMinutes(d, "2026-11-24") != 90 {
		t.Errorf("week %+v, by day %v", d.Week, d.Days)
	}
	if d.Week.Tracks[1] != (TrackGoal{Track: TrackSkills, Minutes: 90, GoalMinutes: 360}) || d.Week.Tracks[0].Minutes != 0 {
		t.Errorf("tracks this week: %+v", d.Week.Tracks)
	}
	if d.Topics[0] != (TopicStat{TopicID: "bgp", Topic: "BGP", Track: TrackSkills, Minutes: 90, Share: 100, LastStudied: "2026-11-24", Confidence: 2}) {
		t.Errorf("top topic: %+v", d.Topics[0])
	}
	if d.Tracks[1] != (TrackStat{Track: TrackSkills, Minutes: 90, Share: 100, LastStudied: "2026-11-24"}) {
		t.Errorf("skills track: %+v", d.Tracks[1])
	}
	if len(d.Cumulative) != 1 || d.Cumulative[0] != (WeekTotal{"2026-11-23", 90}) || d.Weeks[51].Minutes != 90 {
		t.Errorf("cumulative %v, this week %v", d.Cumulative, d.Weeks[51])
	}
	if d.Streak.CurrentDays != 1 || d.Streak.LongestDays != 1 {
		t.Errorf("streak %+v", d.Streak)
	}
}

func TestDashboardDaysAcrossMidnightAndDST(t *testing.T) {
	now := time.Date(2026, 11, 3, 12, 0, 0, 0, ny)
	d := build(dashPlan(), now,
		sess("bgp", at(2026, 10, 31, 23, 30), 120), // into Sunday, the day the clocks go back
		sess("mpls", at(2026, 11, 1, 0, 30), 180),  // 00:30 EDT to 02:30 EST: three real hours
	)
	if dayMinutes(d, "2026-10-31") != 30 || dayMinutes(d, "2026-11-01") != 90+180 || d.Total != 300 {
		t.Errorf("by day %v, total %d", d.Days, d.Total)
	}
}

// dayMinutes is the minutes the dashboard's last 52 weeks give day.
func dayMinutes(d Dashboard, day Date) int {
	for _, t := range d.Days {
		if t.Date == day {
			return t.Minutes
		}
	}
	return -1
}

func TestStreaks(t *testing.T) {
	day := func(d int, minutes int) Session { return sess("bgp", at(2026, 11, d, 9, 0), minutes) }
	cases := []struct {
		name     string
		settings Settings
		sessions []Session
		current  int
		longest  int
	}{
		{"none", Settings{}, nil, 0, 0},
		{"today not yet studied keeps yesterday's run", Settings{}, []Session{day(22, 30), day(23, 30), day(24, 30)}, 3, 3},
		{"today counts once studied", Settings{}, []Session{day(24, 30), day(25, 30)}, 2, 2},
		{"a gap ends the run", Settings{}, []Session{day(10, 30), day(11, 30), day(12, 30), day(14, 30), day(24, 20)}, 1, 3},
		{"under the minimum breaks it", Settings{}, []Session{day(22, 30), day(23, 10), day(24, 30)}, 1, 1},
		{"a higher minimum", Settings{StreakMinutes: 45}, []Session{day(23, 60), day(24, 30)}, 0, 1},
		// 2026-11-22 is a Sunday: a rest day does not break the run, and study on it counts.
		{"rest day", Settings{RestDays: []time.Weekday{time.Sunday}}, []Session{day(20, 30), day(21, 30), day(23, 30), day(24, 30)}, 4, 4},
		{"study on a rest day counts", Settings{RestDays: []time.Weekday{time.Sunday}}, []Session{day(21, 30), day(22, 30), day(23, 30), day(24, 30)}, 4, 4},
		{"vacation", Settings{Vacations: []DateRange{{"2026-11-15", "2026-11-22"}}}, []Session{day(13, 30), day(14, 30), day(23, 30), day(24, 30)}, 4, 4},
		// Sunday the 8th, neither studied nor a break, ends the first run; the second runs across
		// Saturdays and both vacations: 9-13, 15, 22-24.
		{"two vacations and a rest day", Settings{RestDays: []time.Weekday{time.Saturday}, Vacations: []DateRange{{"2026-11-02", "2026-11-06"}, {"2026-11-16", "2026-11-20"}}},
			[]Session{day(1, 20), day(9, 20), day(10, 20), day(11, 20), day(12, 20), day(13, 20), day(15, 20), day(22, 20), day(23, 20), day(24, 20)}, 9, 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := dashPlan()
			p.Settings.StreakMinutes, p.Settings.RestDays, p.Settings.Vacations = c.settings.StreakMinutes, c.settings.RestDays, c.settings.Vacations
			got := build(p, dashNow, c.sessions...).Streak
			if got.CurrentDays != c.current || got.LongestDays != c.longest {
				t.Errorf("streak = %+v, want current %d, longest %d", got, c.current, c.longest)
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	// BGP 3 h to 2.0; MPLS 4 h split 2 h to 2.0 and 2 h to 3.0; nothing on 1.0. Of 7 h: 2.0 has
	// 5 h (71.4%), 3.0 has 2 h (28.6%), 1.0 nothing against a weight of 20: called out.
	d := build(dashPlan(), dashNow, sess("bgp.rr", at(2026, 11, 20, 9, 0), 180), sess("mpls", at(2026, 11, 21, 9, 0), 240))
	want := []Coverage{
		{Exam: "SPCOR", Code: "350-501", Domain: "1.0 Architecture", Weight: 20, Share: 0, Minutes: 0, Confidence: 0, UnderStudied: true},
		{Exam: "SPCOR", Code: "350-501", Domain: "2.0 Networking", Weight: 50, Share: 71.4, Minutes: 300, Confidence: 3},
		{Exam: "SPCOR", Code: "350-501", Domain: "3.0 MPLS", Weight: 30, Share: 28.6, Minutes: 120, Confidence: 4},
	}
	if len(d.Coverage) != 3 {
		t.Fatalf("coverage: %+v", d.Coverage)
	}
	for i, w := range want {
		if d.Coverage[i] != w {
			t.Errorf("coverage[%d] = %+v\n              want %+v", i, d.Coverage[i], w)
		}
	}
}

func TestForecastsAndNeededPace(t *testing.T) {
	// BGP (target 10 h): 1 h in each of the last 8 weeks: mean 1 h/week, no variation; 2 h
	// left: two weeks. Lab (target 100 h): 4 h in the last week only: mean 0.5, sd 1.32: the
	// pessimistic pace is negative, so there is no pessimistic date.
	var ss []Session
	for w := 0; w < 8; w++ {
		ss = append(ss, sess("bgp", dashNow.Add(-time.Duration(w)*7*24*time.Hour-3*time.Hour), 60))
	}
	ss = append(ss, sess("lab", dashNow.Add(-26*time.Hour), 240))
	d := build(dashPlan(), dashNow, ss...)
	got := map[string]Forecast{}
	for _, f := range d.Forecasts {
		got[f.Target] = f
	}
	bgp := got["BGP"]
	if bgp.Done != 8 || bgp.WeeklyPace != 1 || bgp.LikelyDate != "2026-12-09" || bgp.PessimisticDate != "2026-12-09" {
		t.Errorf("BGP forecast %+v", bgp)
	}
	lab := got["Lab preparation"]
	if lab.WeeklyPace != 0.5 || lab.LikelyDate != "2030-07-31" || lab.PessimisticDate != "" { // 96 h / 0.5 = 192 weeks
		t.Errorf("lab forecast %+v", lab)
	}
	if mpls := got["MPLS"]; mpls.LikelyDate != "" || mpls.Done != 0 {
		t.Errorf("MPLS, never studied: %+v", mpls)
	}
	// The lab milestone on 2027-02-24 (91 days, 13 weeks) needs 96 h / 13 = 7.4 h a week.
	if len(d.Needed) != 1 || d.Needed[0].WeeklyHours != 7.4 || d.Needed[0].RemainingHrs != 96 || d.Needed[0].CurrentWeekly != 0.5 {
		t.Errorf("needed: %+v", d.Needed)
	}
}

func TestStaleTopics(t *testing.T) {
	p := dashPlan()
	// BGP (confidence 2, interval 8 days) last studied 10 days ago: stale. MPLS (confidence 4,
	// 32 days) 10 days ago: fresh. Architecture (0, 2 days) 3 days ago: stale, and more overdue.
	d := build(p, dashNow, sess("bgp", at(2026, 11, 15, 9, 0), 30), sess("mpls", at(2026, 11, 15, 9, 0), 30), sess("arch", at(2026, 11, 22, 9, 0), 30))
	if len(d.Stale) != 2 || d.Stale[0].Topic != "Architecture" || d.Stale[0].DaysSince != 3 || d.Stale[0].IntervalDays != 2 ||
		d.Stale[1].Topic != "BGP" || d.Stale[1].DaysSince != 10 || d.Stale[1].LastStudied != "2026-11-15" {
		t.Errorf("stale: %+v", d.Stale)
	}
	if ReviewInterval(0) != 2 || ReviewInterval(5) != 64 || ReviewInterval(9) != 64 {
		t.Error("review intervals")
	}
}

func TestDegreeOutlook(t *testing.T) {
	p := dashPlan()
	p.Courses = []Course{
		{Code: "A", Credits: 15, Term: "Spring 2026", Status: CourseCompleted, Grade: "A"},
		{Code: "B", Credits: 12, Term: "Fall 2025", Status: CourseCompleted, Grade: "B"},
		{Code: "C", Credits: 30, Term: "2023", Status: CourseTransfer},
		{Code: "D", Credits: 9, Term: "Fall 2026", Status: CourseInProgress},
		{Code: "E", Credits: 3, Term: "Fall 2024", Status: CourseCompleted, Grade: "C"}, // too long ago for the pace
	}
	d := build(p, dashNow)
	// Earned 15+12+30+3 = 60; 9 in progress; 51 left at 27 a year: 98.2 weeks; pessimistic at
	// two terms of 12: 24 a year, 110.5 weeks.
	if d.Degree.CreditsEarned != 60 || d.Degree.CreditsPerYear != 27 || d.Degree.ExpectedTerm != "Fall 2028" {
		t.Errorf("degree outlook: %+v", d.Degree)
	}
	var f Forecast
	for _, x := range d.Forecasts {
		if x.Unit == "credits" {
			f = x
		}
	}
	if f.LikelyDate != "2028-10-13" || f.PessimisticDate != "2029-01-07" {
		t.Errorf("credits forecast: %+v", f)
	}
	for term, want := range map[string]string{"Fall 2026": "2026-12-31", "Spring 2027": "2027-05-31", "summer 2026": "2026-08-31", "2024": "2024-12-31", "Winter 2027": "2027-02-28",
		"2026 Fall": "2026-12-31", "2026 Spring": "2026-05-31", "Fall-2026": "2026-12-31"} {
		if end, ok := termEnd(term); !ok || DateOf(end) != Date(want) {
			t.Errorf("termEnd(%q) = %v", term, end)
		}
	}
	if _, ok := termEnd("Semester 3"); ok {
		t.Error("an unknown term was read")
	}
	// A retake of B passed in Spring 2026, and a W there, earn no credits, so no pace: still
	// 27 a year.
	p.Courses = append(p.Courses, Course{Code: "b", Credits: 12, Term: "Spring 2026", Status: CourseCompleted, Grade: "A"},
		Course{Code: "W1", Credits: 4, Term: "Spring 2026", Status: CourseCompleted, Grade: "W"})
	if d := build(p, dashNow); d.Degree.CreditsEarned != 60 || d.Degree.CreditsPerYear != 27 {
		t.Errorf("with a retake and a W: %+v", d.Degree)
	}
}

// BenchmarkDashboard100k computes the whole dashboard over 100,000 sessions in memory (10
// years, 60 topics), as the Today screen does.
func BenchmarkDashboard100k(b *testing.B) {
	p := dashPlan()
	for i := 0; len(p.Topics) < 60; i++ {
		p.Topics = append(p.Topics, Topic{ID: fmt.Sprintf("x%d", i), Name: fmt.Sprintf("Topic %d", i), Track: TrackSkills, TargetHours: 50, Order: 10 + i})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	sessions := make([]Session, 100_000)
	start := dashNow.AddDate(-10, 0, 0)
	step := dashNow.Sub(start) / time.Duration(len(sessions))
	for i := range sessions {
		sessions[i] = Session{TopicID: p.Topics[rng.IntN(len(p.Topics))].ID, Start: start.Add(time.Duration(i) * step),
			Duration: time.Duration(15+rng.IntN(100)) * time.Minute, Tags: []string{"lab"}}
	}
	for b.Loop() {
		db := NewDashboardBuilder(p, ny, dashNow)
		for i := range sessions {
			db.Add(&sessions[i])
		}
		if d := db.Result(); d.Total == 0 {
			b.Fatal("no total")
		}
	}
}

// The certification outlook's next step is the next certification milestone: the degree before
// it in the plan's order is the degree track's.
func TestTheCertificationsNextStepIsACertificationMilestone(t *testing.T) {
	p := dashPlan()
	p.Milestones = []Milestone{
		{ID: "M01", Title: "Earn a bachelor's degree", Track: TrackDegree, Status: InProgress, Order: 1},
		{ID: "M03", Title: "CCNA 200-301", Track: TrackCertification, Status: Planned, Order: 3},
	}
	d := build(p, dashNow)
	if d.Cert.Next == nil || d.Cert.Next.ID != "M03" {
		t.Errorf("the certification's next step: %+v", d.Cert.Next)
	}
	if next, _ := p.NextMilestone(); next.ID != "M01" {
		t.Errorf("the plan's next milestone: %s", next.ID)
	}
}

// Samoa went from Thursday 2011-12-29 to Saturday 2011-12-31: a day that never was breaks no
// streak, so study on the 28th, 29th, 31st and 1st is four days in a row.
func TestAStreakRunsOverADayThatNeverWas(t *testing.T) {
	apia, err := time.LoadLocation("Pacific/Apia")
	if err != nil {
		t.Skip(err)
	}
	b := NewDashboardBuilder(dashPlan(), apia, time.Date(2012, 1, 1, 20, 0, 0, 0, apia))
	for _, d := range []int{28, 29, 31} {
		s := sess("bgp", time.Date(2011, 12, d, 10, 0, 0, 0, apia), 30)
		b.Add(&s)
	}
	s := sess("bgp", time.Date(2012, 1, 1, 10, 0, 0, 0, apia), 30)
	b.Add(&s)
	if got := b.Result().Streak; got.CurrentDays != 4 || got.LongestDays != 4 {
		t.Errorf("streak over Samoa's skipped day: %+v, want 4 and 4", got)
	}
	// A day that was, without study, still ends it.
	b = NewDashboardBuilder(dashPlan(), apia, time.Date(2012, 1, 2, 20, 0, 0, 0, apia))
	for _, d := range []int{27, 29, 31} {
		s := sess("bgp", time.Date(2011, 12, d, 10, 0, 0, 0, apia), 30)
		b.Add(&s)
	}
	if got := b.Result().Streak; got.CurrentDays != 0 || got.LongestDays != 2 {
		t.Errorf("streak with the 28th missed: %+v, want 0 and 2", got)
	}
}
