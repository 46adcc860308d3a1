package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// AddSession validates and stores a finished session. A session that carries an id, a created
// or an updated time keeps them (an undo, an import), and one whose id is taken is a conflict.
func (db *DB) AddSession(s tracker.Session) (tracker.Session, error) {
	out, err := db.AddSessions([]tracker.Session{s})
	if err != nil {
		return s, err
	}
	return out[0], nil
}

// AddSessions stores many finished sessions in one transaction: all of them or, if any is
// invalid, none; the error names the first bad one by its position.
func (db *DB) AddSessions(in []tracker.Session) ([]tracker.Session, error) {
	now := db.opt.Now()
	out := make([]tracker.Session, len(in))
	ids := make([]uuid.UUID, len(in))
	for i, s := range in {
		tracker.NormalizeSession(&s)
		if s.ID == "" {
			s.ID = newID()
		}
		id, err := parseID(s.ID)
		if err != nil {
			return nil, err
		}
		s.ID = id.String()
		if s.Created.IsZero() {
			s.Created = stamp(now)
		}
		if s.Updated = stamp(s.Updated); s.Updated.IsZero() {
			s.Updated = stamp(now)
		}
		out[i], ids[i] = s, id
	}
	err := db.update(func(tx *bolt.Tx) error {
		plan, err := db.refsIn(tx, RefsOf(out...), out...)
		if err != nil {
			return err
		}
		totals, err := keptTotals(tx, db.opt.Loc)
		if err != nil {
			return err
		}
		known := tx.Bucket(bucketSessionIDs)
		for i := range out {
			if err := tracker.ValidateSession(&out[i], &plan, now); err != nil {
				return numbered(err, i, len(out))
			}
			if known.Get(ids[i][:]) != nil {
				return numbered(tracker.Errorf(tracker.Conflict, "a session with id %s already exists", out[i].ID), i, len(out))
			}
			if err := putSession(tx, totals, ids[i], &out[i]); err != nil {
				return err
			}
		}
		return totals.flush(tx)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// numbered prefixes an error with the session's position when there are several.
func numbered(err error, i, n int) error {
	if n == 1 {
		return err
	}
	e := &tracker.Error{Code: tracker.ErrorCode(err), Err: err}
	e.Message = fmt.Sprintf("session %d of %d: %v; nothing was saved", i+1, n, err)
	return e
}

// bucketDeleted holds the sessions deleted here, by id: when, and the Source of an imported
// one, so that an import of a file that has them again (an older export, the next Timewarrior
// export) leaves them out instead of bringing them back. A session written again under its id
// (an undo, another machine's edit) leaves it. Made at the first delete: an older store lacks it.
var bucketDeleted = []byte("deleted_sessions")

// keepDeleted records that the session s, of id, was deleted at.
func keepDeleted(tx *bolt.Tx, id uuid.UUID, s *tracker.Session, at time.Time) error {
	b, err := tx.CreateBucketIfNotExists(bucketDeleted)
	if err != nil {
		return err
	}
	return b.Put(id[:], append(binary.BigEndian.AppendUint64(nil, uint64(at.Unix())), s.Source...))
}

// DeletedSessions calls fn for each session deleted here and not written again since: its id,
// its Source ("" unless imported) and when it was deleted.
func (db *DB) DeletedSessions(fn func(id, source string, at time.Time) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDeleted)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			id, err := uuid.FromBytes(k)
			if err != nil || len(v) < 8 {
				return nil // not one keepDeleted wrote: nothing to leave out for it
			}
			return fn(id.String(), string(v[8:]), time.Unix(int64(binary.BigEndian.Uint64(v)), 0))
		})
	})
}

