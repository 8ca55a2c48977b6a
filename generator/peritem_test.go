package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// itemFixture is a test-only blueprint with per-item questions: for each
// item of services, an image, a port, a protocol (choices), cpu, memory
// (at least cpu: a rule reading another per-item answer), and task counts
// (desired defaults to the item's min and must be at least it).
func itemFixture() *spec.Blueprint {
	b := &spec.Blueprint{
		ID: "item-fixture", Title: "Per-item answers (test fixture)", Flow: spec.Graph{Nodes: []spec.Node{{ID: "nothing", Label: "Nothing", Component: "base"}}},
		Summary:    "A module of variables only, for the tests of per-item answers.",
		Components: func(spec.Answers) []spec.Component { return []spec.Component{{Name: "base"}, {Name: "kms"}} },
	}
	for _, q := range blueprints.WebApp().Questions {
		if slices.Contains([]string{"name", "region", "environment"}, q.Key) {
			b.Questions = append(b.Questions, q)
		}
	}
	cpus := []float64{256, 512, 1024}
	b.Questions = append(b.Questions,
		&spec.Question{
			Key: "services", Prompt: "Services", Help: "One service each.", Type: spec.ListOfStrings,
			Default: spec.Fixed(spec.ListVal([]string{"app"})),
			Rules:   []spec.Rule{rules.Items(1, 5), rules.Unique(), spec.ItemNames()},
		},
		&spec.Question{
			Key: "image", Each: "services", Prompt: "Image", Help: "The container image.", Type: cty.String,
			Default: spec.Fixed(cty.StringVal("public.ecr.aws/nginx/nginx:stable")),
			Rules:   []spec.Rule{rules.Length(1, 255)},
		},
		&spec.Question{
			Key: "container_port", Each: "services", Prompt: "Container port", Type: cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(8080)),
			Rules:   []spec.Rule{rules.Range(1, 65535), rules.Whole()},
		},
		&spec.Question{
			Key: "protocol", Each: "services", Prompt: "Protocol", Type: cty.String,
			Default: spec.Fixed(cty.StringVal("HTTP")),
			Choices: []spec.Choice{{Value: "HTTP"}, {Value: "HTTPS"}},
		},
		&spec.Question{
			Key: "cpu", Each: "services", Prompt: "CPU units", Type: cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(256)),
			Rules: []spec.Rule{rules.Custom("be 256, 512 or 1024",
				func(v cty.Value, _ spec.Answers) error {
					f, _ := v.AsBigFloat().Float64()
					if !slices.Contains(cpus, f) {
						return errNot
					}
					return nil
				},
				func(key string, _ spec.Answers) spec.Expr {
					return spec.Call("contains", spec.Tuple(spec.Num(256), spec.Num(512), spec.Num(1024)), spec.Var(key))
				})},
		},
		&spec.Question{
			Key: "memory", Each: "services", Prompt: "Memory (MiB)", Type: cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(512)),
			Rules:   []spec.Rule{rules.Range(128, 8192), rules.AtLeast("cpu")},
		},
		&spec.Question{
			Key: "min_tasks", Each: "services", Prompt: "Minimum tasks", Type: cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(1)),
			Rules:   []spec.Rule{rules.Range(0, 10), rules.Whole()},
		},
		&spec.Question{
			Key: "desired_tasks", Each: "services", Prompt: "Desired tasks", Type: cty.Number,
			Default: func(a spec.Answers) cty.Value {
				if !a.Has("min_tasks") {
					return cty.NumberIntVal(1) // min_tasks was refused
				}
				return a.Get("min_tasks")
			},
			DefaultText: "min_tasks",
			Rules:       []spec.Rule{rules.Range(0, 10), rules.AtLeast("min_tasks")},
		},
	)
	return b
}

var errNot = errorString("it is not")

type errorString string

func (e errorString) Error() string { return string(e) }

func init() { testBlueprints["item-fixture"] = itemFixture() }

