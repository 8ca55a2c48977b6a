//go:build prove

package prove

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tools finds the pinned tools; behind the prove tag a missing tool is a
// failure, never a skip.
func tools(t *testing.T) *Tools {
	t.Helper()
	tl, err := LocateTools()
	if err != nil {
		t.Fatalf("the proof harness needs its tools:\n%v", err)
	}
	return tl
}

// scratch is the folder a run works in: $SCAFFOLD_PROVE_KEEP (kept, with
// every module, state file and log, for debugging) or a temporary one.
func scratch(t *testing.T) (string, bool) {
	if d := os.Getenv("SCAFFOLD_PROVE_KEEP"); d != "" {
		d = filepath.Join(d, strings.ReplaceAll(t.Name(), "/", "_"))
		if err := os.RemoveAll(d); err != nil {
			t.Fatal(err)
		}
		return d, true
	}
	return t.TempDir(), false
}

func parallel() int {
	if n, err := strconv.Atoi(os.Getenv("SCAFFOLD_PROVE_PARALLEL")); err == nil && n > 0 {
		return n
	}
	return DefaultParallel()
}

// TestProve takes every golden answer set through validate, tflint, trivy
// and the emulator, and writes the report to $SCAFFOLD_PROVE_REPORT (default:
// a file in the test's temporary folder).
func TestProve(t *testing.T) {
	tl := tools(t)
	cases, err := GoldenCases(filepath.Join("..", "..", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	if only := os.Getenv("SCAFFOLD_PROVE_CASES"); only != "" {
		re, err := regexp.Compile(only)
		if err != nil {
			t.Fatalf("SCAFFOLD_PROVE_CASES: %v", err)
		}
		var keep []Case
		for _, c := range cases {
			if re.MatchString(c.Name) {
				keep = append(keep, c)
			}
		}
		t.Logf("SCAFFOLD_PROVE_CASES=%s: %d of %d cases", only, len(keep), len(cases))
		cases = keep
	}
	dir, keep := scratch(t)
	start := time.Now()
	results, err := Run(context.Background(), Options{
		Cases: cases, Scratch: dir, KeepScratch: keep, Parallel: parallel(), Tools: tl,
		TFLog:    os.Getenv("SCAFFOLD_PROVE_TF_LOG"),
		Progress: func(format string, args ...any) { t.Logf(format, args...) },
	})
	if err != nil {
		t.Fatal(err)
	}
	report := Report(results, tl, time.Since(start).Seconds(), parallel())
	path := os.Getenv("SCAFFOLD_PROVE_REPORT")
	if path == "" {
		path = filepath.Join(t.TempDir(), "prove-report.md")
	}
	if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("report written to %s:\n%s", path, report)
	for _, r := range results {
		t.Run(r.Case, func(t *testing.T) {
			for _, f := range r.Failures {
				t.Error(f.Error())
			}
		})
	}
}

// TestBrokenModule: a reference to an undeclared resource, an unencrypted
// S3 bucket and SSH open to the internet must fail the harness at validate
// and at trivy, with messages naming the module and the step.
func TestBrokenModule(t *testing.T) {
	tl := tools(t)
	dir, keep := scratch(t)
	results, err := Run(context.Background(), Options{
		Cases:   []Case{{Name: "testdata/broken", Module: filepath.Join("testdata", "broken")}},
		Scratch: dir, KeepScratch: keep, Tools: tl,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	err = r.Err()
	if err == nil {
		t.Fatal("the harness passed a broken module")
	}
	msg := err.Error()
	t.Logf("the harness said:\n%s", msg)
	for _, want := range []string{
		"testdata/broken: validate: ",
		`"aws_vpc" "missing"`,
		"testdata/broken: trivy: ",
		"AWS-0107 aws_security_group.ssh", // SSH open to 0.0.0.0/0
		"AWS-0132 aws_s3_bucket.data",     // no encryption with a customer-managed key
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the failure does not say %q", want)
		}
	}
	if r.Planned != -1 {
		t.Errorf("the emulator ran on a module that does not validate")
	}
}

// TestInsecureModule: valid but insecure Terraform fails at trivy only; the
// emulator takes it through apply and destroy, which also proves the
// emulator path on a module that does not depend on any blueprint.
func TestInsecureModule(t *testing.T) {
	tl := tools(t)
	dir, keep := scratch(t)
	results, err := Run(context.Background(), Options{
		Cases:   []Case{{Name: "testdata/insecure", Module: filepath.Join("testdata", "insecure")}},
		Scratch: dir, KeepScratch: keep, Tools: tl,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	t.Logf("%s", Report(results, tl, r.Seconds, 0))
	if !r.Failed(StepTrivy) || !strings.Contains(r.Err().Error(), "testdata/insecure: trivy: ") {
		t.Errorf("trivy did not fail the insecure module: %v", r.Err())
	}
	for _, step := range []string{StepValidate, StepPlan, StepApply, StepReplan, StepDestroy, StepLeftBehind, StepNetwork, StepEmulator} {
		if r.Failed(step) {
			t.Errorf("step %s failed on a valid module: %v", step, r.Err())
		}
	}
	if r.Planned != 3 || r.Applied != 3 || r.Replan != 0 || r.Destroyed != 3 || r.LeftBehind != 0 {
		t.Errorf("planned %d, applied %d, re-plan %d, destroyed %d, left behind %d; want 3, 3, 0, 3, 0",
			r.Planned, r.Applied, r.Replan, r.Destroyed, r.LeftBehind)
	}
}
