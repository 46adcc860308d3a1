package cli

import (
	"flag"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"corepath/storage"
	"corepath/tracker"
)

// dashboardOf is the dashboard over every session, for its coverage and stale topics.
func dashboardOf(c *ctx, db *storage.DB, p *tracker.Plan) (tracker.Dashboard, error) {
	now := c.Now()
	dash := tracker.NewDashboardBuilder(p, c.Loc, now)
	err := db.Summarize(p, c.Loc, now, nil, dash)
	return dash.Result(), err
}

var cmdReadiness = &command{
	name: "readiness",
	args: "[EXAM] [--json]",
	summary: "How ready you are for each exam, shown as its parts per blueprint domain: recent scores, study against the weight, confidence, stale topics; " +
		"the two weakest domains with what to do next, and \"ready to book\" once the recent practice holds above the threshold.",
	options: func() commandOptions { return &readinessOptions{} },
}

// readinessOptions are the flags of corepath readiness.
type readinessOptions struct {
	json bool
}

func (o *readinessOptions) addFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.json, "json", false, "print JSON")
}

func (o *readinessOptions) run(c *ctx) error {
	if len(c.args) > 1 {
		return usagef("readiness takes at most one exam")
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	code := ""
	if len(c.args) == 1 {
		e, err := matchExam(&p, c.args[0])
		if err != nil {
			return err
		}
		if len(e.Domains) == 0 {
			return tracker.Errorf(tracker.NotFound, "%s has no blueprint in Corepath, so no readiness is measured: it is here for the recertification a pass counts for (%s ce list)", e.Acronym, c.corepath())
		}
		code = e.Code
	}
	d, err := dashboardOf(c, db, &p)
	if err != nil {
		return err
	}
	out := []tracker.ExamReadiness{}
	for _, er := range p.Readiness(d.Coverage, d.Stale, c.Now().In(c.Loc)) {
		// Without a code, only the exams with something recorded or studied, and the path's two.
		if code == er.Exam || (code == "" && (len(er.Recent) > 0 || er.Passed != "" || covered(&er))) {
			out = append(out, er)
		}
	}
	if o.json {
		return writeJSON(c, out)
	}
	rules := p.Rules()
	for i := range out {
		printReadiness(c, &p, &out[i], &rules)
	}
	return nil
}

func covered(er *tracker.ExamReadiness) bool {
	for _, d := range er.Domains {
		if d.Mapped {
			return true
		}
	}
	return false
}

func printReadiness(c *ctx, p *tracker.Plan, er *tracker.ExamReadiness, r *tracker.CertRules) {
	if er.PassStands {
		c.out("%s %s: %s (readiness %.0f%% against a threshold of %.0f%%)\n", er.Exam, er.Name, er.Verdict(r), math.Round(er.Readiness), math.Round(er.Threshold))
	} else {
		c.out("%s %s: readiness %.0f%% against a threshold of %.0f%%: %s\n", er.Exam, er.Name, math.Round(er.Readiness), math.Round(er.Threshold), er.Verdict(r))
	}
	c.out("  %-40s %-7s %-10s %-9s %-10s %-6s %s\n", "Domain", "weight", "score", "coverage", "confidence", "stale", "readiness")
	fromOverall := false
	for _, d := range er.Domains {
		score := "none"
		if d.Scored > 0 {
			score = fmt.Sprintf("%.0f%% (%d)", math.Round(d.Score), d.Scored)
		}
		if d.FromOverall {
			score += "*" // said under the table: the column has no room for the words
			fromOverall = true
		}
		cov, conf := "-", "-"
		if d.Mapped {
			cov, conf = fmt.Sprintf("%.0f%%", math.Round(d.Coverage)), fmt.Sprintf("%.0f%%", math.Round(d.Confidence))
		}
		c.out("  %-40s %5g%%  %-10s %-9s %-10s %-6d %.0f%%\n", trim(d.Domain, 40), d.Weight, score, cov, conf, d.Stale, math.Round(d.Readiness))
	}
	if fromOverall {
		c.out("  * Score from overall scores: no attempt scored this domain.\n")
	}
	if er.WeightsReport {
		c.out("  Blueprint weights as reported %s; check them with Cisco.\n", er.Gathered)
	}
	header := "  Trend, every score oldest first:\n"
	for _, d := range er.Domains {
		if len(d.Trend) < 2 {
			continue
		}
		c.out("%s", header)
		header = ""
		scores := make([]string, len(d.Trend))
		for j, pt := range d.Trend {
			scores[j] = fmt.Sprintf("%.0f", pt.Percent)
		}
		from := ""
		if d.FromOverall {
			from = " (overall scores: no attempt scored this domain)"
		}
		c.out("    %-40s %s%s\n", trim(d.Domain, 40), strings.Join(scores, " → "), from)
	}
	for _, w := range er.Weakest {
		c.out("  Weak: %s: %s\n", w.Domain, w.Next)
	}
	if len(er.Recent) > 0 {
		var parts []string
		for _, pt := range er.Recent {
			parts = append(parts, fmt.Sprintf("%s %.0f%%", pt.Date, math.Round(pt.Percent)))
		}
		c.out("  Recent practice: %s\n", strings.Join(parts, ", "))
	}
	if er.Passed != "" && !er.PassStands {
		c.out("  Passed on %s, which no longer counts: the lab window it opened has closed\n", er.Passed)
	}
	if er.RetakeAfter != "" {
		c.out("  %s\n", p.RetakeLine(er.RetakeAfter))
	}
	c.out("\n")
}

var cmdCE = actionCommand("ce", "ACTIVITY-OR-ID",
	"The continuing-education ledger and the recertification options: what each has done and what remains, the nearest to done, the cheapest, the deadline.",
	action{name: "add", ref: "ACTIVITY", summary: "Add a CE activity; --credits is required.",
		options: func() actionOptions { return &ceAddOptions{} }},
	action{name: "edit", ref: "ID", summary: "Change a CE activity; only the flags given change.",
		options: func() actionOptions { return &ceEditOptions{} }},
	action{name: "list", summary: "List the CE activities and how far each recertification option is.",
		options: func() actionOptions { return &ceListOptions{} }},
	action{name: "rm", ref: "ID", summary: "Remove a CE activity.",
		options: func() actionOptions { return &ceRmOptions{} }},
)

// creditFields are the flags that ce add and ce edit share.
type creditFields struct {
	credits                         float64
	date, state, provider, evidence string
}

func (o *creditFields) addFlags(fs *flag.FlagSet) {
	fs.Float64Var(&o.credits, "credits", 0, "the CE `CREDITS` the activity earns")
	fs.StringVar(&o.date, "date", "", "the `DATE` it was (or is planned to be) completed, YYYY-MM-DD (default today)")
	fs.StringVar(&o.state, "state", "", "the `STATE`: planned, completed (the default), submitted or approved")
	fs.StringVar(&o.provider, "provider", "", "who offers it (`TEXT`)")
	fs.StringVar(&o.evidence, "evidence", "", "a link or a file path that proves it (`TEXT`)")
}

// save sets the fields whose flags were given and saves the activity.
func (o *creditFields) save(c *ctx, db *storage.DB, cr tracker.Credit) error {
	var err error
	if c.flagSet("credits") {
		cr.Credits = o.credits
	}
	if c.flagSet("date") {
		if cr.Date, err = tracker.ParseDayDate(o.date, c.Now(), c.Loc); err != nil {
			return usageError{err.Error()}
		}
	}
	if c.flagSet("state") {
		if cr.State, err = tracker.ParseCreditState(o.state); err != nil {
			return usageError{err.Error()}
		}
	}
	if c.flagSet("provider") {
		cr.Provider = o.provider
	}
	if c.flagSet("evidence") {
		cr.Evidence = o.evidence
	}
	saved, err := db.PutCredit(cr)
	if err != nil {
		return err
	}
	c.out("Saved %s: %s, %g CE credits on %s (%s)\n", saved.ID, saved.Activity, saved.Credits, saved.Date, saved.State)
	return nil
}

type ceAddOptions struct{ creditFields }

func (o *ceAddOptions) run(c *ctx, activity string) error {
	if !c.flagSet("credits") {
		return usagef("--credits is required for a new activity")
	}
	db, err := c.store()
	if err != nil {
		return err
	}
	return o.save(c, db, tracker.Credit{Activity: activity, Date: tracker.DateOf(c.Now().In(c.Loc))})
}

type ceEditOptions struct {
	creditFields
	activity string
}

func (o *ceEditOptions) addFlags(fs *flag.FlagSet) {
	o.creditFields.addFlags(fs)
	fs.StringVar(&o.activity, "activity", "", "a new name for the activity (`TEXT`)")
}

func (o *ceEditOptions) run(c *ctx, ref string) error {
	db, _, found, err := findRecord(c, matchCredit, ref)
	if err != nil {
		return err
	}
	cr := *found
	if c.flagSet("activity") {
		cr.Activity = o.activity
	}
	return o.save(c, db, cr)
}

func matchCredit(p *tracker.Plan, id string) (*tracker.Credit, error) {
	if cr, ok := p.Credit(id); ok {
		return cr, nil
	}
	return nil, tracker.NotFoundRecord(tracker.RecordCredit, id)
}

type ceRmOptions struct{}

func (*ceRmOptions) addFlags(*flag.FlagSet) {}

func (*ceRmOptions) run(c *ctx, ref string) error {
	db, err := c.store()
	if err != nil {
		return err
	}
	old, err := db.DeleteCredit(ref)
	if err != nil {
		return err
	}
	c.out("Removed %s: %s (%g CE credits)\n", old.ID, old.Activity, old.Credits)
	return nil
}

type ceListOptions struct{ asJSON bool }

func (o *ceListOptions) addFlags(fs *flag.FlagSet) { addJSONFlag(fs, &o.asJSON) }

func (o *ceListOptions) run(c *ctx, _ string) error { return ceList(c, o.asJSON) }

// ceJSON is the ledger with the recertification outlook.
type ceJSON struct {
	Credits []tracker.Credit `json:"credits"`
	Recert  *tracker.Recert  `json:"recertification,omitempty"`
}

func ceList(c *ctx, asJSON bool) error {
	_, p, err := c.plan()
	if err != nil {
		return err
	}
	state := p.Cert(c.Now().In(c.Loc))
	out := ceJSON{Credits: p.Credits}
	if out.Credits == nil {
		out.Credits = []tracker.Credit{}
	}
	recert, ok := p.RecertOutlook(&state)
	if ok {
		out.Recert = &recert
	}
	if asJSON {
		return writeJSON(c, out)
	}
	if len(p.Credits) == 0 {
		c.out("No CE activities yet: %s ce add \"SPAUI course\" --credits 24 --provider \"Fast Lane\"\n", c.corepath())
	}
	for _, cr := range p.Credits {
		c.out("%-5s %s  %6g  %-10s %s", cr.ID, cr.Date, cr.Credits, cr.State, cr.Activity)
		if cr.Provider != "" {
			c.out(" (%s)", cr.Provider)
		}
		if cr.Evidence != "" {
			c.out("  evidence: %s", cr.Evidence)
		}
		if why := recert.Outside(&cr); ok && why != "" {
			c.out("  [%s]", why)
		}
		c.out("\n")
	}
	if !ok {
		c.out("\nRecertification starts once the CCIE is achieved (the passed lab).\n")
		return nil
	}
	r := p.Rules()
	if recert.Ended {
		c.out("\n%s\n", recert.EndedLine(state.Today))
		return nil
	}
	c.out("\nRecertify by %s (the cycle began %s; each option met keeps the CCIE active %d years from that day)\n", recert.Deadline, recert.Began(), r.Recertification.Years)
	names, width := make([]string, len(recert.Options)), 0
	for i, o := range recert.Options {
		names[i] = o.Option.Name
		if o.Option.Confidence != tracker.ConfidenceHigh {
			names[i] += " (reported " + r.Recertification.Gathered + ")"
		}
		width = max(width, utf8.RuneCountInString(names[i]))
	}
	for i, o := range recert.Options {
		mark := " "
		if o.Done {
			mark = "✓"
		}
		progress := fmt.Sprintf("%3.0f%% done", 100*o.Share)
		if len(o.Remaining) > 0 {
			progress += ", " + strings.Join(o.Remaining, ", ") + " to go"
		}
		fees := ""
		if o.FeesUSD > 0 {
			fees = fmt.Sprintf(", %s in exam fees (reported %s)", tracker.Dollars(o.FeesUSD), r.Recertification.Gathered)
		}
		tags := ""
		if o.Option.ID == recert.Nearest {
			tags += "  [nearest]"
		}
		if o.Option.ID == recert.Cheapest {
			tags += "  [cheapest]"
		}
		c.out("  %s %-*s  %s%s%s\n", mark, width, names[i], progress, fees, tags)
	}
	c.out("  %s\n", tracker.ShareNote())
	if len(recert.Options) > 0 && recert.Options[0].PlannedCredits > 0 {
		c.out("  Planned activities add %g CE credits once completed.\n", recert.Options[0].PlannedCredits)
	}
	return nil
}
