//go:build !windows

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/prompt"
	"github.com/scaffold-tf/scaffold/internal/prompt/prompttest"
)

// These tests run `scaffold new` in-process on a pseudo-terminal and drive
// the real survey wizard as a person would: reading prompts, typing answers,
// pressing `?`, arrow keys and enter.

// ptyIO is an IO whose stdin, stdout and stderr are the console's terminal.
func ptyIO(c *prompttest.Console) *IO {
	return &IO{
		In: c.Tty(), Out: c.Tty(), ErrOut: c.Tty(),
		CanPrompt: func() bool { return true },
		Prompter:  func() prompt.Prompter { return prompt.NewSurvey(c.Tty(), c.Tty(), c.Tty()) },
	}
}

// webAppFlags answers, with --set, every web-app question except those left
// to the wizard: from values, else the question's default (so a question
// added to the blueprint later is answered too).
func webAppFlags(t *testing.T, values map[string]string, leave ...string) []string {
	t.Helper()
	b := blueprints.WebApp()
	var args []string
	var so spec.Answers
	for _, q := range b.Questions {
		raw, ok := values[q.Key]
		if !ok {
			raw = spec.Display(q.Default(so))
		}
		v, err := q.ParseText(raw)
		if err != nil {
			t.Fatalf("--set %s=%s: %v", q.Key, raw, err)
		}
		so = so.Set(q.Key, v)
		if !slices.Contains(leave, q.Key) {
			args = append(args, "--set", q.Key+"="+raw)
		}
	}
	for _, k := range leave {
		if b.Question(k) == nil {
			t.Fatalf("web-app has no question %q", k)
		}
	}
	return args
}

var ptyFlagValues = map[string]string{
	"region":                   "eu-west-3",
	"vpc_cidr":                 "10.20.0.0/16",
	"az_count":                 "3",
	"instance_type":            "t4g.small",
	"asg_min":                  "2",
	"asg_desired":              "3",
	"cpu_target_percent":       "60",
	"app_port":                 "8080",
	"health_check_path":        "/healthz",
	"certificate_arn":          "",
	"cloudfront":               "false",
	"db_instance_class":        "db.t4g.small",
	"db_allocated_storage_gb":  "50",
	"db_backup_retention_days": "14",
	"db_username":              "shop_admin",
}

