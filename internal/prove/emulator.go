package prove

import (
	"context"
	"encoding/json"
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

// awsEnv matches the variables that could point the SDK anywhere but the
// emulator (profiles, credentials, endpoints, CA bundles) and terraform's
// log settings; the emulator run drops them all.
func awsEnv(k string) bool {
	return strings.HasPrefix(k, "AWS_") || strings.HasPrefix(k, "TF_LOG")
}

// emulate takes a valid module through plan, apply, re-plan, destroy and the
// left-behind check against a moto_server of its own.
func (h *harness) emulate(ctx context.Context, c Case, r *Result, dir, scratch string) {
	// Two fences: one for terraform, one for moto itself, so a report can
	// tell which of them tried to leave.
	tfFence, err := startFence()
	if err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	defer tfFence.Close()
	motoFence, err := startFence()
	if err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	defer motoFence.Close()
	defer func() {
		if hosts := tfFence.Hosts(); len(hosts) > 0 {
			r.fail(StepNetwork, "terraform tried to reach "+strings.Join(hosts, ", ")+
				" instead of the emulator (an endpoint the override does not cover, or a call outside the AWS provider)")
		}
		if hosts := motoFence.Hosts(); len(hosts) > 0 {
			r.fail(StepNetwork, "moto_server itself tried to reach "+strings.Join(hosts, ", "))
		}
	}()
	cfg := filepath.Join(scratch, "aws-config")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	// Dummy credentials, no shared config, no instance metadata service.
	awsVars := []string{
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=" + cfg,
		"AWS_SHARED_CREDENTIALS_FILE=" + cfg,
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
		"AWS_DEFAULT_REGION=us-east-1",
	}

	motoStarted := r.timed("moto start")
	motoEnv := setEnv(fencedEnv(withoutEnv(os.Environ(), awsEnv), motoFence), awsVars...)
	moto, err := startEmulator(ctx, h.tools.MotoServer, filepath.Join(scratch, "moto.log"), motoEnv)
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
	resources, err := moduleResources(dir)
	if err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	notes, err := certificateFixtures(ctx, moto, dir)
	if err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	fixes, fixNotes, err := workarounds(ctx, moto, resources, h.gaps)
	if err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}
	for _, n := range append(notes, fixNotes...) {
		r.note(n)
	}
	writeResourceOverrides := func(ovs []resourceOverride) error {
		p := filepath.Join(dir, ResourceOverrideFile)
		if len(ovs) == 0 {
			return os.RemoveAll(p)
		}
		return os.WriteFile(p, renderResourceOverrides(ovs), 0o644)
	}
	if err := writeResourceOverrides(fixes); err != nil {
		r.fail(StepEmulator, err.Error())
		return
	}

	tr := h.tf.with(awsEnv, append(fenceVars(tfFence), awsVars...)...)
	nlog := 0
	step := func(name string, timeout time.Duration, args ...string) (result, bool) {
		defer r.timed(name)()
		nlog++
		run := tr
		if h.tfLog != "" {
			run = tr.with(nil, "TF_LOG="+h.tfLog, "TF_LOG_PATH="+filepath.Join(scratch, "logs", logBase(nlog, name)+".tflog"))
			_ = os.MkdirAll(filepath.Join(scratch, "logs"), 0o755)
		}
		res, err := run.run(ctx, dir, timeout, args...)
		keepLog(r, scratch, nlog, name, res)
		if err == nil && res.ExitCode != 0 && !((name == StepReplan || name == StepEditReplan) && res.ExitCode == 2) {
			err = fmt.Errorf("terraform %s exited %d", args[0], res.ExitCode)
		}
		if err != nil {
			msg := diagnosticsText(res.Stdout) + err.Error()
			if strings.Contains(err.Error(), errTimeout.Error()) {
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

	// A module whose state lives in S3 runs with it: bootstrap/ makes the
	// bucket in the emulator, and every run below reads and writes the
	// state there, taking the lock (elsewhere, a local state needs none).
	lock := "-lock=false"
	state := filepath.Join(dir, "terraform.tfstate")
	readState := func() string { return state }
	be, err := moduleBackend(dir)
	if err != nil {
		r.fail(StepBackend, err.Error())
		return
	}
	if be != nil {
		if !h.proveBootstrap(ctx, r, tr, moto, dir, scratch, be) {
			return
		}
		lock = "-lock=true"
		state = filepath.Join(scratch, "remote.tfstate")
		// The checks below read the state as a file: the backend's, pulled.
		readState = func() string {
			res, err := tr.run(ctx, dir, time.Minute, "state", "pull")
			if err == nil && res.ExitCode == 0 {
				_ = os.WriteFile(state, res.Stdout, 0o644)
			} else {
				r.fail(StepBackend, fmt.Sprintf("terraform state pull: %v %s", err, tail(res.Stderr, 10)))
			}
			return state
		}
		defer checkRemoteState(ctx, r, moto, be)
	}

	// plan: every resource, gaps included.
	res, ok := step(StepPlan, planTimeout, "plan", "-json", "-input=false", lock, "-out=plan.tfplan")
	if !ok {
		return
	}
	planned := plannedChanges(res.Stdout)
	r.Planned = len(planned)

	// apply: all of it, or what the gaps leave.
	leftOut := map[string]Gap{}
	for t, g := range h.gaps {
		if g.leftOut() {
			leftOut[t] = g
		}
	}
	var targetArgs []string
	if declares(resources, leftOut) {
		g, ok := step(StepApply, planTimeout, "graph")
		if !ok {
			return
		}
		targets, left := applyTargets(g.Stdout, leftOut)
		r.LeftOut = onlyPlanned(left, planned)
		for _, t := range targets {
			targetArgs = append(targetArgs, "-target="+t)
		}
		if len(targets) == 0 {
			r.note("apply skipped: every resource is an emulator gap or depends on one")
			r.Applied = 0
			return
		}
	}
	applyArgs := []string{"apply", "-json", "-input=false", lock, "-auto-approve"}
	if targetArgs == nil {
		applyArgs = append(applyArgs, "plan.tfplan")
	} else {
		applyArgs = append(applyArgs, targetArgs...)
	}
	_, applyOK := step(StepApply, applyTimeout, applyArgs...)
	applied, err := stateResources(readState())
	if err != nil {
		r.fail(StepApply, err.Error())
	}
	r.Applied = len(applied)

	// re-plan: a module that converges plans no changes.
	replan := func(name, planFile string, targetArgs []string, changes, misread *int) bool {
		args := append([]string{"plan", "-json", "-input=false", lock, "-detailed-exitcode", "-out=" + planFile}, targetArgs...)
		rp, ok := step(name, planTimeout, args...)
		if !ok {
			return false
		}
		*changes = len(plannedChanges(rp.Stdout))
		if rp.ExitCode == 2 {
			return h.explainReplan(ctx, r, tr, dir, rp.Stdout, name, planFile, changes, misread)
		}
		return true
	}
	replanOK := applyOK && replan(StepReplan, "replan.tfplan", targetArgs, &r.Replan, &r.ReplanMisread)
	if len(applied) == 0 {
		r.Destroyed = 0
		return
	}
	// Each state a stack reached is refreshed after the last destroy: what
	// it still finds was left behind.
	var snapshots []string
	snapshot := func(name string) {
		p := filepath.Join(scratch, name)
		if data, err := os.ReadFile(readState()); err == nil && os.WriteFile(p, data, 0o644) == nil {
			snapshots = append(snapshots, p)
		}
	}
	snapshot("after-apply.tfstate")

	// unprotectApply turns deletion protection off, in an apply of its own,
	// as a user would do it before a destroy; the override that does it is
	// withdrawn again afterwards.
	unprotectApply := func(name string) bool {
		ovs, err := protectedInState(readState(), unprotect(resources))
		if err != nil {
			r.fail(name, err.Error())
			return false
		}
		if len(ovs) == 0 {
			return true
		}
		var names []string
		for _, o := range ovs {
			names = append(names, o.Type+"."+o.Name+"."+o.Arg)
		}
		r.note(name + ": deletion protection turned off (apply) first: " + strings.Join(names, ", "))
		if err := writeResourceOverrides(append(fixes, ovs...)); err != nil {
			r.fail(name, err.Error())
			return false
		}
		defer writeResourceOverrides(fixes)
		// Only the protected resources (and what they depend on): drift
		// elsewhere must not turn this into a second, different apply.
		args := []string{"apply", "-json", "-input=false", lock, "-auto-approve", "-refresh=false"}
		for _, o := range ovs {
			args = append(args, "-target="+o.Type+"."+o.Name)
		}
		_, ok := step(name, applyTimeout, args...)
		return ok
	}
	// destroy destroys whatever apply created, even after a failed apply;
	// deletion protection off first, as a user would do it.
	destroy := func(name string, refresh bool) (destroyed int, ok bool) {
		before, _ := stateResources(readState())
		unprotectApply(name)
		_, ok = step(name, destroyTimeout, "destroy", "-json", "-input=false", lock, "-auto-approve", "-refresh="+fmt.Sprint(refresh))
		remaining, _ := stateResources(readState())
		if ok && len(remaining) > 0 {
			r.fail(name, "still in state after destroy: "+strings.Join(remaining, ", "))
			ok = false
		}
		return len(before) - len(remaining), ok
	}

	var life *Lifecycle
	if c.Lifecycle {
		life = &Lifecycle{Replan: -1, Rebuilt: -1, RebuildDestroyed: -1}
		r.Lifecycle = life
	}
	editOK := false
	if life != nil && replanOK {
		// With deletion protection on, AWS refuses an edit that replaces a
		// protected resource (a new name, a new table key): as the
		// deletion_protection answer tells a user, it goes off first, in
		// an apply of its own.
		if a, err := c.answers(); err == nil && a.Bool("deletion_protection") {
			unprotectApply(StepEdit)
		}
		// What the emulator cannot update is left out of the edit, with
		// what depends on it, as apply leaves out what it cannot create.
		editTargets := targetArgs
		editGaps := map[string]Gap{}
		for t, g := range h.gaps {
			if g.EditLeftOut {
				editGaps[t] = g
			}
		}
		if declares(resources, editGaps) {
			for t, g := range leftOut {
				editGaps[t] = g
			}
			if g, ok := step(StepEdit, planTimeout, "graph"); ok {
				targets, left := applyTargets(g.Stdout, editGaps)
				life.LeftOut = onlyPlanned(left, planned)
				editTargets = nil
				for _, t := range targets {
					editTargets = append(editTargets, "-target="+t)
				}
			}
		}
		editOK = h.edit(ctx, c, r, life, moto, dir, editTargets, func(name string, args ...string) (result, bool) {
			return step(name, applyTimeout, args...)
		})
		if !editOK && life.Changed == 0 {
			// Refused before anything changed: the stack is still the one
			// generated, and the destroy must not trip over the edit.
			_ = os.Remove(filepath.Join(dir, EditVarsFile))
		}
		if editOK {
			snapshot("after-edit.tfstate")
			editOK = replan(StepEditReplan, "edit-replan.tfplan", editTargets, &life.Replan, &life.ReplanMisread)
		}
	}
	// The re-plan has just refreshed every resource: destroy need not again.
	var destroyOK bool
	r.Destroyed, destroyOK = destroy(StepDestroy, !replanOK)

	// Rebuild: the same answers on the same account, as after a teardown
	// for the night or a disaster drill; every name must be free again and
	// every final snapshot name new.
	if editOK && destroyOK {
		applyArgs := []string{"apply", "-json", "-input=false", lock, "-auto-approve"}
		_, ok := step(StepRebuild, applyTimeout, append(applyArgs, targetArgs...)...)
		rebuilt, _ := stateResources(readState())
		life.Rebuilt = len(rebuilt)
		if len(rebuilt) > 0 {
			snapshot("after-rebuild.tfstate")
			life.RebuildDestroyed, _ = destroy(StepRebuildDestroy, !ok)
		}
	}

	// left behind: refresh every state the stack reached, in a configuration
	// with no resources; the provider drops each resource it can no longer
	// read, so what stays is still in the emulator. The states are merged
	// into one refresh (see mergeStates).
	r.LeftBehind = 0
	if len(snapshots) == 0 {
		return
	}
	defer r.timed(StepLeftBehind)()
	refresh := filepath.Join(scratch, "left-behind")
	if err := refreshConfig(dir, refresh); err != nil {
		r.fail(StepLeftBehind, err.Error())
		return
	}
	refreshState := filepath.Join(refresh, "terraform.tfstate")
	if err := mergeStates(snapshots, refreshState); err != nil {
		r.fail(StepLeftBehind, err.Error())
		return
	}
	res, err = tr.run(ctx, refresh, planTimeout, "apply", "-refresh-only", "-json", "-input=false", "-lock=false", "-auto-approve")
	nlog++
	keepLog(r, scratch, nlog, StepLeftBehind, res)
	if err == nil && res.ExitCode != 0 {
		err = fmt.Errorf("terraform apply -refresh-only exited %d", res.ExitCode)
	}
	if err != nil {
		r.fail(StepLeftBehind, "refreshing the states the stack reached: "+diagnosticsText(res.Stdout)+err.Error())
		return
	}
	left, err := stateResources(refreshState)
	if err != nil {
		r.fail(StepLeftBehind, err.Error())
		return
	}
	r.LeftBehind = len(left)
	byState := map[int][]string{}
	for _, a := range left {
		i, addr := leftBehindOrigin(a)
		byState[i] = append(byState[i], addr)
	}
	for i, snap := range snapshots {
		if len(byState[i]) > 0 {
			r.fail(StepLeftBehind, "still in the emulator after destroy, of the state "+filepath.Base(snap)+": "+strings.Join(byState[i], ", "))
		}
	}
}

// explainReplan says which attributes of which resources a second plan
// wants to change, and fails the case unless every change is one the gaps
// explain (an argument the emulator does not read back).
func (h *harness) explainReplan(ctx context.Context, r *Result, tr *terraformRunner, dir string, planOut []byte, stepName, planFile string, replan, misread *int) bool {
	changes := plannedChanges(planOut)
	var lines []string
	show, err := tr.run(ctx, dir, planTimeout, "show", "-json", planFile)
	var diffs []resourceDiff
	if err == nil && show.ExitCode == 0 {
		diffs, err = attributeChanges(show.Stdout)
	}
	if err == nil && len(diffs) > 0 {
		refs, rerr := moduleRefs(dir)
		if rerr != nil {
			r.fail(stepName, "reading the module's references to judge the re-plan: "+rerr.Error())
			return false
		}
		if tolerate(diffs, h.gaps, refs) {
			*replan = 0
			*misread = len(diffs)
			for _, d := range diffs {
				r.note(stepName + " change tolerated, the emulator does not read these arguments back (see " + GapsFile + "): " + d.String())
			}
			return true
		}
		for _, d := range diffs {
			lines = append(lines, d.String())
		}
	} else {
		for _, c := range changes {
			lines = append(lines, c.String())
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "(no resource changes; outputs or data sources differ)")
	}
	r.fail(stepName, fmt.Sprintf("the module does not converge: a second plan right after apply wants %d change(s):\n%s", len(lines), strings.Join(lines, "\n")))
	return false
}

// onlyPlanned keeps the left-out entries ("addr: why") whose resource has
// planned instances (a resource with count = 0 is not left out of anything).
func onlyPlanned(left []string, planned []change) []string {
	has := map[string]bool{}
	for _, c := range planned {
		addr := c.Addr
		if i := strings.LastIndex(addr, "["); i > strings.LastIndex(addr, ".") {
			addr = addr[:i]
		}
		has[addr] = true
	}
	var out []string
	for _, l := range left {
		addr, _, _ := strings.Cut(l, ": ")
		if has[addr] {
			out = append(out, l)
		}
	}
	return out
}

// declares reports whether the module has a resource of one of the types.
func declares(rs []resourceBlock, types map[string]Gap) bool {
	for _, r := range rs {
		if _, ok := types[r.Type]; ok {
			return true
		}
	}
	return false
}

var addrField = regexp.MustCompile(`"addr":"([^"]+)"`)

// lastActivity names the resources a timed-out run was still working on,
// from its -json progress messages.
func lastActivity(out []byte) string {
	started := map[string]bool{}
	var order []string
	for _, line := range strings.Split(string(out), "\n") {
		m := addrField.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		switch {
		case strings.Contains(line, `"type":"apply_start"`), strings.Contains(line, `"type":"refresh_start"`):
			if !started[m[1]] {
				started[m[1]] = true
				order = append(order, m[1])
			}
		case strings.Contains(line, `"type":"apply_complete"`), strings.Contains(line, `"type":"apply_errored"`), strings.Contains(line, `"type":"refresh_complete"`):
			delete(started, m[1])
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

// keepLog writes a terraform step's output to scratch/logs, numbered in the
// order the steps ran, and records the resources that took longest, so a
// slow step can be read back (SCAFFOLD_PROVE_KEEP keeps the folder).
func keepLog(r *Result, scratch string, n int, name string, res result) {
	dir := filepath.Join(scratch, "logs")
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	base := logBase(n, name)
	_ = os.WriteFile(filepath.Join(dir, base+".json"), res.Stdout, 0o644)
	if len(res.Stderr) > 0 {
		_ = os.WriteFile(filepath.Join(dir, base+".stderr"), res.Stderr, 0o644)
	}
	r.Waits = append(r.Waits, slowOperations(name, res.Stdout)...)
}

// logBase names the files of the nth terraform step of a case.
func logBase(n int, name string) string {
	return fmt.Sprintf("%02d-%s", n, strings.ReplaceAll(name, " ", "-"))
}

// Wait is one resource operation of a terraform step that took long: almost
// always a provider waiter (a fixed first delay, a minimum poll interval, a
// state that must be read several times in a row), not the emulator.
type Wait struct {
	Step, Addr, Action string
	Seconds            int
}

func (w Wait) String() string {
	return fmt.Sprintf("%s %s %s %d", w.Step, w.Addr, w.Action, w.Seconds)
}

// slowWait is the shortest operation the report names.
const slowWait = 20

// slowOperations reads the apply_complete messages of a -json run and
// returns the operations that took slowWait seconds or more.
func slowOperations(step string, out []byte) []Wait {
	var ws []Wait
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.Contains(line, `"type":"apply_complete"`) {
			continue
		}
		var msg struct {
			Hook struct {
				Resource struct {
					Addr string `json:"addr"`
				} `json:"resource"`
				Action  string `json:"action"`
				Elapsed int    `json:"elapsed_seconds"`
			} `json:"hook"`
		}
		if json.Unmarshal([]byte(line), &msg) == nil && msg.Hook.Elapsed >= slowWait {
			ws = append(ws, Wait{Step: step, Addr: msg.Hook.Resource.Addr, Action: msg.Hook.Action, Seconds: msg.Hook.Elapsed})
		}
	}
	return ws
}
