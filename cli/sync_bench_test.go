package cli

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"corepath/replica"
	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

var benchNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func benchOpen(tb testing.TB, dir string) *storage.DB {
	tb.Helper()
	db, err := storage.Open(dir, storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return benchNow }})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

// store100k is a data folder with 100,000 sessions over ten years, made once per run.
var store100k string

func benchStore100k(b *testing.B) string {
	if store100k != "" {
		return store100k
	}
	dir, err := os.MkdirTemp("", "corepath-sync-bench-")
	if err != nil {
		b.Fatal(err)
	}
	db := benchOpen(b, dir)
	plan, _ := db.Plan()
	rng := rand.New(rand.NewPCG(1, 2))
	sessions := make([]tracker.Session, 100_000)
	for i := range sessions {
		sessions[i] = tracker.Session{
			TopicID:  plan.Topics[rng.IntN(len(plan.Topics))].ID,
			Start:    benchNow.Add(-time.Duration(len(sessions)-i+2) * 52 * time.Minute), // in time order, as an import adds them
			Duration: time.Duration(15+rng.IntN(90)) * time.Minute,
			Tags:     []string{[]string{"lab", "reading", "video"}[rng.IntN(3)]},
		}
	}
	if _, err := db.AddSessions(sessions); err != nil {
		b.Fatal(err)
	}
	store100k = dir
	return dir
}

func copyStore(b *testing.B, from string) string {
	b.Helper()
	to := b.TempDir()
	src, err := os.Open(filepath.Join(from, storage.FileName))
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(filepath.Join(to, storage.FileName))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	dst.Close()
	return to
}

func syncOn(b *testing.B, dir, folder, name string) (*storage.DB, replica.Store, replica.Options) {
	b.Helper()
	db := benchOpen(b, dir)
	st, opt := SyncStore(db), SyncOptions(dir, func() time.Time { return benchNow })
	if _, err := replica.Enable(st, folder, name, opt); err != nil {
		b.Fatal(err)
	}
	return db, st, opt
}

// BenchmarkSyncFirst100kSessions: turning sync on for a store of 100,000 sessions (capture and
// snapshot), and another machine's first merge of that snapshot.
func BenchmarkSyncFirst100kSessions(b *testing.B) {
	base := benchStore100k(b)
	b.Run("send", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dir, folder := copyStore(b, base), b.TempDir()
			b.StartTimer()
			syncOn(b, dir, folder, "laptop")
		}
	})
	b.Run("receive", func(b *testing.B) {
		folder := b.TempDir()
		syncOn(b, copyStore(b, base), folder, "laptop")
		for b.Loop() {
			b.StopTimer()
			mine := b.TempDir()
			// The receiving machine's folder: only the sender's files, as the sync tool brings them.
			for _, e := range must(os.ReadDir(folder)) {
				copyFile(b, filepath.Join(folder, e.Name()), filepath.Join(mine, e.Name()))
			}
			dir := b.TempDir()
			b.StartTimer()
			db, _, _ := syncOn(b, dir, mine, "desktop")
			b.StopTimer()
			if n := countSessions(db); n != 100_000 {
				b.Fatalf("the receiver has %d sessions", n)
			}
			b.StartTimer()
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func copyFile(b *testing.B, from, to string) {
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		b.Fatal(err)
	}
}

func countSessions(db *storage.DB) int {
	n := 0
	db.Sessions(tracker.Query{TotalsOnly: true}, func(*tracker.Session) error { n++; return nil })
	return n
}

// BenchmarkSyncOneChangeOn100k: one session logged on a synced store of 100,000 sessions, then
// the sync that puts it in the folder (send), a sync with nothing new (what a command that only
// reads adds), and the other machine's merge of one change (receive).
func BenchmarkSyncOneChangeOn100k(b *testing.B) {
	base := benchStore100k(b)
	folder := b.TempDir()
	db, st, opt := syncOn(b, copyStore(b, base), folder, "laptop")
	other := b.TempDir()
	for _, e := range must(os.ReadDir(folder)) {
		copyFile(b, filepath.Join(folder, e.Name()), filepath.Join(other, e.Name()))
	}
	_, ost, oopt := syncOn(b, copyStore(b, base), other, "desktop")
	i := 0
	logOne := func() {
		i++
		if _, err := db.AddSession(tracker.Session{TopicID: "t1", Start: benchNow.Add(-time.Duration(i) * time.Minute).Add(-30 * time.Second), Duration: time.Minute}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("send", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			logOne()
			b.StartTimer()
			if rep, err := replica.Sync(st, opt); err != nil || rep.Sent != 1 {
				b.Fatalf("sent %d, %v", rep.Sent, err)
			}
		}
	})
	// What a command that only reads costs when nothing changed anywhere.
	b.Run("nothing new", func(b *testing.B) {
		for b.Loop() {
			if rep, err := replica.Sync(st, opt); err != nil || rep.Sent+rep.Brought() != 0 {
				b.Fatalf("sent %d, brought %d, %v", rep.Sent, rep.Brought(), err)
			}
		}
	})
	b.Run("receive", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			logOne()
			if _, err := replica.Sync(st, opt); err != nil {
				b.Fatal(err)
			}
			for _, e := range must(os.ReadDir(folder)) {
				if e.Type().IsRegular() {
					copyFile(b, filepath.Join(folder, e.Name()), filepath.Join(other, e.Name()))
				}
			}
			b.StartTimer()
			if rep, err := replica.Sync(ost, oopt); err != nil || rep.Brought() == 0 {
				b.Fatalf("brought %d, %v", rep.Brought(), err)
			}
		}
	})
}

