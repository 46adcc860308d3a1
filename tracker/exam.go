package tracker

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Exam levels, which the recertification options count.
const (
	LevelAssociate     = "associate"
	LevelCore          = "core"
	LevelConcentration = "concentration"
	LevelLab           = "lab"
	// LevelExpertWritten is an expert-level written exam (the CCDE written): one pass
	// recertifies a CCIE.
	LevelExpertWritten = "expert-written"
)

// ExamLevel is the exam's level; stores seeded before exams had levels know the qualifying exam
// and the lab by the rules.
func (p *Plan) ExamLevel(e *Exam) string {
	r := p.Rules()
	switch {
	case e.Level != "":
		return e.Level
	case e.Code == r.QualifyingExam:
		return LevelCore
	case e.Code == r.LabExam:
		return LevelLab
	}
	return ""
}

// AttemptKind says whether an attempt was the real exam or practice for it.
type AttemptKind string

const (
	AttemptExam     AttemptKind = "exam"     // sat at Cisco, with a result
	AttemptPractice AttemptKind = "practice" // a practice exam from a vendor or a book
	AttemptMockLab  AttemptKind = "mock-lab" // a timed mock lab, scored per task
)

// AttemptKinds lists the kinds in display order.
var AttemptKinds = []AttemptKind{AttemptExam, AttemptPractice, AttemptMockLab}

// ParseAttemptKind accepts a kind in any case, with a space or underscore for the hyphen.
func ParseAttemptKind(s string) (AttemptKind, error) {
	norm := hyphens.Replace(strings.ToLower(strings.TrimSpace(s)))
	if norm == string(KindPracticeExam) {
		return AttemptPractice, nil // a session's kind for it, which people carry over
	}
	for _, k := range AttemptKinds {
		if norm == string(k) {
			return k, nil
		}
	}
	return "", Errorf(Invalid, "unknown attempt kind %q: use exam, practice or mock-lab", s)
}

// Result is a real attempt's outcome.
type Result string

const (
	Pass Result = "pass"
	Fail Result = "fail"
)

// ParseResult accepts pass or fail in any case.
func ParseResult(s string) (Result, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "pass", "passed":
		return Pass, nil
	case "fail", "failed":
		return Fail, nil
	}
	return "", Errorf(Invalid, "unknown result %q: use pass or fail", s)
}

// Attempt is one sitting of an exam, real or practice, with its score report.
type Attempt struct {
	ID     string      `json:"id"`
	Exam   string      `json:"exam"` // an Exam's Code
	Kind   AttemptKind `json:"kind"`
	Date   Date        `json:"date"`
	Result Result      `json:"result,omitempty"` // for real exams
	// Score is the overall score out of ScoreMax (Cisco's scaled 1000, or 100 for a percentage);
	// 0 with ScoreMax 0 when none was given, as for the lab.
	Score    float64 `json:"score,omitempty"`
	ScoreMax float64 `json:"score_max,omitempty"`
	// Domains are the score report's percentages per blueprint domain.
	Domains []DomainScore `json:"domains,omitempty"`
	// Modules are the lab's modules (Design; Deploy, Operate and Optimize) with their results.
	Modules []ModuleResult `json:"modules,omitempty"`
	// Tasks are a mock lab's tasks with their scores and the time each took.
	Tasks     []TaskScore `json:"tasks,omitempty"`
	Source    string      `json:"source,omitempty"` // the vendor or workbook of a practice exam
	SessionID string      `json:"session_id,omitempty"`
	Note      string      `json:"note,omitempty"`
	// FeeUSD is what a real exam's sitting cost: the fee when it was recorded, or what the
	// person paid (a voucher, a discount). Nil for one recorded before Corepath kept it, which
	// costs the sitting fee in force (Plan.SittingFee), so a fee changed later does not rewrite it.
	FeeUSD *float64 `json:"fee_usd,omitempty"`
}

// DomainScore is the share of a blueprint domain's points earned, in percent.
type DomainScore struct {
	Domain  string  `json:"domain"` // a Domain's ID
	Percent float64 `json:"percent"`
}

// ModuleResult is one module of a lab attempt.
type ModuleResult struct {
	Module  string  `json:"module"`
	Result  Result  `json:"result,omitempty"`
	Percent float64 `json:"percent,omitempty"`
}

// TaskScore is one task of a mock lab.
type TaskScore struct {
	Task    string  `json:"task"`
	Domain  string  `json:"domain,omitempty"`
	Percent float64 `json:"percent"`
	Minutes int     `json:"minutes,omitempty"`
}

