package prove

import (
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// Report renders the results as Markdown: one row per case, then what each
// case found in detail. total is the wall time of the run in seconds and
// parallel how many cases it ran at once (0: not said).
func Report(results []*Result, tools *Tools, total float64, parallel int) string {
	var b strings.Builder
	b.WriteString("# scaffold proof report\n\n")
	if tools != nil {
		fmt.Fprintf(&b, "tflint %s (terraform ruleset, preset \"all\") · trivy %s (embedded checks) · moto %s · %.0f s in all\n\n", TFLintVersion, TrivyVersion, tools.Moto, total)
	}
	if parallel > 0 {
		fmt.Fprintf(&b, "Cases run %d at once (SCAFFOLD_PROVE_PARALLEL), life-cycle cases first; a case's seconds include the time it shared the machine with the others.\n\n", parallel)
	}
	if cpu := cpuSeconds(results); cpu > 0 && total > 0 {
		fmt.Fprintf(&b, "CPU time of every program the cases ran (user + system; moto, terraform and the provider included): %.0f s, %.1f of the machine's %d CPUs busy on average over the %.0f s; the rest of the time the cases wait on the provider's fixed sleeps.\n\n", cpu, cpu/total, runtime.NumCPU(), total)
	}
	b.WriteString("| case | validate | tflint | trivy C/H/M/L | planned | applied | left out (gaps) | re-plan changes | destroyed | left behind | seconds | result |\n")
	b.WriteString("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range results {
		validate := "ok"
		if !r.Valid {
			validate = "FAIL"
		}
		trivy := "–"
		if r.Trivy != nil {
			var n []string
			for _, s := range Severities {
				n = append(n, strconv.Itoa(r.Trivy[s]))
			}
			trivy = strings.Join(n, "/")
		}
		status := "ok"
		if len(r.Failures) > 0 {
			var steps []string
			seen := map[string]bool{}
			for _, f := range r.Failures {
				if !seen[f.Step] {
					seen[f.Step] = true
					steps = append(steps, f.Step)
				}
			}
			status = "FAIL: " + strings.Join(steps, ", ")
		}
		replan := count(r.Replan)
		if r.ReplanMisread > 0 {
			replan += fmt.Sprintf(" (+%d misread by moto)", r.ReplanMisread)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %.0f | %s |\n",
			r.Case, validate, count(r.TFLint), trivy, count(r.Planned), count(r.Applied), len(r.LeftOut),
			replan, count(r.Destroyed), count(r.LeftBehind), r.Seconds, status)
	}
	lifecycleTable(&b, results)
	for _, r := range results {
		fmt.Fprintf(&b, "\n## %s\n", r.Case)
		if len(r.Timings) > 0 {
			var ts []string
			for _, t := range r.Timings {
				ts = append(ts, fmt.Sprintf("%s %.0f", t.Step, t.Seconds))
			}
			fmt.Fprintf(&b, "\nSeconds per step: %s.\n", strings.Join(ts, ", "))
		}
		if r.CPUSeconds > 0 {
			fmt.Fprintf(&b, "\nCPU seconds (user + system of every program the case ran): %.0f of %.0f s.\n", r.CPUSeconds, r.Seconds)
		}
		if len(r.Waits) > 0 {
			var ws []string
			for _, w := range r.Waits {
				ws = append(ws, w.String())
			}
			fmt.Fprintf(&b, "\nResource operations of %d s or more (step, resource, action, seconds; provider waiters): %s.\n", slowWait, strings.Join(ws, ", "))
		}
		for _, f := range r.Failures {
			fmt.Fprintf(&b, "\n**%s failed**\n\n```\n%s\n```\n", f.Step, f.Message)
		}
		list(&b, "Left out of apply (emulator gaps, see internal/prove/"+GapsFile+")", r.LeftOut)
		if l := r.Lifecycle; l != nil {
			var es []string
			for _, e := range l.Edits {
				es = append(es, e.String())
			}
			list(&b, "Life cycle: tunable answers edited in one apply", es)
			list(&b, "Life cycle: replaced by the edit", l.Replaced)
			list(&b, "Life cycle: left out of the edit (emulator gaps, see internal/prove/"+GapsFile+")", l.LeftOut)
		}
		list(&b, "Inline trivy ignores", r.TrivyIgnores)
		list(&b, "MEDIUM and LOW trivy findings", r.TrivyOther)
		list(&b, "Notes", r.Notes)
	}
	return b.String()
}

// lifecycleTable is one row per case with a life-cycle pass: apply, every
// tunable answer edited in one apply, re-plan, destroy, apply again,
// destroy again.
func lifecycleTable(b *strings.Builder, results []*Result) {
	var rows []*Result
	for _, r := range results {
		if r.Lifecycle != nil {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\nLife cycle (one case per blueprint): apply, every tunable answer edited in one apply, re-plan, destroy, apply again, destroy again.\n\n")
	b.WriteString("| case | tunables edited | untested | edit changes | of which replaced | re-plan changes | rebuilt | destroyed again | result |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range rows {
		l := r.Lifecycle
		replan := count(l.Replan)
		if l.ReplanMisread > 0 {
			replan += fmt.Sprintf(" (+%d misread by moto)", l.ReplanMisread)
		}
		status := "ok"
		var steps []string
		seen := map[string]bool{}
		for _, f := range r.Failures {
			switch f.Step {
			case StepEdit, StepEditReplan, StepRebuild, StepRebuildDestroy, StepDestroy, StepLeftBehind:
				if !seen[f.Step] {
					seen[f.Step] = true
					steps = append(steps, f.Step)
				}
			}
		}
		if len(steps) > 0 {
			status = "FAIL: " + strings.Join(steps, ", ")
		}
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %s | %s | %s | %s |\n", r.Case, len(l.Edits), len(l.Untested), l.Changed, len(l.Replaced),
			replan, count(l.Rebuilt), count(l.RebuildDestroyed), status)
	}
}

func count(n int) string {
	if n < 0 {
		return "–"
	}
	return strconv.Itoa(n)
}

func list(b *strings.Builder, title string, items []string) {
	if len(items) == 0 {
		return
	}
	items = append([]string(nil), items...)
	sort.Strings(items)
	fmt.Fprintf(b, "\n%s:\n\n", title)
	for _, it := range items {
		fmt.Fprintf(b, "- %s\n", strings.ReplaceAll(it, "\n", " "))
	}
}

// cpuSeconds adds up the CPU time of every case.
func cpuSeconds(results []*Result) float64 {
	var n float64
	for _, r := range results {
		n += r.CPUSeconds
	}
	return n
}
