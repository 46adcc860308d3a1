package app

import (
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

var (
	bigOnce sync.Once
	bigDir  string
	bigErr  error
	bigNow  = time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
)

// bigStore is a store of 100,000 sessions over 10 years and 60 topics, built once.
func bigStore(b *testing.B) *storage.DB {
	bigOnce.Do(func() {
		// Not b.TempDir: that is removed when the first benchmark ends, and the store is shared.
		bigDir, bigErr = os.MkdirTemp("", "corepath-app-bench-")
		if bigErr != nil {
			return
		}
		db, err := storage.Open(bigDir, storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return bigNow }})
		if err != nil {
			bigErr = err
			return
		}
		p, _ := db.Plan()
		rng := rand.New(rand.NewPCG(3, 4))
		sessions := make([]tracker.Session, 100_000)
		start := bigNow.AddDate(-10, 0, 0)
		step := bigNow.Add(-3*time.Hour).Sub(start) / time.Duration(len(sessions))
		for i := range sessions {
			sessions[i] = tracker.Session{TopicID: p.Topics[rng.IntN(60)].ID, Start: start.Add(time.Duration(i) * step),
				Duration: time.Duration(15+rng.IntN(100)) * time.Minute, Tags: []string{"lab", "review"}[:1+rng.IntN(2)]}
			if i%3 == 0 {
				sessions[i].Note = "Worked through the lab guide and wrote up what broke."
			}
		}
		_, bigErr = db.AddSessions(sessions)
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	db, err := storage.Open(bigDir, storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return bigNow }})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

// BenchmarkOpenToday100k builds the whole UI over 100,000 sessions: what stands between
// starting the app and its Today screen.
func BenchmarkOpenToday100k(b *testing.B) {
	db := bigStore(b)
	a := test.NewTempApp(b)
	for b.Loop() {
		u := New(a, db, Options{Now: func() time.Time { return bigNow }, Loc: time.UTC})
		if len(u.sessions) < 100_000 {
			b.Fatal(len(u.sessions))
		}
		u.Window().Close()
	}
}

// BenchmarkBuildWindow100k builds the UI as the app's start does before its first frame (the
// sessions not read yet): the screens, the tabs, the window's size and the layout of the Today
// screen in it.
func BenchmarkBuildWindow100k(b *testing.B) {
	db := bigStore(b)
	a := test.NewTempApp(b)
	for b.Loop() {
		u := New(a, db, Options{Now: func() time.Time { return bigNow }, Loc: time.UTC, LoadAfterShow: true})
		b.StopTimer()
		u.Window().Close()
		b.StartTimer()
	}
}

// BenchmarkLogFromForm100k saves a session from the Log screen's form over 100,000 sessions:
// from Save to the session in the list and every screen showing it (the form is filled
// beforehand, untimed). A frame is 16 ms.
func BenchmarkLogFromForm100k(b *testing.B) {
	db := bigStore(b)
	u := New(test.NewTempApp(b), db, Options{Now: func() time.Time { return bigNow }, Loc: time.UTC})
	u.Window().Resize(fyne.NewSize(1180, 760))
	u.Window().Show()
	u.showScreen(screenLog)
	p, _ := db.Plan()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		u.log.form.load(tracker.Session{TopicID: p.Topics[i%60].ID, Start: bigNow.Add(-2*time.Hour - time.Duration(i)*time.Minute),
			Duration: time.Minute, Kind: tracker.KindStudy})
		want := len(u.sessions) + 1
		b.StartTimer()
		test.Tap(u.log.save)
		if len(u.sessions) != want || len(u.log.rows) != want {
			b.Fatalf("after Save the app holds %d sessions and lists %d; want %d (%s)", len(u.sessions), len(u.log.rows), want, u.status.Text)
		}
	}
}

// BenchmarkLogRefresh100k logs a session and refreshes every screen, as after Save.
func BenchmarkLogRefresh100k(b *testing.B) {
	db := bigStore(b)
	u := New(test.NewTempApp(b), db, Options{Now: func() time.Time { return bigNow }, Loc: time.UTC})
	p, _ := db.Plan()
	i := 0
	for b.Loop() {
		i++
		s := tracker.Session{TopicID: p.Topics[0].ID, Start: bigNow.Add(-2*time.Hour + time.Duration(i)*time.Second), Duration: time.Minute}
		if !u.change("log", func(st tracker.Store) (string, error) {
			_, err := st.AddSession(s)
			return "", err
		}, nil) {
			b.Fatal(u.status.Text)
		}
	}
}

// BenchmarkLogListScroll100k scrolls the Log list of 100,000 sessions (a third with a note, two
// lines tall) from its top to its end and back: the list walks the rows' heights to lay out.
func BenchmarkLogListScroll100k(b *testing.B) {
	db := bigStore(b)
	u := New(test.NewTempApp(b), db, Options{Now: func() time.Time { return bigNow }, Loc: time.UTC})
	u.Window().Resize(fyne.NewSize(1280, 800))
	u.Window().Show()
	u.showScreen(screenLog)
	for b.Loop() {
		u.log.list.ScrollToBottom()
		u.log.list.ScrollToTop()
	}
}

// BenchmarkFirstShow100k shows the first read of 100,000 sessions on a new window's screens, as
// the app does once its first frame is painted: the time between that frame and every screen
// filled.
func BenchmarkFirstShow100k(b *testing.B) {
	db := bigStore(b)
	a := test.NewTempApp(b)
	for b.Loop() {
		b.StopTimer()
		u := New(a, db, Options{Now: func() time.Time { return bigNow }, Loc: time.UTC, LoadAfterShow: true})
		u.startFirstRead()
		first := <-u.loading
		if first.err != nil {
			b.Fatal(first.err)
		}
		b.StartTimer()
		u.apply(first.snap)
		b.StopTimer()
		// The logging benchmarks before this one add to the shared store.
		if n := len(first.snap.sessions); len(u.log.rows) != n || n < 100_000 {
			b.Fatalf("the Log lists %d of the %d sessions read", len(u.log.rows), n)
		}
		u.win.Close()
		b.StartTimer()
	}
}

// BenchmarkLoad100k reads 100,000 sessions into what the screens show, as the app's start
// does on a goroutine once its window is painted: with the apply of BenchmarkFirstShow100k,
// the time from the first frame to every screen filled; its allocations are the heap it keeps.
func BenchmarkLoad100k(b *testing.B) {
	db := bigStore(b)
	u := New(test.NewTempApp(b), db, Options{Now: func() time.Time { return bigNow }, Loc: time.UTC, LoadAfterShow: true})
	for b.Loop() {
		snap, err := u.load()
		if err != nil || len(snap.sessions) != 100_000 {
			b.Fatal(err)
		}
	}
}
