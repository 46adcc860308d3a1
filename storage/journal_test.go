package storage

import (
	"maps"
	"testing"
	"time"

	"corepath/resources"
	"corepath/tracker"
)

func syncRecords(t *testing.T, db *DB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := db.SyncView(func(tx *SyncTx) error {
		return tx.Records(func(k string, v []byte) error { out[k] = append([]byte(nil), v...); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func putRecords(t *testing.T, db *DB, recs map[string][]byte) {
	t.Helper()
	err := db.SyncExchange(func(tx *SyncTx) error {
		for k, v := range recs {
			if err := tx.Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSyncRecordsCarryEveryKindToAnotherStore(t *testing.T) {
	a, b := openTest(t, t.TempDir()), openTest(t, t.TempDir())
	s, err := a.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-3 * time.Hour), Duration: 45 * time.Minute, Note: "RR lab"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.StartTimer(tracker.Session{TopicID: "t2", Start: testNow.Add(-10 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	goals := tracker.Goals{WeeklyHours: 10}
	if err := a.PutGoals(goals); err != nil {
		t.Fatal(err)
	}
	attempt, err := a.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptPractice, Date: "2026-01-10", Domains: []tracker.DomainScore{{Domain: "2.0", Percent: 70}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.PutCredit(tracker.Credit{Activity: "SPAUI course", Provider: "Fast Lane", Date: "2026-07-01", Credits: 24}); err != nil {
		t.Fatal(err)
	}
	recs := syncRecords(t, a)
	for _, key := range []string{"sessions/" + s.ID, "timer/running", "meta/goals", "meta/program", "meta/settings", "topics/t1",
		"exam_attempts/" + attempt.ID, "ce_credits/ce1"} {
		if recs[key] == nil {
			t.Errorf("no synced record %s among %v", key, maps.Keys(recs))
		}
	}
	putRecords(t, b, recs)
	if got, err := b.GetSession(s.ID); err != nil || got.Note != "RR lab" || !got.Start.Equal(s.Start) {
		t.Fatalf("the other store has %+v (%v), want the session", got, err)
	}
	if timer, ok, _ := b.Timer(); !ok || timer.TopicID != "t2" {
		t.Fatalf("the other store's timer is %+v, %v", timer, ok)
	}
	if p, _ := b.Plan(); p.Goals.WeeklyHours != 10 || len(p.Attempts) != 1 || len(p.Credits) != 1 {
		t.Fatalf("the other store's goals are %+v, attempts %v, credits %v", p.Goals, p.Attempts, p.Credits)
	}
	// The session moves to another start: by id, the other store then holds it once, there.
	s.Start = s.Start.Add(-time.Hour)
	if _, err := a.UpdateSession(s); err != nil {
		t.Fatal(err)
	}
	key := "sessions/" + s.ID
	putRecords(t, b, map[string][]byte{key: syncRecords(t, a)[key]})
	n := 0
	b.Sessions(tracker.Query{}, func(got *tracker.Session) error {
		n++
		if !got.Start.Equal(s.Start) {
			t.Errorf("the session starts %v, want %v", got.Start, s.Start)
		}
		return nil
	})
	if n != 1 {
		t.Fatalf("%d sessions after the move, want 1", n)
	}
	err = b.SyncExchange(func(tx *SyncTx) error { return tx.Delete(key) })
	if _, gone := b.GetSession(s.ID); err != nil || tracker.ErrorCode(gone) != tracker.NotFound {
		t.Fatalf("after a synced delete: %v, %v", err, gone)
	}
}

func TestSyncRefusesWhatItCannotStore(t *testing.T) {
	db := openTest(t, t.TempDir())
	err := db.SyncExchange(func(tx *SyncTx) error {
		for key, value := range map[string][]byte{
			"attempts/1": []byte("{}"),
			"sessions/0190f3a2-7b1c-7000-8000-000000000001": []byte("short"),
			"meta/schema": {0, 0, 0, 9},
		} {
			if err := tx.Put(key, value); tracker.ErrorCode(err) != tracker.Invalid {
				t.Errorf("Put(%s) = %v, want a refusal", key, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSyncFindsTheSameSessionUnderAnotherID(t *testing.T) {
	a, b := openTest(t, t.TempDir()), openTest(t, t.TempDir())
	start := testNow.Add(-5 * time.Hour)
	sa, _ := a.AddSession(tracker.Session{TopicID: "t1", Start: start, Duration: time.Hour})
	sb, _ := b.AddSession(tracker.Session{TopicID: "t1", Start: start, Duration: time.Hour})
	b.AddSession(tracker.Session{TopicID: "t1", Start: start, Duration: 30 * time.Minute})
	key := "sessions/" + sa.ID
	value := syncRecords(t, a)[key]
	var twin string
	var ok bool
	b.SyncView(func(tx *SyncTx) error { twin, ok = tx.Twin(key, value); return nil })
	if !ok || twin != "sessions/"+sb.ID {
		t.Fatalf("Twin = %q, %v; want the other store's session %s", twin, ok, sb.ID)
	}
}

func TestAfterWriteRunsOncePerCommittedWrite(t *testing.T) {
	calls := 0
	db, err := Open(t.TempDir(), Options{Seed: resources.DefaultPlan, Now: func() time.Time { return testNow }, AfterWrite: func() { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	calls = 0
	db.Batch(func(st tracker.Store) error {
		st.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-time.Hour), Duration: time.Minute})
		st.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-2 * time.Hour), Duration: time.Minute})
		return nil
	})
	db.AddSession(tracker.Session{TopicID: "nope", Start: testNow.Add(-time.Hour), Duration: time.Minute}) // refused
	db.SyncExchange(func(*SyncTx) error { return nil })
	if calls != 1 {
		t.Fatalf("AfterWrite ran %d times, want once (the batch; not the refused write nor sync's own)", calls)
	}
}

// The conflict log names a plan record by its name, read through the record's seal.
func TestSyncDescribesASealedRecordByName(t *testing.T) {
	db := openTest(t, t.TempDir())
	recs := syncRecords(t, db)
	var got string
	db.SyncView(func(tx *SyncTx) error { got = tx.Describe("topics/t5", recs["topics/t5"]); return nil })
	p, _ := db.Plan()
	topic, _ := p.Topic("t5")
	if want := "topic t5 (" + topic.Name + ")"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}
