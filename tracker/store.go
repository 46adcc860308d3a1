package tracker

import "time"

// Store keeps a person's plan and sessions. storage implements it over bbolt. Every method that
// changes data validates the change with this package's rules inside the same transaction, so
// what is stored is always valid, and returns an *Error a person can act on.
type Store interface {
	// Plan returns the whole plan: exams, topics, milestones, the degree and the goals.
	Plan() (Plan, error)

	// AddSession stores a finished session, giving it an id and its created and updated times
	// unless it carries them (an undo, an import).
	AddSession(s Session) (Session, error)
	// AddSessions stores many sessions in one transaction: all of them, or none if any is invalid.
	AddSessions(ss []Session) ([]Session, error)
	// UpdateSession replaces the session with the same id.
	UpdateSession(s Session) (Session, error)
	// DeleteSession removes a session and returns what it was, for undo.
	DeleteSession(id string) (Session, error)
	// DeletedSessions calls fn for each session DeleteSession removed that was not stored
	// again since: its id, its Source and when it was deleted, so that an import leaves out
	// what the person deleted.
	DeletedSessions(fn func(id, source string, at time.Time) error) error
	// GetSession returns one session.
	GetSession(id string) (Session, error)
	// Sessions calls fn for each finished session that starts in [q.From, q.To), oldest first
	// (newest first with q.Reverse). The *Session is reused between calls: copy it to keep it.
	Sessions(q Query, fn func(*Session) error) error

	// StartTimer stores a running timer; there is at most one. Like AddSession it keeps an id and
	// times the timer carries.
	StartTimer(s Session) (Session, error)
	// Timer returns the running timer, if any.
	Timer() (Session, bool, error)
	// StopTimer ends the running timer at end, lets edit adjust it (note, tags, focus), and
	// stores it as a finished session.
	StopTimer(end time.Time, edit func(*Session)) (Session, error)
	// CancelTimer discards the running timer and returns it.
	CancelTimer() (Session, error)
	// DiscardedTimer reports whether a timer like s (the same id, or source, or start and
	// topic) was discarded here, and when: an import does not start it again.
	DiscardedTimer(s Session) (time.Time, bool, error)

	// PutTopic adds or replaces a topic (an empty ID adds one with a new ID; a given ID is kept,
	// so a removed topic can be put back); DeleteTopic removes one with no sessions or subtopics.
	PutTopic(t Topic) (Topic, error)
	DeleteTopic(id string) error
	// PutMilestone adds or replaces a milestone, as PutTopic; DeleteMilestone removes one that
	// nothing depends on.
	PutMilestone(m Milestone) (Milestone, error)
	DeleteMilestone(id string) error
	// PutCourse adds or replaces a degree course, as PutTopic; DeleteCourse removes one.
	PutCourse(c Course) (Course, error)
	DeleteCourse(id string) error
	PutProgram(p Program) error
	PutGoals(g Goals) error
	PutSettings(s Settings) error

	// Batch runs fn with a Store whose operations all happen in one transaction: everything fn
	// changes is written together, or nothing is when it returns an error.
	Batch(fn func(Store) error) error
}

// Query selects sessions by start time; zero bounds are open.
type Query struct {
	From, To time.Time
	Reverse  bool
	// TotalsOnly leaves out each session's ID, Note, Created and Updated, which totals never
	// read, so that a scan of many sessions allocates almost nothing.
	TotalsOnly bool
}

// SessionBatch is sessions read together (storage's SessionBatches), with the bytes their IDs,
// notes and sources point into, so that the batch can be reused whole.
type SessionBatch struct {
	Sessions []Session
	Text     []byte
	// Finish, when set, completes the sessions (storage leaves their IDs to it); the reader of
	// the batch calls it before reading them, on its own goroutine, so that this part of the
	// reading runs beside the walk.
	Finish func(*SessionBatch)
}
