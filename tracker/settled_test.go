package tracker

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// Counting the settled sessions once, rebasing the counts to later times and adding the rest
// gives, at each of those times, exactly what counting every session then gives.
func TestRebasedCountsEqualCountingEverySessionAgain(t *testing.T) {
	p := dashPlan()
	topics := []string{"bgp", "bgp.rr", "mpls", "arch", "lab", "course"}
	rng := rand.New(rand.NewPCG(5, 6))
	var sessions []Session
	for i := range 3000 {
		// A year of sessions up to an hour before dashNow, some across midnight or the DST change.
		start := dashNow.Add(-time.Duration(rng.IntN(365*24*60))*time.Minute - time.Hour)
		s := sess(topics[rng.IntN(len(topics))], start, 15+rng.IntN(300))
		s.Tags = [][]string{nil, {"lab"}, {"Lab", "review"}}[i%3]
		sessions = append(sessions, s)
	}
	week := func(now time.Time) (time.Time, time.Time) {
		ws := StartOfWeek(now, ny, p.Settings.WeekStart)
		return ws, AddDays(ws, 7)
	}
	from, to := week(dashNow)
	sum := NewSummarizer(p, ny, from, to, dashNow)
	dash := NewDashboardBuilder(p, ny, dashNow)
	settled := min(sum.SettledBefore(), dash.SettledBefore())
	if got, want := time.Unix(settled, 0), dashNow.Add(-8*7*24*time.Hour); !got.Equal(want) {
		t.Fatalf("settled before %v; want eight weeks of seconds before now, %v", got, want)
	}
	var recent []Session
	for i := range sessions {
		if s := &sessions[i]; s.Start.Add(s.Duration).Unix() <= settled {
			sum.Add(s)
			dash.Add(s)
		} else {
			recent = append(recent, *s)
		}
	}
	if len(recent) == 0 || len(recent) == len(sessions) {
		t.Fatalf("%d of %d sessions are recent: the test needs both kinds", len(recent), len(sessions))
	}
	// Later the same evening, the next morning, and in the next week (with a session logged meanwhile).
	for _, now := range []time.Time{dashNow, dashNow.Add(3 * time.Hour), dashNow.Add(14 * time.Hour), dashNow.AddDate(0, 0, 6)} {
		from, to := week(now)
		gotSum, ok1 := sum.Rebased(from, to, now)
		gotDash, ok2 := dash.Rebased(now)
		if !ok1 || !ok2 {
			t.Fatalf("%v: settled counts refused to rebase (%v, %v)", now, ok1, ok2)
		}
		wantSum := NewSummarizer(p, ny, from, to, now)
		wantDash := NewDashboardBuilder(p, ny, now)
		for i := range sessions {
			wantSum.Add(&sessions[i])
			wantDash.Add(&sessions[i])
		}
		for i := range recent {
			gotSum.Add(&recent[i])
			gotDash.Add(&recent[i])
		}
		if got, want := gotSum.Report(), wantSum.Report(); !reflect.DeepEqual(got, want) {
			t.Errorf("%v: report from rebased counts\n%+v\nwant\n%+v", now, got, want)
		}
		if got, want := gotDash.Result(), wantDash.Result(); !reflect.DeepEqual(got, want) {
			t.Errorf("%v: dashboard from rebased counts\n%+v\nwant\n%+v", now, got, want)
		}
	}
}

// Counts that hold a recent session are not rebased: the copy would be wrong.
func TestRebaseRefusesCountsOfRecentSessions(t *testing.T) {
	p := dashPlan()
	ws := StartOfWeek(dashNow, ny, p.Settings.WeekStart)
	sum := NewSummarizer(p, ny, ws, AddDays(ws, 7), dashNow)
	dash := NewDashboardBuilder(p, ny, dashNow)
	// Ended three weeks ago: outside this week, inside the pace weeks.
	s := sess("bgp", dashNow.AddDate(0, 0, -21), 60)
	sum.Add(&s)
	dash.Add(&s)
	if _, ok := dash.Rebased(dashNow.Add(time.Hour)); ok {
		t.Error("the dashboard rebased a session of the pace weeks")
	}
	if _, ok := sum.Rebased(ws, AddDays(ws, 7), dashNow.Add(time.Hour)); !ok {
		t.Error("the summarizer refused a session outside its week")
	}
	today := sess("bgp", dashNow.Add(-2*time.Hour), 30)
	sum.Add(&today)
	if _, ok := sum.Rebased(ws, AddDays(ws, 7), dashNow.Add(time.Hour)); ok {
		t.Error("the summarizer rebased a session of this week")
	}
}
