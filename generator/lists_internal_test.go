package generator

import (
	"slices"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// Templates read a list answer as a []string, and hcl writes it as a
// literal.
func TestTemplatesReadLists(t *testing.T) {
	b := &spec.Blueprint{ID: "x", Questions: []*spec.Question{
		{Key: "services", Type: spec.ListOfStrings},
		{Key: "name", Type: cty.String},
	}}
	a := spec.NewAnswers(map[string]cty.Value{"services": spec.ListVal([]string{"api", "web"}), "name": cty.StringVal("shop")})
	data := templateData(b, a, nil)
	if got, ok := data["services"].([]string); !ok || !slices.Equal(got, []string{"api", "web"}) {
		t.Errorf("templates read services as %#v, want []string{api web}", data["services"])
	}
	hcl := funcs["hcl"].(func(any) (string, error))
	for v, want := range map[*[]string]string{{"api", "web"}: `["api", "web"]`, {}: "[]"} {
		got, err := hcl(*v)
		if err != nil || got != want {
			t.Errorf("hcl(%q) = %q, %v; want %s", *v, got, err, want)
		}
	}
}
