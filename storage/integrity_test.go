package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	bolt "go.etcd.io/bbolt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"corepath/resources"
	"corepath/tracker"
)

// storeWith20 is a store of 20 sessions, backed up, as the fault campaign used.
func storeWith20(t *testing.T) (*DB, []byte) {
	t.Helper()
	db := openTest(t, t.TempDir())
	for i := range 20 {
		s := logSession(t, db, "BGP", testNow.Add(-time.Duration(i+1)*2*time.Hour), time.Hour)
		if i == 0 {
			s.Note = "good17"
			if _, err := db.UpdateSession(s); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.BackupBefore("test"); err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	return db, content
}

// readAll opens the store and reads everything in it, as report and check do.
func readEverything(dir string) error {
	db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return testNow }, LockTimeout: 300 * time.Millisecond})
	if err != nil {
		return err
	}
	if _, err := db.Plan(); err != nil {
		return err
	}
	if err := db.Sessions(tracker.Query{}, func(*tracker.Session) error { return nil }); err != nil {
		return err
	}
	if err := readInBatches(db); err != nil {
		return err
	}
	_, err = db.Check()
	return err
}

// readInBatches reads every session through SessionBatches, a few at a time.
func readInBatches(db *DB) error {
	batch := &tracker.SessionBatch{Sessions: make([]tracker.Session, 0, 7)}
	return db.SessionBatches(tracker.Query{}, batch, func(b *tracker.SessionBatch) (*tracker.SessionBatch, error) { return b, nil })
}

func wantDamageWithBackup(t *testing.T, err error, what string) {
	t.Helper()
	var damage *tracker.DamageError
	if tracker.ErrorCode(err) != tracker.Damaged || !strings.Contains(err.Error(), "cannot be read") ||
		!strings.Contains(err.Error(), "The newest good backup is ") || !errors.As(err, &damage) || damage.Restore.Sessions != 20 {
		t.Fatalf("%s: %v", what, err)
	}
}

// A store cut short anywhere is reported as damaged, naming the backup, and never crashes the
// process (bbolt read past the end of its mapping of the file).
func TestTruncatedStoreIsDamagedNotACrash(t *testing.T) {
	db, content := storeWith20(t)
	if len(content) <= 8192 {
		t.Fatalf("the store is only %d bytes", len(content))
	}
	declared := int(max(parseMeta(content).pages, parseMeta(content[os.Getpagesize():]).pages)) * os.Getpagesize()
	newest := parseMeta(content)
	if other := parseMeta(content[os.Getpagesize():]); other.txid > newest.txid {
		newest = other
	}
	beforeFreelist := int(newest.freelist) * os.Getpagesize() // the file ends where the freelist would start
	for _, size := range []int{8192, 4096 * 3, declared - 4096, declared - 1, beforeFreelist, 5000, 100} {
		if err := os.WriteFile(db.Path(), content[:size], 0o600); err != nil {
			t.Fatal(err)
		}
		wantDamageWithBackup(t, readEverything(db.Dir()), fmt.Sprintf("cut to %d of %d bytes", size, declared))
		// A write says the same, not what bbolt's Open panics with over the missing freelist.
		_, err := db.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-time.Hour), Duration: time.Minute})
		if size >= 8192 && (err == nil || !strings.Contains(err.Error(), fmt.Sprintf("it is cut short: %d bytes of the %d its header declares", size, declared))) {
			t.Errorf("a write into the store cut to %d bytes: %v", size, err)
		}
		if after, _ := os.ReadFile(db.Path()); !bytes.Equal(after, content[:size]) {
			t.Fatalf("cut to %d bytes: the file was changed", size)
		}
	}
	// bbolt grows its file ahead of use: the part past what the header declares holds nothing.
	if err := os.WriteFile(db.Path(), content[:declared], 0o600); err != nil {
		t.Fatal(err)
	}
	if err := readEverything(db.Dir()); err != nil {
		t.Errorf("cut to the declared %d bytes: %v", declared, err)
	}
}