func TestWizardPTYWritesModule(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "infra")
	args := append([]string{"new", "web-app", dir},
		webAppFlags(t, ptyFlagValues, "name", "environment", "asg_max", "db_engine", "db_multi_az")...)
	c := prompttest.NewConsole(t)
	code := -1

	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Type ? at any prompt for help,")

		// Help on `?`, a refused value re-asked with the reason, then a good one.
		c.ExpectString("Project name")
		c.ExpectString("(webapp)")
		c.SendLine("?")
		c.ExpectString("used as the prefix of every resource name")
		c.ExpectString("Flag: --set name=VALUE")
		c.SendLine("My_App")
		c.ExpectRegexp(loose(`Sorry, your reply was invalid: name = "My_App" is not accepted: name must start with a lowercase letter`))
		c.ExpectString("Project name")
		c.SendLine("shop")

		// A choice from a list, with the arrow keys.
		c.ExpectString("Environment")
		c.ExpectString("multi-AZ, deletion protection") // prod's description in the list
		c.Send(prompttest.KeyDown)
		c.Send(prompttest.KeyEnter)

		// A rule that depends on an earlier answer (asg_desired = 3).
		c.ExpectString("Maximum instances")
		c.ExpectString("(4)")
		c.SendLine("2")
		c.ExpectRegexp(loose("Sorry, your reply was invalid: asg_max = 2 is not accepted: asg_max must be at least asg_desired (asg_desired is 3)"))
		c.ExpectString("Maximum instances")
		c.SendLine("6")

		c.ExpectString("Database engine")
		c.ExpectString("no database")
		c.Send(prompttest.KeyDown) // postgres → mysql
		c.Send(prompttest.KeyEnter)

		// A yes/no question whose default follows environment = prod.
		c.ExpectString("Run the database in two availability zones?")
		c.ExpectString("(Y/n)")
		c.SendLine("n")

		// The summary: every answer with its source, then the confirmation.
		c.ExpectRegexp(`\bname\s+shop\s+\(typed\)`)
		c.ExpectRegexp(`\bregion\s+eu-west-3\s+\(--set\)`)
		c.ExpectRegexp(`\benvironment\s+prod\s+\(typed\)`)
		c.ExpectRegexp(`\basg_max\s+6\s+\(typed\)`)
		c.ExpectRegexp(`\bdb_engine\s+mysql\s+\(typed\)`)
		c.ExpectRegexp(`\bdb_multi_az\s+false\s+\(typed\)`)
		c.ExpectString("Write the module to " + dir + "?")
		c.SendLine("y")
		c.ExpectString("Wrote ")
		c.ExpectString("terraform init")
	}, func() {
		code = run(args, ptyIO(c))
	})

	if code != exitOK {
		t.Fatalf("scaffold new exited %d, want 0\n--- output:\n%s", code, c.Output())
	}
	got := readTfvars(t, filepath.Join(dir, "terraform.tfvars"))
	for key, want := range map[string]cty.Value{
		"name":          cty.StringVal("shop"),
		"environment":   cty.StringVal("prod"),
		"asg_max":       cty.NumberIntVal(6),
		"db_engine":     cty.StringVal("mysql"),
		"db_multi_az":   cty.False,
		"region":        cty.StringVal("eu-west-3"),
		"asg_desired":   cty.NumberIntVal(3),
		"instance_type": cty.StringVal("t4g.small"),
		"cloudfront":    cty.False,
	} {
		if v, ok := got[key]; !ok || !v.RawEquals(want) {
			t.Errorf("terraform.tfvars: %s = %#v, want %#v", key, got[key], want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, spec.AnswersFileName)); err != nil {
		t.Errorf("the answers file was not written: %v", err)
	}
}

// loose is a regular expression for text s that the terminal may have
// wrapped: any space may be a line break.
func loose(s string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(s)), `\s+`)
}

// readTfvars parses a tfvars file into its values.
func readTfvars(t *testing.T, path string) map[string]cty.Value {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the generated module: %v", err)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s does not parse: %v", path, diags)
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags)
	}
	out := map[string]cty.Value{}
	for name, a := range attrs {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatalf("%s: %s: %v", path, name, diags)
		}
		out[name] = v
	}
	return out
}

func TestWizardPTYNoAtConfirmationWritesNothing(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "infra")
	values := map[string]string{"db_engine": "none"}
	for k, v := range ptyFlagValues {
		values[k] = v
	}
	args := append([]string{"new", "web-app", dir}, webAppFlags(t, values, "name", "environment")...)
	c := prompttest.NewConsole(t)
	code := -1

	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Project name")
		c.SendLine("shop")
		c.ExpectString("Environment")
		c.ExpectString("lower cost")
		c.Send(prompttest.KeyEnter) // the default, dev
		c.ExpectRegexp(`\benvironment\s+dev\s+\(default, accepted\)`)
		c.ExpectRegexp(`\bdb_username\s+shop_admin\s+\(not used: applies only when db_engine is not none\)`)
		c.ExpectString("Write the module to " + dir + "?")
		c.ExpectString("(Y/n)")
		c.SendLine("n")
		c.ExpectString("cancelled; nothing was written")
	}, func() {
		code = run(args, ptyIO(c))
	})

	if code != exitBadInput {
		t.Errorf("scaffold new exited %d after No, want %d\n--- output:\n%s", code, exitBadInput, c.Output())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists after No (stat: %v); nothing may be written", dir, err)
	}
}

func TestWizardPTYCtrlCWritesNothing(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "infra")
	c := prompttest.NewConsole(t)
	code := -1

	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Project name")
		c.SendKey(prompttest.KeyInterrupt)
		c.ExpectString("error: interrupted")
	}, func() {
		code = run([]string{"new", "web-app", dir}, ptyIO(c))
	})

	if code != exitBadInput {
		t.Errorf("scaffold new exited %d after Ctrl-C, want %d", code, exitBadInput)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists after Ctrl-C (stat: %v)", dir, err)
	}
}

