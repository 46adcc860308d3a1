package tracker

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Dashboard is everything the Today screen and "corepath report" show beyond a period's
// totals: the week against its goals, the trend, the heatmap, streaks, per-topic and per-track
// figures, blueprint coverage, forecasts, stale topics, and the degree and certification
// outlooks. DashboardBuilder computes it in one pass over the sessions.
type Dashboard struct {
	Week       WeekStats       `json:"week"`
	Weeks      []WeekTotal     `json:"weeks"`      // the last 52 weeks, oldest first, the current one last
	Cumulative []WeekTotal     `json:"cumulative"` // all-time hours at the end of each week since the first session
	Days       []DayTotal      `json:"days"`       // every day of the last 52 weeks, for the heatmap, oldest first
	Streak     Streak          `json:"streak"`
	Topics     []TopicStat     `json:"topics"` // top-level topics, most studied first
	Tracks     []TrackStat     `json:"tracks"`
	Coverage   []Coverage      `json:"coverage"`
	Forecasts  []Forecast      `json:"forecast"`
	Needed     []MilestonePace `json:"needed"` // weekly hours needed to meet milestones' target dates
	Stale      []StaleTopic    `json:"stale"`
	Degree     DegreeOutlook   `json:"degree"`
	Cert       CertOutlook     `json:"certification"`
	Total      int             `json:"total_minutes"`
	// TopicTotals holds every topic's study over all time, its subtopics' included.
	TopicTotals map[string]TopicStudy `json:"-"`
}

// TopicStudy is a topic's study over all time.
type TopicStudy struct {
	Minutes     int
	LastStudied Date
}

// WeekStats is the current week against the weekly goals.
type WeekStats struct {
	Start       Date        `json:"start"`
	Minutes     int         `json:"minutes"`
	GoalMinutes int         `json:"goal_minutes"`
	Days        [7]int      `json:"days"` // minutes on each day, from the first day of the week
	Tracks      []TrackGoal `json:"tracks"`
}

// TrackGoal is a track's minutes this week against its own weekly goal (0: none).
type TrackGoal struct {
	Track       Track `json:"track"`
	Minutes     int   `json:"minutes"`
	GoalMinutes int   `json:"goal_minutes"`
}

// WeekTotal is the study of one week.
type WeekTotal struct {
	Start   Date `json:"start"`
	Minutes int  `json:"minutes"`
}

// Streak counts days with at least the daily minimum; rest days and vacations without it are
// skipped.
type Streak struct {
	CurrentDays int `json:"current_days"`
	LongestDays int `json:"longest_days"`
	MinMinutes  int `json:"min_minutes"`
}

// TopicStat is a top-level topic's study over all time, subtopics included.
type TopicStat struct {
	TopicID     string  `json:"topic_id"`
	Topic       string  `json:"topic"`
	Track       Track   `json:"track"`
	Minutes     int     `json:"minutes"`
	Share       float64 `json:"share"` // percent of all study
	LastStudied Date    `json:"last_studied,omitempty"`
	Confidence  int     `json:"confidence"`
}

// TrackStat is a track's study over all time.
type TrackStat struct {
	Track       Track   `json:"track"`
	Minutes     int     `json:"minutes"`
	Share       float64 `json:"share"`
	LastStudied Date    `json:"last_studied,omitempty"`
}

// Coverage sets a blueprint domain's weight beside its share of the study on that exam's
// topics and the confidence of those topics.
type Coverage struct {
	Exam         string  `json:"exam"` // its acronym
	Code         string  `json:"code"`
	Domain       string  `json:"domain"` // "2.0 Networking"
	Weight       float64 `json:"weight"` // percent of the exam
	Share        float64 `json:"share"`  // percent of the study mapped to the exam
	Minutes      int     `json:"minutes"`
	Confidence   float64 `json:"confidence"` // mean of its topics, 0-5
	UnderStudied bool    `json:"under_studied"`
}

