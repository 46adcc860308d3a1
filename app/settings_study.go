package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"corepath/tracker"
)

// sameGoals reports whether two sets of goals are the same (a track without a goal may be
// missing from the map or hold zero).
func sameGoals(a, b tracker.Goals) bool {
	if a.WeeklyHours != b.WeeklyHours {
		return false
	}
	for _, tr := range tracker.Tracks {
		if a.TrackHours[tr] != b.TrackHours[tr] {
			return false
		}
	}
	return true
}

// sameStreak reports whether two settings have the same streak rules.
func sameStreak(a, b tracker.Settings) bool {
	return a.StreakMin() == b.StreakMin() && slices.Equal(a.RestDays, b.RestDays) && slices.Equal(a.Vacations, b.Vacations)
}

// streakSettings reads the streak fields into the study settings.
func (s *settingsScreen) streakSettings() (tracker.Settings, error) {
	out := s.data.plan.Settings
	m, err := strconv.Atoi(strings.TrimSpace(s.streakMin.Text))
	if err != nil || m < 1 {
		return out, fmt.Errorf("minutes a day: give a whole number of minutes, like 15")
	}
	out.StreakMinutes = m
	out.RestDays = nil
	for d := time.Sunday; d <= time.Saturday; d++ {
		for _, name := range s.restDays.Selected() {
			if name == weekdayLabel(d) {
				out.RestDays = append(out.RestDays, d)
			}
		}
	}
	out.Vacations = nil
	for i, line := range strings.Split(s.vacations.Text, "\n") {
		f := strings.Fields(strings.NewReplacer("..", " ", " to ", " ").Replace(line))
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			return out, fmt.Errorf("vacations, line %d: give the first and the last day, like 2026-12-24 2027-01-02", i+1)
		}
		if r := (tracker.DateRange{From: tracker.Date(f[0]), To: tracker.Date(f[1])}); !slices.Contains(out.Vacations, r) {
			out.Vacations = append(out.Vacations, r)
		}
	}
	return out, tracker.ValidateSettings(&out)
}

func (s *settingsScreen) checkStreak() {
	next, err := s.streakSettings()
	showUnsaved(s.streakEdit, err != nil || !sameStreak(next, s.data.plan.Settings), err)
	if setError(s.streakErr, err) {
		s.saveStreak.Enable()
	} else {
		s.saveStreak.Disable()
	}
}

func (s *settingsScreen) storeStreak() {
	next, err := s.streakSettings()
	if err != nil {
		s.app.showError(err)
		return
	}
	old := s.data.plan.Settings
	s.app.change("streak settings", func(st tracker.Store) (string, error) { return "Saved the streak settings.", st.PutSettings(next) },
		func(st tracker.Store) error { return st.PutSettings(old) })
}

func (s *settingsScreen) setWeekStart(day string) {
	want := time.Monday
	if day == "Sunday" {
		want = time.Sunday
	}
	old := s.data.plan.Settings
	if old.WeekStart == want {
		return
	}
	next := old
	next.WeekStart = want
	s.app.change("first day of the week", func(st tracker.Store) (string, error) { return "Weeks now start on " + day + ".", st.PutSettings(next) },
		func(st tracker.Store) error { return st.PutSettings(old) })
}

func (s *settingsScreen) goals() (tracker.Goals, error) {
	// Every field's problem at once, so that fixing one does not reveal the next.
	var problems []string
	parse := func(what, text string) float64 {
		if strings.TrimSpace(text) == "" {
			return 0
		}
		v, err := tracker.ParseHours(text)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: %q is not a number of hours", what, strings.TrimSpace(text)))
		case v < 0 || v > tracker.MaxWeekGoal:
			problems = append(problems, fmt.Sprintf("%s: give 0 to %d hours a week, the hours a week has", what, tracker.MaxWeekGoal))
		}
		return v
	}
	var g tracker.Goals
	g.WeeklyHours = parse("All tracks", s.weekly.Text)
	g.TrackHours = map[tracker.Track]float64{}
	for _, tr := range tracker.Tracks {
		if h := parse(tr.Label(), s.trackGoals[tr].Text); h > 0 {
			g.TrackHours[tr] = h
		}
	}
	if len(problems) > 0 {
		return g, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	if err := tracker.ValidateGoals(&g); err != nil {
		return g, err
	}
	if sameGoals(g, s.data.plan.Goals) {
		return g, nil // the goals as stored, kept from before the rule, are not the person's change
	}
	return g, tracker.CheckGoalsFit(&g)
}

func (s *settingsScreen) checkGoals() {
	g, err := s.goals()
	showUnsaved(s.goalsEdit, err != nil || !sameGoals(g, s.data.plan.Goals), err)
	if setError(s.goalsErr, err) {
		s.saveGoals.Enable()
	} else {
		s.saveGoals.Disable()
	}
}

func (s *settingsScreen) storeGoals() {
	g, err := s.goals()
	if err != nil {
		s.app.showError(err)
		return
	}
	old := s.data.plan.Goals
	s.app.change("weekly goals", func(st tracker.Store) (string, error) {
		return fmt.Sprintf("Weekly goal: %g hours.", g.WeeklyHours), st.PutGoals(g)
	},
		func(st tracker.Store) error { return st.PutGoals(old) })
}
