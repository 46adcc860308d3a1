package tracker

import (
	"slices"
	"strings"
	"time"
)

// NormalizeSession brings a session to the form the store keeps: instants in UTC to the second,
// durations to the second (never past the end that was validated), clean tags and note, and a
// kind. The store applies it on every write and an import before it checks and previews, so
// that what is previewed is what is saved.
func NormalizeSession(s *Session) {
	s.Start = s.Start.UTC().Truncate(time.Second)
	s.Created = s.Created.UTC().Truncate(time.Second)
	s.Duration = s.Duration.Truncate(time.Second)
	s.Planned = s.Planned.Truncate(time.Second)
	s.Tags = NormalizeTags(s.Tags)
	s.Note = strings.TrimSpace(s.Note)
	if s.Kind == "" {
		s.Kind = KindStudy
	}
}

// Clone returns a copy of the plan whose record lists can be changed, appended to and reordered
// without touching p's. The records' own slices and maps (tags, dependencies, goals per track)
// are shared: a caller replaces those, never edits them in place.
func (p *Plan) Clone() Plan {
	c := *p
	c.Exams, c.Topics, c.Milestones, c.Courses = slices.Clone(p.Exams), slices.Clone(p.Topics), slices.Clone(p.Milestones), slices.Clone(p.Courses)
	c.Attempts, c.Credits = slices.Clone(p.Attempts), slices.Clone(p.Credits)
	return c
}