// putSession stores a new session and counts it in totals.
func putSession(tx *bolt.Tx, totals *totalsDelta, id uuid.UUID, s *tracker.Session) error {
	key := sessionKey(s.Start, id)
	if err := tx.Bucket(bucketSessions).Put(key, encodeSession(key, s)); err != nil {
		return err
	}
	if b := tx.Bucket(bucketDeleted); b != nil {
		if err := b.Delete(id[:]); err != nil {
			return err
		}
	}
	totals.add(key, s)
	return tx.Bucket(bucketSessionIDs).Put(id[:], key)
}

// UpdateSession replaces a stored session, keeping its id and created time.
func (db *DB) UpdateSession(s tracker.Session) (tracker.Session, error) {
	tracker.NormalizeSession(&s)
	now := db.opt.Now()
	id, err := parseID(s.ID)
	if err != nil {
		return s, err
	}
	err = db.update(func(tx *bolt.Tx) error {
		old, oldKey, err := getSession(tx, id)
		if err != nil {
			return err
		}
		plan, err := db.refsIn(tx, RefsOf(s), s)
		if err != nil {
			return err
		}
		s.ID, s.Created, s.Updated = old.ID, old.Created, stamp(now)
		if err := tracker.ValidateSession(&s, &plan, now); err != nil {
			return err
		}
		totals, err := keptTotals(tx, db.opt.Loc)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketSessions).Delete(oldKey); err != nil {
			return err
		}
		totals.remove(oldKey, &old)
		if err := putSession(tx, totals, id, &s); err != nil {
			return err
		}
		return totals.flush(tx)
	})
	return s, err
}

func getSession(tx *bolt.Tx, id uuid.UUID) (tracker.Session, []byte, error) {
	var s tracker.Session
	key := tx.Bucket(bucketSessionIDs).Get(id[:])
	if key == nil {
		return s, nil, tracker.Errorf(tracker.NotFound, "no session has id %s", id)
	}
	val := tx.Bucket(bucketSessions).Get(key)
	if val == nil {
		return s, nil, tracker.Errorf(tracker.NotFound, "no session has id %s", id)
	}
	if err := newDecoder().decode(key, val, &s); err != nil {
		return s, nil, err
	}
	return s, bytes.Clone(key), nil
}

// resolveID finds the one session whose id is or starts with ref (at least 4 hex digits).
func resolveID(tx *bolt.Tx, ref string) (uuid.UUID, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if u, err := uuid.Parse(ref); err == nil {
		return u, nil
	}
	digits := strings.ReplaceAll(ref, "-", "")
	if len(digits) < 4 {
		return uuid.UUID{}, tracker.Errorf(tracker.Invalid, "%q is too short: give at least 4 characters of the session id", ref)
	}
	seek, err := hex.DecodeString(digits[:len(digits)/2*2])
	if err != nil || len(digits) > 32 {
		return uuid.UUID{}, tracker.Errorf(tracker.Invalid, "%q is not a session id", ref)
	}
	var found []uuid.UUID
	ids := tx.Bucket(bucketSessionIDs)
	c := ids.Cursor()
	const shown = 6 // of the sessions an ambiguous prefix could mean
	for k, _ := c.Seek(seek); k != nil && bytes.HasPrefix(k, seek) && len(found) <= shown; k, _ = c.Next() {
		u, _ := uuid.FromBytes(k)
		if strings.HasPrefix(strings.ReplaceAll(u.String(), "-", ""), digits) {
			found = append(found, u)
		}
	}
	if len(found) != 1 {
		// Ids made days apart still share their first characters (UUID v7 starts with the
		// time), while their ends are random: the end of an id names it as well. That takes a
		// walk of the ids, done only when the start did not name one.
		_ = ids.ForEach(func(k, _ []byte) error {
			if u, _ := uuid.FromBytes(k); strings.HasSuffix(hex.EncodeToString(k), digits) && !slices.Contains(found, u) {
				found = append(found, u)
			}
			return nil
		})
	}
	switch len(found) {
	case 0:
		return uuid.UUID{}, tracker.Detailed(tracker.NotFound, &tracker.NotFoundError{Kind: tracker.RecordSession, Ref: ref, ByPrefix: true})
	case 1:
		return found[0], nil
	}
	// Ids made within moments of each other share their first characters (UUID v7 starts with
	// the time), so the candidates are listed to copy one from.
	var lines []string
	for _, u := range found[:min(len(found), shown)] {
		line := u.String()
		if s, _, err := getSession(tx, u); err == nil {
			line += fmt.Sprintf("  %s  %s", s.Start.Local().Format("2006-01-02 15:04"), tracker.FormatDuration(s.Duration))
		}
		lines = append(lines, line)
	}
	if len(found) > shown {
		lines = append(lines, "…")
	}
	return uuid.UUID{}, tracker.Errorf(tracker.Conflict, "more than one session id starts or ends with %q: give more of it, or the whole id:\n  %s",
		ref, strings.Join(lines, "\n  "))
}

