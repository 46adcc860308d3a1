package tracker

import "time"

// A session that ended before every span that depends on now (the current week, and for the
// dashboard the pace weeks counted back from now) counts the same whatever the time: only its
// all-time totals and its days. A program that keeps many sessions in memory, as the desktop
// app does, can count those settled sessions once, and for each later now copy the counts
// with Rebased and add only the recent sessions, instead of counting every session again.

// SettledBefore is the instant, in Unix seconds, before which the summarizer's sessions are
// settled: one that ends at or before it adds nothing to the period or the week.
func (r *Summarizer) SettledBefore() int64 { return min(r.lo, r.weekLo) }

// Rebased returns a summarizer for [from, to) as of now holding what r counted, or false when
// r counted a session that ended after SettledBefore (of r, or of the new period), whose
// counts the copy would get wrong.
func (r *Summarizer) Rebased(from, to, now time.Time) (*Summarizer, bool) {
	if r.sessions != 0 || r.week != 0 {
		return nil, false
	}
	out := NewSummarizer(r.plan, r.loc, from, to, now)
	settled := min(r.SettledBefore(), out.SettledBefore())
	for id, ts := range r.topics.m {
		if ts.all > 0 && ts.last > settled {
			return nil, false
		}
		*out.topics.get(id) = topicSums{all: ts.all, last: ts.last}
	}
	return out, true
}

// SettledBefore is the instant, in Unix seconds, before which the builder's sessions are
// settled: one that ends at or before it adds nothing to this week or to the pace weeks.
func (b *DashboardBuilder) SettledBefore() int64 {
	return min(b.weekLo, b.nowUnix-paceWeeks*7*86400)
}

// Rebased returns a builder as of now holding what b counted, or false when b counted a
// session that ended after SettledBefore (of b, or as of the new now), whose counts the copy
// would get wrong.
func (b *DashboardBuilder) Rebased(now time.Time) (*DashboardBuilder, bool) {
	out := NewDashboardBuilder(b.plan, b.loc, now)
	settled := min(b.SettledBefore(), out.SettledBefore())
	for id, t := range b.topics.m {
		if t.secs > 0 && t.last > settled {
			return nil, false
		}
		*out.topics.get(id) = topicAcc{secs: t.secs, last: t.last}
	}
	for n, s := range b.days {
		out.days[n] = s
	}
	out.first, out.any = b.first, b.any
	return out, true
}
