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
				Version: func() string { return "bench" }, Getenv: func(string) string { return "" }}
			for b.Loop() {
				if code := Run([]string{"--data", dir, "export", "--format", format}, env); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// BenchmarkReportAll100kCommand: `corepath report --all` of 100,000 sessions as the command
// line runs it, JSON and text; make bench times the JSON one as a whole process (under 10 ms).
func BenchmarkReportAll100kCommand(b *testing.B) {
	dir := benchStore100k(b)
	for _, args := range [][]string{{"--json"}, {}} {
		b.Run(map[bool]string{true: "json", false: "text"}[len(args) > 0], func(b *testing.B) {
			env := Env{Stdout: io.Discard, Stderr: io.Discard, Now: func() time.Time { return benchNow }, Loc: time.UTC,
				Version: func() string { return "bench" }, Getenv: func(string) string { return "" }}
			for b.Loop() {
				if code := Run(append([]string{"--data", dir, "report", "--all"}, args...), env); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
