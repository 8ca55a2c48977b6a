package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// perItemBlueprint is a test-only blueprint with per-item questions: an
// image, cpu and memory (at least cpu, a rule reading the same item's cpu)
// for each item of services. Its module is the base component.
func perItemBlueprint() *spec.Blueprint {
	b := &spec.Blueprint{ID: "per-item", Title: "Per-item answers", Flow: spec.Graph{Nodes: []spec.Node{{ID: "a", Label: "A", Component: "a"}}},
		Components: func(spec.Answers) []spec.Component { return []spec.Component{{Name: "base"}} }}
	for _, q := range blueprints.WebApp().Questions {
		if slices.Contains([]string{"name", "region", "environment"}, q.Key) {
			b.Questions = append(b.Questions, q)
		}
	}
	b.Questions = append(b.Questions,
		&spec.Question{Key: "services", Prompt: "Services", Type: spec.ListOfStrings,
			Default: spec.Fixed(spec.ListVal([]string{"app"})),
			Rules:   []spec.Rule{rules.Items(1, 3), rules.Unique(), spec.ItemNames()}},
		&spec.Question{Key: "image", Each: "services", Prompt: "Image", Help: "The container image.", Type: cty.String,
			Default: spec.Fixed(cty.StringVal("nginx:stable")), Rules: []spec.Rule{rules.Length(1, 255)}},
		&spec.Question{Key: "cpu", Each: "services", Prompt: "CPU units", Type: cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(256)), Rules: []spec.Rule{rules.Range(256, 4096)}},
		&spec.Question{Key: "memory", Each: "services", Prompt: "Memory (MiB)", Type: cty.Number,
			Default: func(a spec.Answers) cty.Value { return cty.NumberFloatVal(a.Float("cpu") * 2) }, DefaultText: "twice cpu",
			Rules: []spec.Rule{rules.AtLeast("cpu")}},
	)
	return b
}

func init() { testBlueprints["per-item"] = perItemBlueprint() }

// explain groups per-item questions under their list, with how to answer
// them; `new --help` lists their keys as <item>_KEY.
func TestExplainPerItem(t *testing.T) {
	b := perItemBlueprint()
	var out bytes.Buffer
	explain(&out, b)
	setKeysHelp(&out, b)
	text := out.String()
	for _, want := range []string{
		"\n  services (list(string), default [\"app\"])",
		"For each item of services, these questions are asked; answer them as <item>_<key> (--set app_image=VALUE",
		"service_settings, a map keyed by item.",
		"\n      <item>_image (string, default \"nginx:stable\")\n          Image. The container image.",
		"\n      <item>_memory (number, default twice cpu)",
		"          Must be at least cpu.",
		"  <item>_cpu  number",
		"<item>_KEY answers KEY for one item of services, e.g. --set app_image=VALUE",
	} {
		// Wrapped lines may break anywhere there is a space.
		if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(text, "\n      <item>_image (string") {
		t.Errorf("the per-item questions are not indented under their list:\n%s", text)
	}
	if i, j := strings.Index(text, "services (list"), strings.Index(text, "<item>_image (string"); i < 0 || j < i {
		t.Errorf("the per-item questions are not under their list:\n%s", text)
	}
}

// `scaffold new --set` takes per-item keys; one for an item not in the
// list is refused, naming the list, its items and the nearest item's key;
// a per-item key given bare says how to write it.
func TestNewPerItemSet(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	io := &IO{Out: &stdout, ErrOut: &stderr, CanPrompt: func() bool { return false }}
	code := run([]string{"new", "per-item", dir + "/ok", "--yes", "--set", "services=api,web", "--set", "web_cpu=1024", "--set", "api_image=example.com/api:1"}, io)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	tfvars := readTfvars(t, dir+"/ok/terraform.tfvars")
	settings := tfvars["service_settings"]
	for _, c := range []struct {
		item, key string
		want      cty.Value
	}{
		{"api", "image", cty.StringVal("example.com/api:1")},
		{"api", "memory", cty.NumberIntVal(512)},
		{"web", "cpu", cty.NumberIntVal(1024)},
		{"web", "memory", cty.NumberIntVal(2048)}, // the default, from web's own cpu
	} {
		if got := settings.GetAttr(c.item).GetAttr(c.key); !got.Equals(c.want).True() {
			t.Errorf("service_settings.%s.%s = %#v, want %#v", c.item, c.key, got, c.want)
		}
	}

	// Without a terminal, the missing answers are listed per item, ready
	// to paste back.
	stderr.Reset()
	if code := run([]string{"new", "per-item", dir + "/missing", "--set", "services=api,web"}, io); code != exitBadInput ||
		!strings.Contains(stderr.String(), "--set api_image=nginx:stable") || !strings.Contains(stderr.String(), "--set web_memory=512") {
		t.Errorf("exit %d, want %d listing api_image and web_memory:\n%s", code, exitBadInput, stderr.String())
	}

	for args, want := range map[string]string{
		"--set services=api,web --set apx_image=x": `apx_image answers image for item "apx" of services, which has no such item (its items are "api", "web"); did you mean "api_image"?`,
		"--set image=x": `image is asked for each item of services: give it as <item>_image, such as app_image`,
		// The example comes from the items given, not the default's.
		"--set services=api,web --set image=x":                        `image is asked for each item of services: give it as <item>_image, such as api_image (the items of services = ["api", "web"])`,
		"--set services=api_v2":                                       `services must have items that start with a lowercase letter and hold only lowercase letters, digits and hyphens`,
		"--set web_memory=128":                                        `web_memory answers memory for item "web" of services, which has no such item (its items are "app")`,
		"--set services=api --set api_cpu=x":                          `api_cpu = "x" is not accepted: api_cpu must be a number`,
		"--set services=api --set api_cpu=2048 --set api_memory=1024": `api_memory = 1024 is not accepted: api_memory must be at least cpu (api_cpu is 2048)`,
	} {
		stderr.Reset()
		code := run(append([]string{"new", "per-item", dir + "/bad", "--yes"}, strings.Fields(args)...), io)
		if code != exitBadInput || !strings.Contains(stderr.String(), want) {
			t.Errorf("%s: exit %d, want %d and %q in:\n%s", args, code, exitBadInput, want, stderr.String())
		}
	}
}
