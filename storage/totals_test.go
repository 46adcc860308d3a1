package storage

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"corepath/resources"
	"corepath/tracker"
)

// reportBothWays is the report and dashboard of the store as JSON, over all time and over
// periods around the sessions TestTotalsFollowRandomWrites writes (this week, this month, a
// daylight-saving change, a few days), once from every session (the reference) and once from
// Summarize, which must have read the kept totals.
func reportBothWays(t *testing.T, db *DB, loc *time.Location, now time.Time) (scan, kept string) {
	t.Helper()
	p, err := db.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if !keptFor(t, db, loc) {
		t.Fatal("the store keeps no totals for the zone: Summarize would read every session")
	}
	render := func(sum *tracker.Summarizer, dash *tracker.DashboardBuilder) string {
		out, err := json.Marshal([]any{sum.Report(), dash.Result(), sum.TopicSeconds()})
		if err != nil {
			t.Fatal(err)
		}
		return string(out) + "\n"
	}
	week := tracker.StartOfWeek(now, loc, p.Settings.WeekStart)
	month := tracker.StartOfMonth(now, loc)
	periods := [][2]time.Time{{}, {week, tracker.AddDays(week, 7)}, {month, tracker.AddDays(month, 30)},
		{time.Date(2026, 3, 27, 0, 0, 0, 0, loc), time.Date(2026, 4, 1, 0, 0, 0, 0, loc)},
		{time.Date(2025, 10, 25, 0, 0, 0, 0, loc), time.Date(2025, 10, 27, 0, 0, 0, 0, loc)}}
	for _, period := range periods {
		sum, dash := tracker.NewSummarizer(&p, loc, period[0], period[1], now), tracker.NewDashboardBuilder(&p, loc, now)
		if err := db.Sessions(tracker.Query{}, func(s *tracker.Session) error { sum.Add(s); dash.Add(s); return nil }); err != nil {
			t.Fatal(err)
		}
		scan += render(sum, dash)
		sum, dash = tracker.NewSummarizer(&p, loc, period[0], period[1], now), tracker.NewDashboardBuilder(&p, loc, now)
		if err := db.Summarize(&p, loc, now, sum, dash); err != nil {
			t.Fatal(err)
		}
		kept += render(sum, dash)
	}
	return scan, kept
}

// keptFor tells whether the store keeps well-formed totals for loc, which Summarize reads.
func keptFor(t *testing.T, db *DB, loc *time.Location) (ok bool) {
	t.Helper()
	if err := db.view(func(tx *bolt.Tx) (err error) { _, ok, err = readTotals(tx, loc); return nil }); err != nil {
		t.Fatal(err)
	}
	return ok
}

func checkTotals(t *testing.T, db *DB, loc *time.Location, now time.Time, step string) {
	t.Helper()
	var match bool
	if err := db.view(func(tx *bolt.Tx) error { match = totalsMatch(tx, loc); return nil }); err != nil {
		t.Fatal(err)
	}
	if !match {
		t.Fatalf("after %s: the kept totals differ from a full scan's", step)
	}
	if scan, kept := reportBothWays(t, db, loc, now); scan != kept {
		t.Fatalf("after %s: the report from the totals differs from the full scan's:\nscan %s\nkept %s", step, scan, kept)
	}
}

