package tracker

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Readiness weighs, per blueprint domain, the recent scores most, then the study against the
// domain's weight and the self-rated confidence of its topics. Every part is shown, so that a
// person can see why a figure is what it is and argue with it.
const (
	scorePart      = 0.6
	coveragePart   = 0.2
	confidencePart = 0.2
	// recentScores is how many of a domain's latest scores count, and recentAttempts how many
	// practice attempts must all clear the threshold for "ready to book".
	recentScores   = 3
	recentAttempts = 3
)

// DomainReadiness is one domain's readiness and its parts, each 0 to 100.
type DomainReadiness struct {
	Domain     string  `json:"domain"` // "2.0 Networking"
	ID         string  `json:"id"`
	Weight     float64 `json:"weight"`
	Score      float64 `json:"score"`    // mean of the latest scores, 0 without any
	Scored     int     `json:"scored"`   // how many scores the mean is of
	Coverage   float64 `json:"coverage"` // study share against weight, capped at 100
	Confidence float64 `json:"confidence"`
	Mapped     bool    `json:"mapped"` // topics are mapped to it, so coverage and confidence count
	Stale      int     `json:"stale_topics"`
	Readiness  float64 `json:"readiness"`
	Trend      []Point `json:"trend"` // every score, oldest first
	// FromOverall: no attempt scored this domain, so its Trend and Score are the overall scores
	// of the practice attempts scored as a whole, which say nothing of it in particular.
	FromOverall bool `json:"from_overall,omitempty"`
}

// Point is a dated score.
type Point struct {
	Date    Date    `json:"date"`
	Percent float64 `json:"percent"`
}

// ExamReadiness is one exam's readiness: the blueprint-weighted mean of its domains.
type ExamReadiness struct {
	Exam      string            `json:"exam"`
	Name      string            `json:"name"`
	Readiness float64           `json:"readiness"`
	Domains   []DomainReadiness `json:"domains"`
	Weakest   []Advice          `json:"weakest"`
	Threshold float64           `json:"threshold"`
	// Recent are the overall scores of the latest practice attempts, newest first.
	Recent      []Point `json:"recent"`
	ReadyToBook bool    `json:"ready_to_book"`
	// BookBy is the last day of the window the exam must be sat in, for the lab.
	BookBy Date `json:"book_by,omitempty"`
	Passed Date `json:"passed,omitempty"` // the latest real pass
	// PassStands is true while that pass still counts: for the qualifying exam, while a lab
	// window is open or the CCIE is active; for the lab, while the CCIE is active; for any other
	// exam, always.
	PassStands bool `json:"pass_stands,omitempty"`
	// WindowClosed: the lab's eligibility window (BookBy, or none at all) is over, so the
	// qualifying exam must be passed again before the lab can be booked.
	WindowClosed  bool   `json:"window_closed,omitempty"`
	RetakeAfter   Date   `json:"retake_after,omitempty"` // after failures, by the unconfirmed retake rule
	WeightsReport bool   `json:"weights_reported"`       // the blueprint's weights are reported, not confirmed
	Gathered      string `json:"gathered,omitempty"`
}

// Advice names a weak domain and what to do next about it.
type Advice struct {
	Domain string `json:"domain"`
	Next   string `json:"next"`
}

