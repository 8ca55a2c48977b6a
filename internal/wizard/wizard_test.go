package wizard_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/prompt"
	"github.com/scaffold-tf/scaffold/internal/prompt/prompttest"
	"github.com/scaffold-tf/scaffold/internal/wizard"
)

// answers is a valid answer to every web-app question, as typed after --set.
var answers = map[string]string{
	"name":                     "shop",
	"region":                   "eu-west-3",
	"environment":              "dev",
	"vpc_cidr":                 "10.20.0.0/16",
	"az_count":                 "2",
	"instance_type":            "t4g.small",
	"asg_min":                  "1",
	"asg_desired":              "3",
	"asg_max":                  "6",
	"cpu_target_percent":       "60",
	"app_port":                 "8080",
	"health_check_path":        "/healthz",
	"certificate_arn":          "",
	"cloudfront":               "true",
	"db_engine":                "postgres",
	"db_instance_class":        "db.t4g.small",
	"db_multi_az":              "false",
	"db_allocated_storage_gb":  "50",
	"db_backup_retention_days": "14",
	"db_username":              "shop_admin",
}

// dbPrompts are the web-app database questions, in the order they are asked.
var dbPrompts = []string{
	"Database instance class",
	"Run the database in two availability zones?",
	"Database storage (GiB)",
	"Database backup retention (days)",
	"Database master user name",
}

// given answers every web-app question from flags except the keys left to
// the wizard; overrides replace values of the base set. A question the base
// set does not know is given its default, so that a question added to the
// blueprint later is never asked here unexpectedly.
func given(t *testing.T, b *spec.Blueprint, overrides map[string]string, leave ...string) map[string]spec.Given {
	t.Helper()
	out := map[string]spec.Given{}
	var so spec.Answers
	for _, q := range b.Questions {
		var v cty.Value
		raw, ok := overrides[q.Key]
		if !ok {
			raw, ok = answers[q.Key]
		}
		if ok {
			var err *spec.Diagnostic
			if v, err = q.ParseText(raw); err != nil {
				t.Fatalf("--set %s=%s: %v", q.Key, raw, err)
			}
		} else {
			v = q.Default(so)
		}
		so = so.Set(q.Key, v)
		if !slices.Contains(leave, q.Key) {
			out[q.Key] = spec.Given{Value: v, Source: spec.FromFlag}
		}
	}
	for _, key := range append(slices.Collect(maps.Keys(overrides)), leave...) {
		if b.Question(key) == nil {
			t.Fatalf("web-app has no question %q", key)
		}
	}
	return out
}

func resolve(t *testing.T, b *spec.Blueprint, p prompt.Prompter, g map[string]spec.Given) *spec.Resolved {
	t.Helper()
	w := &wizard.Wizard{P: p, Out: &bytes.Buffer{}}
	res, err := b.Resolve(g, w.Ask, false)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	return res
}

func wantAnswer(t *testing.T, res *spec.Resolved, key string, want cty.Value, src spec.Source) {
	t.Helper()
	got := res.Answers.Get(key)
	if got == cty.NilVal || !got.Type().Equals(want.Type()) || !got.RawEquals(want) {
		t.Errorf("%s = %#v, want %#v", key, got, want)
	}
	if res.Sources[key] != src {
		t.Errorf("%s came from %q, want %q", key, res.Sources[key], src)
	}
}

