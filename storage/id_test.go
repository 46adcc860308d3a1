package storage

import (
	"os"
	"os/exec"
	"testing"

	"github.com/google/uuid"
)

// New ids are version 7 (their time first, so they sort as made) with 62 random bits, each bit
// set in about half of them.
func TestNewIDsCarryRandomBits(t *testing.T) {
	const n = 2000
	var set [62]int
	prev := ""
	for range n {
		s := newID()
		id, err := uuid.Parse(s)
		if err != nil || id.Version() != 7 || id.Variant() != uuid.RFC4122 || s <= prev {
			t.Fatalf("id %s after %s: version %v, variant %v, %v", s, prev, id.Version(), id.Variant(), err)
		}
		prev = s
		for bit := range set { // rand_b: the 62 bits after the variant
			pos := 66 + bit
			if id[pos/8]&(0x80>>(pos%8)) != 0 {
				set[bit]++
			}
		}
	}
	for bit, c := range set {
		if c < n*4/10 || c > n*6/10 {
			t.Errorf("random bit %d set in %d of %d ids", bit, c, n)
		}
	}
}

// Each process draws other random bits: two machines, or two commands, that make an id at one
// instant do not make the same one.
func TestNewIDsDifferBetweenProcesses(t *testing.T) {
	if os.Getenv("COREPATH_PRINT_ID") != "" {
		os.Stdout.WriteString(newID())
		return
	}
	seen := map[string]bool{}
	for range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNewIDsDifferBetweenProcesses$")
		cmd.Env = append(os.Environ(), "COREPATH_PRINT_ID=1")
		out, err := cmd.Output()
		if err != nil || len(out) < 36 {
			t.Fatalf("%q, %v", out, err)
		}
		random := string(out[19:23]) + string(out[24:36]) // after the time, the version and the sequence
		if seen[random] {
			t.Fatalf("two processes drew the random bits %s", random)
		}
		seen[random] = true
	}
}