// LabModules are the CCIE lab's two modules, in order.
var LabModules = []string{"Design", "Deploy, Operate and Optimize"}

// ScoreText says the overall score as it was given: a scaled score out of its maximum
// ("790/1000", which is no percentage: Cisco scales it), a percentage, or the domains' mean in
// percent; "" when the attempt has none.
func (a *Attempt) ScoreText(e *Exam) string {
	switch {
	case a.ScoreMax == 100:
		return strconv.FormatFloat(a.Score, 'f', -1, 64) + "%"
	case a.ScoreMax > 0:
		return strconv.FormatFloat(a.Score, 'f', -1, 64) + "/" + strconv.FormatFloat(a.ScoreMax, 'f', -1, 64)
	}
	if pct, ok := a.Percent(e); ok {
		return strconv.FormatFloat(math.Round(pct), 'f', -1, 64) + "%"
	}
	return ""
}

// Percent is the overall score in percent: the score over its maximum, else a mock lab's mean of
// its tasks, else the domains' blueprint-weighted mean; ok is false when the attempt has none.
func (a *Attempt) Percent(e *Exam) (float64, bool) {
	if a.ScoreMax > 0 {
		return 100 * a.Score / a.ScoreMax, true
	}
	if e == nil {
		return 0, false
	}
	if len(a.Domains) == 0 && len(a.Tasks) > 0 {
		// A mock lab scored by tasks: the mean of every task, those tied to no domain too (the
		// domains' readiness weighs the tasks that have one).
		var sum float64
		for _, t := range a.Tasks {
			sum += t.Percent
		}
		return sum / float64(len(a.Tasks)), true
	}
	var sum, weights float64
	for _, d := range a.domainPercents() {
		for _, bd := range e.Domains {
			if bd.ID == d.Domain {
				sum += d.Percent * bd.Weight
				weights += bd.Weight
			}
		}
	}
	if weights == 0 {
		return 0, false
	}
	return sum / weights, true
}

// domainPercents are the attempt's scores per domain: the report's, or for a mock lab the mean of
// its tasks per domain.
func (a *Attempt) domainPercents() []DomainScore {
	if len(a.Domains) > 0 || len(a.Tasks) == 0 {
		return a.Domains
	}
	sums, counts := map[string]float64{}, map[string]int{}
	var order []string
	for _, t := range a.Tasks {
		if t.Domain == "" {
			continue
		}
		if counts[t.Domain] == 0 {
			order = append(order, t.Domain)
		}
		sums[t.Domain] += t.Percent
		counts[t.Domain]++
	}
	out := make([]DomainScore, len(order))
	for i, d := range order {
		out[i] = DomainScore{Domain: d, Percent: sums[d] / float64(counts[d])}
	}
	return out
}

// maxAttemptText bounds the free-text fields of attempts and credits.
const maxAttemptText = 2000

