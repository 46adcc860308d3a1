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

	"corepath/resources"
	"corepath/tracker"
)

func backups(t *testing.T, db *DB, prefix string) []string {
	t.Helper()
	return filesNamed(db.BackupDir(), prefix, ".db")
}

// The same in a folder whose name Glob would read as a pattern.
func TestAutoBackupKeepsSevenDailyAndFourWeekly(t *testing.T) {
	for _, folder := range []string{"data", "Study [2026]"} {
		t.Run(folder, func(t *testing.T) { autoBackupKeepsSevenDailyAndFourWeekly(t, filepath.Join(t.TempDir(), folder)) })
	}
}

func autoBackupKeepsSevenDailyAndFourWeekly(t *testing.T, dir string) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.Local)
	db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	// A store as created holds nothing of the person's: no backup of it is taken.
	if written, err := db.AutoBackup(); err != nil || len(written) != 0 {
		t.Fatalf("a store as created was backed up: %v, %v", written, err)
	}
	if err := db.PutGoals(tracker.Goals{WeeklyHours: 8}); err != nil {
		t.Fatal(err)
	}
	for day := 0; day < 40; day++ {
		written, err := db.AutoBackup()
		if err != nil {
			t.Fatal(err)
		}
		if day == 0 && len(written) != 2 {
			t.Errorf("the first run wrote %v", written)
		}
		if again, _ := db.AutoBackup(); len(again) != 0 {
			t.Errorf("a second run on day %d wrote %v", day, again)
		}
		now = now.AddDate(0, 0, 1)
	}
	daily, weekly := backups(t, db, "corepath-daily-"), backups(t, db, "corepath-weekly-")
	if len(daily) != 7 || len(weekly) != 4 {
		t.Fatalf("%d daily, %d weekly: %v %v", len(daily), len(weekly), daily, weekly)
	}
	if !strings.HasSuffix(daily[6], "corepath-daily-2026-12-10.db") || !strings.HasSuffix(daily[0], "corepath-daily-2026-12-04.db") {
		t.Errorf("kept the wrong days: %v", daily)
	}
	for _, b := range append(daily, weekly...) {
		if err := Verify(b); err != nil {
			t.Errorf("%s: %v", b, err)
		}
		if info, _ := os.Stat(b); info.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", b, info.Mode())
		}
	}
	if newest, ok := NewestGoodBackup(dir); !ok || filepath.Base(newest) != "corepath-daily-2026-12-10.db" {
		t.Errorf("the newest good backup: %q, %v", newest, ok)
	}
}

func TestVerify(t *testing.T) {
	db := openTest(t, t.TempDir())
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Hour)
	if err := Verify(db.Path()); err != nil {
		t.Fatal(err)
	}
	valid, _ := os.ReadFile(db.Path())
	bad := filepath.Join(t.TempDir(), "bad.db")
	for name, content := range map[string][]byte{"empty": {}, "garbage": bytes.Repeat([]byte("x"), 9000), "truncated": valid[:5000]} {
		os.WriteFile(bad, content, 0o600)
		if err := Verify(bad); err == nil {
			t.Errorf("%s passed Verify", name)
		}
	}
	if err := Verify(filepath.Join(t.TempDir(), "missing.db")); tracker.ErrorCode(err) != tracker.NotFound {
		t.Errorf("missing file: %v", err)
	}
}

