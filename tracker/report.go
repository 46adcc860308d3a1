package tracker

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// Report holds the totals of a period and the plan's progress over all time.
type Report struct {
	From, To     time.Time    `json:"-"` // the period; zero for all time
	TotalMinutes int          `json:"total_minutes"`
	Sessions     int          `json:"sessions"`
	ByDay        []DayTotal   `json:"by_day"`
	ByTopic      []TopicTotal `json:"by_topic"`
	ByTag        []TagTotal   `json:"by_tag"`
	ByTrack      []TrackTotal `json:"by_track"`
	Progress     PlanProgress `json:"progress"`
}

// DayTotal is the study time of one local calendar day.
type DayTotal struct {
	Date    Date `json:"date"`
	Minutes int  `json:"minutes"`
}

// TopicTotal is the study time of one topic as logged (a subtopic on its own).
type TopicTotal struct {
	Topic   string `json:"topic"` // the path: "BGP" or "BGP › Route reflectors"
	TopicID string `json:"topic_id"`
	Track   Track  `json:"track"`
	Minutes int    `json:"minutes"`
}

// TagTotal is the study time of the sessions that carry one tag.
type TagTotal struct {
	Tag     string `json:"tag"`
	Minutes int    `json:"minutes"`
}

// TrackTotal is the study time of one track.
type TrackTotal struct {
	Track   Track `json:"track"`
	Minutes int   `json:"minutes"`
}

// PlanProgress is where the plan stands over all time.
type PlanProgress struct {
	Topics     []TopicProgress   `json:"topics"`
	Milestones MilestoneProgress `json:"milestones"`
	Degree     DegreeProgress    `json:"degree"`
	Week       WeekProgress      `json:"week"`
}

// TopicProgress is a top-level topic's study time, its subtopics included, against its target.
type TopicProgress struct {
	Topic         string  `json:"topic"`
	TopicID       string  `json:"topic_id"`
	Track         Track   `json:"track"`
	Minutes       int     `json:"minutes"`
	TargetMinutes int     `json:"target_minutes"`
	Percent       float64 `json:"percent"` // of the target, 0 when there is none
	Confidence    int     `json:"confidence"`
	LastStudied   Date    `json:"last_studied,omitempty"`
}

// MilestoneProgress counts milestones and names the next one.
type MilestoneProgress struct {
	Done  int        `json:"done"`
	Total int        `json:"total"` // skipped ones left out
	Next  *Milestone `json:"next,omitempty"`
}

// WeekProgress is the current week's study time against the weekly goal.
type WeekProgress struct {
	Start       Date `json:"start"`
	Minutes     int  `json:"minutes"`
	GoalMinutes int  `json:"goal_minutes"`
}

// Summarizer accumulates sessions into a Report. Feed it every session (the plan's progress is
// over all time), or a store's Totals and the few sessions they leave out (AddTotals); only
// those that overlap [From, To) count towards the period's totals. It works
// in Unix seconds: sessions are stored to the second, and a report of 100,000 sessions must take
// milliseconds.
type Summarizer struct {
	plan           *Plan
	loc            *time.Location
	from, to       time.Time
	lo, hi         int64 // the period in Unix seconds; open bounds are the extremes
	weekStart      time.Time
	weekLo, weekHi int64
	sessions       int
	total          int64 // seconds in the period
	week           int64
	byDay          map[Date]int // where each day is in days
	days           []daySum     // in the order first seen, which is nearly the order of time
	topics         idCache[topicSums]
	byTag          map[string]*tagSum // by the spelling seen and by the lower-case form
	recentTags     [256]*tagSum       // direct-mapped caches in front of byTag (by spelling) and topics
	day            dayCache
}

// topicSums accumulates one topic: seconds in the period and over all time, and the last end.
type topicSums struct {
	period, all, last int64
}

type tagSum struct {
	name     string // the first spelling seen
	spelling string // the spelling it was last found by, for the cache
	secs     int64
}

