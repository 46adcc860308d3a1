package cli

import (
	"runtime/debug"
	"testing"
)

func TestFormatVersion(t *testing.T) {
	git := func(settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Path: "corepath", Version: "(devel)"}}
		for i := 0; i < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	const rev = "11fdcb7e0a1b2c3d4e5f60718293a4b5c6d7e8f9"
	cases := []struct {
		name, stamped string
		info          *debug.BuildInfo
		want          string
	}{
		{"make in git", "0.1.0", git("vcs.revision", rev, "vcs.modified", "false"), "0.1.0 (11fdcb7e0a1b)"},
		{"make in a changed clone", "0.1.0", git("vcs.revision", rev, "vcs.modified", "true"), "0.1.0 (11fdcb7e0a1b, modified)"},
		{"make outside git", "0.1.0", git(), "0.1.0"},
		{"go install at a tag", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}}}, "v0.2.0 (11fdcb7e0a1b)"},
		{"go install between tags", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201093800-11fdcb7e0a1b+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}},
			"v0.0.0-20261201093800-11fdcb7e0a1b+dirty"},
		{"go build outside git", "", git(), "(unknown version: not built by make, and Go stamped none from git)"},
		{"no build information", "", nil, "(unknown version: not built by make, and Go stamped none from git)"},
	}
	for _, c := range cases {
		if got := formatVersion(c.stamped, c.info); got != c.want {
			t.Errorf("%s: formatVersion(%q) = %q, want %q", c.name, c.stamped, got, c.want)
		}
	}
}
