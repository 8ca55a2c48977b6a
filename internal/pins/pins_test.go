package pins

import (
	"os"
	"regexp"
	"testing"
)

// TestInstallToolsPins: scripts/install-tools installs tflint and trivy at
// the versions this package pins, which the harness checks and the
// generated workflow installs; a version bumped in one place only fails here.
func TestInstallToolsPins(t *testing.T) {
	src, err := os.ReadFile("../../scripts/install-tools")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"tflint": TFLint, "trivy": Trivy} {
		m := regexp.MustCompile(`(?m)^install ` + name + ` \S+ \S+ (\S+)`).FindSubmatch(src)
		if m == nil {
			t.Errorf("scripts/install-tools has no `install %s MODULE PACKAGE VERSION` line", name)
			continue
		}
		if got := string(m[1]); got != want {
			t.Errorf("scripts/install-tools installs %s %s, pins.%s is %s", name, got, map[string]string{"tflint": "TFLint", "trivy": "Trivy"}[name], want)
		}
	}
}

// TestActionsArePinnedToCommits: each action names a full 40-hex commit and
// a release, and ActionUses finds it.
func TestActionsArePinnedToCommits(t *testing.T) {
	sha := regexp.MustCompile(`^[0-9a-f]{40}$`)
	for _, a := range Actions {
		if !sha.MatchString(a.SHA) || a.Release == "" {
			t.Errorf("%s: %q is not a full commit SHA with a release", a.Repo, a.SHA)
		}
		if ActionUses(a.Repo) != a.Repo+"@"+a.SHA+" # "+a.Release {
			t.Errorf("ActionUses(%q) = %q", a.Repo, ActionUses(a.Repo))
		}
	}
	if ActionUses("no/such-action") != "" {
		t.Error("ActionUses of an action not pinned here is not empty")
	}
}
