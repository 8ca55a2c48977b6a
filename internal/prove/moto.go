package prove

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// emulator is one moto_server of the harness, on a port of its own.
type emulator struct {
	URL  string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

// motoFixes is sitecustomize.py for moto_server's Python: fixes of moto
// bugs that would otherwise fail modules AWS accepts (emulator-gaps.hcl
// lists each, with its symptom).
//
//go:embed motofix/sitecustomize.py
var motoFixes []byte

// pythonPath puts dir first on the PYTHONPATH of env.
func pythonPath(dir string, env []string) string {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PYTHONPATH="); ok && v != "" {
			return dir + string(os.PathListSeparator) + v
		}
	}
	return dir
}

// startEmulator starts moto_server on a free loopback port, with IAM's
// AWS-managed policies loaded (modules attach them by ARN), and waits until
// it answers. Its output goes to logPath.
func startEmulator(ctx context.Context, bin, logPath string, env []string) (*emulator, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		e, err := tryEmulator(ctx, bin, port, logPath, env)
		if err == nil {
			return e, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func tryEmulator(ctx context.Context, bin string, port int, logPath string, env []string) (*emulator, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	fixes := filepath.Join(filepath.Dir(logPath), "motofix")
	if err := os.MkdirAll(fixes, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(fixes, "sitecustomize.py"), motoFixes, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Dir = filepath.Dir(logPath)
	cmd.Env = setEnv(env, "MOTO_IAM_LOAD_MANAGED_POLICIES=true", "PYTHONUNBUFFERED=1", "PYTHONPATH="+pythonPath(fixes, env))
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting moto_server: %w", err)
	}
	e := &emulator{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		countCPU(ctx, cmd.ProcessState)
		close(e.done)
	}()
	deadline := time.Now().Add(60 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{Proxy: nil}}
	for {
		resp, err := client.Get(e.URL + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return e, nil
		}
		select {
		case <-e.done:
			out, _ := os.ReadFile(logPath)
			return nil, fmt.Errorf("moto_server on port %d exited at start:\n%s", port, tail(out, 20))
		case <-ctx.Done():
			e.Stop()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			e.Stop()
			return nil, fmt.Errorf("moto_server on port %d did not answer within 60s: %v", port, err)
		}
	}
}

// Stop ends moto_server and everything it started.
func (e *emulator) Stop() {
	select {
	case <-e.done:
		return
	default:
	}
	_ = syscall.Kill(-e.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-e.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-e.cmd.Process.Pid, syscall.SIGKILL)
		<-e.done
	}
}

// Alive reports whether moto_server is still running.
func (e *emulator) Alive() bool {
	select {
	case <-e.done:
		return false
	default:
		return true
	}
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// awsCall sends one unsigned JSON-protocol request to the emulator (moto
// does not check signatures; it reads the region from the credential scope).
func (e *emulator) awsCall(ctx context.Context, region, service, target string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.URL+"/", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Authorization", fmt.Sprintf("AWS4-HMAC-SHA256 Credential=test/20250101/%s/%s/aws4_request, SignedHeaders=host, Signature=0", region, service))
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	if _, err := out.ReadFrom(resp.Body); err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return out.Bytes(), fmt.Errorf("%s: HTTP %d: %s", target, resp.StatusCode, out.String())
	}
	return out.Bytes(), nil
}