// TestFolderSizeAfterAYearOfTypicalUse simulates a year on two machines (a laptop on weekdays, a
// desktop at weekends): two or three timed sessions a day, an edit of one session in five, a
// delete now and then, a topic's progress each week and the goals each quarter, every change
// synced as the command line does. The folder must stay small.
func TestFolderSizeAfterAYearOfTypicalUse(t *testing.T) {
	if testing.Short() {
		t.Skip("a year of syncs")
	}
	folder := t.TempDir()
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := day
	clock := func() time.Time { return now }
	type machine struct {
		db  *storage.DB
		st  replica.Store
		opt replica.Options
	}
	var machines []machine
	for _, name := range []string{"laptop", "desktop"} {
		dir := t.TempDir()
		db, err := storage.Open(dir, storage.Options{Seed: resources.DefaultPlan, Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		st, opt := SyncStore(db), SyncOptions(dir, clock)
		if _, err := replica.Enable(st, folder, name, opt); err != nil {
			t.Fatal(err)
		}
		machines = append(machines, machine{db, st, opt})
	}
	rng := rand.New(rand.NewPCG(7, 7))
	sync := func(m machine) {
		if _, err := replica.Sync(m.st, m.opt); err != nil {
			t.Fatal(err)
		}
	}
	plan, _ := machines[0].db.Plan()
	var logged []string
	for d := 0; d < 365; d++ {
		date := day.AddDate(0, 0, d)
		m := machines[0]
		if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			m = machines[1]
		}
		sync(m) // the first command of the day merges
		for k := 0; k < 2+rng.IntN(2); k++ {
			now = date.Add(time.Duration(7+5*k) * time.Hour)
			topic := plan.Topics[rng.IntN(len(plan.Topics))].ID
			if _, err := m.db.StartTimer(tracker.Session{TopicID: topic, Start: now}); err != nil {
				t.Fatal(err)
			}
			sync(m)
			now = now.Add(time.Duration(25+rng.IntN(60)) * time.Minute)
			s, err := m.db.StopTimer(now, func(s *tracker.Session) { s.Note = "worked through the lab guide, section " + fmt.Sprint(rng.IntN(40)) })
			if err != nil {
				t.Fatal(err)
			}
			sync(m)
			logged = append(logged, s.ID)
			if rng.IntN(5) == 0 {
				s.Tags = []string{"lab"}
				if _, err := m.db.UpdateSession(s); err != nil {
					t.Fatal(err)
				}
				sync(m)
			}
		}
		if rng.IntN(30) == 0 {
			if _, err := m.db.DeleteSession(logged[rng.IntN(len(logged))]); err == nil {
				sync(m)
			}
		}
		if d%7 == 6 {
			p, _ := m.db.Plan()
			tp := p.Topics[rng.IntN(len(p.Topics))]
			tp.Confidence = 1 + rng.IntN(5)
			if _, err := m.db.PutTopic(tp); err != nil {
				t.Fatal(err)
			}
			sync(m)
		}
		if d%91 == 90 {
			if err := m.db.PutGoals(tracker.Goals{WeeklyHours: float64(8 + rng.IntN(6))}); err != nil {
				t.Fatal(err)
			}
			sync(m)
		}
	}
	for _, m := range machines {
		sync(m)
	}
	var total int64
	entries, _ := os.ReadDir(folder)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.Type().IsRegular() {
			total += info.Size()
		}
	}
	t.Logf("after a year of typical use on two machines (%d sessions): the sync folder holds %d files, %d KiB", len(logged), len(entries), total>>10)
	if n0, n1 := countSessions(machines[0].db), countSessions(machines[1].db); n0 != n1 {
		t.Fatalf("the machines hold %d and %d sessions", n0, n1)
	}
	if total > 2<<20 {
		t.Fatalf("the folder holds %d KiB after a year: more than 2 MiB", total>>10)
	}
}
