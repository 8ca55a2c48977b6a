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
// provider installation. That terraform accepts it is shown by
// TestTestMockProvider here, and by every terraform test of generator.
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
		if _, err := os.Stat(filepath.Join(dir, ".terraform.lock.hcl")); err != nil {
			t.Errorf("Init wrote no lock file: %v", err)
		}
	}
	if targets[0] != targets[1] {
		t.Errorf("two modules link to different provider installations: %s and %s", targets[0], targets[1])
	}
}

// TestTestMockProvider runs `terraform test` on a module prepared by Init,
// with a mock aws provider as the generated modules' tests use it: a run
// whose assertion holds passes, and one whose assertion fails is reported
// with its message.
func TestTestMockProvider(t *testing.T) {
	tf := Find(t)
	dir := filepath.Join(t.TempDir(), "module")
	files := map[string]string{
		"main.tf": `terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type = string
}

resource "aws_sqs_queue" "q" {
  name = "${var.name}-queue"
}
`,
		"terraform.tfvars": "name = \"demo\"\n",
		"tests/plan.tftest.hcl": `mock_provider "aws" {}

run "named_from_tfvars" {
  command = plan

  assert {
    condition     = aws_sqs_queue.q.name == "demo-queue"
    error_message = "the queue is not named after var.name"
  }
}

run "wrong_on_purpose" {
  command = plan

  assert {
    condition     = aws_sqs_queue.q.name == "other"
    error_message = "deliberately false assertion"
  }
}
`,
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := tf.Init(dir); err != nil {
		t.Fatal(err)
	}
	res, err := tf.Test(dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Passed() {
		t.Fatal("Passed() is true although one assertion is false")
	}
	ok := res.Run("tests/plan.tftest.hcl", "named_from_tfvars")
	bad := res.Run("tests/plan.tftest.hcl", "wrong_on_purpose")
	if ok == nil || ok.Status != "pass" {
		t.Errorf("run named_from_tfvars: %v, want pass\n%s", ok, res.Problems())
	}
	if bad == nil || bad.Status != "fail" || !strings.Contains(bad.String(), "deliberately false assertion") {
		t.Errorf("run wrong_on_purpose: %v, want fail with the assertion's message", bad)
	}
}