// Forecast says when a target is reached at the pace of the last eight weeks: a likely date
// at the mean weekly pace, and a pessimistic one at the mean less one standard deviation.
// An empty date means not at that pace.
type Forecast struct {
	Target          string  `json:"target"`
	Done            float64 `json:"done"`
	Goal            float64 `json:"goal"`
	Unit            string  `json:"unit"` // "hours" or "credits"
	WeeklyPace      float64 `json:"weekly_pace"`
	LikelyDate      Date    `json:"likely_date"`
	PessimisticDate Date    `json:"pessimistic_date"`
}

// MilestonePace is the weekly study a milestone's target date asks for.
type MilestonePace struct {
	MilestoneID   string  `json:"milestone_id"`
	Milestone     string  `json:"milestone"`
	Target        Date    `json:"target"`
	RemainingHrs  float64 `json:"remaining_hours"`
	WeeklyHours   float64 `json:"weekly_hours"` // needed from now on; 0 when already there
	CurrentWeekly float64 `json:"current_weekly_hours"`
	Overdue       bool    `json:"overdue"`
}

// StaleTopic is a topic not studied for longer than its review interval.
type StaleTopic struct {
	TopicID      string `json:"topic_id"`
	Topic        string `json:"topic"`
	LastStudied  Date   `json:"last_studied"`
	DaysSince    int    `json:"days_since"`
	IntervalDays int    `json:"interval_days"`
}

// DegreeOutlook is the degree's credits and when it ends at the current pace.
type DegreeOutlook struct {
	DegreeProgress
	CreditsPerYear float64 `json:"credits_per_year"`
	ExpectedTerm   string  `json:"expected_term,omitempty"` // "Spring 2029"; empty without a pace
}

// CertOutlook is the next certification milestone and the open validity windows.
type CertOutlook struct {
	Next    *Milestone     `json:"next,omitempty"`
	Windows []WindowStatus `json:"windows"`
	// Notes are the certification rules' warnings: a lab target after the window closes.
	Notes []string `json:"notes"`
}

// WindowStatus is a validity window opened by a done milestone.
type WindowStatus struct {
	Name      string `json:"name"`
	Ends      Date   `json:"ends"`
	DaysLeft  int    `json:"days_left"`
	Uncertain bool   `json:"uncertain,omitempty"`
	Reported  string `json:"reported,omitempty"` // for an uncertain window, the month its rule was gathered
}

// paceWeeks is how many recent weeks set the pace of the forecasts.
const paceWeeks = 8

// ReviewInterval is how long a topic can rest before it goes stale: it doubles with each
// point of confidence, from 2 days at 0 to 64 days at 5, as in spaced review.
func ReviewInterval(confidence int) int { return 2 << max(0, min(confidence, 5)) }

// DashboardBuilder accumulates sessions (in any order) into a Dashboard.
type DashboardBuilder struct {
	plan    *Plan
	loc     *time.Location
	now     time.Time
	nowUnix int64

	days           map[int32]int64 // local day number to seconds
	topics         idCache[topicAcc]
	weekLo, weekHi int64 // the current week in Unix seconds
	day            struct {
		lo, hi int64
		n      int32
	}
	first int32 // the first day with study
	any   bool
}

type topicAcc struct {
	secs   int64
	last   int64
	week   int64            // seconds in the current week
	recent [paceWeeks]int64 // by 7-day window counted back from now
}

// NewDashboardBuilder prepares a dashboard as of now, counting days in loc.
func NewDashboardBuilder(p *Plan, loc *time.Location, now time.Time) *DashboardBuilder {
	b := &DashboardBuilder{plan: p, loc: loc, now: now, nowUnix: now.Unix(), days: map[int32]int64{},
		topics: newIDCache(func() *topicAcc { return &topicAcc{last: math.MinInt64} })}
	b.day.lo, b.day.hi = 1, 0 // nothing cached yet
	ws := StartOfWeek(now, loc, p.Settings.WeekStart)
	b.weekLo, b.weekHi = ws.Unix(), AddDays(ws, 7).Unix()
	return b
}

