package cli

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

var cmdRules = &command{
	name: "rules",
	args: "[--lab-years N] [--validity-years N] [--recert-years N] [--retake-days D,D,D] [--ready PERCENT] [--reset] [--exam EXAM --price USD --weights D=P,…] [--json]",
	summary: "Show the certification rules Corepath applies, each with its sources, confidence and the month it was gathered, and change them when Cisco does. " +
		"A changed rule is marked as edited; --reset brings back the sources' rules. --exam with --price or --weights changes an exam's fee or blueprint weights.",
	options: func() commandOptions { return &rulesOptions{} },
}

// rulesOptions are the flags of corepath rules: the rules to change, and how to print.
type rulesOptions struct {
	labYears, validity, recert int
	retake                     listFlag
	ready                      float64
	reset, json                bool
	exam                       string  // the exam --price and --weights change
	price                      float64 // its fee, in US dollars
	weights                    listFlag
}

func (o *rulesOptions) addFlags(fs *flag.FlagSet) {
	fs.IntVar(&o.labYears, "lab-years", 0, "the lab eligibility window after a passed qualifying exam, in `YEARS`")
	fs.IntVar(&o.validity, "validity-years", 0, "how long a CCIE is active after the passed lab, in `YEARS`")
	fs.IntVar(&o.recert, "recert-years", 0, "how long recertifying keeps it active, in `YEARS`")
	fs.Var(&o.retake, "retake-days", "the 3 waits after a failed lab, in `DAYS` like 30,90,180: after the first failure, the second, the third and later")
	fs.Float64Var(&o.ready, "ready", 0, "the readiness at which an exam is ready to book, in `PERCENT`")
	fs.BoolVar(&o.reset, "reset", false, "go back to the rules as gathered from the sources (with --exam, to that exam's reported figures)")
	fs.StringVar(&o.exam, "exam", "", "the `EXAM` (code or acronym) whose --price or --weights change")
	fs.Float64Var(&o.price, "price", 0, "the exam's fee, in `USD`, as Cisco lists it now")
	fs.Var(&o.weights, "weights", "the exam's blueprint weights as `DOMAIN=PERCENT`,…: 1.0=15,2.0=30,… (those not named are kept; all must add up to 100)")
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
	examEdit := c.flagSet("price") || c.flagSet("weights") || c.flagSet("exam")
	// With --exam, --reset puts that exam's figures back; alone, the rules.
	resetExam := examEdit && o.reset
	changesRules := countSet(c, ruleFlags...) > 0 && !(resetExam && countSet(c, ruleFlags...) == 1)
	if o.json && examEdit && changesRules {
		return usagef("--json with --exam prints the exam alone: change the rules in another command")
	}
	var ex examChange
	if examEdit {
		if ex, err = o.examEdit(c, &p, resetExam); err != nil {
			return err
		}
	}
	r := p.Rules()
	if o.reset && !resetExam {
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
		if len(o.retake) != tracker.RetakeWaitSteps {
			got := "none"
			if len(o.retake) > 0 {
				got = tracker.CountOf(len(o.retake), "wait", "waits") + ": " + o.retake.String()
			}
			return usagef("--retake-days takes %d waits in days, D,D,D: after the first failed lab, the second, and the third and later, like --retake-days 30,90,180 (got %s)", tracker.RetakeWaitSteps, got)
		}
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
	if changesRules {
		if err := tracker.ValidateCertRules(&r); err != nil {
			return err
		}
	}
	// The exam and the rules are written together, or neither is.
	var saved tracker.Exam
	// To show the rules, nothing is written: an empty transaction still commits.
	// Figures the exam already has are not written again: nor marked edited, nor synced.
	writesExam := examEdit && (resetExam || !ex.same(ex.next))
	if examEdit && !writesExam {
		saved = ex.was
	}
	if writesExam || changesRules {
		err = db.Batch(func(st tracker.Store) error {
			inner := st.(*storage.DB)
			switch {
			case !writesExam:
			case resetExam:
				if saved, err = inner.ResetExam(ex.was.Code); err != nil {
					return err
				}
			default:
				if saved, err = inner.EditExam(ex.was.Code, ex.price, ex.weights); err != nil {
					return err
				}
			}
			switch {
			case !changesRules:
			case o.reset && countSet(c, ruleFlags...) == 1:
				return inner.ResetCertRules() // the sources' rules, and no copy of them to go stale
			default:
				return inner.PutCertRules(r)
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	if examEdit {
		if p, err = db.Plan(); err != nil {
			return err
		}
		if o.json {
			return writeJSON(c, saved)
		}
		if ex.same(saved) {
			c.out("Unchanged: %s already has %s\n", saved.Code, examFigures(&saved))
		} else {
			c.out("Changed %s: %s\n", saved.Code, examFigures(&saved))
		}
		if m := p.PayingMilestone(saved.Code); m != nil && m.CostUSD != saved.PriceUSD {
			c.out("Note: the costs count milestone %s's own cost, %s: to count %s there, %s milestone edit %s --cost %g\n",
				m.ID, tracker.Dollars(m.CostUSD), tracker.Dollars(saved.PriceUSD), c.corepath(), m.ID, saved.PriceUSD)
		}
		if !changesRules {
			return nil
		}
	}
	cited, err := citedSources(&r)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(c, struct {
			tracker.CertRules
			CitedSources []resources.Source `json:"cited_sources"`
		}{r, cited})
	}
	printRules(c, &r, &p)
	c.out("Sources, as the rules cite them (gathered %s; check the current rules with Cisco):\n", r.LabEligibility.Gathered)
	for _, s := range cited {
		c.out("    %-4s %s (%s): %s\n", s.ID, s.Title, s.Kind, s.Ref)
	}
	return nil
}

// citedSources are the sources the rules cite, from the list embedded in the binary.
func citedSources(r *tracker.CertRules) ([]resources.Source, error) {
	all, err := resources.Sources()
	if err != nil {
		return nil, err
	}
	var cited []resources.Source
	for _, id := range r.CitedSources() {
		s, ok := all[id]
		if !ok {
			s = resources.Source{ID: id, Title: "a source this version of Corepath does not list", Kind: "unknown"}
		}
		cited = append(cited, s)
	}
	return cited, nil
}

// examChange is what --exam, --price and --weights (or --reset) ask of an exam.
type examChange struct {
	was     tracker.Exam       // the exam as the store has it
	price   *float64           // its new fee, when --price was given
	weights map[string]float64 // its new weights by domain, those given
	next    tracker.Exam       // the exam as the edit would leave it (not for --reset)
}

// same reports whether e has the figures the exam had.
func (ex *examChange) same(e tracker.Exam) bool {
	return e.PriceUSD == ex.was.PriceUSD && slices.Equal(e.Domains, ex.was.Domains) && e.Edited == ex.was.Edited
}

// examEdit reads what --exam, --price and --weights (or --reset) ask of an exam, and checks it.
func (o *rulesOptions) examEdit(c *ctx, p *tracker.Plan, reset bool) (examChange, error) {
	var ex examChange
	if o.exam == "" {
		return ex, usagef("--price and --weights need --exam: the exam they are for, like --exam SPCOR")
	}
	if !reset && !c.flagSet("price") && !c.flagSet("weights") {
		return ex, usagef("--exam %s: give its --price or its --weights, or --reset to put back the sources' figures", o.exam)
	}
	if reset && (c.flagSet("price") || c.flagSet("weights")) {
		return ex, usagef("--reset puts back the sources' figures: give it without --price or --weights")
	}
	e, err := matchExam(p, o.exam)
	if err != nil {
		return ex, err
	}
	ex.was, ex.next = *e, *e
	if reset {
		return ex, nil
	}
	if c.flagSet("price") {
		ex.price = &o.price
	}
	ex.weights = map[string]float64{}
	for _, item := range o.weights {
		id, pct, ok := strings.Cut(item, "=")
		if !ok {
			return ex, usagef("--weights %q: write DOMAIN=PERCENT, for example 1.0=15", item)
		}
		v, err := parsePercent("--weights "+id, pct)
		if err != nil {
			return ex, err
		}
		ex.weights[strings.TrimSpace(id)] = v
	}
	return ex, tracker.EditExam(&ex.next, ex.price, ex.weights, tracker.DateOf(c.Now().In(c.Loc)))
}

// ruleFlags are the flags that change the rules; the others (--data, --json, --exam and its
// figures) leave the store's rules as they are, so that a store without rules of its own keeps
// following the sources' as a new version brings them.
var ruleFlags = []string{"lab-years", "validity-years", "recert-years", "retake-days", "ready", "reset"}

// countSet counts the flags among names that were given.
func countSet(c *ctx, names ...string) int {
	n := 0
	for _, name := range names {
		if c.flagSet(name) {
			n++
		}
	}
	return n
}

// examFigures are an exam's price and weights, and where they come from.
func examFigures(e *tracker.Exam) string {
	var weights []string
	for _, d := range e.Domains {
		weights = append(weights, fmt.Sprintf("%s %g%%", d.ID, d.Weight))
	}
	s := tracker.Dollars(e.PriceUSD)
	if len(weights) > 0 {
		s += ", weights " + strings.Join(weights, ", ")
	}
	switch {
	case e.Edited != "":
		s += " (edited by you on " + string(e.Edited) + ")"
	case e.Uncertain:
		s += " (reported " + e.Gathered + ")"
	}
	return s
}

func printRules(c *ctx, r *tracker.CertRules, p *tracker.Plan) {
	rules, options := r.Lines()
	for _, line := range rules {
		c.out("%s (%s)\n    The sources: %s\n", line.What, line.Provenance, line.Sources)
	}
	// Said, so that a written exam retaken within days is not taken for one Corepath checked.
	c.out("Waits after a failed or passed written exam (%s and the others): none in the sources, so Corepath checks none; Cisco's exam policy says the current ones\n", r.QualifyingExam)
	c.out("Ready to book: readiness of at least %g%%, and each of the last 3 practice attempts scored at least that (your threshold: Cisco publishes no passing score)\n", r.ReadyPercent)
	c.out("Recertification options:\n")
	for _, o := range options {
		c.out("    %-48s (%s)\n", o.What, o.Provenance)
	}
	c.out("Exams (%s rules --exam EXAM --price USD --weights 1.0=15,… when Cisco changes them):\n", c.corepath())
	for i := range p.Exams {
		e := &p.Exams[i]
		c.out("    %-13s %s\n", e.Code, examFigures(e))
	}
	c.out("Milestones read: qualifying %s, booking %s, lab %s, CCIE %s, recertification %s\n",
		r.Milestones.Qualifying, r.Milestones.Booking, r.Milestones.Lab, r.Milestones.Achieved, r.Milestones.Recertify)
	// The degree's rule, which course list's notes cite as S26.
	c.out("Degree GPA: grade points × credits, over the credits attempted in graded courses; P, W and I are left out, an F counts 0 with its credits, (university catalogs, S26; their example: A, B+ and C in 4-credit courses and D in a 3-credit one give 40.2 / 15 = 2.68); a course passed more than once earns its credits once, the common rule for a repeated course, which the sources do not state\n")
}
