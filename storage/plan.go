package storage

import (
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// editPlan runs fn on the plan inside one write transaction.
func (db *DB) editPlan(fn func(tx *bolt.Tx, p *tracker.Plan) error) error {
	return db.update(func(tx *bolt.Tx) error {
		p, err := db.planIn(tx)
		if err != nil {
			return err
		}
		return fn(tx, &p)
	})
}

// matchingSessions lists the ids of the sessions that match, and whether the running timer does.
func matchingSessions(tx *bolt.Tx, match func(*tracker.Session) bool, damaged func(string, error) error) (ids []string, timer bool, err error) {
	err = walkSessions(tx, tracker.Query{}, func(s *tracker.Session) error {
		if match(s) {
			ids = append(ids, s.ID)
		}
		return nil
	}, damaged)
	if t, ok, _ := readTimer(tx); ok && match(&t) {
		timer = true
	}
	return ids, timer, err
}

// linked is the refusal to remove a record that sessions (or the running timer) link to, nil
// when none does.
func linked(tx *bolt.Tx, kind, name string, match func(*tracker.Session) bool, damaged func(string, error) error) error {
	ids, timer, err := matchingSessions(tx, match, damaged)
	if err != nil || len(ids) == 0 && !timer {
		return err
	}
	return tracker.Detailed(tracker.Conflict, &tracker.LinkedSessionsError{Kind: kind, Name: name, Sessions: ids, Timer: timer})
}

// newRecordID gives a new plan record the next short id ("M13": short ids keep session records
// small and are easy to type), numbered past every id of the kind this store has ever given, so
// that a removed record's id is never given again: what still refers to it, here or on another
// device, must not come to mean another record. Once the store has synced, the device's tag
// follows the number ("M13-3f2c"), since two devices adding records apart would otherwise both
// give M13.
func newRecordID(tx *bolt.Tx, prefix string, ids []string) (string, error) {
	meta := tx.Bucket(bucketMeta)
	given := map[string]int{}
	if raw := meta.Get(keyLastIDs); raw != nil {
		if err := getJSON(keyLastIDs, raw, &given); err != nil {
			return "", tracker.Errorf(tracker.Damaged, "the record of the ids given so far is malformed: %v", err)
		}
	}
	n := given[prefix]
	for _, id := range ids {
		rest, ok := strings.CutPrefix(id, prefix)
		if !ok {
			continue
		}
		end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if end < 0 {
			end = len(rest)
		}
		if v, err := strconv.Atoi(rest[:end]); err == nil {
			n = max(n, v)
		}
	}
	given[prefix] = n + 1
	if err := putJSON(meta, string(keyLastIDs), given); err != nil {
		return "", err
	}
	id := prefix + strconv.Itoa(n+1)
	if b := tx.Bucket(bucketSync); b != nil {
		if tag := b.Get([]byte(keyIDTag)); len(tag) > 0 {
			id += "-" + string(tag)
		}
	}
	return id, nil
}

func ids[T any](items []T, id func(*T) string) []string {
	out := make([]string, len(items))
	for i := range items {
		out[i] = id(&items[i])
	}
	return out
}

// PutTopic adds a topic (an empty ID gets a new one), or replaces the topic with its ID; a
// removed topic put back with its ID returns as it was (undo, import).
func (db *DB) PutTopic(t tracker.Topic) (tracker.Topic, error) {
	t.Name = strings.TrimSpace(t.Name)
	err := db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		if t.ID == "" {
			var err error
			if t.ID, err = newRecordID(tx, "t", ids(p.Topics, func(t *tracker.Topic) string { return t.ID })); err != nil {
				return err
			}
		}
		if t.Order == 0 {
			for _, o := range p.Topics {
				t.Order = max(t.Order, o.Order+1)
			}
		}
		if err := tracker.ValidateTopic(&t, p); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketTopics), t.ID, t)
	})
	return t, err
}

// DeleteTopic removes a topic that has no subtopics and no sessions.
func (db *DB) DeleteTopic(id string) error {
	return db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		t, ok := p.Topic(id)
		if !ok {
			return tracker.Errorf(tracker.NotFound, "topic %q does not exist", id)
		}
		if timer, running, _ := readTimer(tx); running && timer.TopicID == id {
			return tracker.Errorf(tracker.Conflict, "the timer is running on %q: stop it (or cancel it) first", t.Name)
		}
		ids, timer, err := matchingSessions(tx, func(s *tracker.Session) bool { return s.TopicID == id }, db.damaged)
		if err != nil {
			return err
		}
		n := len(ids)
		if timer {
			n++
		}
		if kids := p.Children(id); len(kids) > 0 {
			subtopics := tracker.CountOf(len(kids), "subtopic", "subtopics")
			if n > 0 { // both, so that the person does not clear one to meet the other
				return tracker.Errorf(tracker.Conflict, "%q has %s and %s logged against it: remove or move the subtopics, and move the sessions to another topic, first",
					t.Name, subtopics, tracker.CountOf(n, "session", "sessions"))
			}
			return tracker.Errorf(tracker.Conflict, "%q has %s: remove or move them first", t.Name, subtopics)
		}
		if n > 0 {
			return tracker.Errorf(tracker.Conflict, "%q has %s logged against it: move %s to another topic first", t.Name, tracker.CountOf(n, "session", "sessions"), map[bool]string{true: "it", false: "them"}[n == 1])
		}
		return tx.Bucket(bucketTopics).Delete([]byte(id))
	})
}

