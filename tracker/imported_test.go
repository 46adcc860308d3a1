package tracker

import (
	"strings"
	"testing"
	"time"
)

// A session typed by hand lasts at most MaxSession; one imported from another tracker (with a
// Source) keeps the length that tracker counted, up to MaxImportedSession.
func TestImportedSessionsMayRunLongerThanADay(t *testing.T) {
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
	cases := []struct {
		length time.Duration
		source string
		want   string
	}{
		{MaxSession, "", ""},
		{MaxSession + time.Second, "", "a session can last at most 24 hours"},
		{97 * time.Hour, "", "a session can last at most 24 hours"},
		{97 * time.Hour, "clockify:0123", ""},
		{MaxImportedSession, "timewarrior:0123", ""},
		{MaxImportedSession + time.Second, "timewarrior:0123", "an imported session can last at most 31 days"},
	}
	for _, c := range cases {
		s := Session{Start: now.Add(-c.length - time.Hour), Duration: c.length, TopicID: "bgp", Kind: KindStudy, Source: c.source}
		err := ValidateSession(&s, testPlan(), now)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%v with source %q: %v, want %q", c.length, c.source, err, c.want)
		}
	}
}