// GetSession returns the session with the given id, or the one id that starts with it.
func (db *DB) GetSession(ref string) (tracker.Session, error) {
	var s tracker.Session
	err := db.view(func(tx *bolt.Tx) error {
		id, err := resolveID(tx, ref)
		if err != nil {
			return err
		}
		s, _, err = getSession(tx, id)
		return err
	})
	return s, err
}

// DeleteSession removes a session (by id or unique prefix) and returns it, so it can be undone
// by adding it back.
func (db *DB) DeleteSession(ref string) (tracker.Session, error) {
	var s tracker.Session
	err := db.update(func(tx *bolt.Tx) error {
		id, err := resolveID(tx, ref)
		if err != nil {
			return err
		}
		var key []byte
		if s, key, err = getSession(tx, id); err != nil {
			return err
		}
		totals, err := keptTotals(tx, db.opt.Loc)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketSessions).Delete(key); err != nil {
			return err
		}
		totals.remove(key, &s)
		if err := tx.Bucket(bucketSessionIDs).Delete(id[:]); err != nil {
			return err
		}
		if err := keepDeleted(tx, id, &s, db.opt.Now()); err != nil {
			return err
		}
		return totals.flush(tx)
	})
	return s, err
}

// SessionCount is how many finished sessions the store holds, from the page headers of their
// bucket: a reader can size its list before walking them.
func (db *DB) SessionCount() (n int, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		n = sessionCountIn(tx)
		return nil
	})
	return n, err
}

func sessionCountIn(tx *bolt.Tx) int { return tx.Bucket(bucketSessions).Stats().KeyN }

// Sessions walks the sessions that start in [q.From, q.To) with one cursor seek.
func (db *DB) Sessions(q tracker.Query, fn func(*tracker.Session) error) error {
	return db.view(func(tx *bolt.Tx) error {
		return walkSessions(tx, q, fn, db.damaged)
	})
}

// SessionBatches walks the sessions of q like Sessions, decoding them straight into batches,
// whose strings point into the batch's Text: when batch is full (cap(batch.Sessions)), next
// takes it and returns the batch to fill next, and the last one, part full, goes to next too.
// A batch's sessions stay as they are until it is returned by next to be filled again, so that
// an export hands them to another goroutine without copying them. Each batch's Finish writes
// its sessions' IDs: the reader of the batch calls it, on its own goroutine, which then takes
// that part of the decoding (a tenth of it) off the walk's.
func (db *DB) SessionBatches(q tracker.Query, batch *tracker.SessionBatch, next func(*tracker.SessionBatch) (*tracker.SessionBatch, error)) error {
	return db.view(func(tx *bolt.Tx) error {
		dec := newDecoder()
		dec.growText, dec.idLater = true, !q.TotalsOnly
		idsOf := map[*tracker.SessionBatch][][16]byte{} // the raw ids of each batch's sessions
		batch.Sessions, dec.text = batch.Sessions[:0], batch.Text[:0]
		ids := idsOf[batch][:0]
		pass := func() (err error) {
			batch.Text, idsOf[batch] = dec.text, ids
			if dec.idLater {
				batch.Finish = finishIDs(ids)
			}
			if batch, err = next(batch); err == nil {
				batch.Sessions, dec.text, ids = batch.Sessions[:0], batch.Text[:0], idsOf[batch][:0]
			}
			return err
		}
		err := walkRecords(tx, q, func(k, v []byte) error {
			if len(batch.Sessions) == cap(batch.Sessions) {
				if err := pass(); err != nil {
					return err
				}
			}
			n := len(batch.Sessions)
			batch.Sessions = batch.Sessions[:n+1]
			if err := dec.decodeFields(k, v, &batch.Sessions[n], q.TotalsOnly); err != nil {
				return db.damaged(sessionDamage(k, err), err)
			}
			ids = append(ids, [16]byte(k[8:keyLen]))
			return nil
		})
		if err == nil && len(batch.Sessions) > 0 {
			err = pass()
		}
		return err
	})
}

