package tracker

import (
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
// over all time); only those that overlap [From, To) count towards the period's totals.
type Summarizer struct {
	plan      *Plan
	loc       *time.Location
	from, to  time.Time
	weekStart time.Time
	weekEnd   time.Time

	sessions   int
	total      int64 // seconds in the period
	week       int64
	byDay      map[Date]int64
	byTopic    map[string]int64
	byTag      map[string]int64
	tagName    map[string]string // lower-case key to the first spelling seen
	allByTopic map[string]int64
	lastByTop  map[string]time.Time

	day dayCache
}

// dayCache remembers the last local day seen: sessions come in time order, so most fall on it.
type dayCache struct {
	start, end time.Time
	date       Date
}

// NewSummarizer prepares a report for [from, to) (zero bounds are open) in loc, with now
// fixing the current week.
func NewSummarizer(p *Plan, loc *time.Location, from, to, now time.Time) *Summarizer {
	ws := StartOfWeek(now, loc, p.Settings.WeekStart)
	return &Summarizer{
		plan: p, loc: loc, from: from, to: to,
		weekStart: ws, weekEnd: time.Date(ws.Year(), ws.Month(), ws.Day()+7, 0, 0, 0, 0, loc),
		byDay: map[Date]int64{}, byTopic: map[string]int64{}, byTag: map[string]int64{},
		tagName: map[string]string{}, allByTopic: map[string]int64{}, lastByTop: map[string]time.Time{},
	}
}

// overlap returns the seconds of [start, end) that fall inside [from, to); zero bounds are open.
func overlap(start, end, from, to time.Time) time.Duration {
	if !from.IsZero() && start.Before(from) {
		start = from
	}
	if !to.IsZero() && end.After(to) {
		end = to
	}
	if !end.After(start) {
		return 0
	}
	return end.Sub(start)
}

// Add counts one finished session.
func (r *Summarizer) Add(s *Session) {
	end := s.End()
	secs := int64(s.Duration / time.Second)
	r.allByTopic[s.TopicID] += secs
	if end.After(r.lastByTop[s.TopicID]) {
		r.lastByTop[s.TopicID] = end
	}
	r.week += int64(overlap(s.Start, end, r.weekStart, r.weekEnd) / time.Second)

	in := int64(overlap(s.Start, end, r.from, r.to) / time.Second)
	if in == 0 {
		return
	}
	r.sessions++
	r.total += in
	r.byTopic[s.TopicID] += in
	for _, tag := range s.Tags {
		key := strings.ToLower(tag)
		if _, ok := r.tagName[key]; !ok {
			r.tagName[key] = tag
		}
		r.byTag[key] += in
	}
	r.addDays(s.Start, end)
}

func (r *Summarizer) addDays(start, end time.Time) {
	if !r.from.IsZero() && start.Before(r.from) {
		start = r.from
	}
	if !r.to.IsZero() && end.After(r.to) {
		end = r.to
	}
	if !start.Before(r.day.start) && !end.After(r.day.end) {
		r.byDay[r.day.date] += int64(end.Sub(start) / time.Second)
		return
	}
	SplitByDay(start, end.Sub(start), r.loc, func(d DaySlice) {
		r.byDay[d.Day] += int64(d.Duration / time.Second)
	})
	ds := StartOfDay(end.Add(-time.Nanosecond), r.loc)
	r.day = dayCache{start: ds, end: NextDay(ds), date: DateOf(ds)}
}

func minutes(secs int64) int { return int((secs + 30) / 60) }

// Report returns the totals, sorted: days by date, the rest by time spent, then by name.
func (r *Summarizer) Report() Report {
	p := r.plan
	out := Report{From: r.from, To: r.to, TotalMinutes: minutes(r.total), Sessions: r.sessions,
		ByDay: []DayTotal{}, ByTopic: []TopicTotal{}, ByTag: []TagTotal{}, ByTrack: []TrackTotal{}}
	for d, s := range r.byDay {
		out.ByDay = append(out.ByDay, DayTotal{Date: d, Minutes: minutes(s)})
	}
	sort.Slice(out.ByDay, func(i, j int) bool { return out.ByDay[i].Date < out.ByDay[j].Date })

	byTrack := map[Track]int64{}
	for id, s := range r.byTopic {
		tr := Track("")
		if t, ok := p.Topic(id); ok {
			tr = t.Track
		}
		byTrack[tr] += s
		out.ByTopic = append(out.ByTopic, TopicTotal{Topic: p.TopicPath(id), TopicID: id, Track: tr, Minutes: minutes(s)})
	}
	sort.Slice(out.ByTopic, func(i, j int) bool {
		a, b := out.ByTopic[i], out.ByTopic[j]
		return a.Minutes > b.Minutes || a.Minutes == b.Minutes && a.Topic < b.Topic
	})
	for key, s := range r.byTag {
		out.ByTag = append(out.ByTag, TagTotal{Tag: r.tagName[key], Minutes: minutes(s)})
	}
	sort.Slice(out.ByTag, func(i, j int) bool {
		a, b := out.ByTag[i], out.ByTag[j]
		return a.Minutes > b.Minutes || a.Minutes == b.Minutes && a.Tag < b.Tag
	})
	for _, tr := range Tracks {
		out.ByTrack = append(out.ByTrack, TrackTotal{Track: tr, Minutes: minutes(byTrack[tr])})
	}

	out.Progress = r.progress()
	return out
}

func (r *Summarizer) progress() PlanProgress {
	p := r.plan
	// Roll subtopics up into their top-level topic.
	top := map[string]int64{}
	last := map[string]time.Time{}
	for id, s := range r.allByTopic {
		root := id
		if t, ok := p.Topic(id); ok && t.ParentID != "" {
			root = t.ParentID
		}
		top[root] += s
		if r.lastByTop[id].After(last[root]) {
			last[root] = r.lastByTop[id]
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
			tp.LastStudied = DateOf(l.In(r.loc))
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
