package generator

import (
	"strings"
	"testing"
	"text/template"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// A field a partial reads that its input lacks, or an input left out,
// fails the render, like any missing key of a component template.
func TestRenderFailsOnBadPartialInput(t *testing.T) {
	for _, src := range []string{
		`{{ template "log_group" (logGroup "Label" "x") }}`,
		`{{ template "log_group" (logGroup "Label" "x" "Name" "n" "Retention" "7") }}`,
		`{{ template "service_role" (securityGroup "Label" "x" "Name" "n" "Description" "d") }}`,
		`{{ template "no_such_partial" . }}`,
	} {
		if out, err := new(renderer).render("test.tf.tmpl", []byte(src), map[string]any{}); err == nil {
			t.Errorf("%s rendered without error:\n%s", src, out)
		}
	}
	out, err := new(renderer).render("test.tf.tmpl", []byte(`{{ template "log_group" (logGroup "Label" "x" "Name" "/aws/x") }}`), map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `resource "aws_cloudwatch_log_group" "x" {`) {
		t.Errorf("log_group rendered:\n%s", out)
	}
}

// templates/partials holds no component: a blueprint naming it is refused.
func TestPartialsAreNotAComponent(t *testing.T) {
	b := blueprints.Lookup("serverless-api")
	g := newGeneration(b, spec.Answers{})
	err := g.component(spec.Component{Name: partialsDir}, map[string]any{})
	if err == nil || !strings.Contains(err.Error(), "not a component") {
		t.Fatalf("got %v, want a refusal", err)
	}
}

// TestComponentTemplatesDefineNothing parses every component template
// alone and requires it to define no template of its own ({{define}},
// {{block}}): a generation adds all of its files to one copy of the
// partials (renderer), where a second definition of a name would replace
// the first.
func TestComponentTemplatesDefineNothing(t *testing.T) {
	n := 0
	err := eachTemplateFile(func(p string, tpl *template.Template) error {
		if strings.HasPrefix(p, partialsDir+"/") {
			return nil
		}
		n++
		for _, def := range tpl.Templates() {
			if def.Name() != p {
				t.Errorf("%s defines template %q", p, def.Name())
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("checked %d component templates", n)
	}
	// The check sees a definition when there is one.
	tpl := template.Must(template.New("x").Parse(`{{define "y"}}{{end}}`))
	if len(tpl.Templates()) != 2 {
		t.Errorf("a {{define}} is not seen: %d templates", len(tpl.Templates()))
	}
}