// finishIDs writes the IDs of a batch's sessions from their raw ids, into the batch's Text.
func finishIDs(ids [][16]byte) func(*tracker.SessionBatch) {
	return func(b *tracker.SessionBatch) {
		text := b.Text
		for i := range b.Sessions {
			start := len(text)
			text = appendUUIDText(text, ids[i][:])
			b.Sessions[i].ID = unsafe.String(&text[start], uuidTextLen) // growing text leaves the earlier strings in the old array
		}
		b.Text = text
	}
}

func walkSessions(tx *bolt.Tx, q tracker.Query, fn func(*tracker.Session) error, damaged func(string, error) error) error {
	dec := newDecoder()
	var s tracker.Session
	return walkRecords(tx, q, func(k, v []byte) error {
		if err := dec.decodeFields(k, v, &s, q.TotalsOnly); err != nil {
			return damaged(sessionDamage(k, err), err)
		}
		return fn(&s)
	})
}

// walkRecords calls visit with the key and record of every session of q, in its order.
func walkRecords(tx *bolt.Tx, q tracker.Query, visit func(k, v []byte) error) error {
	c := tx.Bucket(bucketSessions).Cursor()
	var lo, hi []byte
	if !q.From.IsZero() {
		lo = timeKey(q.From)
	}
	if !q.To.IsZero() {
		hi = timeKey(q.To)
	}
	if !q.Reverse {
		k, v := c.First()
		if lo != nil {
			k, v = c.Seek(lo)
		}
		for ; k != nil && (hi == nil || bytes.Compare(k, hi) < 0); k, v = c.Next() {
			if err := visit(k, v); err != nil {
				return err
			}
		}
		return nil
	}
	var k, v []byte
	switch {
	case hi == nil:
		k, v = c.Last()
	default:
		if k, v = c.Seek(hi); k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
	}
	for ; k != nil && (lo == nil || bytes.Compare(k, lo) >= 0); k, v = c.Prev() {
		if err := visit(k, v); err != nil {
			return err
		}
	}
	return nil
}

var timerKey = []byte("running")

func readTimer(tx *bolt.Tx) (tracker.Session, bool, error) {
	var s tracker.Session
	v := tx.Bucket(bucketTimer).Get(timerKey)
	if v == nil {
		return s, false, nil
	}
	if len(v) < keyLen {
		return s, false, errBadRecord
	}
	err := newDecoder().decode(v[:keyLen], v[keyLen:], &s)
	return s, err == nil, err
}

