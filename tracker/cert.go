package tracker

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Rule is one of Cisco's certification rules as Corepath applies it, kept as data with where it
// comes from, so that a person can check it and change it when Cisco does.
type Rule struct {
	Years int `json:"years,omitempty"`
	// Days are waits in days, for the retake rule: after the first failure, the second, the
	// third and later.
	Days       []int    `json:"days,omitempty"`
	Text       string   `json:"text"`
	Sources    []string `json:"sources"` // ids of ../shared/domain/reference.json's sources
	Confidence string   `json:"confidence"`
	Gathered   string   `json:"gathered"`         // the month the rule was read, YYYY-MM
	Edited     Date     `json:"edited,omitempty"` // the day a person changed it from the sources' value
}

// Confidence levels of a rule: only a high one is shown without "reported".
const (
	ConfidenceHigh        = "high"
	ConfidenceMedium      = "medium"
	ConfidenceLow         = "low"
	ConfidenceUnconfirmed = "unconfirmed"
)

var confidences = []string{ConfidenceHigh, ConfidenceMedium, ConfidenceLow, ConfidenceUnconfirmed}

// Uncertain reports whether the rule is not confirmed at an official source.
func (r Rule) Uncertain() bool { return r.Confidence != ConfidenceHigh }

// Reported is "" for a confirmed rule and " (reported 2026-11)" otherwise, for text output.
func (r Rule) Reported() string {
	if !r.Uncertain() {
		return ""
	}
	return " (reported " + r.Gathered + ")"
}

func (r Rule) reportedMonth() string {
	if !r.Uncertain() {
		return ""
	}
	return r.Gathered
}

// CertMilestones names the plan's milestones that the rules read: the qualifying exam, the lab
// booking, the lab, the CCIE achieved and the recertification.
type CertMilestones struct {
	Qualifying string `json:"qualifying"`
	Booking    string `json:"booking"`
	Lab        string `json:"lab"`
	Achieved   string `json:"achieved"`
	Recertify  string `json:"recertify"`
}

// CertRules are the rules of the CCIE path. A store without its own uses DefaultCertRules;
// `corepath rules` (and the Exams screen) edit them.
type CertRules struct {
	QualifyingExam string         `json:"qualifying_exam"` // an Exam's Code
	LabExam        string         `json:"lab_exam"`
	Milestones     CertMilestones `json:"milestones"`
	// LabEligibility runs from the latest passed qualifying exam; the lab must be sat inside it.
	LabEligibility Rule `json:"lab_eligibility"`
	// Validity runs from the passed lab: the CCIE is active that long.
	Validity Rule `json:"validity"`
	// Recertification runs from the day the requirements are met, whenever that is.
	Recertification Rule `json:"recertification"`
	// RetakeWaits are the waits between lab attempts after a failure, in Days: RetakeWaitSteps
	// of them, after the first failure, the second, and the third and later.
	RetakeWaits Rule           `json:"retake_waits"`
	Options     []RecertOption `json:"recert_options"`
	// ReadyPercent is the readiness at or above which, over the recent attempts, an exam is
	// ready to book.
	ReadyPercent float64 `json:"ready_percent"`
}

// RecertOption is one way to recertify: CE credits and passed exams, counted since the cycle
// began (the CCIE or its last recertification).
type RecertOption struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	CECredits      float64  `json:"ce_credits,omitempty"`
	Core           int      `json:"core_exams,omitempty"`           // technology core exams, like 350-501
	Concentrations int      `json:"concentration_exams,omitempty"`  // professional concentration exams
	Labs           int      `json:"lab_exams,omitempty"`            // any CCIE lab
	ExpertWritten  int      `json:"expert_written_exams,omitempty"` // expert-level written exams, like the CCDE written
	Sources        []string `json:"sources"`
	Confidence     string   `json:"confidence"`
}