// Without a terminal, scaffold never prompts and never waits: it lists every
// missing answer as a --set line and exits 2 at once.
func TestWizardNoTerminalListsMissingKeys(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "infra")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	w.Close() // stdin: a pipe with nothing in it, closed
	defer r.Close()
	var stdout, stderr bytes.Buffer
	io := &IO{
		In: r, Out: &stdout, ErrOut: &stderr,
		CanPrompt: func() bool { return false },
		Prompter: func() prompt.Prompter {
			t.Error("a prompter was built without a terminal")
			return nil
		},
	}
	done := make(chan int, 1)
	go func() { done <- run([]string{"new", "web-app", dir}, io) }()
	var code int
	select {
	case code = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("scaffold new without a terminal did not return within 10s")
	}

	if code != exitBadInput {
		t.Errorf("exit code = %d, want %d\n--- stderr:\n%s", code, exitBadInput, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", stdout.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists (stat: %v); nothing may be written", dir, err)
	}
	b := blueprints.WebApp()
	defaults, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, q := range b.Questions {
		if q.Applies(defaults.Answers) {
			want = append(want, "--set "+q.Key+"="+spec.Display(defaults.Answers.Get(q.Key)))
		}
	}
	var listed []string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "--set ") {
			listed = append(listed, strings.ReplaceAll(l, "'", "")) // shell quoting aside
		}
	}
	if !slices.Equal(listed, want) {
		t.Errorf("missing keys listed as\n  %s\nwant\n  %s\n--- stderr:\n%s", strings.Join(listed, "\n  "), strings.Join(want, "\n  "), stderr.String())
	}
	if !strings.Contains(stderr.String(), "no terminal") {
		t.Errorf("stderr does not say why it cannot ask:\n%s", stderr.String())
	}
}

// Ctrl-D (end of input) cancels at any prompt, the final confirmation
// included: exit 2, nothing written. It never takes the default.
func TestWizardPTYCtrlDWritesNothing(t *testing.T) {
	t.Parallel()
	for _, at := range []string{"Project name", "Environment", "Write the module to"} {
		t.Run(at, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "infra")
			values := map[string]string{"db_engine": "none"}
			for k, v := range ptyFlagValues {
				values[k] = v
			}
			args := append([]string{"new", "web-app", dir}, webAppFlags(t, values, "name", "environment")...)
			c := prompttest.NewConsole(t)
			code := -1
			c.Drive(func(c *prompttest.Console) {
				c.ExpectString("< to go back")
				for _, step := range []string{"Project name", "Environment", "Write the module to"} {
					c.ExpectString(step)
					if step == at {
						c.SendKey("\x04")
						break
					}
					c.SendKey(prompttest.KeyEnter)
				}
				c.ExpectString("cancelled, nothing was written")
			}, func() {
				code = run(args, ptyIO(c))
			})
			if code != exitBadInput {
				t.Errorf("Ctrl-D at %q: exit %d, want %d\n--- output:\n%s", at, code, exitBadInput, c.Output())
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("%s exists after Ctrl-D at %q (stat: %v)", dir, at, err)
			}
		})
	}
}

// With --set asg_max=3, the wizard refuses asg_desired = 5 at its prompt,
// saying why, and `<` goes back to asg_min; the module is then written with
// what was typed.
func TestWizardPTYGivenRuleAtPromptAndBack(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "infra")
	values := map[string]string{"asg_max": "3"}
	for k, v := range ptyFlagValues {
		values[k] = v
	}
	args := append([]string{"new", "web-app", dir}, webAppFlags(t, values, "asg_min", "asg_desired")...)
	c := prompttest.NewConsole(t)
	code := -1
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Minimum instances")
		c.SendLine("5")
		c.ExpectString("Desired instances")
		c.SendLine("")
		c.ExpectRegexp(loose("asg_desired = 5 does not fit asg_max = 3 from --set"))
		c.SendLine("<")
		c.ExpectString("Minimum instances")
		c.SendLine("2")
		c.ExpectString("Desired instances")
		c.SendLine("3")
		c.ExpectRegexp(`\basg_min\s+2\s+\(typed\)`)
		c.ExpectRegexp(`\basg_max\s+3\s+\(--set\)`)
		c.ExpectString("Write the module to")
		c.SendLine("y")
		c.ExpectString("Wrote ")
	}, func() {
		code = run(args, ptyIO(c))
	})
	if code != exitOK {
		t.Fatalf("exit %d, want 0\n--- output:\n%s", code, c.Output())
	}
	got := readTfvars(t, filepath.Join(dir, "terraform.tfvars"))
	for key, want := range map[string]cty.Value{"asg_min": cty.NumberIntVal(2), "asg_desired": cty.NumberIntVal(3), "asg_max": cty.NumberIntVal(3)} {
		if !got[key].RawEquals(want) {
			t.Errorf("%s = %#v, want %#v", key, got[key], want)
		}
	}
}

