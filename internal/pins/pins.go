// Package pins holds the versions of the tools scaffold verifies generated
// modules with, in one place: the proof harness (internal/prove) checks
// that the tools it runs are these, scripts/install-tools installs the
// linters at these versions (TestInstallToolsPins compares), and the
// generated CI workflow and pre-commit configuration name them, so a team's
// checks run what scaffold's own proof ran.
package pins

const (
	// Terraform is the Terraform CLI release the generator tests and the
	// proof harness run (the generator tests compare `terraform version`
	// with it); the generated workflow installs this release.
	Terraform = "1.11.4"
	// TFLint is the tflint release the harness runs (a `go install` build
	// of github.com/terraform-linters/tflint at this tag).
	TFLint = "v0.64.0"
	// Trivy is the trivy release the harness runs (a `go install` build of
	// github.com/aquasecurity/trivy at this tag).
	Trivy = "v0.74.0"
)

// GitHub Actions the generated workflow uses, pinned to full commit SHAs
// (a tag can be moved to other code; a commit cannot), with the release
// each commit is. Each SHA is the commit its release tag pointed to, as
// several public workflows pin it (looked up 2026-11-30 with the search
// tools, not against GitHub itself); setup-trivy's v0.2.6 commit is the
// one public workflows name as the project's safe commit after its tags
// were tampered with.
var Actions = []Action{
	{Repo: "actions/checkout", SHA: "11bd71901bbe5b1630ceea73d27597364c9af683", Release: "v4.2.2"},
	{Repo: "hashicorp/setup-terraform", SHA: "b9cd54a3c349d3f38e8881555d616ced269862dd", Release: "v3.1.2"},
	{Repo: "terraform-linters/setup-tflint", SHA: "90f302c255ef959cbfb4bd10581afecdb7ece3e6", Release: "v4.1.1"},
	{Repo: "aquasecurity/setup-trivy", SHA: "3fb12ec12f41e471780db15c232d5dd185dcb514", Release: "v0.2.6"},
}

// Action is one GitHub Action pinned to a commit.
type Action struct {
	Repo, SHA, Release string
}

// Uses is the action's `uses:` reference with its release as a comment:
// owner/name@sha # release.
func (a Action) Uses() string { return a.Repo + "@" + a.SHA + " # " + a.Release }

// ActionUses is the `uses:` line of the pinned action repo ("" when it is
// not pinned here).
func ActionUses(repo string) string {
	for _, a := range Actions {
		if a.Repo == repo {
			return a.Uses()
		}
	}
	return ""
}