// PutMilestone adds a milestone (an empty ID gets a new one) or replaces the one with its ID.
func (db *DB) PutMilestone(m tracker.Milestone) (tracker.Milestone, error) {
	m.Title = strings.TrimSpace(m.Title)
	err := db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		if m.ID == "" {
			var err error
			if m.ID, err = newRecordID(tx, "M", ids(p.Milestones, func(m *tracker.Milestone) string { return m.ID })); err != nil {
				return err
			}
		}
		if m.Order == 0 {
			for _, o := range p.Milestones {
				m.Order = max(m.Order, o.Order+1)
			}
		}
		if m.Status == "" {
			m.Status = tracker.Planned
		}
		if err := tracker.ValidateMilestone(&m, p); err != nil {
			return err
		}
		if err := tracker.CheckMilestoneDates(&m, p, db.opt.Now().In(db.opt.Loc)); err != nil {
			return err
		}
		// A new cost of the milestone that pays an exam's sittings is the next sitting's: the
		// attempts recorded before fees were kept get what they cost until now.
		if old, ok := p.Milestone(m.ID); ok && old.CostUSD != m.CostUSD {
			r := p.Rules()
			if exam, pays := r.PaidExams()[m.ID]; pays {
				if err := keepPaidFees(tx, p, exam); err != nil {
					return err
				}
			}
		}
		return putJSON(tx.Bucket(bucketMilestones), m.ID, m)
	})
	return m, err
}

// DeleteMilestone removes a milestone that no other milestone depends on and no session links to.
func (db *DB) DeleteMilestone(id string) error {
	return db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		m, ok := p.Milestone(id)
		if !ok {
			return tracker.NotFoundRecord(tracker.RecordMilestone, id)
		}
		for _, o := range p.Milestones {
			for _, d := range o.DependsOn {
				if d == id {
					return tracker.Errorf(tracker.Conflict, "%q depends on %q: remove that dependency first", o.Title, m.Title)
				}
			}
		}
		if err := linked(tx, tracker.RecordMilestone, strconv.Quote(m.Title), func(s *tracker.Session) bool { return s.MilestoneID == id }, db.damaged); err != nil {
			return err
		}
		return tx.Bucket(bucketMilestones).Delete([]byte(id))
	})
}

// PutCourse adds a course (an empty ID gets a new one) or replaces the one with its ID.
func (db *DB) PutCourse(c tracker.Course) (tracker.Course, error) {
	c.Code, c.Title, c.Term = strings.TrimSpace(c.Code), strings.TrimSpace(c.Title), strings.TrimSpace(c.Term)
	c.Grade = strings.ToUpper(strings.TrimSpace(c.Grade))
	err := db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		if c.ID == "" {
			var err error
			if c.ID, err = newRecordID(tx, "c", ids(p.Courses, func(c *tracker.Course) string { return c.ID })); err != nil {
				return err
			}
		}
		if c.Status == "" {
			c.Status = tracker.CoursePlanned
		}
		if err := tracker.ValidateCourse(&c, p); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketCourses), c.ID, c)
	})
	return c, err
}

// DeleteCourse removes a course no session links to.
func (db *DB) DeleteCourse(id string) error {
	return db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		c, ok := p.Course(id)
		if !ok {
			return tracker.NotFoundRecord(tracker.RecordCourse, id)
		}
		if err := linked(tx, tracker.RecordCourse, c.Code, func(s *tracker.Session) bool { return s.CourseID == id }, db.damaged); err != nil {
			return err
		}
		return tx.Bucket(bucketCourses).Delete([]byte(id))
	})
}

// PutProgram replaces the degree program.
func (db *DB) PutProgram(pr tracker.Program) error {
	if err := tracker.ValidateProgram(&pr); err != nil {
		return err
	}
	return db.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketMeta), string(keyProgram), pr) })
}

// PutGoals replaces the weekly goals.
func (db *DB) PutGoals(g tracker.Goals) error {
	if err := tracker.ValidateGoals(&g); err != nil {
		return err
	}
	return db.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketMeta), string(keyGoals), g) })
}

// PutSettings replaces the study settings.
func (db *DB) PutSettings(s tracker.Settings) error {
	if err := tracker.ValidateSettings(&s); err != nil {
		return err
	}
	return db.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketMeta), string(keySettings), s) })
}
