// Package tracker is Corepath's domain: the study plan, sessions, validation, time arithmetic and
// the analytics. It is pure Go: no UI toolkit and no database; storage implements Store.
package tracker

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Code classifies an Error so that callers (the command line, the app) can react to the kind
// of failure without parsing messages.
type Code string

const (
	Invalid  Code = "invalid"   // the input breaks a rule; the message says which and how to fix it
	NotFound Code = "not_found" // the thing named does not exist
	Conflict Code = "conflict"  // the change clashes with existing data (a duplicate, a dependency)
	InUse    Code = "in_use"    // the data file is locked by another process
	Damaged  Code = "damaged"   // the data file cannot be read as a Corepath store
	TooNew   Code = "too_new"   // the data file was written by a newer Corepath
	Internal Code = "internal"  // a bug or an I/O failure
)

// Error is the error type of the domain: a code and a message a person can act on.
type Error struct {
	Code    Code
	Message string
	Err     error // the underlying cause, if any
}

func (e *Error) Error() string { return e.Message }
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, Internal for an error that is not an *Error, "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// The typed errors below are the details of an *Error: their data lets the command line and the
// app each say what to do in their own terms (a flag, a menu), while their messages only say
// what is wrong. Find them with errors.As; the *Error around them carries the Code.

// Detailed is an *Error of code whose message is detail's and whose cause is detail.
func Detailed(code Code, detail error) *Error {
	return &Error{Code: code, Message: detail.Error(), Err: detail}
}

// TopicMatchError is a name that picks no single topic: none given, none matching, or several.
// Candidates are the topics it could mean when ambiguous, else the top-level topics, as paths;
// for a path whose parent is a topic ("BGP > Nothing"), Parent is that topic's path and
// Candidates its subtopics.
type TopicMatchError struct {
	Name       string
	Ambiguous  bool
	Candidates []string
	Parent     string
}

func (e *TopicMatchError) Error() string {
	list := "\n  " + strings.Join(e.Candidates, "\n  ")
	switch {
	case strings.TrimSpace(e.Name) == "":
		return "no topic given"
	case e.Ambiguous:
		return fmt.Sprintf("topic %q is ambiguous; it could be:%s", e.Name, list)
	case e.Parent != "" && len(e.Candidates) == 0:
		return fmt.Sprintf("no topic matches %q; %s has no subtopics", e.Name, e.Parent)
	case e.Parent != "":
		return fmt.Sprintf("no topic matches %q; the subtopics of %s are:%s", e.Name, e.Parent, list)
	}
	return fmt.Sprintf("no topic matches %q; the top-level topics are:%s", e.Name, list)
}

// The kinds of record a NotFoundError names.
const (
	RecordTopic     = "topic"
	RecordSession   = "session"
	RecordAttempt   = "attempt"
	RecordCredit    = "CE activity"
	RecordMilestone = "milestone"
	RecordCourse    = "course"
	RecordExam      = "exam"
)

// NotFoundError is a reference to a record that does not exist; ByPrefix when Ref was the start
// or the end of an id that no id starts or ends with.
type NotFoundError struct {
	Kind     string // one of the Record kinds
	Ref      string
	ByPrefix bool
}

func (e *NotFoundError) Error() string {
	if e.ByPrefix {
		return fmt.Sprintf("no %s id starts or ends with %q", e.Kind, e.Ref)
	}
	return fmt.Sprintf("%s %q does not exist", e.Kind, e.Ref)
}

// NotFoundRecord is the error for a missing record of kind.
func NotFoundRecord(kind, ref string) *Error {
	return Detailed(NotFound, &NotFoundError{Kind: kind, Ref: ref})
}

// SessionLengthError is a session shorter than MinSession or longer than Max (MaxSession, or
// MaxImportedSession for an imported one).
type SessionLengthError struct {
	Got, Max time.Duration
	Imported bool
}

// TooShort reports whether the session is under the minimum, rather than over the maximum.
func (e *SessionLengthError) TooShort() bool { return e.Got < MinSession }

func (e *SessionLengthError) Error() string {
	if e.TooShort() {
		return e.Limit()
	}
	return e.Limit() + ": split it into several sessions"
}

// Limit says what the limit is and what the session had, without what to do about it.
func (e *SessionLengthError) Limit() string {
	switch {
	case e.TooShort():
		return fmt.Sprintf("a session must last at least 1 minute (got %s)", describeDuration(e.Got))
	case e.Imported:
		return fmt.Sprintf("an imported session can last at most %d days (got %s)", e.Max/(24*time.Hour), describeDuration(e.Got))
	}
	return fmt.Sprintf("a session can last at most 24 hours (got %s)", describeDuration(e.Got))
}

// TimerOverLimitError is a timer stopped after more than Limit: too long to be one session.
type TimerOverLimitError struct {
	Ran, Limit time.Duration
}

