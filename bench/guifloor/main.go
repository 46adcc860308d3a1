// Command guifloor is the least a Fyne app does before its first frame, for the bench's floor
// under the desktop app's: one window, of the app's size, holding a label, with the app's probe
// of the first painted frame (a transparent 1×1 raster whose generator the painter calls). It
// writes the instant of that frame to $COREPATH_REPORT_STARTUP as the app's startup report does,
// and then runs until it is told to quit. Its arguments are ignored.
package main

import (
	"encoding/json"
	"image"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"corepath/atomicfile"
)

func main() {
	a := fyneapp.NewWithID("dev.corepath.bench.guifloor")
	w := a.NewWindow("Corepath's floor")
	var once sync.Once
	probe := canvas.NewRaster(func(int, int) image.Image {
		once.Do(func() {
			at := time.Now().UnixNano()
			// The fields of app.StartupReport the bench reads; the app's package is not linked,
			// so that none of its initialisers run here.
			data, _ := json.Marshal(struct {
				FirstFrame int64 `json:"first_frame_unix_nano"`
				Loaded     int64 `json:"loaded_unix_nano"`
			}{at, at})
			if err := atomicfile.WriteBytes(os.Getenv("COREPATH_REPORT_STARTUP"), "", 0o644, data); err != nil {
				fyne.LogError("could not write the startup report", err)
			}
		})
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	probe.Resize(fyne.NewSize(1, 1))
	w.SetContent(container.NewStack(widget.NewLabel("Corepath"), container.NewWithoutLayout(probe)))
	w.Resize(fyne.NewSize(1180, 760))
	w.ShowAndRun()
}
