package exchange

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
)

// rowsReader serves a Toggl CSV of n rows, made on the fly, and counts the bytes it served.
type rowsReader struct {
	n, next int
	pending []byte
	served  atomic.Int64
}

func (r *rowsReader) Read(p []byte) (int, error) {
	for len(r.pending) < len(p) && r.next <= r.n {
		if r.next == 0 {
			r.pending = append(r.pending, togglHeader...)
		} else {
			day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.next) * time.Hour)
			r.pending = fmt.Appendf(r.pending, "Ada,ada@example.com,,BGP,,Session %d,No,%s,%s,%s,%s,00:30:00,lab,\n", r.next,
				day.Format("2006-01-02"), day.Format("15:04:05"), day.Format("2006-01-02"), day.Add(30*time.Minute).Format("15:04:05"))
		}
		r.next++
	}
	if len(r.pending) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	r.served.Add(int64(n))
	return n, nil
}

// peakHeap samples the heap in use until stop is called, and returns the largest sample.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); return peak.Load() }
}

func TestTenMillionRowsStopAtTheCap(t *testing.T) {
	st := openStore(t)
	before := fileBytes(t, st)
	const rows = 10_000_000
	src := &rowsReader{n: rows}
	runtime.GC()
	stop := peakHeap()
	began := time.Now()
	_, err := importString(t, st, "", importOpts()) // warm up nothing: an empty file is refused
	wantError(t, err, "the file is empty")
	im, err := Prepare(src, st, importOpts())
	took, peak := time.Since(began), stop()
	if im != nil {
		t.Fatal("a file over the cap was accepted")
	}
	wantError(t, err, fmt.Sprintf("the file has more than %d records", MaxRecords), "split it")
	rowBytes := int64(len("Ada,ada@example.com,,BGP,,Session 1000000,No,2020-01-01,00:00:00,2020-01-01,00:30:00,00:30:00,lab,\n"))
	if total := rows * rowBytes; src.served.Load() > total/20 {
		t.Errorf("read %d of about %d bytes: the file was not abandoned at the cap", src.served.Load(), total)
	}
	if peak > maxPeakHeap {
		t.Errorf("the heap peaked at %d MiB", peak>>20)
	}
	if took > 30*time.Second {
		t.Errorf("took %v", took)
	}
	t.Logf("refused after %d MiB in %v, heap peak %d MiB", src.served.Load()>>20, took, peak>>20)
	unchanged(t, st, before)
}

// maxPeakHeap is the memory an import may take whatever the file, as input.go documents it
// ("about a hundred megabytes"), with room for the collector's timing.
const maxPeakHeap = 128 << 20

// intervalsReader serves an endless `timew export` whose intervals carry long tags and a long
// annotation, as a person's real database does, and counts the intervals it served.
type intervalsReader struct {
	next, noteLen int
	pending       []byte
}

func (r *intervalsReader) Read(p []byte) (int, error) {
	for len(r.pending) < len(p) {
		if r.next == 0 {
			r.pending = append(r.pending, "[\n"...)
		}
		start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.next) * time.Hour)
		r.pending = fmt.Appendf(r.pending, `{"id":%d,"start":"%s","end":"%s","tags":["reading the whole of RFC 4271, section %d, with notes","lab","日本語"],"annotation":"%s"},`+"\n",
			r.next+1, start.Format(timewTime), start.Add(40*time.Minute).Format(timewTime), r.next, strings.Repeat("n", r.noteLen))
		r.next++
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

// An endless stream of records with long tags stops at the memory cap before the count cap,
// with the heap within maxPeakHeap (TestTenMillionRowsStopAtTheCap has small records, which
// stop at the count).
func TestAnEndlessTimewarriorExportStopsWithinTheMemoryCap(t *testing.T) {
	for _, c := range []struct {
		noteLen int
		want    string
	}{
		{0, fmt.Sprintf("the file's records take more than %d MiB of memory", maxHeldBytes>>20)},
		{2000, fmt.Sprintf("the file's records take more than %d MiB of memory", maxHeldBytes>>20)},
	} {
		st := openStore(t)
		src := &intervalsReader{noteLen: c.noteLen}
		runtime.GC()
		stop := peakHeap()
		_, err := Prepare(src, st, importOpts())
		peak := stop()
		wantError(t, err, c.want, "split it")
		if peak > maxPeakHeap {
			t.Errorf("annotations of %d bytes: the heap peaked at %d MiB", c.noteLen, peak>>20)
		}
		t.Logf("annotations of %d bytes: refused after %d intervals, heap peak %d MiB", c.noteLen, src.next, peak>>20)
	}
}