// DefaultCertRules are the rules as gathered in November 2026 from the sources of
// ../shared/domain/reference.json (certification.lab_eligibility, validity_years,
// recertification).
func DefaultCertRules() CertRules {
	const gathered = "2026-11"
	ce := func(id, name string, credits float64, core, conc, labs int, conf string, src ...string) RecertOption {
		return RecertOption{ID: id, Name: name, CECredits: credits, Core: core, Concentrations: conc, Labs: labs, Sources: src, Confidence: conf}
	}
	return CertRules{
		QualifyingExam: "350-501",
		LabExam:        "CCIE-SP-LAB",
		Milestones:     CertMilestones{Qualifying: "M05", Booking: "M08", Lab: "M09", Achieved: "M11", Recertify: "M12"},
		LabEligibility: Rule{Years: 3, Sources: []string{"S13", "S20", "S14"}, Confidence: ConfidenceMedium, Gathered: gathered,
			Text: "A passed qualifying exam lets you book and sit the lab for 3 years; after that, pass the qualifying exam again. At its 2020 launch an 18-month window was described (S14), so check Cisco's exam policy."},
		Validity: Rule{Years: 3, Sources: []string{"S11"}, Confidence: ConfidenceHigh, Gathered: gathered,
			Text: "A CCIE is active for 3 years from the day it is achieved: the day of the passed lab."},
		Recertification: Rule{Years: 3, Sources: []string{"S11", "S03"}, Confidence: ConfidenceHigh, Gathered: gathered,
			Text: "Meeting the recertification requirements at any time keeps the CCIE active for 3 years from that day."},
		RetakeWaits: Rule{Days: []int{30, 90, 180}, Sources: []string{"S15"}, Confidence: ConfidenceUnconfirmed, Gathered: gathered,
			Text: "Waits after a failed lab of 30, 90 and 180 days are the 2014 ladder; the current rule is not confirmed."},
		Options: []RecertOption{
			ce("ce", "120 CE credits", 120, 0, 0, 0, ConfidenceHigh, "S10"),
			ce("core-ce", "A technology core exam and 40 CE credits", 40, 1, 0, 0, ConfidenceHigh, "S10"),
			ce("two-conc-ce", "Two concentration exams and 40 CE credits", 40, 0, 2, 0, ConfidenceHigh, "S10"),
			ce("conc-ce", "A concentration exam and 80 CE credits", 80, 0, 1, 0, ConfidenceHigh, "S10"),
			ce("lab", "A CCIE lab exam", 0, 0, 0, 1, ConfidenceMedium, "S12"),
			ExpertWrittenOption(),
			ce("three-conc", "Three concentration exams", 0, 0, 3, 0, ConfidenceMedium, "S12"),
			ce("core-conc", "A technology core exam and a concentration exam", 0, 1, 1, 0, ConfidenceMedium, "S12"),
		},
		ReadyPercent: 80,
	}
}

// RuleLine is a rule as it is shown: what it says with its figures, its provenance in words
// ("medium confidence, reported 2026-11; S13, S20, S14"), and what the sources say.
type RuleLine struct {
	What, Provenance, Sources string
}

// labWindowReading ended the lab eligibility's sources text of rules stored before the window's
// last day was said with its figure: of 3 years, whatever the rule's years.
const labWindowReading = " Corepath counts the third anniversary of the pass as the window's last day, which the sources do not settle."

// ordinal is n as an ordinal word, for the 1 to 20 years a rule may have ("third"); else "nth".
func ordinal(n int) string {
	words := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}
	if n >= 1 && n <= len(words) {
		return words[n-1]
	}
	return strconv.Itoa(n) + "th"
}

// Lines are the timing rules, then the recertification options (with no Sources text), as the
// command line's rules and the app's rules dialog show them.
func (r *CertRules) Lines() (rules, options []RuleLine) {
	days := make([]string, len(r.RetakeWaits.Days))
	for i, d := range r.RetakeWaits.Days {
		days[i] = strconv.Itoa(d)
	}
	for _, line := range []struct {
		what    string
		rule    Rule
		reading string // Corepath's own reading of the rule, after the sources' text
	}{
		{fmt.Sprintf("Lab eligibility: %d years from the latest passed %s", r.LabEligibility.Years, r.QualifyingExam), r.LabEligibility,
			fmt.Sprintf(" Corepath counts the %s anniversary of the pass as the window's last day, which the sources do not settle.", ordinal(r.LabEligibility.Years))},
		{fmt.Sprintf("CCIE active: %d years from the passed lab", r.Validity.Years), r.Validity, ""},
		{fmt.Sprintf("Recertification: %d years from the day the requirements are met", r.Recertification.Years), r.Recertification, ""},
		{fmt.Sprintf("Waits after a failed lab: %s days", strings.Join(days, ", ")), r.RetakeWaits, ""},
	} {
		// Rules stored before kept Corepath's reading of the lab window, of 3 years, in the
		// sources' text; it follows the rule's years now.
		text := strings.TrimSuffix(line.rule.Text, labWindowReading) + line.reading
		rules = append(rules, RuleLine{line.what, provenance(line.rule.Confidence, line.rule.Gathered, line.rule.Sources, line.rule.Edited), text})
	}
	for _, o := range r.Options {
		options = append(options, RuleLine{What: o.Name, Provenance: provenance(o.Confidence, r.Recertification.Gathered, o.Sources, "")})
	}
	return rules, options
}