// One flipped byte in a header page made bbolt use the previous transaction without a word; it
// must be refused before anything is written.
func TestFlippedHeaderPageIsRefusedBeforeAnyWrite(t *testing.T) {
	for page := range 2 {
		db, content := storeWith20(t)
		flipped := bytes.Clone(content)
		flipped[int64(page)*int64(os.Getpagesize())+pageHeaderLen+20] ^= 0x01 // the root bucket's page
		if err := os.WriteFile(db.Path(), flipped, 0o600); err != nil {
			t.Fatal(err)
		}
		err := readEverything(db.Dir())
		wantDamageWithBackup(t, err, "header flipped")
		if !strings.Contains(err.Error(), "header page") {
			t.Errorf("the message does not say what is damaged: %v", err)
		}
		_, err = db.AddSession(tracker.Session{TopicID: "bgp", Start: testNow.Add(-time.Hour), Duration: time.Minute})
		wantDamageWithBackup(t, err, "a write over a flipped header")
		if after, _ := os.ReadFile(db.Path()); !bytes.Equal(after, flipped) {
			t.Fatal("the store was written to")
		}
	}
}

// A damaged record: a byte of a note, of a plan record, or a store that is a folder. Each names
// what is damaged and the newest good backup.
func TestDamagedRecordsNameTheBackup(t *testing.T) {
	t.Run("note", func(t *testing.T) {
		db, content := storeWith20(t)
		at := bytes.Index(content, []byte("good17"))
		content[at+1] = 0xff // "g\xffod17": no longer text
		os.WriteFile(db.Path(), content, 0o600)
		_, err := db.Check()
		wantDamageWithBackup(t, err, "a damaged note")
		if !strings.Contains(err.Error(), "fails its checksum") {
			t.Errorf("the message does not name the damaged session: %v", err)
		}
		// What the check found stops writes until the store is restored.
		session := tracker.Session{TopicID: "t1", Start: testNow.Add(-time.Hour), Duration: time.Minute}
		_, err = db.AddSession(session)
		wantDamageWithBackup(t, err, "a write after the check found damage")
		backup, _ := NewestGoodBackup(db.Dir())
		if _, err := Restore(db.Dir(), backup, Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddSession(session); err != nil {
			t.Errorf("a write after the restore: %v", err)
		}
	})
	t.Run("a note, read by a listing", func(t *testing.T) {
		db, content := storeWith20(t)
		content[bytes.Index(content, []byte("good17"))+1] = 'O'
		os.WriteFile(db.Path(), content, 0o600)
		err := db.Sessions(tracker.Query{}, func(*tracker.Session) error { return nil })
		wantDamageWithBackup(t, err, "a listing over a damaged note")
		// Named as the check names it, by its start, not by its key's bytes.
		if want := "the session stored as starting " + testNow.Add(-2*time.Hour).Format(time.RFC3339) + " fails its checksum"; !strings.Contains(err.Error(), want) {
			t.Errorf("%v; want %q", err, want)
		}
	})
	t.Run("plan record", func(t *testing.T) {
		db, content := storeWith20(t)
		at := bytes.Index(content, []byte(`"name":"BGP"`))
		content[at] = '}'
		os.WriteFile(db.Path(), content, 0o600)
		_, err := db.Plan()
		wantDamageWithBackup(t, err, "a damaged plan record")
	})
	t.Run("read, then a write that does not touch it", func(t *testing.T) {
		db, content := storeWith20(t)
		content[bytes.Index(content, []byte(`"code":"300-510"`))+12] = 0xff // an exam no log reads
		os.WriteFile(db.Path(), content, 0o600)
		_, err := db.Plan()
		wantDamageWithBackup(t, err, "a damaged exam")
		// What the read found stops the writes, as the check's verdict does.
		_, err = db.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-time.Hour), Duration: time.Minute})
		wantDamageWithBackup(t, err, "a write after a read found damage")
		if !strings.Contains(err.Error(), `a read found that record "300-510" holds bytes that are not text (nothing will be written`) {
			t.Errorf("the refusal does not say why: %v", err)
		}
	})
	t.Run("read in a snapshot, then a write", func(t *testing.T) {
		db, content := storeWith20(t)
		content[bytes.Index(content, []byte(`"code":"300-510"`))+12] = 0xff
		os.WriteFile(db.Path(), content, 0o600)
		err := db.Snapshot(func(st tracker.Store) error { _, err := st.Plan(); return err })
		wantDamageWithBackup(t, err, "a damaged exam read in a snapshot")
		_, err = db.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-time.Hour), Duration: time.Minute})
		wantDamageWithBackup(t, err, "a write after a snapshot met damage")
	})
	t.Run("the check's verdict stays the reason", func(t *testing.T) {
		db, content := storeWith20(t)
		content[bytes.Index(content, []byte(`"code":"300-510"`))+12] = 0xff
		os.WriteFile(db.Path(), content, 0o600)
		db.Check()
		db.Backup(filepath.Join(t.TempDir(), "b.db")) // refused, and read the damage again
		_, err := db.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-time.Hour), Duration: time.Minute})
		if err == nil || !strings.Contains(err.Error(), "the consistency check found") || strings.Contains(err.Error(), "so no backup was written") {
			t.Errorf("a write after the check and a backup: %v", err)
		}
	})
	t.Run("plan letter", func(t *testing.T) {
		db, content := storeWith20(t)
		content[bytes.Index(content, []byte(`"name":"BGP"`))+9] = 'C' // still JSON, still text: "BCP"
		os.WriteFile(db.Path(), content, 0o600)
		_, err := db.Plan()
		wantDamageWithBackup(t, err, "a changed letter in a plan record")
		if !strings.Contains(err.Error(), "fails its checksum") {
			t.Errorf("the message does not say what is damaged: %v", err)
		}
	})
	t.Run("plan text", func(t *testing.T) {
		db, content := storeWith20(t)
		content[bytes.Index(content, []byte(`"name":"BGP"`))+9] = 0xff // not UTF-8: JSON would read it as U+FFFD
		os.WriteFile(db.Path(), content, 0o600)
		_, err := db.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-time.Hour), Duration: time.Minute})
		wantDamageWithBackup(t, err, "a write over a damaged plan")
		if !strings.Contains(err.Error(), "holds bytes that are not text") {
			t.Errorf("the message does not say what is damaged: %v", err)
		}
	})
	t.Run("folder", func(t *testing.T) {
		db, _ := storeWith20(t)
		os.Remove(db.Path())
		os.Mkdir(db.Path(), 0o700)
		_, err := Open(db.Dir(), Options{Seed: resources.DefaultPlan})
		wantDamageWithBackup(t, err, "a folder")
	})
	t.Run("sound", func(t *testing.T) {
		db, _ := storeWith20(t)
		if n, err := db.Check(); err != nil || n != 20 {
			t.Errorf("a sound store: %d sessions, %v", n, err)
		}
	})
}

