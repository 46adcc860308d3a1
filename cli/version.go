package cli

import (
	"runtime/debug"
	"strings"
)

// Version is what --version prints after "corepath": the version make stamps from FyneApp.toml
// (-ldflags "-X main.version=..."), else the module version the Go tool took from git (a tag,
// or a pseudo-version naming the commit), then the commit the binary was built from.
func Version(stamped string) string {
	info, _ := debug.ReadBuildInfo()
	return formatVersion(stamped, info)
}

func formatVersion(stamped string, info *debug.BuildInfo) string {
	version := stamped
	var revision string
	modified := false
	if info != nil {
		if version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value[:min(12, len(s.Value))]
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if version == "" {
		// Not built by make, and outside git or with -buildvcs=false: nothing says which it is.
		version = "(unknown version: not built by make, and Go stamped none from git)"
	}
	if revision == "" || strings.Contains(version, revision) {
		return version
	}
	if modified {
		return version + " (" + revision + ", modified)"
	}
	return version + " (" + revision + ")"
}
