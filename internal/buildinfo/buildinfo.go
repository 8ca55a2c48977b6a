// Package buildinfo is the one place scaffold's version comes from: `scaffold
// version`, `scaffold --version` and the scaffold_version line of every
// answers file read it here.
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// version, when set at link time, wins over Go's build info:
//
//	go build -ldflags "-X github.com/scaffold-tf/scaffold/internal/buildinfo.version=v1.2.3" ./cmd/scaffold
var version = ""

// Info is what a build knows about itself.
type Info struct {
	Version   string // release tag, pseudo-version, or "dev" when unknown
	Commit    string // VCS revision, "" when not recorded
	Modified  bool   // the work tree had uncommitted changes
	GoVersion string
}

// Read describes this binary, from the link-time version and Go's build info.
func Read() Info {
	bi, _ := debug.ReadBuildInfo()
	return fromBuildInfo(bi, version)
}

// fromBuildInfo describes a build from its build info (nil when none) and
// its link-time version ("" when none).
func fromBuildInfo(bi *debug.BuildInfo, linked string) Info {
	info := Info{Version: "dev"}
	if bi != nil {
		info.GoVersion = bi.GoVersion
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			info.Version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Commit = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	if linked != "" {
		info.Version = linked
	}
	return info
}

// Version is the version of this scaffold build: the link-time version, else
// the main module's version from Go's build info (a release tag for
// `go install ...@v1.2.3`, a pseudo-version for a build from a clone), else
// "dev". Test binaries carry no version, so under `go test` it is "dev" and
// generated files stay the same from build to build.
func Version() string { return Read().Version }

// String is the line `scaffold version` and `scaffold --version` print:
// "scaffold VERSION", then the commit and the Go version when known.
func (i Info) String() string {
	var b strings.Builder
	b.WriteString("scaffold " + i.Version)
	if i.Commit != "" {
		b.WriteString(", commit " + i.Commit)
		if i.Modified {
			b.WriteString(" (modified)")
		}
	}
	if i.GoVersion != "" {
		b.WriteString(", built with " + i.GoVersion)
	}
	return b.String()
}
