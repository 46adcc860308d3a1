package storage

import (
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// refsFor runs SessionRefsFor inside a batch, as a log does: the paths of the topics it read,
// sorted, and whether they were only some.
func refsFor(t *testing.T, db *DB, name string) (paths []string, some bool) {
	t.Helper()
	err := db.Batch(func(st tracker.Store) error {
		p, s, err := st.(*DB).SessionRefsFor(name, 0)
		for _, topic := range p.Topics {
			paths = append(paths, p.TopicPath(topic.ID))
		}
		some = s
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	return paths, some
}

// namedSo are the paths of the plan's topics whose names start with prefix, and of their
// parents, sorted: what SessionRefsFor should read.
func namedSo(p *tracker.Plan, prefix string) []string {
	var paths []string
	add := func(id string) {
		if path := p.TopicPath(id); !slices.Contains(paths, path) {
			paths = append(paths, path)
		}
	}
	for _, topic := range p.Topics {
		if strings.HasPrefix(strings.ToLower(topic.Name), prefix) {
			add(topic.ID)
			if topic.ParentID != "" {
				add(topic.ParentID)
			}
		}
	}
	slices.Sort(paths)
	return paths
}

// A log reads only the topics its name can match, once the first log has built the cache, and
// finds in them the topic the whole plan gives.
func TestALogReadsOnlyTheTopicsItsNameCanMatch(t *testing.T) {
	db := openTest(t, t.TempDir())
	whole, err := db.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if paths, some := refsFor(t, db, "BGP"); some || len(paths) != len(whole.Topics) {
		t.Fatalf("before any cache: %d topics, only some %v; want all %d", len(paths), some, len(whole.Topics))
	}
	for _, name := range []string{"BGP", "bgp", "route refl", "MPLS", "python", "seg", "multi"} {
		prefix, _ := tracker.NamePrefix(name)
		want := namedSo(&whole, prefix)
		paths, some := refsFor(t, db, name)
		if !some || !slices.Equal(paths, want) || len(want) == 0 || len(want) > len(whole.Topics)/4 {
			t.Errorf("%q: read %v (only some: %v), want %v", name, paths, some, want)
		}
	}
	// Outside a batch too, and then the plan holds the topic FindTopic finds in the whole plan.
	p, some, err := db.SessionRefsFor("route refl", 0)
	if err != nil || !some {
		t.Fatalf("outside a batch: only some %v, %v", some, err)
	}
	got, gerr := tracker.FindTopic(&p, "route refl")
	want, werr := tracker.FindTopic(&whole, "route refl")
	if gerr != nil || werr != nil || got.ID != want.ID || p.TopicPath(got.ID) != whole.TopicPath(want.ID) {
		t.Errorf("found %v (%v), the whole plan %v (%v)", got, gerr, want, werr)
	}
	// A name with its parent compares every topic's path, one that several topics start with
	// or none is searched for in every topic and answered with a list of them, and one that
	// stops inside a word that another topic holds whole ("lab" of Label operations, a word of
	// CCIE lab preparation) is weighed against every topic: all are read.
	for _, name := range []string{"BGP > route", "m", "token ring", "lab"} {
		if paths, some := refsFor(t, db, name); some || len(paths) != len(whole.Topics) {
			t.Errorf("%q: %d topics, only some %v", name, len(paths), some)
		}
	}
}

// The cache is believed only while the topics are as they were when it was built, whatever
// changed them: the store's own writes, a write to the file by another path (a sync merge writes
// records as they come), a topic removed, or damage to the cache itself.
func TestTheTopicNamesCacheIsNotBelievedOnceTheTopicsChange(t *testing.T) {
	db := openTest(t, t.TempDir())
	refsFor(t, db, "bgp") // builds it
	believed := func(what string, name string, wantPath string) {
		t.Helper()
		paths, some := refsFor(t, db, name)
		if some {
			t.Errorf("%s: the old cache was believed (%v)", what, paths)
		}
		if wantPath != "" && !slices.Contains(paths, wantPath) {
			t.Errorf("%s: %q not read", what, wantPath)
		}
		if paths, some = refsFor(t, db, name); !some || wantPath != "" && !slices.Contains(paths, wantPath) {
			t.Errorf("%s: the cache was not built again: %v, only some %v", what, paths, some)
		}
	}
	p, _ := db.Plan()
	subtopic := func(parent string) tracker.Topic { // one with no subtopics, which can be removed
		top, _ := tracker.MatchTopic(&p, parent)
		i := slices.IndexFunc(p.Topics, func(t tracker.Topic) bool { return t.ParentID == top.ID })
		return p.Topics[i]
	}
	renamed := subtopic("OSPF")
	renamed.Name = "BGP-LS"
	if _, err := db.PutTopic(renamed); err != nil {
		t.Fatal(err)
	}
	believed("a topic renamed", "bgp", "OSPF › BGP-LS")

	behindTheStore := func(fn func(tx *bolt.Tx) error) {
		t.Helper()
		b, err := bolt.Open(db.Path(), 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if err := b.Update(fn); err != nil {
			t.Fatal(err)
		}
	}
	flowspec := subtopic("IS-IS")
	flowspec.Name = "BGP flowspec"
	behindTheStore(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketTopics), flowspec.ID, flowspec) })
	believed("a topic written by another path", "bgp", "IS-IS › BGP flowspec")

	if err := db.DeleteTopic(renamed.ID); err != nil {
		t.Fatal(err)
	}
	believed("a topic removed", "bgp", "IS-IS › BGP flowspec")
	if paths, _ := refsFor(t, db, "bgp"); slices.Contains(paths, "OSPF › BGP-LS") {
		t.Errorf("a removed topic is read: %v", paths)
	}

	behindTheStore(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTopicNames)
		rec := slices.Clone(b.Get(topicNamesKey))
		i := strings.Index(string(rec), "bgp flowspec")
		rec[i] = 'x' // the name is no longer "bgp…"
		return b.Put(topicNamesKey, rec)
	})
	believed("the cache damaged", "bgp", "IS-IS › BGP flowspec")
}

