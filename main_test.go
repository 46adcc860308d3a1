package main

import (
	"strings"
	"testing"
)

func TestNoDisplayIsSaidOutsideWindowsAndMacOS(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, c := range []struct {
		goos string
		vars map[string]string
		says bool
	}{
		{"linux", nil, true},
		{"freebsd", map[string]string{"TERM": "xterm"}, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, false},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
		{"windows", nil, false},
		{"darwin", nil, false},
	} {
		why := noDisplay(c.goos, env(c.vars))
		if (why != "") != c.says || c.says && !strings.Contains(why, "corepath --help") {
			t.Errorf("%s %v: %q", c.goos, c.vars, why)
		}
	}
}
