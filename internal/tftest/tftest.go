// Package tftest finds the terraform binary and an offline provider mirror
// for tests, runs terraform in a scratch copy of a module, and reads the
// report of `terraform test -json`.
//
// Terraform cannot download providers on the machines scaffold is tested
// on, so every init reads the hashicorp/aws provider from a local mirror: the
// folder named by SCAFFOLD_TF_PLUGIN_DIR, or else the first of the usual
// places that holds registry.terraform.io/hashicorp/aws. When terraform or
// the mirror is missing, tests skip, unless SCAFFOLD_REQUIRE_TERRAFORM=1,
// when they fail: CI must never report a skipped check as passing.
//
// The providers are installed once per test process (see Terraform.Init),
// not once per module: each init would hash, and with a packed mirror
// unpack, the 675 MB aws provider again.
package tftest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Terraform is a terraform binary with a provider mirror to init from.
type Terraform struct {
	Bin       string
	PluginDir string
}

// Find locates terraform and the mirror, or skips (fails when required).
func Find(t testing.TB) *Terraform {
	t.Helper()
	tf, err := Locate()
	if err != nil {
		if os.Getenv("SCAFFOLD_REQUIRE_TERRAFORM") == "1" {
			t.Fatalf("SCAFFOLD_REQUIRE_TERRAFORM=1 but %v", err)
		}
		t.Skipf("skipping: %v (set SCAFFOLD_REQUIRE_TERRAFORM=1 to make this a failure)", err)
	}
	return tf
}

// Locate finds terraform and the provider mirror without a testing.TB.
func Locate() (*Terraform, error) {
	bin := os.Getenv("SCAFFOLD_TERRAFORM")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("terraform"); err != nil {
			return nil, fmt.Errorf("terraform is not on PATH and SCAFFOLD_TERRAFORM is not set")
		}
	}
	dir, err := pluginDir()
	if err != nil {
		return nil, err
	}
	return &Terraform{Bin: bin, PluginDir: dir}, nil
}

func pluginDir() (string, error) {
	if d := os.Getenv("SCAFFOLD_TF_PLUGIN_DIR"); d != "" {
		if !isMirror(d) {
			return "", fmt.Errorf("SCAFFOLD_TF_PLUGIN_DIR=%s holds no registry.terraform.io/hashicorp/aws", d)
		}
		return d, nil
	}
	home, _ := os.UserHomeDir()
	candidates := []string{
		filepath.Join(home, ".terraform.d", "plugins"),
		"/usr/local/share/terraform/plugins",
		"/usr/share/terraform/plugins",
	}
	if more, err := filepath.Glob("/opt/*"); err == nil {
		candidates = append(candidates, more...)
	}
	for _, c := range candidates {
		if isMirror(c) {
			return c, nil
		}
	}
	return "", fmt.Errorf("no provider mirror holding registry.terraform.io/hashicorp/aws was found; set SCAFFOLD_TF_PLUGIN_DIR to its folder")
}

func isMirror(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "registry.terraform.io", "hashicorp", "aws"))
	return err == nil && fi.IsDir()
}

// Env returns the environment for running terraform offline in a scratch
// folder: an empty CLI config (no credentials helpers, no network mirrors),
// no checkpoint calls, no input.
func (tf *Terraform) Env(scratch string) []string {
	cfg := filepath.Join(scratch, ".terraformrc-scaffold-test")
	_ = os.WriteFile(cfg, nil, 0o644)
	return append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cfg,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
	)
}

// Run runs terraform with args in dir and returns its combined output.
func (tf *Terraform) Run(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command(tf.Bin, args...)
	cmd.Dir = dir
	cmd.Env = tf.Env(filepath.Dir(dir))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		return out.Bytes(), fmt.Errorf("terraform %v in %s: %w\n%s", args, dir, err, out.String())
	}
	return out.Bytes(), nil
}

