package cli

import (
	"strings"
	"time"

	"corepath/tracker"
)

// subcommand splits "ACTION NAME" off the positional arguments.
func (c *ctx) subcommand(actions ...string) (string, string, error) {
	if len(c.args) == 0 {
		return "", "", usagef("missing the action: one of %s", strings.Join(actions, ", "))
	}
	action := c.args[0]
	ok := false
	for _, a := range actions {
		ok = ok || a == action
	}
	if !ok {
		return "", "", usagef("unknown action %q: use one of %s", action, strings.Join(actions, ", "))
	}
	if len(c.args) != 2 {
		return "", "", usagef("%s takes exactly one name or id (quote names with spaces)", action)
	}
	return action, c.args[1], nil
}

var cmdTopic = &command{
	name: "topic", args: "add|edit|rm NAME [--parent NAME] [--track TRACK] [--name NEW] [--target HOURS] [--confidence N]",
	summary: "Add, rename, edit or remove a topic. A topic with sessions or subtopics cannot be removed.",
	setup: func(c *ctx) func() error {
		parent := c.fs.String("parent", "", "the parent topic `NAME`, for a subtopic")
		track := c.fs.String("track", "skills", "the `TRACK`: degree, skills or certification (for add)")
		name := c.fs.String("name", "", "the new `NAME` (for edit)")
		target := c.fs.Float64("target", 0, "the target in `HOURS`")
		confidence := c.fs.Int("confidence", 0, "your confidence, 0-5 (`N`)")
		return func() error {
			action, ref, err := c.subcommand("add", "edit", "rm")
			if err != nil {
				return err
			}
			db, p, err := c.plan()
			if err != nil {
				return err
			}
			var t tracker.Topic
			switch action {
			case "add":
				t.Name = ref
				if t.Track, err = tracker.ParseTrack(*track); err != nil {
					return usageError{err.Error()}
				}
			default:
				found, err := tracker.MatchTopic(&p, ref)
				if err != nil {
					return err
				}
				if action == "rm" {
					if err := db.DeleteTopic(found.ID); err != nil {
						return err
					}
					c.out("Removed topic %s\n", p.TopicPath(found.ID))
					return nil
				}
				t = *found
			}
			if c.flagSet("parent") {
				t.ParentID = ""
				if *parent != "" {
					par, err := tracker.MatchTopic(&p, *parent)
					if err != nil {
						return err
					}
					t.ParentID, t.Track = par.ID, par.Track
				}
			}
			if c.flagSet("name") {
				t.Name = *name
			}
			if c.flagSet("target") {
				t.TargetHours, t.Estimate = *target, false
			}
			if c.flagSet("confidence") {
				t.Confidence = *confidence
			}
			if t, err = db.PutTopic(t); err != nil {
				return err
			}
			p.Topics = append(p.Topics, t) // so that the path below names a new topic's parent
			verb := map[string]string{"add": "Added", "edit": "Changed"}[action]
			c.out("%s topic %s (%s)\n", verb, p.TopicPath(t.ID), t.Track.Label())
			return nil
		}
	},
}

