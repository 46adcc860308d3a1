package tracker

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// MilestoneCost is what a milestone has cost and what it is still expected to cost, in US
// dollars at the plan's (reported) prices.
type MilestoneCost struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	Planned  float64 `json:"planned_usd"`
	Spent    float64 `json:"spent_usd"`
	Optional bool    `json:"optional,omitempty"`
	Reported string  `json:"reported,omitempty"` // the month an uncertain price was gathered
}

// Costs are the path's costs per milestone and in total. The qualifying exam and the lab cost
// their fee for every real attempt (retakes included); other milestones their cost once done.
// The planned total leaves out optional milestones.
type Costs struct {
	Milestones []MilestoneCost `json:"milestones"`
	Planned    float64         `json:"planned_usd"`
	Spent      float64         `json:"spent_usd"`
	Retakes    int             `json:"retakes"` // real attempts after the first, per exam
	RetakeFees float64         `json:"retake_fees_usd"`
	// Lab is the day the lab is planned (or, once the booking milestone is done, booked) for,
	// and LabInWindow whether it falls inside the lab eligibility window.
	Lab         Date `json:"lab,omitempty"`
	LabBooked   bool `json:"lab_booked,omitempty"`
	LabInWindow bool `json:"lab_in_window,omitempty"`
}

// PayingMilestone is the milestone whose cost pays a sitting of the exam (the qualifying exam's
// and the lab booking's, by the rules), when it has a cost: the costs take it over the exam's
// price.
func (p *Plan) PayingMilestone(code string) *Milestone {
	r := p.Rules()
	for id, exam := range r.PaidExams() {
		if m, ok := p.Milestone(id); ok && exam == code && m.CostUSD > 0 {
			return m
		}
	}
	return nil
}

// PaidExams are the milestones whose cost pays an exam's sittings, by id, with that exam's code:
// the qualifying exam's and the lab booking's.
func (r *CertRules) PaidExams() map[string]string {
	return map[string]string{r.Milestones.Qualifying: r.QualifyingExam, r.Milestones.Booking: r.LabExam}
}

// SittingFee is what a sitting of the exam costs now: the paying milestone's cost, as the
// person set it (a price in another currency's terms, a voucher), else the exam's reported
// price. It also returns the month an uncertain figure was reported, or "".
func (p *Plan) SittingFee(code string) (float64, string) {
	if m := p.PayingMilestone(code); m != nil {
		return m.CostUSD, m.Gathered
	}
	if e, ok := p.Exam(code); ok {
		if e.Uncertain && e.Edited == "" { // a price the person set is theirs, not a report's
			return e.PriceUSD, e.Gathered
		}
		return e.PriceUSD, ""
	}
	return 0, ""
}

// Paid is what a real attempt cost: the fee recorded with it, else the sitting fee now.
func (p *Plan) Paid(a *Attempt) float64 {
	if a.FeeUSD != nil {
		return *a.FeeUSD
	}
	fee, _ := p.SittingFee(a.Exam)
	return fee
}

// Costs adds up the path's fees from the milestones and the real exam attempts.
func (p *Plan) Costs(s *CertState) Costs {
	r := p.Rules()
	var out Costs
	// What each exam's real attempts cost, in all and from the second on (the retakes).
	type paid struct {
		n     int
		total float64
	}
	attempts := map[string]*paid{}
	for _, a := range p.realAttemptsByDate() {
		e := attempts[a.Exam]
		if e == nil {
			e = &paid{}
			attempts[a.Exam] = e
		}
		fee := p.Paid(a)
		if _, known := p.Exam(a.Exam); known && e.n > 0 {
			out.Retakes++
			out.RetakeFees = addUSD(out.RetakeFees, 1, fee)
		}
		e.n++
		e.total = addUSD(e.total, 1, fee)
	}
	// The milestones that pay an exam's fee, and whether that exam is passed.
	fees := map[string]struct {
		exam   string
		passed bool
	}{
		r.Milestones.Qualifying: {r.QualifyingExam, s.Qualifying != nil},
		r.Milestones.Booking:    {r.LabExam, s.Achieved != nil},
	}
	for i := range p.Milestones {
		m := &p.Milestones[i]
		if m.Status == Skipped {
			continue
		}
		mc := MilestoneCost{ID: m.ID, Title: m.Title, Optional: m.Optional}
		if f, ok := fees[m.ID]; ok && attempts[f.exam] != nil {
			each, reported := p.SittingFee(f.exam)
			mc.Spent = attempts[f.exam].total
			if !f.passed {
				mc.Planned = each // the next attempt
			}
			mc.Reported = reported
		} else {
			if m.Status == Done {
				mc.Spent = m.CostUSD
			} else {
				mc.Planned = m.CostUSD
			}
			if m.Estimate || m.Gathered != "" {
				mc.Reported = m.Gathered
			}
		}
		if mc.Planned == 0 && mc.Spent == 0 {
			continue
		}
		out.Spent = addUSD(out.Spent, 1, mc.Spent)
		if !m.Optional {
			out.Planned = addUSD(out.Planned, 1, mc.Planned)
		}
		out.Milestones = append(out.Milestones, mc)
	}
	if lab, ok := p.Milestone(r.Milestones.Lab); ok && lab.Status != Done && lab.Target != "" && s.Achieved == nil {
		out.Lab = lab.Target
		out.LabBooked = p.doneOn(r.Milestones.Booking) != ""
		out.LabInWindow = s.EligibleUntil != "" && lab.Target <= s.EligibleUntil
	}
	return out
}

