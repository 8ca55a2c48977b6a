// Package tftest finds the terraform binary and an offline provider mirror
// for tests, and runs terraform in a scratch copy of a module.
//
// Terraform cannot download providers on the machines scaffold is tested
// on, so every init reads the hashicorp/aws provider from a local mirror: the
// folder named by SCAFFOLD_TF_PLUGIN_DIR, or else the first of the usual
// places that holds registry.terraform.io/hashicorp/aws. When terraform or
// the mirror is missing, tests skip, unless SCAFFOLD_REQUIRE_TERRAFORM=1,
// when they fail: CI must never report a skipped check as passing.
package tftest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// Init runs an offline `terraform init` from the mirror.
func (tf *Terraform) Init(dir string) error {
	_, err := tf.Run(dir, "init", "-backend=false", "-input=false", "-no-color", "-plugin-dir="+tf.PluginDir)
	return err
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