// ValidateAttempt checks an attempt against the plan it is about to join (its exams, sessions
// are not checked here) and today: a real lab attempt must fall inside a lab window.
func ValidateAttempt(a *Attempt, p *Plan, now time.Time) error {
	e, ok := p.Exam(a.Exam)
	if !ok {
		codes := make([]string, len(p.Exams))
		for i, x := range p.Exams {
			codes[i] = x.Code
		}
		return Errorf(NotFound, "exam %q is not in the plan: use one of %s", a.Exam, strings.Join(codes, ", "))
	}
	if _, err := ParseAttemptKind(string(a.Kind)); err != nil {
		return err
	}
	if a.Date == "" {
		return Errorf(Invalid, "an attempt needs its date, YYYY-MM-DD")
	}
	if _, err := ParseDate(string(a.Date)); err != nil {
		return err
	}
	if today := DateOf(now); a.Date > today {
		return Errorf(Invalid, "the attempt on %s is after today (%s): record attempts once they are sat", a.Date, today)
	}
	if a.Kind == AttemptMockLab && p.ExamLevel(e) != LevelLab {
		return Errorf(Invalid, "a mock lab practises a CCIE lab, and %s is a written exam: record a practice exam for it instead", e.Code)
	}
	switch {
	case a.Kind == AttemptExam && a.Result == "":
		return Errorf(Invalid, "a real exam attempt needs its result: pass or fail")
	case a.Kind != AttemptExam && a.Result != "":
		return Errorf(Invalid, "only a real exam has a pass or fail result; a %s has scores", a.Kind)
	case a.Result != "" && a.Result != Pass && a.Result != Fail:
		return Errorf(Invalid, "unknown result %q: use pass or fail", a.Result)
	}
	if a.Kind != AttemptExam && a.ScoreMax == 0 && len(a.Domains) == 0 && len(a.Tasks) == 0 && len(a.Modules) == 0 {
		name := map[AttemptKind]string{AttemptPractice: "practice exam", AttemptMockLab: "mock lab"}[a.Kind]
		return Errorf(Invalid, "a %s with no score records nothing: give its overall score and what it is out of, a score for one or more blueprint domains, or the score of each task", name)
	}
	if !finite(a.Score) || !finite(a.ScoreMax) || a.Score < 0 || a.ScoreMax < 0 || a.ScoreMax > 10000 || a.Score > a.ScoreMax {
		return Errorf(Invalid, "the score must be between 0 and its maximum (1000 for Cisco's scaled score, 100 for a percentage)")
	}
	seen := map[string]bool{}
	for _, d := range a.Domains {
		if !slices.ContainsFunc(e.Domains, func(bd Domain) bool { return bd.ID == d.Domain }) {
			return Errorf(NotFound, "%s has no domain %q: use %s", e.Code, d.Domain, domainList(e))
		}
		if seen[d.Domain] {
			return Errorf(Invalid, "domain %s is given twice", d.Domain)
		}
		seen[d.Domain] = true
		if err := validPercent("domain "+d.Domain, d.Percent); err != nil {
			return err
		}
	}
	for _, m := range a.Modules {
		if !slices.Contains(LabModules, m.Module) || p.ExamLevel(e) != LevelLab {
			return Errorf(Invalid, "module %q is not a lab module: use %q or %q, on the lab only", m.Module, LabModules[0], LabModules[1])
		}
		if m.Result != "" && m.Result != Pass && m.Result != Fail {
			return Errorf(Invalid, "unknown result %q for module %s: use pass or fail", m.Result, m.Module)
		}
		if err := validPercent("module "+m.Module, m.Percent); err != nil {
			return err
		}
	}
	for _, t := range a.Tasks {
		if strings.TrimSpace(t.Task) == "" {
			return Errorf(Invalid, "every mock-lab task needs a name")
		}
		if err := validText("task name", t.Task, false); err != nil {
			return err
		}
		if t.Domain != "" && !slices.ContainsFunc(e.Domains, func(bd Domain) bool { return bd.ID == t.Domain }) {
			return Errorf(NotFound, "task %q: %s has no domain %q", t.Task, e.Code, t.Domain)
		}
		if err := validPercent("task "+t.Task, t.Percent); err != nil {
			return err
		}
		if t.Minutes < 0 || t.Minutes > 24*60 {
			return Errorf(Invalid, "task %q took %d minutes: give 0 to 1440", t.Task, t.Minutes)
		}
	}
	if a.FeeUSD != nil {
		switch fee := *a.FeeUSD; {
		case a.Kind != AttemptExam:
			return Errorf(Invalid, "only a real exam has a sitting fee, not a %s", a.Kind)
		case !finite(fee) || fee < 0 || fee > maxExamPrice:
			return Errorf(Invalid, "a sitting's fee is 0 to %d US dollars, not %g", maxExamPrice, fee)
		case !wholeCents(fee):
			return Errorf(Invalid, "%g has a fraction of a cent: give the fee in dollars and cents, like 450 or 59.99", fee)
		}
	}
	if len(a.Source) > maxAttemptText || len(a.Note) > maxAttemptText {
		return Errorf(Invalid, "the source and the note are limited to %d characters each", maxAttemptText)
	}
	for _, f := range []struct {
		what, text string
		multiline  bool
	}{{"attempt's source", a.Source, false}, {"attempt's note", a.Note, true}, {"attempt's session id", a.SessionID, false}} {
		if err := validText(f.what, f.text, f.multiline); err != nil {
			return err
		}
	}
	r := p.Rules()
	if a.Kind == AttemptExam && a.Exam == r.LabExam {
		sim := *p
		sim.Attempts = slices.DeleteFunc(slices.Clone(p.Attempts), func(o Attempt) bool { return o.ID == a.ID })
		if err := sim.CheckLabDate(&r, a.Date); err != nil {
			return err
		}
	}
	return nil
}

