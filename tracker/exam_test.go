package tracker

import "testing"

func TestAScaledScoreIsNoPercentage(t *testing.T) {
	e := &Exam{Code: "350-501", Domains: []Domain{{ID: "1.0", Weight: 40}, {ID: "2.0", Weight: 60}}}
	for _, c := range []struct {
		a    Attempt
		want string
	}{
		{Attempt{Score: 790, ScoreMax: 1000}, "790/1000"},
		{Attempt{Score: 84, ScoreMax: 100}, "84%"},
		{Attempt{Score: 84.5, ScoreMax: 100}, "84.5%"},
		{Attempt{Domains: []DomainScore{{"1.0", 70}, {"2.0", 81}}}, "77%"}, // 0.4*70 + 0.6*81 = 76.6
		{Attempt{}, ""},
	} {
		if got := c.a.ScoreText(e); got != c.want {
			t.Errorf("%+v: %q, want %q", c.a, got, c.want)
		}
	}
}
