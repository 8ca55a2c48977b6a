package prove

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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

	// The life-cycle pass (Case.Lifecycle).
	StepEdit           = "edit apply"
	StepEditReplan     = "edit re-plan"
	StepRebuild        = "rebuild apply"
	StepRebuildDestroy = "rebuild destroy"
)

// Options configure a run.
type Options struct {
	Cases    []Case
	Scratch  string // a folder of its own; each case works in a subfolder
	Parallel int    // cases at once; 0 means DefaultParallel
	Tools    *Tools // nil: LocateTools
	// Progress, when set, is told when a case starts and ends.
	Progress func(format string, args ...any)
	// KeepScratch leaves each case's scratch folder (module, state, logs);
	// otherwise only the logs are kept and the provider copy is removed.
	KeepScratch bool
	// TFLog, when set (trace, debug, info...), is the TF_LOG level of every
	// terraform step against the emulator, written beside the step's -json
	// output (logs/NN-step.tflog): the provider's requests and waiter polls
	// with their times, to see where a step spends them. The harness drops
	// the caller's own TF_LOG settings, which would mix every step and case
	// into one file.
	TFLog string
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
	// ReplanMisread counts the resources a second plan wanted to change only
	// because the emulator does not read some arguments back (see the gaps
	// file); they are reported beside Replan, never hidden in it.
	ReplanMisread int

	// Lifecycle is the life-cycle pass, for a case that has one.
	Lifecycle *Lifecycle

	Seconds float64
	// CPUSeconds is the CPU time (user and system) of every program the
	// case ran, moto_server and the provider plugins included.
	CPUSeconds float64
	Timings    []Timing // seconds per step, in the order they ran
	Waits      []Wait   // resource operations of slowWait seconds or more, in the order they ran
	Failures   []Failure
	Notes      []string
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
	tfLog     string // Options.TFLog
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
	h := &harness{tools: tools, tf: &terraformRunner{tf: tools.Terraform}, gaps: gaps, tfLog: opts.TFLog}
	if h.endpoints, err = cachedEndpointKeys(ctx, h.tf, filepath.Join(opts.Scratch, "endpoint-probe", "module"), progress); err != nil {
		return nil, fmt.Errorf("reading the provider's endpoint keys: %w", err)
	}

	parallel := opts.Parallel
	if parallel <= 0 {
		parallel = DefaultParallel()
	}
	results := make([]*Result, len(opts.Cases))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, i := range startOrder(opts.Cases) {
		c := opts.Cases[i]
		// Take the slot before starting, so cases start in startOrder.
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			progress("%s: start", c.Name)
			scratch := filepath.Join(opts.Scratch, strings.ReplaceAll(c.Name, "/", "__"))
			results[i] = h.prove(ctx, c, scratch)
			if !opts.KeepScratch {
				_ = os.RemoveAll(filepath.Join(scratch, "module", ".terraform"))
			}
			status := "ok"
			for _, f := range results[i].Failures {
				status = "FAIL"
				progress("%s", f.Error())
			}
			progress("%s: %s in %.0fs", c.Name, status, results[i].Seconds)
		}()
	}
	wg.Wait()
	return results, nil
}

// DefaultParallel is how many cases run at once when Options.Parallel is 0:
// four per CPU, at most maxParallel, and no more than the memory available
// holds (see parallelFor). A case is mostly waiting: the provider's waiters
// sleep a fixed time whatever the emulator answers (an RDS instance 60–80 s
// to create, modify or delete, an ALB 60 s, an S3 lifecycle configuration
// 55 s), so one case keeps a CPU busy about a sixth of its wall time (web-app
// /defaults alone: 60 s of CPU in 362 s). With the 29 golden cases on 2 cores
// at 6 at once the harness kept about one CPU busy and took 1703 s, the sum
// of the cases' seconds over 6; at 8 the same cases fit in about 1320 s,
// still above the longest case (docs/proof.md, "6 or 8 at once").
func DefaultParallel() int {
	return parallelFor(runtime.NumCPU(), availableMemory())
}

