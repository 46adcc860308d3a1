package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"corepath/replica"
)

// twoMachines is two stores on one host, each with its own copy of the sync folder; inStep
// copies each device's files to the other's, as the sync tool does.
type twoMachines struct {
	t      *testing.T
	a, b   *harness
	fa, fb string
}

func newTwoMachines(t *testing.T) *twoMachines {
	m := &twoMachines{t: t, a: newHarness(t), b: newHarness(t), fa: t.TempDir(), fb: t.TempDir()}
	m.b.now = m.a.now.Add(-90 * time.Minute) // the other machine's clock is behind
	return m
}

func (m *twoMachines) on() {
	m.a.ok("sync", "set", m.fa, "--name", "laptop")
	m.inStep()
	m.b.ok("sync", "set", m.fb, "--name", "desktop")
	m.inStep()
}

func (m *twoMachines) inStep() {
	m.t.Helper()
	for _, side := range []struct {
		h        *harness
		from, to string
	}{{m.a, m.fa, m.fb}, {m.b, m.fb, m.fa}} {
		var status replica.Status
		side.h.json(&status, "sync", "status", "--json")
		for _, kind := range []string{".snapshot", ".journal"} {
			data, err := os.ReadFile(filepath.Join(side.from, status.Device+kind))
			if err != nil {
				continue // not written yet
			}
			if err := os.WriteFile(filepath.Join(side.to, status.Device+kind), data, 0o644); err != nil {
				m.t.Fatal(err)
			}
		}
	}
}

func sessionNotes(h *harness) []string {
	h.t.Helper()
	var list []sessionJSON
	h.json(&list, "sessions", "--json")
	var out []string
	for _, s := range list {
		out = append(out, s.Start+" "+s.Note)
	}
	sort.Strings(out)
	return out
}

func TestSyncMergesTwoStoresThatBothHaveData(t *testing.T) {
	m := newTwoMachines(t)
	a, b := m.a, m.b
	a.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 18:00", "--note", "from a")
	a.ok("log", "1h", "--topic", "OSPF", "--at", "2026-11-21 18:00") // logged on both
	b.ok("log", "1h", "--topic", "OSPF", "--at", "2026-11-21 18:00")
	b.ok("log", "30m", "--topic", "MPLS", "--at", "2026-11-22 07:00", "--note", "from b")
	out := a.ok("sync", "set", m.fa, "--name", "laptop")
	if !strings.Contains(out, "Sync is on: this device, laptop") {
		t.Fatalf("sync set printed:\n%s", out)
	}
	m.inStep()
	out = b.ok("sync", "set", m.fb, "--name", "desktop")
	m.inStep()
	if !strings.Contains(out, "sessions: 2 changed") || !strings.Contains(out, "1 session found twice (on two devices, or logged again) kept once") {
		t.Fatalf("the desktop's first sync printed:\n%s", out)
	}
	want := []string{"2026-11-20T23:00:00Z from a", "2026-11-21T23:00:00Z ", "2026-11-22T12:00:00Z from b"}
	for name, h := range map[string]*harness{"laptop": a, "desktop": b} {
		if got := sessionNotes(h); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("the %s has sessions %q, want %q (the one logged on both once)", name, got, want)
		}
	}
	// The topics seeded on both are the same records: no conflict for them.
	var status replica.Status
	a.json(&status, "sync", "status", "--json")
	if len(status.Conflicts) != 0 || len(status.Devices) != 1 || status.Devices[0].Name != "desktop" {
		t.Fatalf("the laptop's status: %+v", status)
	}
}

func TestSyncEditsDeletesAndAConflict(t *testing.T) {
	m := newTwoMachines(t)
	a, b := m.a, m.b
	m.on()
	out := a.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 18:00", "--note", "first")
	id := strings.TrimSuffix(out[strings.LastIndex(out, "(id ")+4:], ")\n")
	second := a.ok("log", "20m", "--topic", "BGP", "--at", "2026-11-19 18:00")
	secondID := strings.TrimSuffix(second[strings.LastIndex(second, "(id ")+4:], ")\n")
	m.inStep()
	if got := sessionNotes(b); len(got) != 2 {
		t.Fatalf("the desktop has %q, want the laptop's two sessions (a read merges first)", got)
	}
	// Both edit the first before the folder is in step again; the desktop deletes the second.
	b.ok("delete", secondID)
	a.now = a.now.Add(time.Minute)
	a.ok("edit", id, "--note", "laptop's edit")
	b.now = b.now.Add(2 * time.Minute)
	b.ok("edit", id, "--note", "desktop's edit")
	m.inStep()
	// The laptop's edit is the later by the hybrid clock (the desktop's wall clock is 90 minutes
	// behind, and it had not seen the edit): it wins on both, and the desktop is told.
	for name, h := range map[string]*harness{"laptop": a, "desktop": b} {
		if got := sessionNotes(h); strings.Join(got, "|") != "2026-11-20T23:00:00Z laptop's edit" {
			t.Errorf("the %s has %q, want the laptop's edit and the delete", name, got)
		}
	}
	out = b.ok("sync", "status")
	if !strings.Contains(out, "Conflicts, newest first") || !strings.Contains(out, `"desktop's edit", edited on desktop (this device)`) || !strings.Contains(out, "lost to") {
		t.Fatalf("the desktop's status does not show its lost edit:\n%s", out)
	}
	// After the merge, an edit on the machine whose clock is behind is no conflict and wins.
	b.ok("edit", id, "--note", "desktop again")
	m.inStep()
	if got := sessionNotes(a); strings.Join(got, "|") != "2026-11-20T23:00:00Z desktop again" {
		t.Errorf("the laptop has %q, want the desktop's later edit", got)
	}
}

