package prove

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// terraformRunner runs terraform offline with extra environment.
type terraformRunner struct {
	tf    *tftest.Terraform
	drop  func(key string) bool // variables removed from tftest's environment
	extra []string              // KEY=value added to it
}

// with returns a runner whose environment also drops the variables drop
// matches and sets kv.
func (tr *terraformRunner) with(drop func(string) bool, kv ...string) *terraformRunner {
	prev := tr.drop
	both := func(k string) bool { return (prev != nil && prev(k)) || (drop != nil && drop(k)) }
	return &terraformRunner{tf: tr.tf, drop: both, extra: setEnv(tr.extra, kv...)}
}

func (tr *terraformRunner) run(ctx context.Context, dir string, timeout time.Duration, args ...string) (result, error) {
	env := tr.tf.Env(filepath.Dir(dir))
	if tr.drop != nil {
		env = withoutEnv(env, tr.drop)
	}
	env = setEnv(env, tr.extra...)
	return run(ctx, command{Dir: dir, Env: env, Timeout: timeout, Name: tr.tf.Bin, Args: append(args, "-no-color")})
}

// init runs an offline `terraform init` from the provider mirror.
func (tr *terraformRunner) init(ctx context.Context, dir string) (result, error) {
	res, err := tr.run(ctx, dir, 3*time.Minute, "init", "-backend=false", "-input=false", "-plugin-dir="+tr.tf.PluginDir)
	if err == nil && res.ExitCode != 0 {
		err = fmt.Errorf("terraform init: %s", tail(append(res.Stdout, res.Stderr...), 30))
	}
	return res, err
}

// diagnostic is one entry of terraform's JSON diagnostics.
type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
	Range    *struct {
		Filename string `json:"filename"`
		Start    struct {
			Line int `json:"line"`
		} `json:"start"`
	} `json:"range"`
}

func (d diagnostic) String() string {
	var b strings.Builder
	if d.Range != nil {
		fmt.Fprintf(&b, "%s:%d: ", d.Range.Filename, d.Range.Start.Line)
	}
	if d.Address != "" {
		fmt.Fprintf(&b, "%s: ", d.Address)
	}
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(": " + strings.Join(strings.Fields(d.Detail), " "))
	}
	return b.String()
}

// jsonDiagnostics reads the diagnostics of a machine-readable (-json)
// terraform run, one JSON message a line.
func jsonDiagnostics(out []byte) []diagnostic {
	var ds []diagnostic
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var msg struct {
			Type       string     `json:"type"`
			Diagnostic diagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &msg) == nil && msg.Type == "diagnostic" {
			ds = append(ds, msg.Diagnostic)
		}
	}
	return ds
}

// diagnosticsText lists the error diagnostics of -json output, one a line.
func diagnosticsText(out []byte) string {
	var lines []string
	for _, d := range jsonDiagnostics(out) {
		if d.Severity == "error" {
			lines = append(lines, d.String())
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}