// daySum is one local day's seconds.
type daySum struct {
	date Date
	secs int64
}

// dayCache remembers the last local day seen: sessions come in time order, so most fall on it.
type dayCache struct {
	lo, hi int64 // the day's bounds in Unix seconds
	at     int   // the day's place in days
}

// NewSummarizer prepares a report for [from, to) (zero bounds are open) in loc, with now
// fixing the current week.
func NewSummarizer(p *Plan, loc *time.Location, from, to, now time.Time) *Summarizer {
	ws := StartOfWeek(now, loc, p.Settings.WeekStart)
	r := &Summarizer{
		plan: p, loc: loc, from: from, to: to, lo: math.MinInt64, hi: math.MaxInt64,
		weekStart: ws, weekLo: ws.Unix(), weekHi: AddDays(ws, 7).Unix(),
		byDay: map[Date]int{}, byTag: map[string]*tagSum{},
		topics: newIDCache(func() *topicSums { return &topicSums{last: math.MinInt64} }),
		day:    dayCache{lo: 1, hi: 0},
	}
	if !from.IsZero() {
		r.lo = from.Unix()
	}
	if !to.IsZero() {
		r.hi = to.Unix()
	}
	return r
}

// overlap returns the seconds of [start, end) inside [lo, hi).
func overlap(start, end, lo, hi int64) int64 {
	return max(0, min(end, hi)-max(start, lo))
}

// Add counts one finished session.
func (r *Summarizer) Add(s *Session) {
	start := s.Start.Unix()
	secs := int64(s.Duration / time.Second)
	end := start + secs
	ts := r.topics.get(s.TopicID)
	ts.all += secs
	ts.last = max(ts.last, end)
	r.week += overlap(start, end, r.weekLo, r.weekHi)
	r.addInPeriod(s, ts, start, end)
}

// addInPeriod counts the part of the session [start, end) of s inside the period; ts is its
// topic's sums.
func (r *Summarizer) addInPeriod(s *Session, ts *topicSums, start, end int64) {
	in := overlap(start, end, r.lo, r.hi)
	if in == 0 {
		return
	}
	r.sessions++
	r.total += in
	ts.period += in
	for _, tag := range s.Tags {
		r.tagSum(tag).secs += in
	}
	r.addDays(max(start, r.lo), min(end, r.hi))
}

// idCache maps ids to accumulators, with a direct-mapped cache in front of the map: a scan of
// many sessions looks the same few ids up again and again, and a comparison costs less than
// hashing.
type idCache[T any] struct {
	m      map[string]*T
	ids    [256]string
	recent [256]*T
	fresh  func() *T
}

func newIDCache[T any](fresh func() *T) idCache[T] {
	return idCache[T]{m: map[string]*T{}, fresh: fresh}
}

// get returns the accumulator of id, making it on first sight.
func (c *idCache[T]) get(id string) *T {
	slot := 0
	if id != "" {
		slot = cacheSlot(id)
		if c.recent[slot] != nil && c.ids[slot] == id {
			return c.recent[slot]
		}
	}
	v := c.m[id]
	if v == nil {
		v = c.fresh()
		c.m[id] = v
	}
	c.ids[slot], c.recent[slot] = id, v
	return v
}

// cacheSlot picks a slot of a 256-entry cache from a string's length and a few of its bytes.
func cacheSlot(s string) int {
	n := len(s)
	return (n*31 + int(s[0])*7 + int(s[n-1])*13 + int(s[n/2])*17 + int(s[n*3/4])*5) & 255
}

// tagSum finds a tag's total, ignoring case, creating it on first sight.
func (r *Summarizer) tagSum(tag string) *tagSum {
	if tag == "" {
		return &tagSum{}
	}
	slot := &r.recentTags[cacheSlot(tag)]
	if *slot != nil && (*slot).spelling == tag {
		return *slot
	}
	sum := r.byTag[tag]
	if sum == nil {
		key := strings.ToLower(tag)
		if sum = r.byTag[key]; sum == nil {
			sum = &tagSum{name: tag}
			r.byTag[key] = sum
		}
		r.byTag[tag] = sum // the spelling as seen finds it directly next time
	}
	sum.spelling = tag
	*slot = sum
	return sum
}