// dayNumber is a local calendar day as a count of days since 1970-01-01.
func dayNumber(t time.Time) int32 {
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func dayDate(n int32) Date {
	y, m, d := CivilDate(int64(n))
	if y < 0 || y > 9999 {
		return DateOf(time.Unix(int64(n)*86400, 0).UTC())
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return Date(b[:])
}

// Add counts one finished session.
func (b *DashboardBuilder) Add(s *Session) {
	start := s.Start.Unix()
	secs := int64(s.Duration / time.Second)
	end := start + secs
	t := b.topics.get(s.TopicID)
	t.secs += secs
	t.last = max(t.last, end)
	t.week += overlap(start, end, b.weekLo, b.weekHi)
	if back := (b.nowUnix - end) / (7 * 86400); back >= 0 && back < paceWeeks {
		t.recent[back] += secs
	}
	// Split by local day, with the last day remembered: sessions cluster in time.
	for cur := start; cur < end; {
		if cur < b.day.lo || cur >= b.day.hi {
			ds := StartOfDay(time.Unix(cur, 0), b.loc)
			b.day.lo, b.day.hi, b.day.n = ds.Unix(), NextDay(ds).Unix(), dayNumber(ds)
		}
		stop := min(end, b.day.hi)
		b.days[b.day.n] += stop - cur
		if !b.any || b.day.n < b.first {
			b.first, b.any = b.day.n, true
		}
		cur = stop
	}
}

func mins(secs int64) int { return int((secs + 30) / 60) }

func percent(part, whole int64) float64 {
	if whole <= 0 {
		return 0
	}
	return math.Round(float64(part)/float64(whole)*1000) / 10
}

// Result computes the dashboard.
func (b *DashboardBuilder) Result() Dashboard {
	p := b.plan
	var d Dashboard
	today := dayNumber(b.now.In(b.loc))
	weekStart := dayNumber(StartOfWeek(b.now, b.loc, p.Settings.WeekStart))

	var total int64
	for _, s := range b.days {
		total += s
	}
	d.Total = mins(total)

	// Roll subtopics into their top-level topic.
	roots := map[string]*topicAcc{}
	for id, t := range b.topics.m {
		root := id
		if tp, ok := p.Topic(id); ok && tp.ParentID != "" {
			root = tp.ParentID
		}
		r := roots[root]
		if r == nil {
			r = &topicAcc{last: math.MinInt64}
			roots[root] = r
		}
		r.secs += t.secs
		r.last = max(r.last, t.last)
		r.week += t.week
		for i := range t.recent {
			r.recent[i] += t.recent[i]
		}
	}
	d.TopicTotals = map[string]TopicStudy{}
	add := func(id string, t *topicAcc) {
		tt := d.TopicTotals[id]
		tt.Minutes += mins(t.secs)
		if last := DateOf(time.Unix(t.last, 0).In(b.loc)); t.secs > 0 && last > tt.LastStudied {
			tt.LastStudied = last
		}
		d.TopicTotals[id] = tt
	}
	for id, t := range b.topics.m {
		if tp, ok := p.Topic(id); ok && tp.ParentID != "" {
			add(id, t)
		}
	}
	for id, r := range roots {
		add(id, r)
	}

	d.Week = b.week(weekStart, roots)
	d.Weeks = b.weeks(weekStart, 52)
	d.Cumulative = b.cumulative(weekStart)
	for n := weekStart - 51*7; n < weekStart+7; n++ {
		d.Days = append(d.Days, DayTotal{Date: dayDate(n), Minutes: mins(b.days[n])})
	}
	d.Streak = b.streak(today)
	d.Topics, d.Tracks = b.topicStats(roots, total)
	d.Coverage = b.coverage(roots)
	d.Forecasts, d.Needed = b.forecasts(roots)
	d.Stale = b.stale(roots)
	d.Degree = b.degree()
	d.Cert = b.cert()
	return d
}

func (b *DashboardBuilder) week(start int32, roots map[string]*topicAcc) WeekStats {
	p := b.plan
	w := WeekStats{Start: dayDate(start), GoalMinutes: int(p.Goals.WeeklyHours * 60)}
	var secs int64
	for i := range w.Days {
		s := b.days[start+int32(i)]
		w.Days[i] = mins(s)
		secs += s
	}
	w.Minutes = mins(secs)
	byTrack := map[Track]int64{}
	for id, r := range roots {
		if t, ok := p.Topic(id); ok {
			byTrack[t.Track] += r.week
		}
	}
	for _, tr := range Tracks {
		w.Tracks = append(w.Tracks, TrackGoal{Track: tr, Minutes: mins(byTrack[tr]), GoalMinutes: int(p.Goals.TrackHours[tr] * 60)})
	}
	return w
}

func (b *DashboardBuilder) weeks(currentStart int32, n int) []WeekTotal {
	out := make([]WeekTotal, 0, n)
	for i := n - 1; i >= 0; i-- {
		start := currentStart - int32(i*7)
		var s int64
		for d := start; d < start+7; d++ {
			s += b.days[d]
		}
		out = append(out, WeekTotal{Start: dayDate(start), Minutes: mins(s)})
	}
	return out
}

func (b *DashboardBuilder) cumulative(currentStart int32) []WeekTotal {
	if !b.any {
		return []WeekTotal{}
	}
	first := currentStart - ((currentStart-b.first+6)/7)*7
	var out []WeekTotal
	var run int64
	for start := first; start <= currentStart; start += 7 {
		for d := start; d < start+7; d++ {
			run += b.days[d]
		}
		out = append(out, WeekTotal{Start: dayDate(start), Minutes: mins(run)})
	}
	return out
}

// streak walks the days: a day with the minimum counts, a rest day or vacation day without it
// is skipped, any other day ends the run. Today does not break the current streak until it is
// over.
func (b *DashboardBuilder) streak(today int32) Streak {
	st := b.plan.Settings
	out := Streak{MinMinutes: st.StreakMin()}
	need := int64(out.MinMinutes) * 60
	rest := map[time.Weekday]bool{}
	for _, d := range st.RestDays {
		rest[d] = true
	}
	neutral := func(n int32) bool {
		if rest[time.Weekday((int(n)%7+7+4)%7)] { // 1970-01-01 was a Thursday
			return true
		}
		day := dayDate(n)
		for _, v := range st.Vacations {
			if v.Contains(day) {
				return true
			}
		}
		return false
	}
	if !b.any {
		return out
	}
	run := 0
	for n := b.first; n <= today; n++ {
		switch {
		case b.days[n] >= need:
			run++
			out.LongestDays = max(out.LongestDays, run)
		case neutral(n) || n == today || !b.exists(n):
		default:
			run = 0
		}
	}
	for n := today; n >= b.first; n-- {
		switch {
		case b.days[n] >= need:
			out.CurrentDays++
		case neutral(n) || n == today || !b.exists(n):
		default:
			return out
		}
	}
	return out
}

// exists reports whether the calendar day numbered n happened in the zone: Samoa's clocks went
// from 2011-12-29 to 2011-12-31, and a day that never was breaks no streak.
func (b *DashboardBuilder) exists(n int32) bool {
	y, m, d := CivilDate(int64(n))
	_, err := dayThatExists(int(y), time.Month(m), int(d), b.loc)
	return err == nil
}

func (b *DashboardBuilder) topicStats(roots map[string]*topicAcc, total int64) ([]TopicStat, []TrackStat) {
	p := b.plan
	var topics []TopicStat
	trackSecs := map[Track]int64{}
	trackLast := map[Track]int64{}
	for _, t := range p.Topics {
		if t.ParentID != "" {
			continue
		}
		st := TopicStat{TopicID: t.ID, Topic: t.Name, Track: t.Track, Confidence: t.Confidence}
		if r := roots[t.ID]; r != nil {
			st.Minutes = mins(r.secs)
			st.Share = percent(r.secs, total)
			if r.secs > 0 {
				st.LastStudied = DateOf(time.Unix(r.last, 0).In(b.loc))
				trackLast[t.Track] = max(trackLast[t.Track], r.last)
			}
			trackSecs[t.Track] += r.secs
		}
		topics = append(topics, st)
	}
	sort.SliceStable(topics, func(i, j int) bool { return topics[i].Minutes > topics[j].Minutes })
	var tracks []TrackStat
	for _, tr := range Tracks {
		ts := TrackStat{Track: tr, Minutes: mins(trackSecs[tr]), Share: percent(trackSecs[tr], total)}
		if trackSecs[tr] > 0 {
			ts.LastStudied = DateOf(time.Unix(trackLast[tr], 0).In(b.loc))
		}
		tracks = append(tracks, ts)
	}
	return topics, tracks
}

// CoverageExams are the blueprints whose coverage the dashboard shows: the path's two. The
// dashboard measures every exam's, which readiness reads, concentration exams too.
var CoverageExams = []string{"350-501", "CCIE-SP-LAB"}

// Shown reports whether the dashboard shows the domain's coverage (CoverageExams).
func (c *Coverage) Shown() bool { return slices.Contains(CoverageExams, c.Code) }

// coverage shares each top-level topic's time evenly among the domains it maps to in an exam.
func (b *DashboardBuilder) coverage(roots map[string]*topicAcc) []Coverage {
	p := b.plan
	out := []Coverage{}
	for i := range p.Exams {
		exam := &p.Exams[i]
		secs := map[string]float64{}
		conf := map[string][]int{}
		var examSecs float64
		for _, t := range p.Topics {
			if t.ParentID != "" {
				continue
			}
			var refs []string
			for _, r := range t.Blueprint {
				if r.Exam == exam.Code {
					refs = append(refs, r.Domain)
				}
			}
			if len(refs) == 0 {
				continue
			}
			var s float64
			if r := roots[t.ID]; r != nil {
				s = float64(r.secs)
			}
			for _, dom := range refs {
				secs[dom] += s / float64(len(refs))
				conf[dom] = append(conf[dom], t.Confidence)
			}
			examSecs += s
		}
		first := len(out)
		for _, dom := range exam.Domains {
			c := Coverage{Exam: exam.Acronym, Code: exam.Code, Domain: dom.ID + " " + dom.Name, Weight: dom.Weight, Minutes: mins(int64(secs[dom.ID]))}
			if examSecs > 0 {
				c.Share = math.Round(secs[dom.ID]/examSecs*1000) / 10
			}
			if n := len(conf[dom.ID]); n > 0 {
				sum := 0
				for _, v := range conf[dom.ID] {
					sum += v
				}
				c.Confidence = math.Round(float64(sum)/float64(n)*10) / 10
			}
			out = append(out, c)
		}
		// Call out the two domains furthest below their weight, if at least 5 points below.
		gaps := out[first:]
		order := make([]int, len(gaps))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool {
			return gaps[order[i]].Weight-gaps[order[i]].Share > gaps[order[j]].Weight-gaps[order[j]].Share
		})
		for k := 0; k < len(order) && k < 2; k++ {
			if g := &gaps[order[k]]; g.Weight-g.Share >= 5 {
				g.UnderStudied = true
			}
		}
	}
	return out
}

// pace returns a topic's mean weekly hours over the last eight weeks and its standard deviation.
func pace(recent [paceWeeks]int64) (mean, sd float64) {
	for _, s := range recent {
		mean += float64(s) / 3600
	}
	mean /= paceWeeks
	for _, s := range recent {
		d := float64(s)/3600 - mean
		sd += d * d
	}
	return mean, math.Sqrt(sd / paceWeeks)
}

// dateAfterWeeks is the day that many weeks from now, or "" when it is beyond reach.
func (b *DashboardBuilder) dateAfterWeeks(weeks float64) Date {
	if math.IsInf(weeks, 0) || math.IsNaN(weeks) || weeks < 0 || weeks > 52*100 {
		return ""
	}
	return DateOf(b.now.In(b.loc).Add(time.Duration(weeks * 7 * 24 * float64(time.Hour))))
}

func (b *DashboardBuilder) forecasts(roots map[string]*topicAcc) ([]Forecast, []MilestonePace) {
	p := b.plan
	out := []Forecast{}
	for _, t := range p.Topics {
		if t.ParentID != "" || t.TargetHours <= 0 {
			continue
		}
		var acc topicAcc
		if r := roots[t.ID]; r != nil {
			acc = *r
		}
		done := float64(acc.secs) / 3600
		if done >= t.TargetHours {
			continue
		}
		mean, sd := pace(acc.recent)
		f := Forecast{Target: t.Name, Done: math.Round(done*10) / 10, Goal: t.TargetHours, Unit: "hours", WeeklyPace: math.Round(mean*10) / 10}
		left := t.TargetHours - done
		if mean > 0 {
			f.LikelyDate = b.dateAfterWeeks(left / mean)
		}
		if mean-sd > 0 {
			f.PessimisticDate = b.dateAfterWeeks(left / (mean - sd))
		}
		out = append(out, f)
	}
	if f, ok := b.degreeForecast(); ok {
		out = append(out, f)
	}

	needed := []MilestonePace{}
	now := b.now.In(b.loc)
	for _, m := range p.Milestones {
		if m.Target == "" || m.Topic == "" || m.Status == Done || m.Status == Skipped {
			continue
		}
		t, ok := p.Topic(m.Topic)
		if !ok || t.TargetHours <= 0 {
			continue
		}
		var acc topicAcc
		if r := roots[t.ID]; r != nil {
			acc = *r
		}
		mean, _ := pace(acc.recent)
		left := math.Max(0, t.TargetHours-float64(acc.secs)/3600)
		mp := MilestonePace{MilestoneID: m.ID, Milestone: m.Title, Target: m.Target, RemainingHrs: math.Round(left*10) / 10,
			CurrentWeekly: math.Round(mean*10) / 10}
		days, _ := m.Target.DaysUntil(now)
		switch {
		case left == 0:
		case days <= 0:
			mp.Overdue = true
		default:
			mp.WeeklyHours = math.Round(left/(float64(days)/7)*10) / 10
		}
		needed = append(needed, mp)
	}
	return out, needed
}

func (b *DashboardBuilder) stale(roots map[string]*topicAcc) []StaleTopic {
	out := []StaleTopic{}
	today := dayNumber(b.now.In(b.loc))
	for _, t := range b.plan.Topics {
		if t.ParentID != "" || t.Track == TrackDegree {
			continue
		}
		r := roots[t.ID]
		if r == nil || r.secs == 0 {
			continue
		}
		lastDay := dayNumber(time.Unix(r.last, 0).In(b.loc))
		since, interval := int(today-lastDay), ReviewInterval(t.Confidence)
		if since > interval {
			out = append(out, StaleTopic{TopicID: t.ID, Topic: t.Name, LastStudied: dayDate(lastDay), DaysSince: since, IntervalDays: interval})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return float64(out[i].DaysSince)/float64(out[i].IntervalDays) > float64(out[j].DaysSince)/float64(out[j].IntervalDays)
	})
	return out
}

// termEnd reads a course term ("Fall 2026", "Spring 2027", "Summer 2026", "Winter 2027",
// "2024", and "2026 Fall" or "Fall-2026" too) as the day it ends.
func termEnd(term string) (time.Time, bool) {
	fields := strings.FieldsFunc(term, func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '\t' })
	if len(fields) == 0 {
		return time.Time{}, false
	}
	year, err := strconv.Atoi(fields[len(fields)-1])
	if err != nil && len(fields) == 2 { // "2026 Fall", as people write it too
		fields[0], fields[1] = fields[1], fields[0]
		year, err = strconv.Atoi(fields[1])
	}
	if err != nil || year < 1900 || year > 2200 {
		return time.Time{}, false
	}
	month := time.December
	if len(fields) > 1 {
		switch strings.ToLower(fields[0]) {
		case "winter":
			month = time.February
		case "spring":
			month = time.May
		case "summer":
			month = time.August
		case "fall", "autumn":
			month = time.December
		default:
			return time.Time{}, false
		}
	}
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC), true
}