// Inside one batch, a session of a topic the cache did not read is still checked against the
// whole plan: the part read serves only the sessions whose topics it holds.
func TestABatchWithSomeTopicsStillKnowsEveryTopic(t *testing.T) {
	db := openTest(t, t.TempDir())
	refsFor(t, db, "bgp")
	p, _ := db.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	ospf, _ := tracker.MatchTopic(&p, "OSPF")
	start := testNow.Add(-5 * time.Hour)
	err := db.Batch(func(st tracker.Store) error {
		if _, some, err := st.(*DB).SessionRefsFor("bgp", 0); err != nil || !some {
			t.Fatalf("only some %v, %v", some, err)
		}
		for i, id := range []string{ospf.ID, bgp.ID} { // OSPF first: the part read has no OSPF
			if _, err := st.AddSession(tracker.Session{TopicID: id, Start: start.Add(time.Duration(i) * time.Hour), Duration: time.Hour}); err != nil {
				return err
			}
		}
		_, err := st.AddSession(tracker.Session{TopicID: "no-such-topic", Start: start.Add(3 * time.Hour), Duration: time.Hour})
		code(t, err, tracker.NotFound)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, db); n != 2 {
		t.Errorf("%d sessions, want 2", n)
	}
}

// The caller of SessionRefsFor inside a batch gets a copy: changing it leaves what the batch's
// other operations read alone.
func TestSessionRefsForGivesTheBatchsCallerACopy(t *testing.T) {
	db := openTest(t, t.TempDir())
	refsFor(t, db, "bgp")
	err := db.Batch(func(st tracker.Store) error {
		inner := st.(*DB)
		p, some, err := inner.SessionRefsFor("bgp", 0)
		if err != nil || !some {
			t.Fatalf("only some %v, %v", some, err)
		}
		p.Topics[0].Name = "changed by the caller"
		if inner.txRefs == nil || inner.txRefs.Topics[0].Name == "changed by the caller" {
			t.Errorf("the batch's cache is the caller's: %v", inner.txRefs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