// parallelFor is DefaultParallel for a machine with cpus CPUs and avail
// bytes of memory available (0: unknown). A case holds up to caseMemory
// while terraform runs (the provider plugin 350–600 MB, terraform and
// moto_server about 200 MB each).
func parallelFor(cpus int, avail uint64) int {
	n := min(4*cpus, maxParallel)
	if avail > 0 {
		n = min(n, int(avail/caseMemory))
	}
	return max(n, 1)
}

const caseMemory = 1 << 30

// availableMemory reads MemAvailable from /proc/meminfo (Linux); 0 when it
// cannot.
func availableMemory() uint64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
			if f := strings.Fields(v); len(f) == 2 && f[1] == "kB" {
				if kb, err := strconv.ParseUint(f[0], 10, 64); err == nil {
					return kb << 10
				}
			}
		}
	}
	return 0
}

const maxParallel = 8

// startOrder is the order cases start in: the life-cycle cases first (each
// took two to five times as long as a case of its blueprint without the
// pass), then the others in the order given, so that the longest cases do
// not start last and leave the other slots idle at the end. Results and the
// report keep the order given.
func startOrder(cases []Case) []int {
	order := make([]int, 0, len(cases))
	for i, c := range cases {
		if c.Lifecycle {
			order = append(order, i)
		}
	}
	for i, c := range cases {
		if !c.Lifecycle {
			order = append(order, i)
		}
	}
	return order
}

var endpointCache struct {
	sync.Mutex
	keys map[string][]string // by provider mirror
}

// cachedEndpointKeys probes the provider once per mirror and process.
func cachedEndpointKeys(ctx context.Context, tr *terraformRunner, probe string, progress func(string, ...any)) ([]string, error) {
	endpointCache.Lock()
	defer endpointCache.Unlock()
	key := tr.tf.Bin + "\x00" + tr.tf.PluginDir
	if keys, ok := endpointCache.keys[key]; ok {
		return keys, nil
	}
	// The probe costs half a minute; its answer depends only on the
	// provider build, so it is kept beside the tools, named after the
	// provider binaries in the mirror (path, size and time).
	diskCache := endpointCacheFile(tr.tf.PluginDir)
	if data, err := os.ReadFile(diskCache); err == nil && diskCache != "" {
		var keys []string
		if json.Unmarshal(data, &keys) == nil && len(keys) > 0 {
			if endpointCache.keys == nil {
				endpointCache.keys = map[string][]string{}
			}
			endpointCache.keys[key] = keys
			return keys, nil
		}
	}
	start := time.Now()
	keys, err := endpointKeys(ctx, tr, probe)
	_ = os.RemoveAll(filepath.Join(probe, ".terraform"))
	if err != nil {
		return nil, err
	}
	if diskCache != "" {
		if data, err := json.Marshal(keys); err == nil && os.MkdirAll(filepath.Dir(diskCache), 0o755) == nil {
			_ = os.WriteFile(diskCache, data, 0o644)
		}
	}
	if endpointCache.keys == nil {
		endpointCache.keys = map[string][]string{}
	}
	endpointCache.keys[key] = keys
	progress("provider endpoints: %d keys once aliases are dropped (%.0fs)", len(keys), time.Since(start).Seconds())
	return keys, nil
}

// endpointCacheFile names the on-disk cache of the endpoint probe for the
// provider builds in mirror, or "" when there is none to key it by.
func endpointCacheFile(mirror string) string {
	bins, _ := filepath.Glob(filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws", "*", "*", "terraform-provider-aws*"))
	if len(bins) == 0 {
		return ""
	}
	h := sha256.New()
	for _, b := range bins {
		fi, err := os.Stat(b)
		if err != nil {
			return ""
		}
		fmt.Fprintf(h, "%s %d %d\n", b, fi.Size(), fi.ModTime().UnixNano())
	}
	return filepath.Join(ToolsDir(), fmt.Sprintf("aws-endpoints-%x.json", h.Sum(nil)[:8]))
}

// prove runs every step for one case.
func (h *harness) prove(ctx context.Context, c Case, scratch string) *Result {
	start := time.Now()
	r := newResult(c.Name)
	cpu := &cpuMeter{}
	ctx = withCPUMeter(ctx, cpu)
	defer func() { r.Seconds, r.CPUSeconds = time.Since(start).Seconds(), cpu.Seconds() }()
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
	h.emulate(ctx, c, r, dir, scratch)
	return r
}