// termName names the term that ends after t: Spring, Summer or Fall of its year.
func termName(t time.Time) string {
	switch {
	case t.Month() <= time.May:
		return "Spring " + strconv.Itoa(t.Year())
	case t.Month() <= time.August:
		return "Summer " + strconv.Itoa(t.Year())
	}
	return "Fall " + strconv.Itoa(t.Year())
}

// creditPace is the credits earned per year in terms that ended in the last year, and the
// smallest term's credits as a pessimistic load.
func (b *DashboardBuilder) creditPace() (perYear, lowestTerm float64, terms int) {
	now := b.now.In(b.loc)
	byTerm := map[string]float64{}
	passed := map[string]bool{} // by courseKey: a retake earns no credits again, so no pace
	for _, i := range CourseOrder(b.plan.Courses) {
		c := &b.plan.Courses[i]
		if c.Status != CourseCompleted || !earns(c) {
			continue
		}
		if key := courseKey(c.Code); key != "" {
			if passed[key] {
				continue
			}
			passed[key] = true
		}
		end, ok := termEnd(c.Term)
		if ok && !end.After(now) && now.Sub(end) <= 366*24*time.Hour {
			byTerm[c.Term] += c.Credits
		}
	}
	lowestTerm = math.Inf(1)
	for _, cr := range byTerm {
		perYear += cr
		lowestTerm = math.Min(lowestTerm, cr)
	}
	return perYear, lowestTerm, len(byTerm)
}