// Init prepares dir for terraform commands that need providers (validate,
// plan, test) without running `terraform init` in it: the providers of the
// mirror are installed once per test process, by one offline
// `terraform init` in a shared scratch folder, and dir gets a symbolic link
// to that folder's .terraform/providers and a copy of its
// .terraform.lock.hcl. dir must need no providers beyond those in the mirror
// and no modules (for a module that calls others, run `terraform init`
// itself with Run).
func (tf *Terraform) Init(dir string) error {
	shared, err := tf.sharedProviders()
	if err != nil {
		return err
	}
	lock, err := os.ReadFile(filepath.Join(shared, ".terraform.lock.hcl"))
	if err != nil {
		return fmt.Errorf("reading the shared provider lock file: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".terraform"), 0o755); err != nil {
		return err
	}
	if err := os.Symlink(filepath.Join(shared, ".terraform", "providers"), filepath.Join(dir, ".terraform", "providers")); err != nil {
		return fmt.Errorf("linking the shared providers into %s: %w (remove its .terraform folder and retry)", dir, err)
	}
	return os.WriteFile(filepath.Join(dir, ".terraform.lock.hcl"), lock, 0o644)
}

// installs holds one shared provider installation per terraform binary and
// mirror, made at most once per process.
var installs struct {
	mu   sync.Mutex
	byTF map[Terraform]*install
	// scratch lists the folders to remove at the end of the process.
	scratch []string
}

type install struct {
	once sync.Once
	dir  string
	err  error
}

func (tf *Terraform) sharedProviders() (string, error) {
	installs.mu.Lock()
	if installs.byTF == nil {
		installs.byTF = map[Terraform]*install{}
	}
	in := installs.byTF[*tf]
	if in == nil {
		in = &install{}
		installs.byTF[*tf] = in
	}
	installs.mu.Unlock()
	in.once.Do(func() { in.dir, in.err = tf.installShared() })
	return in.dir, in.err
}

// installShared runs one offline `terraform init` in a new scratch folder
// whose configuration requires every provider the mirror holds.
func (tf *Terraform) installShared() (string, error) {
	sources, err := mirrorProviders(tf.PluginDir)
	if err != nil {
		return "", err
	}
	scratch, err := os.MkdirTemp("", "scaffold-tftest-providers-")
	if err != nil {
		return "", err
	}
	installs.mu.Lock()
	installs.scratch = append(installs.scratch, scratch)
	installs.mu.Unlock()
	dir := filepath.Join(scratch, "providers")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", err
	}
	var cfg strings.Builder
	cfg.WriteString("terraform {\n  required_providers {\n")
	for _, s := range sources {
		fmt.Fprintf(&cfg, "    %s = {\n      source = %q\n    }\n", path.Base(s), s)
	}
	cfg.WriteString("  }\n}\n")
	if err := os.WriteFile(filepath.Join(dir, "providers.tf"), []byte(cfg.String()), 0o644); err != nil {
		return "", err
	}
	if _, err := tf.Run(dir, "init", "-backend=false", "-input=false", "-no-color", "-plugin-dir="+tf.PluginDir); err != nil {
		return "", fmt.Errorf("installing the providers of the mirror %s once for all tests: %w", tf.PluginDir, err)
	}
	return dir, nil
}

// mirrorProviders lists the providers of a filesystem mirror as source
// addresses, e.g. registry.terraform.io/hashicorp/aws.
func mirrorProviders(mirror string) ([]string, error) {
	dirs, err := filepath.Glob(filepath.Join(mirror, "*", "*", "*"))
	if err != nil {
		return nil, err
	}
	var sources []string
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		rel, _ := filepath.Rel(mirror, d)
		sources = append(sources, filepath.ToSlash(rel))
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("the provider mirror %s holds no HOST/NAMESPACE/TYPE folders; point SCAFFOLD_TF_PLUGIN_DIR at the folder that holds registry.terraform.io", mirror)
	}
	return sources, nil
}

// RemoveShared deletes the shared provider installations Init made. Call it
// from TestMain after m.Run; with a packed (zip) mirror they hold an
// unpacked copy of every provider.
func RemoveShared() {
	installs.mu.Lock()
	defer installs.mu.Unlock()
	for _, s := range installs.scratch {
		_ = os.RemoveAll(s)
	}
	installs.scratch = nil
}

// CopyTree copies the regular files of src into dst.
func CopyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if fi.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
