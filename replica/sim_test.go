package replica

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The simulation: three devices make random changes (sessions added, edited and deleted, timers
// started and stopped, plan edits, the same session logged on two devices) while a simulated
// sync tool carries files between their folders in random order, with duplicates, cut-off
// copies, older copies, conflict copies and temporary files, and devices go offline for long
// stretches with clocks hours apart. At the end every file is delivered and every device syncs:
// all must hold the same records, equal to applying every change a sync captured in stamp
// order (the last writer wins), and each sync must have captured exactly what changed locally.

type simDevice struct {
	name    string
	store   *memStore
	folder  string
	opt     Options
	offline int               // steps left offline
	synced  map[string][]byte // the records after the device's last sync
}

type simWorld struct {
	t        *testing.T
	rng      *rand.Rand
	now      time.Time
	devs     []*simDevice
	versions map[string][][]byte // every content each delivered file had, by name
	captured []Change
	serial   int
}

func newSimWorld(t *testing.T, seed uint64) *simWorld {
	w := &simWorld{t: t, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b9)), now: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC), versions: map[string][][]byte{}}
	skews := []time.Duration{0, -3 * time.Hour, 2*time.Hour + 17*time.Minute}
	for i, skew := range skews {
		d := &simDevice{name: fmt.Sprintf("dev%d", i), store: newMemStore(), folder: t.TempDir(), synced: map[string][]byte{}}
		d.opt = Options{
			Now:       func() time.Time { return w.now.Add(skew) },
			Instance:  d.name,
			Schema:    1,
			RollBytes: 6 << 10, // small, so that journals are rolled into snapshots often
			Random:    func(b []byte) { fillRandom(w.rng, b) },
		}
		if _, err := Enable(d.store, d.folder, d.name, d.opt); err != nil {
			t.Fatal(err)
		}
		d.noteSync(w, mustReport(t, nil))
		w.devs = append(w.devs, d)
	}
	return w
}

func fillRandom(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.Uint32())
	}
}

func mustReport(t *testing.T, err error) *Report {
	if err != nil {
		t.Fatal(err)
	}
	return nil
}

func (d *simDevice) noteSync(w *simWorld, rep *Report) {
	d.synced = maps.Clone(d.store.records)
}

func (w *simWorld) value(what string) []byte {
	w.serial++
	return fmt.Appendf(nil, "%s #%d", what, w.serial)
}

func (w *simWorld) pick(keys []string) string { return keys[w.rng.IntN(len(keys))] }

// change makes one random local change on d, as the app or the command line would.
func (w *simWorld) change(d *simDevice) {
	recs := d.store.records
	var sessions []string
	for k := range recs {
		if strings.HasPrefix(k, "sessions/") {
			sessions = append(sessions, k)
		}
	}
	slices.Sort(sessions)
	switch r := w.rng.IntN(100); {
	case r < 30:
		recs[fmt.Sprintf("sessions/%s-%d", d.name, w.serial)] = w.value("session")
	case r < 50 && len(sessions) > 0:
		recs[w.pick(sessions)] = w.value("edited session")
	case r < 62 && len(sessions) > 0:
		delete(recs, w.pick(sessions))
	case r < 72:
		if _, running := recs["timer/running"]; running && w.rng.IntN(3) > 0 {
			delete(recs, "timer/running")
			recs[fmt.Sprintf("sessions/timer-%d", w.serial)] = w.value("stopped timer")
		} else {
			recs["timer/running"] = w.value("timer started on " + d.name)
		}
	case r < 85:
		recs[fmt.Sprintf("topics/t%d", w.rng.IntN(12))] = w.value("topic")
	case r < 90:
		delete(recs, fmt.Sprintf("topics/t%d", w.rng.IntN(12)))
	case r < 95:
		recs["meta/goals"] = w.value("goals")
	default:
		// the same session logged on two devices
		recs[fmt.Sprintf("sessions/%s-twin%d", d.name, w.serial)] = fmt.Appendf(nil, "same:%d", w.rng.IntN(3))
		w.serial++
	}
}