// StartTimer stores a running timer. It is an ordinary record in the file, so it survives the
// process being killed or the machine rebooting. A timer that carries an id, a created or an
// updated time keeps them (an undo, an import); an id that a session has is a conflict.
func (db *DB) StartTimer(s tracker.Session) (tracker.Session, error) {
	now := db.opt.Now()
	if s.Start.IsZero() {
		s.Start = now
	}
	tracker.NormalizeSession(&s)
	if s.ID == "" {
		s.ID = newID()
	}
	id, err := parseID(s.ID)
	if err != nil {
		return s, err
	}
	s.ID, s.Running, s.Duration = id.String(), true, 0
	if s.Created.IsZero() {
		s.Created = stamp(now)
	}
	if s.Updated = stamp(s.Updated); s.Updated.IsZero() {
		s.Updated = stamp(now)
	}
	err = db.update(func(tx *bolt.Tx) error {
		if running, ok, err := db.timerIn(tx); err != nil {
			return err
		} else if ok {
			plan, _ := readPlan(tx)
			since := running.Start.In(now.Location()).Format("15:04")
			if tracker.DateOf(running.Start.In(now.Location())) != tracker.DateOf(now) { // a timer forgotten for days says so
				since = running.Start.In(now.Location()).Format("Mon 2006-01-02 15:04")
			}
			return tracker.Errorf(tracker.Conflict, "a timer is already running for %s since %s: stop it first",
				plan.TopicPath(running.TopicID), since)
		}
		plan, err := db.refsIn(tx, RefsOf(s), s)
		if err != nil {
			return err
		}
		if err := tracker.ValidateTimer(&s, &plan, now); err != nil {
			return err
		}
		if tx.Bucket(bucketSessionIDs).Get(id[:]) != nil {
			return tracker.Errorf(tracker.Conflict, "a session with id %s already exists", s.ID)
		}
		key := sessionKey(s.Start, id)
		return tx.Bucket(bucketTimer).Put(timerKey, append(key, encodeSession(key, &s)...))
	})
	return s, err
}

// Timer returns the running timer, if there is one.
func (db *DB) Timer() (tracker.Session, bool, error) {
	var s tracker.Session
	var ok bool
	err := db.view(func(tx *bolt.Tx) (err error) {
		s, ok, err = db.timerIn(tx)
		return err
	})
	return s, ok, err
}

// timerIn reads the running timer, if any; a record that cannot be read is damage.
func (db *DB) timerIn(tx *bolt.Tx) (tracker.Session, bool, error) {
	s, ok, err := readTimer(tx)
	if err != nil {
		return s, false, db.damaged("the running timer's record is malformed", err)
	}
	return s, ok, nil
}

// runningTimer is timerIn for the commands that need a timer: none running is an error.
func (db *DB) runningTimer(tx *bolt.Tx) (tracker.Session, error) {
	s, ok, err := db.timerIn(tx)
	if err == nil && !ok {
		err = tracker.Errorf(tracker.NotFound, "no timer is running")
	}
	return s, err
}

// StopTimer turns the running timer into a finished session ending at end, in one transaction.
func (db *DB) StopTimer(end time.Time, edit func(*tracker.Session)) (tracker.Session, error) {
	now := db.opt.Now()
	var s tracker.Session
	err := db.update(func(tx *bolt.Tx) error {
		running, err := db.runningTimer(tx)
		if err != nil {
			return err
		}
		s = running
		id, err := parseID(s.ID)
		if err != nil {
			return err
		}
		if logged, _, err := getSession(tx, id); err == nil {
			plan, _ := readPlan(tx)
			logged.Start = logged.Start.In(now.Location())
			return tracker.Detailed(tracker.Conflict, &tracker.TimerLoggedError{Session: logged, Topic: plan.TopicPath(logged.TopicID)})
		} else if tracker.ErrorCode(err) != tracker.NotFound {
			return err
		}
		if end.After(now) {
			return tracker.Errorf(tracker.Invalid, "the stop time %s is in the future: give the time you stopped, or leave it out to stop now",
				end.In(now.Location()).Format("2006-01-02 15:04"))
		}
		s.Running = false
		s.Duration = end.Sub(s.Start)
		if edit != nil {
			edit(&s) // an import's may put the file's start and length in place
		}
		if s.Duration <= 0 {
			return tracker.Errorf(tracker.Invalid, "the stop time %s is not after the timer's start %s",
				s.End().In(now.Location()).Format("2006-01-02 15:04:05"), s.Start.In(now.Location()).Format("2006-01-02 15:04:05"))
		}
		tracker.NormalizeSession(&s)
		s.Updated = stamp(now)
		plan, err := db.refsIn(tx, RefsOf(s), s)
		if err != nil {
			return err
		}
		if s.Duration > tracker.MaxSession {
			return tracker.Detailed(tracker.Invalid, &tracker.TimerOverLimitError{Ran: s.Duration, Limit: tracker.MaxSession})
		}
		if err := tracker.ValidateSession(&s, &plan, now); err != nil {
			return err
		}
		totals, err := keptTotals(tx, db.opt.Loc)
		if err != nil {
			return err
		}
		if err := putSession(tx, totals, id, &s); err != nil {
			return err
		}
		if err := totals.flush(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketTimer).Delete(timerKey)
	})
	return s, err
}

