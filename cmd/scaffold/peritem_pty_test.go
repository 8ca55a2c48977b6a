//go:build !windows

package main

import (
	"path/filepath"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/internal/prompt/prompttest"
)

// After the list, the wizard asks each item's questions with the item in
// the prompt, defaults computed for that item (memory: twice its cpu),
// refuses a value naming the per-item key, goes back across items, and
// writes the settings map.
func TestWizardPTYPerItem(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "infra")
	args := []string{"new", "per-item", dir, "--set", "name=shop", "--set", "region=us-east-1", "--set", "environment=dev"}
	c := prompttest.NewConsole(t)
	code := -1
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Services")
		c.SendLine("api,web")
		c.ExpectString("api · Image")
		c.SendLine("?")
		c.ExpectString("The container image.")
		c.ExpectString("Flag: --set api_image=VALUE")
		c.SendLine("example.com/api:1")
		c.ExpectString("api · CPU units")
		c.SendLine("512")
		c.ExpectString("api · Memory (MiB)")
		c.ExpectString("(1024)") // twice api's cpu
		c.SendLine("")
		c.ExpectString("web · Image")
		c.SendLine("<") // back to the previous item's last question
		c.ExpectString("api · Memory (MiB)")
		c.SendLine("2048")
		c.ExpectString("web · Image")
		c.SendLine("")
		c.ExpectString("web · CPU units")
		c.ExpectString("(256)")
		c.SendLine("4096")
		c.ExpectString("web · Memory (MiB)")
		c.ExpectString("(8192)")
		c.SendLine("1024")
		c.ExpectRegexp(loose("web_memory = 1024 is not accepted: web_memory must be at least cpu (web_cpu is 4096)"))
		c.ExpectString("web · Memory (MiB)")
		c.SendLine("")
		c.ExpectRegexp(`\bapi_image\s+example\.com/api:1\s+\(typed\)`)
		c.ExpectRegexp(`\bapi_memory\s+2048\s+\(typed\)`)
		c.ExpectRegexp(`\bweb_memory\s+8192\s+\(default, accepted\)`)
		c.ExpectString("Write the module to " + dir + "?")
		c.SendLine("y")
		c.ExpectString("Wrote ")
	}, func() {
		code = run(args, ptyIO(c))
	})
	if code != exitOK {
		t.Fatalf("scaffold new exited %d, want 0\n--- output:\n%s", code, c.Output())
	}
	settings := readTfvars(t, filepath.Join(dir, "terraform.tfvars"))["service_settings"]
	for _, w := range []struct {
		item, key string
		want      cty.Value
	}{
		{"api", "image", cty.StringVal("example.com/api:1")},
		{"api", "cpu", cty.NumberIntVal(512)},
		{"api", "memory", cty.NumberIntVal(2048)},
		{"web", "image", cty.StringVal("nginx:stable")},
		{"web", "cpu", cty.NumberIntVal(4096)},
		{"web", "memory", cty.NumberIntVal(8192)},
	} {
		if got := settings.GetAttr(w.item).GetAttr(w.key); !got.Equals(w.want).True() {
			t.Errorf("service_settings.%s.%s = %#v, want %#v", w.item, w.key, got, w.want)
		}
	}
}