// sync runs a sync on d and checks that it captured exactly what changed since the last one.
func (w *simWorld) sync(d *simDevice) {
	before := maps.Clone(d.store.records)
	rep, err := Sync(d.store, d.opt)
	if err != nil {
		w.t.Fatalf("%s: sync: %v", d.name, err)
	}
	captured := map[string]Change{}
	for _, c := range rep.Captured {
		if _, dup := captured[c.Key]; !dup {
			captured[c.Key] = c
		}
		if c.Base != nil && !c.Base.Less(c.Stamp) {
			w.t.Fatalf("%s: change of %s stamped %v, not after its base %v", d.name, c.Key, c.Stamp, *c.Base)
		}
	}
	for k, v := range before {
		old, had := d.synced[k]
		if had && bytes.Equal(old, v) {
			continue
		}
		c, ok := captured[k]
		if !ok || c.Deleted || !bytes.Equal(c.Value, v) {
			w.t.Fatalf("%s: the local change of %s to %q was not captured (got %+v)", d.name, k, v, c)
		}
	}
	for k := range d.synced {
		if _, still := before[k]; !still {
			if c, ok := captured[k]; !ok || !c.Deleted {
				w.t.Fatalf("%s: the local delete of %s was not captured", d.name, k)
			}
		}
	}
	w.captured = append(w.captured, rep.Captured...)
	d.noteSync(w, &rep)
}

// deliver copies one file from src's folder to dst's, the way a sync tool might.
func (w *simWorld) deliver(src, dst *simDevice) {
	entries, _ := os.ReadDir(src.folder)
	var names []string
	for _, e := range entries {
		if _, _, class := classify(e.Name()); class == classFile {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return
	}
	name := w.pick(names)
	data, err := os.ReadFile(filepath.Join(src.folder, name))
	if err != nil {
		w.t.Fatal(err)
	}
	w.remember(name, data)
	own := strings.HasPrefix(name, dstID(dst))
	target := filepath.Join(dst.folder, name)
	switch r := w.rng.IntN(100); {
	case own:
		if r < 3 { // a sync tool or a person puts back an older copy of dst's own file
			w.write(target, w.older(name))
		}
	case r < 70:
		w.write(target, data)
	case r < 80: // cut off mid-record
		w.write(target, data[:w.rng.IntN(len(data)+1)])
	case r < 90:
		w.write(target, w.older(name))
	case r < 95:
		ext := filepath.Ext(name)
		w.write(filepath.Join(dst.folder, strings.TrimSuffix(name, ext)+fmt.Sprintf(".sync-conflict-20260105-%06d-ABCDEFG", w.serial)+ext), w.older(name))
	default:
		w.write(filepath.Join(dst.folder, ".syncthing."+name+".tmp"), data[:len(data)/2])
		w.write(filepath.Join(dst.folder, "~"+name), data[:len(data)/3])
	}
}

func dstID(d *simDevice) string {
	var cfg config
	_ = getJSON(memKV(d.store.local), keyConfig, &cfg)
	return cfg.Device
}

func (w *simWorld) remember(name string, data []byte) {
	for _, v := range w.versions[name] {
		if bytes.Equal(v, data) {
			return
		}
	}
	w.versions[name] = append(w.versions[name], bytes.Clone(data))
}

func (w *simWorld) older(name string) []byte {
	vs := w.versions[name]
	if len(vs) == 0 {
		return nil
	}
	return vs[w.rng.IntN(len(vs))]
}

func (w *simWorld) write(path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		w.t.Fatal(err)
	}
}

func (w *simWorld) online() []*simDevice {
	var out []*simDevice
	for _, d := range w.devs {
		if d.offline == 0 {
			out = append(out, d)
		}
	}
	return out
}

func (w *simWorld) run(steps int) {
	for range steps {
		w.now = w.now.Add(time.Duration(1+w.rng.IntN(900)) * time.Second)
		for _, d := range w.devs {
			switch {
			case d.offline > 0:
				d.offline--
			case w.rng.IntN(1000) < 3:
				d.offline = 100 + w.rng.IntN(700) // a long stretch away from the others
			}
		}
		d := w.devs[w.rng.IntN(len(w.devs))]
		switch r := w.rng.IntN(100); {
		case r < 55:
			w.change(d)
		case r < 75:
			w.sync(d)
		default:
			if on := w.online(); len(on) >= 2 {
				a, b := w.rng.IntN(len(on)), w.rng.IntN(len(on)-1)
				if b >= a {
					b++
				}
				w.deliver(on[a], on[b])
			}
		}
	}
}

