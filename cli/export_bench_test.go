package cli

import (
	"io"
	"testing"
	"time"
)

// BenchmarkExport100kCommand: `corepath export` of 100,000 sessions in each format as the
// command line runs it, through its guard against control characters (which the exports tell
// what is known visible) and in one transaction; make bench times the same as whole processes.
func BenchmarkExport100kCommand(b *testing.B) {
	dir := benchStore100k(b)
	for _, format := range []string{"json", "csv", "ical"} {
		b.Run(format, func(b *testing.B) {
			env := Env{Stdout: io.Discard, Stderr: io.Discard, Now: func() time.Time { return benchNow }, Loc: time.UTC,
				Version: "bench", Getenv: func(string) string { return "" }}
			for b.Loop() {
				if code := Run([]string{"--data", dir, "export", "--format", format}, env); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
