package app

import (
	"encoding/json"
	"image"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"corepath/atomicfile"
)

// StartupReport is what ReportStartup writes.
type StartupReport struct {
	FirstFrame int64  `json:"first_frame_unix_nano"` // when the first frame was painted
	Loaded     int64  `json:"loaded_unix_nano"`      // when every session was read and shown
	Sessions   int    `json:"sessions"`              // how many sessions that was
	HeapAlloc  uint64 `json:"heap_alloc_bytes"`      // the Go heap then (runtime.MemStats.HeapAlloc)
	HeapLive   uint64 `json:"heap_live_bytes"`       // the same after a garbage collection
	RSS        uint64 `json:"rss_bytes"`             // resident memory then; 0 where unknown
}

// ReportStartup makes the app write a StartupReport as JSON to path once its window's first
// frame is painted and its sessions are loaded (the window comes first), for the benchmark
// (bench/); the memory is measured with the sessions loaded. Fyne has no first-frame event, so
// a transparent 1×1 raster is laid over the window: the painter calls its generator while
// drawing the frame.
func (u *UI) ReportStartup(path string) {
	var once sync.Once
	probe := canvas.NewRaster(func(w, h int) image.Image {
		once.Do(func() {
			at := time.Now()
			go u.writeStartupReport(path, at)
		})
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	probe.Resize(fyne.NewSize(1, 1))
	u.win.SetContent(container.NewStack(u.win.Content(), container.NewWithoutLayout(probe)))
}

func (u *UI) writeStartupReport(path string, at time.Time) {
	<-u.loaded
	r := StartupReport{FirstFrame: at.UnixNano(), RSS: residentBytes()}
	fyne.DoAndWait(func() { r.Loaded, r.Sessions = u.loadedAt.UnixNano(), len(u.sessions) })
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	r.HeapAlloc = m.HeapAlloc
	runtime.GC()
	runtime.ReadMemStats(&m)
	r.HeapLive = m.HeapAlloc
	data, _ := json.Marshal(r)
	// Written whole and renamed, so that whoever waits for the file never reads half of it.
	if err := atomicfile.WriteBytes(path, "", 0o644, data); err != nil {
		fyne.LogError("could not write the startup report", err)
	}
}

// residentBytes reads the process's resident set size from Linux's /proc; 0 elsewhere.
func residentBytes() uint64 {
	statm, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(statm))
	if len(fields) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(fields[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}