// realAttemptsByDate are the real exam attempts, oldest first (by date, then as recorded).
func (p *Plan) realAttemptsByDate() []*Attempt {
	var out []*Attempt
	for i := range p.Attempts {
		if p.Attempts[i].Kind == AttemptExam {
			out = append(out, &p.Attempts[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *Attempt) int { return strings.Compare(string(a.Date), string(b.Date)) })
	return out
}

// Milestone is the cost of the milestone with that id, when it has one.
func (c Costs) Milestone(id string) (MilestoneCost, bool) {
	for _, m := range c.Milestones {
		if m.ID == id {
			return m, true
		}
	}
	return MilestoneCost{}, false
}

// Cents is an amount of US dollars in whole cents, the unit in which amounts are added: the
// float64 dollars a record keeps (59.99) are rounded to the cent they were typed as.
func Cents(usd float64) int64 { return int64(math.Round(usd * 100)) }

// addUSD adds amounts of dollars in cents, so that a total is the sum as written on paper
// (59.99 + 2000 is 2059.99, not 2059.9900000000002); n times each for a fee paid n times.
func addUSD(total float64, n int, each float64) float64 {
	return float64(Cents(total)+int64(n)*Cents(each)) / 100
}

// Dollars writes an amount of US dollars with thousands separators, to the cent: $1,600 for a
// whole amount, $59.99 and $2,059.99 for one with cents, $1,600.50 with both digits.
func Dollars(v float64) string {
	c := Cents(v)
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	digits := strconv.FormatInt(c/100, 10)
	for i := len(digits) - 3; i > 0; i -= 3 {
		digits = digits[:i] + "," + digits[i:]
	}
	if c%100 != 0 {
		digits += fmt.Sprintf(".%02d", c%100)
	}
	return sign + "$" + digits
}

// ParseDollars reads an amount of US dollars as people write it: 1600, 1,600, $1,600.50. It
// keeps cents, and refuses a fraction of a cent (59.999), which no price has.
func ParseDollars(s string) (float64, error) {
	t := strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "$"), ",", "")
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(t, "xXpP_") {
		return 0, Errorf(Invalid, "%q is not an amount in dollars, like 1600 or $1,600", s)
	}
	if !wholeCents(v) {
		return 0, Errorf(Invalid, "%q has a fraction of a cent: give dollars and cents, like 59.99", s)
	}
	return v, nil
}

// wholeCents reports whether an amount of dollars is a whole number of cents, as every price is.
func wholeCents(usd float64) bool {
	c := usd * 100
	return math.Abs(c-math.Round(c)) <= 1e-6
}

// Text says a milestone's cost as the totals count it: what was spent, what is still to pay
// (an exam's next attempt, once one was paid), whether the total leaves it out, and the month an
// uncertain price was reported: "$400 spent, $400 for the next attempt (reported 2026-11)".
func (m MilestoneCost) Text() string {
	var parts []string
	if m.Spent > 0 {
		parts = append(parts, Dollars(m.Spent)+" spent")
	}
	switch {
	case m.Planned > 0 && m.Spent > 0:
		parts = append(parts, Dollars(m.Planned)+" for the next attempt")
	case m.Planned > 0:
		parts = append(parts, Dollars(m.Planned)+" to pay")
	}
	s := strings.Join(parts, ", ")
	var notes []string
	if m.Optional && m.Planned > 0 {
		notes = append(notes, "optional, not in the total")
	}
	if m.Reported != "" {
		notes = append(notes, "reported "+m.Reported)
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

// Lines say the costs in words: the fees spent and planned, with the month the prices were
// reported, and the lab's date against the window that ends on windowEnds.
func (c Costs) Lines(windowEnds Date) []string {
	reported := ""
	for _, m := range c.Milestones {
		if m.Reported != "" {
			reported = "; prices reported " + m.Reported
		}
	}
	line := "Costs: " + Dollars(c.Spent) + " spent, " + Dollars(c.Planned) + " still planned (optional milestones apart)"
	if c.Retakes > 0 {
		line += ", " + CountOf(c.Retakes, "retake", "retakes") + " (" + Dollars(c.RetakeFees) + ")"
	}
	out := []string{line + reported}
	if c.Lab != "" {
		what := "planned"
		if c.LabBooked {
			what = "booked"
		}
		where := "no lab eligibility window is open yet"
		switch {
		case windowEnds != "" && c.LabInWindow:
			where = "inside the lab eligibility window, which ends " + string(windowEnds)
		case windowEnds != "":
			where = "outside the lab eligibility window, which ends " + string(windowEnds)
		}
		out = append(out, fmt.Sprintf("Lab %s for %s: %s", what, c.Lab, where))
	}
	return out
}