func validPercent(what string, v float64) error {
	if !finite(v) || v < 0 || v > 100 {
		return Errorf(Invalid, "%s: a score of %g is outside 0 to 100 percent", what, v)
	}
	return nil
}

func domainList(e *Exam) string {
	ids := make([]string, len(e.Domains))
	for i, d := range e.Domains {
		ids[i] = d.ID + " " + d.Name
	}
	return strings.Join(ids, ", ")
}

// Attempt returns the attempt with the given id.
func (p *Plan) Attempt(id string) (*Attempt, bool) {
	return withID(p.Attempts, id, func(x *Attempt) string { return x.ID })
}

// RetakeAfter is the earliest day the lab may be sat again after the failures since its last
// pass, by the lab's retake rule (unconfirmed: see CertRules.RetakeWaits); "" when there is no
// wait, and for other exams, whose waits the sources do not give.
func (p *Plan) RetakeAfter(exam string) Date { return p.retakeAfter(exam, "") }

// retakeAfter is RetakeAfter counting the attempts up to the day until ("" for all): after a
// given failure, the wait that failure started.
func (p *Plan) retakeAfter(exam string, until Date) Date {
	r := p.Rules()
	if exam != r.LabExam {
		return ""
	}
	var fails []Date
	for _, a := range p.Attempts {
		if a.Exam == exam && a.Kind == AttemptExam && (until == "" || a.Date <= until) {
			if a.Result == Pass {
				fails = nil
			} else {
				fails = append(fails, a.Date)
			}
		}
	}
	if len(fails) == 0 || len(r.RetakeWaits.Days) == 0 {
		return ""
	}
	slices.Sort(fails)
	wait := r.RetakeWaits.Days[min(len(fails), len(r.RetakeWaits.Days))-1]
	t, _ := fails[len(fails)-1].Time()
	return DateOf(t.AddDate(0, 0, wait))
}

// maxExamPrice bounds an exam's fee in US dollars: Cisco's dearest, the lab, costs 1,600.
const maxExamPrice = 100_000

// Weights are the exam's blueprint weights by domain ID, as EditExam takes them.
func (e *Exam) Weights() map[string]float64 {
	w := make(map[string]float64, len(e.Domains))
	for _, d := range e.Domains {
		w[d.ID] = d.Weight
	}
	return w
}

// EditExam changes an exam's reported figures when Cisco changes them: its price, when price is
// set, and the weights of the domains named in weights (by ID), which must then still add up to
// 100. The exam is marked edited on today. Nothing changes when an error is returned.
func EditExam(e *Exam, price *float64, weights map[string]float64, today Date) error {
	next := *e
	if price != nil {
		if !finite(*price) || *price < 0 || *price > maxExamPrice {
			return Errorf(Invalid, "an exam's price is 0 to %d US dollars, not %g", maxExamPrice, *price)
		}
		if !wholeCents(*price) {
			return Errorf(Invalid, "%g has a fraction of a cent: give the price in dollars and cents, like 450 or 59.99", *price)
		}
		next.PriceUSD = *price
	}
	if len(weights) > 0 && len(e.Domains) == 0 {
		return Errorf(Invalid, "%s has no blueprint weights in Corepath: only its price can change", e.Code)
	}
	if len(weights) > 0 {
		next.Domains = slices.Clone(e.Domains)
		var ids []string
		for _, d := range e.Domains {
			ids = append(ids, d.ID)
		}
		for id, w := range weights {
			i := slices.IndexFunc(next.Domains, func(d Domain) bool { return d.ID == id })
			if i < 0 {
				return Errorf(Invalid, "%s has no domain %s: its domains are %s", e.Code, id, strings.Join(ids, ", "))
			}
			if !finite(w) || w < 0 || w > 100 {
				return Errorf(Invalid, "the weight of %s %s is 0 to 100 percent, not %g", e.Code, id, w)
			}
			next.Domains[i].Weight = w
		}
		sum := 0.0
		for _, d := range next.Domains {
			sum += d.Weight
		}
		if math.Abs(sum-100) > 0.05 {
			var parts []string
			for _, d := range next.Domains {
				parts = append(parts, fmt.Sprintf("%s %g%%", d.ID, d.Weight))
			}
			return Errorf(Invalid, "the weights of %s would add up to %g%% (%s): they must add up to 100", e.Code, math.Round(sum*100)/100, strings.Join(parts, ", "))
		}
	}
	if next.PriceUSD != e.PriceUSD || !slices.Equal(next.Domains, e.Domains) || today == "" {
		next.Edited = today // figures that did not change are not marked as the person's
	}
	*e = next
	return nil
}