func TestWizardAsksOnlyQuestionsNotGiven(t *testing.T) {
	b := blueprints.WebApp()
	p := prompttest.New(t)
	p.RegisterInput("Project name", prompttest.Value("billing"))
	p.RegisterSelect("Environment", prompttest.Choose("prod"))
	p.RegisterInput("Maximum instances", prompttest.Value("8"))
	p.RegisterSelect("Database engine", prompttest.Choose("none"))
	// The database questions are not given either, but with no database
	// they do not apply: the prompter fails the test if they are asked.
	g := given(t, b, nil, append([]string{"name", "environment", "asg_max", "db_engine"}, dbKeys()...)...)

	res := resolve(t, b, p, g)

	if want := []string{"Project name", "Environment", "Maximum instances", "Database engine"}; !slices.Equal(p.Messages(), want) {
		t.Errorf("prompts shown = %q, want %q", p.Messages(), want)
	}
	wantAnswer(t, res, "name", cty.StringVal("billing"), spec.FromWizard)
	wantAnswer(t, res, "environment", cty.StringVal("prod"), spec.FromWizard)
	wantAnswer(t, res, "asg_max", cty.NumberIntVal(8), spec.FromWizard)
	wantAnswer(t, res, "db_engine", cty.StringVal("none"), spec.FromWizard)
	wantAnswer(t, res, "region", cty.StringVal("eu-west-3"), spec.FromFlag)
	wantAnswer(t, res, "asg_desired", cty.NumberIntVal(3), spec.FromFlag)
	// Unasked questions keep their defaults, computed from the answers.
	wantAnswer(t, res, "db_instance_class", cty.StringVal("db.t4g.micro"), spec.FromDefault)
	wantAnswer(t, res, "db_multi_az", cty.True, spec.FromDefault)
	if res.Answers.Len() != len(b.Questions) {
		t.Errorf("resolved %d answers, want one per question (%d)", res.Answers.Len(), len(b.Questions))
	}
}

func dbKeys() []string {
	return []string{"db_instance_class", "db_multi_az", "db_allocated_storage_gb", "db_backup_retention_days", "db_username"}
}

func TestWizardDatabaseQuestionsFollowEngine(t *testing.T) {
	for _, engine := range []string{"none", "postgres", "mysql"} {
		t.Run(engine, func(t *testing.T) {
			b := blueprints.WebApp()
			p := prompttest.New(t)
			p.RegisterSelect("Database engine", prompttest.Choose(engine))
			want := []string{"Database engine"}
			if engine != "none" {
				p.RegisterInput("Database instance class", prompttest.Value("db.r6g.large"))
				p.RegisterConfirm("Run the database in two availability zones?", prompttest.Answer(true))
				p.RegisterInput("Database storage (GiB)", prompttest.Default())
				p.RegisterInput("Database backup retention (days)", prompttest.Value("30"))
				p.RegisterInput("Database master user name", prompttest.Default())
				want = append(want, dbPrompts...)
			}
			res := resolve(t, b, p, given(t, b, nil, append([]string{"db_engine"}, dbKeys()...)...))

			if !slices.Equal(p.Messages(), want) {
				t.Errorf("prompts shown = %q, want %q", p.Messages(), want)
			}
			if engine == "none" {
				wantAnswer(t, res, "db_instance_class", cty.StringVal("db.t4g.micro"), spec.FromDefault)
				return
			}
			wantAnswer(t, res, "db_instance_class", cty.StringVal("db.r6g.large"), spec.FromWizard)
			wantAnswer(t, res, "db_multi_az", cty.True, spec.FromWizard)
			wantAnswer(t, res, "db_allocated_storage_gb", cty.NumberIntVal(20), spec.FromAccept)
			wantAnswer(t, res, "db_backup_retention_days", cty.NumberIntVal(30), spec.FromWizard)
			wantAnswer(t, res, "db_username", cty.StringVal("app_admin"), spec.FromAccept)
		})
	}
}

