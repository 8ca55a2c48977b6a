package generator_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
)

// TestDerivedNamesAreDeclared reads every module a blueprint can generate
// (the defaults and each alternative choice) and finds every name built
// from local.prefix: each must be declared, at the same resource, attribute
// and template, among the derived names its name question checks; and each
// declared name must still be in some module. So a new component or
// blueprint that names a resource after the project cannot skip the AWS
// naming rules, and the table cannot keep a name no template writes.
func TestDerivedNamesAreDeclared(t *testing.T) {
	literal := regexp.MustCompile(`"[^"]*\$\{local\.prefix\}[^"]*"`)
	nameAttr := regexp.MustCompile(`name|identifier|bucket`)
	for _, b := range blueprints.All() {
		declared := blueprints.DerivedNames(blueprints.NamedComponents(b.ID)...)
		seen, reported := map[int]bool{}, map[string]bool{}
		def, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		shapes := []spec.Answers{def.Answers}
		for _, alt := range b.Alternatives(def.Answers) {
			a := def.Answers.Set(alt.Key, alt.Value)
			shapes = append(shapes, a)
			// The choices of the questions a choice opens (redshift_load
			// opens redshift_deployment) shape the module too.
			for _, more := range b.Alternatives(a) {
				if q := b.Question(more.Key); q != nil && q.Applies(a) && !q.Applies(def.Answers) {
					shapes = append(shapes, a.Set(more.Key, more.Value))
				}
			}
		}
		for _, a := range shapes {
			files, err := generator.Generate(b, a)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if !strings.HasSuffix(f.Path, ".tf") {
					continue
				}
				file, diags := hclsyntax.ParseConfig(f.Data, f.Path, hcl.InitialPos)
				if diags.HasErrors() {
					t.Fatal(diags)
				}
				var walk func(address string, body *hclsyntax.Body)
				walk = func(address string, body *hclsyntax.Body) {
					for name, attr := range body.Attributes {
						if !nameAttr.MatchString(name) || name == "description" {
							continue
						}
						src := string(attr.Expr.Range().SliceBytes(f.Data))
						lits := literal.FindAllString(src, -1)
						if _, whole := attr.Expr.(*hclsyntax.TemplateExpr); whole && len(lits) > 0 {
							// One template string, which may hold calls with
							// quoted arguments: the name is all of it.
							lits = []string{src}
						}
						for _, lit := range lits {
							tmpl := strings.Trim(lit, `"`)
							found := false
							for i, d := range declared {
								if (d.Resource == address || address == "locals") && d.Attr == name && d.Template() == tmpl {
									found, seen[i] = true, true
								}
							}
							if key := address + "." + name + tmpl; !found && !reported[key] {
								reported[key] = true
								t.Errorf("%s %s: %s.%s = %q is built from the project name but not declared in blueprints.componentNames, so the name question does not check it against AWS's rule", b.ID, f.Path, address, name, tmpl)
							}
						}
					}
					for _, blk := range body.Blocks {
						switch {
						case blk.Type == "resource" && len(blk.Labels) == 2:
							walk(blk.Labels[0]+"."+blk.Labels[1], blk.Body)
						case blk.Type == "locals":
							walk("locals", blk.Body)
						case address != "":
							walk(address, blk.Body)
						}
					}
				}
				walk("", file.Body.(*hclsyntax.Body))
			}
		}
		for i, d := range declared {
			if !seen[i] && !strings.HasPrefix(d.Before, "/aws/lambda/") {
				t.Errorf("%s: declared derived name %s.%s = %q is in no generated module", b.ID, d.Resource, d.Attr, d.Template())
			}
		}
	}
}
