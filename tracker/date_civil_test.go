package tracker

import (
	"testing"
	"time"
)

// TestDayDateAsTheTimePackage: the hand-made day names agree with time's formatting, from
// year 0 to 9999 and either side of 1970.
func TestDayDateAsTheTimePackage(t *testing.T) {
	for n := int64(-719528); n < 2932897; n += 13 {
		want := Date(time.Unix(n*86400, 0).UTC().Format(dateLayout))
		if got := dayDate(int32(n)); got != want {
			t.Fatalf("dayDate(%d) = %s, want %s", n, got, want)
		}
	}
}