// dump is everything the store holds, as text, to tell a harmless flipped byte (in a free page
// or the unused end of a page) from one that changed what is read.
func dump(t *testing.T, dir string) string {
	t.Helper()
	db, err := Open(dir, Options{Seed: resources.DefaultPlan, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := db.Plan()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.Encode(p)
	db.Sessions(tracker.Query{}, func(s *tracker.Session) error { return enc.Encode(s) })
	return b.String()
}

// Random flipped bytes: every read either succeeds or reports damage with the backup; none
// panics, and none changes the file. The figures are logged for the fault campaign.
func TestRandomFlippedBytesNeverCrash(t *testing.T) {
	db, content := storeWith20(t)
	original := dump(t, db.Dir())
	rng := rand.New(rand.NewPCG(11, 11))
	const flips = 300
	caught, harmless, changed := 0, 0, 0
	for range flips {
		flipped := bytes.Clone(content)
		flipped[rng.IntN(len(flipped))] ^= byte(1 + rng.IntN(255))
		if err := os.WriteFile(db.Path(), flipped, 0o600); err != nil {
			t.Fatal(err)
		}
		switch err := readEverything(db.Dir()); {
		case err == nil && dump(t, db.Dir()) == original:
			harmless++
		case err == nil:
			changed++
		case tracker.ErrorCode(err) == tracker.Damaged:
			wantDamageWithBackup(t, err, "a flipped byte")
			caught++
		default:
			t.Fatalf("a flipped byte: %v", err)
		}
		if after, _ := os.ReadFile(db.Path()); !bytes.Equal(after, flipped) {
			t.Fatal("reading changed the file")
		}
	}
	t.Logf("%d flipped bytes: %d reported as damage, %d harmless (unused bytes), %d changed what is read unnoticed",
		flips, caught, harmless, changed)
	// Sessions and plan records carry checksums: no flipped byte may change what is read.
	if changed > 0 {
		t.Errorf("%d flipped bytes changed what is read without a word", changed)
	}
}

func TestHeaderOfAFreshStoreIsSound(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), "d"))
	if why := checkHeader(db.Path()); why != "" {
		t.Fatal(why)
	}
}

