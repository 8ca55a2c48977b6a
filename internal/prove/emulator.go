package prove

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Step timeouts: generous for moto on two cores, short enough that a hung
// step cannot take the whole budget.
const (
	planTimeout    = 5 * time.Minute
	applyTimeout   = 8 * time.Minute
	destroyTimeout = 8 * time.Minute
)

// emulate takes a valid module through plan, apply, re-plan, destroy and the
// left-behind check against a moto_server of its own.
func (h *harness) emulate(ctx context.Context, r *Result, dir, scratch string) {
	fence, err := startFence()
	if err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	defer fence.Close()
	defer func() {
		if hosts := fence.Hosts(); len(hosts) > 0 {
			r.fail(StepNetwork, "requests left 127.0.0.1 for: "+strings.Join(hosts, ", ")+
				" (an endpoint the override does not cover, or a call outside the AWS provider)")
		}
	}()
	env := fencedEnv(withoutEnv(os.Environ(), func(k string) bool {
		return strings.HasPrefix(k, "AWS_") || strings.HasPrefix(k, "TF_LOG")
	}), fence)

	motoStarted := r.timed("moto start")
	moto, err := startEmulator(ctx, h.tools.MotoServer, filepath.Join(scratch, "moto.log"), env)
	if err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	defer moto.Stop()
	motoStarted()

	aliases, err := providerAliases(dir)
	if err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	overrideName := OverrideFile
	if len(aliases) == 0 {
		// An override needs a block to override: a module that relies on
		// the implicit provider configuration gets a primary file instead.
		aliases, overrideName = []string{""}, "zz_emulator.tf"
	}
	if err := os.WriteFile(filepath.Join(dir, overrideName), renderOverride(aliases, h.endpoints, moto.URL, false), 0o644); err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	cfg := filepath.Join(scratch, "aws-config")
	_ = os.WriteFile(cfg, nil, 0o644)
	tr := h.tf.with(append(env,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE="+cfg,
		"AWS_SHARED_CREDENTIALS_FILE="+cfg,
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
	)...)
	step := func(name string, timeout time.Duration, args ...string) (result, bool) {
		defer r.timed(name)()
		res, err := tr.run(ctx, dir, timeout, args...)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, errTimeout.Error()) {
				msg += "\n" + lastActivity(res.Stdout)
			}
			if !moto.Alive() {
				out, _ := os.ReadFile(moto.log)
				msg += "\nmoto_server had exited:\n" + tail(out, 15)
			}
			r.fail(name, msg)
			return res, false
		}
		return res, true
	}

	// plan: every resource, gaps included.
	res, ok := step(StepPlan, planTimeout, "plan", "-json", "-input=false", "-lock=false", "-out=plan.tfplan")
	if !ok {
		return
	}
	if res.ExitCode != 0 {
		r.fail(StepPlan, diagnosticsText(res.Stdout)+tail(res.Stderr, 20))
		return
	}
	planned := plannedChanges(res.Stdout)
	r.Planned = len(planned)

	// apply: all of it, or what the gaps leave.
	var targetArgs []string
	if gapsIn(dir, h.gaps) {
		g, ok := step(StepApply, planTimeout, "graph")
		if !ok {
			return
		}
		targets, left := applyTargets(g.Stdout, h.gaps)
		r.LeftOut = left
		for _, t := range targets {
			targetArgs = append(targetArgs, "-target="+t)
		}
		if len(targets) == 0 && len(left) > 0 {
			r.note("apply skipped: every resource is an emulator gap or depends on one")
			r.Applied = 0
			return
		}
	}
	applyArgs := []string{"apply", "-json", "-input=false", "-lock=false", "-auto-approve"}
	if targetArgs == nil {
		applyArgs = append(applyArgs, "plan.tfplan")
	} else {
		applyArgs = append(applyArgs, targetArgs...)
	}
	res, ok = step(StepApply, applyTimeout, applyArgs...)
	state := filepath.Join(dir, "terraform.tfstate")
	applied, stErr := stateResources(state)
	if stErr != nil {
		r.fail(StepApply, stErr.Error())
	}
	r.Applied = len(applied)
	if ok && res.ExitCode != 0 {
		r.fail(StepApply, diagnosticsText(res.Stdout)+tail(res.Stderr, 20))
		ok = false
	}
	if ok {
		// re-plan: a module that converges plans no changes.
		rp, rok := step(StepReplan, planTimeout, append([]string{"plan", "-json", "-input=false", "-lock=false", "-detailed-exitcode"}, targetArgs...)...)
		if rok {
			changes := plannedChanges(rp.Stdout)
			r.Replan = len(changes)
			switch rp.ExitCode {
			case 0:
			case 2:
				var lines []string
				for _, c := range changes {
					lines = append(lines, c.String())
				}
				if len(lines) == 0 {
					lines = append(lines, "(no resource changes; outputs or data sources differ)")
				}
				r.fail(StepReplan, fmt.Sprintf("the module does not converge: a second plan right after apply wants %d change(s):\n%s", len(changes), strings.Join(lines, "\n")))
			default:
				r.fail(StepReplan, diagnosticsText(rp.Stdout)+tail(rp.Stderr, 20))
			}
		}
	}

	// destroy whatever apply created, even after a failed apply.
	if len(applied) == 0 {
		r.Destroyed = 0
		return
	}
	snapshot := filepath.Join(scratch, "after-apply.tfstate")
	if data, err := os.ReadFile(state); err == nil {
		_ = os.WriteFile(snapshot, data, 0o644)
	}
	res, ok = step(StepDestroy, destroyTimeout, "destroy", "-json", "-input=false", "-lock=false", "-auto-approve")
	remaining, _ := stateResources(state)
	r.Destroyed = len(applied) - len(remaining)
	if ok && res.ExitCode != 0 {
		r.fail(StepDestroy, diagnosticsText(res.Stdout)+tail(res.Stderr, 20))
	} else if len(remaining) > 0 {
		r.fail(StepDestroy, "still in state after destroy: "+strings.Join(remaining, ", "))
	}

	// left behind: refresh the state as it was after apply; the provider
	// drops every resource it can no longer read, so what stays is still in
	// the emulator.
	res, ok = step(StepLeftBehind, planTimeout, "apply", "-refresh-only", "-json", "-input=false", "-lock=false", "-auto-approve", "-state="+snapshot)
	if !ok {
		return
	}
	if res.ExitCode != 0 {
		r.fail(StepLeftBehind, "refreshing the post-apply state: "+diagnosticsText(res.Stdout)+tail(res.Stderr, 20))
		return
	}
	left, err := stateResources(snapshot)
	if err != nil {
		r.fail(StepLeftBehind, err.Error())
		return
	}
	r.LeftBehind = len(left)
	if len(left) > 0 {
		r.fail(StepLeftBehind, "still in the emulator after destroy: "+strings.Join(left, ", "))
	}
}

