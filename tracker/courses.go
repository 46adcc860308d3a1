package tracker

import (
	"sort"
	"strings"
)

// CourseOrder gives the indexes of courses in the order to list them: by term, the earliest
// first ("2024", "Fall 2025", "Spring 2026"; a term that cannot be read comes last, then no
// term), then by code.
func CourseOrder(courses []Course) []int {
	order := make([]int, len(courses))
	for i := range order {
		order[i] = i
	}
	rank := func(c *Course) int { // 0: a readable term, 1: another, 2: none
		if _, ok := termEnd(c.Term); ok {
			return 0
		}
		if strings.TrimSpace(c.Term) != "" {
			return 1
		}
		return 2
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &courses[order[i]], &courses[order[j]]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		ea, _ := termEnd(a.Term)
		eb, _ := termEnd(b.Term)
		if !ea.Equal(eb) {
			return ea.Before(eb)
		}
		if a.Term != b.Term {
			return a.Term < b.Term
		}
		return a.Code < b.Code
	})
	return order
}