// A bucket whose root page lies past the end of the file, inside bbolt's mapping of it: reading
// it faults (SIGBUS), which must become the damage message, not a crash. The header is sound,
// so only the fault handling stands between the read and a dead process.
func TestMemoryFaultBecomesDamage(t *testing.T) {
	db, content := storeWith20(t)
	ne := binary.NativeEndian
	pageSize := os.Getpagesize()
	newest := parseMeta(content)
	at := 0
	if second := parseMeta(content[pageSize:]); second.txid > newest.txid {
		newest, at = second, pageSize
	}
	root := int(ne.Uint64(content[at+pageHeaderLen+16:]))
	page := content[root*pageSize:]
	patched := false
	for i := range int(ne.Uint16(page[10:])) {
		el := page[pageHeaderLen+i*elementLen:]
		pos, ksize := int(ne.Uint32(el[4:])), int(ne.Uint32(el[8:]))
		key := el[pos : pos+ksize]
		if string(key) == "sessions" {
			ne.PutUint64(el[pos+ksize:], newest.pages+1) // one page past the file's end
			patched = true
		}
	}
	if !patched {
		t.Fatal("no sessions bucket in the root page")
	}
	if err := os.WriteFile(db.Path(), content[:int(newest.pages)*pageSize], 0o600); err != nil {
		t.Fatal(err)
	}
	err := db.Sessions(tracker.Query{}, func(*tracker.Session) error { return nil })
	wantDamageWithBackup(t, err, "a page past the end")
	wantDamageWithBackup(t, readInBatches(db), "a page past the end, read in batches")
	if _, err := db.Check(); tracker.ErrorCode(err) != tracker.Damaged || !strings.Contains(err.Error(), "outside the file") {
		t.Errorf("the check: %v", err)
	}
}

// A damaged store is not backed up: the copy would not restore, and it would push a good
// backup out of those kept. The backups already there stay as they are.
func TestADamagedStoreIsNotBackedUp(t *testing.T) {
	db, content := storeWith20(t)
	before, _ := filepath.Glob(filepath.Join(db.BackupDir(), "*.db"))
	at := bytes.Index(content, []byte("good17"))
	content[at+1] = 'x' // still text: only the record's checksum tells
	os.WriteFile(db.Path(), content, 0o600)
	manual := filepath.Join(t.TempDir(), "manual.db")
	err := db.Backup(manual)
	wantDamageWithBackup(t, err, "a backup of a damaged store")
	if !strings.Contains(err.Error(), "no backup was written") {
		t.Errorf("the message does not say that nothing was written: %v", err)
	}
	if _, statErr := os.Stat(manual); statErr == nil {
		t.Error("the damaged store was copied")
	}
	if path, err := db.BackupIfChanged(0); err == nil && path != "" {
		t.Errorf("the automatic backup copied the damaged store to %s", path)
	}
	if after, _ := filepath.Glob(filepath.Join(db.BackupDir(), "*.db")); len(after) != len(before) {
		t.Errorf("backups %v after the damage, %v before", after, before)
	}
}

// With no good backup left, a store with damaged sessions can still be used: the damaged file
// is kept as it was, the sessions that fail their checksum are removed with their index
// entries, the totals are summed again, and the store is sound and writable.
func TestDroppingDamagedSessionsKeepsTheRest(t *testing.T) {
	db, content := storeWith20(t)
	at := bytes.Index(content, []byte("good17"))
	content[at+1] = 'x'
	os.WriteFile(db.Path(), content, 0o600)
	if _, err := db.Check(); err == nil {
		t.Fatal("the check did not find the damage")
	}
	res, err := db.DropDamagedSessions()
	if err != nil {
		t.Fatal(err)
	}
	if res.Dropped != 1 || res.Kept != 19 {
		t.Errorf("dropped %d, kept %d; want 1 and 19", res.Dropped, res.Kept)
	}
	if kept, _ := os.ReadFile(res.Original); !bytes.Equal(kept, content) {
		t.Errorf("the damaged file was not kept as it was in %s", res.Original)
	}
	if n, err := db.Check(); err != nil || n != 19 {
		t.Fatalf("after: %d sessions, %v", n, err)
	}
	if rebuilt, err := db.CheckTotals(); err != nil || rebuilt {
		t.Errorf("the totals did not match the sessions left (rebuilt %v, %v)", rebuilt, err)
	}
	logSession(t, db, "OSPF", testNow.Add(-30*time.Minute), 20*time.Minute)
	if n := count(t, db); n != 20 {
		t.Errorf("%d sessions after one more log", n)
	}
	if _, err := db.DropDamagedSessions(); tracker.ErrorCode(err) != tracker.Invalid || !strings.Contains(err.Error(), "is sound") {
		t.Errorf("a sound store: %v", err)
	}
}