// gapsIn reports whether a module declares a resource of a gap type.
func gapsIn(dir string, gaps map[string]Gap) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for t := range gaps {
			if regexp.MustCompile(`(?m)^\s*resource\s+"` + regexp.QuoteMeta(t) + `"`).Match(src) {
				return true
			}
		}
	}
	return false
}

// lastActivity names the resources a timed-out run was still working on,
// from its -json progress messages.
func lastActivity(out []byte) string {
	started := map[string]bool{}
	var order []string
	for _, line := range strings.Split(string(out), "\n") {
		for _, kind := range []string{"apply_start", "apply_progress", "refresh_start"} {
			if strings.Contains(line, `"type":"`+kind+`"`) {
				if m := regexp.MustCompile(`"addr":"([^"]+)"`).FindStringSubmatch(line); m != nil && !started[m[1]] {
					started[m[1]] = true
					order = append(order, m[1])
				}
			}
		}
		for _, kind := range []string{"apply_complete", "apply_errored", "refresh_complete"} {
			if strings.Contains(line, `"type":"`+kind+`"`) {
				if m := regexp.MustCompile(`"addr":"([^"]+)"`).FindStringSubmatch(line); m != nil {
					delete(started, m[1])
				}
			}
		}
	}
	var pending []string
	for _, a := range order {
		if started[a] {
			pending = append(pending, a)
		}
	}
	if len(pending) == 0 {
		return "(no resource was in progress)"
	}
	return "still in progress: " + strings.Join(pending, ", ")
}
