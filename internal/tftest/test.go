package tftest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// TestResult is what one `terraform test -json` reported: every run block
// with its status and diagnostics, the diagnostics tied to no run (a test
// file that does not load, a module that does not initialise), and the
// summary.
type TestResult struct {
	Runs        []TestRun
	Diagnostics []tfjson.Diagnostic // not tied to a run block
	// Summary is nil when terraform stopped before running any test file.
	Summary *TestSummary
	// ExitCode is terraform's exit status.
	ExitCode int
}

// TestRun is one run block of a test file and how it ended.
type TestRun struct {
	File   string // e.g. tests/defaults.tftest.hcl
	Name   string // the run block's label
	Status string // pass, fail, error or skip
	// Diagnostics are the errors and warnings terraform reported for it:
	// failed assertions, unexpected or missing expected failures, and the
	// errors of the plan or apply itself.
	Diagnostics []tfjson.Diagnostic
}

// TestSummary is terraform's closing count of run blocks.
type TestSummary struct {
	Status  string `json:"status"`
	Passed  int    `json:"passed"`
	Failed  int    `json:"failed"`
	Errored int    `json:"errored"`
	Skipped int    `json:"skipped"`
}

// Passed reports whether terraform ran at least one run block, every run
// block passed and terraform exited 0.
func (r *TestResult) Passed() bool {
	if r.ExitCode != 0 || r.Summary == nil || r.Summary.Status != "pass" || len(r.Runs) == 0 {
		return false
	}
	for _, run := range r.Runs {
		if run.Status != "pass" {
			return false
		}
	}
	return true
}

// Run returns the run block named name in file, or nil.
func (r *TestResult) Run(file, name string) *TestRun {
	for i := range r.Runs {
		if r.Runs[i].File == file && r.Runs[i].Name == name {
			return &r.Runs[i]
		}
	}
	return nil
}

// Problems describes, one paragraph each, every run block that did not pass
// and every diagnostic tied to no run block, for a test failure message.
func (r *TestResult) Problems() string {
	var b strings.Builder
	for _, run := range r.Runs {
		if run.Status != "pass" {
			b.WriteString(run.String())
			b.WriteString("\n")
		}
	}
	for _, d := range r.Diagnostics {
		b.WriteString(DiagnosticString(d))
		b.WriteString("\n")
	}
	if r.Summary == nil {
		fmt.Fprintf(&b, "terraform test exited %d before running the tests\n", r.ExitCode)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// String is the run block's file, name, status and diagnostics.
func (run TestRun) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, run %q: %s", run.File, run.Name, run.Status)
	for _, d := range run.Diagnostics {
		b.WriteString("\n  ")
		b.WriteString(strings.ReplaceAll(DiagnosticString(d), "\n", "\n  "))
	}
	return b.String()
}

// DiagnosticString renders a diagnostic as "severity: file:line: summary:
// detail".
func DiagnosticString(d tfjson.Diagnostic) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: ", d.Severity)
	if d.Range != nil {
		fmt.Fprintf(&b, "%s:%d: ", d.Range.Filename, d.Range.Start.Line)
	}
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(": " + d.Detail)
	}
	return b.String()
}

// testMessage is one line of `terraform test -json`: the machine-readable
// UI messages terraform-json has no types for (test_run, test_summary),
// with its diagnostic type for the rest.
type testMessage struct {
	Type       string             `json:"type"`
	Message    string             `json:"@message"`
	TestFile   string             `json:"@testfile"`
	TestRun    string             `json:"@testrun"`
	Diagnostic *tfjson.Diagnostic `json:"diagnostic"`
	Run        *struct {
		Path     string `json:"path"`
		Run      string `json:"run"`
		Progress string `json:"progress"`
		Status   string `json:"status"`
	} `json:"test_run"`
	Summary *TestSummary `json:"test_summary"`
}

// Test runs `terraform test -json` in dir (args are added, e.g. -filter)
// and reads its report. A failing test is not an error: look at the
// result. The error says terraform could not run or printed something
// other than its JSON messages.
func (tf *Terraform) Test(dir string, args ...string) (*TestResult, error) {
	cmd := exec.Command(tf.Bin, append([]string{"test", "-json", "-no-color"}, args...)...)
	cmd.Dir = dir
	cmd.Env = tf.Env(filepath.Dir(dir))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := &TestResult{}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		res.ExitCode = ee.ExitCode()
	case err != nil:
		return nil, fmt.Errorf("terraform test in %s: %w", dir, err)
	}
	if perr := parseTestJSON(stdout.Bytes(), res); perr != nil {
		return nil, fmt.Errorf("terraform test in %s: %w\n%s%s", dir, perr, stdout.String(), stderr.String())
	}
	if res.Summary == nil && len(res.Diagnostics) == 0 && len(res.Runs) == 0 {
		return nil, fmt.Errorf("terraform test in %s exited %d and reported nothing:\n%s%s", dir, res.ExitCode, stdout.String(), stderr.String())
	}
	return res, nil
}

// parseTestJSON reads the JSON lines of `terraform test -json` into res.
func parseTestJSON(out []byte, res *TestResult) error {
	index := map[[2]string]int{}
	runAt := func(file, name string) *TestRun {
		k := [2]string{file, name}
		i, ok := index[k]
		if !ok {
			i = len(res.Runs)
			index[k] = i
			res.Runs = append(res.Runs, TestRun{File: file, Name: name})
		}
		return &res.Runs[i]
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var m testMessage
		if err := json.Unmarshal(line, &m); err != nil {
			return fmt.Errorf("not a JSON message: %q: %w", line, err)
		}
		switch {
		case m.Type == "test_run" && m.Run != nil:
			run := runAt(m.Run.Path, m.Run.Run)
			if m.Run.Status != "" {
				run.Status = m.Run.Status
			}
		case m.Type == "test_summary" && m.Summary != nil:
			res.Summary = m.Summary
		case m.Type == "diagnostic" && m.Diagnostic != nil:
			if m.TestRun != "" {
				run := runAt(m.TestFile, m.TestRun)
				run.Diagnostics = append(run.Diagnostics, *m.Diagnostic)
			} else {
				res.Diagnostics = append(res.Diagnostics, *m.Diagnostic)
			}
		}
	}
	return sc.Err()
}