// Damage outside the sessions is not dropped: the plan is what the sessions refer to.
func TestDroppingDamagedSessionsRefusesADamagedPlan(t *testing.T) {
	db, content := storeWith20(t)
	at := bytes.Index(content, []byte(`"name":"BGP"`))
	content[at+9] = 'X'
	os.WriteFile(db.Path(), content, 0o600)
	_, err := db.DropDamagedSessions()
	wantDamageWithBackup(t, err, "a damaged plan")
	if !strings.Contains(err.Error(), "only a backup can put right") {
		t.Errorf("the message does not say why: %v", err)
	}
	if after, _ := os.ReadFile(db.Path()); !bytes.Equal(after, content) {
		t.Error("the store was written to")
	}
	if kept, _ := filepath.Glob(db.Path() + ".damaged-*"); len(kept) != 0 {
		t.Errorf("copies kept for nothing: %v", kept)
	}
}

// A meta record whose name lost a byte (goals stored as "g\xf3als") cannot be found by its name
// and has no checksum to fail: the check names it instead of reading the goals as unset.
func TestACheckFindsAMetaRecordWithAChangedName(t *testing.T) {
	db := openTest(t, t.TempDir())
	if err := db.PutGoals(tracker.Goals{WeeklyHours: 12}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Check(); err != nil {
		t.Fatalf("a sound store: %v", err)
	}
	if err := db.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		v := bytes.Clone(meta.Get(keyGoals))
		if err := meta.Delete(keyGoals); err != nil {
			return err
		}
		return meta.Put([]byte("g\xf3als"), v)
	}); err != nil {
		t.Fatal(err)
	}
	_, err := db.Check()
	if tracker.ErrorCode(err) != tracker.Damaged || !strings.Contains(err.Error(), `the record of the goals is stored under the name "g\xf3als", a byte of which changed`) {
		t.Errorf("check: %v", err)
	}
}

func TestUnreadableSaysBboltsPanicsInWords(t *testing.T) {
	for in, want := range map[any]string{
		"assertion failed: Page expected to be: 5, but self identifies as 1509949445": "page 5 says it is page 1509949445",
		"assertion failed: page 7 already freed":                                      "page 7 already freed",
	} {
		if got := unreadable(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	// The runtime's own errors, as reading a damaged page raises them, are said of the file.
	recovered := func(f func()) (r any) {
		defer func() { r = recover() }()
		f()
		return nil
	}
	var page []byte
	var missing *bolt.Bucket
	far := len("long") + 5_558_192_970 // as a damaged page's length reads
	for _, c := range []struct {
		panics func()
		want   string
	}{
		{func() { _ = page[:far] }, "a page gives lengths or places past its own end"},
		{func() { _ = missing.Tx() }, "a page points to a part of the file that is not there"},
	} {
		r := recovered(c.panics)
		if got := unreadable(r); got != c.want || strings.Contains(got, "runtime error") {
			t.Errorf("%v: %q, want %q", r, got, c.want)
		}
	}
}

// A freelist page that is not one makes bbolt's Open panic: it is a damage error instead, the
// lock that open took is released (a second open, read or write, answers at once), and the
// file is not opened again until it changes.
func TestADamagedFreelistIsDamageNotAPanic(t *testing.T) {
	db, content := storeWith20(t)
	var freelist uint64
	b, err := bolt.Open(db.Path(), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	b.View(func(tx *bolt.Tx) error { freelist = uint64(tx.DB().Info().PageSize); return nil })
	b.Close()
	// The freelist page is the one whose header says so: find it and zero it.
	pageSize := int(freelist)
	zeroed := false
	for at := 2 * pageSize; at+pageSize <= len(content); at += pageSize {
		if flags := uint16(content[at+8]) | uint16(content[at+9])<<8; flags == freelistPage {
			copy(content[at:at+pageSize], make([]byte, pageSize))
			zeroed = true
		}
	}
	if !zeroed {
		t.Fatal("no freelist page found")
	}
	if err := os.WriteFile(db.Path(), content, 0o600); err != nil {
		t.Fatal(err)
	}
	write := func() error {
		_, err := db.AddSession(tracker.Session{TopicID: "t1", Start: testNow.Add(-time.Hour), Duration: time.Hour})
		return err
	}
	for i := range 2 { // the second is refused without opening the file again
		if err := write(); tracker.ErrorCode(err) != tracker.Damaged || !strings.Contains(err.Error(), "which its header names as the list of free pages, is not one") {
			t.Errorf("write %d over the zeroed freelist: %v", i+1, err)
		}
	}
	// A read loads no freelist: it still reads, and finds the lock free (not InUse).
	if p, err := db.Plan(); err != nil || len(p.Topics) == 0 {
		t.Errorf("a read after: %v", err)
	}
}

// Damage the check finds where no session fails to decode (a meta record's name changed) is not
// salvageable by removing sessions, and the refusal says so.
func TestDamageWithEverySessionReadableIsNotSalvageable(t *testing.T) {
	db := openTest(t, t.TempDir())
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Hour)
	if err := db.PutGoals(tracker.Goals{WeeklyHours: 12}); err != nil {
		t.Fatal(err)
	}
	if err := db.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		v := bytes.Clone(meta.Get(keyGoals))
		meta.Delete(keyGoals)
		return meta.Put([]byte("gxals"), v)
	}); err != nil {
		t.Fatal(err)
	}
	if db.Salvageable() {
		t.Error("a renamed meta record is called salvageable")
	}
	_, err := db.DropDamagedSessions()
	var d *tracker.DamageError
	if !errors.As(err, &d) || !d.BeyondSessions {
		t.Errorf("the drop's refusal: %v", err)
	}
}

