package generator_test

import (
	"testing"

	"github.com/scaffold-tf/scaffold/generator"
)

// TestFlowEdgesAreReferences checks every blueprint's flow graph against
// the module it draws: in each golden case, every edge between two pieces
// of the module stands for a reference between their components in the
// generated Terraform (one reads a local value, resource or data source
// the other defines, in either direction), so a diagram cannot show a
// connection the code does not make.
func TestFlowEdgesAreReferences(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			a := resolveCase(t, c)
			reads, err := generator.ComponentReferences(c.Blueprint, a)
			if err != nil {
				t.Fatal(err)
			}
			g := c.Blueprint.Flow.For(c.Blueprint.Components(a))
			for _, e := range g.Edges {
				from, _ := g.Node(e.From)
				to, _ := g.Node(e.To)
				if from.Component == "" || to.Component == "" {
					continue // outside the module: nothing in the code to check
				}
				if from.Component == to.Component {
					continue
				}
				if !reads[from.Component][to.Component] && !reads[to.Component][from.Component] {
					t.Errorf("the flow draws %s → %s (%q), but components %s and %s do not refer to each other in the generated module",
						from.Label, to.Label, e.Label, from.Component, to.Component)
				}
			}
		})
	}
}
