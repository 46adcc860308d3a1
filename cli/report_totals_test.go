package cli

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/storage"
)

// TestReportAllFromTotalsIsTheFullScans: report --all (text and JSON) from the totals the
// store keeps prints byte for byte what it prints from every session, which it reads when the
// totals are gone.
func TestReportAllFromTotalsIsTheFullScans(t *testing.T) {
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
	h.ok("delete", sessions[0].ID)
	h.ok("edit", sessions[1].ID, "--duration", "1h5m")

	fromTotals := h.ok("report", "--all", "--json") + h.ok("report", "--all")
	db, err := bolt.Open(filepath.Join(h.dir, storage.FileName), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("totals")) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if scanned := h.ok("report", "--all", "--json") + h.ok("report", "--all"); scanned != fromTotals {
		t.Fatalf("report --all from the totals:\n%s\nfrom every session:\n%s", fromTotals, scanned)
	}
}
