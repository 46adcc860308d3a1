package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"corepath/tracker"
)

// repeatFlag collects every use of a flag as it is, commas included.
type repeatFlag []string

func (r *repeatFlag) String() string     { return strings.Join(*r, "; ") }
func (r *repeatFlag) Set(v string) error { *r = append(*r, v); return nil }
func (*repeatFlag) gathers()             {}

// matchExam finds an exam by code or acronym, in any case.
func matchExam(p *tracker.Plan, ref string) (*tracker.Exam, error) {
	var codes []string
	for i := range p.Exams {
		e := &p.Exams[i]
		if strings.EqualFold(e.Code, ref) || strings.EqualFold(e.Acronym, ref) || (strings.EqualFold(ref, "lab") && p.ExamLevel(e) == tracker.LevelLab) {
			return e, nil
		}
		codes = append(codes, e.Code+" ("+e.Acronym+")")
	}
	return nil, tracker.Errorf(tracker.NotFound, "no exam %q: use one of %s", ref, strings.Join(codes, ", "))
}

// parsePercent reads "82" or "82%".
func parsePercent(what, s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil {
		return 0, usagef("%s: %q is not a percentage: write a number from 0 to 100", what, s)
	}
	return v, nil
}

// parseDomainScores reads --domain 2.0=85 (or several: 1.0=70,2.0=85).
func parseDomainScores(list []string) ([]tracker.DomainScore, error) {
	var out []tracker.DomainScore
	for _, item := range list {
		id, pct, ok := strings.Cut(item, "=")
		if !ok {
			return nil, usagef("--domain %q: write DOMAIN=PERCENT, for example 2.0=85", item)
		}
		v, err := parsePercent("--domain "+id, pct)
		if err != nil {
			return nil, err
		}
		out = append(out, tracker.DomainScore{Domain: strings.TrimSpace(id), Percent: v})
	}
	return out, nil
}

// parseModule reads a lab module's "pass", "fail:61" or "pass:82".
func parseModule(name, s string) (tracker.ModuleResult, error) {
	res, pct, hasPct := strings.Cut(s, ":")
	m := tracker.ModuleResult{Module: name}
	var err error
	if m.Result, err = tracker.ParseResult(res); err != nil {
		return m, usageError{fmt.Sprintf("module %s: %v (write pass, fail, or pass:82)", name, err)}
	}
	if hasPct {
		m.Percent, err = parsePercent("module "+name, pct)
	}
	return m, err
}

// parseTask reads a mock-lab task: NAME=PERCENT[/MINUTES][@DOMAIN].
func parseTask(s string) (tracker.TaskScore, error) {
	name, rest, ok := strings.Cut(s, "=")
	if !ok {
		return tracker.TaskScore{}, usagef("--task %q: write NAME=PERCENT[/MINUTES][@DOMAIN], for example \"L3VPN inter-AS=75/40@2.0\"", s)
	}
	t := tracker.TaskScore{Task: strings.TrimSpace(name)}
	rest, t.Domain, _ = strings.Cut(rest, "@")
	pct, mins, hasMins := strings.Cut(rest, "/")
	var err error
	if t.Percent, err = parsePercent("task "+t.Task, pct); err != nil {
		return t, err
	}
	if hasMins {
		if t.Minutes, err = strconv.Atoi(strings.TrimSpace(mins)); err != nil {
			return t, usagef("task %s: %q is not a number of minutes", t.Task, mins)
		}
	}
	return t, nil
}

var cmdExam = actionCommand("exam", "EXAM-OR-ID",
	"Record exam attempts, practice exams and mock labs with their scores per blueprint domain (a lab's modules, a mock lab's tasks), list them, show one, remove one. "+
		"EXAM is a code or acronym (350-501, SPCOR, lab, \"CCDE written\").",
	action{name: "add", ref: "EXAM", summary: "Record an attempt: a real exam's result, or a practice exam's or mock lab's scores.",
		options: func() actionOptions { return &examAddOptions{} }},
	action{name: "list", ref: "EXAM", optionalRef: true, summary: "List the attempts, newest first: all, or one exam's, or one kind's with --kind.",
		options: func() actionOptions { return &examListOptions{} }},
	action{name: "show", ref: "ID", summary: "Show an attempt with its report per domain.",
		options: func() actionOptions { return &examShowOptions{} }},
	action{name: "rm", ref: "ID", summary: "Remove an attempt.",
		options: func() actionOptions { return &examRmOptions{} }},
)

func addJSONFlag(fs *flag.FlagSet, asJSON *bool) { fs.BoolVar(asJSON, "json", false, "print JSON") }

