package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/fnv"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// The totals bucket keeps tracker.Totals up to date on every write of a session, so that a
// report over all time reads a few thousand sums instead of every session. It is derived
// data: never synced (each machine keeps its own), rebuilt from the sessions when it is
// missing or was kept in another time zone, and compared with a full scan by CheckTotals.
//
// Its records, all varints:
//
//	"zone"            the fingerprint of the zone the days are in (zoneFingerprint)
//	"all"             sessions counted, their seconds, the longest session's seconds
//	"d" + YYYY-MM-DD  a local day's seconds
//	"t" + topic id    the topic's sessions, their seconds, the latest end (Unix seconds)
//	"g" + lower tag   each spelling of the tag: its length and bytes, sessions, seconds, and
//	                  where it first appears (the session's key and the tag's position in it)
var bucketTotals = []byte("totals")

var (
	totalsZoneKey = []byte("zone")
	totalsAllKey  = []byte("all")
)

// noEnd is the last end of a topic with no sessions: earlier than any.
const noEnd = math.MinInt64

const (
	dayPrefix   = 'd'
	topicPrefix = 't'
	tagPrefix   = 'g'
	firstLen    = keyLen + 1 // a session key and a tag's position in it
)

var zoneFingerprints sync.Map // *time.Location to []byte

// zoneFingerprint identifies a zone by its rules from 1970 (the earliest a session may start)
// to 2100: every change of offset and the offsets themselves. Two zones with the same
// fingerprint split every session into the same local days, whatever they are called
// (time.Local's name is "Local" whatever it is).
func zoneFingerprint(loc *time.Location) []byte {
	if fp, ok := zoneFingerprints.Load(loc); ok {
		return fp.([]byte)
	}
	h := fnv.New64a()
	var buf []byte
	end := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	for t := tracker.EarliestTime.In(loc); t.Before(end); {
		_, offset := t.Zone()
		buf = binary.AppendVarint(binary.AppendVarint(buf[:0], t.Unix()), int64(offset))
		h.Write(buf)
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.After(t) {
			break // no more changes
		}
		t = next
	}
	fp := h.Sum(nil)
	zoneFingerprints.Store(loc, fp)
	return fp
}

// totalsDelta collects the changes of one write to the totals, applied by flush at its end:
// an import of 100,000 sessions then rewrites each sum once.
type totalsDelta struct {
	loc      *time.Location
	sessions int
	secs     int64
	maxSecs  int64
	days     map[tracker.Date]int64
	topics   map[string]*topicDelta
	tags     map[string]map[string]*spellingDelta // by lower-case tag, then spelling
}

type topicDelta struct {
	count          int
	secs           int64
	lastEnd        int64 // the latest end added
	removedLastEnd int64 // the latest end removed: if it was the topic's last, it is looked for again
}

type spellingDelta struct {
	count        int
	secs         int64
	first        []byte // the earliest place added
	removedFirst []byte // the earliest place removed: if it was the first, it is looked for again
}

func newTotalsDelta(loc *time.Location) *totalsDelta {
	return &totalsDelta{loc: loc, days: map[tracker.Date]int64{}, topics: map[string]*topicDelta{},
		tags: map[string]map[string]*spellingDelta{}}
}

// add counts a session stored under key; remove uncounts one that was.
func (d *totalsDelta) add(key []byte, s *tracker.Session)    { d.change(key, s, 1) }
func (d *totalsDelta) remove(key []byte, s *tracker.Session) { d.change(key, s, -1) }