func (r *Summarizer) addDays(start, end int64) {
	if start >= r.day.lo && end <= r.day.hi {
		r.days[r.day.at].secs += end - start
		return
	}
	SplitByDay(time.Unix(start, 0), time.Duration(end-start)*time.Second, r.loc, func(d DaySlice) {
		r.days[r.dayAt(d.Day)].secs += int64(d.Duration / time.Second)
	})
	// Remember the day the session ended on.
	ds := StartOfDay(time.Unix(end-1, 0), r.loc)
	r.day = dayCache{lo: ds.Unix(), hi: NextDay(ds).Unix(), at: r.dayAt(DateOf(ds))}
}

// dayAt is d's place in days, where a day not seen before is added.
func (r *Summarizer) dayAt(d Date) int {
	i, ok := r.byDay[d]
	if !ok {
		i = len(r.days)
		r.byDay[d] = i
		r.days = append(r.days, daySum{date: d})
	}
	return i
}

func minutes(secs int64) int { return int((secs + 30) / 60) }

// apportion turns the seconds of the parts of a whole into minutes that add up to the whole's
// minutes, rounded: each part its whole minutes, and the minutes left over to the parts with
// the largest remainders (largest remainder method). Rounding each part alone, three parts of
// 20m30s would read 21m each, 63m, under a total of 62m.
func apportion(totalMinutes int, secs []int64) []int {
	out := make([]int, len(secs))
	left := totalMinutes
	for i, s := range secs {
		out[i] = int(s / 60)
		left -= out[i]
	}
	if left <= 0 {
		return out
	}
	// The parts in order of remainder, largest first and in order among equals, as a stable
	// sort would give them, found by counting: a report over all time has thousands of days. A
	// remainder is -59 to 59 (a negative part, which only damaged totals hold, has one below 0).
	var count [119]int
	for _, s := range secs {
		count[remainder(s)+59]++
	}
	threshold, above := 59, 0 // the smallest remainder that gets a minute; parts above it
	for ; threshold > -59 && above+count[threshold+59] < left; threshold-- {
		above += count[threshold+59]
	}
	atThreshold := left - above // how many of those with the threshold's remainder get one
	for i, s := range secs {
		switch r := remainder(s); {
		case r > threshold:
			out[i]++
		case r == threshold && atThreshold > 0:
			out[i]++
			atThreshold--
		}
	}
	return out
}

// remainder is the seconds of secs past its whole minutes, negative for a negative part.
func remainder(secs int64) int { return int(secs % 60) }

