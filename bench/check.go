package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// totals are minutes by name: a Corepath topic (as reports name it) or tag, or a Timewarrior tag.
type totals map[string]int

// corepathTotals reads `corepath report --all --json`: its topics and its tags.
func corepathTotals(report []byte) (totals, int, error) {
	var r struct {
		Sessions int `json:"sessions"`
		ByTopic  []struct {
			Topic   string `json:"topic"`
			Minutes int    `json:"minutes"`
		} `json:"by_topic"`
		ByTag []struct {
			Tag     string `json:"tag"`
			Minutes int    `json:"minutes"`
		} `json:"by_tag"`
	}
	if err := json.Unmarshal(report, &r); err != nil {
		return nil, 0, fmt.Errorf("corepath report --all --json: %v", err)
	}
	t := totals{}
	for _, x := range r.ByTopic {
		t[x.Topic] += x.Minutes
	}
	for _, x := range r.ByTag {
		t[x.Tag] += x.Minutes
	}
	return t, r.Sessions, nil
}

// timewTotals adds up `timew export`: each interval's length counts for each of its tags.
func timewTotals(export []byte) (totals, int, error) {
	var intervals []struct {
		Start string   `json:"start"`
		End   string   `json:"end"`
		Tags  []string `json:"tags"`
	}
	if err := json.Unmarshal(export, &intervals); err != nil {
		return nil, 0, fmt.Errorf("timew export: %v", err)
	}
	secs := map[string]int64{}
	for _, in := range intervals {
		start, err := time.Parse("20060102T150405Z", in.Start)
		if err != nil {
			return nil, 0, fmt.Errorf("timew export: %v", err)
		}
		end, err := time.Parse("20060102T150405Z", in.End)
		if err != nil {
			return nil, 0, fmt.Errorf("timew export: an interval without an end (%v)", err)
		}
		for _, tag := range in.Tags {
			secs[tag] += int64(end.Sub(start) / time.Second)
		}
	}
	t := totals{}
	for tag, s := range secs {
		t[tag] = int((s + 30) / 60) // rounded as Corepath rounds
	}
	return t, len(intervals), nil
}

// diff lists the names whose totals differ, or are missing from one side.
func diff(a, b totals) []string {
	var out []string
	for name, m := range a {
		if b[name] != m {
			out = append(out, fmt.Sprintf("%s: Corepath %d min, Timewarrior %d min", name, m, b[name]))
		}
	}
	for name, m := range b {
		if _, ok := a[name]; !ok {
			out = append(out, fmt.Sprintf("%s: Corepath has no such topic or tag, Timewarrior %d min", name, m))
		}
	}
	sort.Strings(out)
	return out
}

// compareTotals checks that both programs count the same minutes for every topic and tag.
func compareTotals(corepathReport, timewExport []byte) (names int, err error) {
	c, cn, err := corepathTotals(corepathReport)
	if err != nil {
		return 0, err
	}
	t, tn, err := timewTotals(timewExport)
	if err != nil {
		return 0, err
	}
	if cn != tn {
		return 0, fmt.Errorf("Corepath reports %d sessions, Timewarrior exports %d intervals", cn, tn)
	}
	if d := diff(c, t); len(d) > 0 {
		return 0, fmt.Errorf("the totals differ for %d topics and tags:\n  %s", len(d), strings.Join(d, "\n  "))
	}
	return len(c), nil
}
