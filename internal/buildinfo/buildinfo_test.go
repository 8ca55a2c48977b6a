package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	release := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/scaffold-tf/scaffold", Version: "v1.2.3"}}
	clone := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261129120000-29af183aaaaa+dirty"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "29af183aaaaa"}, {Key: "vcs.modified", Value: "true"}}}
	test := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}
	for _, c := range []struct {
		name   string
		bi     *debug.BuildInfo
		linked string
		want   string
	}{
		{"release", release, "", "scaffold v1.2.3, built with go1.26.8"},
		{"clone", clone, "", "scaffold v0.0.0-20261129120000-29af183aaaaa+dirty, commit 29af183aaaaa (modified), built with go1.26.8"},
		{"test binary", test, "", "scaffold dev, built with go1.26.8"},
		{"no build info", nil, "", "scaffold dev"},
		{"link-time version wins", test, "v2.0.0", "scaffold v2.0.0, built with go1.26.8"},
	} {
		if got := fromBuildInfo(c.bi, c.linked).String(); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// Under go test the version is "dev", so golden files do not depend on the build.
func TestVersionUnderTestIsDev(t *testing.T) {
	if v := Version(); v != "dev" {
		t.Errorf("Version() = %q under go test, want dev", v)
	}
}