func TestRestoreOverAHealthyStoreBacksItUp(t *testing.T) {
	src := openTest(t, t.TempDir())
	logSession(t, src, "BGP", testNow.Add(-time.Hour), time.Hour)
	saved := filepath.Join(t.TempDir(), "saved.db")
	if err := src.Backup(saved); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	dst := openTest(t, dir)
	logSession(t, dst, "OSPF", testNow.Add(-3*time.Hour), 30*time.Minute)
	logSession(t, dst, "OSPF", testNow.Add(-5*time.Hour), 30*time.Minute)

	res, err := Restore(dir, saved, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Backup == "" || res.DamagedAs != "" {
		t.Errorf("result %+v", res)
	}
	if n := count(t, openTest(t, dir)); n != 1 {
		t.Errorf("restored store holds %d sessions", n)
	}
	before := openTest(t, t.TempDir())
	copyFile(t, res.Backup, before.Path())
	if n := count(t, before); n != 2 {
		t.Errorf("the backup of the replaced store holds %d sessions", n)
	}
}

func TestDamagedStoreNamesTheNewestGoodBackupAndRestoreKeepsIt(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Hour)
	if _, err := db.AutoBackup(); err != nil {
		t.Fatal(err)
	}
	junk := bytes.Repeat([]byte{0xba, 0xd0}, 8000)
	os.WriteFile(db.Path(), junk, 0o600)

	_, err := Open(dir, Options{Seed: resources.DefaultPlan})
	var damage *tracker.DamageError
	if tracker.ErrorCode(err) != tracker.Damaged || !strings.Contains(err.Error(), "The newest good backup is ") ||
		!errors.As(err, &damage) || filepath.Dir(damage.Restore.Path) != filepath.Join(dir, "backups") || damage.Restore.Sessions != 1 {
		t.Fatalf("message: %v", err)
	}
	backup, ok := NewestGoodBackup(dir)
	if !ok {
		t.Fatal("no good backup found")
	}
	res, err := Restore(dir, backup, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(res.DamagedAs); !bytes.Equal(kept, junk) {
		t.Error("the damaged file was not kept as it was")
	}
	if n := count(t, openTest(t, dir)); n != 1 {
		t.Errorf("restored %d sessions", n)
	}
	if _, err := Restore(dir, res.DamagedAs, Options{}); err == nil {
		t.Error("a damaged file was restored")
	}
}

// The backup named after damage must hold what was there: after changes, once the newest backup
// is an hour old, the next open (or the write itself) takes another.
func TestBackupsFollowChanges(t *testing.T) {
	dir := t.TempDir()
	offset := time.Duration(0)
	// The backups' own times are the real clock's, so the test runs on it; in a zone where it
	// is noon now, so that the hours it moves on never reach a midnight, which would take the
	// next day's backup instead (the test failed when run after 23:00).
	utc := time.Now().UTC()
	noonHere := time.FixedZone("noon now", 12*3600-(utc.Hour()*3600+utc.Minute()*60))
	opt := Options{Seed: resources.DefaultPlan, Now: func() time.Time { return time.Now().Add(offset) }, Loc: noonHere}
	db, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	logSession(t, db, "BGP", time.Now().Add(-time.Hour), 30*time.Minute)
	if _, err := db.AutoBackup(); err != nil { // the store's first backups: one session
		t.Fatal(err)
	}
	for i := range 20 {
		logSession(t, db, "BGP", time.Now().Add(-time.Duration(i+2)*time.Hour), time.Hour)
	}
	if path, err := db.BackupIfChanged(RecentBackupAge); err != nil || path != "" {
		t.Fatalf("a backup younger than an hour was followed by another: %q, %v", path, err)
	}
	offset = RecentBackupAge + time.Minute
	written, err := db.AutoBackup()
	if err != nil || len(written) != 1 || !strings.Contains(written[0], "corepath-recent-") {
		t.Fatalf("an hour after the changes: %v, %v", written, err)
	}
	b, ok := NewestGoodBackupInfo(dir)
	if !ok || b.Path != written[0] || b.Sessions != 21 {
		t.Errorf("the newest good backup is %+v", b)
	}
	offset += 2 * RecentBackupAge
	if path, err := db.BackupIfChanged(RecentBackupAge); err != nil || path != "" {
		t.Errorf("an unchanged store was backed up again: %q, %v", path, err)
	}
	logSession(t, db, "BGP", time.Now().Add(-30*time.Hour), time.Hour)
	if path, err := db.BackupIfChanged(0); err != nil || path == "" {
		t.Errorf("a change was not backed up at close: %q, %v", path, err)
	}
}

func TestBackupsInTheSameSecondKeepEachOtherAndPruneTheOldest(t *testing.T) {
	db := openTest(t, t.TempDir()) // its clock stands still: every backup is taken in the same second
	var taken []string
	for range keepBefore + 2 {
		path, err := db.BackupBefore("import")
		if err != nil {
			t.Fatal(err)
		}
		taken = append(taken, path)
	}
	stem := filepath.Join(db.BackupDir(), "corepath-before-import-"+testNow.Format("20060102-150405"))
	if taken[0] != stem+".db" || taken[1] != stem+"-2.db" || taken[11] != stem+"-12.db" {
		t.Errorf("backups named %v", taken)
	}
	kept := backups(t, db, "corepath-before-import-")
	if len(kept) != keepBefore {
		t.Fatalf("%d backups kept, want %d: %v", len(kept), keepBefore, kept)
	}
	for i, path := range taken {
		_, err := os.Stat(path)
		if pruned := i < 2; pruned != os.IsNotExist(err) {
			t.Errorf("backup %d (%s): pruned %v, stat says %v", i+1, path, pruned, err)
		}
	}
}

// Backups a person asks for in the same second are all kept, each under a name of its own,
// and none is pruned however many there are.
func TestManualBackupsInTheSameSecondAreAllKept(t *testing.T) {
	db := openTest(t, t.TempDir())
	const n = keepDaily + 3
	for i := range n {
		path, err := db.ManualBackup()
		if err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(db.BackupDir(), "corepath-manual-"+testNow.Format("20060102-150405"))
		if i == 0 {
			want += ".db"
		} else {
			want += fmt.Sprintf("-%d.db", i+1)
		}
		if path != want {
			t.Errorf("backup %d named %s, want %s", i+1, path, want)
		}
		if err := Verify(path); err != nil {
			t.Errorf("backup %d: %v", i+1, err)
		}
	}
	if kept := backups(t, db, "corepath-manual-"); len(kept) != n {
		t.Errorf("%d manual backups kept, want %d", len(kept), n)
	}
}

// The store is not restored from itself, under its own path or another way to it: the
// backup that Restore takes first would be all that changed.
func TestTheStoreIsNotRestoredFromItself(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Hour)
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db.Path(), link); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{db.Path(), filepath.Join(dir, ".", "corepath.db"), link} {
		if _, err := Restore(dir, from, Options{}); tracker.ErrorCode(err) != tracker.Invalid || !strings.Contains(err.Error(), "is the store itself") {
			t.Errorf("restore from %s: %v", from, err)
		}
	}
	if names, _ := filepath.Glob(filepath.Join(db.BackupDir(), "corepath-before-restore-*")); len(names) != 0 {
		t.Errorf("a refused restore took backups %v", names)
	}
}