// TestPerItemEndToEnd generates the fixture's module from per-item
// answers given by --set, by an HCL answers file and by a JSON one: the
// same bytes each time. terraform.tfvars holds one settings map in list
// order, variables.tf its type and validations, the module's answers file
// regenerates it, and terraform accepts the module and runs its tests,
// whose runs refuse a bad value of each per-item rule.
func TestPerItemEndToEnd(t *testing.T) {
	b := itemFixture()
	sets := map[string]string{"services": "web,api", "api_image": "example.com/api:1", "web_container_port": "80",
		"api_cpu": "512", "api_memory": "1024", "web_min_tasks": "2", "web_protocol": "HTTPS"}
	flags := map[string]spec.Given{}
	for k, raw := range sets {
		v, d := b.QuestionOf(k).ParseText(raw)
		if d != nil {
			t.Fatal(d)
		}
		flags[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	want := generateFrom(t, b, flags)

	dir := t.TempDir()
	forms := map[string]string{
		"answers.hcl": "services = [\"web\", \"api\"]\napi_image = \"example.com/api:1\"\nweb_container_port = 80\n" +
			"api_cpu = 512\napi_memory = 1024\nweb_min_tasks = 2\nweb_protocol = \"HTTPS\"\n",
		"answers.json": `{"services": ["web", "api"], "api_image": "example.com/api:1", "web_container_port": 80,
			"api_cpu": 512, "api_memory": "1024", "web_min_tasks": 2, "web_protocol": "HTTPS"}`,
	}
	for name, src := range forms {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		sameModule(t, name+" and --set", want, generateFrom(t, b, fromFile(t, b, p)))
	}
	p := filepath.Join(dir, spec.AnswersFileName)
	if err := os.WriteFile(p, want[spec.AnswersFileName], 0o644); err != nil {
		t.Fatal(err)
	}
	sameModule(t, "the module's own answers file and --set", want, generateFrom(t, b, fromFile(t, b, p)))

	// The settings map, read back from terraform.tfvars: items in list
	// order, each with every per-item answer, defaults per item (web's
	// desired_tasks is web's min_tasks, 2; api's is 1).
	f, diags := hclsyntax.ParseConfig(want["terraform.tfvars"], "terraform.tfvars", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	settings, diags := f.Body.(*hclsyntax.Body).Attributes["service_settings"].Expr.Value(nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for item, attrs := range map[string]map[string]cty.Value{
		"web": {"image": cty.StringVal("public.ecr.aws/nginx/nginx:stable"), "container_port": cty.NumberIntVal(80), "protocol": cty.StringVal("HTTPS"),
			"cpu": cty.NumberIntVal(256), "memory": cty.NumberIntVal(512), "min_tasks": cty.NumberIntVal(2), "desired_tasks": cty.NumberIntVal(2)},
		"api": {"image": cty.StringVal("example.com/api:1"), "container_port": cty.NumberIntVal(8080), "protocol": cty.StringVal("HTTP"),
			"cpu": cty.NumberIntVal(512), "memory": cty.NumberIntVal(1024), "min_tasks": cty.NumberIntVal(1), "desired_tasks": cty.NumberIntVal(1)},
	} {
		got := settings.GetAttr(item)
		if n := len(got.Type().AttributeTypes()); n != len(attrs) {
			t.Errorf("service_settings.%s has %d attributes, want %d", item, n, len(attrs))
		}
		for k, v := range attrs {
			if g := got.GetAttr(k); !g.Equals(v).True() {
				t.Errorf("service_settings.%s.%s = %#v, want %#v", item, k, g, v)
			}
		}
	}
	for file, patterns := range map[string][]string{
		"variables.tf": {
			`(?m)^variable "service_settings" \{\n  description = "Settings of each item of services, keyed by the item: image \(Image\), container_port \(Container port\), protocol \(Protocol\), cpu \(CPU units\), memory \(Memory \(MiB\)\), min_tasks \(Minimum tasks\), desired_tasks \(Desired tasks\)."$`,
			`type = map\(object\(\{\n    image\s+= string\n    container_port\s+= number\n    protocol\s+= string\n    cpu\s+= number\n`,
			`condition     = jsonencode\(sort\(keys\(var.service_settings\)\)\) == jsonencode\(sort\(var.services\)\)`,
			`condition     = alltrue\(\[for s in var.service_settings : contains\(\["HTTP", "HTTPS"\], s.protocol\)\]\)`,
			`condition     = alltrue\(\[for s in var.service_settings : s.container_port >= 1 && s.container_port <= 65535\]\)`,
			`condition     = alltrue\(\[for s in var.service_settings : s.memory >= s.cpu\]\)`,
			`condition     = alltrue\(\[for s in var.service_settings : s.desired_tasks >= s.min_tasks\]\)`,
			`error_message = "The memory of each item of service_settings must be at least cpu."`,
			`condition     = alltrue\(\[for item in var.services : can\(regex\("\^\[a-z\]\[a-z0-9-\]\*\$", item\)\)\]\)`,
		},
		// web first: the list's order, not the alphabet's.
		"terraform.tfvars":   {`(?s)service_settings = \{\n  web = \{\n    image\s+= "public.ecr.aws/nginx/nginx:stable"\n.*\n  api = \{\n`},
		"README.md":          {"(?m)^\\| `service_settings` \\| map\\(object\\) \\| `\\{web = \\{…\\}, api = \\{…\\}\\}` \\| Settings of each item of services: image, container_port, protocol, cpu, memory, min_tasks, desired_tasks \\|$"},
		spec.AnswersFileName: {`(?m)^web_container_port\s+= 80$`, `(?m)^api_image\s+= "example.com/api:1"$`, `(?m)^web_desired_tasks\s+= 2$`},
	} {
		for _, re := range patterns {
			if !regexp.MustCompile(re).Match(want[file]) {
				t.Errorf("%s lacks /%s/:\n%s", file, re, want[file])
			}
		}
	}
	for _, bad := range []string{"variable \"image\"", "variable \"api_image\""} {
		if bytes.Contains(want["variables.tf"], []byte(bad)) {
			t.Errorf("variables.tf holds %s: per-item answers belong in service_settings", bad)
		}
	}

	tf := tftest.Find(t)
	mod := filepath.Join(t.TempDir(), "module")
	var files []generator.File
	for p, d := range want {
		files = append(files, generator.File{Path: p, Data: d})
	}
	if err := generator.Write(mod, files, false); err != nil {
		t.Fatal(err)
	}
	if out, err := tf.Run(mod, "fmt", "-check", "-recursive", "-list=true", "-no-color"); err != nil {
		t.Fatalf("terraform fmt -check would change:\n%s", out)
	}
	if err := tf.Init(mod); err != nil {
		t.Fatal(err)
	}
	terraformValidate(t, tf, mod)
	res, err := tf.Test(mod)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Passed() {
		t.Fatalf("terraform test failed:\n%s", res.Problems())
	}
	// One refusal run per per-item rule Terraform repeats without reading
	// another answer (and per choice list), and one for the map's keys.
	runs := regexp.MustCompile(`(?s)run "refuses_bad_values_\d+" \{\n  command = plan\n\n  variables \{\n    service_settings = `).FindAll(want[generator.ValidationsTestFile], -1)
	wantRuns := 1 // the map's keys
	for _, q := range b.PerItem("services") {
		if len(q.Choices) > 0 {
			wantRuns++
		}
		for _, r := range q.Rules {
			if r.Condition != nil && len(r.Reads) == 0 {
				wantRuns++
			}
		}
	}
	if len(runs) != wantRuns {
		t.Errorf("%s has %d runs setting service_settings, want %d:\n%s", generator.ValidationsTestFile, len(runs), wantRuns, want[generator.ValidationsTestFile])
	}
	t.Logf("terraform test: %d run blocks passed", len(res.Runs))
}

// itemSamples are the fixture's conformance samples, as after --set, with
// the variables whose Terraform validation must refuse them.
var itemSamples = []struct {
	set    map[string]string
	refuse []string
}{
	{map[string]string{"services": "api,web", "api_cpu": "1024", "api_memory": "2048", "web_min_tasks": "3", "web_desired_tasks": "4"}, nil},
	{map[string]string{"services": "api,web", "web_container_port": "0"}, []string{"service_settings"}},              // Range
	{map[string]string{"services": "api,web", "api_container_port": "80.5"}, []string{"service_settings"}},           // Whole
	{map[string]string{"app_image": ""}, []string{"service_settings"}},                                               // Length
	{map[string]string{"app_protocol": "TCP"}, []string{"service_settings"}},                                         // choices
	{map[string]string{"app_cpu": "300"}, []string{"service_settings"}},                                              // Custom
	{map[string]string{"app_cpu": "1024", "app_memory": "512"}, []string{"service_settings"}},                        // AtLeast cpu, per item
	{map[string]string{"services": "a,b", "b_min_tasks": "4", "b_desired_tasks": "2"}, []string{"service_settings"}}, // AtLeast min_tasks
	{map[string]string{"app_memory": "100000"}, []string{"service_settings"}},                                        // Range
	{map[string]string{"app_min_tasks": "11", "app_desired_tasks": "5"}, []string{"service_settings"}},               // Range
	{map[string]string{"app_min_tasks": "1.5", "app_desired_tasks": "2"}, []string{"service_settings"}},              // Whole
	{map[string]string{"app_desired_tasks": "11"}, []string{"service_settings"}},                                     // Range
	{map[string]string{"services": "api,Web"}, []string{"services"}},                                                 // ItemNames
	{map[string]string{"services": "api_v2"}, []string{"services"}},                                                  // ItemNames: an underscore
}

// TestPerItemConformance proves that the Go checks (run per item with the
// item's view of the answers) and the settings variable's validations
// agree on each sample.
func TestPerItemConformance(t *testing.T) {
	tf := tftest.Find(t)
	b := itemFixture()
	var runs []conformanceRun
	for i, s := range itemSamples {
		r := goSide(t, i, conformanceSample{blueprint: b.ID, set: s.set})
		if !slices.Equal(r.expect, s.refuse) {
			t.Errorf("sample %v: the Go checks refuse %q, want %q", s.set, r.expect, s.refuse)
		}
		runs = append(runs, r)
	}
	// Every per-item rule (and choice list) is the only one refusing some
	// sample, whichever item it is refused for.
	alone := map[string]bool{}
	for _, r := range runs {
		if len(r.rejectedBy) != 1 {
			continue
		}
		for k, ids := range r.rejectedBy {
			if q := b.QuestionOf(k); q != nil && len(ids) == 1 {
				alone[ruleID(b, q.Key, strings.TrimPrefix(ids[0], ruleID(b, k, "")))] = true
			}
		}
	}
	for _, q := range b.PerItem("services") {
		for _, id := range allRules(b, q) {
			if !alone[id] {
				t.Errorf("no sample is refused by %q alone", id)
			}
		}
	}
	dir := t.TempDir()
	writeConformance(t, dir, b, runs)
	for _, p := range runConformance(t, tf, dir, runs) {
		t.Errorf("the Go checks and the Terraform validations disagree on %s", p)
	}
}

// Every per-item rule without Reads is broken by some candidate, and each
// Go refusal names the per-item key.
func TestPerItemRefusalNamesKey(t *testing.T) {
	b := itemFixture()
	_, err := b.Resolve(map[string]spec.Given{
		"services":          {Value: spec.ListVal([]string{"api", "web"}), Source: spec.FromFlag},
		"web_cpu":           {Value: cty.NumberIntVal(1024), Source: spec.FromFlag},
		"web_memory":        {Value: cty.NumberIntVal(512), Source: spec.FromFlag},
		"api_protocol":      {Value: cty.StringVal("HTTPX"), Source: spec.FromFlag},
		"web_min_tasks":     {Value: cty.NumberIntVal(3), Source: spec.FromFlag},
		"api_min_tasks":     {Value: cty.NumberIntVal(1), Source: spec.FromFlag},
		"api_image":         {Value: cty.StringVal("x"), Source: spec.FromFlag},
		"web_image":         {Value: cty.StringVal("y"), Source: spec.FromFlag},
		"web_desired_tasks": {Value: cty.NumberIntVal(3), Source: spec.FromFlag},
	}, nil, true)
	if err == nil {
		t.Fatal("accepted")
	}
	msg := err.Error()
	for _, want := range []string{
		`api_protocol = "HTTPX" is not accepted: api_protocol must be one of HTTP, HTTPS (did you mean "HTTP"?)`,
		`web_memory = 512 is not accepted: web_memory must be at least cpu (web_cpu is 1024)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "api_memory") || strings.Contains(msg, "desired") {
		t.Errorf("a rule refused an item it should not have:\n%s", msg)
	}
}
