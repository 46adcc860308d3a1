package storage

import (
	"testing"

	"github.com/google/uuid"
)

// New ids are version 7 (their time first, so they sort as made) with 62 random bits, each bit
// set in about half of them: ids made at one instant on two synced machines do not meet.
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