// settle brings every device online and every file everywhere, until nothing changes.
func (w *simWorld) settle() {
	for _, d := range w.devs {
		d.offline = 0
	}
	for round := 0; round < 4; round++ {
		for _, d := range w.devs {
			w.sync(d)
		}
		for _, src := range w.devs {
			id := dstID(src)
			for _, kind := range []string{kindSnapshot, kindJournal} {
				data, err := os.ReadFile(filepath.Join(src.folder, fileName(id, kind)))
				if err != nil {
					w.t.Fatal(err)
				}
				for _, dst := range w.devs {
					if dst != src {
						w.write(filepath.Join(dst.folder, fileName(id, kind)), data)
					}
				}
			}
		}
	}
	for _, d := range w.devs {
		w.sync(d)
	}
}

// later orders stamps for the expected state, written out here rather than taken from the code
// under test: wall time, then counter, then device id.
func later(a, b Stamp) bool {
	if a.Wall != b.Wall {
		return a.Wall > b.Wall
	}
	if a.Counter != b.Counter {
		return a.Counter > b.Counter
	}
	return a.Device > b.Device
}

// expected applies every captured change in stamp order.
func (w *simWorld) expected() map[string][]byte {
	changes := slices.Clone(w.captured)
	slices.SortStableFunc(changes, func(a, b Change) int {
		switch {
		case later(b.Stamp, a.Stamp):
			return -1
		case later(a.Stamp, b.Stamp):
			return 1
		}
		return 0
	})
	state := map[string][]byte{}
	for i, c := range changes {
		if i > 0 && changes[i-1].Stamp == c.Stamp && changes[i-1].Key == c.Key && !bytes.Equal(changes[i-1].Value, c.Value) {
			w.t.Fatalf("two different changes of %s with one stamp %v", c.Key, c.Stamp)
		}
		if c.Deleted {
			delete(state, c.Key)
		} else {
			state[c.Key] = c.Value
		}
	}
	return state
}

func TestSimulatedDevicesConverge(t *testing.T) {
	seeds, steps := 10, 2500
	if testing.Short() {
		seeds = 3
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			w := newSimWorld(t, uint64(seed)+1)
			w.run(steps)
			w.settle()
			want := w.expected()
			for _, d := range w.devs {
				if diff := diffRecords(want, d.store.records); diff != "" {
					t.Fatalf("%s differs from the serial application of the captured changes:\n%s", d.name, diff)
				}
			}
			w.checkConflictLogs(want)
			twins := map[string]string{}
			for k, v := range want {
				if strings.HasPrefix(string(v), "same:") {
					if other, dup := twins[string(v)]; dup {
						t.Fatalf("%s and %s are the same session, kept twice", k, other)
					}
					twins[string(v)] = k
				}
			}
			if len(want) < 20 {
				t.Fatalf("only %d records at the end: the simulation made too few changes to prove much", len(want))
			}
		})
	}
}

// checkConflictLogs: every edit a device reports as lost was captured, and is not what its
// record ends as; and the simulation did make some conflicts to report.
func (w *simWorld) checkConflictLogs(final map[string][]byte) {
	captured := map[Stamp]Change{}
	for _, c := range w.captured {
		captured[c.Stamp] = c
	}
	logged := 0
	for _, d := range w.devs {
		var log []conflictJSON
		if err := getJSON(memKV(d.store.local), keyConflicts, &log); err != nil {
			w.t.Fatal(err)
		}
		for _, k := range log {
			lost, ok := captured[k.Seal]
			switch {
			case !ok:
				w.t.Fatalf("%s reports a lost edit of %s stamped %v that no sync captured", d.name, k.Key, k.Seal)
			case lost.Key != k.Key:
				w.t.Fatalf("%s reports the edit %v as one of %s; it was of %s", d.name, k.Seal, k.Key, lost.Key)
			case !lost.Deleted && bytes.Equal(final[k.Key], lost.Value):
				w.t.Fatalf("%s reports the edit of %s to %q as lost, but it is what the record ends as", d.name, k.Key, lost.Value)
			}
		}
		logged += len(log)
	}
	if logged == 0 {
		w.t.Fatal("no device logged a conflict: the simulation made no concurrent edits to prove anything with")
	}
}

func diffRecords(want, got map[string][]byte) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok || !bytes.Equal(g, want[k]) {
			out = append(out, fmt.Sprintf("  %s: want %q, got %q (present %v)", k, want[k], g, ok))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			out = append(out, fmt.Sprintf("  %s: not expected, got %q", k, got[k]))
		}
	}
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("  … and %d more", len(out)-20))
	}
	return strings.Join(out, "\n")
}