// Readiness measures every exam of the plan, the qualifying exam and the lab first, with study
// coverage (from a dashboard's Coverage), the confidence of the topics mapped to each domain,
// stale topics, the practice and real attempts and the rules, on the day of now.
func (p *Plan) Readiness(coverage []Coverage, stale []StaleTopic, now time.Time) []ExamReadiness {
	r := p.Rules()
	state := p.Cert(now)
	active := state.Achieved != nil && state.ActiveUntil >= state.Today // the CCIE
	staleTopics := map[string]bool{}
	for _, s := range stale {
		staleTopics[s.TopicID] = true
		if t, ok := p.Topic(s.TopicID); ok && t.ParentID != "" {
			staleTopics[t.ParentID] = true
		}
	}
	var out []ExamReadiness
	for i := range p.Exams {
		e := &p.Exams[i]
		if len(e.Domains) == 0 {
			continue // no blueprint to measure by: the CCDE written, there for recertification
		}
		er := ExamReadiness{Exam: e.Code, Name: e.Acronym, Threshold: r.ReadyPercent, WeightsReport: e.Uncertain, Gathered: e.Gathered, Recent: []Point{}, Weakest: []Advice{}}
		var weights float64
		for _, d := range e.Domains {
			dr := DomainReadiness{Domain: d.ID + " " + d.Name, ID: d.ID, Weight: d.Weight, Trend: []Point{}}
			for _, c := range coverage {
				if c.Exam == e.Acronym && c.Domain == dr.Domain && d.Weight > 0 { // Coverage names exams by acronym
					dr.Coverage = math.Min(100, 100*c.Share/d.Weight)
				}
			}
			var topics int
			for _, t := range p.Topics {
				if t.ParentID != "" || !slices.Contains(t.Blueprint, BlueprintRef{Exam: e.Code, Domain: d.ID}) {
					continue
				}
				topics++
				dr.Confidence += float64(t.Confidence) / 5 * 100
				if staleTopics[t.ID] {
					dr.Stale++
				}
			}
			if dr.Mapped = topics > 0; dr.Mapped {
				dr.Confidence /= float64(topics)
			}
			// A domain's scores are those of the attempts that scored it. Only a domain no
			// attempt scored takes the overall scores of the practice attempts scored as a
			// whole, marked so, that a person who records overall scores alone still has a
			// score part; mixed into a domain's own scores they would pass for a measure of it.
			// A real exam's scaled score is no percentage of any domain.
			overall := []Point{}
			for _, a := range p.Attempts {
				if a.Exam != e.Code {
					continue
				}
				scores := a.domainPercents()
				if pct, ok := a.Percent(e); ok && len(scores) == 0 && a.Kind != AttemptExam {
					overall = append(overall, Point{Date: a.Date, Percent: pct})
				}
				for _, ds := range scores {
					if ds.Domain == d.ID {
						dr.Trend = append(dr.Trend, Point{Date: a.Date, Percent: ds.Percent})
					}
				}
			}
			if len(dr.Trend) == 0 && len(overall) > 0 {
				dr.Trend, dr.FromOverall = overall, true
			}
			recent := dr.Trend[max(0, len(dr.Trend)-recentScores):]
			for _, pt := range recent {
				dr.Score += pt.Percent / float64(len(recent))
			}
			dr.Scored = len(recent)
			if dr.Mapped {
				dr.Readiness = scorePart*dr.Score + coveragePart*dr.Coverage + confidencePart*dr.Confidence
			} else {
				dr.Readiness = dr.Score // no topics to measure study by: the scores alone
			}
			er.Readiness += dr.Readiness * d.Weight
			weights += d.Weight
			er.Domains = append(er.Domains, dr)
		}
		if weights > 0 {
			er.Readiness /= weights
		}
		practice := "practice exam" // a mock lab practises a lab, and a written exam has none
		if p.ExamLevel(e) == LevelLab {
			practice = "mock lab"
		}
		er.Weakest = weakest(er.Domains, practice)
		for j := len(p.Attempts) - 1; j >= 0 && len(er.Recent) < recentAttempts; j-- {
			a := &p.Attempts[j]
			if a.Exam == e.Code && a.Kind != AttemptExam {
				if pct, ok := a.Percent(e); ok {
					er.Recent = append(er.Recent, Point{Date: a.Date, Percent: pct})
				}
			}
		}
		er.ReadyToBook = er.Readiness >= r.ReadyPercent && len(er.Recent) == recentAttempts &&
			!slices.ContainsFunc(er.Recent, func(pt Point) bool { return pt.Percent < r.ReadyPercent })
		for _, pass := range p.passes(e.Code, "") {
			er.Passed = pass.Date
		}
		switch e.Code {
		case r.QualifyingExam:
			er.PassStands = er.Passed != "" && (active || state.EligibleUntil != "" && state.EligibleUntil >= state.Today)
		case r.LabExam:
			er.PassStands = er.Passed != "" && active
		default:
			er.PassStands = er.Passed != ""
		}
		if er.PassStands {
			er.Weakest = er.Weakest[:0] // nothing is left to study for it
		}
		if e.Code == r.LabExam && !active {
			er.BookBy = state.EligibleUntil
			er.WindowClosed = er.BookBy < state.Today
		}
		er.RetakeAfter = p.RetakeAfter(e.Code)
		out = append(out, er)
	}
	// The path's two first, in the order they are taken, then the optional exams as the plan lists them.
	path := func(er ExamReadiness) int {
		switch er.Exam {
		case r.QualifyingExam:
			return 0
		case r.LabExam:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b ExamReadiness) int { return path(a) - path(b) })
	return out
}

// Verdict says where the exam stands in a few words: passed while its pass counts (readiness
// then matters no more); for the lab outside a lab window, that the qualifying exam comes
// first; else ready or not yet ready to book.
func (er *ExamReadiness) Verdict(r *CertRules) string {
	switch {
	case er.PassStands:
		return "passed on " + string(er.Passed)
	case er.WindowClosed && er.BookBy != "":
		return "the lab eligibility window closed on " + string(er.BookBy) + ": pass " + r.QualifyingExam + " again to open another"
	case er.WindowClosed:
		return "pass " + r.QualifyingExam + " first: it opens the lab eligibility window"
	case er.ReadyToBook && er.BookBy != "":
		return "ready to book, sit it by " + string(er.BookBy) + r.LabEligibility.Reported()
	case er.ReadyToBook:
		return "ready to book"
	}
	return "not yet ready to book"
}

// weakest names the two domains of lowest readiness, the heavier first on a tie, with the part
// that holds each back; practice is what scores the exam's domains ("practice exam", "mock lab").
func weakest(ds []DomainReadiness, practice string) []Advice {
	order := make([]DomainReadiness, len(ds))
	copy(order, ds)
	slices.SortStableFunc(order, func(a, b DomainReadiness) int {
		if a.Readiness != b.Readiness {
			return cmpFloat(a.Readiness, b.Readiness)
		}
		return cmpFloat(b.Weight, a.Weight)
	})
	out := []Advice{}
	for _, d := range order[:min(2, len(order))] {
		var next []string
		switch {
		case d.Scored == 0:
			next = append(next, "take a "+practice+" that scores it")
		case d.FromOverall:
			next = append(next, "take a "+practice+" that scores it: its score is from overall scores")
		case d.Score < 70:
			next = append(next, fmt.Sprintf("drill it: the recent scores average %.0f%%", math.Round(d.Score)))
		}
		if d.Mapped && d.Coverage < 80 {
			next = append(next, fmt.Sprintf("study it more: it has %.0f%% of the study its %.0f%% weight asks for", math.Round(d.Coverage), math.Round(d.Weight)))
		}
		if d.Stale > 0 {
			next = append(next, "review its "+CountOf(d.Stale, "stale topic", "stale topics"))
		}
		if d.Mapped && d.Confidence < 60 {
			next = append(next, fmt.Sprintf("rate your confidence again once you have studied it (now %.1f of 5)", math.Round(d.Confidence/20*10)/10)) // as the dashboard rounds it
		}
		if len(next) == 0 {
			next = append(next, "keep it warm with a timed review")
		}
		out = append(out, Advice{Domain: d.Domain, Next: strings.Join(next, "; ")})
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