func TestWizardRefusesWithRuleText(t *testing.T) {
	b := blueprints.WebApp()
	p := prompttest.New(t)
	name := prompttest.Type("My_App", "shop--eu", "an-extremely-long-shop-name", "shop")
	asgMax := prompttest.Type("lots", "2", "4.5", "101", "6")
	p.RegisterInput("Project name", name.Input)
	p.RegisterInput("Maximum instances", asgMax.Input)

	res := resolve(t, b, p, given(t, b, nil, "name", "asg_max"))

	wantReasons(t, "name", name, []string{
		`name = "My_App" is not accepted: name must start with a lowercase letter, hold only lowercase letters, digits and hyphens, and end with a letter or digit`,
		`name = "shop--eu" is not accepted: name must ` + ruleText(t, b.Question("name"), "make no RDS DB instance identifier") + ` (it makes the RDS DB instance identifier "shop--eu-dev-db" of aws_db_instance.main)`,
		`name = "an-extremely-long-shop-name" is not accepted: name must ` + ruleText(t, b.Question("name"), "be 1 to ") + ` (it has 27)`,
	})
	wantReasons(t, "asg_max", asgMax, []string{
		`asg_max = "lots" is not accepted: asg_max must be a number`,
		`asg_max = 2 is not accepted: asg_max must be at least asg_desired (asg_desired is 3)`,
		`asg_max = 4.5 is not accepted: asg_max must be a whole number`,
		`asg_max = 101 is not accepted: asg_max must be between 1 and 100`,
	})
	wantAnswer(t, res, "name", cty.StringVal("shop"), spec.FromWizard)
	wantAnswer(t, res, "asg_max", cty.NumberIntVal(6), spec.FromWizard)

	// The prompt's help states the same rules, and the flag that answers it.
	q := b.Question("asg_max")
	help := p.Call("Maximum instances").Help
	for _, want := range []string{q.Help, "Rules: must be a whole number; must be between 1 and 100; must be at least asg_desired; must fit in the private subnets: asg_max + 2", "Flag: --set asg_max=VALUE"} {
		if !strings.Contains(help, want) {
			t.Errorf("help of asg_max is %q; it lacks %q", help, want)
		}
	}
	if help != wizard.Help(q) {
		t.Errorf("the prompt got help %q, want wizard.Help: %q", help, wizard.Help(q))
	}
}

// ruleText is the text of q's rule that starts with prefix.
func ruleText(t *testing.T, q *spec.Question, prefix string) string {
	t.Helper()
	for _, r := range q.Rules {
		if strings.HasPrefix(r.Text, prefix) {
			return r.Text
		}
	}
	t.Fatalf("%s has no rule starting %q", q.Key, prefix)
	return ""
}

