package tracker

import (
	"strings"
	"time"
)

// Track is one of the three kinds of progress Corepath follows.
type Track string

const (
	TrackDegree        Track = "degree"
	TrackSkills        Track = "skills"
	TrackCertification Track = "certification"
)

// Tracks lists the tracks in display order.
var Tracks = []Track{TrackDegree, TrackSkills, TrackCertification}

// Label is the track's name as shown to a person.
func (t Track) Label() string {
	switch t {
	case TrackDegree:
		return "Degree"
	case TrackSkills:
		return "Skills"
	case TrackCertification:
		return "Certification"
	}
	return string(t)
}

// ParseTrack accepts a track's id or label in any case.
func ParseTrack(s string) (Track, error) {
	for _, t := range Tracks {
		if strings.EqualFold(s, string(t)) || strings.EqualFold(s, t.Label()) {
			return t, nil
		}
	}
	return "", Errorf(Invalid, "unknown track %q: use degree, skills or certification", s)
}

// Kind says what sort of study a session was.
type Kind string

const (
	KindStudy        Kind = "study"
	KindLab          Kind = "lab"
	KindPracticeExam Kind = "practice-exam"
	KindReading      Kind = "reading"
	KindVideo        Kind = "video"
	KindOther        Kind = "other"
)

// Kinds lists the session kinds in display order.
var Kinds = []Kind{KindStudy, KindLab, KindPracticeExam, KindReading, KindVideo, KindOther}

// hyphens writes spaces and underscores as hyphens, for kinds and statuses typed by hand.
var hyphens = strings.NewReplacer(" ", "-", "_", "-")

// ParseKind accepts a kind's id in any case, with a space or underscore for the hyphen.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if s == string(k) {
			return k, nil // the common case, and the one validation of stored sessions meets
		}
	}
	norm := hyphens.Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Kinds {
		if norm == string(k) {
			return k, nil
		}
	}
	return "", Errorf(Invalid, "unknown kind %q: use study, lab, practice-exam, reading, video or other", s)
}

// Session is a stretch of study on one topic. A running timer is a Session with Running set and
// no Duration yet; it is stored like any other data so that it survives a crash or a reboot.
type Session struct {
	ID          string // UUID v7, so that ids sort by creation time
	Start       time.Time
	Duration    time.Duration
	Running     bool
	Planned     time.Duration // for a timer: how long the user meant to study, 0 if not said
	TopicID     string
	MilestoneID string // optional link
	CourseID    string // optional link
	Kind        Kind
	Tags        []string
	Note        string
	Focus       int // 1-5, 0 when not rated
	Created     time.Time
	Updated     time.Time

	// Source identifies the record of another tracker's file that an import made this session
	// from ("timewarrior:…"), so that importing that file again adds nothing; "" otherwise.
	Source string
}

// End is the instant the session ended.
func (s *Session) End() time.Time { return s.Start.Add(s.Duration) }

// HasTag reports whether the session carries tag, ignoring case.
func (s *Session) HasTag(tag string) bool { return hasTag(s.Tags, tag) }

// Topic is a node of the two-level topic tree. Sessions are logged against topics.
type Topic struct {
	ID          string         `json:"id"`
	ParentID    string         `json:"parent_id,omitempty"`
	Name        string         `json:"name"`
	Track       Track          `json:"track"`
	TargetHours float64        `json:"target_hours,omitempty"`
	Estimate    bool           `json:"estimate,omitempty"` // the target is a rule of thumb
	Confidence  int            `json:"confidence"`         // self-rated, 0-5
	Blueprint   []BlueprintRef `json:"blueprint,omitempty"`
	Order       int            `json:"order"`
	Note        string         `json:"note,omitempty"`
}

// BlueprintRef ties a topic to a domain of an exam blueprint; the weight lives on the exam.
type BlueprintRef struct {
	Exam   string `json:"exam"`   // an Exam's Code
	Domain string `json:"domain"` // a Domain's ID within it
}

// Exam is a certification exam with its blueprint.
type Exam struct {
	Code      string   `json:"code"` // "350-501", or "CCIE-SP-LAB" for the lab
	Acronym   string   `json:"acronym"`
	Name      string   `json:"name"`
	Version   string   `json:"version,omitempty"`
	Level     string   `json:"level,omitempty"` // associate, core, concentration, lab or expert-written
	Domains   []Domain `json:"domains"`
	PriceUSD  float64  `json:"price_usd,omitempty"`
	Uncertain bool     `json:"uncertain,omitempty"` // weights or price not confirmed at the source
	Note      string   `json:"note,omitempty"`
	Gathered  string   `json:"gathered,omitempty"` // the month the figures were gathered, YYYY-MM
	// Edited is the day the person last changed the price or the weights, as Cisco did.
	Edited Date `json:"edited,omitempty"`
}