func TestSyncTwoTimersEndAsOneWithTheOtherInTheLog(t *testing.T) {
	m := newTwoMachines(t)
	a, b := m.a, m.b
	m.on()
	b.ok("start", "--topic", "IS-IS")
	a.now = a.now.Add(time.Minute)
	a.ok("start", "--topic", "BGP")
	m.inStep()
	for name, h := range map[string]*harness{"laptop": a, "desktop": b} {
		if out := h.ok("status"); !strings.Contains(out, "Running: BGP") {
			t.Errorf("the %s's timer: %s, want the later start's", name, out)
		}
	}
	out := b.ok("sync", "status")
	if !strings.Contains(out, "the timer for IS-IS started") || !strings.Contains(out, "log it: corepath log DURATION --at") || !strings.Contains(out, `--topic "IS-IS")`) {
		t.Fatalf("the desktop's status does not say which timer lost and how to keep its time:\n%s", out)
	}
}

func TestSyncOffLeavesBothStoresWhole(t *testing.T) {
	m := newTwoMachines(t)
	a, b := m.a, m.b
	a.ok("log", "45m", "--topic", "BGP", "--at", "2026-11-20 18:00")
	m.on()
	out := a.ok("sync", "off")
	if !strings.Contains(out, "Sync is off") {
		t.Fatal(out)
	}
	a.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-21 18:00")
	m.inStep()
	if got := sessionNotes(b); len(got) != 1 {
		t.Fatalf("the desktop has %q: a store with sync off wrote to the folder", got)
	}
	if got := sessionNotes(a); len(got) != 2 {
		t.Fatalf("the laptop has %q after sync off", got)
	}
	a.ok("sync", "set", m.fa)
	m.inStep()
	if got := sessionNotes(b); len(got) != 2 {
		t.Fatalf("the desktop has %q once the laptop syncs again", got)
	}
	if code, _, errOut := a.run("sync", "now", "extra"); code != 2 || !strings.Contains(errOut, "unexpected argument") {
		t.Fatalf("sync now extra: %d %s", code, errOut)
	}
}

func TestSyncRefusesTheDataFolderAndAMissingFolder(t *testing.T) {
	h := newHarness(t)
	h.ok("where")
	for _, dir := range []string{h.dir, filepath.Join(h.dir, "sync"), filepath.Join(t.TempDir(), "missing")} {
		code, _, errOut := h.run("sync", "set", dir)
		if code != 1 || !(strings.Contains(errOut, "must never be synced") || strings.Contains(errOut, "does not exist")) {
			t.Errorf("sync set %s: exit %d, %s", dir, code, errOut)
		}
	}
	_, out, _ := h.run("sync", "status")
	if !strings.Contains(out, "Sync is off") {
		t.Errorf("status after refusals: %s", out)
	}
	var status replica.Status
	if err := json.Unmarshal([]byte(h.ok("sync", "status", "--json")), &status); err != nil || status.On {
		t.Errorf("status --json: %+v, %v", status, err)
	}
}