func (e *TimerOverLimitError) Error() string {
	return fmt.Sprintf("the timer has run for %s, more than the %s limit", FormatDuration(e.Ran), describeLimit(e.Limit))
}

// TimerLoggedError is a running timer stopped when a session with its id is stored already: the
// timer is a copy of one stopped elsewhere (an export or a sync brought its session), and
// stopping it would replace that session.
type TimerLoggedError struct {
	Session Session // the session stored
	Topic   string  // its topic's path
}

func (e *TimerLoggedError) Error() string {
	return fmt.Sprintf("the running timer was stopped elsewhere: its session is logged already (%s of %s, %s–%s, id %s), and stopping the timer here would replace it",
		FormatDuration(e.Session.Duration), e.Topic, e.Session.Start.Format("2006-01-02 15:04"), e.Session.End().Format("15:04"), e.Session.ID)
}

func describeLimit(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%d-hour", d/time.Hour)
	}
	return FormatDuration(d)
}

// LabOrderError is a lab recorded before any passed qualifying exam.
type LabOrderError struct {
	Lab  Date
	Exam string // the qualifying exam, like 350-501
}

func (e *LabOrderError) Error() string {
	return fmt.Sprintf("the lab on %s needs a passed %s before it: record that pass first", e.Lab, e.Exam)
}

// CourseGradeError is a course whose grade its status cannot have: a grade on a planned course,
// or a final grade (A+ to F, P) on one in progress, which would leave it out of the credits and
// the GPA. Want is the status that goes with the grade.
type CourseGradeError struct {
	Grade        string
	Status, Want CourseStatus
}

func (e *CourseGradeError) Error() string {
	if e.Status == CoursePlanned {
		return fmt.Sprintf("a planned course has no grade yet, and this one has the grade %s", e.Grade)
	}
	return fmt.Sprintf("grade %s is a final grade, which an in-progress course does not have yet (it would count in neither the credits nor the GPA)", e.Grade)
}

// LinkedSessionsError is a record (a course, a milestone: Kind) that sessions link to, by their
// Sessions ids, or the running timer does, so that it cannot be removed; Name is the record as
// the message names it.
type LinkedSessionsError struct {
	Kind, Name string
	Sessions   []string
	Timer      bool
}

func (e *LinkedSessionsError) Error() string {
	n := len(e.Sessions)
	who, them := CountOf(n, "session links", "sessions link"), "them"
	switch {
	case e.Timer && n == 0:
		who = "the running timer links"
	case e.Timer:
		who = CountOf(n, "session", "sessions") + " and the running timer link"
	}
	if n == 1 && !e.Timer || n == 0 && e.Timer {
		them = "it"
	}
	return fmt.Sprintf("%s to %s: unlink %s first", who, e.Name, them)
}

// Backup is a backup of the store: where, when it was taken, how many sessions it holds.
type Backup struct {
	Path     string
	Taken    time.Time // the file's modification time: when the copy was written
	Sessions int
}

// DroppedSessions is what removing a store's damaged sessions did, when no good backup was left.
type DroppedSessions struct {
	Dropped  int    // session records removed: they failed their checksum or did not decode
	Kept     int    // sessions left, all of them sound
	Original string // the damaged file, kept as it was under this name
}

// DamageError is a store that cannot be read or written safely, with the newest good backup to
// restore (Restore.Path is "" when there is none in BackupDir).
type DamageError struct {
	What      string // what is wrong, and what was left as it was
	Why       string // what is wrong alone, in a few words ("record t3 fails its checksum")
	Restore   Backup
	BackupDir string
	Err       error
	// BeyondSessions: the damage is where removing the damaged sessions cannot mend it (the
	// page tree, the plan, the timer).
	BeyondSessions bool
	// DamagedSessions, when not 0, is how many session records are damaged where nothing else
	// is, so that removing them mends the store; SoundSessions is how many it holds whole
	// besides them. Set for a store with a backup to restore, to weigh what each way loses.
	DamagedSessions, SoundSessions int
}

func (e *DamageError) Error() string {
	if e.BackupDir == "" {
		return e.What
	}
	if e.Restore.Path == "" {
		return e.What + " There is no good backup in " + e.BackupDir + "."
	}
	return fmt.Sprintf("%s The newest good backup is %s, taken %s with %s", e.What,
		e.Restore.Path, e.Restore.Taken.Format("2006-01-02 15:04"), CountOf(e.Restore.Sessions, "session", "sessions"))
}

func (e *DamageError) Unwrap() error { return e.Err }

// Hints is what hint says to do about err and each error it wraps, depth first (through
// Unwrap() error and Unwrap() []error), each once and without the zero value: an interface
// words what to do about every typed error inside, however it was wrapped or joined.
func Hints[H comparable](err error, hint func(error) H) []H {
	var out []H
	var zero H
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if h := hint(e); h != zero && !slices.Contains(out, h) {
			out = append(out, h)
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				walk(inner)
			}
		}
	}
	walk(err)
	return out
}
