package tracker

import "testing"

// Credits earned past the program's read as the program's done, not as a goal passed midway.
func TestEarnedSaysTheCreditsAreAllThere(t *testing.T) {
	for d, want := range map[DegreeProgress]string{
		{CreditsRequired: 120, CreditsEarned: 45}:  "45 of 120 credits earned",
		{CreditsRequired: 120, CreditsEarned: 120}: "all 120 credits earned",
		{CreditsRequired: 10, CreditsEarned: 23.5}: "all 10 credits earned (23.5 in all)",
		{CreditsRequired: 0, CreditsEarned: 3}:     "3 of 0 credits earned",
	} {
		if got := d.Earned(); got != want {
			t.Errorf("%+v: %q, want %q", d, got, want)
		}
	}
}
