package prove

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Steps, as failures name them.
const (
	StepGenerate   = "generate"
	StepInit       = "init"
	StepValidate   = "validate"
	StepTFLint     = "tflint"
	StepTrivy      = "trivy"
	StepEmulator   = "emulator"
	StepPlan       = "plan"
	StepApply      = "apply"
	StepReplan     = "re-plan"
	StepDestroy    = "destroy"
	StepLeftBehind = "left-behind"
	StepNetwork    = "network"
)

// Options configure a run.
type Options struct {
	Cases    []Case
	Scratch  string // a folder of its own; each case works in a subfolder
	Parallel int    // cases at once; 0 means 2
	Tools    *Tools // nil: LocateTools
	// Progress, when set, is told when a case starts and ends.
	Progress func(format string, args ...any)
	// KeepScratch leaves each case's scratch folder (module, state, logs);
	// otherwise only the logs are kept and the provider copy is removed.
	KeepScratch bool
}

// Failure is one step that did not pass.
type Failure struct {
	Case, Step, Message string
}

func (f Failure) Error() string {
	return fmt.Sprintf("%s: %s: %s", f.Case, f.Step, f.Message)
}

// Result is what the harness found for one case. Counts are -1 when their
// step did not run.
type Result struct {
	Case  string
	Valid bool

	TFLint       int
	Trivy        map[string]int // by severity; nil when trivy did not run
	TrivyOther   []string       // MEDIUM and LOW findings, for the report
	TrivyIgnores []string       // inline ignores in the module

	Planned, Applied, Replan, Destroyed, LeftBehind int
	LeftOut                                         []string // not applied: emulator gaps and their dependents

	Seconds  float64
	Timings  []Timing // seconds per step, in the order they ran
	Failures []Failure
	Notes    []string
}

func newResult(name string) *Result {
	return &Result{Case: name, TFLint: -1, Planned: -1, Applied: -1, Replan: -1, Destroyed: -1, LeftBehind: -1}
}

func (r *Result) fail(step, msg string) {
	r.Failures = append(r.Failures, Failure{Case: r.Case, Step: step, Message: strings.TrimSpace(msg)})
}

func (r *Result) note(msg string) { r.Notes = append(r.Notes, msg) }

// Timing is how long one step took.
type Timing struct {
	Step    string
	Seconds float64
}

// timed records how long the step takes: defer r.timed("plan")().
func (r *Result) timed(step string) func() {
	start := time.Now()
	return func() { r.Timings = append(r.Timings, Timing{step, time.Since(start).Seconds()}) }
}

// Err joins the failures, each naming the case and the step.
func (r *Result) Err() error {
	var errs []error
	for _, f := range r.Failures {
		errs = append(errs, f)
	}
	return errors.Join(errs...)
}

// Failed reports whether the given step failed.
func (r *Result) Failed(step string) bool {
	for _, f := range r.Failures {
		if f.Step == step {
			return true
		}
	}
	return false
}

type harness struct {
	tools     *Tools
	tf        *terraformRunner
	endpoints []string
	gaps      map[string]Gap
}

// Run proves every case and returns one result per case, in the order
// given. The error is for a harness that could not start (tools missing,
// endpoint probe failed); what a case found is in its Result.
func Run(ctx context.Context, opts Options) ([]*Result, error) {
	progress := opts.Progress
	if progress == nil {
		progress = func(string, ...any) {}
	}
	tools := opts.Tools
	if tools == nil {
		var err error
		if tools, err = LocateTools(); err != nil {
			return nil, err
		}
	}
	if tools.Moto != MotoVersion {
		progress("warning: moto %s is installed; %s was checked against moto %s", tools.Moto, GapsFile, MotoVersion)
	}
	gaps, err := Gaps()
	if err != nil {
		return nil, err
	}
	h := &harness{tools: tools, tf: &terraformRunner{tf: tools.Terraform}, gaps: gaps}
	probe := filepath.Join(opts.Scratch, "endpoint-probe", "module")
	start := time.Now()
	if h.endpoints, err = endpointKeys(ctx, h.tf, probe); err != nil {
		return nil, fmt.Errorf("reading the provider's endpoint keys: %w", err)
	}
	_ = os.RemoveAll(filepath.Join(probe, ".terraform"))
	progress("provider endpoints: %d keys after dropping aliases (%.0fs)", len(h.endpoints), time.Since(start).Seconds())

	parallel := opts.Parallel
	if parallel <= 0 {
		parallel = 2
	}
	results := make([]*Result, len(opts.Cases))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, c := range opts.Cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			progress("%s: start", c.Name)
			scratch := filepath.Join(opts.Scratch, strings.ReplaceAll(c.Name, "/", "__"))
			results[i] = h.prove(ctx, c, scratch)
			if !opts.KeepScratch {
				_ = os.RemoveAll(filepath.Join(scratch, "module", ".terraform"))
			}
			status := "ok"
			if n := len(results[i].Failures); n > 0 {
				status = fmt.Sprintf("%d failure(s)", n)
			}
			progress("%s: %s in %.0fs", c.Name, status, results[i].Seconds)
		}()
	}
	wg.Wait()
	return results, nil
}

// prove runs every step for one case.
func (h *harness) prove(ctx context.Context, c Case, scratch string) *Result {
	start := time.Now()
	r := newResult(c.Name)
	defer func() { r.Seconds = time.Since(start).Seconds() }()
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		r.fail(StepGenerate, err.Error())
		return r
	}
	dir := filepath.Join(scratch, "module")
	if err := c.materialise(dir); err != nil {
		r.fail(StepGenerate, err.Error())
		return r
	}
	// The static tools run behind a fence too: they must work offline.
	fence, err := startFence()
	if err != nil {
		r.fail(StepGenerate, err.Error())
		return r
	}
	env := fencedEnv(os.Environ(), fence)
	done := r.timed(StepTrivy)
	h.trivy(ctx, r, dir, scratch, env)
	done()
	done = r.timed(StepTFLint)
	h.tflint(ctx, r, dir, scratch, env)
	done()
	fence.Close()
	if hosts := fence.Hosts(); len(hosts) > 0 {
		r.fail(StepNetwork, "tflint or trivy tried to reach: "+strings.Join(hosts, ", "))
	}
	done = r.timed(StepValidate)
	valid := h.validate(ctx, r, dir)
	done()
	if !valid {
		return r
	}
	h.emulate(ctx, r, dir, scratch)
	return r
}
