package replica

import (
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pair is two devices over one folder, as a sync tool that is always in step would leave it.
type pair struct {
	t      *testing.T
	folder string
	now    time.Time
	a, b   *memStore
	oa, ob Options
}

func newPair(t *testing.T) *pair {
	p := &pair{t: t, folder: t.TempDir(), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), a: newMemStore(), b: newMemStore()}
	p.oa = Options{Now: func() time.Time { return p.now }, Instance: "laptop:/data", Schema: 1}
	p.ob = Options{Now: func() time.Time { return p.now.Add(-2 * time.Hour) }, Instance: "desktop:/data", Schema: 1}
	for _, d := range []struct {
		st   *memStore
		opt  Options
		name string
	}{{p.a, p.oa, "laptop"}, {p.b, p.ob, "desktop"}} {
		if _, err := Enable(d.st, p.folder, d.name, d.opt); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func (p *pair) sync(st *memStore, opt Options) Report {
	p.t.Helper()
	p.now = p.now.Add(time.Minute)
	rep, err := Sync(st, opt)
	if err != nil {
		p.t.Fatal(err)
	}
	return rep
}

func TestConcurrentEditsKeepTheLaterAndLogTheLoss(t *testing.T) {
	p := newPair(t)
	p.a.records["sessions/1"] = []byte("45m BGP")
	p.sync(p.a, p.oa)
	p.sync(p.b, p.ob)
	if got := string(p.b.records["sessions/1"]); got != "45m BGP" {
		t.Fatalf("the desktop has %q, want the laptop's session", got)
	}
	// Both edit it before either syncs. The desktop's clock is two hours behind, but its edit is
	// made after the laptop's: the hybrid clock still puts the later edit last only if it saw
	// the first, so here the laptop's (its wall time is later) wins and the desktop is told.
	p.a.records["sessions/1"] = []byte("50m BGP")
	p.now = p.now.Add(time.Minute)
	p.b.records["sessions/1"] = []byte("45m BGP, note")
	p.sync(p.a, p.oa)
	rep := p.sync(p.b, p.ob)
	p.sync(p.a, p.oa)
	for _, st := range []*memStore{p.a, p.b} {
		if got := string(st.records["sessions/1"]); got != "50m BGP" {
			t.Fatalf("a store has %q, want the laptop's edit on both", got)
		}
	}
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Lost != "sessions/1=45m BGP, note" || rep.Conflicts[0].KeptBy != "laptop" {
		t.Fatalf("the desktop's report has conflicts %+v, want its lost edit", rep.Conflicts)
	}
	status, err := ReadStatus(p.a)
	if err != nil {
		t.Fatal(err)
	}
	if len(status.Conflicts) != 1 || status.Conflicts[0].LostBy != "desktop" {
		t.Fatalf("the laptop's log has %+v, want the desktop's lost edit once", status.Conflicts)
	}
	// An edit made after seeing the other's is no conflict, even from the clock that is behind.
	p.b.records["sessions/1"] = []byte("55m BGP")
	rep = p.sync(p.b, p.ob)
	rep2 := p.sync(p.a, p.oa)
	if got := string(p.a.records["sessions/1"]); got != "55m BGP" || len(rep.Conflicts)+len(rep2.Conflicts) != 0 {
		t.Fatalf("after a later edit the laptop has %q and conflicts %v %v, want the edit and none", got, rep.Conflicts, rep2.Conflicts)
	}
	if len(status.Devices) != 1 || status.Devices[0].Name != "desktop" {
		t.Fatalf("the laptop sees devices %+v, want the desktop", status.Devices)
	}
}

// Two devices that make the same change without seeing each other's (both add the exam that
// an upgrade brings, both delete one session) lose nothing, so no conflict is logged.
func TestTheSameChangeOnTwoDevicesIsNoConflict(t *testing.T) {
	p := newPair(t)
	p.a.records["sessions/1"] = []byte("45m BGP")
	p.sync(p.a, p.oa)
	p.sync(p.b, p.ob)
	for _, st := range []*memStore{p.a, p.b} {
		st.records["exams/CCDE-WRITTEN"] = []byte(`{"code":"CCDE-WRITTEN"}`)
		delete(st.records, "sessions/1")
	}
	reps := []Report{p.sync(p.a, p.oa), p.sync(p.b, p.ob), p.sync(p.a, p.oa)}
	for i, rep := range reps {
		if len(rep.Conflicts) != 0 {
			t.Errorf("sync %d logged conflicts %+v", i+1, rep.Conflicts)
		}
	}
	for _, st := range []*memStore{p.a, p.b} {
		if string(st.records["exams/CCDE-WRITTEN"]) != `{"code":"CCDE-WRITTEN"}` || st.records["sessions/1"] != nil {
			t.Errorf("a store holds %q", st.records)
		}
	}
	// The same key with different values still is one.
	p.a.records["exams/CCDE-WRITTEN"] = []byte(`{"code":"CCDE-WRITTEN","price_usd":450}`)
	p.b.records["exams/CCDE-WRITTEN"] = []byte(`{"code":"CCDE-WRITTEN","price_usd":500}`)
	if n := len(p.sync(p.a, p.oa).Conflicts) + len(p.sync(p.b, p.ob).Conflicts); n != 1 {
		t.Errorf("%d conflicts for two different edits, want 1", n)
	}
}

func TestADeleteIsNotUndoneByADeviceThatWasAway(t *testing.T) {
	p := newPair(t)
	p.a.records["sessions/1"] = []byte("x")
	p.a.records["sessions/2"] = []byte("y")
	p.sync(p.a, p.oa)
	p.sync(p.b, p.ob)
	delete(p.a.records, "sessions/1")
	p.sync(p.a, p.oa)
	// The desktop comes back and syncs twice, with its stale copy of sessions/1 untouched.
	p.sync(p.b, p.ob)
	p.sync(p.b, p.ob)
	p.sync(p.a, p.oa)
	for name, st := range map[string]*memStore{"laptop": p.a, "desktop": p.b} {
		if _, back := st.records["sessions/1"]; back || len(st.records) != 1 {
			t.Fatalf("the %s has %v, want only sessions/2", name, maps.Keys(st.records))
		}
	}
}

func TestDamagedForeignAndCutOffFilesAreReportedAndSkipped(t *testing.T) {
	p := newPair(t)
	p.b.records["topics/1"] = []byte("one")
	p.sync(p.b, p.ob)
	p.b.records["topics/2"] = []byte("two")
	p.sync(p.b, p.ob)
	status, _ := ReadStatus(p.b)
	journal := filepath.Join(p.folder, fileName(status.Device, kindJournal))
	good, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	// The laptop sees the journal cut off in its last line: topics/2 is not applied yet.
	os.WriteFile(journal, good[:len(good)-5], 0o644)
	os.WriteFile(filepath.Join(p.folder, "0123456789abcdef.journal"), []byte("not a header\n"), 0o644)
	os.WriteFile(filepath.Join(p.folder, "notes.snapshot"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(p.folder, ".syncthing.x.journal.tmp"), []byte("half"), 0o644)
	os.WriteFile(filepath.Join(p.folder, "~"+status.Device+".journal"), []byte("half"), 0o644)
	newer, _ := appendLine(nil, header{Format: 9, Kind: kindSnapshot, Device: "fedcba9876543210", Generation: 1})
	os.WriteFile(filepath.Join(p.folder, "fedcba9876543210.snapshot"), newer, 0o644)
	rep := p.sync(p.a, p.oa)
	if string(p.a.records["topics/1"]) != "one" || p.a.records["topics/2"] != nil {
		t.Fatalf("the laptop has %v, want topics/1 only while the line of topics/2 is cut off", p.a.records)
	}
	problems := strings.Join(rep.Problems, "\n")
	for _, want := range []string{"0123456789abcdef.journal: its first line is not a Corepath sync header", "notes.snapshot: its name is not one Corepath writes",
		"fedcba9876543210.snapshot: it was written by a newer Corepath", "cut off at byte"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the problems do not say %q:\n%s", want, problems)
		}
	}
	if strings.Contains(problems, "tmp") || strings.Contains(problems, "~") {
		t.Errorf("a sync tool's temporary file is reported:\n%s", problems)
	}
	// The rest arrives; a line damaged in the middle stops the reading there.
	os.WriteFile(journal, good, 0o644)
	p.sync(p.a, p.oa)
	if string(p.a.records["topics/2"]) != "two" {
		t.Fatalf("topics/2 is %q once the journal is whole", p.a.records["topics/2"])
	}
	damaged := []byte(strings.Replace(string(good), `"topics/2"`, `"topics/3"`, 1))
	p.b.records["topics/4"] = []byte("four")
	p.sync(p.b, p.ob)
	os.WriteFile(journal, append(damaged, must(os.ReadFile(journal))[len(good):]...), 0o644)
	c := newMemStore()
	oc := Options{Instance: "lab:/data", Schema: 1, Now: p.oa.Now}
	rep, err = Enable(c, p.folder, "lab", oc)
	if err != nil {
		t.Fatal(err)
	}
	if c.records["topics/3"] != nil || c.records["topics/4"] != nil || !strings.Contains(strings.Join(rep.Problems, "\n"), "is damaged (checksum mismatch)") {
		t.Fatalf("a damaged line was applied or not reported: %v\n%v", c.records, rep.Problems)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestACopiedStoreTakesANewDeviceID(t *testing.T) {
	p := newPair(t)
	p.a.records["sessions/1"] = []byte("x")
	p.sync(p.a, p.oa)
	before, _ := ReadStatus(p.a)
	// The laptop's data folder is copied to the lab machine: same records, same device id.
	lab := &memStore{records: maps.Clone(p.a.records), local: maps.Clone(p.a.local), commits: p.a.commits, committed: maps.Clone(p.a.committed)}
	olab := Options{Now: p.oa.Now, Instance: "lab:/data", Schema: 1}
	rep := p.sync(lab, olab)
	after, _ := ReadStatus(lab)
	if after.Device == before.Device || len(rep.Notes) == 0 || !strings.Contains(rep.Notes[0], "copied or moved") {
		t.Fatalf("the copy syncs as %s (the original is %s), notes %v: want a new id and a note", after.Device, before.Device, rep.Notes)
	}
	lab.records["sessions/2"] = []byte("from the lab")
	p.sync(lab, olab)
	p.sync(p.a, p.oa)
	if string(p.a.records["sessions/2"]) != "from the lab" {
		t.Fatalf("the laptop did not get the lab's session: %v", p.a.records)
	}
}

func TestTheSameInstanceTwiceIsNoticedInTheJournal(t *testing.T) {
	p := newPair(t)
	p.a.records["sessions/1"] = []byte("x")
	p.sync(p.a, p.oa)
	// A cloned machine: the same host name and path, so the instance cannot tell them apart.
	twin := &memStore{records: maps.Clone(p.a.records), local: maps.Clone(p.a.local), commits: p.a.commits, committed: maps.Clone(p.a.committed)}
	p.a.records["sessions/2"] = []byte("on the original")
	p.sync(p.a, p.oa)
	twin.records["sessions/3"] = []byte("on the clone")
	rep := p.sync(twin, p.oa)
	if len(rep.Notes) == 0 || !strings.Contains(rep.Notes[0], "another machine writes as this device") {
		t.Fatalf("the clone's notes are %v, want it to notice the other machine", rep.Notes)
	}
	p.sync(p.a, p.oa)
	p.sync(twin, p.oa)
	for _, st := range []*memStore{p.a, twin} {
		if len(st.records) != 3 {
			t.Fatalf("a store has %v, want all three sessions", st.records)
		}
	}
}

func TestAFolderThatCannotBeWrittenKeepsTheChangesForLater(t *testing.T) {
	p := newPair(t)
	moved := p.folder + ".away"
	if err := os.Rename(p.folder, moved); err != nil {
		t.Fatal(err)
	}
	p.a.records["sessions/1"] = []byte("offline")
	rep := p.sync(p.a, p.oa)
	if rep.Pending != 1 || len(rep.Problems) == 0 || string(p.a.records["sessions/1"]) != "offline" {
		t.Fatalf("with the folder gone: pending %d, problems %v, records %v", rep.Pending, rep.Problems, p.a.records)
	}
	os.Rename(moved, p.folder)
	rep = p.sync(p.a, p.oa)
	p.sync(p.b, p.ob)
	if rep.Sent != 1 || string(p.b.records["sessions/1"]) != "offline" {
		t.Fatalf("once back: sent %d, the desktop has %v", rep.Sent, p.b.records)
	}
}

func TestClassify(t *testing.T) {
	id := "0123456789abcdef"
	for name, want := range map[string]fileClass{
		id + ".journal":  classFile,
		id + ".snapshot": classFile,
		id + ".sync-conflict-20261201-101010-ABCDEFG.journal": classConflict,
		id + " (laptop's conflicted copy 2026-12-01).journal": classConflict,
		id + " (conflict 2026-12-01 101010).snapshot":         classConflict,
		".syncthing." + id + ".journal.tmp":                   classOther,
		"~" + id + ".journal":                                 classOther,
		id + ".journal.part":                                  classOther,
		"notes.txt":                                           classOther,
		"notes.journal":                                       classForeign,
		id + "-copy.journal":                                  classForeign,
	} {
		if _, _, got := classify(name); got != want {
			t.Errorf("classify(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestARetiredDevicesChangesStayInTheFolder(t *testing.T) {
	p := newPair(t)
	p.b.records["sessions/1"] = []byte("from the old desktop")
	p.sync(p.b, p.ob)
	p.sync(p.a, p.oa)
	// The desktop is retired: its files are deleted by hand. The laptop writes its snapshot
	// again, and a machine that joins afterwards still gets the desktop's session.
	status, _ := ReadStatus(p.b)
	for _, kind := range []string{kindJournal, kindSnapshot} {
		os.Remove(filepath.Join(p.folder, fileName(status.Device, kind)))
	}
	p.sync(p.a, p.oa)
	lab := newMemStore()
	if _, err := Enable(lab, p.folder, "lab", Options{Instance: "lab:/data", Schema: 1, Now: p.oa.Now}); err != nil {
		t.Fatal(err)
	}
	if string(lab.records["sessions/1"]) != "from the old desktop" {
		t.Fatalf("the new machine has %v, want the retired desktop's session", lab.records)
	}
}

// A store copied from another device before sync was turned on holds that device's records as
// they were then; joining later must not undo the other device's edits made since, while its
// own edits made before joining are kept, or logged when they lose.
func TestAStoreCopiedBeforeSyncKeepsTheOthersLaterEdits(t *testing.T) {
	p := &pair{t: t, folder: t.TempDir(), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), a: newMemStore()}
	p.oa = Options{Now: func() time.Time { return p.now }, Instance: "desktop:/data", Schema: 1}
	p.ob = Options{Now: func() time.Time { return p.now }, Instance: "laptop:/data", Schema: 1}
	at := func(d time.Duration) string { return "@" + strconv.FormatInt(p.now.Add(d).Unix(), 10) }
	// Records say when they were last changed, as sessions do.
	p.a.records["sessions/1"] = []byte("45m BGP" + at(-48*time.Hour))
	p.a.records["sessions/2"] = []byte("30m OSPF" + at(-48*time.Hour))
	p.a.records["sessions/3"] = []byte("1h MPLS" + at(-48*time.Hour))
	p.b = newMemStore()
	maps.Copy(p.b.records, p.a.records) // the laptop gets a copy, sync off on both
	if _, err := Enable(p.a, p.folder, "desktop", p.oa); err != nil {
		t.Fatal(err)
	}
	// After the copy: the desktop edits session 1 and 3, the laptop (offline) 2 and 3, the
	// desktop's edit of 3 the later one.
	p.now = p.now.Add(time.Hour)
	p.b.records["sessions/2"] = []byte("35m OSPF" + at(0))
	p.b.records["sessions/3"] = []byte("1h MPLS, laptop note" + at(0))
	p.now = p.now.Add(time.Hour)
	p.a.records["sessions/1"] = []byte("50m BGP" + at(0))
	p.a.records["sessions/3"] = []byte("1h MPLS, desktop note" + at(0))
	p.sync(p.a, p.oa)
	p.now = p.now.Add(time.Hour)
	rep, err := Enable(p.b, p.folder, "laptop", p.ob)
	if err != nil {
		t.Fatal(err)
	}
	p.sync(p.a, p.oa)
	want := map[string]string{"sessions/1": "50m BGP", "sessions/2": "35m OSPF", "sessions/3": "1h MPLS, desktop note"}
	for name, st := range map[string]*memStore{"desktop": p.a, "laptop": p.b} {
		for key, w := range want {
			if got, _, _ := strings.Cut(string(st.records[key]), "@"); got != w {
				t.Errorf("the %s has %s %q, want %q", name, key, got, w)
			}
		}
	}
	// The laptop's edit of 3 lost to the desktop's later one. The desktop's session 2, as it was
	// when copied, gave way to the laptop's edit: reported too, since that edit may not have
	// started from it (two stores' first syncs cannot tell an edit made before the copy).
	lost := map[string]string{}
	for _, c := range rep.Conflicts {
		lost[c.Key], _, _ = strings.Cut(c.Lost, "@")
	}
	if len(lost) != 2 || lost["sessions/3"] != "sessions/3=1h MPLS, laptop note" || lost["sessions/2"] != "sessions/2=30m OSPF" {
		t.Errorf("joining reported %+v, want the laptop's lost edit of session 3 and the desktop's older session 2", rep.Conflicts)
	}
}

// A device that joins later, with the plan a new store is seeded with, takes the changes made
// on the first instead of undoing them: its seeded records are older than any edit, lose to the
// other device's versions of them, whether edited, seeded too or deleted, and their loss is no
// conflict. An edit made on it before joining still counts as an edit, and wins over a delete.
func TestADeviceThatJoinsLaterDoesNotUndoTheOthersPlan(t *testing.T) {
	p := &pair{t: t, folder: t.TempDir(), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), a: newMemStore(), b: newMemStore()}
	p.oa = Options{Now: func() time.Time { return p.now }, Instance: "desktop:/data", Schema: 1}
	p.ob = Options{Now: func() time.Time { return p.now }, Instance: "laptop:/data", Schema: 1}
	for _, st := range []*memStore{p.a, p.b} {
		st.records["meta/goals"] = []byte("seed:10h a week")
		st.records["topics/bgp"] = []byte("seed:BGP 120h")
		st.records["topics/ospf"] = []byte("seed:OSPF 40h")
		st.records["topics/isis"] = []byte("seed:IS-IS 40h")
		st.records["topics/rip"] = []byte("seed:RIP 5h")
		st.seeds = []string{"meta/goals", "topics/bgp", "topics/isis", "topics/ospf", "topics/rip"}
	}
	p.a.records["meta/goals"] = []byte("15h a week")
	p.a.records["topics/bgp"] = []byte("BGP 200h")
	delete(p.a.records, "topics/isis") // removed before sync was on: the laptop's untouched copy goes too
	delete(p.a.records, "topics/rip")  // removed too, but the laptop edits its copy: the edit wins
	p.b.records["topics/rip"] = []byte("RIP 10h")
	if _, err := Enable(p.a, p.folder, "desktop", p.oa); err != nil {
		t.Fatal(err)
	}
	p.now = p.now.Add(time.Hour) // the laptop is set up later, and edits one topic first
	p.b.records["topics/ospf"] = []byte("OSPF 60h")
	rep, err := Enable(p.b, p.folder, "laptop", p.ob)
	if err != nil {
		t.Fatal(err)
	}
	rep2 := p.sync(p.a, p.oa)
	want := map[string]string{"meta/goals": "15h a week", "topics/bgp": "BGP 200h", "topics/ospf": "OSPF 60h", "topics/isis": "", "topics/rip": "RIP 10h"}
	for name, st := range map[string]*memStore{"desktop": p.a, "laptop": p.b} {
		for key, w := range want {
			if got := string(st.records[key]); got != w {
				t.Errorf("the %s has %s %q, want %q", name, key, got, w)
			}
		}
	}
	// Only the delete that lost to the laptop's edit of RIP is a loss worth logging.
	conflicts := append(rep.Conflicts, rep2.Conflicts...)
	for _, c := range conflicts {
		if c.Key != "topics/rip" {
			t.Errorf("a conflict for %s: %+v", c.Key, c)
		}
	}
}

func TestADeviceIDIsSixteenLowerHexDigits(t *testing.T) {
	for id, want := range map[string]bool{
		"0123456789abcdef": true, "ffffffffffffffff": true,
		"0123456789ABCDEF": false, "0123456789abcde": false, "0123456789abcdef0": false, "0123456789abcdeg": false,
		"": false, "../../etc/passwd": false, "0123456789abcde\n": false,
	} {
		if got := validDevice(id); got != want {
			t.Errorf("validDevice(%q) = %v, want %v", id, got, want)
		}
	}
}

// The files sync writes hold the sessions, and are as private as the store (0600).
func TestTheSyncFilesArePrivate(t *testing.T) {
	p := newPair(t)
	p.a.records["sessions/1"] = []byte("45m BGP")
	p.sync(p.a, p.oa)
	entries, err := os.ReadDir(p.folder)
	if err != nil || len(entries) == 0 {
		t.Fatalf("%d files, %v", len(entries), err)
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s is %v", e.Name(), info.Mode().Perm())
		}
	}
}
