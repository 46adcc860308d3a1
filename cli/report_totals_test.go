package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/storage"
)

// TestReportsFromTotalsAreTheFullScans: report (over all time, this week, this month and a
// range), plan and readiness, as text and JSON, from the totals the store keeps print byte for
// byte what they print from every session, which they read when the totals are gone.
func TestReportsFromTotalsAreTheFullScans(t *testing.T) {
	h := newHarness(t)
	logs := [][]string{
		{"log", "1h30m", "--topic", "BGP", "--tag", "lab", "--at", "2026-11-24 23:10"},
		{"log", "45m", "--topic", "ospf", "--tag", "Lab", "--tag", "review", "--at", "2026-11-03 08:00"},
		{"log", "2h", "--topic", "MPLS", "--at", "2026-09-30 22:30"},
		{"log", "25m", "--topic", "BGP", "--tag", "LAB", "--at", "2025-03-29 23:50"},
		{"log", "50m", "--topic", "Python & Network Automation", "--tag", "mock", "--at", "2026-11-23 19:00"},
	}
	for _, args := range logs {
		h.ok(args...)
	}
	var sessions []struct{ ID string }
	h.json(&sessions, "sessions", "--json")
	// Newest first: the session of 11-24 23:10 stays, to cross the end of a range and the start
	// of the next day's; the one of 11-03 goes.
	h.ok("delete", sessions[2].ID)
	h.ok("edit", sessions[1].ID, "--duration", "1h5m")

	commands := [][]string{{"report", "--all"}, {"report"}, {"report", "--month"}, {"report", "--from", "2026-11-03", "--to", "2026-11-24"},
		{"report", "--from", "2025-03-30", "--to", "2025-03-30"}, {"report", "--from", "2026-11-25", "--to", "2026-11-25"}, {"report", "--from", "2026-10-01", "--to", "2026-10-31"}, {"plan"}, {"readiness"}}
	all := func() string {
		var out strings.Builder
		for _, args := range commands {
			out.WriteString(h.ok(args...) + h.ok(append(args, "--json")...))
		}
		return out.String()
	}
	fromTotals := all()
	// The parts of the sessions that cross into a period from the day before count in it.
	for period, want := range map[[2]string]int{{"2026-11-25", "2026-11-25"}: 40, {"2026-10-01", "2026-10-31"}: 30, {"2025-03-30", "2025-03-30"}: 15} {
		var r struct {
			TotalMinutes int `json:"total_minutes"`
		}
		if h.json(&r, "report", "--from", period[0], "--to", period[1], "--json"); r.TotalMinutes != want {
			t.Errorf("report %s to %s: %d minutes, want %d", period[0], period[1], r.TotalMinutes, want)
		}
	}
	db, err := bolt.Open(filepath.Join(h.dir, storage.FileName), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("totals")) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if scanned := all(); scanned != fromTotals {
		t.Fatalf("from the totals:\n%s\nfrom every session:\n%s", fromTotals, scanned)
	}
}
