package tracker

import (
	"math"
	"time"
)

// Totals are what a report over all time needs from every session, summed: the store keeps
// them up to date on every write, so that `report --all` reads a few thousand sums instead of
// every session. What depends on the current instant (this week, the last eight weeks' pace)
// is not in them: it comes from the sessions since RecentFrom.
type Totals struct {
	Sessions   int   // sessions longer than 0 seconds, as a report counts them
	Seconds    int64 // their length
	MaxSeconds int64 // no session is longer: how far back a session can start and still reach RecentFrom
	Days       []DaySeconds
	Topics     []TopicSeconds
	Tags       []TagSeconds
}

// DaySeconds is the study of one local calendar day, in the zone the totals were kept in.
type DaySeconds struct {
	Date    Date
	Seconds int64
}

// TopicSeconds is one topic's sessions: their length and the latest end, in Unix seconds.
type TopicSeconds struct {
	ID      string
	Seconds int64
	LastEnd int64
}

// TagSeconds is the length of the sessions that carry a tag, in any case; Name is the
// spelling of the earliest of them, as a report names it.
type TagSeconds struct {
	Name    string
	Seconds int64
}

// RecentFrom is the earliest end that the parts of a report that depend on now (this week, the
// last paceWeeks weeks) count: a session that ends at or before it adds nothing there.
func RecentFrom(p *Plan, loc *time.Location, now time.Time) time.Time {
	week := StartOfWeek(now, loc, p.Settings.WeekStart)
	pace := now.Add(-paceWeeks * 7 * 24 * time.Hour)
	if week.Before(pace) {
		return week
	}
	return pace
}

// AddTotals counts every session at once, from t; then AddRecent the sessions that end after
// RecentFrom and, unless the report is over all time (AllTime), AddInPeriod those that may
// overlap its period: Report is then what Add of every session would have given.
func (r *Summarizer) AddTotals(t *Totals) {
	all := r.AllTime()
	for _, tp := range t.Topics {
		ts := r.topics.get(tp.ID)
		ts.all += tp.Seconds
		ts.last = max(ts.last, tp.LastEnd)
		if all {
			ts.period += tp.Seconds
		}
	}
	if !all {
		return
	}
	r.sessions += t.Sessions
	r.total += t.Seconds
	for _, tg := range t.Tags {
		r.tagSum(tg.Name).secs += tg.Seconds
	}
	if len(r.byDay) == 0 {
		r.byDay = make(map[Date]int, len(t.Days))
		r.days = make([]daySum, 0, len(t.Days))
	}
	for _, d := range t.Days {
		r.days[r.dayAt(d.Date)].secs += d.Seconds
	}
}

// AllTime tells whether the report is over all time, which Totals hold whole; a period's
// totals come from its sessions (AddInPeriod).
func (r *Summarizer) AllTime() bool { return r.lo == math.MinInt64 && r.hi == math.MaxInt64 }

// Period is the report's [from, to); a zero bound is open.
func (r *Summarizer) Period() (from, to time.Time) { return r.from, r.to }

// AddInPeriod counts the part of a session inside the period, for a session already in the
// Totals given to AddTotals.
func (r *Summarizer) AddInPeriod(s *Session) {
	start := s.Start.Unix()
	end := start + int64(s.Duration/time.Second)
	if overlap(start, end, r.lo, r.hi) > 0 {
		r.addInPeriod(s, r.topics.get(s.TopicID), start, end)
	}
}

// TopicSeconds is each topic's own study over all time (not its subtopics'), by id.
func (r *Summarizer) TopicSeconds() map[string]int64 {
	out := make(map[string]int64, len(r.topics.m))
	for id, ts := range r.topics.m {
		out[id] = ts.all
	}
	return out
}

// AddRecent counts the part of a session that depends on now, for a session already in the
// Totals given to AddTotals.
func (r *Summarizer) AddRecent(s *Session) {
	start := s.Start.Unix()
	r.week += overlap(start, start+int64(s.Duration/time.Second), r.weekLo, r.weekHi)
}

// AddTotals counts every session at once, from t; then AddRecent the sessions that end after
// RecentFrom, and Result is what Add of every session would have given.
func (b *DashboardBuilder) AddTotals(t *Totals) {
	for _, tp := range t.Topics {
		acc := b.topics.get(tp.ID)
		acc.secs += tp.Seconds
		acc.last = max(acc.last, tp.LastEnd)
	}
	if len(b.days) == 0 {
		b.days = make(map[int32]int64, len(t.Days))
	}
	for _, d := range t.Days {
		n, ok := dateNumber(d.Date)
		if !ok {
			continue
		}
		b.days[n] += d.Seconds
		if !b.any || n < b.first {
			b.first, b.any = n, true
		}
	}
}

// AddRecent counts the part of a session that depends on now, for a session already in the
// Totals given to AddTotals.
func (b *DashboardBuilder) AddRecent(s *Session) {
	start := s.Start.Unix()
	secs := int64(s.Duration / time.Second)
	end := start + secs
	t := b.topics.get(s.TopicID)
	t.week += overlap(start, end, b.weekLo, b.weekHi)
	if back := (b.nowUnix - end) / (7 * 86400); back >= 0 && back < paceWeeks {
		t.recent[back] += secs
	}
}

// dateNumber is dayNumber for a Date: days since 1970-01-01.
func dateNumber(d Date) (int32, bool) {
	t, ok := d.Time()
	if !ok {
		return 0, false
	}
	return int32(t.Unix() / 86400), true
}

// SessionTotals is one session's part of the Totals, for a store that keeps them: its days in
// loc, and whether a report counts it at all (a session of 0 seconds only marks its topic).
func SessionTotals(s *Session, loc *time.Location, day func(Date, int64)) (secs int64, counted bool) {
	secs = int64(s.Duration / time.Second)
	if secs <= 0 {
		return secs, false
	}
	SplitByDay(s.Start, time.Duration(secs)*time.Second, loc, func(d DaySlice) { day(d.Day, int64(d.Duration/time.Second)) })
	return secs, true
}