// Two devices that add plan records apart give them ids of their own (the device's tag after
// the number): both survive the next sync, with no conflict, and a session on one device's new
// topic keeps that topic. A removed record's id is never given again.
func TestRecordsAddedApartOnTwoDevicesKeepTheirOwnIDs(t *testing.T) {
	m := newTwoMachines(t)
	a, b := m.a, m.b
	m.on()
	a.ok("milestone", "add", "Laptop milestone")
	b.ok("milestone", "add", "Desktop milestone")
	a.ok("topic", "add", "Laptop topic")
	b.ok("topic", "add", "Desktop topic")
	a.ok("log", "20m", "--topic", "Laptop topic", "--at", "2026-11-20 18:00")
	m.inStep()
	a.ok("sync", "now")
	b.ok("sync", "now")
	m.inStep()
	a.ok("sync", "now")
	for name, h := range map[string]*harness{"laptop": a, "desktop": b} {
		milestones, topics := h.ok("milestone", "list"), h.ok("topic", "list")
		for _, want := range []string{"Laptop milestone", "Desktop milestone"} {
			if !strings.Contains(milestones, want) {
				t.Errorf("the %s lost %q:\n%s", name, want, milestones)
			}
		}
		for _, want := range []string{"Laptop topic", "Desktop topic"} {
			if !strings.Contains(topics, want) {
				t.Errorf("the %s lost the topic %q:\n%s", name, want, topics)
			}
		}
		if s := h.ok("sessions"); !strings.Contains(s, "20m  Laptop topic") {
			t.Errorf("the %s's session is not on the laptop's topic:\n%s", name, s)
		}
		if st := h.ok("sync", "status"); strings.Contains(st, "Conflict") {
			t.Errorf("the %s saw a conflict:\n%s", name, st)
		}
	}
	added := a.ok("milestone", "add", "Temporary")
	first := regexp.MustCompile(`milestone (M\d+-[0-9a-f]{4}) `).FindStringSubmatch(added)
	if first == nil {
		t.Fatalf("a synced store's new milestone has no device tag: %q", added)
	}
	a.ok("milestone", "rm", first[1])
	if again := a.ok("milestone", "add", "Temporary again"); strings.Contains(again, first[1]+" ") {
		t.Errorf("a removed milestone's id was given again: %q", again)
	}
}

// A synced store's damaged sessions are not dropped: the removal would reach the other
// devices, which hold those sessions whole.
func TestDamagedSessionsOfASyncedStoreAreNotDropped(t *testing.T) {
	m := newTwoMachines(t)
	m.on()
	m.a.ok("log", "30m", "--topic", "BGP", "--at", "2026-11-20 10:00", "--note", "a note to damage")
	path := filepath.Join(m.a.dir, "corepath.db")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.ReplaceAll(data, []byte("a note to damage"), []byte("a nOte to damage")), 0o600) // every copy, freed pages too
	code, _, errOut := m.a.run("check", "--drop-damaged")
	if code != exitFail || !strings.Contains(errOut, "syncs with other devices, which would remove the damaged sessions there too") {
		t.Errorf("drop on a synced store: exit %d, %q", code, errOut)
	}
	if code, _, _ := m.a.run("check"); code != exitFail {
		t.Error("the damaged session was dropped")
	}
	if kept, _ := filepath.Glob(path + ".damaged-*"); len(kept) != 0 {
		t.Errorf("copies kept for nothing: %v", kept)
	}
}

// A machine set up later, whose store holds only the plan it was born with, takes the goals,
// topics and milestones changed on the first machine instead of undoing them, and logs no
// conflict: its untouched plan is no edit.
func TestAMachineThatJoinsLaterTakesTheOthersPlan(t *testing.T) {
	m := newTwoMachines(t)
	m.a.ok("goal", "--weekly", "15", "--streak-min", "30")
	m.a.ok("topic", "edit", "BGP", "--confidence", "4", "--target", "200")
	m.a.ok("milestone", "done", "M02")
	m.a.ok("topic", "rm", "Communication & Technical Writing > Presenting designs to stakeholders")
	m.a.ok("sync", "set", m.fa, "--name", "laptop")
	m.inStep()
	m.b.now = m.a.now.Add(time.Hour) // the desktop joins an hour later, its clock ahead now
	if out := m.b.ok("sync", "set", m.fb, "--name", "desktop"); strings.Contains(out, "Conflict") {
		t.Errorf("joining logged a conflict:\n%s", out)
	}
	m.inStep()
	m.a.ok("sync", "now")
	for name, h := range map[string]*harness{"laptop": m.a, "desktop": m.b} {
		if out := h.ok("goal"); !strings.HasPrefix(out, "Weekly goal: 15h; weeks start on Monday; a streak day needs 30m") {
			t.Errorf("the %s's goals: %q", name, out)
		}
		if out := h.ok("plan"); !strings.Contains(out, "of 200h  confidence 4") || !regexp.MustCompile(`M02 +done`).MatchString(out) {
			t.Errorf("the %s's plan:\n%s", name, out)
		}
		if out := h.ok("topic", "list", "--all"); strings.Contains(out, "Presenting designs") {
			t.Errorf("the %s still has the topic removed before sync:\n%s", name, out)
		}
	}
}

