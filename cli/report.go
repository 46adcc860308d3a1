package cli

import (
	"fmt"
	"strings"
	"time"

	"corepath/tracker"
)

var cmdReport = &command{
	name: "report", args: "[--week|--month|--all] [--json]",
	summary: "Totals by day, topic, tag and track for a period (this week by default), and the plan's progress.",
	setup: func(c *ctx) func() error {
		week := c.fs.Bool("week", false, "this week (the default)")
		month := c.fs.Bool("month", false, "this month")
		all := c.fs.Bool("all", false, "all time")
		asJSON := c.fs.Bool("json", false, "print JSON")
		return func() error {
			if err := c.needArgs(0, ""); err != nil {
				return err
			}
			n := 0
			for _, b := range []bool{*week, *month, *all} {
				if b {
					n++
				}
			}
			if n > 1 {
				return usagef("choose one of --week, --month and --all")
			}
			db, p, err := c.plan()
			if err != nil {
				return err
			}
			now := c.Now()
			label, from, to := "week", tracker.StartOfWeek(now, c.Loc, p.Settings.WeekStart), time.Time{}
			switch {
			case *month:
				label, from = "month", tracker.StartOfMonth(now, c.Loc)
			case *all:
				label, from = "all", time.Time{}
			}
			if label == "week" {
				to = from.AddDate(0, 0, 7)
			} else if label == "month" {
				to = from.AddDate(0, 1, 0)
			}
			sum := tracker.NewSummarizer(&p, c.Loc, from, to, now)
			// The plan's progress is over all time, so every session is read; a period's totals
			// take the part of each session that falls inside it.
			if err := db.Sessions(tracker.Query{}, func(s *tracker.Session) error { sum.Add(s); return nil }); err != nil {
				return err
			}
			r := sum.Report()
			if *asJSON {
				return writeJSON(c, reportJSON{Period: periodJSON{Label: label, From: dateOrEmpty(from, c.Loc), To: lastDay(to, c.Loc)}, Report: r})
			}
			printReport(c, &p, label, from, to, &r)
			return nil
		}
	},
}

type periodJSON struct {
	Label string `json:"label"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"` // the last day, inclusive
}

type reportJSON struct {
	Period periodJSON `json:"period"`
	tracker.Report
}

func dateOrEmpty(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return string(tracker.DateOf(t.In(loc)))
}

func lastDay(end time.Time, loc *time.Location) string {
	if end.IsZero() {
		return ""
	}
	return dateOrEmpty(end.Add(-time.Hour), loc)
}

func hm(minutes int) string { return tracker.FormatDuration(time.Duration(minutes) * time.Minute) }

func bar(part, whole int, width int) string {
	if whole <= 0 || part <= 0 {
		return ""
	}
	n := part * width / whole
	if n == 0 {
		n = 1
	}
	return strings.Repeat("█", n)
}

func printReport(c *ctx, p *tracker.Plan, label string, from, to time.Time, r *tracker.Report) {
	title := map[string]string{"week": "This week", "month": "This month", "all": "All time"}[label]
	if !from.IsZero() {
		title += fmt.Sprintf(" (%s – %s)", from.In(c.Loc).Format("Mon 2006-01-02"), to.Add(-time.Hour).In(c.Loc).Format("Mon 2006-01-02"))
	}
	c.out("%s: %s in %s\n", title, hm(r.TotalMinutes), plural(r.Sessions, "session"))
	w := r.Progress.Week
	if w.GoalMinutes > 0 {
		c.out("This week against the goal: %s of %s (%d%%)\n", hm(w.Minutes), hm(w.GoalMinutes), w.Minutes*100/w.GoalMinutes)
	}
	if r.Sessions > 0 {
		c.out("\nBy track\n")
		for _, t := range r.ByTrack {
			c.out("  %-16s %8s  %s\n", t.Track.Label(), hm(t.Minutes), bar(t.Minutes, r.TotalMinutes, 30))
		}
		c.out("\nBy topic\n")
		for _, t := range r.ByTopic {
			c.out("  %-44s %8s  %s\n", trim(t.Topic, 44), hm(t.Minutes), bar(t.Minutes, r.TotalMinutes, 30))
		}
		if len(r.ByTag) > 0 {
			c.out("\nBy tag\n")
			for _, t := range r.ByTag {
				c.out("  %-24s %8s\n", trim(t.Tag, 24), hm(t.Minutes))
			}
		}
		if len(r.ByDay) <= 62 {
			c.out("\nBy day\n")
			for _, d := range r.ByDay {
				day, _ := d.Date.Time()
				c.out("  %s %8s  %s\n", day.Format("Mon 2006-01-02"), hm(d.Minutes), bar(d.Minutes, 8*60, 32))
			}
		} else {
			c.out("\n%d days with study (corepath report --json lists them)\n", len(r.ByDay))
		}
	}
	printProgress(c, p, &r.Progress)
}

func trim(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func printProgress(c *ctx, p *tracker.Plan, pr *tracker.PlanProgress) {
	c.out("\nPlan\n")
	m := pr.Milestones
	c.out("  Certification path: %d of %d milestones done", m.Done, m.Total)
	if m.Next != nil {
		c.out("; next: %s", m.Next.Title)
		if m.Next.Target != "" {
			c.out(" (target %s)", m.Next.Target)
		}
	}
	c.out("\n")
	d := pr.Degree
	c.out("  Degree: %g of %g credits", d.CreditsEarned, d.CreditsRequired)
	if d.CreditsInProgress > 0 {
		c.out(" (%g in progress)", d.CreditsInProgress)
	}
	if d.Graded {
		c.out(", GPA %.2f", d.GPA)
	}
	c.out("\n  Skills (hours against target):\n")
	for _, t := range pr.Topics {
		if t.Track != tracker.TrackSkills && t.Minutes == 0 {
			continue
		}
		target := "no target"
		if t.TargetMinutes > 0 {
			target = fmt.Sprintf("of %s (%.0f%%)", hm(t.TargetMinutes), t.Percent)
		}
		c.out("    %-40s %8s %s\n", trim(t.Topic, 40), hm(t.Minutes), target)
	}
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}