var cmdMilestone = &command{
	name:    "milestone",
	args:    "add|edit|done|rm ID-OR-TITLE [--title T] [--status S] [--target DATE] [--done-on DATE] [--cost USD] [--depends ID,...] [--order N]",
	summary: "Add, edit, mark done or remove a milestone. \"done\" records today unless --done-on says otherwise.",
	setup: func(c *ctx) func() error {
		title := c.fs.String("title", "", "the `TITLE` (for edit)")
		status := c.fs.String("status", "", "the `STATUS`: planned, in-progress, done or skipped")
		target := c.fs.String("target", "", "the target `DATE`, YYYY-MM-DD (\"\" clears it)")
		doneOn := c.fs.String("done-on", "", "the `DATE` it was done, YYYY-MM-DD")
		cost := c.fs.Float64("cost", 0, "the cost in US dollars (`USD`)")
		track := c.fs.String("track", "certification", "the `TRACK`: degree, skills or certification (for add)")
		order := c.fs.Int("order", 0, "its place `N` in the timeline")
		var depends listFlag
		c.fs.Var(&depends, "depends", "the `IDS` of milestones it depends on (replaces the list; \"\" clears it)")
		return func() error {
			action, ref, err := c.subcommand("add", "edit", "done", "rm")
			if err != nil {
				return err
			}
			db, p, err := c.plan()
			if err != nil {
				return err
			}
			var m tracker.Milestone
			if action == "add" {
				m.Title = ref
				if m.Track, err = tracker.ParseTrack(*track); err != nil {
					return usageError{err.Error()}
				}
			} else {
				found, err := matchMilestone(&p, ref)
				if err != nil {
					return err
				}
				if action == "rm" {
					if err := db.DeleteMilestone(found.ID); err != nil {
						return err
					}
					c.out("Removed milestone %s %s\n", found.ID, found.Title)
					return nil
				}
				m = *found
			}
			if action == "done" {
				m.Status = tracker.Done
				if m.DoneOn == "" || c.flagSet("done-on") {
					m.DoneOn = tracker.DateOf(c.Now().In(c.Loc))
				}
			}
			if c.flagSet("title") {
				m.Title = *title
			}
			if c.flagSet("status") {
				if m.Status, err = tracker.ParseStatus(*status); err != nil {
					return usageError{err.Error()}
				}
				if m.Status == tracker.Done && m.DoneOn == "" {
					m.DoneOn = tracker.DateOf(c.Now().In(c.Loc))
				}
			}
			for flagName, dst := range map[string]*tracker.Date{"target": &m.Target, "done-on": &m.DoneOn} {
				if c.flagSet(flagName) {
					value := map[string]string{"target": *target, "done-on": *doneOn}[flagName]
					if *dst, err = tracker.ParseDate(value); err != nil {
						return usageError{err.Error()}
					}
				}
			}
			if c.flagSet("cost") {
				m.CostUSD = *cost
			}
			if c.flagSet("order") {
				m.Order = *order
			}
			if c.flagSet("depends") {
				m.DependsOn = nil
				for _, d := range depends {
					dep, err := matchMilestone(&p, d)
					if err != nil {
						return err
					}
					m.DependsOn = append(m.DependsOn, dep.ID)
				}
			}
			if m, err = db.PutMilestone(m); err != nil {
				return err
			}
			c.out("Saved milestone %s %s (%s", m.ID, m.Title, m.Status)
			if m.Status == tracker.Done {
				c.out(" on %s", m.DoneOn)
			}
			c.out(")\n")
			if p, err = db.Plan(); err != nil {
				return err
			}
			if w, ok := milestoneWindow(&p, &m, c.Now()); ok {
				c.out("%s\n", windowText(w))
			}
			return nil
		}
	},
}

var cmdCourse = &command{
	name:    "course",
	args:    "add|edit|rm CODE [--title T] [--credits N] [--term T] [--status S] [--grade G]",
	summary: "Add, edit or remove a degree course. Grades: A+ to F on the 4.0 scale, or P, W, I.",
	setup: func(c *ctx) func() error {
		title := c.fs.String("title", "", "the course `TITLE`")
		credits := c.fs.Float64("credits", 0, "the `CREDITS`")
		term := c.fs.String("term", "", "the `TERM`, like \"Fall 2026\"")
		status := c.fs.String("status", "", "the `STATUS`: planned, in-progress, completed, transfer or withdrawn")
		grade := c.fs.String("grade", "", "the letter `GRADE`")
		code := c.fs.String("code", "", "a new `CODE` (for edit)")
		return func() error {
			action, ref, err := c.subcommand("add", "edit", "rm")
			if err != nil {
				return err
			}
			db, p, err := c.plan()
			if err != nil {
				return err
			}
			var co tracker.Course
			if action == "add" {
				co.Code = ref
				if !c.flagSet("credits") {
					return usagef("--credits is required for a new course")
				}
				if c.flagSet("grade") && !c.flagSet("status") {
					co.Status = tracker.CourseCompleted // a grade means it is finished
				}
			} else {
				found, err := matchCourse(&p, ref)
				if err != nil {
					return err
				}
				if action == "rm" {
					if err := db.DeleteCourse(found.ID); err != nil {
						return err
					}
					c.out("Removed course %s\n", found.Code)
					return nil
				}
				co = *found
			}
			if c.flagSet("code") {
				co.Code = *code
			}
			if c.flagSet("title") {
				co.Title = *title
			}
			if c.flagSet("credits") {
				co.Credits = *credits
			}
			if c.flagSet("term") {
				co.Term = *term
			}
			if c.flagSet("status") {
				co.Status = tracker.CourseStatus(strings.ToLower(strings.TrimSpace(*status)))
			}
			if c.flagSet("grade") {
				co.Grade = *grade
			}
			if co, err = db.PutCourse(co); err != nil {
				return err
			}
			p, err = db.Plan()
			if err != nil {
				return err
			}
			d := tracker.Degree(&p)
			c.out("Saved course %s %s (%g credits, %s %s)\n", co.Code, co.Title, co.Credits, co.Status, co.Grade)
			c.out("Degree: %g of %g credits", d.CreditsEarned, d.CreditsRequired)
			if d.Graded {
				c.out(", GPA %.2f", d.GPA)
			}
			c.out("\n")
			return nil
		}
	},
}

