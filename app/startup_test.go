package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestReportStartupWritesWhenTheFirstFrameIsPainted(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "startup.json")
	h.u.ReportStartup(path)
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the report was written before anything was painted")
	}
	before := time.Now()
	h.u.Window().Canvas().Capture() // paints a frame
	var data []byte
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if d, err := os.ReadFile(path); err == nil {
			data = d
			break
		}
	}
	var r StartupReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("no startup report: %v (%q)", err, data)
	}
	if at := time.Unix(0, r.FirstFrame); at.Before(before) || at.After(time.Now()) {
		t.Errorf("first frame at %v, not during the paint after %v", at, before)
	}
	if r.Loaded == 0 || time.Unix(0, r.Loaded).After(time.Now()) {
		t.Errorf("no time for the sessions being shown: %+v", r)
	}
	if r.HeapAlloc == 0 || r.HeapLive == 0 {
		t.Errorf("no heap figures: %+v", r)
	}
	if runtime.GOOS == "linux" && r.RSS == 0 {
		t.Errorf("no resident size on Linux: %+v", r)
	}
}