// Report returns the totals, sorted: days by date, the rest by time spent, then by name.
func (r *Summarizer) Report() Report {
	p := r.plan
	out := Report{From: r.from, To: r.to, TotalMinutes: minutes(r.total), Sessions: r.sessions,
		ByDay: make([]DayTotal, len(r.days)), ByTopic: make([]TopicTotal, 0, len(r.topics.m)), ByTag: []TagTotal{}, ByTrack: []TrackTotal{}}
	days := slices.Clone(r.days)
	slices.SortFunc(days, func(a, b daySum) int { return strings.Compare(string(a.date), string(b.date)) })
	daySecs := make([]int64, len(days))
	for i, d := range days {
		out.ByDay[i].Date = d.date
		daySecs[i] = d.secs
	}
	for i, m := range apportion(out.TotalMinutes, daySecs) {
		out.ByDay[i].Minutes = m
	}

	byTrack := map[Track]int64{}
	topicSecs := make([]int64, 0, len(r.topics.m))
	// By id, so that the minutes left over go to the same topics whatever the map's order.
	for _, id := range slices.Sorted(maps.Keys(r.topics.m)) {
		ts := r.topics.m[id]
		s := ts.period
		if s == 0 {
			continue
		}
		tr := Track("")
		if t, ok := p.Topic(id); ok {
			tr = t.Track
		}
		byTrack[tr] += s
		out.ByTopic = append(out.ByTopic, TopicTotal{Topic: p.TopicPath(id), TopicID: id, Track: tr})
		topicSecs = append(topicSecs, s)
	}
	for i, m := range apportion(out.TotalMinutes, topicSecs) {
		out.ByTopic[i].Minutes = m
	}
	sort.Slice(out.ByTopic, func(i, j int) bool {
		a, b := out.ByTopic[i], out.ByTopic[j]
		return a.Minutes > b.Minutes || a.Minutes == b.Minutes && a.Topic < b.Topic
	})
	seen := map[*tagSum]bool{}
	for _, sum := range r.byTag {
		if !seen[sum] {
			seen[sum] = true
			out.ByTag = append(out.ByTag, TagTotal{Tag: sum.name, Minutes: minutes(sum.secs)})
		}
	}
	sort.Slice(out.ByTag, func(i, j int) bool {
		a, b := out.ByTag[i], out.ByTag[j]
		return a.Minutes > b.Minutes || a.Minutes == b.Minutes && a.Tag < b.Tag
	})
	trackSecs := make([]int64, len(Tracks))
	for i, tr := range Tracks {
		trackSecs[i] = byTrack[tr]
	}
	trackMinutes := apportion(out.TotalMinutes-minutes(byTrack[""]), trackSecs) // a topic of no track apart
	for i, tr := range Tracks {
		out.ByTrack = append(out.ByTrack, TrackTotal{Track: tr, Minutes: trackMinutes[i]})
	}

	out.Progress = r.progress()
	return out
}

func (r *Summarizer) progress() PlanProgress {
	p := r.plan
	// Roll subtopics up into their top-level topic.
	top := map[string]int64{}
	last := map[string]int64{}
	for id, ts := range r.topics.m {
		root := id
		if t, ok := p.Topic(id); ok && t.ParentID != "" {
			root = t.ParentID
		}
		top[root] += ts.all
		if l, ok := last[root]; !ok || ts.last > l {
			last[root] = ts.last
		}
	}
	var out PlanProgress
	out.Topics = []TopicProgress{}
	for _, t := range p.Topics {
		if t.ParentID != "" {
			continue
		}
		tp := TopicProgress{Topic: t.Name, TopicID: t.ID, Track: t.Track, Minutes: minutes(top[t.ID]),
			TargetMinutes: int(t.TargetHours * 60), Confidence: t.Confidence}
		if tp.TargetMinutes > 0 {
			tp.Percent = float64(int(float64(tp.Minutes)/float64(tp.TargetMinutes)*1000+0.5)) / 10
		}
		if l, ok := last[t.ID]; ok {
			tp.LastStudied = DateOf(time.Unix(l, 0).In(r.loc))
		}
		out.Topics = append(out.Topics, tp)
	}
	for _, m := range p.Milestones {
		if m.Status == Skipped {
			continue
		}
		out.Milestones.Total++
		if m.Status == Done {
			out.Milestones.Done++
		}
	}
	if next, ok := p.NextMilestone(); ok {
		n := *next
		out.Milestones.Next = &n
	}
	out.Degree = Degree(p)
	out.Week = WeekProgress{Start: DateOf(r.weekStart), Minutes: minutes(r.week), GoalMinutes: int(p.Goals.WeeklyHours * 60)}
	return out
}

// GoalPercent is how much of a goal minutes are, in whole percent, rounded (19.7 is 20, as the
// Today ring rounds its hours) but never 100 short of it: 99.6 is 99 until the goal is met.
func GoalPercent(minutes, goal int) int {
	if goal <= 0 {
		return 0
	}
	p := (minutes*200 + goal) / (2 * goal) // minutes*100/goal, rounded half up
	if p >= 100 && minutes < goal {
		return 99
	}
	return p
}