var cmdGoal = &command{
	name:    "goal",
	args:    "[--weekly HOURS] [--track TRACK --hours HOURS] [--week-start monday|sunday] [--streak-min MINUTES] [--rest-days DAYS] [--vacation FROM..TO]... [--degree NAME] [--credits N]",
	summary: "Set the weekly study goals, the first day of the week, the streak's rules and the degree program.",
	setup: func(c *ctx) func() error {
		weekly := c.fs.Float64("weekly", 0, "`HOURS` a week over all tracks")
		track := c.fs.String("track", "", "a `TRACK` for --hours")
		hours := c.fs.Float64("hours", 0, "`HOURS` a week for --track")
		weekStart := c.fs.String("week-start", "", "`DAY`: monday or sunday")
		degree := c.fs.String("degree", "", "the degree program's `NAME`")
		field := c.fs.String("field", "", "the `FIELD`: Computer Science, Information Technology or Computer Engineering")
		credits := c.fs.Float64("credits", 0, "`CREDITS` the degree requires")
		streakMin := c.fs.Int("streak-min", 0, "the least study, in `MINUTES`, that makes a day count for the streak")
		restDays := c.fs.String("rest-days", "", "planned rest `DAYS` that do not break the streak, like sat,sun (\"\" clears them)")
		var vacations listFlag
		c.fs.Var(&vacations, "vacation", "add a vacation, `FROM..TO` like 2026-12-24..2027-01-02 (repeat for more)")
		clearVacations := c.fs.Bool("clear-vacations", false, "forget the vacations set before")
		return func() error {
			if err := c.needArgs(0, ""); err != nil {
				return err
			}
			db, p, err := c.plan()
			if err != nil {
				return err
			}
			goals, settings, program := p.Goals, p.Settings, p.Program
			if c.flagSet("weekly") {
				goals.WeeklyHours = *weekly
			}
			if c.flagSet("track") != c.flagSet("hours") {
				return usagef("--track and --hours go together")
			}
			if c.flagSet("track") {
				tr, err := tracker.ParseTrack(*track)
				if err != nil {
					return usageError{err.Error()}
				}
				th := map[tracker.Track]float64{}
				for k, v := range goals.TrackHours {
					th[k] = v
				}
				th[tr] = *hours
				goals.TrackHours = th
			}
			if c.flagSet("week-start") {
				switch strings.ToLower(*weekStart) {
				case "monday", "mon":
					settings.WeekStart = 1
				case "sunday", "sun":
					settings.WeekStart = 0
				default:
					return usagef("--week-start is monday or sunday")
				}
			}
			if c.flagSet("streak-min") {
				if *streakMin < 1 {
					return usagef("--streak-min is a number of minutes, 1 or more")
				}
				settings.StreakMinutes = *streakMin
			}
			if c.flagSet("rest-days") {
				settings.RestDays = nil
				for _, name := range strings.Split(*restDays, ",") {
					if name = strings.TrimSpace(name); name == "" {
						continue
					}
					d, ok := parseWeekday(name)
					if !ok {
						return usagef("--rest-days: %q is not a weekday (mon, tue, ... sun)", name)
					}
					settings.RestDays = append(settings.RestDays, d)
				}
			}
			if *clearVacations {
				settings.Vacations = nil
			}
			for _, v := range vacations {
				from, to, ok := strings.Cut(v, "..")
				if !ok {
					return usagef("--vacation %q: write it as FROM..TO, like 2026-12-24..2027-01-02", v)
				}
				settings.Vacations = append(settings.Vacations, tracker.DateRange{From: tracker.Date(strings.TrimSpace(from)), To: tracker.Date(strings.TrimSpace(to))})
			}
			if c.flagSet("degree") {
				program.Name = *degree
			}
			if c.flagSet("field") {
				program.Field = *field
			}
			if c.flagSet("credits") {
				program.CreditsRequired = *credits
			}
			// Check all three first, so that a bad value changes nothing.
			for _, err := range []error{tracker.ValidateGoals(&goals), tracker.ValidateSettings(&settings), tracker.ValidateProgram(&program)} {
				if err != nil {
					return err
				}
			}
			if err := db.PutGoals(goals); err != nil {
				return err
			}
			if err := db.PutSettings(settings); err != nil {
				return err
			}
			if err := db.PutProgram(program); err != nil {
				return err
			}
			c.out("Weekly goal %gh; weeks start on %s; a streak day needs %dm; degree: %s (%g credits)\n",
				goals.WeeklyHours, settings.WeekStart, settings.StreakMin(), program.Name, program.CreditsRequired)
			return nil
		}
	},
}

// parseWeekday reads a weekday by its English name or its first three letters.
func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(s)
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || len(s) >= 3 && strings.HasPrefix(name, s) {
			return d, true
		}
	}
	return 0, false
}