// TestUpdatePTYAsksOnlyNewQuestions: a question the module's answers file
// does not hold (as if new in this scaffold) is asked at a terminal, and
// only it; the answer reaches the module.
func TestUpdatePTYAsksOnlyNewQuestions(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "infra")
	if code, out, errOut := runCLI("new", "web-app", "--yes", dir); code != exitOK {
		t.Fatalf("new: exit %d\n%s%s", code, out, errOut)
	}
	answers := filepath.Join(dir, spec.AnswersFileName)
	src, err := os.ReadFile(answers)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.SplitAfter(string(src), "\n") {
		if !strings.HasPrefix(l, "az_count ") {
			kept = append(kept, l)
		}
	}
	if err := os.WriteFile(answers, []byte(strings.Join(kept, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	c := prompttest.NewConsole(t)
	code := -1
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("1 question(s) the module's answers do not hold")
		c.ExpectString("Availability zones")
		c.SendLine("3")
		c.ExpectString("replaced")
	}, func() {
		code = run([]string{"update", dir}, ptyIO(c))
	})
	if code != exitOK {
		t.Fatalf("scaffold update exited %d, want 0\n--- output:\n%s", code, c.Output())
	}
	if strings.Contains(c.Output(), "Project name") {
		t.Errorf("update asked a question the answers file holds:\n%s", c.Output())
	}
	if got := readTfvars(t, filepath.Join(dir, "terraform.tfvars"))["az_count"]; !got.RawEquals(cty.NumberIntVal(3)) {
		t.Errorf("terraform.tfvars: az_count = %#v, want 3", got)
	}
}

// TestUpdatePTYCtrlCWritesNothing: Ctrl-C at update's question for a new
// answer cancels with exit 2 and leaves every file of the module as it was.
func TestUpdatePTYCtrlCWritesNothing(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "infra")
	if code, out, errOut := runCLI("new", "web-app", "--yes", dir); code != exitOK {
		t.Fatalf("new: exit %d\n%s%s", code, out, errOut)
	}
	answers := filepath.Join(dir, spec.AnswersFileName)
	src, err := os.ReadFile(answers)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.SplitAfter(string(src), "\n") {
		if !strings.HasPrefix(l, "az_count ") {
			kept = append(kept, l)
		}
	}
	if err := os.WriteFile(answers, []byte(strings.Join(kept, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	snapshot := func() map[string]string {
		m := map[string]string{}
		err := filepath.WalkDir(filepath.Dir(dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			m[p] = string(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	before := snapshot()
	c := prompttest.NewConsole(t)
	code := -1
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Availability zones")
		c.SendKey(prompttest.KeyInterrupt)
		c.ExpectString("nothing was written")
	}, func() {
		code = run([]string{"update", "--set", "comments=study", dir}, ptyIO(c))
	})
	if code != exitBadInput {
		t.Errorf("scaffold update exited %d after Ctrl-C, want %d\n%s", code, exitBadInput, c.Output())
	}
	after := snapshot()
	if len(after) != len(before) {
		t.Errorf("%d files before Ctrl-C, %d after", len(before), len(after))
	}
	for p, data := range before {
		if after[p] != data {
			t.Errorf("%s changed after Ctrl-C", p)
		}
	}
}