// Damage to session records alone, in a store with a backup: the error says how many sessions
// removing the damaged ones would lose and keep, to weigh against the backup's; damage beyond
// the sessions says none.
func TestDamagedSessionsAreWeighedAgainstTheBackup(t *testing.T) {
	db := openTest(t, t.TempDir())
	logSession(t, db, "BGP", testNow.Add(-48*time.Hour), time.Hour)
	if _, err := db.ManualBackup(); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		logSession(t, db, "BGP", testNow.Add(-time.Duration(i+3)*time.Hour), time.Hour)
	}
	if err := db.update(func(tx *bolt.Tx) error {
		sessions := tx.Bucket(bucketSessions)
		k, v := sessions.Cursor().Last()
		return sessions.Put(bytes.Clone(k), append(bytes.Clone(v[:len(v)-1]), v[len(v)-1]^0xff))
	}); err != nil {
		t.Fatal(err)
	}
	_, err := db.Check()
	var d *tracker.DamageError
	if !errors.As(err, &d) || d.Restore.Sessions != 1 || d.DamagedSessions != 1 || d.SoundSessions != 3 {
		t.Fatalf("check: %v; %+v", err, d)
	}
	b, err := bolt.Open(db.Path(), 0o600, nil) // a topic damaged too: removing sessions cannot mend it

	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketTopics).Put([]byte("T1"), []byte("x")) }); err != nil {
		t.Fatal(err)
	}
	b.Close()
	_, err = db.Check()
	if !errors.As(err, &d) || d.DamagedSessions != 0 {
		t.Errorf("check of damage beyond the sessions: %v; %+v", err, d)
	}
}

// Both header pages damaged where they name bbolt's version: damage, not another version.
func TestBothHeaderPagesDamagedIsDamage(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	logSession(t, db, "BGP", testNow.Add(-time.Hour), time.Hour)
	data, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(binary.NativeEndian.Uint32(data[pageHeaderLen+8:]))
	data[20] ^= 0xff // the version, in each header page
	data[pageSize+20] ^= 0xff
	if err := os.WriteFile(db.Path(), data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = db.Plan()
	code(t, err, tracker.Damaged)
	if !strings.Contains(err.Error(), "both of its header pages are damaged") {
		t.Errorf("%v", err)
	}
}

// A finding of bbolt's check is said in a person's words: no "panic: assertion failed", no
// stack of pages.
func TestCheckFindingsInWords(t *testing.T) {
	for in, want := range map[string]string{
		"panic: assertion failed: Page expected to be: 0, but self identifies as 4278190080": "part of it cannot be read (page 0 says it is page 4278190080)",
		"runtime error: index out of range [7] with length 3":                                "part of it cannot be read (a page gives lengths or places past its own end)",
		"page 9: multiple references (stack: [3 9])":                                         "its pages do not fit together (page 9: multiple references)",
	} {
		if got := checkFinding(errors.New(in)); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