type examAddOptions struct {
	kind, date, result, design, doo, source, session, note, fee string
	score, scoreMax                                             float64
	domains                                                     listFlag
	tasks                                                       repeatFlag
	asJSON                                                      bool
}

func (o *examAddOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.kind, "kind", "exam", "`KIND`: exam (the real one), practice or mock-lab")
	fs.StringVar(&o.date, "date", "", "the `DATE` it was sat, YYYY-MM-DD (default today)")
	fs.StringVar(&o.result, "result", "", "for a real exam, pass or fail (`RESULT`)")
	fs.Float64Var(&o.score, "score", 0, "the overall `SCORE`, out of --max")
	fs.Float64Var(&o.scoreMax, "max", 0, "what the score is out of (`N`): 100 for a percentage; a real exam's is Cisco's scaled score, out of 1000, unless given")
	fs.Var(&o.domains, "domain", "a domain's score from the report, `ID=PERCENT` (repeat, or separate with commas)")
	fs.StringVar(&o.design, "design", "", "the lab's Design module: pass, fail, or `RESULT:PERCENT`")
	fs.StringVar(&o.doo, "doo", "", "the lab's Deploy, Operate and Optimize module, as --design (`RESULT:PERCENT`)")
	fs.Var(&o.tasks, "task", "a mock-lab task, `NAME=PERCENT[/MINUTES][@DOMAIN]` (repeat)")
	fs.StringVar(&o.source, "source", "", "where a practice exam or mock lab comes from: the vendor or workbook (`TEXT`)")
	fs.StringVar(&o.session, "session", "", "the `ID` (or a prefix) of the session it was done in")
	fs.StringVar(&o.note, "note", "", "a `NOTE`")
	fs.StringVar(&o.fee, "fee", "", "what a real exam's sitting cost you, in US dollars (`USD`), when not the exam's fee: a voucher, a discount (0 for a free one)")
	addJSONFlag(fs, &o.asJSON)
}

func (o *examAddOptions) run(c *ctx, ref string) error {
	db, p, e, err := findRecord(c, matchExam, ref)
	if err != nil {
		return err
	}
	a := tracker.Attempt{Exam: e.Code, Score: o.score, ScoreMax: o.scoreMax, Source: o.source, SessionID: o.session, Note: o.note}
	if a.Kind, err = tracker.ParseAttemptKind(o.kind); err != nil {
		return usageError{err.Error()}
	}
	a.Date = tracker.DateOf(c.Now().In(c.Loc))
	if c.flagSet("date") {
		if a.Date, err = tracker.ParseDayDate(o.date, c.Now(), c.Loc); err != nil {
			return usageError{err.Error()}
		}
	}
	if c.flagSet("result") {
		if a.Result, err = tracker.ParseResult(o.result); err != nil {
			return usageError{err.Error()}
		}
	}
	if c.flagSet("score") && !c.flagSet("max") {
		if a.Kind != tracker.AttemptExam {
			return usagef("--score needs --max for a %s: 100 for a percentage, or the most its scale gives", a.Kind)
		}
		a.ScoreMax = 1000 // a real exam's score is Cisco's scaled score
	}
	if c.flagSet("fee") {
		fee, err := tracker.ParseDollars(o.fee)
		if err != nil {
			return usageError{"--fee: " + err.Error()}
		}
		a.FeeUSD = &fee
	}
	if a.Domains, err = parseDomainScores(o.domains); err != nil {
		return err
	}
	for i, v := range []string{o.design, o.doo} {
		if v != "" {
			m, err := parseModule(tracker.LabModules[i], v)
			if err != nil {
				return err
			}
			a.Modules = append(a.Modules, m)
		}
	}
	for _, t := range o.tasks {
		ts, err := parseTask(t)
		if err != nil {
			return err
		}
		a.Tasks = append(a.Tasks, ts)
	}
	saved, err := db.PutAttempt(a)
	if err != nil {
		return err
	}
	if o.asJSON {
		p, err = db.Plan()
		if err != nil {
			return err
		}
		return writeJSON(c, attemptToJSON(&p, &saved))
	}
	c.out("Saved attempt %s: %s\n", saved.ID, attemptLine(&p, &saved))
	for _, note := range p.AttemptNotes(&saved) {
		c.out("Note: %s\n", note)
	}
	passHint(c, &p, &saved)
	return nil
}

type examShowOptions struct{ asJSON bool }

func (o *examShowOptions) addFlags(fs *flag.FlagSet) { addJSONFlag(fs, &o.asJSON) }

func (o *examShowOptions) run(c *ctx, ref string) error {
	_, p, a, err := findRecord(c, matchAttempt, ref)
	if err != nil {
		return err
	}
	if o.asJSON {
		return writeJSON(c, attemptToJSON(&p, a))
	}
	printAttempt(c, &p, a)
	return nil
}

