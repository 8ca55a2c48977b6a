//go:build !windows

package main

import (
	"os"
	"testing"

	"github.com/scaffold-tf/scaffold/internal/prompt/prompttest"
)

// On a terminal, recommend asks the questions --set left open through the
// wizard (help on ?), prints the ranking, and offers to start scaffold new
// with the carried answers: no leaves it at that; yes runs the blueprint's
// own wizard, which does not ask what was carried (name, region) and starts
// at environment.
func TestRecommendPTY(t *testing.T) {
	t.Chdir(t.TempDir()) // scaffold new would write ./scheduled-batch
	flags := []string{"recommend", "--set", "trigger=schedule", "--set", "latency=hours", "--set", "long_running=false", "--set", "traffic=idle",
		"--set", "stateful=false", "--set", "relational=false", "--set", "control=runtime", "--set", "containers=true",
		"--set", "gpu=false", "--set", "ops=some", "--set", "cost_sensitive=true", "--set", "migrating=false",
		"--set", "region=eu-west-3", "--set", "name=nightly"}
	for _, accept := range []bool{false, true} {
		c := prompttest.NewConsole(t)
		code := -1
		c.Drive(func(c *prompttest.Console) {
			c.ExpectString("Typical run time of one unit of work (minutes)")
			c.SendLine("?")
			c.ExpectString("Lambda stops a run at 15 minutes (F7)")
			c.SendLine("40")
			c.ExpectString("1. scheduled-batch: Scheduled batch processing")
			c.ExpectRegexp(loose("scaffold new scheduled-batch --set compute=fargate_spot --set name=nightly --set region=eu-west-3"))
			c.ExpectString("Start scaffold new scheduled-batch now?")
			if !accept {
				c.SendLine("n")
				return
			}
			c.SendLine("y")
			c.ExpectString("scheduled-batch: Scheduled batch processing")
			c.ExpectString("Environment")
			c.SendKey(prompttest.KeyInterrupt)
			c.ExpectString("error: interrupted")
		}, func() {
			code = run(flags, ptyIO(c))
		})
		want := exitOK
		if accept {
			want = exitBadInput // interrupted in scaffold new's wizard
		}
		if code != want {
			t.Errorf("accept=%v: scaffold recommend exited %d, want %d\n--- output:\n%s", accept, code, want, c.Output())
		}
		if _, err := os.Stat("scheduled-batch"); !os.IsNotExist(err) {
			t.Errorf("accept=%v: scheduled-batch exists (stat: %v); nothing should be written", accept, err)
		}
	}
}