func (d *totalsDelta) change(key []byte, s *tracker.Session, sign int) {
	secs, counted := tracker.SessionTotals(s, d.loc, func(day tracker.Date, n int64) { d.days[day] += int64(sign) * n })
	end := s.Start.Unix() + secs
	t := d.topics[s.TopicID]
	if t == nil {
		t = &topicDelta{lastEnd: noEnd, removedLastEnd: noEnd}
		d.topics[s.TopicID] = t
	}
	t.count += sign
	t.secs += int64(sign) * secs
	if sign > 0 {
		t.lastEnd = max(t.lastEnd, end)
		d.maxSecs = max(d.maxSecs, secs)
	} else {
		t.removedLastEnd = max(t.removedLastEnd, end)
	}
	if !counted {
		return
	}
	d.sessions += sign
	d.secs += int64(sign) * secs
	for i, tag := range s.Tags {
		if tag == "" {
			continue
		}
		lower := strings.ToLower(tag)
		group := d.tags[lower]
		if group == nil {
			group = map[string]*spellingDelta{}
			d.tags[lower] = group
		}
		sp := group[tag]
		if sp == nil {
			sp = &spellingDelta{}
			group[tag] = sp
		}
		sp.count += sign
		sp.secs += int64(sign) * secs
		place := append(bytes.Clone(key), byte(min(i, 255)))
		if sign > 0 {
			sp.first = earlier(sp.first, place)
		} else {
			sp.removedFirst = earlier(sp.removedFirst, place)
		}
	}
}

// earlier is the earlier of two places; nil is none.
func earlier(a, b []byte) []byte {
	if a == nil || b != nil && bytes.Compare(b, a) < 0 {
		return b
	}
	return a
}

// totalsAll is the "all" record.
type totalsAll struct {
	sessions      int
	secs, maxSecs int64
}

func readAllRecord(b *bolt.Bucket) (totalsAll, error) {
	var a totalsAll
	v := b.Get(totalsAllKey)
	if v == nil {
		return a, nil
	}
	r := varints{reader{b: v}}
	a.sessions, a.secs, a.maxSecs = int(r.next()), r.next(), r.next()
	return a, r.err()
}

// flush applies the delta to the totals bucket. The sessions bucket must already hold the
// write's result: a topic's last end or a tag's first place that was removed is looked for
// there again, and totals found malformed are rebuilt from it rather than stop the write.
func (d *totalsDelta) flush(tx *bolt.Tx) error {
	if err := d.apply(tx); !errors.Is(err, errBadTotals) {
		return err
	}
	return rebuildTotals(tx, d.loc)
}

func (d *totalsDelta) apply(tx *bolt.Tx) error {
	b := tx.Bucket(bucketTotals)
	all, err := readAllRecord(b)
	if err != nil {
		return errBadTotals
	}
	all.sessions += d.sessions
	all.secs += d.secs
	all.maxSecs = max(all.maxSecs, d.maxSecs)
	if err := b.Put(totalsAllKey, appendVarints(nil, int64(all.sessions), all.secs, all.maxSecs)); err != nil {
		return err
	}
	key := func(prefix byte, name string) []byte { return append([]byte{prefix}, name...) }
	for day, n := range d.days {
		if n == 0 {
			continue
		}
		k := key(dayPrefix, string(day))
		r := varints{reader{b: b.Get(k)}}
		secs := r.next() + n
		if err := putOrDelete(b, k, secs != 0, appendVarints(nil, secs)); err != nil {
			return err
		}
	}
	for id, t := range d.topics {
		k := key(topicPrefix, id)
		count, secs, last := int64(0), int64(0), int64(noEnd)
		if v := b.Get(k); v != nil {
			r := varints{reader{b: v}}
			count, secs, last = r.next(), r.next(), r.next()
			if r.err() != nil {
				return errBadTotals
			}
		}
		count += int64(t.count)
		secs += t.secs
		if count > 0 && t.removedLastEnd != noEnd && t.removedLastEnd >= last {
			if last, err = topicLastEnd(tx, id, all.maxSecs); err != nil {
				return err
			}
		} else {
			last = max(last, t.lastEnd)
		}
		if err := putOrDelete(b, k, count > 0, appendVarints(nil, count, secs, last)); err != nil {
			return err
		}
	}
	for lower, group := range d.tags {
		k := key(tagPrefix, lower)
		stored, err := decodeSpellings(b.Get(k))
		if err != nil {
			return err
		}
		for name, sp := range group {
			cur := stored[name]
			cur.count += int64(sp.count)
			cur.secs += sp.secs
			if cur.count > 0 && sp.removedFirst != nil && bytes.Compare(sp.removedFirst, cur.first) <= 0 {
				if cur.first, err = tagFirst(tx, name); err != nil {
					return err
				}
			} else {
				cur.first = earlier(cur.first, sp.first)
			}
			if cur.count > 0 {
				stored[name] = cur
			} else {
				delete(stored, name)
			}
		}
		if err := putOrDelete(b, k, len(stored) > 0, encodeSpellings(stored)); err != nil {
			return err
		}
	}
	return nil
}

