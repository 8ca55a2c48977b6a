package generator_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// TestTerraformValidate runs the real terraform on every golden answer set:
// offline init from the provider mirror, validate, and fmt -check.
func TestTerraformValidate(t *testing.T) {
	tf := tftest.Find(t)
	for _, c := range goldenCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "module")
			if err := generator.Write(dir, generateCase(t, c), false); err != nil {
				t.Fatal(err)
			}
			if out, err := tf.Run(dir, "fmt", "-check", "-recursive", "-list=true"); err != nil {
				t.Fatalf("terraform fmt -check would change these files:\n%s", out)
			}
			if err := tf.Init(dir); err != nil {
				t.Fatal(err)
			}
			out, err := tf.Run(dir, "validate", "-json", "-no-color")
			var res struct {
				Valid        bool `json:"valid"`
				ErrorCount   int  `json:"error_count"`
				WarningCount int  `json:"warning_count"`
				Diagnostics  []struct {
					Severity, Summary, Detail string
					Range                     *struct{ Filename string }
				} `json:"diagnostics"`
			}
			if jerr := json.Unmarshal(out, &res); jerr != nil {
				t.Fatalf("terraform validate: %v\n%s", err, out)
			}
			for _, d := range res.Diagnostics {
				file := ""
				if d.Range != nil {
					file = d.Range.Filename + ": "
				}
				t.Errorf("terraform validate %s: %s%s: %s", d.Severity, file, d.Summary, d.Detail)
			}
			if !res.Valid {
				t.Fatalf("terraform validate: module is not valid")
			}
		})
	}
}