// Domain is a section of an exam blueprint with its share of the exam, in percent.
type Domain struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
}

// Status is where a milestone stands.
type Status string

const (
	Planned    Status = "planned"
	InProgress Status = "in-progress"
	Done       Status = "done"
	Skipped    Status = "skipped"
)

// Statuses lists the milestone statuses in order.
var Statuses = []Status{Planned, InProgress, Done, Skipped}

// ParseStatus accepts a status in any case, with a space or underscore for the hyphen.
func ParseStatus(s string) (Status, error) {
	norm := hyphens.Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, st := range Statuses {
		if norm == string(st) {
			return st, nil
		}
	}
	return "", Errorf(Invalid, "unknown status %q: use planned, in-progress, done or skipped", s)
}

// Milestone is a step on the path: an exam, the lab, a recertification, the degree.
type Milestone struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Track     Track    `json:"track"`
	Order     int      `json:"order"`
	Status    Status   `json:"status"`
	Optional  bool     `json:"optional,omitempty"`
	Target    Date     `json:"target,omitempty"`
	DoneOn    Date     `json:"done_on,omitempty"`
	CostUSD   float64  `json:"cost_usd,omitempty"`
	EstHours  string   `json:"est_hours,omitempty"` // as published: often a range
	Estimate  bool     `json:"estimate,omitempty"`  // hours or cost are a rule of thumb
	Opens     *Window  `json:"opens,omitempty"`     // a validity that starts when the milestone is done
	DependsOn []string `json:"depends_on,omitempty"`
	// Topic is the topic whose study prepares the milestone; with a target date, it gives the
	// weekly hours needed to be ready in time.
	Topic    string `json:"topic,omitempty"`
	Note     string `json:"note,omitempty"`
	Gathered string `json:"gathered,omitempty"`
}

// SetStatus changes a milestone's status: done on today unless a day is already given, and
// done on no day once it is not done.
func (m *Milestone) SetStatus(status Status, today Date) {
	m.Status = status
	switch {
	case status == Done && m.DoneOn == "":
		m.DoneOn = today
	case status != Done:
		m.DoneOn = ""
	}
}

// Window is a period that a milestone opens when it is done: a passed SPCOR opens the lab
// eligibility window; a CCIE must be recertified before its validity ends.
type Window struct {
	Name      string `json:"name"`
	Years     int    `json:"years"`
	Uncertain bool   `json:"uncertain,omitempty"`
}

// Ends returns the last day of the window for a milestone done on the given day.
func (w Window) Ends(done Date) (Date, bool) {
	return AddYears(done, w.Years)
}

// Program is the bachelor's degree being worked towards.
type Program struct {
	Name            string  `json:"name"`
	Field           string  `json:"field,omitempty"` // Computer Science, Information Technology, Computer Engineering
	CreditsRequired float64 `json:"credits_required"`
}

// CourseStatus is where a degree course stands.
type CourseStatus string

const (
	CoursePlanned    CourseStatus = "planned"
	CourseInProgress CourseStatus = "in-progress"
	CourseCompleted  CourseStatus = "completed"
	CourseTransfer   CourseStatus = "transfer"
	CourseWithdrawn  CourseStatus = "withdrawn"
)

// CourseStatuses lists the course statuses in order.
var CourseStatuses = []CourseStatus{CoursePlanned, CourseInProgress, CourseCompleted, CourseTransfer, CourseWithdrawn}

// Course is one course of the degree.
type Course struct {
	ID      string       `json:"id"`
	Code    string       `json:"code"`
	Title   string       `json:"title"`
	Credits float64      `json:"credits"`
	Term    string       `json:"term,omitempty"` // e.g. "Fall 2026"
	Status  CourseStatus `json:"status"`
	Grade   string       `json:"grade,omitempty"` // a letter from GradePoints, or P, W, I
}

// Goals are the weekly study targets, in hours.
type Goals struct {
	WeeklyHours float64           `json:"weekly_hours"`
	TrackHours  map[Track]float64 `json:"track_hours,omitempty"`
}

// Settings are the study settings that the command line needs as much as the app; interface
// settings live in the app's preferences instead.
type Settings struct {
	WeekStart time.Weekday `json:"week_start"` // time.Monday or time.Sunday
	// StreakMinutes is the least study that makes a day count for the streak; 0 means the
	// default, DefaultStreakMinutes.
	StreakMinutes int `json:"streak_minutes,omitempty"`
	// RestDays and Vacations are planned breaks: they do not break a streak, and study on one
	// still counts for it.
	RestDays  []time.Weekday `json:"rest_days,omitempty"`
	Vacations []DateRange    `json:"vacations,omitempty"`
}