func putOrDelete(b *bolt.Bucket, k []byte, keep bool, v []byte) error {
	if keep {
		return b.Put(k, v)
	}
	return b.Delete(k)
}

// spelling is one spelling of a tag as the totals keep it.
type spelling struct {
	count int64
	secs  int64
	first []byte
}

func decodeSpellings(v []byte) (map[string]spelling, error) {
	out := map[string]spelling{}
	for len(v) > 0 {
		n, w := binary.Uvarint(v)
		if w <= 0 || uint64(len(v)-w) < n {
			return nil, errBadTotals
		}
		name := string(v[w : w+int(n)])
		r := varints{reader{b: v[w+int(n):]}}
		sp := spelling{count: r.next(), secs: r.next()}
		if r.err() != nil || len(r.b) < firstLen {
			return nil, errBadTotals
		}
		sp.first = bytes.Clone(r.b[:firstLen])
		out[name] = sp
		v = r.b[firstLen:]
	}
	return out, nil
}

func encodeSpellings(m map[string]spelling) []byte {
	var out []byte
	for _, name := range slices.Sorted(maps.Keys(m)) {
		sp := m[name]
		out = appendString(out, name)
		out = appendVarints(out, sp.count, sp.secs)
		out = append(out, sp.first...)
	}
	return out
}

// topicLastEnd finds the latest end of a topic's sessions, walking back from the newest: the
// search stops once no session that starts earlier can end later than what was found.
func topicLastEnd(tx *bolt.Tx, id string, maxSecs int64) (int64, error) {
	best := int64(noEnd)
	dec := newDecoder()
	var s tracker.Session
	c := tx.Bucket(bucketSessions).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		start := keyStart(k).Unix()
		if best != noEnd && start+maxSecs <= best {
			break
		}
		if err := dec.decodeFields(k, v, &s, true); err != nil {
			return 0, errBadTotals
		}
		if s.TopicID == id {
			best = max(best, start+int64(s.Duration/time.Second))
		}
	}
	return best, nil
}

// tagFirst finds where a spelling of a tag first appears, walking forward from the oldest.
func tagFirst(tx *bolt.Tx, name string) ([]byte, error) {
	dec := newDecoder()
	var s tracker.Session
	c := tx.Bucket(bucketSessions).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := dec.decodeFields(k, v, &s, true); err != nil {
			return nil, errBadTotals
		}
		if s.Duration < time.Second {
			continue // not counted
		}
		for i, t := range s.Tags {
			if t == name {
				return append(bytes.Clone(k), byte(min(i, 255))), nil
			}
		}
	}
	return nil, errBadTotals // the spelling's count says it is there
}

var errBadTotals = errors.New("the report's totals are malformed")

// varints reads a totals record of varints with the session codec's reader; a short record
// reads as zeros and err says so.
type varints struct{ reader }

func (r *varints) next() int64 { return r.varint() }

func (r *varints) err() error {
	if r.reader.err != nil {
		return errBadTotals
	}
	return nil
}

func appendVarints(b []byte, vs ...int64) []byte {
	for _, v := range vs {
		b = binary.AppendVarint(b, v)
	}
	return b
}

