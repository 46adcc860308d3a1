package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"corepath/resources"
	"corepath/tracker"
)

// The benchmarks share one store of 100,000 sessions spread over 10 years and 60 topics, with
// one to three tags each and a note on every third, built once per run.
const benchSessions = 100_000

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
	benchEnd  = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
)

func benchTags() []string {
	return []string{"lab", "theory", "review", "mock", "flashcards", "video", "book", "rfc", "xr", "xe",
		"ine", "cbt", "notes", "config", "troubleshoot", "design", "python", "ansible", "nso", "weekend"}
}

// sampleSessions makes n sessions between end-10y and end, in time order, deterministically.
func sampleSessions(p *tracker.Plan, n int, end time.Time) []tracker.Session {
	rng := rand.New(rand.NewPCG(1, 2))
	var topics []string
	for _, t := range p.Topics {
		if len(topics) < 60 {
			topics = append(topics, t.ID)
		}
	}
	tags := benchTags()
	start := end.AddDate(-10, 0, 0)
	step := end.Sub(start) / time.Duration(n)
	out := make([]tracker.Session, n)
	for i := range out {
		s := &out[i]
		s.Start = start.Add(time.Duration(i) * step)
		s.Duration = time.Duration(15+rng.IntN(106)) * time.Minute
		s.TopicID = topics[rng.IntN(len(topics))]
		s.Kind = tracker.Kinds[rng.IntN(len(tracker.Kinds))]
		for k := 0; k <= rng.IntN(3); k++ {
			s.Tags = append(s.Tags, tags[rng.IntN(len(tags))])
		}
		if i%3 == 0 {
			s.Note = fmt.Sprintf("Session %d: worked through the lab guide and wrote up what broke.", i)
		}
	}
	return out
}

func benchStore(b *testing.B) *DB {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "corepath-bench-")
		if benchErr != nil {
			return
		}
		db, err := Open(benchDir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return benchEnd.Add(48 * time.Hour) }})
		if err != nil {
			benchErr = err
			return
		}
		p, _ := db.Plan()
		_, benchErr = db.AddSessions(sampleSessions(&p, benchSessions, benchEnd))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	db, err := Open(benchDir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return benchEnd }})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func BenchmarkOpen100k(b *testing.B) {
	benchStore(b)
	for b.Loop() {
		if _, err := Open(benchDir, Options{Seed: resources.DefaultPlan}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLogSession100k(b *testing.B) {
	src := benchStore(b)
	// Log into a copy, so that the shared store keeps exactly 100,000 sessions.
	dir := b.TempDir()
	if err := src.Backup(filepath.Join(dir, FileName)); err != nil {
		b.Fatal(err)
	}
	now := benchEnd.Add(48 * time.Hour)
	db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	p, _ := db.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	i := 0
	for b.Loop() {
		i++
		s := tracker.Session{TopicID: bgp.ID, Start: benchEnd.Add(time.Duration(i) * time.Second), Duration: 45 * time.Minute, Tags: []string{"lab"}}
		if _, err := db.AddSession(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadWeek100k(b *testing.B) {
	db := benchStore(b)
	from := benchEnd.AddDate(-2, 0, 0)
	n := 0
	for b.Loop() {
		n = 0
		err := db.Sessions(tracker.Query{From: from, To: from.AddDate(0, 0, 7)}, func(s *tracker.Session) error { n++; return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	if n < 150 {
		b.Fatalf("a week held %d sessions", n)
	}
}

func BenchmarkReadAll100k(b *testing.B) {
	db := benchStore(b)
	for b.Loop() {
		n := 0
		if err := db.Sessions(tracker.Query{}, func(*tracker.Session) error { n++; return nil }); err != nil || n != benchSessions {
			b.Fatal(n, err)
		}
	}
}

func BenchmarkReport100k(b *testing.B) {
	db := benchStore(b)
	for b.Loop() {
		p, err := db.Plan()
		if err != nil {
			b.Fatal(err)
		}
		sum := tracker.NewSummarizer(&p, time.Local, time.Time{}, time.Time{}, benchEnd)
		if err := db.Sessions(tracker.Query{TotalsOnly: true}, func(s *tracker.Session) error { sum.Add(s); return nil }); err != nil {
			b.Fatal(err)
		}
		if r := sum.Report(); r.Sessions != benchSessions {
			b.Fatal(r.Sessions)
		}
	}
}

// BenchmarkCheck100k runs the consistency check, which the app runs in the background as it
// opens: what it allocates is collected while the app's first screens are drawn.
func BenchmarkCheck100k(b *testing.B) {
	db := benchStore(b)
	for b.Loop() {
		if n, err := db.Check(); err != nil || n != benchSessions {
			b.Fatal(n, err)
		}
	}
}
