package prove

import (
	"debug/buildinfo"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/scaffold-tf/scaffold/internal/pins"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// Pinned versions: the report and the gaps list are only meaningful for
// these. scripts/install-tools installs the first two.
const (
	TFLintVersion = pins.TFLint
	TrivyVersion  = pins.Trivy
	MotoVersion   = "5.2.1"
)

// Tools are the programs the harness drives.
type Tools struct {
	Terraform  *tftest.Terraform
	TFLint     string
	Trivy      string
	MotoServer string
	Python     string // the interpreter moto_server runs on, for its version
	Moto       string // moto's version as installed
}

// ToolsDir is where scripts/install-tools puts tflint and trivy:
// $SCAFFOLD_TOOLS_DIR, else ~/.cache/scaffold-tools.
func ToolsDir() string {
	if d := os.Getenv("SCAFFOLD_TOOLS_DIR"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "scaffold-tools")
}

// LocateTools finds every tool and checks the pinned versions. The error
// lists everything missing at once and says how to install it.
func LocateTools() (*Tools, error) {
	var errs []error
	t := &Tools{}
	tf, err := tftest.Locate()
	if err != nil {
		errs = append(errs, err)
	}
	t.Terraform = tf
	t.TFLint, err = goTool("tflint", "SCAFFOLD_TFLINT", "github.com/terraform-linters/tflint", TFLintVersion)
	if err != nil {
		errs = append(errs, err)
	}
	t.Trivy, err = goTool("trivy", "SCAFFOLD_TRIVY", "github.com/aquasecurity/trivy", TrivyVersion)
	if err != nil {
		errs = append(errs, err)
	}
	if t.MotoServer, err = exec.LookPath("moto_server"); err != nil {
		errs = append(errs, fmt.Errorf("moto_server is not on PATH (install moto[server]==%s)", MotoVersion))
	} else {
		t.Moto = motoVersion()
	}
	return t, errors.Join(errs...)
}

// goTool finds a Go-installed binary: $ENV, else the tools cache, else PATH.
// The module version recorded in the binary must be the pinned one (a
// `go install` build reports "dev" to --version, but its build info is exact).
func goTool(name, envVar, module, version string) (string, error) {
	var path string
	switch {
	case os.Getenv(envVar) != "":
		path = os.Getenv(envVar)
	case isExecutable(filepath.Join(ToolsDir(), name)):
		path = filepath.Join(ToolsDir(), name)
	default:
		p, err := exec.LookPath(name)
		if err != nil {
			return "", fmt.Errorf("%s %s is not installed in %s or on PATH; run scripts/install-tools (or set %s)", name, version, ToolsDir(), envVar)
		}
		path = p
	}
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s at %s: cannot read its build info (%v); install %s@%s with scripts/install-tools", name, path, err, module, version)
	}
	if info.Main.Path != module || info.Main.Version != version {
		return "", fmt.Errorf("%s at %s is %s@%s, the harness is pinned to %s@%s; run scripts/install-tools", name, path, info.Main.Path, info.Main.Version, module, version)
	}
	return path, nil
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// motoVersion asks the Python that runs moto_server for moto's version.
func motoVersion() string {
	for _, py := range []string{"python3", "python"} {
		out, err := exec.Command(py, "-c", "import moto; print(moto.__version__)").Output()
		if err == nil {
			return strings.TrimSpace(string(out))
		}
	}
	return "unknown"
}