func TestDeeplyNestedJSONIsRefusedQuickly(t *testing.T) {
	deep := func(prefix, open, middle, close string, n int) string {
		return prefix + strings.Repeat(open, n) + middle + strings.Repeat(close, n)
	}
	cases := map[string]string{
		deep("", "[", "", "]", 10_000): "interval 1: the value is nested more than 32 levels deep",
		deep(`{"format": "corepath", "version": 1, "plan": `, "[", "", "]", 10_000) + "}":                        "the file's \"plan\": the value is nested more than 32 levels deep",
		deep(`{"format": "corepath", "version": 1, "plan": {}, "sessions": [`, `{"a":`, "1", "}", 10_000) + "]}": "session 1: the value is nested more than 32 levels deep",
		deep(`[{"start": "20261120T180000Z", "tags": `, "[", "", "]", 9_000) + "}]":                              "interval 1: the value is nested more than 32 levels deep",
		deep(`[{"start": "20261120T180000Z", "tags": `, "[", "", "]", 10_000) + "}]":                             "the JSON is nested more than 32 levels deep",
		deep("", "[", "", "]", 100_000): "the JSON is nested more than 32 levels deep",
	}
	for text, want := range cases {
		st := openStore(t)
		before := fileBytes(t, st)
		began := time.Now()
		_, err := Prepare(strings.NewReader(text), st, importOpts())
		wantError(t, err, want)
		if took := time.Since(began); took > time.Second {
			t.Errorf("%s: took %v", want, took)
		}
		unchanged(t, st, before)
	}
}

func TestInvalidUTF8AndBinaryFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	icon, err := os.ReadFile(filepath.Join("..", "resources", "icon.png"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]struct {
		content []byte
		want    string
	}{
		"latin1.csv":   {[]byte(togglHeader + "Ada,a@x,,BGP,,ok,No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\nAda,a@x,,BGP,,caf\xe9,No,2026-11-21,18:00,2026-11-21,19:00,1:00,,\n"), "line 3 is not valid UTF-8 text: save the file as UTF-8"},
		"timew.json":   {[]byte("[\n{\"start\": \"20261120T180000Z\", \"end\": \"20261120T190000Z\", \"annotation\": \"\xc3\x28\"}\n]"), "line 2 is not valid UTF-8 text"},
		"2026-11.data": {[]byte("inc 20261120T180000Z - 20261120T190000Z # ok\ninc 20261121T180000Z - 20261121T190000Z # \xf0\x9f\x98\n"), "line 2 is not valid UTF-8 text"},
		"cut.csv":      {[]byte(togglHeader + "Ada,a@x,,BGP,,\xe2\x82"), "line 2 is not valid UTF-8 text"},
		"icon.csv":     {icon, "this is not a text file (line 1 holds binary data): export the data from the other app as CSV or JSON"},
		"zeros.csv":    {append([]byte(togglHeader), make([]byte, 100)...), "this is not a text file (line 2 holds binary data)"},
	}
	for name, f := range files {
		path := filepath.Join(dir, name)
		os.WriteFile(path, f.content, 0o600)
		st := openStore(t)
		before := fileBytes(t, st)
		_, err := PrepareFile(path, st, importOpts())
		wantError(t, err, f.want)
		unchanged(t, st, before)
	}
	// A store or a backup of one, given to import instead of restore.
	st := openStore(t)
	before := fileBytes(t, st)
	path := filepath.Join(dir, "corepath-daily-2026-11-20.db")
	os.WriteFile(path, before, 0o600)
	_, err = PrepareFile(path, st, importOpts())
	wantError(t, err, "this is a Corepath store or backup, not an export: restore it")
	unchanged(t, st, before)
}

// Characters cut between two reads must not look invalid: the file is served one byte at a time.
func TestCharactersSplitBetweenReadsAreFine(t *testing.T) {
	st := openStore(t)
	text := togglHeader + "Ada,a@x,,BGP,,Café – naïve 日本語 🙂,No,2026-11-20,18:00,2026-11-20,19:00,1:00,\"été, 🙂\",\n"
	im, err := Prepare(iotest.OneByteReader(strings.NewReader(text)), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if s := im.Sessions[0]; s.Note != "Café – naïve 日本語 🙂" || strings.Join(s.Tags, ",") != "été,🙂" {
		t.Errorf("%+v", s)
	}
}

func TestOneHugeRecordIsRefused(t *testing.T) {
	st := openStore(t)
	huge := togglHeader + "Ada,a@x,,BGP,,\"" + strings.Repeat("x", maxRecordBytes+1) + "\",No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\n"
	_, err := Prepare(strings.NewReader(huge), st, importOpts())
	wantError(t, err, "a single record is larger than 4 MiB")
	_, err = Prepare(bytes.NewReader(append([]byte("inc 20261120T180000Z # "), bytes.Repeat([]byte("x"), maxRecordBytes+1)...)), st, importOpts())
	wantError(t, err, "a line is longer than 4 MiB")
}
