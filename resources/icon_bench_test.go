package resources

import (
	"bytes"
	"image/png"
	"testing"
)

// BenchmarkDecodeIcon decodes each size of the icon, as the window and the tray do at the start.
func BenchmarkDecodeIcon(b *testing.B) {
	for _, icon := range []struct {
		name string
		png  []byte
	}{{"512px", Icon()}, {"256px", WindowIcon()}} {
		b.Run(icon.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := png.Decode(bytes.NewReader(icon.png)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