// The same session logged on two machines while the folder was away, each with its own note
// and tags, is kept once with both notes and both sets of tags, the same on both machines.
func TestASessionLoggedOnBothKeepsBothNotes(t *testing.T) {
	m := newTwoMachines(t)
	m.on()
	m.a.ok("log", "45m", "--topic", "OSPF", "--at", "2026-11-21 10:00", "--note", "A new", "--tag", "lab")
	m.b.ok("log", "45m", "--topic", "OSPF", "--at", "2026-11-21 10:00", "--note", "B new", "--tag", "reading", "--focus", "4")
	m.a.ok("sync", "now")
	m.inStep()
	m.b.ok("sync", "now")
	m.inStep()
	m.a.ok("sync", "now")
	m.inStep()
	for name, h := range map[string]*harness{"laptop": m.a, "desktop": m.b} {
		var list []sessionJSON
		h.json(&list, "sessions", "--json")
		if len(list) != 1 {
			t.Fatalf("the %s has %d sessions, want the one logged on both, once", name, len(list))
		}
		s := list[0]
		if !strings.Contains(s.Note, "A new") || !strings.Contains(s.Note, "B new") || len(s.Tags) != 2 || s.Focus != 4 {
			t.Errorf("the %s keeps note %q, tags %q, focus %d", name, s.Note, s.Tags, s.Focus)
		}
	}
	var status replica.Status
	m.a.json(&status, "sync", "status", "--json")
	if len(status.Conflicts) != 0 {
		t.Errorf("conflicts: %+v", status.Conflicts)
	}
}

// A session kept once with both machines' notes does not undo an edit or a delete of it made
// on the other machine and not seen yet: the later change wins on both, and the note folded in
// goes to the conflict log rather than nowhere.
func TestAFoldedTwinLosesToALaterEditOrDelete(t *testing.T) {
	for _, change := range []string{"edit", "delete"} {
		t.Run(change, func(t *testing.T) {
			m := newTwoMachines(t)
			m.b.now = m.a.now
			m.a.ok("sync", "set", m.fa, "--name", "laptop")
			out := m.a.ok("log", "45m", "--topic", "OSPF", "--at", "2026-11-21 10:00", "--note", "A")
			id := strings.TrimSuffix(out[strings.LastIndex(out, "(id ")+4:], ")\n")
			m.a.ok("sync", "now")
			m.inStep()
			m.a.now = m.a.now.Add(time.Minute)
			if change == "edit" {
				m.a.ok("edit", id, "--note", "A edited", "--duration", "50m")
			} else {
				m.a.ok("delete", id)
			}
			m.a.ok("sync", "now") // not carried to the desktop's folder yet
			m.b.now = m.a.now.Add(5 * time.Minute)
			m.b.ok("log", "45m", "--topic", "OSPF", "--at", "2026-11-21 10:00", "--note", "B")
			m.b.ok("sync", "set", m.fb, "--name", "desktop")
			for range 3 {
				m.inStep()
				m.a.now, m.b.now = m.a.now.Add(10*time.Minute), m.b.now.Add(10*time.Minute)
				m.a.ok("sync", "now")
				m.inStep()
				m.b.ok("sync", "now")
			}
			want := []string{"2026-11-21T15:00:00Z A edited"}
			if change == "delete" {
				want = nil
			}
			for name, h := range map[string]*harness{"laptop": m.a, "desktop": m.b} {
				if got := sessionNotes(h); strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("the %s has %q, want %q", name, got, want)
				}
			}
			var status replica.Status
			m.b.json(&status, "sync", "status", "--json")
			logged := false
			for _, c := range status.Conflicts {
				logged = logged || strings.Contains(c.Lost, `"A\nB"`)
			}
			if !logged {
				t.Errorf("the note folded in is not in the desktop's conflict log: %+v", status.Conflicts)
			}
		})
	}
}

// A conflict's line gives both times to the second, so that two edits of one minute say which
// was the later, and an edit that lost to a deletion says so rather than "lost to deleted: …".
func TestAConflictLineSaysTheLaterAndADeletion(t *testing.T) {
	at := time.Date(2026, 12, 3, 19, 22, 5, 0, time.UTC)
	edit := &replica.Conflict{Lost: "session 01a2 (1h10m)", LostBy: "laptop", LostAt: at, Kept: "session 01a2 (1h)", KeptBy: "desk", KeptAt: at.Add(40 * time.Second)}
	if got := conflictLine(edit, time.UTC, "corepath"); got != "session 01a2 (1h10m), edited on laptop at 2026-12-03 19:22:05, lost to session 01a2 (1h), edited on desk at 2026-12-03 19:22:45" {
		t.Errorf("edit: %s", got)
	}
	deleted := *edit
	deleted.Kept = "deleted: session 01a2"
	if got := conflictLine(&deleted, time.UTC, "corepath"); got != "session 01a2 (1h10m), edited on laptop at 2026-12-03 19:22:05, lost to its deletion on desk at 2026-12-03 19:22:45" {
		t.Errorf("deletion: %s", got)
	}
}
