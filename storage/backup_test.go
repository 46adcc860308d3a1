package storage

import (
	"bytes"
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
	names, _ := filepath.Glob(filepath.Join(db.BackupDir(), prefix+"*.db"))
	return names
}

func TestAutoBackupKeepsSevenDailyAndFourWeekly(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.Local)
	db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return now }})
	if err != nil {
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
	if tracker.ErrorCode(err) != tracker.Damaged || !strings.Contains(err.Error(), "The newest good backup is ") ||
		!strings.Contains(err.Error(), "corepath restore "+filepath.Join(dir, "backups")) {
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