// Two processes taking the day's backup at once (two commands run together) each write a
// partial file of their own: neither fails, and the backup left is whole.
func TestBackupsTakenAtOnceDoNotShareAPartialFile(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Hour)
	path := filepath.Join(db.BackupDir(), "corepath-daily-2026-11-25.db")
	errs := make(chan error, 40)
	for _, other := range []*DB{openTest(t, dir), openTest(t, dir)} {
		go func() {
			for range 20 {
				errs <- other.Backup(path)
			}
		}()
	}
	for range 40 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if err := Verify(path); err != nil {
		t.Errorf("the backup left: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(db.BackupDir(), "*.partial")); len(left) != 0 {
		t.Errorf("partial files left: %v", left)
	}
}

// The app's restore says so when the timer running in the replaced store is not in the backup.
func TestRestoreNamesTheTimerItStops(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	saved := filepath.Join(t.TempDir(), "saved.db")
	if err := db.Backup(saved); err != nil {
		t.Fatal(err)
	}
	p, _ := db.Plan()
	ospf, _ := tracker.MatchTopic(&p, "OSPF")
	if _, err := db.StartTimer(tracker.Session{TopicID: ospf.ID, Start: testNow.Add(-20 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	msg, err := db.Restore(saved)
	if err != nil || !strings.Contains(msg, "The timer for OSPF, running since ") || !strings.Contains(msg, "log the time on the Log screen") {
		t.Errorf("restore: %q, %v", msg, err)
	}
	if _, running, _ := db.Timer(); running {
		t.Error("the timer still runs")
	}
}

// The backups folder's note names the backup written there last, and only a backup there.
func TestTheBackupNoteNamesTheNewestBackup(t *testing.T) {
	db := openTest(t, t.TempDir())
	logSession(t, db, "BGP", testNow.Add(-time.Hour), 30*time.Minute)
	note := func() string { b, _ := os.ReadFile(filepath.Join(db.BackupDir(), newestBackupNote)); return string(b) }
	written, err := db.AutoBackup()
	if err != nil || len(written) != 2 {
		t.Fatalf("the first backups: %v, %v", written, err)
	}
	if got := note(); got != filepath.Base(written[1]) {
		t.Errorf("after %v the note says %q", written, got)
	}
	manual, err := db.ManualBackup()
	if err != nil {
		t.Fatal(err)
	}
	if got := note(); got != filepath.Base(manual) {
		t.Errorf("after %s the note says %q", manual, got)
	}
	if err := db.Backup(filepath.Join(t.TempDir(), "elsewhere.db")); err != nil {
		t.Fatal(err)
	}
	if got := note(); got != filepath.Base(manual) {
		t.Errorf("a copy outside the backups folder changed the note to %q", got)
	}
}

// A note that is missing, names no backup, or names one too old that the store has changed
// since, is not believed: the stale backup is the newest, and another is taken.
func TestAWrongBackupNoteIsNotBelieved(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	logSession(t, db, "BGP", now.Add(-time.Hour), 30*time.Minute)
	stale := filepath.Join(db.BackupDir(), "corepath-manual-stale.db")
	if err := db.Backup(stale); err != nil {
		t.Fatal(err)
	}
	old := now.Add(-3 * RecentBackupAge)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	notePath := filepath.Join(db.BackupDir(), newestBackupNote)
	// Unchanged since the stale backup the note names: nothing to take.
	if path, err := db.BackupIfChanged(RecentBackupAge); err != nil || path != "" {
		t.Fatalf("an unchanged store was backed up: %q, %v", path, err)
	}
	logSession(t, db, "BGP", now.Add(-3*time.Hour), 30*time.Minute)
	// The store's own file is fresh: a note that reached it would have stopped the backup.
	for _, says := range []string{"corepath-manual-stale.db", "corepath-gone.db", "../corepath.db", "", "not a name\n"} {
		if err := os.WriteFile(notePath, []byte(says), 0o600); err != nil {
			t.Fatal(err)
		}
		path, err := db.BackupIfChanged(RecentBackupAge)
		if err != nil || !strings.Contains(path, "corepath-recent-") {
			t.Fatalf("with a note saying %q, a changed store after a stale backup: %q, %v", says, path, err)
		}
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(notePath); err != nil {
		t.Fatal(err)
	}
	if path, err := db.BackupIfChanged(RecentBackupAge); err != nil || !strings.Contains(path, "corepath-recent-") {
		t.Errorf("with no note: %q, %v", path, err)
	}
	// The note the backup left names it, and it is fresh: the next change waits for the hour.
	logSession(t, db, "BGP", now.Add(-5*time.Hour), 30*time.Minute)
	if path, err := db.BackupIfChanged(RecentBackupAge); err != nil || path != "" {
		t.Errorf("a change within the hour of the last backup was backed up: %q, %v", path, err)
	}
}

// The hourly check every command makes, in a backups folder of a few weeks' use (seven daily,
// four weekly, 24 recent and a manual backup): with the note that names the newest, without it,
// and an hour on with nothing changed since.
func BenchmarkBackupIfChanged36(b *testing.B) {
	db := openTest(b, b.TempDir())
	if err := db.PutGoals(tracker.Goals{WeeklyHours: 8}); err != nil {
		b.Fatal(err)
	}
	for i := range 36 {
		if err := db.Backup(filepath.Join(db.BackupDir(), fmt.Sprintf("corepath-recent-20261101-%06d.db", i))); err != nil {
			b.Fatal(err)
		}
	}
	note, _ := os.ReadFile(filepath.Join(db.BackupDir(), newestBackupNote))
	for _, c := range []struct {
		name  string
		note  []byte
		later time.Duration
	}{{"note", note, 0}, {"no note", nil, 0}, {"note an hour on", note, 2 * RecentBackupAge}, {"no note an hour on", nil, 2 * RecentBackupAge}} {
		b.Run(c.name, func(b *testing.B) {
			db.opt.Now = func() time.Time { return time.Now().Add(c.later) }
			notePath := filepath.Join(db.BackupDir(), newestBackupNote)
			if err := os.Remove(notePath); err != nil && !errors.Is(err, os.ErrNotExist) {
				b.Fatal(err)
			}
			if c.note != nil {
				if err := os.WriteFile(notePath, c.note, 0o600); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				if path, err := db.BackupIfChanged(RecentBackupAge); err != nil || path != "" {
					b.Fatal(path, err)
				}
			}
		})
	}
}
