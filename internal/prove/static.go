package prove

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// validate runs terraform init and validate; it reports whether the module
// is valid.
func (h *harness) validate(ctx context.Context, r *Result, dir string) bool {
	if _, err := h.tf.init(ctx, dir); err != nil {
		r.fail(StepInit, err.Error())
		return false
	}
	res, err := h.tf.run(ctx, dir, 3*time.Minute, "validate", "-json")
	if err != nil {
		r.fail(StepValidate, err.Error())
		return false
	}
	var out struct {
		Valid       bool         `json:"valid"`
		Diagnostics []diagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal(res.Stdout, &out); err != nil {
		r.fail(StepValidate, fmt.Sprintf("terraform validate printed no JSON (%v):\n%s", err, tail(append(res.Stdout, res.Stderr...), 20)))
		return false
	}
	var msgs []string
	for _, d := range out.Diagnostics {
		msgs = append(msgs, d.Severity+": "+d.String())
	}
	// A warning from validate is a finding too: users see it on every run.
	if !out.Valid || len(msgs) > 0 {
		r.fail(StepValidate, strings.Join(msgs, "\n"))
	}
	r.Valid = out.Valid
	if out.Valid {
		if _, err := os.Stat(filepath.Join(dir, BootstrapDir)); err == nil {
			return h.validate(ctx, r, filepath.Join(dir, BootstrapDir))
		}
	}
	return out.Valid
}

// tflintConfig is the check the issue asks for: every rule of the bundled
// terraform ruleset.
const tflintConfig = `plugin "terraform" {
  enabled = true
  preset  = "all"
}
`

// tflint runs tflint with the harness's own preset-"all" configuration and,
// when the module carries a .tflint.hcl, once more with that (what a user
// runs). Issues from either count.
func (h *harness) tflint(ctx context.Context, r *Result, dir, scratch string, env []string) {
	cfg := filepath.Join(scratch, "tflint-preset-all.hcl")
	if err := os.WriteFile(cfg, []byte(tflintConfig), 0o644); err != nil {
		r.fail(StepTFLint, err.Error())
		return
	}
	issues, err := h.tflintRun(ctx, dir, env, "--config="+cfg)
	if err != nil {
		r.fail(StepTFLint, err.Error())
		return
	}
	if _, statErr := os.Stat(filepath.Join(dir, ".tflint.hcl")); statErr == nil {
		own, err := h.tflintRun(ctx, dir, env)
		if err != nil {
			r.fail(StepTFLint, "with the module's .tflint.hcl: "+err.Error())
			return
		}
		seen := map[string]bool{}
		for _, i := range issues {
			seen[i] = true
		}
		for _, i := range own {
			if !seen[i] {
				issues = append(issues, i+" (module's .tflint.hcl)")
			}
		}
	} else {
		r.note("tflint: the module carries no .tflint.hcl; checked with the harness's preset \"all\" only")
	}
	r.TFLint = len(issues)
	if len(issues) > 0 {
		r.fail(StepTFLint, fmt.Sprintf("%d issue(s):\n%s", len(issues), strings.Join(issues, "\n")))
	}
}

func (h *harness) tflintRun(ctx context.Context, dir string, env []string, args ...string) ([]string, error) {
	res, err := run(ctx, command{
		Dir: dir, Env: env, Timeout: 2 * time.Minute, Name: h.tools.TFLint,
		// --recursive: a module's own subfolders (bootstrap/ of an s3
		// backend) are checked with the same configuration.
		Args: append([]string{"--format=json", "--no-color", "--recursive"}, args...),
	})
	if err != nil {
		return nil, err
	}
	var out struct {
		Issues []struct {
			Rule struct {
				Name     string `json:"name"`
				Severity string `json:"severity"`
			} `json:"rule"`
			Message string `json:"message"`
			Range   struct {
				Filename string `json:"filename"`
				Start    struct {
					Line int `json:"line"`
				} `json:"start"`
			} `json:"range"`
		} `json:"issues"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(res.Stdout, &out); err != nil {
		return nil, fmt.Errorf("tflint exited %d without JSON: %s", res.ExitCode, tail(append(res.Stdout, res.Stderr...), 20))
	}
	if len(out.Errors) > 0 {
		var msgs []string
		for _, e := range out.Errors {
			msgs = append(msgs, e.Message)
		}
		return nil, fmt.Errorf("tflint could not check the module: %s", strings.Join(msgs, "; "))
	}
	var issues []string
	for _, i := range out.Issues {
		issues = append(issues, fmt.Sprintf("%s:%d: %s (%s, %s)", i.Range.Filename, i.Range.Start.Line, i.Message, i.Rule.Name, i.Rule.Severity))
	}
	sort.Strings(issues)
	return issues, nil
}

// Severities trivy reports, most severe first.
var Severities = []string{"CRITICAL", "HIGH", "MEDIUM", "LOW"}

// trivy runs `trivy config` with its embedded checks and counts failed
// checks by severity; HIGH and CRITICAL fail the case. Inline ignores are
// honoured by trivy itself; the harness checks that each carries a reason.
func (h *harness) trivy(ctx context.Context, r *Result, dir, scratch string, env []string) {
	args := []string{
		"config", "--quiet", "--format=json",
		"--skip-check-update", "--skip-version-check", "--disable-telemetry",
		"--misconfig-scanners=terraform", "--skip-dirs=**/.terraform",
		"--cache-dir=" + filepath.Join(scratch, "trivy-cache"),
	}
	if _, err := os.Stat(filepath.Join(dir, "terraform.tfvars")); err == nil {
		args = append(args, "--tf-vars="+filepath.Join(dir, "terraform.tfvars"))
	}
	res, err := run(ctx, command{Dir: dir, Env: env, Timeout: 3 * time.Minute, Name: h.tools.Trivy, Args: append(args, ".")})
	if err != nil {
		r.fail(StepTrivy, err.Error())
		return
	}
	var out struct {
		Results []struct {
			Target            string `json:"Target"`
			Misconfigurations []struct {
				ID            string `json:"ID"`
				Title         string `json:"Title"`
				Severity      string `json:"Severity"`
				Status        string `json:"Status"`
				CauseMetadata struct {
					Resource  string `json:"Resource"`
					StartLine int    `json:"StartLine"`
				} `json:"CauseMetadata"`
			} `json:"Misconfigurations"`
		} `json:"Results"`
	}
	if res.ExitCode != 0 || json.Unmarshal(res.Stdout, &out) != nil {
		r.fail(StepTrivy, fmt.Sprintf("trivy config exited %d: %s", res.ExitCode, tail(append(res.Stdout, res.Stderr...), 20)))
		return
	}
	r.Trivy = map[string]int{}
	var severe []string
	for _, t := range out.Results {
		for _, m := range t.Misconfigurations {
			if m.Status != "FAIL" {
				continue
			}
			r.Trivy[m.Severity]++
			line := fmt.Sprintf("%s %s %s (%s:%d): %s", m.Severity, m.ID, m.CauseMetadata.Resource, t.Target, m.CauseMetadata.StartLine, m.Title)
			if m.Severity == "HIGH" || m.Severity == "CRITICAL" {
				severe = append(severe, line)
			} else {
				r.TrivyOther = append(r.TrivyOther, line)
			}
		}
	}
	sort.Strings(severe)
	sort.Strings(r.TrivyOther)
	if len(severe) > 0 {
		r.fail(StepTrivy, fmt.Sprintf("%d HIGH/CRITICAL finding(s); fix the generated code, or add an inline ignore with its reason:\n%s", len(severe), strings.Join(severe, "\n")))
	}
	ignores, bare, err := inlineIgnores(dir)
	if err != nil {
		r.fail(StepTrivy, err.Error())
		return
	}
	r.TrivyIgnores = ignores
	if len(bare) > 0 {
		r.fail(StepTrivy, "inline ignore(s) without a reason beside them (a comment saying why):\n"+strings.Join(bare, "\n"))
	}
}

var ignoreRe = regexp.MustCompile(`(?i)trivy:ignore:([a-z0-9-]+)`)

// inlineIgnores lists the trivy:ignore comments of the module's .tf files
// ("file:line id") and those with no reason: a reason is comment text on the
// same line after the id, or a line of prose (not itself an ignore) in the
// comment block the ignore belongs to.
func inlineIgnores(dir string) (all, bare []string, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, nil, err
	}
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, err
		}
		sc := bufio.NewScanner(f)
		// reasoned: the comment block this line belongs to has a line of
		// prose that is not itself an ignore.
		reasoned := false
		n := 0
		for sc.Scan() {
			n++
			line := strings.TrimSpace(sc.Text())
			if !isComment(line) {
				reasoned = false
			}
			if m := ignoreRe.FindStringSubmatchIndex(line); m != nil {
				id := line[m[2]:m[3]]
				where := fmt.Sprintf("%s:%d %s", filepath.Base(p), n, id)
				all = append(all, where)
				after := strings.Trim(line[m[1]:], " \t#/-:")
				if len(strings.Fields(after)) < 3 && !reasoned {
					bare = append(bare, where)
				}
				continue
			}
			if isComment(line) && len(strings.Fields(commentText(line))) >= 3 {
				reasoned = true
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, nil, err
		}
	}
	return all, bare, nil
}

func isComment(line string) bool {
	return strings.HasPrefix(line, "#") || strings.HasPrefix(line, "//")
}

func commentText(line string) string {
	return strings.TrimLeft(line, "#/ \t")
}