// AttemptNotes are what a saved real attempt seems to contradict in the record, said so that a
// wrong date or result is caught; the attempt is kept either way, since the rules behind them
// are not confirmed. They name: a lab sat inside the retake wait after the failures before it,
// a lab passed with a module failed, and another real attempt at the exam on the same day.
func (p *Plan) AttemptNotes(a *Attempt) []string {
	if a.Kind != AttemptExam {
		return nil
	}
	e, ok := p.Exam(a.Exam)
	if !ok {
		return nil
	}
	var notes []string
	r := p.Rules()
	var fails []Date
	for _, o := range p.Attempts {
		switch {
		case o.ID == a.ID || o.Exam != a.Exam || o.Kind != AttemptExam:
		case o.Date == a.Date:
			notes = append(notes, fmt.Sprintf("another attempt at %s is recorded on %s (%s): if it is the same sitting, remove one", e.Acronym, a.Date, o.ID))
		case o.Date < a.Date && o.Result == Pass:
			fails = nil
		case o.Date < a.Date:
			fails = append(fails, o.Date)
		}
	}
	if p.ExamLevel(e) == LevelLab && len(fails) > 0 && len(r.RetakeWaits.Days) > 0 {
		slices.Sort(fails)
		last, _ := fails[len(fails)-1].Time()
		wait := r.RetakeWaits.Days[min(len(fails), len(r.RetakeWaits.Days))-1]
		if day, _ := a.Date.Time(); day.Before(last.AddDate(0, 0, wait)) {
			notes = append(notes, fmt.Sprintf("it is %s after the failed lab of %s, inside the %d-day wait of the retake rule%s, which is not confirmed: check its date",
				CountOf(int(day.Sub(last).Hours()/24+0.5), "day", "days"), fails[len(fails)-1], wait, r.RetakeWaits.Reported()))
		}
	}
	if a.Result == Pass {
		for _, m := range a.Modules {
			if m.Result == Fail {
				notes = append(notes, fmt.Sprintf("it is a pass with its %s module failed: check the result and the modules against the score report", m.Module))
			}
		}
	}
	return notes
}

// CreditState is where a continuing-education activity stands.
type CreditState string

const (
	CreditPlanned   CreditState = "planned"
	CreditCompleted CreditState = "completed"
	CreditSubmitted CreditState = "submitted"
	CreditApproved  CreditState = "approved"
)

// CreditStates lists the states in order.
var CreditStates = []CreditState{CreditPlanned, CreditCompleted, CreditSubmitted, CreditApproved}

// ParseCreditState accepts a state in any case.
func ParseCreditState(s string) (CreditState, error) {
	norm := strings.ToLower(strings.TrimSpace(s))
	for _, st := range CreditStates {
		if norm == string(st) {
			return st, nil
		}
	}
	return "", Errorf(Invalid, "unknown state %q: use planned, completed, submitted or approved", s)
}

// Credit is a continuing-education activity and the CE credits it earns.
type Credit struct {
	ID       string      `json:"id"`
	Activity string      `json:"activity"`
	Provider string      `json:"provider,omitempty"`
	Date     Date        `json:"date"` // when it was (or is planned to be) completed
	Credits  float64     `json:"credits"`
	State    CreditState `json:"state"`
	Evidence string      `json:"evidence,omitempty"` // a link or a file path
}

// Earned reports whether the credits count: the activity is done, whatever Cisco's review says.
func (c *Credit) Earned() bool { return c.State != CreditPlanned }

// ValidateCredit checks a CE activity before it is stored.
func ValidateCredit(c *Credit, now time.Time) error {
	if err := validName("activity", c.Activity); err != nil {
		return err
	}
	if _, err := ParseCreditState(string(c.State)); err != nil {
		return err
	}
	if c.Date == "" {
		return Errorf(Invalid, "a CE activity needs its date, YYYY-MM-DD")
	}
	if _, err := ParseDate(string(c.Date)); err != nil {
		return err
	}
	if today := DateOf(now); c.State != CreditPlanned && c.Date > today {
		return Errorf(Invalid, "a %s activity cannot be dated %s, after today (%s): plan it instead, or give the day it was done", c.State, c.Date, today)
	}
	if !finite(c.Credits) || c.Credits <= 0 || c.Credits > 200 {
		return Errorf(Invalid, "CE credits must be above 0 and at most 200, not %g", c.Credits)
	}
	if len(c.Provider) > maxAttemptText || len(c.Evidence) > maxAttemptText {
		return Errorf(Invalid, "the provider and the evidence are limited to %d characters each", maxAttemptText)
	}
	return nil
}