// DefaultStreakMinutes is the least study a day needs to count for the streak.
const DefaultStreakMinutes = 15

// StreakMin is the streak's daily minimum in effect.
func (s *Settings) StreakMin() int {
	if s.StreakMinutes <= 0 {
		return DefaultStreakMinutes
	}
	return s.StreakMinutes
}

// DateRange is a span of whole days, both ends included.
type DateRange struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// Contains reports whether day falls in the range.
func (r DateRange) Contains(day Date) bool { return day >= r.From && day <= r.To }

// Plan is everything a person plans against: the blueprints, the topic tree, the milestones,
// the degree and the goals. Sessions are kept apart since there are many of them.
type Plan struct {
	Exams      []Exam      `json:"exams"`
	Topics     []Topic     `json:"topics"`
	Milestones []Milestone `json:"milestones"`
	Program    Program     `json:"program"`
	Courses    []Course    `json:"courses"`
	Goals      Goals       `json:"goals"`
	Settings   Settings    `json:"settings"`
	// Attempts, Credits and CertRules are the certification record: see cert.go and exam.go.
	Attempts  []Attempt  `json:"attempts,omitempty"`
	Credits   []Credit   `json:"credits,omitempty"`
	CertRules *CertRules `json:"cert_rules,omitempty"`
}

// withID finds the record of records whose id (as idOf reads it) is id.
func withID[T any](records []T, id string, idOf func(*T) string) (*T, bool) {
	for i := range records {
		if idOf(&records[i]) == id {
			return &records[i], true
		}
	}
	return nil, false
}

// Topic returns the topic with the given id.
func (p *Plan) Topic(id string) (*Topic, bool) {
	return withID(p.Topics, id, func(x *Topic) string { return x.ID })
}

// TopicPath is a topic's name with its parent's in front: "BGP › Route reflectors".
func (p *Plan) TopicPath(id string) string {
	t, ok := p.Topic(id)
	if !ok {
		return id
	}
	if parent, ok := p.Topic(t.ParentID); ok {
		return parent.Name + " › " + t.Name
	}
	return t.Name
}

// Milestone returns the milestone with the given id.
func (p *Plan) Milestone(id string) (*Milestone, bool) {
	return withID(p.Milestones, id, func(x *Milestone) string { return x.ID })
}

// Course returns the course with the given id.
func (p *Plan) Course(id string) (*Course, bool) {
	return withID(p.Courses, id, func(x *Course) string { return x.ID })
}

// CoursesCoded are the courses whose code is code, ignoring case: more than one for a retaken
// course. An empty code is no course's.
func (p *Plan) CoursesCoded(code string) []*Course {
	var found []*Course
	for i := range p.Courses {
		if code != "" && strings.EqualFold(p.Courses[i].Code, code) {
			found = append(found, &p.Courses[i])
		}
	}
	return found
}

// Exam returns the exam with the given code.
func (p *Plan) Exam(code string) (*Exam, bool) {
	for i := range p.Exams {
		if p.Exams[i].Code == code {
			return &p.Exams[i], true
		}
	}
	return nil, false
}

// Domain returns the blueprint domain a ref points at.
func (p *Plan) Domain(ref BlueprintRef) (*Exam, *Domain, bool) {
	e, ok := p.Exam(ref.Exam)
	if !ok {
		return nil, nil, false
	}
	for i := range e.Domains {
		if e.Domains[i].ID == ref.Domain {
			return e, &e.Domains[i], true
		}
	}
	return e, nil, false
}

// Children returns the subtopics of a topic, or the top-level topics for "".
func (p *Plan) Children(parentID string) []Topic {
	var out []Topic
	for _, t := range p.Topics {
		if t.ParentID == parentID {
			out = append(out, t)
		}
	}
	return out
}

// NextMilestone returns the first milestone, in order, that is still to do: neither done nor
// skipped, and not optional (an optional step such as the CCNA is never "next" once the path
// has gone past it). Every screen and command that names the next milestone uses this one rule.
func (p *Plan) NextMilestone() (*Milestone, bool) { return p.NextMilestoneOf("") }

// NextMilestoneOf is NextMilestone among the milestones of track ("": of every track): the
// Certification card's next step is a certification milestone, not the degree before it.
func (p *Plan) NextMilestoneOf(track Track) (*Milestone, bool) {
	var best *Milestone
	for i := range p.Milestones {
		m := &p.Milestones[i]
		if m.Status == Done || m.Status == Skipped || m.Optional || track != "" && m.Track != track {
			continue
		}
		if best == nil || m.Order < best.Order {
			best = m
		}
	}
	return best, best != nil
}
