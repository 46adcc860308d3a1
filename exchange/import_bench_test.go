package exchange

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// timewExport is a `timew export` of n intervals of 20 minutes, an hour apart, each tagged with
// a topic (a plan's or a project of the person's) and three more tags, as a year of
// Timewarrior use looks.
func timewExport(n int) string {
	names := []string{"BGP", "OSPF", "MPLS", "IS-IS", "Segment Routing", "Proj 7", "Proj 13", "lab", "read", "review", "night", "ccie"}
	var b strings.Builder
	b.WriteString("[\n")
	start := time.Date(2016, 1, 1, 6, 0, 0, 0, time.UTC)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		from := start.Add(time.Duration(i) * time.Hour)
		fmt.Fprintf(&b, `{"id":%d,"start":"%s","end":"%s","tags":["%s","%s","%s","%s"]}`, n-i,
			from.Format("20060102T150405Z"), from.Add(20*time.Minute).Format("20060102T150405Z"),
			names[i%7], names[7+i%5], names[7+(i+1)%5], names[7+(i+2)%5])
	}
	b.WriteString("\n]\n")
	return b.String()
}

// BenchmarkPrepareTimewarrior reads and checks a Timewarrior export as an import does before it
// writes (a dry run), at 1,000 and 10,000 intervals: its cost should follow the records, not
// the records times the plan's topics (each interval's tags were matched against every topic's
// name and path, 0.4 ms a record).
func BenchmarkPrepareTimewarrior(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		file := timewExport(n)
		st := openStore(b)
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				im, err := Prepare(strings.NewReader(file), st, importOpts())
				if err != nil || len(im.Sessions) != n {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
		})
	}
}
