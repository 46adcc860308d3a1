package cli

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"corepath/storage"
	"corepath/tracker"
)

var cmdReport = &command{
	name: "report", args: "[--week|--month|--all|--from DATE --to DATE] [--json]",
	summary: "Totals by day, topic, tag and track for a period (this week by default), and the plan's progress.",
	options: func() commandOptions { return &reportOptions{} },
}

// reportOptions are the flags of corepath report: the period, and how to print.
type reportOptions struct {
	week, month, all, json bool
	from, to               string
}

func (o *reportOptions) addFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.week, "week", false, "this week (the default)")
	fs.BoolVar(&o.month, "month", false, "this month")
	fs.BoolVar(&o.all, "all", false, "all time")
	fs.StringVar(&o.from, "from", "", "from this `DATE` (YYYY-MM-DD, today or yesterday), with --to")
	fs.StringVar(&o.to, "to", "", "to this `DATE`, the day included, with --from")
	fs.BoolVar(&o.json, "json", false, "print JSON")
}

func (o *reportOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	n := 0
	for _, b := range []bool{o.week, o.month, o.all, o.from != "" || o.to != ""} {
		if b {
			n++
		}
	}
	if n > 1 {
		return usagef("choose one of --week, --month, --all and --from with --to")
	}
	var rangeFrom, rangeTo time.Time
	if o.from != "" || o.to != "" {
		if o.from == "" || o.to == "" {
			return usagef("give --from and --to together: the first and the last day of the period")
		}
		var err error
		if rangeFrom, rangeTo, err = c.dayRange(o.from, o.to); err != nil {
			return err
		}
	}
	c.syncInBatch = true
	db, err := c.store()
	if err != nil {
		return err
	}
	now := c.Now()
	var (
		p               tracker.Plan
		label, from, to = "week", time.Time{}, time.Time{}
		sum             *tracker.Summarizer
		dash            *tracker.DashboardBuilder
	)
	// The plan and the totals (or the sessions) are read in one transaction.
	err = c.synced(db.Snapshot, func(st tracker.Store) error {
		if p, err = st.Plan(); err != nil {
			return err
		}
		from = tracker.StartOfWeek(now, c.Loc, p.Settings.WeekStart)
		switch {
		case o.month:
			label, from = "month", tracker.StartOfMonth(now, c.Loc)
		case o.all:
			label, from = "all", time.Time{}
		case !rangeFrom.IsZero():
			label, from, to = "range", rangeFrom, rangeTo
		}
		if label == "week" {
			to = tracker.AddDays(from, 7)
		} else if label == "month" {
			y, m, _ := from.Date()
			to = tracker.DayStart(y, m+1, 1, c.Loc)
		}
		sum = tracker.NewSummarizer(&p, c.Loc, from, to, now)
		dash = tracker.NewDashboardBuilder(&p, c.Loc, now)
		return st.(*storage.DB).Summarize(&p, c.Loc, now, sum, dash)
	})
	if err != nil {
		return err
	}
	r, d := sum.Report(), dash.Result()
	if o.json {
		return writeJSON(c, newReportJSON(periodJSON{Label: label, From: dateOrEmpty(from, c.Loc), To: lastDay(to, c.Loc)}, r, d))
	}
	printReport(c, &p, label, from, to, &r, d.Week.Tracks)
	printDashboard(c, &d)
	return nil
}

type periodJSON struct {
	Label string `json:"label"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"` // the last day, inclusive
}

// reportJSON is report --json: the period's totals, the plan's progress, and the dashboard's
// figures.
type reportJSON struct {
	Period periodJSON `json:"period"`
	tracker.Report
	Week     weekJSON                `json:"week"`
	Streak   tracker.Streak          `json:"streak"`
	Coverage []tracker.Coverage      `json:"coverage"`
	Forecast []tracker.Forecast      `json:"forecast"`
	Needed   []tracker.MilestonePace `json:"needed"`
	Stale    []string                `json:"stale"`
	Degree   tracker.DegreeOutlook   `json:"degree"`
	Cert     tracker.CertOutlook     `json:"certification"`
}

type weekJSON struct {
	Start       tracker.Date        `json:"start"`
	Minutes     int                 `json:"minutes"`
	GoalMinutes int                 `json:"goal_minutes"`
	Days        [7]int              `json:"days"`
	Tracks      []tracker.TrackGoal `json:"tracks"`
}