// CancelTimer discards the running timer, and remembers it as discarded.
func (db *DB) CancelTimer() (tracker.Session, error) {
	var s tracker.Session
	err := db.update(func(tx *bolt.Tx) error {
		running, err := db.runningTimer(tx)
		if err != nil {
			return err
		}
		s = running
		if err := tx.Bucket(bucketTimer).Delete(timerKey); err != nil {
			return err
		}
		// An imported timer is as a deleted session: the file's next export, with its interval
		// closed, does not bring the time discarded back.
		if id, err := uuid.Parse(s.ID); err == nil && s.Source != "" {
			if err := keepDeleted(tx, id, &s, db.opt.Now()); err != nil {
				return err
			}
		}
		// A damaged list is started again: it must never stop a timer from being discarded.
		list, _ := readDiscarded(tx)
		list = append(list, discardedTimer{ID: s.ID, Source: s.Source, Start: s.Start.Unix(), Topic: s.TopicID, At: db.opt.Now().Unix()})
		return putJSON(tx.Bucket(bucketMeta), string(keyDiscarded), list[max(0, len(list)-keepDiscarded):])
	})
	return s, err
}

// keyDiscarded holds the last timers discarded, so that an import of a file that holds one of
// them running (an export taken before the discard) does not start it again. It is this
// store's own: it does not sync.
var keyDiscarded = []byte("discarded_timers")

const keepDiscarded = 32

type discardedTimer struct {
	ID     string `json:"id,omitempty"`
	Source string `json:"source,omitempty"`
	Start  int64  `json:"start"`
	Topic  string `json:"topic"`
	At     int64  `json:"at"` // when it was discarded, in Unix seconds
}

func readDiscarded(tx *bolt.Tx) ([]discardedTimer, error) {
	var list []discardedTimer
	if raw := tx.Bucket(bucketMeta).Get(keyDiscarded); raw != nil {
		if err := getJSON(keyDiscarded, raw, &list); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// DiscardedTimer reports whether a timer like s (the same id; else the same source; else the
// same start and topic) was discarded in this store, and when.
func (db *DB) DiscardedTimer(s tracker.Session) (time.Time, bool, error) {
	var at time.Time
	var found bool
	err := db.view(func(tx *bolt.Tx) error {
		list, err := readDiscarded(tx)
		if err != nil {
			return nil // a damaged list forgets the discards, as if there were none
		}
		for _, d := range list {
			same := s.ID != "" && d.ID == s.ID
			if !same && (s.Source != "" || d.Source != "") {
				same = s.Source == d.Source
			} else if !same {
				same = d.Start == s.Start.Unix() && d.Topic == s.TopicID
			}
			if same {
				at, found = time.Unix(d.At, 0), true
			}
		}
		return nil
	})
	return at, found, err
}
