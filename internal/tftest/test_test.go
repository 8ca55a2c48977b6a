package tftest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	RemoveShared()
	os.Exit(code)
}

// testdata/test-report.jsonl is the real `terraform test -json` output (1.11)
// of three test files: one whose expected variable failure happened, one
// whose expected failure did not, one with a failure nobody expected.
func TestParseTestJSON(t *testing.T) {
	out, err := os.ReadFile(filepath.Join("testdata", "test-report.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	res := &TestResult{ExitCode: 1}
	if err := parseTestJSON(out, res); err != nil {
		t.Fatal(err)
	}
	if res.Passed() {
		t.Fatal("Passed() is true for a report with two failed run blocks")
	}
	if res.Summary == nil || res.Summary.Passed != 1 || res.Summary.Errored != 2 {
		t.Fatalf("summary = %+v, want 1 passed and 2 errored", res.Summary)
	}
	want := map[string]struct{ status, diag string }{
		"a_bad_expected":   {"pass", ""},
		"missing_expected": {"error", "Missing expected failure"},
		"unexpected_b":     {"error", "Invalid value for variable"},
	}
	if len(res.Runs) != len(want) {
		t.Fatalf("%d runs, want %d: %+v", len(res.Runs), len(want), res.Runs)
	}
	for name, w := range want {
		run := res.Run("tests/"+name+".tftest.hcl", name)
		if run == nil {
			t.Errorf("run %s missing", name)
			continue
		}
		if run.Status != w.status {
			t.Errorf("run %s: status %q, want %q", name, run.Status, w.status)
		}
		if w.diag == "" && len(run.Diagnostics) > 0 {
			t.Errorf("run %s: unexpected diagnostics %v", name, run.Diagnostics)
		}
		if w.diag != "" && (len(run.Diagnostics) != 1 || run.Diagnostics[0].Summary != w.diag) {
			t.Errorf("run %s: diagnostics %+v, want one %q", name, run.Diagnostics, w.diag)
		}
	}
	problems := res.Problems()
	for _, s := range []string{`run "missing_expected": error`, "var.a, was expected to report an error", `run "unexpected_b": error`, "b must start with x."} {
		if !strings.Contains(problems, s) {
			t.Errorf("Problems() lacks %q:\n%s", s, problems)
		}
	}
	if strings.Contains(problems, "a_bad_expected") {
		t.Errorf("Problems() names a run that passed:\n%s", problems)
	}
}

func TestPassedNeedsRuns(t *testing.T) {
	res := &TestResult{Summary: &TestSummary{Status: "pass"}}
	if res.Passed() {
		t.Error("Passed() is true for a report without a single run block")
	}
}

// TestInitSharesProviders checks that two modules prepared by Init share one
// provider installation and that terraform accepts it.
func TestInitSharesProviders(t *testing.T) {
	tf := Find(t)
	cfg := "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \">= 5.0\"\n    }\n  }\n}\n\nprovider \"aws\" {\n  region = \"us-east-1\"\n}\n"
	var targets []string
	for _, name := range []string{"a", "b"} {
		dir := filepath.Join(t.TempDir(), name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := tf.Init(dir); err != nil {
			t.Fatal(err)
		}
		target, err := os.Readlink(filepath.Join(dir, ".terraform", "providers"))
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, target)
		if out, err := tf.Run(dir, "validate", "-no-color"); err != nil {
			t.Fatalf("terraform validate after Init: %v\n%s", err, out)
		}
	}
	if targets[0] != targets[1] {
		t.Errorf("two modules link to different provider installations: %s and %s", targets[0], targets[1])
	}
}