// provenance is a rule's provenance in words: "medium confidence, reported 2026-11; S13, S20".
func provenance(confidence, gathered string, sources []string, edited Date) string {
	s := confidence + " confidence, reported "
	switch confidence {
	case ConfidenceHigh:
		s = "high confidence, "
	case ConfidenceUnconfirmed:
		s = "not confirmed, reported "
	}
	s += gathered + "; " + strings.Join(sources, ", ")
	if edited != "" {
		s += "; edited by you on " + string(edited)
	}
	return s
}

// GPASource is the source of the degree's GPA rule (tracker.GPA), cited beside the
// certification rules' sources.
const GPASource = "S26"

// CitedSources are the ids of the sources the rules cite, each once, in the order the rules
// name them (the lab window's first), then the GPA rule's.
func (r *CertRules) CitedSources() []string {
	var ids []string
	cite := func(srcs []string) {
		for _, id := range srcs {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	for _, rule := range []Rule{r.LabEligibility, r.Validity, r.Recertification, r.RetakeWaits} {
		cite(rule.Sources)
	}
	for _, o := range r.Options {
		cite(o.Sources)
	}
	cite([]string{GPASource})
	return ids
}

// ExpertWrittenOption is the recertification by one passed expert-level written exam (the
// CCDE written), which stores whose rules were kept before this version gain when migrated.
func ExpertWrittenOption() RecertOption {
	return RecertOption{ID: "expert-written", Name: "An expert-level written exam (the CCDE written)", ExpertWritten: 1,
		Sources: []string{"S12"}, Confidence: ConfidenceMedium}
}

// Rules returns the plan's certification rules, or the defaults when it has none.
func (p *Plan) Rules() CertRules {
	if p.CertRules != nil {
		return *p.CertRules
	}
	return DefaultCertRules()
}

// RetakeWaitSteps is how many waits the lab's retake rule has: after the first failure, the
// second, and the third and later. A rule stored with another count (before the command line
// checked it) still reads: a failure past its last wait takes that wait.
const RetakeWaitSteps = 3

// ValidateCertRules checks rules before they are stored.
func ValidateCertRules(r *CertRules) error {
	for _, y := range []struct {
		name string
		rule Rule
	}{{"lab eligibility", r.LabEligibility}, {"validity", r.Validity}, {"recertification", r.Recertification}} {
		if y.rule.Years < 1 || y.rule.Years > 20 {
			return Errorf(Invalid, "the %s rule needs 1 to 20 years, not %d", y.name, y.rule.Years)
		}
	}
	for _, rule := range []Rule{r.LabEligibility, r.Validity, r.Recertification, r.RetakeWaits} {
		if !slices.Contains(confidences, rule.Confidence) {
			return Errorf(Invalid, "confidence %q is not one of %s", rule.Confidence, strings.Join(confidences, ", "))
		}
	}
	for i, d := range r.RetakeWaits.Days {
		if d < 0 || d > 3650 {
			return Errorf(Invalid, "a retake wait of %d days is outside 0 to 3650", d)
		}
		// The waits are after the first, second, third failure…: a later one is no shorter.
		if i > 0 && d < r.RetakeWaits.Days[i-1] {
			return Errorf(Invalid, "the retake waits go %d then %d days: each is after one more failure, so give them from the shortest, like 30,90,180", r.RetakeWaits.Days[i-1], d)
		}
	}
	if !finite(r.ReadyPercent) || r.ReadyPercent <= 0 || r.ReadyPercent > 100 {
		return Errorf(Invalid, "the ready-to-book threshold must be above 0 and at most 100 percent")
	}
	for _, o := range r.Options {
		if o.CECredits < 0 || o.Core < 0 || o.Concentrations < 0 || o.Labs < 0 || o.ExpertWritten < 0 ||
			o.CECredits+float64(o.Core+o.Concentrations+o.Labs+o.ExpertWritten) == 0 {
			return Errorf(Invalid, "recertification option %q needs credits or exams, none negative", o.Name)
		}
	}
	return nil
}

// AddYears is the same day n years later; 29 February becomes 28 February in a common year,
// since a validity of 3 years must not run into March.
func AddYears(d Date, n int) (Date, bool) {
	t, ok := d.Time()
	if !ok {
		return "", false
	}
	out := time.Date(t.Year()+n, t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if out.Month() != t.Month() {
		out = out.AddDate(0, 0, -out.Day()) // the last day of the month intended
	}
	return DateOf(out), true
}

// CertEvent is a dated fact of the certification path and where it was recorded.
type CertEvent struct {
	Date Date   `json:"date"`
	From string `json:"from"` // "attempt a3" or "milestone M09"
}

// CertState is where the CCIE path stands by the rules on a given day.
type CertState struct {
	Today Date `json:"today"`
	// Qualifying is the latest passed qualifying exam; EligibleUntil the last day of the lab
	// window it opened. EligibilityDaysLeft is nil once the lab is passed: the countdown stops.
	Qualifying          *CertEvent `json:"qualifying,omitempty"`
	EligibleUntil       Date       `json:"eligible_until,omitempty"`
	EligibilityDaysLeft *int       `json:"eligibility_days_left,omitempty"`
	// Achieved is the passed lab, the one fact the CCIE's dates count from.
	Achieved *CertEvent `json:"achieved,omitempty"`
	// Recertified lists the days the requirements were met, oldest first.
	Recertified    []CertEvent `json:"recertified,omitempty"`
	ActiveUntil    Date        `json:"active_until,omitempty"`
	ActiveDaysLeft *int        `json:"active_days_left,omitempty"`
	// Notes are inconsistencies worth a look that are not errors: a lab target after the
	// window closes, a CCIE milestone dated apart from the lab pass.
	Notes []string `json:"notes"`
}

// Windows are the windows a person watches: the lab eligibility (until the lab is passed) and
// the CCIE's active status.
func (s *CertState) Windows(r *CertRules) []WindowStatus {
	var out []WindowStatus
	for _, id := range []string{r.Milestones.Qualifying, r.Milestones.Achieved} {
		if w, ok := s.roleWindow(r, id); ok {
			out = append(out, w)
		}
	}
	return out
}

// roleWindow is the window of the qualifying or the CCIE milestone named id.
func (s *CertState) roleWindow(r *CertRules, id string) (WindowStatus, bool) {
	switch {
	case id == r.Milestones.Qualifying && s.EligibilityDaysLeft != nil:
		return WindowStatus{Name: "Lab eligibility", Ends: s.EligibleUntil, DaysLeft: *s.EligibilityDaysLeft, Uncertain: r.LabEligibility.Uncertain(), Reported: r.LabEligibility.reportedMonth()}, true
	case id == r.Milestones.Achieved && s.ActiveDaysLeft != nil:
		return WindowStatus{Name: "CCIE active", Ends: s.ActiveUntil, DaysLeft: *s.ActiveDaysLeft, Uncertain: r.Validity.Uncertain(), Reported: r.Validity.reportedMonth()}, true
	}
	return WindowStatus{}, false
}

// doneOn is the done date of the plan's milestone id, or "".
func (p *Plan) doneOn(id string) Date {
	if m, ok := p.Milestone(id); ok && m.Status == Done {
		return m.DoneOn
	}
	return ""
}

// passes lists the passed real attempts of an exam, oldest first, with the milestone's done date
// as a pass too; for the lab, whose milestone is sitting it, only while no attempt is recorded.
func (p *Plan) passes(exam, milestone string) []CertEvent {
	var out []CertEvent
	attempts := 0
	for _, a := range p.Attempts {
		if a.Exam == exam && a.Kind == AttemptExam {
			attempts++
			if a.Result == Pass {
				out = append(out, CertEvent{Date: a.Date, From: "attempt " + a.ID})
			}
		}
	}
	if d := p.doneOn(milestone); d != "" && (attempts == 0 || exam != p.Rules().LabExam) {
		out = append(out, CertEvent{Date: d, From: "milestone " + milestone})
	}
	slices.SortStableFunc(out, func(a, b CertEvent) int { return strings.Compare(string(a.Date), string(b.Date)) })
	return out
}

// qualifyingBefore is the latest qualifying pass on or before day.
func (p *Plan) qualifyingBefore(r *CertRules, day Date) (CertEvent, bool) {
	var best CertEvent
	for _, e := range p.passes(r.QualifyingExam, r.Milestones.Qualifying) {
		if e.Date <= day {
			best = e
		}
	}
	return best, best.Date != ""
}

// CheckLabDate refuses a lab sat on day outside the window of a qualifying pass, with what to do.
func (p *Plan) CheckLabDate(r *CertRules, day Date) error {
	q, ok := p.qualifyingBefore(r, day)
	if !ok {
		return Detailed(Invalid, &LabOrderError{Lab: day, Exam: r.QualifyingExam})
	}
	ends, _ := AddYears(q.Date, r.LabEligibility.Years)
	if day > ends {
		return Errorf(Invalid, "the lab on %s is outside the lab eligibility window: the %s pass of %s (%s) allowed the lab until %s (%d years%s). Record the later %s pass that made you eligible, or correct the dates",
			day, r.QualifyingExam, q.Date, q.From, ends, r.LabEligibility.Years, r.LabEligibility.Reported(), r.QualifyingExam)
	}
	return nil
}

// Cert applies the rules to the plan (its milestones and exam attempts) on the day of now.
func (p *Plan) Cert(now time.Time) CertState {
	r := p.Rules()
	today := DateOf(now)
	s := CertState{Today: today, Notes: []string{}}
	daysLeft := func(d Date) *int { n, _ := d.DaysUntil(now); return &n }

	labs := p.passes(r.LabExam, r.Milestones.Lab)
	if len(labs) == 0 {
		if d := p.doneOn(r.Milestones.Achieved); d != "" {
			labs = []CertEvent{{Date: d, From: "milestone " + r.Milestones.Achieved}}
		}
	}
	if len(labs) > 0 {
		s.Achieved = &labs[0]
		if d := p.doneOn(r.Milestones.Achieved); d != "" && d != labs[0].Date {
			s.Notes = append(s.Notes, fmt.Sprintf("%s is marked done on %s, but the lab was passed on %s (%s): the CCIE counts from the lab", r.Milestones.Achieved, d, labs[0].Date, labs[0].From))
		}
	}

	if s.Achieved != nil {
		p.walkRecertification(&r, &s, labs[1:])
	}
	lapsed := s.Achieved != nil && s.ActiveUntil < today
	if qs := p.passes(r.QualifyingExam, r.Milestones.Qualifying); len(qs) > 0 {
		last := qs[len(qs)-1]
		s.Qualifying = &last
		s.EligibleUntil, _ = AddYears(last.Date, r.LabEligibility.Years)
		// Until the CCIE is earned, the lab window counts down; once it has lapsed, again if
		// the window runs past the lapse, so that a lab in it would earn the CCIE back.
		if s.Achieved == nil || lapsed && s.EligibleUntil > s.ActiveUntil {
			s.EligibilityDaysLeft = daysLeft(s.EligibleUntil)
			for _, id := range []string{r.Milestones.Booking, r.Milestones.Lab} {
				if m, ok := p.Milestone(id); ok && m.Status != Done && m.Target > s.EligibleUntil {
					s.Notes = append(s.Notes, fmt.Sprintf("%s's target %s is after the lab eligibility window closes on %s: move the target, or plan to pass %s again", id, m.Target, s.EligibleUntil, r.QualifyingExam))
				}
			}
		}
	}
	if s.Achieved == nil {
		return s
	}
	s.ActiveDaysLeft = daysLeft(s.ActiveUntil)
	return s
}

// walkRecertification follows the CCIE from its lab pass: each recertification (a later lab
// pass, the recertification milestone, or an option met by what was earned since the one
// before) extends it from its own day, while it is active. A lab passed after the CCIE lapsed
// earns it again, and the count starts over from that lab; anything else after a lapse is
// noted and counts for nothing.
func (p *Plan) walkRecertification(r *CertRules, s *CertState, laterLabs []CertEvent) {
	s.ActiveUntil, _ = AddYears(s.Achieved.Date, r.Validity.Years)
	milestone := p.doneOn(r.Milestones.Recertify)
	for from := s.Achieved.Date; ; {
		var next CertEvent
		isLab := false
		consider := func(e CertEvent, lab bool) {
			if e.Date > from && (next.Date == "" || e.Date < next.Date) {
				next, isLab = e, lab
			}
		}
		for _, l := range laterLabs {
			consider(l, true)
		}
		if milestone != "" {
			consider(CertEvent{Date: milestone, From: "milestone " + r.Milestones.Recertify}, false)
		}
		if day, name := r.firstMet(p.recertItems(from)); day != "" {
			consider(CertEvent{Date: day, From: name}, false)
		}
		switch {
		case next.Date == "":
			return
		case next.Date <= s.ActiveUntil:
			s.Recertified = append(s.Recertified, next)
			s.ActiveUntil, _ = AddYears(next.Date, r.Recertification.Years)
		case isLab:
			s.Notes = append(s.Notes, fmt.Sprintf("the CCIE lapsed on %s and was earned again by the lab passed on %s (%s): its dates count from that lab", s.ActiveUntil, next.Date, next.From))
			again := next
			s.Achieved, s.Recertified = &again, nil
			s.ActiveUntil, _ = AddYears(next.Date, r.Validity.Years)
		default:
			s.Notes = append(s.Notes, fmt.Sprintf("the recertification on %s (%s) came after the CCIE lapsed on %s", next.Date, next.From, s.ActiveUntil))
		}
		from = next.Date
	}
}

// CheckMilestoneDates checks a milestone's dates against today and the certification rules, in
// the plan it is about to join: no done date in the future, no lab outside its window.
func CheckMilestoneDates(m *Milestone, p *Plan, now time.Time) error {
	today := DateOf(now)
	if m.Status == Done && m.DoneOn > today {
		return Errorf(Invalid, "%q cannot be done on %s, which is after today (%s): give the day it was done", m.Title, m.DoneOn, today)
	}
	r := p.Rules()
	if m.Status != Done || (m.ID != r.Milestones.Lab && m.ID != r.Milestones.Achieved) {
		return nil
	}
	sim := *p
	sim.Milestones = slices.Clone(p.Milestones)
	if old, ok := sim.Milestone(m.ID); ok {
		*old = *m
	} else {
		sim.Milestones = append(sim.Milestones, *m)
	}
	if m.ID == r.Milestones.Achieved && len(sim.passes(r.LabExam, r.Milestones.Lab)) > 0 {
		return nil // the CCIE counts from the lab, which was checked when it was recorded
	}
	if err := sim.CheckLabDate(&r, m.DoneOn); err != nil {
		if m.ID == r.Milestones.Achieved { // "the lab on …" is this milestone's own day
			return Errorf(Invalid, "%s (%s) marked done on %s, with no lab pass recorded, stands for the lab passed that day: %s", m.ID, m.Title, m.DoneOn, err.Error())
		}
		return Errorf(Invalid, "%s: %s", m.Title, err.Error())
	}
	return nil
}

// MilestoneWindow is the window shown beside a milestone: for the qualifying exam its lab
// window (until the lab is passed), for the CCIE its active status, and for any other done
// milestone the window it opens, if any.
func MilestoneWindow(m *Milestone, s *CertState, r *CertRules) (WindowStatus, bool) {
	switch m.ID {
	case r.Milestones.Qualifying, r.Milestones.Achieved:
		return s.roleWindow(r, m.ID)
	}
	if m.Opens == nil || m.Status != Done {
		return WindowStatus{}, false
	}
	ends, ok := m.Opens.Ends(m.DoneOn)
	if !ok {
		return WindowStatus{}, false
	}
	today, _ := s.Today.Time()
	days, _ := ends.DaysUntil(today)
	w := WindowStatus{Name: m.Opens.Name, Ends: ends, DaysLeft: days, Uncertain: m.Opens.Uncertain}
	if w.Uncertain {
		w.Reported = m.Gathered
	}
	return w, true
}
