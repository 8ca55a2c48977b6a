package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func listQuestionBlueprint() *spec.Blueprint {
	return &spec.Blueprint{ID: "lists", Title: "Lists", Flow: spec.Graph{Nodes: []spec.Node{{ID: "a", Label: "A", Component: "a"}}}, Questions: []*spec.Question{
		{Key: "services", Prompt: "Services", Type: spec.ListOfStrings, Default: spec.Fixed(spec.ListVal([]string{"api", "web"}))},
		{Key: "aliases", Prompt: "Aliases", Type: spec.ListOfStrings, Default: spec.Fixed(spec.ListVal(nil))},
		{Key: "name", Prompt: "Name", Type: cty.String, Default: spec.Fixed(cty.StringVal("shop"))},
	}}
}

// explain and `new --help` show a list's type and default as an answers
// file writes them, and how a list is given.
func TestExplainListQuestion(t *testing.T) {
	b := listQuestionBlueprint()
	var out bytes.Buffer
	explain(&out, b)
	setKeysHelp(&out, b)
	for _, want := range []string{
		`services (list(string), default ["api", "web"])`,
		`aliases (list(string), default [])`,
		`A list: --set services=a,b (items separated by commas; services= or`,
		`services = ["a", "b"] in an answers file.`,
		`name (string, default "shop")`,
		"services  list(string)  default [\"api\", \"web\"]",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// The --set lines listed for missing answers give a list as it is typed,
// and can be pasted back.
func TestMissingListAnswers(t *testing.T) {
	b := listQuestionBlueprint()
	_, err := b.Resolve(nil, nil, false)
	m, ok := err.(*spec.MissingError)
	if !ok {
		t.Fatalf("Resolve = %v, want the missing answers", err)
	}
	text := missingText(m)
	for _, want := range []string{"\n  --set services=api,web", "\n  --set 'aliases=[]'"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing text lacks %q:\n%s", want, text)
		}
	}
	for i, q := range m.Missing {
		v, d := q.ParseText(spec.Display(m.Defaults[i]))
		if d != nil || !v.RawEquals(m.Defaults[i]) {
			t.Errorf("--set %s=%s does not give the default back: %#v, %v", q.Key, spec.Display(m.Defaults[i]), v, d)
		}
	}
}
