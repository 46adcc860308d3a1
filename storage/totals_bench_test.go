package storage

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"corepath/resources"
	"corepath/tracker"
)

// The paths `make bench` races against Timewarrior, at 1,000, 10,000 and 100,000 sessions, so
// that how each grows is seen: the report from the kept totals and a log stay nearly flat.
var benchSizes = []int{1_000, 10_000, 100_000}

var sized = struct {
	sync.Mutex
	dirs map[int]string
}{dirs: map[int]string{}}

// sizedStore is a store of n sample sessions, made once per run; each caller gets a copy of its
// own when it writes (copy), or the shared one.
func sizedStore(b *testing.B, n int, copy bool) *DB {
	b.Helper()
	sized.Lock()
	dir, ok := sized.dirs[n]
	if !ok {
		dir = b.TempDir()
		db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return benchEnd.Add(48 * time.Hour) }})
		if err == nil {
			p, _ := db.Plan()
			_, err = db.AddSessions(sampleSessions(&p, n, benchEnd))
		}
		if err != nil {
			sized.Unlock()
			b.Fatal(err)
		}
		sized.dirs[n] = dir
	}
	sized.Unlock()
	if copy {
		src, err := Open(dir, Options{Seed: resources.DefaultPlan})
		if err != nil {
			b.Fatal(err)
		}
		copyDir := b.TempDir()
		if err := src.Backup(copyDir + "/" + FileName); err != nil {
			b.Fatal(err)
		}
		dir = copyDir
	}
	db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return benchEnd.Add(48 * time.Hour) }})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkReportAll: report --all's reading and summing, from the kept totals and the recent
// sessions (Summarize).
func BenchmarkReportAll(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			db := sizedStore(b, n, false)
			now := benchEnd.Add(24 * time.Hour)
			for b.Loop() {
				p, err := db.Plan()
				if err != nil {
					b.Fatal(err)
				}
				sum := tracker.NewSummarizer(&p, time.Local, time.Time{}, time.Time{}, now)
				dash := tracker.NewDashboardBuilder(&p, time.Local, now)
				if err := db.Summarize(&p, time.Local, now, sum, dash); err != nil {
					b.Fatal(err)
				}
				if r := sum.Report(); r.Sessions != n {
					b.Fatal(r.Sessions)
				}
				dash.Result()
			}
		})
	}
}

// BenchmarkLog: a log's transaction, durable (both fsyncs): the topics "BGP" can match (through
// the topic names cache, as corepath log reads them), the session, the totals.
func BenchmarkLog(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			db := sizedStore(b, n, true)
			i := 0
			for b.Loop() {
				i++
				err := db.Batch(func(st tracker.Store) error {
					p, some, err := st.(*DB).SessionRefsFor("BGP", 0)
					if err != nil {
						return err
					}
					if !some && i > 1 {
						b.Fatal("the topic names cache was not used")
					}
					bgp, err := tracker.MatchTopic(&p, "BGP")
					if err != nil {
						return err
					}
					_, err = st.AddSession(tracker.Session{TopicID: bgp.ID, Start: benchEnd.Add(time.Duration(i) * time.Second),
						Duration: 45 * time.Minute, Tags: []string{"lab"}})
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