func matchAttempt(p *tracker.Plan, id string) (*tracker.Attempt, error) {
	if a, ok := p.Attempt(id); ok {
		return a, nil
	}
	return nil, tracker.NotFoundRecord(tracker.RecordAttempt, id)
}

type examRmOptions struct{}

func (*examRmOptions) addFlags(*flag.FlagSet) {}

func (*examRmOptions) run(c *ctx, ref string) error {
	db, err := c.store()
	if err != nil {
		return err
	}
	old, err := db.DeleteAttempt(ref)
	if err != nil {
		return err
	}
	c.out("Removed attempt %s (%s on %s)\n", old.ID, old.Exam, old.Date)
	return nil
}

// attemptJSON is an attempt with its overall percentage, when it has one.
type attemptJSON struct {
	tracker.Attempt
	Percent *float64 `json:"percent,omitempty"`
}

func attemptToJSON(p *tracker.Plan, a *tracker.Attempt) attemptJSON {
	out := attemptJSON{Attempt: *a}
	e, _ := p.Exam(a.Exam)
	if pct, ok := a.Percent(e); ok {
		out.Percent = &pct
	}
	return out
}

// attemptLine is one attempt in a line: "2026-01-10 350-501 SPCOR exam pass 880/1000".
func attemptLine(p *tracker.Plan, a *tracker.Attempt) string {
	e, _ := p.Exam(a.Exam)
	name := a.Exam
	if e != nil && e.Acronym != "" {
		name = e.Acronym
	}
	line := fmt.Sprintf("%s  %-13s %-9s", a.Date, trim(name, 13), a.Kind)
	if a.Result != "" {
		line += " " + string(a.Result)
	}
	if score := a.ScoreText(e); score != "" {
		line += "  " + score
	}
	if a.FeeUSD != nil {
		line += "  fee " + tracker.Dollars(*a.FeeUSD)
	}
	if a.Source != "" {
		line += "  (" + a.Source + ")"
	}
	return line
}

type examListOptions struct {
	kind   string
	asJSON bool
}

func (o *examListOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.kind, "kind", "", "list only the attempts of this `KIND`: exam, practice or mock-lab")
	addJSONFlag(fs, &o.asJSON)
}

func (o *examListOptions) run(c *ctx, ref string) error {
	_, p, err := c.plan()
	if err != nil {
		return err
	}
	code := ""
	if ref != "" {
		e, err := matchExam(&p, ref)
		if err != nil {
			return err
		}
		code = e.Code
	}
	var kind tracker.AttemptKind
	if c.flagSet("kind") {
		if kind, err = tracker.ParseAttemptKind(o.kind); err != nil {
			return usageError{err.Error()}
		}
	}
	out := []attemptJSON{}
	for i := len(p.Attempts) - 1; i >= 0; i-- {
		if a := &p.Attempts[i]; (code == "" || a.Exam == code) && (kind == "" || a.Kind == kind) {
			out = append(out, attemptToJSON(&p, a))
		}
	}
	if o.asJSON {
		return writeJSON(c, out)
	}
	if len(out) == 0 {
		if len(p.Attempts) > 0 {
			c.out("No attempts match: %s exam list shows them all\n", c.corepath())
			return nil
		}
		c.out("No attempts yet: %s exam add SPCOR --kind practice --score 78 --max 100 --domain 2.0=70\n", c.corepath())
		return nil
	}
	for i := range out {
		c.out("%-4s %s\n", out[i].ID, attemptLine(&p, &out[i].Attempt))
	}
	return nil
}

func printAttempt(c *ctx, p *tracker.Plan, a *tracker.Attempt) {
	c.out("%s  %s\n", a.ID, attemptLine(p, a))
	for _, line := range p.AttemptReport(a) {
		c.out("  %s\n", line)
	}
}

// passHint points at the milestone that a real pass completes, when it is not marked done: the
// rules count from the attempt either way, the milestone list shows the step.
func passHint(c *ctx, p *tracker.Plan, a *tracker.Attempt) {
	if a.Kind != tracker.AttemptExam || a.Result != tracker.Pass {
		return
	}
	r := p.Rules()
	id := map[string]string{r.QualifyingExam: r.Milestones.Qualifying, r.LabExam: r.Milestones.Achieved}[a.Exam]
	if m, ok := p.Milestone(id); ok && m.Status != tracker.Done {
		c.out("The windows count from this pass. To show it on the path too: %s milestone done %s --done-on %s\n", c.corepath(), m.ID, a.Date)
	}
}