func newReportJSON(period periodJSON, r tracker.Report, d tracker.Dashboard) reportJSON {
	out := reportJSON{Period: period, Report: r, Streak: d.Streak, Coverage: d.Coverage, Forecast: d.Forecasts,
		Needed: d.Needed, Stale: []string{}, Degree: d.Degree, Cert: d.Cert,
		Week: weekJSON{Start: d.Week.Start, Minutes: d.Week.Minutes, GoalMinutes: d.Week.GoalMinutes, Days: d.Week.Days, Tracks: d.Week.Tracks}}
	for _, s := range d.Stale {
		out.Stale = append(out.Stale, s.Topic)
	}
	return out
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
	n := min(part*width/whole, width)
	if n == 0 {
		n = 1
	}
	return strings.Repeat("█", n)
}

// printReport writes the report of the period; tracks are this week's track goals.
func printReport(c *ctx, p *tracker.Plan, label string, from, to time.Time, r *tracker.Report, tracks []tracker.TrackGoal) {
	title := map[string]string{"week": "This week", "month": "This month", "all": "All time"}[label]
	if !from.IsZero() {
		first, last := from.In(c.Loc).Format("Mon 2006-01-02"), to.Add(-time.Hour).In(c.Loc).Format("Mon 2006-01-02")
		if label == "range" {
			title = "From " + first + " to " + last
		} else {
			title += " (" + first + " – " + last + ")"
		}
	}
	c.out("%s: %s in %s\n", title, hm(r.TotalMinutes), tracker.CountOf(r.Sessions, "session", "sessions"))
	w := r.Progress.Week
	if w.GoalMinutes > 0 {
		c.out("This week against the goal: %s of %s (%d%%)\n", hm(w.Minutes), hm(w.GoalMinutes), tracker.GoalPercent(w.Minutes, w.GoalMinutes))
	}
	var byTrack []string
	for _, t := range tracks {
		if t.GoalMinutes > 0 {
			byTrack = append(byTrack, fmt.Sprintf("%s %s of %s (%d%%)", t.Track.Label(), hm(t.Minutes), hm(t.GoalMinutes), tracker.GoalPercent(t.Minutes, t.GoalMinutes)))
		}
	}
	if len(byTrack) > 0 {
		c.out("This week by track: %s\n", strings.Join(byTrack, ", "))
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
			// A full bar is an 8-hour day, or the longest day when one is longer (an import can
			// hold a day of 20 hours), so that every bar fits the line.
			scale := 8 * 60
			for _, d := range r.ByDay {
				scale = max(scale, d.Minutes)
			}
			for _, d := range r.ByDay {
				day, _ := d.Date.Time()
				c.out("  %s %8s  %s\n", day.Format("Mon 2006-01-02"), hm(d.Minutes), bar(d.Minutes, scale, 32))
			}
		} else {
			c.out("\n%s with study (%s report --json lists them)\n", tracker.CountOf(len(r.ByDay), "day", "days"), c.corepath())
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
	// Every track's milestones; the app's Certification card names the certification's next
	// step, which the next of all may not be.
	c.out("  Milestones: %d of %d done", m.Done, m.Total)
	target := func(n *tracker.Milestone) string {
		if n.Target == "" {
			return ""
		}
		return ", target " + string(n.Target)
	}
	if m.Next != nil {
		c.out("; next: %s (%s%s)", m.Next.Title, m.Next.Track.Label(), target(m.Next))
	}
	if cert, ok := p.NextMilestoneOf(tracker.TrackCertification); ok && (m.Next == nil || cert.ID != m.Next.ID) {
		c.out("; next in Certification: %s", cert.Title)
		if cert.Target != "" {
			c.out(" (target %s)", cert.Target)
		}
	}
	c.out("\n")
	d := pr.Degree
	c.out("  Degree: %s", d.Earned())
	if d.CreditsInProgress > 0 {
		c.out(" (%g credits in progress)", d.CreditsInProgress)
	}
	if d.Graded {
		c.out(", GPA %.2f", d.GPA)
	}
	c.out("\n  Topics (hours against target):\n")
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

// printDashboard prints the dashboard's figures after the report, for a terminal.
func printDashboard(c *ctx, d *tracker.Dashboard) {
	c.out("\nStreak: %s (longest %s), counting days with at least %dm\n",
		tracker.CountOf(d.Streak.CurrentDays, "day", "days"), tracker.CountOf(d.Streak.LongestDays, "day", "days"), d.Streak.MinMinutes)
	printHeatmap(c, d)
	if len(d.Coverage) > 0 {
		c.out("\nBlueprint coverage (weight against share of study; * most under-studied)\n")
		for _, cv := range d.Coverage {
			if !cv.Shown() {
				continue // a concentration exam's: readiness reads it
			}
			mark := " "
			if cv.UnderStudied {
				mark = "*"
			}
			c.out(" %s %-12s %-40s weight %3.0f%%  share %5.1f%%  confidence %.1f\n", mark, cv.Exam, trim(cv.Domain, 40), cv.Weight, cv.Share, cv.Confidence)
		}
	}
	if len(d.Forecasts) > 0 {
		c.out("\nForecast at the pace of the last 8 weeks (likely: its mean; pessimistic: a standard deviation slower)\n")
		for _, f := range d.Forecasts {
			c.out("  %-40s %6.1f of %-6g %-7s %s / %s\n", trim(f.Target, 40), f.Done, f.Goal, f.Unit, dateOr(f.LikelyDate, "not at this pace"), dateOr(f.PessimisticDate, "not at the slower pace"))
		}
	}
	if len(d.Needed) > 0 {
		c.out("\nMilestones' target dates\n")
	}
	for _, n := range d.Needed {
		switch {
		case n.Overdue:
			c.out("  %s: the target date %s has passed with %.1f h to go\n", n.Milestone, n.Target, n.RemainingHrs)
		case n.WeeklyHours > 0:
			c.out("  %s by %s: %.1f h a week needed (now %.1f)\n", n.Milestone, n.Target, n.WeeklyHours, n.CurrentWeekly)
		}
	}
	if len(d.Stale) > 0 {
		c.out("\nGoing stale, by how many review intervals have passed, the most first:\n")
		for _, s := range d.Stale {
			c.out("  %s\n", staleText(&s))
		}
	}
	switch dg := d.Degree; {
	case dg.ExpectedTerm == "":
	case dg.CreditsInProgress > 0:
		c.out("\nDegree: with the %g credits in progress, then %g credits a year, expected to finish in %s\n", dg.CreditsInProgress, dg.CreditsPerYear, dg.ExpectedTerm)
	default:
		c.out("\nDegree: at %g credits a year, expected to finish in %s\n", dg.CreditsPerYear, dg.ExpectedTerm)
	}
	for _, w := range d.Cert.Windows {
		c.out("%s\n", windowText(w))
	}
	for _, n := range d.Cert.Notes {
		c.out("Check: %s\n", n)
	}
}

func dateOr(d tracker.Date, none string) string {
	if d == "" {
		return none
	}
	return string(d)
}

// printHeatmap draws the last 12 weeks as a grid of shaded cells, one row per weekday.
func printHeatmap(c *ctx, d *tracker.Dashboard) {
	days := d.Days
	if len(days) < 84 {
		return
	}
	days = days[len(days)-84:]
	shade := func(m int) string {
		switch {
		case m == 0:
			return "·"
		case m < 30:
			return "░"
		case m < 60:
			return "▒"
		case m < 120:
			return "▓"
		}
		return "█"
	}
	c.out("\nLast 12 weeks (· none, ░ <30m, ▒ <1h, ▓ <2h, █ 2h+)\n")
	for row := 0; row < 7; row++ {
		day, _ := days[row].Date.Time()
		c.out("  %s ", day.Format("Mon"))
		for col := 0; col < 12; col++ {
			c.out("%s", shade(days[col*7+row].Minutes))
		}
		c.out("\n")
	}
}

// staleText says how long ago a topic was last studied against how often it is to be reviewed
// ("IS-IS: last studied 220 days ago (2026-04-26), review every 8 days"), as the Today screen does.
func staleText(s *tracker.StaleTopic) string {
	return fmt.Sprintf("%s: last studied %s ago (%s), review every %s", s.Topic,
		tracker.CountOf(s.DaysSince, "day", "days"), s.LastStudied, tracker.CountOf(s.IntervalDays, "day", "days"))
}