// TestTotalsFollowRandomWrites applies random adds, edits, deletes, imports and sync merges
// (raw records from another machine) in a zone with daylight saving, and after each compares
// the kept totals with a full scan, record by record and as the report they give.
func TestTotalsFollowRandomWrites(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zone data:", err)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, loc)
	db, err := Open(filepath.Join(t.TempDir(), "data"), Options{Seed: resources.DefaultPlan, Now: func() time.Time { return now }, Loc: loc})
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.Plan()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 16))
	topics := []string{p.Topics[0].ID, p.Topics[1].ID, p.Topics[2].ID, p.Topics[len(p.Topics)-1].ID}
	spellings := []string{"lab", "Lab", "LAB", "review", "Review", "mock"}
	// Sessions fall in two months around a daylight-saving change and the last weeks before
	// now, often across midnight, so that days, this week and the pace all move.
	randomSession := func() tracker.Session {
		var start time.Time
		switch rng.IntN(3) {
		case 0:
			start = time.Date(2026, 3, 20, 0, 0, 0, 0, loc).Add(time.Duration(rng.IntN(20*24*60)) * time.Minute)
		case 1:
			start = now.Add(-time.Duration(1+rng.IntN(70*24*60)) * time.Minute)
		default:
			start = time.Date(2025, 10, 20, 22, 0, 0, 0, loc).Add(time.Duration(rng.IntN(10*24)) * time.Hour)
		}
		d := time.Duration(1+rng.IntN(300)) * time.Minute
		if end := start.Add(d); end.After(now) {
			start = now.Add(-d)
		}
		var tags []string
		for range rng.IntN(3) {
			tags = append(tags, spellings[rng.IntN(len(spellings))])
		}
		return tracker.Session{Start: start, Duration: d, TopicID: topics[rng.IntN(len(topics))], Kind: tracker.Kinds[rng.IntN(len(tracker.Kinds))], Tags: tags}
	}
	var ids []string
	pick := func() (string, int) {
		i := rng.IntN(len(ids))
		return ids[i], i
	}
	for step := 0; step < 300; step++ {
		op := rng.IntN(5)
		if len(ids) == 0 {
			op = 0
		}
		var what string
		switch op {
		case 0:
			s, err := db.AddSession(randomSession())
			if err != nil {
				t.Fatal(err)
			}
			ids, what = append(ids, s.ID), "adding a session"
		case 1:
			id, _ := pick()
			s := randomSession()
			s.ID = id
			if _, err := db.UpdateSession(s); err != nil {
				t.Fatal(err)
			}
			what = "editing a session"
		case 2:
			id, i := pick()
			if _, err := db.DeleteSession(id); err != nil {
				t.Fatal(err)
			}
			ids, what = append(ids[:i], ids[i+1:]...), "deleting a session"
		case 3:
			batch := make([]tracker.Session, 1+rng.IntN(20))
			for i := range batch {
				batch[i] = randomSession()
			}
			out, err := db.AddSessions(batch)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range out {
				ids = append(ids, s.ID)
			}
			what = fmt.Sprintf("importing %d sessions", len(batch))
		case 4:
			// Another machine's changes: a new session, one replaced and one deleted, as raw records.
			fresh := randomSession()
			fresh.ID, fresh.Created, fresh.Updated = uuid.Must(uuid.NewV7()).String(), now.UTC(), now.UTC()
			edited := randomSession()
			edited.ID, _ = pick()
			edited.Created, edited.Updated = now.UTC(), now.UTC()
			gone, gi := pick()
			err := db.SyncExchange(func(tx *SyncTx) error {
				for _, s := range []tracker.Session{fresh, edited} {
					tracker.NormalizeSession(&s)
					id := uuid.MustParse(s.ID)
					key := sessionKey(s.Start, id)
					if err := tx.Put("sessions/"+s.ID, append(key, encodeSession(key, &s)...)); err != nil {
						return err
					}
				}
				if gone == edited.ID {
					return nil
				}
				return tx.Delete("sessions/" + gone)
			})
			if err != nil {
				t.Fatal(err)
			}
			if gone != edited.ID {
				ids = append(ids[:gi], ids[gi+1:]...)
			}
			ids, what = append(ids, fresh.ID), "a sync merge"
		}
		checkTotals(t, db, loc, now, fmt.Sprintf("step %d, %s", step, what))
	}
	if len(ids) == 0 {
		t.Fatal("the random walk left no sessions: it tested little")
	}
}