// keptTotals makes the totals bucket ready for a write of sessions in loc: it rebuilds it when
// it is missing, damaged or kept in another zone, before the write changes anything.
func keptTotals(tx *bolt.Tx, loc *time.Location) (*totalsDelta, error) {
	b := tx.Bucket(bucketTotals)
	if b == nil || !bytes.Equal(b.Get(totalsZoneKey), zoneFingerprint(loc)) {
		if err := rebuildTotals(tx, loc); err != nil {
			return nil, err
		}
	}
	return newTotalsDelta(loc), nil
}

// rebuildTotals replaces the totals bucket with sums of every session, in loc.
func rebuildTotals(tx *bolt.Tx, loc *time.Location) error {
	if tx.Bucket(bucketTotals) != nil {
		if err := tx.DeleteBucket(bucketTotals); err != nil {
			return err
		}
	}
	b, err := tx.CreateBucket(bucketTotals)
	if err != nil {
		return err
	}
	d, err := scanTotals(tx, loc)
	if err != nil {
		return err
	}
	for k, v := range d.records() {
		if err := b.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return nil
}

// scanTotals sums every session, as a rebuild and a check need.
func scanTotals(tx *bolt.Tx, loc *time.Location) (*totalsDelta, error) {
	d := newTotalsDelta(loc)
	dec := newDecoder()
	var s tracker.Session
	err := tx.Bucket(bucketSessions).ForEach(func(k, v []byte) error {
		if err := dec.decodeFields(k, v, &s, true); err != nil {
			return err
		}
		d.add(k, &s)
		return nil
	})
	return d, err
}

// readTotals reads the totals bucket; ok is false when it is missing or kept in another zone.
func readTotals(tx *bolt.Tx, loc *time.Location) (t tracker.Totals, ok bool, err error) {
	b := tx.Bucket(bucketTotals)
	if b == nil || !bytes.Equal(b.Get(totalsZoneKey), zoneFingerprint(loc)) {
		return t, false, nil
	}
	all, err := readAllRecord(b)
	if err != nil {
		return t, false, err
	}
	t.Sessions, t.Seconds, t.MaxSeconds = all.sessions, all.secs, all.maxSecs
	err = b.ForEach(func(k, v []byte) error {
		if len(k) < 2 {
			return nil
		}
		name := string(k[1:])
		switch k[0] {
		case dayPrefix:
			r := varints{reader{b: v}}
			t.Days = append(t.Days, tracker.DaySeconds{Date: tracker.Date(name), Seconds: r.next()})
			return r.err()
		case topicPrefix:
			r := varints{reader{b: v}}
			r.next() // the count
			tp := tracker.TopicSeconds{ID: name, Seconds: r.next(), LastEnd: r.next()}
			t.Topics = append(t.Topics, tp)
			return r.err()
		case tagPrefix:
			spellings, err := decodeSpellings(v)
			if err != nil {
				return err
			}
			var tg tracker.TagSeconds
			var first []byte
			for name, sp := range spellings {
				tg.Seconds += sp.secs
				if first == nil || bytes.Compare(sp.first, first) < 0 {
					tg.Name, first = name, sp.first
				}
			}
			t.Tags = append(t.Tags, tg)
		}
		return nil
	})
	return t, err == nil, err
}

// Summarize gives sum and dash (either may be nil) what Add of every session would, in one
// transaction. From the totals kept for loc when it can: tracker.Summarizer.AddTotals and
// DashboardBuilder.AddTotals, then AddRecent of the sessions that may end after RecentFrom and,
// for a report of a period, AddInPeriod of those that may overlap it. From every session when
// the store keeps its totals in another time zone or they are malformed (CheckTotals rebuilds
// them).
func (db *DB) Summarize(p *tracker.Plan, loc *time.Location, now time.Time, sum *tracker.Summarizer, dash *tracker.DashboardBuilder) error {
	each := func(add func(*tracker.Session), addDash func(*tracker.Session)) func(*tracker.Session) error {
		return func(s *tracker.Session) error {
			if sum != nil {
				add(s)
			}
			if dash != nil {
				addDash(s)
			}
			return nil
		}
	}
	return db.view(func(tx *bolt.Tx) error {
		t, ok, err := readTotals(tx, loc)
		if err != nil || !ok {
			return walkSessions(tx, tracker.Query{TotalsOnly: true}, each(sum.Add, dash.Add), db.damaged)
		}
		longest := time.Duration(t.MaxSeconds) * time.Second
		recent := tracker.Query{From: tracker.RecentFrom(p, loc, now).Add(-longest), TotalsOnly: true}
		if err := walkSessions(tx, recent, each(sum.AddRecent, dash.AddRecent), db.damaged); err != nil {
			return err
		}
		if dash != nil {
			dash.AddTotals(&t)
		}
		if sum == nil {
			return nil
		}
		sum.AddTotals(&t)
		if sum.AllTime() {
			return nil
		}
		from, to := sum.Period()
		period := tracker.Query{To: to, TotalsOnly: true}
		if !from.IsZero() {
			period.From = from.Add(-longest)
		}
		return walkSessions(tx, period, func(s *tracker.Session) error { sum.AddInPeriod(s); return nil }, db.damaged)
	})
}

// CheckTotals compares the totals with a sum of every session and rebuilds them when they
// differ (or are missing, or kept in another zone than this store's). rebuilt says whether it
// did.
func (db *DB) CheckTotals() (rebuilt bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		rebuilt = !totalsMatch(tx, db.opt.Loc)
		return nil
	})
	if err != nil || !rebuilt {
		return false, err
	}
	return true, db.update(func(tx *bolt.Tx) error { return rebuildTotals(tx, db.opt.Loc) })
}

