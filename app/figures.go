package app

import (
	"time"

	"corepath/tracker"
)

// settledCounts are the figures' counts of the settled sessions, those that ended before
// anything that depends on the time (tracker's SettledBefore). They count the same at any
// later time, so after a change the figures copy them and add only the recent sessions,
// instead of counting every session again.
type settledCounts struct {
	sum    *tracker.Summarizer
	dash   *tracker.DashboardBuilder
	loc    *time.Location
	before int64     // Unix seconds: the sessions that ended at or before it are counted here
	at     time.Time // the time they were counted as of
}

// recountAfter bounds the recent sessions the figures add to the settled counts: after a
// week, count the settled ones again.
const recountAfter = 7 * 24 * time.Hour

// newSettledCounts prepares counts as of now, over plan (the counts keep the pointer).
func newSettledCounts(plan *tracker.Plan, loc *time.Location, now time.Time) *settledCounts {
	from, to := weekOf(plan, loc, now)
	c := &settledCounts{sum: tracker.NewSummarizer(plan, loc, from, to, now), dash: tracker.NewDashboardBuilder(plan, loc, now), loc: loc, at: now}
	c.before = min(c.sum.SettledBefore(), c.dash.SettledBefore())
	return c
}

// weekOf is the week of now, from its first day, which the report covers.
func weekOf(plan *tracker.Plan, loc *time.Location, now time.Time) (time.Time, time.Time) {
	week := tracker.StartOfWeek(now, loc, plan.Settings.WeekStart)
	return week, tracker.AddDays(week, 7)
}

// countSettled counts the settled sessions among rows as of now.
func countSettled(plan *tracker.Plan, loc *time.Location, now time.Time, rows []sessionRow) *settledCounts {
	c := newSettledCounts(plan, loc, now)
	var s tracker.Session
	for i := range rows {
		rows[i].totals(&s)
		c.addIfSettled(&s)
	}
	return c
}

// addIfSettled counts s if it is settled, and says whether it was.
func (c *settledCounts) addIfSettled(s *tracker.Session) bool {
	if s.Start.Unix()+int64(s.Duration/time.Second) > c.before {
		return false
	}
	c.sum.Add(s)
	c.dash.Add(s)
	return true
}

// settles says whether a row is one of the counted sessions.
func (c *settledCounts) settles(r *sessionRow) bool { return r.start+int64(r.secs) <= c.before }

// figures are this week's report and the dashboard as of now: the settled counts rebased, with
// the recent rows (newest first, none longer than longest seconds) added. ok is false when the
// counts cannot be rebased to now (the clock went back): count again.
func (c *settledCounts) figures(plan *tracker.Plan, rows []sessionRow, longest int32, now time.Time) (tracker.Report, tracker.Dashboard, bool) {
	from, to := weekOf(plan, c.loc, now)
	sum, ok1 := c.sum.Rebased(from, to, now)
	dash, ok2 := c.dash.Rebased(now)
	if !ok1 || !ok2 {
		return tracker.Report{}, tracker.Dashboard{}, false
	}
	var s tracker.Session
	for i := range rows {
		r := &rows[i]
		if r.start+int64(longest) <= c.before {
			break // this one and every older start ended by then: all settled
		}
		if !c.settles(r) {
			r.totals(&s)
			sum.Add(&s)
			dash.Add(&s)
		}
	}
	return sum.Report(), dash.Result(), true
}

// computeFigures computes the figures again from the sessions held, without reading the store:
// from the settled counts when they still serve, else counting the settled sessions again.
func (u *UI) computeFigures() {
	now := u.opt.Now()
	if u.counts == nil || now.Sub(u.counts.at) > recountAfter {
		u.counts = countSettled(&u.plan, u.opt.Loc, now, u.sessions)
	}
	var ok bool
	if u.report, u.dash, ok = u.counts.figures(&u.plan, u.sessions, u.longest, now); !ok {
		u.counts = countSettled(&u.plan, u.opt.Loc, now, u.sessions)
		u.report, u.dash, _ = u.counts.figures(&u.plan, u.sessions, u.longest, now) // counted as of now: they rebase
	}
	u.tags = byCount(u.tagCount)
}

// totals fills s with what the figures read of a session: its start, length, topic and tags.
func (r *sessionRow) totals(s *tracker.Session) {
	*s = tracker.Session{Start: r.startTime(), Duration: r.duration(), TopicID: r.topic, Tags: r.tags}
}
