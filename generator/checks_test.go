package generator_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/pins"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// workflowFile and preCommitFile are the checks files every module carries
// (the workflow only for ci_workflow = github).
const (
	workflowFile  = ".github/workflows/terraform.yml"
	preCommitFile = ".pre-commit-config.yaml"
)

// checkCommands are the checks issue 14 asks the team's files to run, as
// each appears in a command line.
var checkCommands = []string{"terraform fmt -check", "terraform validate", "tflint", "trivy config", "terraform test"}

type workflow struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Jobs        map[string]struct {
		Env   map[string]string `yaml:"env"`
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			With map[string]string `yaml:"with"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

type preCommit struct {
	Repos []struct {
		Repo  string `yaml:"repo"`
		Hooks []struct {
			ID    string `yaml:"id"`
			Entry string `yaml:"entry"`
		} `yaml:"hooks"`
	} `yaml:"repos"`
}

// credentials matches what would hand a job cloud credentials or secrets.
var credentials = regexp.MustCompile(`secrets\.|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_PROFILE|configure-aws-credentials|id-token`)

// TestChecksFiles parses the checks files of every golden module as YAML
// and checks what they run: the five checks, in the workflow with the
// tools at internal/pins' versions and each action pinned to its commit,
// and nothing that needs cloud credentials.
func TestChecksFiles(t *testing.T) {
	sawWorkflow, sawNone := false, false
	for _, c := range goldenCases(t) {
		files := map[string][]byte{}
		for _, f := range generateCase(t, c) {
			files[f.Path] = f.Data
		}
		a := resolveCase(t, c)
		s3 := a.String("state_backend") == spec.StateBackendS3

		var pc preCommit
		if err := yaml.Unmarshal(files[preCommitFile], &pc); err != nil || len(pc.Repos) == 0 {
			t.Fatalf("%s: %s is not a pre-commit configuration: %v", c.Name, preCommitFile, err)
		}
		var entries []string
		for _, r := range pc.Repos {
			for _, h := range r.Hooks {
				entries = append(entries, h.Entry)
			}
		}
		checkRuns(t, c.Name, preCommitFile, strings.Join(entries, "\n"), s3)

		data, ok := files[workflowFile]
		if want := a.String("ci_workflow") == spec.CIWorkflowGitHub; ok != want {
			t.Errorf("%s: ci_workflow = %s, but the module has %s: %v", c.Name, a.String("ci_workflow"), workflowFile, ok)
		}
		if !ok {
			sawNone = true
			if strings.Contains(string(files["README.md"]), workflowFile) {
				t.Errorf("%s: README.md names %s, which the module does not hold", c.Name, workflowFile)
			}
			continue
		}
		sawWorkflow = true
		if credentials.Match(data) {
			t.Errorf("%s: %s hands the job credentials or secrets: %s", c.Name, workflowFile, credentials.Find(data))
		}
		var wf workflow
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Fatalf("%s: %s is not YAML: %v", c.Name, workflowFile, err)
		}
		if wf.Permissions["contents"] != "read" || len(wf.Permissions) != 1 {
			t.Errorf("%s: %s permissions = %v, want contents: read only", c.Name, workflowFile, wf.Permissions)
		}
		var runs []string
		uses := map[string]map[string]string{}
		for _, job := range wf.Jobs {
			for _, st := range job.Steps {
				runs = append(runs, st.Run)
				if st.Uses != "" {
					uses[st.Uses] = st.With
				}
			}
		}
		checkRuns(t, c.Name, workflowFile, strings.Join(runs, "\n"), s3)
		// The tools the workflow installs are those the harness verified
		// the module with; each action is its pinned commit (YAML drops the
		// release comment).
		want := map[string][2]string{
			"actions/checkout":               {},
			"hashicorp/setup-terraform":      {"terraform_version", pins.Terraform},
			"terraform-linters/setup-tflint": {"tflint_version", pins.TFLint},
			"aquasecurity/setup-trivy":       {"version", pins.Trivy},
		}
		for repo, in := range want {
			ref := strings.SplitN(pins.ActionUses(repo), " ", 2)[0]
			with, ok := uses[ref]
			if !ok {
				t.Errorf("%s: %s does not use %s", c.Name, workflowFile, ref)
				continue
			}
			if in[0] != "" && with[in[0]] != in[1] {
				t.Errorf("%s: %s: %s %s = %q, want %q (internal/pins)", c.Name, workflowFile, repo, in[0], with[in[0]], in[1])
			}
		}
		if len(uses) != len(want) {
			t.Errorf("%s: %s uses %d actions, want the %d pinned ones", c.Name, workflowFile, len(uses), len(want))
		}
		if !strings.Contains(string(data), pins.ActionUses("actions/checkout")) {
			t.Errorf("%s: %s does not carry the release comment of its pinned actions", c.Name, workflowFile)
		}
	}
	if !sawWorkflow || !sawNone {
		t.Errorf("the golden cases do not cover both ci_workflow choices (with a workflow: %v, without: %v)", sawWorkflow, sawNone)
	}
}

// checkRuns fails unless the commands of a checks file run each check, skip
// the backend at init (it would need the bucket and credentials), and, for
// an s3 backend, validate the bootstrap module too.
func checkRuns(t *testing.T, name, file, commands string, s3 bool) {
	t.Helper()
	for _, want := range checkCommands {
		if !strings.Contains(commands, want) {
			t.Errorf("%s: %s does not run %s", name, file, want)
		}
	}
	for _, line := range regexp.MustCompile(`terraform (-chdir=\S+ )?init[^&\n]*`).FindAllString(commands, -1) {
		if !strings.Contains(line, "-backend=false") {
			t.Errorf("%s: %s runs %q, which would reach the state backend", name, file, line)
		}
	}
	if got := strings.Contains(commands, "-chdir=bootstrap validate"); got != s3 {
		t.Errorf("%s: %s validates bootstrap/: %v, want %v (state_backend s3: %v)", name, file, got, s3, s3)
	}
	if !strings.Contains(commands, "--skip-check-update") {
		t.Errorf("%s: %s runs trivy with the latest published checks, not those of the pinned release", name, file)
	}
}

// TestTerraformIsThePinnedVersion: the terraform the tests run is the
// release internal/pins names, which the generated workflow installs.
func TestTerraformIsThePinnedVersion(t *testing.T) {
	tf := tftest.Find(t)
	out, err := tf.Run(t.TempDir(), "version", "-json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("terraform version -json: %v\n%s", err, out)
	}
	if v.Version != pins.Terraform {
		t.Errorf("the tests run terraform %s; internal/pins.Terraform, which generated workflows install, is %s", v.Version, pins.Terraform)
	}
}