func wantReasons(t *testing.T, key string, ty *prompttest.Typing, want []string) {
	t.Helper()
	got := ty.Reasons()
	if !slices.Equal(got, want) {
		t.Errorf("%s: refusals =\n  %s\nwant\n  %s", key, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestWizardChoicesUseSelectWithDefault(t *testing.T) {
	b := blueprints.WebApp()
	p := prompttest.New(t)
	p.RegisterSelect("Environment", prompttest.DefaultChoice())
	p.RegisterSelect("Database engine", prompttest.Choose("mysql"))

	res := resolve(t, b, p, given(t, b, nil, "environment", "db_engine"))

	env := p.Call("Environment")
	if env.Default != "dev" {
		t.Errorf("Environment default = %q, want dev", env.Default)
	}
	wantOpts := []prompt.Option{
		{Value: "dev", Help: "lower cost, easy teardown"},
		{Value: "prod", Help: "multi-AZ, deletion protection, longer log retention"},
	}
	if !slices.Equal(env.Options, wantOpts) {
		t.Errorf("Environment options = %+v, want %+v", env.Options, wantOpts)
	}
	db := p.Call("Database engine")
	if db.Default != "postgres" {
		t.Errorf("Database engine default = %q, want postgres", db.Default)
	}
	var values []string
	for _, o := range db.Options {
		values = append(values, o.Value)
	}
	if want := []string{"postgres", "mysql", "none"}; !slices.Equal(values, want) {
		t.Errorf("Database engine options = %q, want %q", values, want)
	}
	wantAnswer(t, res, "environment", cty.StringVal("dev"), spec.FromAccept)
	wantAnswer(t, res, "db_engine", cty.StringVal("mysql"), spec.FromWizard)
}

func TestWizardBoolsUseConfirmWithComputedDefault(t *testing.T) {
	for _, tc := range []struct {
		environment string
		multiAZ     string // the default the prompt must offer
	}{
		{"dev", "false"},
		{"prod", "true"},
	} {
		t.Run(tc.environment, func(t *testing.T) {
			b := blueprints.WebApp()
			p := prompttest.New(t)
			p.RegisterConfirm("Put CloudFront in front of the load balancer?", prompttest.Answer(false))
			p.RegisterConfirm("Run the database in two availability zones?", func(def bool) (bool, error) { return !def, nil })

			res := resolve(t, b, p, given(t, b, map[string]string{"environment": tc.environment}, "cloudfront", "db_multi_az"))

			if got := p.Call("Put CloudFront in front of the load balancer?").Default; got != "true" {
				t.Errorf("cloudfront default = %s, want true", got)
			}
			if got := p.Call("Run the database in two availability zones?").Default; got != tc.multiAZ {
				t.Errorf("db_multi_az default in %s = %s, want %s", tc.environment, got, tc.multiAZ)
			}
			wantAnswer(t, res, "cloudfront", cty.False, spec.FromWizard)
			wantAnswer(t, res, "db_multi_az", cty.BoolVal(tc.multiAZ != "true"), spec.FromWizard)
		})
	}
}

func TestWizardDefaultsFollowEarlierAnswers(t *testing.T) {
	b := blueprints.WebApp()
	p := prompttest.New(t)
	p.RegisterSelect("Environment", prompttest.Choose("prod"))
	p.RegisterInput("Minimum instances", prompttest.Value("5"))
	p.RegisterInput("Desired instances", prompttest.Value("7"))
	p.RegisterInput("Maximum instances", prompttest.Default())
	p.RegisterConfirm("Run the database in two availability zones?", prompttest.Answer(true))

	res := resolve(t, b, p, given(t, b, nil, "environment", "asg_min", "asg_desired", "asg_max", "db_multi_az"))

	for msg, want := range map[string]string{
		"Minimum instances":                           "1",
		"Desired instances":                           "5",    // max(2, asg_min)
		"Maximum instances":                           "7",    // max(4, asg_desired)
		"Run the database in two availability zones?": "true", // prod, answered in the wizard
	} {
		if got := p.Call(msg).Default; got != want {
			t.Errorf("%q was offered default %q, want %q", msg, got, want)
		}
	}
	wantAnswer(t, res, "asg_max", cty.NumberIntVal(7), spec.FromAccept)
}

func TestWizardPromptErrorStopsResolve(t *testing.T) {
	b := blueprints.WebApp()
	p := prompttest.New(t)
	p.RegisterInput("Project name", func(string, func(string) error) (string, error) { return "", prompt.ErrInterrupted })
	w := &wizard.Wizard{P: p, Out: &bytes.Buffer{}}
	// Environment is left open too: it must not be asked after Ctrl-C.
	res, err := b.Resolve(given(t, b, nil, "name", "environment"), w.Ask, false)
	if !errors.Is(err, prompt.ErrInterrupted) || res != nil {
		t.Fatalf("Resolve = %v, %v; want nil, ErrInterrupted", res, err)
	}
	if want := []string{"Project name"}; !slices.Equal(p.Messages(), want) {
		t.Errorf("prompts shown = %q, want only %q", p.Messages(), want)
	}
}

// lax is a Prompter that ignores validate, as a careless implementation might.
type lax struct {
	answer string
	items  []string
}

func (l lax) List(_, _ string, _ []string, _ func([]string) error) ([]string, error) {
	return l.items, nil
}

func (l lax) Input(_, _, _ string, _ func(string) error) (string, error) { return l.answer, nil }
func (l lax) Select(_, _ string, _ []prompt.Option, def string, _ func(string) error) (string, error) {
	return def, nil
}
func (l lax) Confirm(_, _ string, def bool, _ func(bool) error) (bool, error) { return def, nil }

func TestWizardAskRechecksWhatPrompterReturns(t *testing.T) {
	b := blueprints.WebApp()
	w := &wizard.Wizard{P: lax{answer: "My_App"}, Out: &bytes.Buffer{}}
	_, err := b.Resolve(given(t, b, nil, "name"), w.Ask, false)
	if err == nil || !strings.Contains(err.Error(), `name = "My_App" is not accepted: name must start with a lowercase letter`) {
		t.Fatalf("Resolve with a prompter that skips validation = %v; want the name refused", err)
	}
	if !spec.IsInputError(err) {
		t.Errorf("the refusal %v is not an input error (exit code 2)", err)
	}
}

func TestWizardSummary(t *testing.T) {
	b := blueprints.WebApp()
	p := prompttest.New(t)
	p.RegisterInput("Project name", prompttest.Value("billing"))
	g := given(t, b, map[string]string{"db_engine": "none"}, append([]string{"name"}, dbKeys()...)...)
	g["region"] = spec.Given{Value: cty.StringVal("eu-west-3"), Source: spec.FromFile}
	res := resolve(t, b, p, g)

	var out bytes.Buffer
	wizard.Summary(&out, b, res, 200)
	text := out.String()

	if !strings.Contains(text, "Traditional web application (CloudFront → ALB → Auto Scaling Group (EC2) → RDS)") {
		t.Errorf("summary lacks the title and flow:\n%s", text)
	}
	var rows []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "  ") {
			rows = append(rows, line)
		}
	}
	if len(rows) != len(b.Questions) {
		t.Errorf("summary has %d rows, want one per question (%d):\n%s", len(rows), len(b.Questions), text)
	}
	notUsed := "not used: applies only when db_engine is not none"
	for i, q := range b.Questions {
		value := spec.Display(res.Answers.Get(q.Key))
		if value == "" {
			value = `""` // an empty value is shown, not left blank
		}
		var note string
		switch {
		case slices.Contains(dbKeys(), q.Key):
			note = notUsed
		case !q.Applies(res.Answers):
			note = "not used: applies only when " + q.WhenText
		case q.Key == "name":
			note = "typed"
		case q.Key == "region":
			note = "answers file"
		default:
			note = "--set"
		}
		pattern := fmt.Sprintf(`^  %s\s+%s\s*\(%s\)$`, regexp.QuoteMeta(q.Key), regexp.QuoteMeta(value), regexp.QuoteMeta(note))
		if i >= len(rows) || !regexp.MustCompile(pattern).MatchString(rows[i]) {
			row := ""
			if i < len(rows) {
				row = rows[i]
			}
			t.Errorf("summary row %d = %q, want /%s/", i, row, pattern)
		}
	}
	for _, want := range []string{"name", "billing", "db_engine", "none", "vpc_cidr", "10.20.0.0/16"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
}

func TestWizardConfirm(t *testing.T) {
	for _, answer := range []bool{true, false} {
		t.Run(fmt.Sprint(answer), func(t *testing.T) {
			b := blueprints.WebApp()
			res, err := b.Resolve(nil, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			p := prompttest.New(t)
			p.RegisterConfirm("Write the module to ./infra?", prompttest.Answer(answer))
			var out bytes.Buffer
			w := &wizard.Wizard{P: p, Out: &out}

			ok, err := w.Confirm(b, res, "./infra")

			if err != nil || ok != answer {
				t.Fatalf("Confirm = %v, %v; want %v, nil", ok, err, answer)
			}
			if got := p.Call("Write the module to ./infra?").Default; got != "true" {
				t.Errorf("confirmation default = %s, want true", got)
			}
			if !regexp.MustCompile(`(?m)^  asg_max\s+4\s+\(default\)$`).MatchString(out.String()) {
				t.Errorf("the summary was not printed before the confirmation:\n%s", out.String())
			}
		})
	}
}

func TestWizardConfirmInterrupted(t *testing.T) {
	b := blueprints.WebApp()
	res, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	p := prompttest.New(t)
	p.RegisterConfirm("Write the module to web-app?", func(bool) (bool, error) { return true, prompt.ErrInterrupted })
	w := &wizard.Wizard{P: p, Out: &bytes.Buffer{}}
	if _, err := w.Confirm(b, res, "web-app"); !errors.Is(err, prompt.ErrInterrupted) {
		t.Fatalf("Confirm after Ctrl-C: err = %v, want ErrInterrupted", err)
	}
}

// recorder is a Prompter that keeps the validate function of the last
// Select and Confirm, and answers with their defaults.
type recorder struct {
	selectCheck  func(string) error
	confirmCheck func(bool) error
}

func (r *recorder) Input(_, _, def string, _ func(string) error) (string, error) { return def, nil }
func (r *recorder) List(_, _ string, def []string, _ func([]string) error) ([]string, error) {
	return def, nil
}
func (r *recorder) Select(_, _ string, _ []prompt.Option, def string, v func(string) error) (string, error) {
	r.selectCheck = v
	return def, nil
}
func (r *recorder) Confirm(_, _ string, def bool, v func(bool) error) (bool, error) {
	r.confirmCheck = v
	return def, nil
}

// A select or yes/no answer refused by a rule that depends on other answers
// is refused at the prompt (which re-asks, showing why and clearing it
// after), rather than failing after the whole wizard.
func TestWizardChoiceAndYesNoCarryTheirRules(t *testing.T) {
	r := &recorder{}
	w := &wizard.Wizard{P: r, Out: &bytes.Buffer{}}
	pick := &spec.Question{Key: "pick", Prompt: "Pick", Type: cty.String, Choices: []spec.Choice{{Value: "a"}, {Value: "b"}}}
	yes := &spec.Question{Key: "yes", Prompt: "Yes?", Type: cty.Bool}
	refuse := func(bad cty.Value) func(cty.Value) error {
		return func(v cty.Value) error {
			if v.RawEquals(bad) {
				return errors.New("does not fit the other answers")
			}
			return nil
		}
	}
	if _, err := w.Ask(pick, cty.StringVal("a"), refuse(cty.StringVal("b"))); err != nil {
		t.Fatal(err)
	}
	if r.selectCheck == nil || r.selectCheck("b") == nil || r.selectCheck("a") != nil {
		t.Errorf("the select prompt was not given the question's rules")
	}
	if _, err := w.Ask(yes, cty.False, refuse(cty.True)); err != nil {
		t.Fatal(err)
	}
	if r.confirmCheck == nil || r.confirmCheck(true) == nil || r.confirmCheck(false) != nil {
		t.Errorf("the yes/no prompt was not given the question's rules")
	}
}

// At 80 columns no summary line is longer than the terminal, however long a
// value (a certificate ARN, a job command), and every value can still be
// read in full.
func TestWizardSummaryFitsWidth(t *testing.T) {
	// In the region of the answers given() starts from: a load balancer uses
	// only certificates of its own region.
	arn := "arn:aws:acm:eu-west-3:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	b := blueprints.WebApp()
	g := given(t, b, map[string]string{"certificate_arn": arn, "alb_domain_name": "app.example.com"})
	res, err := b.Resolve(g, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{80, 120} {
		var out bytes.Buffer
		wizard.Summary(&out, b, res, width)
		text := out.String()
		for _, line := range strings.Split(text, "\n") {
			if n := len([]rune(line)); n >= width {
				t.Errorf("at %d columns a summary line has %d: %q", width, n, line)
			}
		}
		joined := regexp.MustCompile(`\n\s+`).ReplaceAllString(text, "")
		if !strings.Contains(joined, arn) {
			t.Errorf("at %d columns the certificate ARN cannot be read back from the summary:\n%s", width, text)
		}
	}
	batch := blueprints.ScheduledBatch()
	res, err = batch.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	wizard.Summary(&out, batch, res, 80)
	for _, line := range strings.Split(out.String(), "\n") {
		if n := len([]rune(line)); n >= 80 {
			t.Errorf("scheduled-batch summary line has %d columns: %q", n, line)
		}
	}
}

// With --set asg_max=3, a typed asg_min = 5 and the offered asg_desired = 5
// are checked against asg_max at the prompt: asg_desired is refused there,
// naming asg_max and where it came from, and the user goes back (`<`) to fix
// asg_min; nothing typed is lost.
func TestWizardChecksGivenAnswersAtThePrompt(t *testing.T) {
	b := blueprints.WebApp()
	p := prompttest.New(t)
	p.RegisterInput("Minimum instances", prompttest.Value("5"))
	var refusal error
	p.RegisterInput("Desired instances", func(def string, validate func(string) error) (string, error) {
		if def != "5" {
			t.Errorf("Desired instances offered %q, want 5", def)
		}
		refusal = validate(def)
		return "", prompt.ErrBack
	})
	p.RegisterInput("Minimum instances", func(def string, validate func(string) error) (string, error) {
		if def != "5" {
			t.Errorf("going back offered %q, want the answer typed before, 5", def)
		}
		return "2", nil
	})
	p.RegisterInput("Desired instances", prompttest.Value("3"))
	g := given(t, b, map[string]string{"asg_max": "3"}, "asg_min", "asg_desired")

	res := resolve(t, b, p, g)

	if refusal == nil || !strings.Contains(refusal.Error(), `asg_desired = 5 does not fit asg_max = 3 from --set: asg_max = 3 is not accepted: asg_max must be at least asg_desired`) {
		t.Errorf("asg_desired = 5 with --set asg_max=3: refusal = %v, want one naming asg_max and --set", refusal)
	}
	wantAnswer(t, res, "asg_min", cty.NumberIntVal(2), spec.FromWizard)
	wantAnswer(t, res, "asg_desired", cty.NumberIntVal(3), spec.FromWizard)
	wantAnswer(t, res, "asg_max", cty.NumberIntVal(3), spec.FromFlag)
}

// `<` goes back over given questions to the previous one asked, from a
// select, a yes/no and the final confirmation too.
func TestWizardGoesBack(t *testing.T) {
	b := blueprints.WebApp()
	p := prompttest.New(t)
	p.RegisterInput("Project name", prompttest.Value("shop"))
	p.RegisterSelect("Environment", func(string, []prompt.Option) (string, error) { return "", prompt.ErrBack })
	p.RegisterInput("Project name", prompttest.Value("billing"))
	p.RegisterSelect("Environment", prompttest.Choose("prod"))
	p.RegisterConfirm("Put CloudFront in front of the load balancer?", func(bool) (bool, error) { return false, prompt.ErrBack })
	p.RegisterSelect("Environment", prompttest.Choose("dev"))
	p.RegisterConfirm("Put CloudFront in front of the load balancer?", prompttest.Answer(false))
	p.RegisterConfirm("Write the module to web-app?", func(bool) (bool, error) { return false, prompt.ErrBack })
	p.RegisterConfirm("Put CloudFront in front of the load balancer?", prompttest.Answer(true))
	p.RegisterConfirm("Write the module to web-app?", prompttest.Answer(true))
	g := given(t, b, nil, "name", "environment", "cloudfront")
	w := &wizard.Wizard{P: p, Out: &bytes.Buffer{}}
	res, err := b.ResolveConfirm(g, w.Ask, false, func(res *spec.Resolved) error {
		ok, err := w.Confirm(b, res, "web-app")
		if err == nil && !ok {
			t.Error("confirmation answered no")
		}
		return err
	})
	if err != nil {
		t.Fatalf("Resolve: %v (prompts %q)", err, p.Messages())
	}
	wantAnswer(t, res, "name", cty.StringVal("billing"), spec.FromWizard)
	wantAnswer(t, res, "environment", cty.StringVal("dev"), spec.FromAccept)
	wantAnswer(t, res, "cloudfront", cty.True, spec.FromAccept)
}

// The intro says how to go back and how to cancel.
func TestWizardIntroMentionsBackAndCancel(t *testing.T) {
	intro := wizard.Intro(blueprints.WebApp())
	for _, want := range []string{"? at any prompt for help", "< to go back", "Ctrl-D cancels"} {
		if !strings.Contains(intro, want) {
			t.Errorf("intro lacks %q:\n%s", want, intro)
		}
	}
}

// A given answer that fails whatever is typed (reserved_concurrency = -2) is
// reported before the first prompt, so nothing typed is lost to it; and it
// alone is reported.
func TestWizardRefusesBrokenGivenAnswerBeforeAsking(t *testing.T) {
	b := blueprints.ServerlessAPI()
	p := prompttest.New(t) // no stub: any prompt fails the test
	g := map[string]spec.Given{"reserved_concurrency": {Value: cty.NumberIntVal(-2), Source: spec.FromFlag}}
	w := &wizard.Wizard{P: p, Out: &bytes.Buffer{}}
	_, err := b.Resolve(g, w.Ask, false)
	var errs spec.Diagnostics
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Key != "reserved_concurrency" {
		t.Fatalf("Resolve = %v, want exactly the reserved_concurrency error", err)
	}
	if len(p.Messages()) != 0 {
		t.Errorf("prompts were shown before the broken answer was reported: %q", p.Messages())
	}

	// Two given answers that contradict each other: no prompt can help.
	g = map[string]spec.Given{
		"reserved_concurrency":    {Value: cty.NumberIntVal(3), Source: spec.FromFlag},
		"provisioned_concurrency": {Value: cty.NumberIntVal(5), Source: spec.FromFile},
	}
	_, err = b.Resolve(g, w.Ask, false)
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Key != "provisioned_concurrency" {
		t.Fatalf("Resolve = %v, want exactly the provisioned_concurrency error", err)
	}
	if len(p.Messages()) != 0 {
		t.Errorf("prompts were shown before the contradiction was reported: %q", p.Messages())
	}
}

// A given answer that an answer still to be asked can make fit (gpus = 1
// needs compute = ec2_spot and GPU instance types) is not refused up front:
// the prompts refuse what does not fit it, naming it.
func TestWizardGivenAnswerFixableAtThePrompt(t *testing.T) {
	b := blueprints.ScheduledBatch()
	p := prompttest.New(t)
	var refused error
	p.RegisterSelect("Batch compute", func(def string, _ []prompt.Option) (string, error) { return "ec2_spot", nil })
	ty := prompttest.Type("c6i,m6i", "g5,g6")
	p.RegisterInput("EC2 instance families or types (comma-separated)", ty.Input)
	g := map[string]spec.Given{"gpus": {Value: cty.NumberIntVal(1), Source: spec.FromFlag}}
	for _, q := range b.Questions {
		if _, ok := g[q.Key]; !ok && q.Key != "compute" && q.Key != "instance_types" {
			g[q.Key] = spec.Given{Value: q.Default(spec.Answers{}), Source: spec.FromFile}
		}
	}
	delete(g, "compute")
	w := &wizard.Wizard{P: p, Out: &bytes.Buffer{}}
	var sawCompute func(string) error
	p2 := &spySelect{Prompter: p, seen: &sawCompute}
	w.P = p2
	res, err := b.Resolve(g, w.Ask, false)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	if sawCompute != nil {
		refused = sawCompute("fargate")
	}
	if refused == nil || !strings.Contains(refused.Error(), "compute = \"fargate\" does not fit gpus = 1 from --set") {
		t.Errorf("choosing fargate with --set gpus=1: refusal = %v, want one naming gpus", refused)
	}
	if len(ty.Rejected) != 1 || !strings.Contains(ty.Reasons()[0], "does not fit gpus = 1 from --set") {
		t.Errorf("instance types without GPUs with --set gpus=1: %s", ty)
	}
	wantAnswer(t, res, "compute", cty.StringVal("ec2_spot"), spec.FromWizard)
	wantAnswer(t, res, "gpus", cty.NumberIntVal(1), spec.FromFlag)
}

// spySelect keeps the validate function of the Select prompt it passes on.
type spySelect struct {
	prompt.Prompter
	seen *func(string) error
}

func (s *spySelect) Select(m, h string, o []prompt.Option, d string, v func(string) error) (string, error) {
	*s.seen = v
	return s.Prompter.Select(m, h, o, d, v)
}
