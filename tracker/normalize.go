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

// FoldTwin puts on s what twin, the same session logged elsewhere (the same start, length,
// topic and kind), holds that s lacks: the lines of its note that s's lacks, its tags that s
// does not have, and its focus rating, milestone and course where s has none; s's updated
// time becomes the later of the two. It reports whether s changed. The result depends on the
// two sessions alone, so two machines that fold the same pair write the same record. What
// would pass the limits (a note, the number of tags) is left as s has it.
func FoldTwin(s *Session, twin *Session) bool {
	before := *s
	// Line by line, so that a note folded in on one machine is not added twice on another.
	has := map[string]bool{}
	for _, line := range strings.Split(s.Note, "\n") {
		has[strings.TrimSpace(line)] = true
	}
	for _, line := range strings.Split(twin.Note, "\n") {
		if line = strings.TrimSpace(line); line == "" || has[line] {
			continue
		}
		if s.Note == "" {
			s.Note = line
		} else if len(s.Note)+1+len(line) <= MaxNoteLen {
			s.Note += "\n" + line
		}
		has[line] = true
	}
	tags := slices.Clone(s.Tags)
	for _, t := range twin.Tags {
		if !slices.Contains(tags, t) && len(tags) < MaxTags {
			tags = append(tags, t)
		}
	}
	s.Tags = tags
	if s.Focus == 0 {
		s.Focus = twin.Focus
	}
	if s.MilestoneID == "" {
		s.MilestoneID = twin.MilestoneID
	}
	if s.CourseID == "" {
		s.CourseID = twin.CourseID
	}
	changed := s.Note != before.Note || !slices.Equal(s.Tags, before.Tags) || s.Focus != before.Focus ||
		s.MilestoneID != before.MilestoneID || s.CourseID != before.CourseID
	if changed && twin.Updated.After(s.Updated) {
		s.Updated = twin.Updated
	}
	return changed
}
