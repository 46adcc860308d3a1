package tracker

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// A topic named with a path separator could never be named again: "A > B" reads as topic B
// under A. Such a name is refused when the topic is made.
func TestATopicNameCannotHoldAPathSeparator(t *testing.T) {
	p := &Plan{}
	for _, name := range []string{"A > B", "A › C", "a>b"} {
		top := Topic{Name: name, Track: TrackSkills}
		if err := ValidateTopic(&top, p); err == nil || !strings.Contains(err.Error(), "cannot hold > or ›") {
			t.Errorf("%q: %v", name, err)
		}
	}
	ok := Topic{Name: "BGP - route reflectors", Track: TrackSkills}
	if err := ValidateTopic(&ok, p); err != nil {
		t.Errorf("a plain name: %v", err)
	}
}

func TestSetStatusKeepsTheDoneDayForDoneOnly(t *testing.T) {
	m := Milestone{Status: Planned}
	m.SetStatus(Done, "2026-12-01")
	if m.DoneOn != "2026-12-01" {
		t.Errorf("done today: %q", m.DoneOn)
	}
	m.DoneOn = "2026-11-20"
	m.SetStatus(Done, "2026-12-01")
	if m.DoneOn != "2026-11-20" {
		t.Errorf("a day already given was replaced: %q", m.DoneOn)
	}
	m.SetStatus(Planned, "2026-12-01")
	if m.Status != Planned || m.DoneOn != "" {
		t.Errorf("taken back to planned: %+v", m)
	}
}

func TestParseDegreeField(t *testing.T) {
	for in, want := range map[string]string{"computer science": "Computer Science", " IT ": "Information Technology", "ce": "Computer Engineering", "": ""} {
		if got, err := ParseDegreeField(in); err != nil || got != want {
			t.Errorf("%q: %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"Networking", "CSE", "Computer"} {
		if _, err := ParseDegreeField(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
		if err := ValidateProgram(&Program{Name: "BS", Field: bad, CreditsRequired: 120}); err == nil {
			t.Errorf("a program in %q accepted", bad)
		}
	}
}

// A day asked for with a time of day given is refused, not cut silently to its day.
func TestParseDayRefusesATimeOfDay(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, s := range []string{"2026-11-29 10:00", "2026-11-29T10:00", "yesterday 6pm"} {
		if _, err := ParseDay(s, now, time.UTC); err == nil || !strings.Contains(err.Error(), "has a time of day") {
			t.Errorf("%q: %v", s, err)
		}
	}
	for s, want := range map[string]string{"2026-11-29": "2026-11-29", "yesterday": "2026-11-30", "today": "2026-12-01"} {
		if d, err := ParseDay(s, now, time.UTC); err != nil || d.Format("2006-01-02") != want {
			t.Errorf("%q: %v %v", s, d, err)
		}
	}
}

// The minutes by day, topic and track add up to the total, as rounded, however the seconds fall.
func TestReportPartsAddUpToTheTotal(t *testing.T) {
	p := Plan{Topics: []Topic{{ID: "t1", Name: "BGP", Track: TrackSkills}, {ID: "t2", Name: "SPCOR", Track: TrackCertification},
		{ID: "t3", Name: "Discrete math", Track: TrackDegree}}}
	ids := []string{"t1", "t2", "t3"}
	loc := time.UTC
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, loc)
	var sessions []Session
	for i := range 3 { // 3 × 20m30s = 61m30s, shown as 62m
		sessions = append(sessions, Session{ID: strconv.Itoa(i), TopicID: ids[i%len(ids)], Start: now.AddDate(0, 0, -1-i), Duration: 20*time.Minute + 30*time.Second})
	}
	for range 5 { // the same report, whatever the maps' order
		sum0 := NewSummarizer(&p, loc, time.Time{}, time.Time{}, now)
		for i := range sessions {
			sum0.Add(&sessions[i])
		}
		r := sum0.Report()
		sum := func(n int, m func(i int) int) (total int) {
			for i := range n {
				total += m(i)
			}
			return total
		}
		days := sum(len(r.ByDay), func(i int) int { return r.ByDay[i].Minutes })
		topics := sum(len(r.ByTopic), func(i int) int { return r.ByTopic[i].Minutes })
		tracks := sum(len(r.ByTrack), func(i int) int { return r.ByTrack[i].Minutes })
		if r.TotalMinutes != 62 || days != 62 || topics != 62 || tracks != 62 {
			t.Fatalf("total %d; days %d, topics %d, tracks %d", r.TotalMinutes, days, topics, tracks)
		}
	}
}

// A tag over the limit is named by its start and its length, not echoed whole (5,000
// characters filled the terminal).
func TestALongTagIsNotEchoedWhole(t *testing.T) {
	p := Plan{Topics: []Topic{{ID: "t1", Name: "BGP", Track: TrackSkills}}}
	long := strings.Repeat("x", 5000)
	s := Session{TopicID: "t1", Start: time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC), Duration: time.Hour, Kind: KindStudy, Tags: []string{long}}
	err := ValidateSession(&s, &p, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), "is too long: 5000 bytes, where a tag holds at most 40") {
		t.Errorf("%.300v", err)
	}
}

// The tracks' goals are parts of the week's: a Degree goal of 25h under a weekly one of 12h is
// refused with both figures; with no weekly goal the tracks' stand alone.
func TestTrackGoalsFitInTheWeeklyGoal(t *testing.T) {
	over := Goals{WeeklyHours: 12, TrackHours: map[Track]float64{TrackDegree: 25}}
	if err := ValidateGoals(&over); err != nil {
		t.Errorf("goals kept from before the rule are refused: %v", err)
	}
	if err := CheckGoalsFit(&over); err == nil || !strings.Contains(err.Error(), "the tracks' goals (Degree 25h) add up to 25h a week, more than the weekly goal of 12h") {
		t.Errorf("25h of 12h: %v", err)
	}
	sum := Goals{WeeklyHours: 10, TrackHours: map[Track]float64{TrackDegree: 6, TrackSkills: 5}}
	if err := CheckGoalsFit(&sum); err == nil || !strings.Contains(err.Error(), "(Degree 6h, Skills 5h) add up to 11h") {
		t.Errorf("6h and 5h of 10h: %v", err)
	}
	for _, g := range []Goals{{WeeklyHours: 10, TrackHours: map[Track]float64{TrackDegree: 3, TrackSkills: 7}}, {TrackHours: map[Track]float64{TrackDegree: 25}}} {
		if err := CheckGoalsFit(&g); err != nil {
			t.Errorf("%+v: %v", g, err)
		}
	}
}

// A tag's limit is in bytes, and the message says so: 40 é are 80 bytes.
func TestATagsLimitIsSaidInBytes(t *testing.T) {
	err := CheckTag(strings.Repeat("é", 40))
	if err == nil || !strings.Contains(err.Error(), "80 bytes, where a tag holds at most 40 (a letter such as é takes 2)") {
		t.Errorf("%v", err)
	}
	if err := CheckTag(strings.Repeat("é", 20)); err != nil {
		t.Errorf("20 é (40 bytes): %v", err)
	}
}
