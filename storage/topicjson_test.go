package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"corepath/resources"
	"corepath/tracker"
)

// decodeTopic gives what json.Unmarshal gives, whenever it says it decoded the record.
func FuzzDecodeTopic(f *testing.F) {
	for _, t := range defaultTopics(f) {
		b, _ := json.Marshal(t)
		f.Add(b)
	}
	for _, s := range []string{
		`{}`, ` { "id" : "a" , "name":"x\u00e9\n\"y\\" } `, `{"id":"a","ID":"b"}`, `{"id":null}`,
		`{"order":1.0}`, `{"order":-0}`, `{"order":01}`, `{"target_hours":1e400}`, `{"target_hours":-1.5E+3}`,
		`{"estimate":true,"estimate":false}`, `{"blueprint":[]}`, `{"blueprint":[{"exam":"a"}],"blueprint":[{"domain":"b"}]}`,
		`{"name":"\ud83d\ude00"}`, `{"name":"a"} x`, `{"confidence":99999999999999999999}`, `{"i\u0064":"k"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) { // unsealJSON refuses such records before they are decoded
			return
		}
		var fast tracker.Topic
		if !decodeTopic(string(data), &fast) {
			return
		}
		var slow tracker.Topic
		if err := json.Unmarshal(data, &slow); err != nil {
			t.Fatalf("decodeTopic read %q, which encoding/json refuses: %v", data, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q:\ndecodeTopic %#v\njson        %#v", data, fast, slow)
		}
	})
}

// Every topic of the default plan takes the fast way, escapes ("\u0026" for "&") included.
func TestTheDefaultTopicsDecodeWithoutReflection(t *testing.T) {
	for _, want := range defaultTopics(t) {
		b, _ := json.Marshal(want)
		var got tracker.Topic
		if !decodeTopic(string(b), &got) {
			t.Errorf("%s fell back to encoding/json", b)
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("%s read as %#v", b, got)
		}
	}
}

func defaultTopics(tb testing.TB) []tracker.Topic {
	p, err := resources.DefaultPlan()
	if err != nil || len(p.Topics) < 100 {
		tb.Fatalf("the default plan: %v (%d topics)", err, len(p.Topics))
	}
	return p.Topics
}

// readTopics reads each kind of topic record in the bucket's order: those decodeTopic takes,
// one only encoding/json reads (a key in capitals), and one written before seals; and it names
// the record that is damaged.
func TestReadTopicsOfEveryKindOfRecord(t *testing.T) {
	db := openTest(t, t.TempDir())
	want := defaultTopics(t)[:3]
	slices.SortFunc(want, func(a, b tracker.Topic) int { return strings.Compare(a.ID, b.ID) })
	records := make([][]byte, len(want))
	for i := range want {
		records[i], _ = json.Marshal(want[i])
	}
	capitals := bytes.Replace(records[1], []byte(`"name"`), []byte(`"Name"`), 1)
	if decodeTopic(string(capitals), new(tracker.Topic)) {
		t.Fatalf("decodeTopic read %s, which is to take encoding/json's way", capitals)
	}
	rollback := errors.New("rollback")
	err := db.update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketTopics); err != nil {
			return err
		}
		b, err := tx.CreateBucket(bucketTopics)
		if err != nil {
			return err
		}
		for i, v := range [][]byte{sealJSON([]byte(want[0].ID), records[0]), sealJSON([]byte(want[1].ID), capitals), records[2]} {
			if err := b.Put([]byte(want[i].ID), v); err != nil {
				return err
			}
		}
		got, err := readTopics(b)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("read %+v, %v; want %+v", got, err, want)
		}
		for _, bad := range [][]byte{{}, sealJSON([]byte(want[1].ID), []byte(`{"id":`)), bytes.Replace(sealJSON([]byte(want[1].ID), records[1]), []byte(`"id"`), []byte(`"ie"`), 1)} {
			if err := b.Put([]byte(want[1].ID), bad); err != nil {
				return err
			}
			if _, err := readTopics(b); err == nil || !strings.Contains(err.Error(), want[1].ID) {
				t.Errorf("a damaged record %q read with %v", bad, err)
			}
		}
		// A bucket whose one record is empty: nothing to decode, and nothing to read past.
		if err := tx.DeleteBucket(bucketTopics); err != nil {
			return err
		}
		if b, err = tx.CreateBucket(bucketTopics); err != nil {
			return err
		}
		if err := b.Put([]byte(want[0].ID), nil); err != nil {
			return err
		}
		if _, err := readTopics(b); err == nil || !strings.Contains(err.Error(), want[0].ID) {
			t.Errorf("a bucket of one empty record read with %v", err)
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatal(err)
	}
}

// Inside Batch, the plan SessionRefs returns is the caller's: changing it changes neither the
// plan read again nor the one a session is checked against.
func TestSessionRefsInsideBatchIsTheCallersOwn(t *testing.T) {
	db := openTest(t, t.TempDir())
	err := db.Batch(func(st tracker.Store) error {
		in := st.(*DB)
		p, err := in.SessionRefs(0)
		if err != nil {
			return err
		}
		id := p.Topics[0].ID
		p.Topics[0].ID = "changed"
		if again, err := in.SessionRefs(0); err != nil || again.Topics[0].ID != id {
			t.Errorf("read again: %q, %v; want %q", again.Topics[0].ID, err, id)
		}
		_, err = st.AddSession(tracker.Session{TopicID: id, Start: testNow.Add(-time.Hour), Duration: 30 * time.Minute})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
