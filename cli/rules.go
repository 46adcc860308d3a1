package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"corepath/tracker"
)

var cmdRules = &command{
	name: "rules",
	args: "[--lab-years N] [--validity-years N] [--recert-years N] [--retake-days D,D,D] [--ready PERCENT] [--reset] [--json]",
	summary: "Show the certification rules Corepath applies, each with its sources, confidence and the month it was gathered, and change them when Cisco does. " +
		"A changed rule is marked as edited; --reset brings back the sources' rules.",
	options: func() commandOptions { return &rulesOptions{} },
}

// rulesOptions are the flags of corepath rules: the rules to change, and how to print.
type rulesOptions struct {
	labYears, validity, recert int
	retake                     listFlag
	ready                      float64
	reset, json                bool
}

func (o *rulesOptions) addFlags(fs *flag.FlagSet) {
	fs.IntVar(&o.labYears, "lab-years", 0, "the lab eligibility window after a passed qualifying exam, in `YEARS`")
	fs.IntVar(&o.validity, "validity-years", 0, "how long a CCIE is active after the passed lab, in `YEARS`")
	fs.IntVar(&o.recert, "recert-years", 0, "how long recertifying keeps it active, in `YEARS`")
	fs.Var(&o.retake, "retake-days", "the waits after a failed lab, in `DAYS`: after the first failure, the second, the third and later")
	fs.Float64Var(&o.ready, "ready", 0, "the readiness at which an exam is ready to book, in `PERCENT`")
	fs.BoolVar(&o.reset, "reset", false, "go back to the rules as gathered from the sources")
	fs.BoolVar(&o.json, "json", false, "print JSON")
}

func (o *rulesOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	r := p.Rules()
	if o.reset {
		r = tracker.DefaultCertRules()
	}
	today := tracker.DateOf(c.Now().In(c.Loc))
	for name, rule := range map[string]*tracker.Rule{"lab-years": &r.LabEligibility, "validity-years": &r.Validity, "recert-years": &r.Recertification} {
		if c.flagSet(name) {
			rule.Years = map[string]int{"lab-years": o.labYears, "validity-years": o.validity, "recert-years": o.recert}[name]
			rule.Edited = today
		}
	}
	if c.flagSet("retake-days") {
		r.RetakeWaits.Days = nil
		for _, d := range o.retake {
			n, err := strconv.Atoi(d)
			if err != nil {
				return usagef("--retake-days: %q is not a number of days", d)
			}
			r.RetakeWaits.Days = append(r.RetakeWaits.Days, n)
		}
		r.RetakeWaits.Edited = today
	}
	if c.flagSet("ready") {
		r.ReadyPercent = o.ready
	}
	if c.fs.NFlag() > 0 && !(c.fs.NFlag() == 1 && o.json) {
		if err := db.PutCertRules(r); err != nil {
			return err
		}
	}
	if o.json {
		return writeJSON(c, r)
	}
	printRules(c, &r)
	return nil
}

// ruleSource is a rule's provenance in words: "medium confidence, reported 2026-11; S13, S20".
func ruleSource(confidence, gathered string, sources []string, edited tracker.Date) string {
	s := confidence + " confidence, reported "
	switch confidence {
	case tracker.ConfidenceHigh:
		s = "high confidence, "
	case tracker.ConfidenceUnconfirmed:
		s = "not confirmed, reported "
	}
	s += gathered + "; " + strings.Join(sources, ", ")
	if edited != "" {
		s += "; edited by you on " + string(edited)
	}
	return s
}

func printRules(c *ctx, r *tracker.CertRules) {
	days := make([]string, len(r.RetakeWaits.Days))
	for i, d := range r.RetakeWaits.Days {
		days[i] = strconv.Itoa(d)
	}
	for _, line := range []struct {
		what string
		rule tracker.Rule
	}{
		{fmt.Sprintf("Lab eligibility: %d years from the latest passed %s", r.LabEligibility.Years, r.QualifyingExam), r.LabEligibility},
		{fmt.Sprintf("CCIE active: %d years from the passed lab", r.Validity.Years), r.Validity},
		{fmt.Sprintf("Recertification: %d years from the day the requirements are met", r.Recertification.Years), r.Recertification},
		{fmt.Sprintf("Waits after a failed lab: %s days", strings.Join(days, ", ")), r.RetakeWaits},
	} {
		c.out("%s (%s)\n    The sources: %s\n", line.what, ruleSource(line.rule.Confidence, line.rule.Gathered, line.rule.Sources, line.rule.Edited), line.rule.Text)
	}
	c.out("Ready to book: readiness of at least %g%%, and each of the last 3 practice attempts scored at least that (your threshold: Cisco publishes no passing score)\n", r.ReadyPercent)
	c.out("Recertification options:\n")
	for _, o := range r.Options {
		c.out("    %-48s (%s)\n", o.Name, ruleSource(o.Confidence, r.Recertification.Gathered, o.Sources, ""))
	}
	c.out("Milestones read: qualifying %s, booking %s, lab %s, CCIE %s, recertification %s\n",
		r.Milestones.Qualifying, r.Milestones.Booking, r.Milestones.Lab, r.Milestones.Achieved, r.Milestones.Recertify)
}
