package prove

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// cpuMeter adds up the CPU time (user and system) of the programs one case
// runs, each with the children it waited for (terraform's provider plugin),
// moto_server included. Against wall time it tells a case that keeps the
// machine busy from one that waits on the provider's fixed sleeps, which is
// what decides how many cases may run at once.
type cpuMeter struct{ ns atomic.Int64 }

type cpuMeterKey struct{}

// withCPUMeter returns ctx carrying m: every program run under it is counted.
func withCPUMeter(ctx context.Context, m *cpuMeter) context.Context {
	return context.WithValue(ctx, cpuMeterKey{}, m)
}

// countCPU adds what an ended process used to the meter ctx carries, if any.
func countCPU(ctx context.Context, ps *os.ProcessState) {
	if m, ok := ctx.Value(cpuMeterKey{}).(*cpuMeter); ok && ps != nil {
		m.ns.Add(int64(ps.UserTime() + ps.SystemTime()))
	}
}

// Seconds is the CPU time counted so far.
func (m *cpuMeter) Seconds() float64 { return time.Duration(m.ns.Load()).Seconds() }

// command is one program run by the harness, with its own deadline.
type command struct {
	Dir     string
	Env     []string // full environment; nil means the harness's own
	Timeout time.Duration
	Name    string
	Args    []string
}

// result is what a command did.
type result struct {
	Stdout, Stderr []byte
	ExitCode       int // -1 when the program could not start or was killed
	Elapsed        time.Duration
}

// errTimeout marks a command ended by its deadline.
var errTimeout = errors.New("timed out")

// run starts the command in a process group of its own and waits for it.
// When the deadline passes (or ctx ends) the whole group is killed, so
// nothing a command started (terraform's provider plugin, say) survives it.
// A non-zero exit is not an error: callers read ExitCode.
func run(ctx context.Context, c command) (result, error) {
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, c.Name, c.Args...)
	cmd.Dir = c.Dir
	cmd.Env = c.Env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return killGroup(cmd.Process) }
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := result{Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), Elapsed: time.Since(start), ExitCode: -1}
	if cmd.ProcessState != nil {
		res.ExitCode = cmd.ProcessState.ExitCode()
		countCPU(ctx, cmd.ProcessState)
	}
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return res, fmt.Errorf("%s: %w after %s", c.describe(), errTimeout, c.Timeout)
		}
		return res, fmt.Errorf("%s: %w", c.describe(), ctx.Err())
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return res, fmt.Errorf("%s: %w", c.describe(), err)
	}
	return res, nil
}

func (c command) describe() string {
	return strings.TrimSpace(c.Name + " " + strings.Join(c.Args, " "))
}

// killGroup kills the process group led by p.
func killGroup(p *os.Process) error {
	if p == nil {
		return nil
	}
	if err := syscall.Kill(-p.Pid, syscall.SIGKILL); err != nil {
		return p.Kill()
	}
	return nil
}

// tail returns the last n lines of out, for error messages.
func tail(out []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("[... %d lines before]", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// setEnv returns env with each key=value of kv replacing any earlier value.
func setEnv(env []string, kv ...string) []string {
	out := make([]string, 0, len(env)+len(kv))
	drop := map[string]bool{}
	for _, s := range kv {
		k, _, _ := strings.Cut(s, "=")
		drop[k] = true
	}
	for _, s := range env {
		k, _, _ := strings.Cut(s, "=")
		if !drop[k] {
			out = append(out, s)
		}
	}
	return append(out, kv...)
}

// withoutEnv returns env without the keys that match drop.
func withoutEnv(env []string, drop func(key string) bool) []string {
	out := make([]string, 0, len(env))
	for _, s := range env {
		k, _, _ := strings.Cut(s, "=")
		if !drop(k) {
			out = append(out, s)
		}
	}
	return out
}