// Credit returns the CE activity with the given id.
func (p *Plan) Credit(id string) (*Credit, bool) {
	return withID(p.Credits, id, func(x *Credit) string { return x.ID })
}

// recertItem is a dated thing that counts towards recertification.
type recertItem struct {
	date    Date
	credits float64
	level   string // an exam level, "" for credits
	planned bool
}

// recertItems lists what counts after from: earned credits and passed exams, planned credits
// flagged, oldest first.
func (p *Plan) recertItems(from Date) []recertItem {
	var out []recertItem
	for _, c := range p.Credits {
		if c.Date > from {
			out = append(out, recertItem{date: c.Date, credits: c.Credits, planned: !c.Earned()})
		}
	}
	for _, a := range p.Attempts {
		if a.Kind == AttemptExam && a.Result == Pass && a.Date > from {
			if e, ok := p.Exam(a.Exam); ok && p.ExamLevel(e) != "" {
				out = append(out, recertItem{date: a.Date, level: p.ExamLevel(e)})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b recertItem) int { return strings.Compare(string(a.date), string(b.date)) })
	return out
}

// tally is what items add up to.
type tally struct {
	credits, plannedCredits float64
	core, conc, labs        int
	written                 int // expert-level written exams
}

func (t *tally) add(it recertItem) {
	switch {
	case it.planned:
		t.plannedCredits += it.credits
	case it.level == LevelCore:
		t.core++
	case it.level == LevelConcentration:
		t.conc++
	case it.level == LevelLab:
		t.labs++
	case it.level == LevelExpertWritten:
		t.written++
	default:
		t.credits += it.credits
	}
}

func (o *RecertOption) met(t tally) bool {
	return t.credits >= o.CECredits && t.core >= o.Core && t.conc >= o.Concentrations && t.labs >= o.Labs &&
		t.written >= o.ExpertWritten
}

// firstMet is the day the earliest option is met by items after from, or "".
func (r *CertRules) firstMet(items []recertItem) (Date, string) {
	var t tally
	for _, it := range items {
		if it.planned {
			continue
		}
		t.add(it)
		for i := range r.Options {
			if r.Options[i].met(t) {
				return it.date, r.Options[i].Name
			}
		}
	}
	return "", ""
}

// RecertProgress is how far one recertification option is in the current cycle.
type RecertProgress struct {
	Option         RecertOption `json:"option"`
	Credits        float64      `json:"ce_credits_earned"`
	PlannedCredits float64      `json:"ce_credits_planned"`
	Exams          int          `json:"exams_passed"` // of the exams the option counts
	Remaining      []string     `json:"remaining"`
	Done           bool         `json:"done"`
	// FeesUSD are the exam fees still to pay, at the plan's reported prices; CE activities'
	// fees are not known to Corepath.
	FeesUSD float64 `json:"fees_usd"`
	// Share is how much of the option is done, 0 to 1, each exam weighed as the credits it
	// stands for in Cisco's table of 120 credits (S10): a core exam as 80 (40 credits and one
	// make 120), a concentration exam as 40 (80 and one), a lab as all 120.
	Share float64 `json:"share"`
}

// Recert is the recertification outlook: every option with what is done and remains in the
// cycle that ends on Deadline, and the nearest to done and the cheapest.
type Recert struct {
	CycleFrom Date `json:"cycle_from"`
	// RenewedBy is what met the requirements on CycleFrom ("120 CE credits", "milestone M12"),
	// "" when the cycle is the first, from the passed lab.
	RenewedBy string `json:"renewed_by,omitempty"`
	Achieved  Date   `json:"achieved"` // the passed lab the CCIE counts from
	Deadline  Date   `json:"deadline"`
	// Ended: the deadline has passed with no option met, so the CCIE is no longer active.
	// Cisco removed the suspended status (S11): no option renews it then.
	Ended    bool             `json:"ended,omitempty"`
	Options  []RecertProgress `json:"options"`
	Nearest  string           `json:"nearest,omitempty"`  // an option's ID
	Cheapest string           `json:"cheapest,omitempty"` // an option's ID
}

// Began says how the cycle began: "2026-12-04, when 120 CE credits renewed the CCIE", or
// "2026-09-01, with the passed lab".
func (rc *Recert) Began() string {
	if rc.RenewedBy != "" {
		return fmt.Sprintf("%s, when %s renewed the CCIE", rc.CycleFrom, rc.RenewedBy)
	}
	return fmt.Sprintf("%s, with the passed lab", rc.CycleFrom)
}

// Outside says why a CE activity dated on or before the cycle's first day does not count in it:
// it came before the CCIE, or it counted toward an earlier cycle; "" for one that counts.
func (rc *Recert) Outside(c *Credit) string {
	switch {
	case c.Date > rc.CycleFrom:
		return ""
	case c.Date <= rc.Achieved:
		return fmt.Sprintf("dated on or before %s, when the CCIE was achieved: it counts toward no cycle", rc.Achieved)
	}
	return fmt.Sprintf("before this cycle, which the renewal of %s began: it counted toward an earlier one", rc.CycleFrom)
}

// EndedLine says that the CCIE ended on the deadline and why no option renews it now.
func (rc *Recert) EndedLine(today Date) string {
	ago := ""
	if now, ok := today.Time(); ok {
		if days, ok := rc.Deadline.DaysUntil(now); ok && days < 0 {
			ago = fmt.Sprintf(" (%s ago)", CountOf(-days, "day", "days"))
		}
	}
	return fmt.Sprintf("The CCIE ended on %s%s, with no recertification option met by then. Cisco removed the suspended status (S11), so no option renews it now: it is earned again through its exams (check Cisco's current policy).", rc.Deadline, ago)
}

// examPrice is the reported fee of the plan's cheapest exam of a level, for planning.
func (p *Plan) examPrice(level string) float64 {
	price := math.Inf(1)
	for i := range p.Exams {
		if e := &p.Exams[i]; p.ExamLevel(e) == level && e.PriceUSD > 0 {
			price = math.Min(price, e.PriceUSD)
		}
	}
	if math.IsInf(price, 1) {
		return 0
	}
	return price
}

// How many CE credits an exam weighs as in an option's Share, Corepath's own measure (Cisco
// gives none): with 40 credits a core exam renews as 120 credits do, so it weighs 80; with 80,
// a concentration exam does, so it weighs 40; a lab or an expert-level written exam renews
// alone, as 120 credits do.
const (
	coreExamCredits          = 80
	concentrationExamCredits = 40
	expertExamCredits        = 120
)

// ShareNote says how an option's share done is measured, for the lists that show it.
func ShareNote() string {
	return fmt.Sprintf("Done is the share of an option's CE credits earned, each exam counted as the credits it stands in for (a core exam %d, a concentration exam %d, a CCIE lab or an expert-level written exam %d: Corepath's measure, not Cisco's); the nearest has the largest share.",
		coreExamCredits, concentrationExamCredits, expertExamCredits)
}

// RecertOutlook measures each option in the current cycle; ok is false before the CCIE.
func (p *Plan) RecertOutlook(s *CertState) (Recert, bool) {
	if s.Achieved == nil {
		return Recert{}, false
	}
	r := p.Rules()
	out := Recert{CycleFrom: s.Achieved.Date, Achieved: s.Achieved.Date, Deadline: s.ActiveUntil, Ended: s.Today > s.ActiveUntil}
	if n := len(s.Recertified); n > 0 {
		out.CycleFrom, out.RenewedBy = s.Recertified[n-1].Date, s.Recertified[n-1].From
	}
	var t tally
	for _, it := range p.recertItems(out.CycleFrom) {
		t.add(it)
	}
	bestShare, nearestFee, bestFee := -1.0, 0.0, math.Inf(1) // ties: the nearest with lower fees, the cheapest nearer
	for _, o := range r.Options {
		rp := RecertProgress{Option: o, Credits: math.Min(t.credits, o.CECredits), PlannedCredits: t.plannedCredits, Remaining: []string{}}
		priced := true // every exam it still needs has a fee in the plan: else it cannot be the cheapest
		need, have := o.CECredits, math.Min(t.credits, o.CECredits)
		if left := o.CECredits - t.credits; left > 0 {
			rp.Remaining = append(rp.Remaining, fmt.Sprintf("%g CE credits", left))
		}
		for _, ex := range []struct {
			level      string
			want, have int
			credits    float64 // as Share weighs it
			one, many  string
		}{{LevelCore, o.Core, t.core, coreExamCredits, "core exam", "core exams"}, {LevelConcentration, o.Concentrations, t.conc, concentrationExamCredits, "concentration exam", "concentration exams"},
			{LevelLab, o.Labs, t.labs, expertExamCredits, "CCIE lab", "CCIE labs"},
			{LevelExpertWritten, o.ExpertWritten, t.written, expertExamCredits, "expert-level written exam", "expert-level written exams"}} {
			got := min(ex.have, ex.want)
			rp.Exams += got
			need += ex.credits * float64(ex.want)
			have += ex.credits * float64(got)
			if left := ex.want - got; left > 0 {
				rp.Remaining = append(rp.Remaining, CountOf(left, ex.one, ex.many))
				price := p.examPrice(ex.level)
				rp.FeesUSD = addUSD(rp.FeesUSD, left, price)
				priced = priced && price > 0
			}
		}
		rp.Done = o.met(t)
		if need > 0 {
			rp.Share = have / need
		}
		if rp.Share > bestShare || (rp.Share == bestShare && rp.FeesUSD < nearestFee) {
			bestShare, nearestFee, out.Nearest = rp.Share, rp.FeesUSD, o.ID
		}
		if priced && (rp.FeesUSD < bestFee || (rp.FeesUSD == bestFee && rp.Share > optionShare(out.Options, out.Cheapest))) {
			bestFee, out.Cheapest = rp.FeesUSD, o.ID
		}
		out.Options = append(out.Options, rp)
	}
	return out, true
}

func optionShare(ps []RecertProgress, id string) float64 {
	for _, p := range ps {
		if p.Option.ID == id {
			return p.Share
		}
	}
	return -1
}

// AttemptReport is an attempt's score report in lines of text: each domain's score beside its
// blueprint weight, the lab's modules, a mock lab's tasks, the session, the note, and after a
// failed lab the day a retake may be sat by the (unconfirmed) rule.
func (p *Plan) AttemptReport(a *Attempt) []string {
	var out []string
	e, _ := p.Exam(a.Exam)
	if e != nil && len(a.Domains) > 0 {
		reported := ""
		if e.Uncertain {
			reported = ", reported " + e.Gathered
		}
		out = append(out, "Domains (score, blueprint weight"+reported+"):")
		for _, d := range a.Domains {
			name, weight := d.Domain, 0.0
			for _, bd := range e.Domains {
				if bd.ID == d.Domain {
					name, weight = bd.ID+" "+bd.Name, bd.Weight
				}
			}
			out = append(out, fmt.Sprintf("  %-44s %5.0f%%  weight %g%%", name, d.Percent, weight))
		}
	}
	for _, m := range a.Modules {
		line := fmt.Sprintf("Module %s: %s", m.Module, m.Result)
		if m.Percent > 0 {
			line += fmt.Sprintf(" (%.0f%%)", math.Round(m.Percent))
		}
		out = append(out, line)
	}
	for _, t := range a.Tasks {
		line := fmt.Sprintf("Task %-36s %5.0f%%", t.Task, t.Percent)
		if t.Minutes > 0 {
			line += "  " + FormatDuration(time.Duration(t.Minutes)*time.Minute)
		}
		if t.Domain != "" {
			line += "  domain " + t.Domain
		}
		out = append(out, line)
	}
	if a.SessionID != "" {
		out = append(out, "Session "+a.SessionID)
	}
	if a.Note != "" {
		out = append(out, "Note: "+a.Note)
	}
	if after := p.retakeAfter(a.Exam, a.Date); after != "" && a.Result == Fail {
		out = append(out, p.RetakeLine(after)+": check with Cisco")
	}
	return out
}

// RetakeLine says from when the lab may be sat again, by the unconfirmed retake rule, and when
// that day falls after the lab eligibility window closes, what that means.
func (p *Plan) RetakeLine(after Date) string {
	r := p.Rules()
	line := fmt.Sprintf("Retake from %s by the retake rule%s, which is not confirmed", after, r.RetakeWaits.Reported())
	if t, ok := after.Time(); ok {
		if s := p.Cert(t); s.EligibleUntil != "" && after > s.EligibleUntil && s.Achieved == nil {
			line += fmt.Sprintf("; that is after the lab eligibility window closes on %s, so %s must be passed again first", s.EligibleUntil, r.QualifyingExam)
		}
	}
	return line
}