// TestTotalsFollowTheZone: a store written in one zone and then in another rebuilds its totals
// for the second, and a reader in a zone the totals were not kept in is told to scan.
func TestTotalsFollowTheZone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	open := func(loc *time.Location) *DB {
		db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return testNow }, Loc: loc})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	east := time.FixedZone("east", 10*3600)
	db := open(time.UTC)
	p, _ := db.Plan()
	if _, err := db.AddSession(tracker.Session{Start: testNow.Add(-20 * time.Hour), Duration: 3 * time.Hour, TopicID: p.Topics[0].ID}); err != nil {
		t.Fatal(err)
	}
	if keptFor(t, db, east) {
		t.Fatal("totals kept in UTC read for UTC+10")
	}
	db = open(east)
	if _, err := db.AddSession(tracker.Session{Start: testNow.Add(-10 * time.Hour), Duration: time.Hour, TopicID: p.Topics[0].ID}); err != nil {
		t.Fatal(err)
	}
	checkTotals(t, db, east, testNow, "a write in another zone")
	if keptFor(t, db, time.UTC) {
		t.Fatal("the totals are still read as UTC's after a rebuild for UTC+10")
	}
}

// TestCheckTotalsRebuildsWrongTotals: totals that no longer match the sessions (changed behind
// the store's back) are found by CheckTotals and rebuilt.
func TestCheckTotalsRebuildsWrongTotals(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), "data"))
	p, _ := db.Plan()
	if _, err := db.AddSession(tracker.Session{Start: testNow.Add(-2 * time.Hour), Duration: time.Hour, TopicID: p.Topics[0].ID, Tags: []string{"lab"}}); err != nil {
		t.Fatal(err)
	}
	if rebuilt, err := db.CheckTotals(); err != nil || rebuilt {
		t.Fatalf("CheckTotals on good totals: rebuilt %v, %v", rebuilt, err)
	}
	if err := db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTotals).Put(totalsAllKey, appendVarints(nil, 7, 7, 7))
	}); err != nil {
		t.Fatal(err)
	}
	if rebuilt, err := db.CheckTotals(); err != nil || !rebuilt {
		t.Fatalf("CheckTotals on wrong totals: rebuilt %v, %v", rebuilt, err)
	}
	checkTotals(t, db, time.Local, testNow, "CheckTotals' rebuild")
}

// TestMigrationBuildsTotals: a store of schema 2, which had no totals, is backed up and gains
// them on open.
func TestMigrationBuildsTotals(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db := openTest(t, dir)
	p, _ := db.Plan()
	for i := range 5 {
		s := tracker.Session{Start: testNow.Add(-time.Duration(30*i+3) * time.Hour), Duration: 90 * time.Minute, TopicID: p.Topics[i].ID, Tags: []string{"lab"}}
		if _, err := db.AddSession(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketTotals) }); err != nil {
		t.Fatal(err)
	}
	setSchema(t, db.Path(), 2)
	db = openTest(t, dir)
	backups, _ := filepath.Glob(filepath.Join(db.BackupDir(), "*schema2*"))
	if len(backups) != 1 {
		t.Errorf("backups before the migration: %v, want one", backups)
	}
	checkTotals(t, db, time.Local, testNow, "the migration from schema 2")
}

// TestMalformedTotalsNeitherStopWritesNorReports: a damaged totals record makes a report read
// every session and the next write rebuild the totals, instead of failing either.
func TestMalformedTotalsNeitherStopWritesNorReports(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), "data"))
	p, _ := db.Plan()
	add := func(h int) {
		t.Helper()
		if _, err := db.AddSession(tracker.Session{Start: testNow.Add(-time.Duration(h) * time.Hour), Duration: time.Hour, TopicID: p.Topics[0].ID, Tags: []string{"lab"}}); err != nil {
			t.Fatal(err)
		}
	}
	add(30)
	if err := db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTotals).Put([]byte("t"+p.Topics[0].ID), []byte{0xff})
	}); err != nil {
		t.Fatal(err)
	}
	if keptFor(t, db, time.Local) {
		t.Fatal("malformed totals read as well-formed")
	}
	add(10)
	checkTotals(t, db, time.Local, testNow, "a write over malformed totals")
}
