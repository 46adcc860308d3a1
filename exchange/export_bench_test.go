package exchange

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"corepath/tracker"
)

// exportStore is a store of n sessions over the ten years before testNow, on the plan's first
// 60 topics, with one to three tags and a note on every third, like make bench's.
func exportStore(b *testing.B, n int) tracker.Store {
	b.Helper()
	st := openStore(b)
	p, err := st.Plan()
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	tags := []string{"lab", "theory", "review", "mock", "flashcards", "video", "book", "rfc", "xr", "xe"}
	from := testNow.AddDate(-10, 0, 0)
	step := testNow.Sub(from) / time.Duration(n+1)
	in := make([]tracker.Session, n)
	for i := range in {
		s := &in[i]
		s.Start, s.Duration = from.Add(time.Duration(i)*step), time.Duration(15+rng.IntN(36))*time.Minute
		s.TopicID, s.Kind = p.Topics[rng.IntN(min(60, len(p.Topics)))].ID, tracker.Kinds[rng.IntN(len(tracker.Kinds))]
		for range 1 + rng.IntN(3) {
			s.Tags = append(s.Tags, tags[rng.IntN(len(tags))])
		}
		if i%3 == 0 {
			s.Note = fmt.Sprintf("Session %d: worked through the lab guide and wrote up what broke.", i)
		}
	}
	if _, err := st.AddSessions(in); err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkExport: each format at 1,000, 10,000 and 100,000 sessions; make bench holds CSV and
// iCalendar to twice the JSON export's time.
func BenchmarkExport(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		st := exportStore(b, n)
		for _, format := range []ExportFormat{JSON, CSV, ICal} {
			b.Run(fmt.Sprintf("%s/%dk", format, n/1000), func(b *testing.B) {
				for b.Loop() {
					sum, err := Export(io.Discard, st, ExportOptions{Format: format, Now: testNow})
					if err != nil || sum.Sessions != n {
						b.Fatal(sum.Sessions, err)
					}
				}
			})
		}
	}
}
