package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/resources"
	"corepath/tracker"
)

var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func openTest(t testing.TB, dir string) *DB {
	t.Helper()
	db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return testNow }, LockTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func code(t *testing.T, err error, want tracker.Code) {
	t.Helper()
	if got := tracker.ErrorCode(err); got != want {
		t.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
}

func TestOpenCreatesPrivateSeededStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db := openTest(t, dir)
	for path, want := range map[string]os.FileMode{dir: 0o700, db.Path(): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s mode = %v, want %v", path, info.Mode().Perm(), want)
		}
	}
	p, err := db.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tracker.MatchTopic(&p, "BGP"); err != nil {
		t.Error(err)
	}
	if len(p.Milestones) != 12 || len(p.Exams) != 7 || p.Program.CreditsRequired != 120 {
		t.Errorf("seeded plan: %d milestones, %d exams, %v credits", len(p.Milestones), len(p.Exams), p.Program.CreditsRequired)
	}
}

func TestSeedingRunsOnceAndKeepsUserChanges(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	p, _ := db.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	renamed := *bgp
	renamed.Name = "BGP deep dive"
	if _, err := db.PutTopic(renamed); err != nil {
		t.Fatal(err)
	}
	multicast, _ := tracker.MatchTopic(&p, "Multicast")
	for _, kid := range p.Children(multicast.ID) {
		if err := db.DeleteTopic(kid.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeleteTopic(multicast.ID); err != nil {
		t.Fatal(err)
	}

	p2, _ := openTest(t, dir).Plan()
	if _, err := tracker.MatchTopic(&p2, "BGP deep dive"); err != nil {
		t.Error("rename lost on reopen:", err)
	}
	if got, ok := p2.Topic(multicast.ID); ok {
		t.Errorf("deleted topic came back: %+v", got)
	}
	if len(p2.Topics) != len(p.Topics)-1-len(p.Children(multicast.ID)) {
		t.Errorf("topics = %d after reopen", len(p2.Topics))
	}
}

func logSession(t *testing.T, db *DB, topic string, start time.Time, d time.Duration, tags ...string) tracker.Session {
	t.Helper()
	p, _ := db.Plan()
	tp, err := tracker.MatchTopic(&p, topic)
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.AddSession(tracker.Session{TopicID: tp.ID, Start: start, Duration: d, Tags: tags})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func count(t *testing.T, db *DB) int {
	n := 0
	if err := db.Sessions(tracker.Query{}, func(*tracker.Session) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAddSessionValidatesAndSavesNothingOnError(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, _ := db.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	past := testNow.Add(-2 * time.Hour)
	cases := []struct {
		name string
		s    tracker.Session
		code tracker.Code
		msg  string
	}{
		{"zero", tracker.Session{TopicID: bgp.ID, Start: past}, tracker.Invalid, "at least 1 minute"},
		{"25h", tracker.Session{TopicID: bgp.ID, Start: past.Add(-48 * time.Hour), Duration: 25 * time.Hour}, tracker.Invalid, "at most 24 hours"},
		{"future", tracker.Session{TopicID: bgp.ID, Start: testNow.Add(-time.Minute), Duration: time.Hour}, tracker.Invalid, "in the future"},
		{"no topic", tracker.Session{TopicID: "nope", Start: past, Duration: time.Hour}, tracker.NotFound, "does not exist"},
		{"focus", tracker.Session{TopicID: bgp.ID, Start: past, Duration: time.Hour, Focus: 6}, tracker.Invalid, "1 to 5"},
		{"kind", tracker.Session{TopicID: bgp.ID, Start: past, Duration: time.Hour, Kind: "nap"}, tracker.Invalid, "unknown kind"},
		{"milestone", tracker.Session{TopicID: bgp.ID, Start: past, Duration: time.Hour, MilestoneID: "M99"}, tracker.NotFound, "milestone"},
		{"course", tracker.Session{TopicID: bgp.ID, Start: past, Duration: time.Hour, CourseID: "c99"}, tracker.NotFound, "course"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := db.AddSession(c.s)
			code(t, err, c.code)
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("message %q lacks %q", err, c.msg)
			}
		})
	}
	if n := count(t, db); n != 0 {
		t.Errorf("%d sessions saved by invalid input", n)
	}
}

func TestSessionRoundTripAndRanges(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, _ := db.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	in := tracker.Session{TopicID: bgp.ID, Start: testNow.Add(-3 * time.Hour), Duration: 90 * time.Minute,
		Kind: tracker.KindLab, Tags: []string{"lab", " rr ", "LAB"}, Note: " route reflectors ", Focus: 4, MilestoneID: "M07"}
	saved, err := db.AddSession(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.GetSession(saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != saved.ID || !got.Start.Equal(in.Start) || got.Duration != in.Duration || got.Kind != tracker.KindLab ||
		strings.Join(got.Tags, ",") != "lab,rr" || got.Note != "route reflectors" || got.Focus != 4 || got.MilestoneID != "M07" ||
		!got.Created.Equal(testNow) {
		t.Errorf("round trip: %+v", got)
	}
	// One session a day for 30 days, then query a week both ways.
	for i := 1; i <= 30; i++ {
		logSession(t, db, "OSPF", testNow.AddDate(0, 0, -i), 30*time.Minute)
	}
	from, to := testNow.AddDate(0, 0, -10), testNow.AddDate(0, 0, -3)
	var fwd, rev []time.Time
	db.Sessions(tracker.Query{From: from, To: to}, func(s *tracker.Session) error { fwd = append(fwd, s.Start); return nil })
	db.Sessions(tracker.Query{From: from, To: to, Reverse: true}, func(s *tracker.Session) error { rev = append(rev, s.Start); return nil })
	if len(fwd) != 7 || len(rev) != 7 {
		t.Fatalf("range gave %d forward, %d reverse; want 7", len(fwd), len(rev))
	}
	for i := range fwd {
		if !fwd[i].Equal(rev[len(rev)-1-i]) || fwd[i].Before(from) || !fwd[i].Before(to) {
			t.Errorf("order or bounds wrong at %d: %v / %v", i, fwd[i], rev[len(rev)-1-i])
		}
	}
	var newest []time.Time
	db.Sessions(tracker.Query{Reverse: true}, func(s *tracker.Session) error { newest = append(newest, s.Start); return nil })
	if len(newest) != 31 || !newest[0].Equal(in.Start) {
		t.Errorf("reverse over everything: %d, first %v", len(newest), newest[0])
	}
}

func TestEditMovesSessionAndDeleteCanBeUndone(t *testing.T) {
	db := openTest(t, t.TempDir())
	s := logSession(t, db, "BGP", testNow.Add(-48*time.Hour), time.Hour)
	s.Start = testNow.Add(-5 * time.Hour)
	s.Duration = 45 * time.Minute
	if _, err := db.UpdateSession(s); err != nil {
		t.Fatal(err)
	}
	var starts []time.Time
	db.Sessions(tracker.Query{}, func(x *tracker.Session) error { starts = append(starts, x.Start); return nil })
	if len(starts) != 1 || !starts[0].Equal(s.Start) {
		t.Fatalf("after edit: %v", starts)
	}
	// A bad edit changes nothing.
	bad := s
	bad.Duration = 0
	_, err := db.UpdateSession(bad)
	code(t, err, tracker.Invalid)
	if got, _ := db.GetSession(s.ID); got.Duration != 45*time.Minute {
		t.Errorf("bad edit stored: %v", got.Duration)
	}
	deleted, err := db.DeleteSession(s.ID[:8])
	if err != nil {
		t.Fatal(err)
	}
	if count(t, db) != 0 {
		t.Fatal("not deleted")
	}
	if _, err := db.AddSession(deleted); err != nil {
		t.Fatal("undo:", err)
	}
	back, _ := db.GetSession(s.ID)
	if back.Duration != 45*time.Minute || !back.Created.Equal(deleted.Created) || !back.Updated.Equal(deleted.Updated) {
		t.Errorf("undo gave %+v", back)
	}
	_, err = db.AddSession(deleted)
	code(t, err, tracker.Conflict)
	_, err = db.GetSession("ab")
	code(t, err, tracker.Invalid)
	_, err = db.DeleteSession("ffffffff")
	code(t, err, tracker.NotFound)
}

// A timer whose session a file or a sync brought (stopped on another machine, same id) is
// not stopped over that session: the stop is refused, and the session and timer stay.
func TestStopTimerKeepsTheSessionLoggedWithItsID(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, _ := db.Plan()
	mpls, _ := tracker.MatchTopic(&p, "MPLS")
	timer, err := db.StartTimer(tracker.Session{TopicID: mpls.ID, Start: testNow.Add(-90 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	logged := tracker.Session{ID: timer.ID, TopicID: mpls.ID, Start: timer.Start, Duration: 15 * time.Minute, Note: "stopped on A"}
	if _, err := db.AddSession(logged); err != nil {
		t.Fatal(err)
	}
	_, err = db.StopTimer(testNow, nil)
	code(t, err, tracker.Conflict)
	var e *tracker.TimerLoggedError
	if !errors.As(err, &e) || e.Session.ID != timer.ID || e.Session.Duration != 15*time.Minute || e.Topic != "MPLS" {
		t.Fatalf("error = %v (%+v), want the logged session's", err, e)
	}
	got, err := db.GetSession(timer.ID)
	if err != nil || got.Duration != 15*time.Minute || got.Note != "stopped on A" {
		t.Errorf("session after the refused stop: %+v %v", got, err)
	}
	if _, ok, _ := db.Timer(); !ok {
		t.Error("a refused stop lost the timer")
	}
}

func TestTimerSurvivesReopenAndStops(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	p, _ := db.Plan()
	mpls, _ := tracker.MatchTopic(&p, "MPLS")
	started, err := db.StartTimer(tracker.Session{TopicID: mpls.ID, Start: testNow.Add(-50 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.StartTimer(tracker.Session{TopicID: mpls.ID})
	code(t, err, tracker.Conflict)

	again := openTest(t, dir) // as after a crash: nothing but the file
	running, ok, err := again.Timer()
	if err != nil || !ok || running.ID != started.ID || !running.Running {
		t.Fatalf("timer after reopen: %+v %v %v", running, ok, err)
	}
	if count(t, again) != 0 {
		t.Error("a running timer must not count as a finished session")
	}
	s, err := again.StopTimer(testNow, func(s *tracker.Session) { s.Note = "LDP"; s.Focus = 3 })
	if err != nil {
		t.Fatal(err)
	}
	if s.Duration != 50*time.Minute || s.Running || s.Note != "LDP" {
		t.Errorf("stopped: %+v", s)
	}
	if _, ok, _ := again.Timer(); ok {
		t.Error("timer still running after stop")
	}
	_, err = again.StopTimer(testNow, nil)
	code(t, err, tracker.NotFound)

	// Under a minute: refused, and the timer keeps running.
	again.StartTimer(tracker.Session{TopicID: mpls.ID, Start: testNow.Add(-20 * time.Second)})
	_, err = again.StopTimer(testNow, nil)
	code(t, err, tracker.Invalid)
	if _, ok, _ := again.Timer(); !ok {
		t.Error("a refused stop lost the timer")
	}
	if _, err := again.CancelTimer(); err != nil {
		t.Fatal(err)
	}
	if count(t, again) != 1 {
		t.Error("cancel must not log a session")
	}
}

func TestRestoredTimerKeepsItsIDAndStamps(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, _ := db.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	old := testNow.Add(-72 * time.Hour)
	in := tracker.Session{ID: "01900000-0000-7000-8000-000000000001", TopicID: bgp.ID, Start: testNow.Add(-10 * time.Minute),
		Created: old, Updated: old.Add(time.Hour)}
	started, err := db.StartTimer(in)
	if err != nil {
		t.Fatal(err)
	}
	if started.ID != in.ID || !started.Created.Equal(in.Created) || !started.Updated.Equal(in.Updated) {
		t.Errorf("restored timer: %+v", started)
	}
	db.CancelTimer()
	taken := logSession(t, db, "BGP", testNow.Add(-3*time.Hour), time.Hour)
	_, err = db.StartTimer(tracker.Session{ID: taken.ID, TopicID: bgp.ID})
	code(t, err, tracker.Conflict)
	_, err = db.StartTimer(tracker.Session{ID: "not-an-id", TopicID: bgp.ID})
	code(t, err, tracker.Invalid)
}

func TestPlanEditsGuardReferences(t *testing.T) {
	db := openTest(t, t.TempDir())
	s := logSession(t, db, "OSPF", testNow.Add(-time.Hour), 30*time.Minute)
	code(t, db.DeleteTopic(s.TopicID), tracker.Conflict)
	p, _ := db.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	code(t, db.DeleteTopic(bgp.ID), tracker.Conflict) // has subtopics
	// With sessions too, the refusal names both, so that clearing one does not meet the other.
	logSession(t, db, "BGP", testNow.Add(-2*time.Hour), 30*time.Minute)
	if err := db.DeleteTopic(bgp.ID); err == nil || !strings.Contains(err.Error(), "subtopics and 1 session logged against it") {
		t.Errorf("removing BGP with subtopics and a session: %v", err)
	}

	_, err := db.PutTopic(tracker.Topic{Name: "bgp", Track: tracker.TrackSkills})
	code(t, err, tracker.Conflict)
	added, err := db.PutTopic(tracker.Topic{Name: "Route servers", ParentID: bgp.ID, Track: tracker.TrackSkills, TargetHours: 5})
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.PutTopic(tracker.Topic{Name: "Too deep", ParentID: added.ID, Track: tracker.TrackSkills})
	code(t, err, tracker.Invalid)
	// A topic with the running timer on it: the timer is named, not counted as a session logged.
	if _, err := db.StartTimer(tracker.Session{TopicID: added.ID, Start: testNow.Add(-10 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	err = db.DeleteTopic(added.ID)
	code(t, err, tracker.Conflict)
	if !strings.Contains(err.Error(), `the timer is running on "Route servers": stop it (or cancel it) first`) {
		t.Errorf("a topic with the timer running: %v", err)
	}
	if _, err := db.CancelTimer(); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteTopic(added.ID); err != nil {
		t.Fatal(err)
	}

	m5, _ := p.Milestone("M05")
	cyc := *m5
	cyc.DependsOn = []string{"M12"} // M12 → M11 → M09 → M08 → M05
	_, err = db.PutMilestone(cyc)
	code(t, err, tracker.Invalid)
	if !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle message: %v", err)
	}
	code(t, db.DeleteMilestone("M05"), tracker.Conflict)

	c, err := db.PutCourse(tracker.Course{Code: "CS101", Title: "Intro", Credits: 3, Status: tracker.CourseCompleted, Grade: "a-"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.PutCourse(tracker.Course{Code: "CS102", Credits: 0})
	code(t, err, tracker.Invalid)
	_, err = db.PutCourse(tracker.Course{Code: "CS103", Credits: 3, Grade: "E"})
	code(t, err, tracker.Invalid)
	p, _ = db.Plan()
	if d := tracker.Degree(&p); d.CreditsEarned != 3 || d.GPA != 3.7 {
		t.Errorf("degree after course: %+v", d)
	}
	if err := db.DeleteCourse(c.ID); err != nil {
		t.Fatal(err)
	}
	code(t, db.PutGoals(tracker.Goals{WeeklyHours: -1}), tracker.Invalid)
	code(t, db.PutSettings(tracker.Settings{WeekStart: time.Tuesday}), tracker.Invalid)
	code(t, db.PutProgram(tracker.Program{CreditsRequired: 0}), tracker.Invalid)
}

func unchangedAfter(t *testing.T, path string, content []byte, wantCode tracker.Code) {
	t.Helper()
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(filepath.Dir(path), Options{Seed: resources.DefaultPlan, LockTimeout: 200 * time.Millisecond})
	code(t, err, wantCode)
	if !strings.Contains(err.Error(), path) {
		t.Errorf("message does not name the file: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, content) {
		t.Error("the file was changed")
	}
}

func TestDamagedFilesAreReportedAndLeftUntouched(t *testing.T) {
	good := t.TempDir()
	db := openTest(t, good)
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Hour)
	valid, _ := os.ReadFile(db.Path())

	garbage := bytes.Repeat([]byte("not a database "), 2000)
	flipped := bytes.Clone(valid)
	for i := 0; i < 64; i++ {
		flipped[i] ^= 0xff // both meta pages' headers
		flipped[4096+i] ^= 0xff
	}
	for name, content := range map[string][]byte{
		"empty": {}, "garbage": garbage, "truncated": valid[:5000], "flipped": flipped,
	} {
		t.Run(name, func(t *testing.T) {
			unchangedAfter(t, filepath.Join(t.TempDir(), FileName), content, tracker.Damaged)
		})
	}
}

func TestForeignBoltFileIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err })
	b.Close()
	content, _ := os.ReadFile(path)
	unchangedAfter(t, path, content, tracker.Damaged)
}

func setSchema(t *testing.T, path string, v int) []byte {
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(v)) })
	b.Close()
	content, _ := os.ReadFile(path)
	return content
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	content := setSchema(t, db.Path(), schemaVersion+1)
	unchangedAfter(t, db.Path(), content, tracker.TooNew)
}

func TestMigrationBacksUpAndRunsInOneTransaction(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Hour)
	current := schemaVersion
	defer func() { schemaVersion = current; delete(migrations, current) }()
	schemaVersion = current + 1

	// A failing step leaves the file as it was, apart from the backup beside it.
	migrations[current] = func(tx *bolt.Tx, _ *Options) error {
		tx.Bucket(bucketMeta).Put([]byte("half"), []byte("done"))
		return errors.New("boom")
	}
	before, _ := os.ReadFile(db.Path())
	_, err := Open(dir, Options{Seed: resources.DefaultPlan})
	code(t, err, tracker.Internal)
	if after, _ := os.ReadFile(db.Path()); !bytes.Equal(before, after) {
		t.Error("a failed migration changed the file")
	}

	migrations[current] = func(tx *bolt.Tx, _ *Options) error {
		return tx.Bucket(bucketMeta).Put([]byte("migrated"), []byte("yes"))
	}
	if _, err := Open(dir, Options{Seed: resources.DefaultPlan}); err != nil {
		t.Fatal(err)
	}
	v, _, err := db.schema()
	if err != nil || v != current+1 {
		t.Errorf("schema after migration = %d, %v", v, err)
	}
	backups, _ := filepath.Glob(filepath.Join(db.BackupDir(), fmt.Sprintf("corepath-before-schema%d-*.db", current)))
	if len(backups) == 0 {
		t.Fatal("no backup before migration")
	}
	bk, err := Open(t.TempDir(), Options{Seed: resources.DefaultPlan})
	if err != nil {
		t.Fatal(err)
	}
	copyFile(t, backups[0], bk.Path())
	if n := count(t, bk); n != 1 {
		t.Errorf("backup holds %d sessions, want 1", n)
	}
}

func copyFile(t *testing.T, from, to string) {
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestFileInUseIsReportedQuickly(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	held, err := bolt.Open(db.Path(), 0o600, nil) // an exclusive lock, as a writer elsewhere holds
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	start := time.Now()
	_, err = db.Plan()
	code(t, err, tracker.InUse)
	if !strings.Contains(err.Error(), "Corepath's data in "+dir+" is in use by") {
		t.Errorf("message: %v", err)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("took %v to give up", waited)
	}
}

func TestStampChangesWithEveryCommit(t *testing.T) {
	db := openTest(t, t.TempDir())
	s1, _ := db.Stamp()
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Minute)
	s2, _ := db.Stamp()
	logSession(t, db, "BGP", testNow.Add(-2*time.Hour), time.Minute)
	s3, _ := db.Stamp()
	if s1 == s2 || s2 == s3 {
		t.Errorf("stamps %s, %s, %s", s1, s2, s3)
	}
	if again, _ := db.Stamp(); again != s3 {
		t.Error("a read changed the stamp")
	}
}

func TestBatchWritesAllOrNothing(t *testing.T) {
	db := openTest(t, t.TempDir())
	// A topic and a session on it in one transaction: the session's check sees the topic.
	err := db.Batch(func(st tracker.Store) error {
		topic, err := st.PutTopic(tracker.Topic{Name: "Route servers", Track: tracker.TrackSkills})
		if err != nil {
			return err
		}
		_, err = st.AddSession(tracker.Session{TopicID: topic.ID, Start: testNow.Add(-time.Hour), Duration: time.Hour})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := db.Plan()
	if _, err := tracker.MatchTopic(&p, "Route servers"); err != nil || count(t, db) != 1 {
		t.Fatalf("after the batch: %v, %d sessions", err, count(t, db))
	}
	// A failure undoes what came before it in the batch.
	before, _ := os.ReadFile(db.Path())
	err = db.Batch(func(st tracker.Store) error {
		if _, err := st.PutTopic(tracker.Topic{Name: "Doomed", Track: tracker.TrackSkills}); err != nil {
			return err
		}
		_, err := st.AddSession(tracker.Session{TopicID: "nope", Start: testNow.Add(-time.Hour), Duration: time.Hour})
		return err
	})
	code(t, err, tracker.NotFound)
	if after, _ := os.ReadFile(db.Path()); !bytes.Equal(before, after) {
		t.Error("a failed batch changed the file")
	}
}

func TestBatchSeesItsOwnPlanChanges(t *testing.T) {
	db := openTest(t, t.TempDir())
	err := db.Batch(func(st tracker.Store) error {
		before, _ := st.Plan() // cached for the batch
		before.Topics[0].Name = "changed by the caller"
		if _, err := st.PutTopic(tracker.Topic{Name: "Route servers", Track: tracker.TrackSkills}); err != nil {
			return err
		}
		after, err := st.Plan()
		if err != nil {
			return err
		}
		if len(after.Topics) != len(before.Topics)+1 || after.Topics[0].Name == "changed by the caller" {
			t.Errorf("inside the batch: %d topics before, %d after; first %q", len(before.Topics), len(after.Topics), after.Topics[0].Name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A store of schema 1 holds version 1 session records, without a checksum: opening it rewrites
// every session and the running timer with one, and each reads back as it was.
func TestSchemaOneGainsRecordChecksums(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	logged := logSession(t, db, "BGP", testNow.Add(-3*time.Hour), 40*time.Minute, "lab")
	p, _ := db.Plan()
	ospf, _ := tracker.MatchTopic(&p, "OSPF")
	if _, err := db.StartTimer(tracker.Session{TopicID: ospf.ID, Start: testNow.Add(-time.Hour), Planned: time.Hour}); err != nil {
		t.Fatal(err)
	}
	downgrade := func(val []byte) []byte {
		if val[0] != recordV2 {
			t.Fatalf("record written as version %d", val[0])
		}
		v1 := append([]byte{recordV1}, val[1:len(val)-crcLen]...)
		return v1
	}
	b, err := bolt.Open(db.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		sessions := tx.Bucket(bucketSessions)
		k, v := sessions.Cursor().First()
		if err := sessions.Put(append([]byte(nil), k...), downgrade(v)); err != nil {
			return err
		}
		timer := tx.Bucket(bucketTimer).Get(timerKey)
		old := append(append([]byte(nil), timer[:keyLen]...), downgrade(timer[keyLen:])...)
		if err := tx.Bucket(bucketTimer).Put(timerKey, old); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, schemaBytes(1))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}

	db = openTest(t, dir)
	if v, _, err := db.schema(); err != nil || v != schemaVersion {
		t.Fatalf("schema after opening = %d, %v", v, err)
	}
	err = db.view(func(tx *bolt.Tx) error {
		_, v := tx.Bucket(bucketSessions).Cursor().First()
		if v[0] != recordV2 {
			t.Errorf("the session is still a version %d record", v[0])
		}
		if timer := tx.Bucket(bucketTimer).Get(timerKey); timer[keyLen] != recordV2 {
			t.Errorf("the timer is still a version %d record", timer[keyLen])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.GetSession(logged.ID)
	if err != nil || got.Duration != logged.Duration || got.TopicID != logged.TopicID || len(got.Tags) != 1 || got.Tags[0] != "lab" {
		t.Errorf("session after migration = %+v, %v; want %+v", got, err, logged)
	}
	if timer, running, err := db.Timer(); err != nil || !running || timer.TopicID != ospf.ID {
		t.Errorf("timer after migration = %+v, %v, %v", timer, running, err)
	}
	if backups, _ := filepath.Glob(filepath.Join(db.BackupDir(), "corepath-before-schema1-*.db")); len(backups) == 0 {
		t.Error("no backup before the migration")
	}
}

// Sessions come in the order of their start nearly always, and their ids with them: the pages
// of both buckets are filled before they split, not left half empty.
func TestSessionsInOrderFillTheirPages(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, err := db.Plan()
	if err != nil {
		t.Fatal(err)
	}
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	start := testNow.AddDate(-3, 0, 0)
	next := func() tracker.Session {
		start = start.Add(time.Hour)
		return tracker.Session{TopicID: bgp.ID, Start: start, Duration: 45 * time.Minute, Tags: []string{"lab"}, Note: "read RFC 4456"}
	}
	for range 20 { // imports
		batch := make([]tracker.Session, 500)
		for i := range batch {
			batch[i] = next()
		}
		if _, err := db.AddSessions(batch); err != nil {
			t.Fatal(err)
		}
	}
	for range 200 { // logs
		if _, err := db.AddSession(next()); err != nil {
			t.Fatal(err)
		}
	}
	b, err := bolt.Open(db.Path(), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketSessions, bucketSessionIDs} {
			s := tx.Bucket(name).Stats()
			if fill := float64(s.LeafInuse) / float64(s.LeafAlloc); fill < 0.85 {
				t.Errorf("%s: %d sessions on %d leaf pages, %.0f%% full", name, s.KeyN, s.LeafPageN, 100*fill)
			}
		}
		return nil
	})
}

// A removed record's id is not given to the next record of its kind: what still refers to the
// removed one (an undo, another device) must not come to mean another.
func TestARemovedRecordsIDIsNotGivenAgain(t *testing.T) {
	db := openTest(t, t.TempDir())
	first, err := db.PutMilestone(tracker.Milestone{Title: "Temporary", Track: tracker.TrackCertification})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteMilestone(first.ID); err != nil {
		t.Fatal(err)
	}
	second, err := db.PutMilestone(tracker.Milestone{Title: "Another", Track: tracker.TrackCertification})
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != "M13" || second.ID != "M14" {
		t.Errorf("ids %s then, after its removal, %s; want M13 then M14", first.ID, second.ID)
	}
	a, err := db.PutCredit(tracker.Credit{Activity: "Cisco Live", Credits: 8, Date: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.DeleteCredit(a.ID); err != nil {
		t.Fatal(err)
	}
	if b, err := db.PutCredit(tracker.Credit{Activity: "A webinar", Credits: 1, Date: "2026-11-02"}); err != nil || b.ID == a.ID {
		t.Errorf("CE activity ids %s then %s (%v)", a.ID, b.ID, err)
	}
}

func TestSessionCountCountsTheFinishedSessions(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, _ := db.Plan()
	topic := p.Topics[0].ID
	if n, err := db.SessionCount(); err != nil || n != 0 {
		t.Fatalf("a new store counts %d sessions (%v)", n, err)
	}
	var ss []tracker.Session
	for i := range 600 { // more than a page of them
		ss = append(ss, tracker.Session{TopicID: topic, Start: testNow.Add(-time.Duration(i+2) * time.Hour), Duration: time.Hour})
	}
	saved, err := db.AddSessions(ss)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartTimer(tracker.Session{TopicID: topic, Start: testNow.Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DeleteSession(saved[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, err := db.SessionCount(); err != nil || n != 599 {
		t.Errorf("counts %d sessions (%v), want 599: the running timer is not one", n, err)
	}
}

// A data folder given as a file is refused with a message that says what to give instead,
// the store's own file most of all, and the file is left as it was.
func TestADataFolderThatIsAFileIsNamedSo(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir)
	store := filepath.Join(dir, FileName)
	before, err := os.ReadFile(store)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(store, Options{Seed: resources.DefaultPlan})
	code(t, err, tracker.Invalid)
	if want := "is the store's file, not its folder: give the folder that holds it, " + dir; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
	if after, _ := os.ReadFile(store); !bytes.Equal(before, after) {
		t.Error("the store's file changed")
	}

	other := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(other, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(other, Options{Seed: resources.DefaultPlan})
	code(t, err, tracker.Invalid)
	if want := "is a file, not a folder: the data folder is the folder that holds corepath.db"; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
}

// A discarded timer is remembered by its id, its source, or its start and topic, for the last
// keepDiscarded discards; a damaged list neither stops a discard nor an import.
func TestDiscardedTimersAreRemembered(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, _ := db.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	mpls, _ := tracker.MatchTopic(&p, "MPLS")
	discard := func(s tracker.Session) tracker.Session {
		t.Helper()
		started, err := db.StartTimer(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CancelTimer(); err != nil {
			t.Fatal(err)
		}
		return started
	}
	first := discard(tracker.Session{TopicID: bgp.ID, Start: testNow.Add(-time.Hour)})
	timew := discard(tracker.Session{TopicID: mpls.ID, Start: testNow.Add(-3 * time.Hour), Source: "timewarrior:@7"})
	for _, c := range []struct {
		name string
		s    tracker.Session
		want bool
	}{
		{"the same id", tracker.Session{ID: first.ID}, true},
		{"the same start and topic, with no id", tracker.Session{TopicID: bgp.ID, Start: first.Start}, true},
		{"the same start, another topic", tracker.Session{TopicID: mpls.ID, Start: first.Start}, false},
		{"the same source", tracker.Session{Source: "timewarrior:@7", TopicID: bgp.ID}, true},
		{"another source at the same start and topic", tracker.Session{Source: "timewarrior:@8", TopicID: mpls.ID, Start: timew.Start}, false},
		{"never discarded", tracker.Session{TopicID: bgp.ID, Start: testNow.Add(-2 * time.Hour)}, false},
	} {
		at, ok, err := db.DiscardedTimer(c.s)
		if err != nil || ok != c.want || ok && !at.Equal(testNow.Truncate(time.Second)) {
			t.Errorf("%s: discarded %v at %v (%v), want %v", c.name, ok, at, err, c.want)
		}
	}
	for i := range keepDiscarded {
		discard(tracker.Session{TopicID: bgp.ID, Start: testNow.Add(-time.Duration(10+i) * time.Minute)})
	}
	if _, ok, _ := db.DiscardedTimer(first); ok {
		t.Errorf("more than %d discards are remembered", keepDiscarded)
	}

	if err := db.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyDiscarded, []byte("garbage")) }); err != nil {
		t.Fatal(err)
	}
	last := discard(tracker.Session{TopicID: mpls.ID, Start: testNow.Add(-5 * time.Minute)})
	if _, ok, err := db.DiscardedTimer(last); err != nil || !ok {
		t.Errorf("after a damaged list: discarded %v, %v", ok, err)
	}
}

// A session is named by the start or the end of its id: UUID v7 ids made days apart share
// their first characters, but end in random ones.
func TestASessionIsFoundByTheEndOfItsID(t *testing.T) {
	db := openTest(t, t.TempDir())
	a := logSession(t, db, "BGP", testNow.Add(-3*time.Hour), time.Hour)
	b := logSession(t, db, "OSPF", testNow.Add(-2*time.Hour), 30*time.Minute)
	end := func(s tracker.Session, n int) string { id := strings.ReplaceAll(s.ID, "-", ""); return id[len(id)-n:] }
	for _, s := range []tracker.Session{a, b} {
		got, err := db.GetSession(end(s, 8))
		if err != nil || got.ID != s.ID {
			t.Errorf("the end %s of %s found %s, %v", end(s, 8), s.ID, got.ID, err)
		}
		if got, err := db.GetSession(s.ID[len(s.ID)-12:]); err != nil || got.ID != s.ID {
			t.Errorf("the last group of %s found %s, %v", s.ID, got.ID, err)
		}
	}
	if _, err := db.GetSession(a.ID[:4]); tracker.ErrorCode(err) != tracker.Conflict || !strings.Contains(err.Error(), "starts or ends with") {
		t.Errorf("a start both ids share: %v", err)
	}
	if _, err := db.GetSession("ffffeeee"); tracker.ErrorCode(err) != tracker.NotFound {
		t.Errorf("an end no id has: %v", err)
	}
}

// A deleted session is kept as deleted, with its Source and when, until it is stored again
// under its id (an undo); a store that never deleted one has none.
func TestDeletedSessionsAreKeptUntilStoredAgain(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), "data"))
	deleted := func() map[string]string {
		got := map[string]string{}
		if err := db.DeletedSessions(func(id, source string, at time.Time) error {
			if !at.Equal(testNow.Truncate(time.Second)) {
				t.Errorf("deleted at %v", at)
			}
			got[id] = source
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := deleted(); len(got) != 0 {
		t.Fatalf("a new store: %v", got)
	}
	s := logSession(t, db, "BGP", testNow.Add(-2*time.Hour), time.Hour)
	s.Source = "timewarrior:abc"
	if _, err := db.UpdateSession(s); err != nil {
		t.Fatal(err)
	}
	old, err := db.DeleteSession(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := deleted(); len(got) != 1 || got[s.ID] != "timewarrior:abc" {
		t.Errorf("after the delete: %v", got)
	}
	if _, err := db.AddSession(old); err != nil {
		t.Fatal(err)
	}
	if got := deleted(); len(got) != 0 {
		t.Errorf("after the undo: %v", got)
	}
}