func (b *DashboardBuilder) degree() DegreeOutlook {
	out := DegreeOutlook{DegreeProgress: Degree(b.plan)}
	perYear, _, _ := b.creditPace()
	out.CreditsPerYear = perYear
	if f, ok := b.degreeForecast(); ok && f.LikelyDate != "" {
		t, _ := f.LikelyDate.Time()
		out.ExpectedTerm = termName(t)
	}
	return out
}

// degreeForecast projects the remaining credits (after those in progress) at the last year's
// pace; the pessimistic date assumes two terms a year at the lightest recent term's load.
func (b *DashboardBuilder) degreeForecast() (Forecast, bool) {
	dp := Degree(b.plan)
	if dp.CreditsRequired <= 0 || dp.Courses == 0 {
		return Forecast{}, false
	}
	left := dp.CreditsRequired - dp.CreditsEarned - dp.CreditsInProgress
	f := Forecast{Target: "Degree credits", Done: dp.CreditsEarned, Goal: dp.CreditsRequired, Unit: "credits"}
	if left <= 0 && dp.CreditsInProgress == 0 {
		return Forecast{}, false
	}
	perYear, lowest, terms := b.creditPace()
	f.WeeklyPace = math.Round(perYear/52*100) / 100
	if perYear > 0 {
		f.LikelyDate = b.dateAfterWeeks(math.Max(left, 0) / perYear * 52)
		if terms > 0 {
			f.PessimisticDate = b.dateAfterWeeks(math.Max(left, 0) / (2 * lowest) * 52)
		}
	}
	return f, true
}

func (b *DashboardBuilder) cert() CertOutlook {
	p := b.plan
	out := CertOutlook{Windows: []WindowStatus{}}
	now := b.now.In(b.loc)
	rules, state := p.Rules(), p.Cert(now)
	if next, ok := p.NextMilestoneOf(TrackCertification); ok {
		n := *next
		out.Next = &n
	}
	for i := range p.Milestones {
		m := &p.Milestones[i]
		if ws, ok := MilestoneWindow(m, &state, &rules); ok && m.ID != rules.Milestones.Qualifying && m.ID != rules.Milestones.Achieved {
			out.Windows = append(out.Windows, ws)
		}
	}
	out.Windows = append(state.Windows(&rules), out.Windows...)
	out.Notes = state.Notes
	return out
}