// totalsMatch compares the totals bucket with the records a rebuild would write, one by one.
func totalsMatch(tx *bolt.Tx, loc *time.Location) bool {
	kept := tx.Bucket(bucketTotals)
	if kept == nil {
		return false
	}
	d, err := scanTotals(tx, loc)
	if err != nil {
		return false
	}
	fresh := d.records()
	n := 0
	match := kept.ForEach(func(k, v []byte) error {
		n++
		if bytes.Equal(k, totalsAllKey) {
			return allMatches(v, fresh[string(k)])
		}
		if !bytes.Equal(fresh[string(k)], v) {
			return errBadTotals
		}
		return nil
	}) == nil
	return match && n == len(fresh)
}

// allMatches compares the "all" records: the longest session kept may be longer than the
// longest left (deleting a session does not look for the next longest; a longer bound only
// makes a report read a few more recent sessions).
func allMatches(kept, fresh []byte) error {
	k, f := varints{reader{b: kept}}, varints{reader{b: fresh}}
	if k.next() != f.next() || k.next() != f.next() || k.next() < f.next() || k.err() != nil || f.err() != nil {
		return errBadTotals
	}
	return nil
}

// records are the totals bucket's records for a delta of nothing but additions (a scan of
// every session), by key.
func (d *totalsDelta) records() map[string][]byte {
	out := map[string][]byte{
		string(totalsZoneKey): zoneFingerprint(d.loc),
		string(totalsAllKey):  appendVarints(nil, int64(d.sessions), d.secs, d.maxSecs),
	}
	for day, n := range d.days {
		if n != 0 {
			out[string(dayPrefix)+string(day)] = appendVarints(nil, n)
		}
	}
	for id, t := range d.topics {
		out[string(topicPrefix)+id] = appendVarints(nil, int64(t.count), t.secs, t.lastEnd)
	}
	for lower, group := range d.tags {
		m := map[string]spelling{}
		for name, sp := range group {
			m[name] = spelling{count: int64(sp.count), secs: sp.secs, first: sp.first}
		}
		out[string(tagPrefix)+lower] = encodeSpellings(m)
	}
	return out
}
