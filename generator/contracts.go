package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/hclrefs"
)

// ContractError lists every broken contract between the components of one
// generated module; each line names the component and the reference.
type ContractError struct {
	Blueprint string
	Problems  []string
}

func (e *ContractError) Error() string {
	return fmt.Sprintf("blueprint %s: the components do not fit together:\n  %s", e.Blueprint, strings.Join(e.Problems, "\n  "))
}

// CheckContracts renders every component b composes for answers a on its
// own, reads what each one defines and refers to, and checks the contracts
// between them (see spec.Component):
//   - a component names no resource or data source of another component:
//     what crosses components is a role-named local value;
//   - every local value a component reads is provided by a composed
//     component, and every resource or data source it names exists;
//   - every var.X is a question of b that applies to a (one the module has a
//     variable for), and every such question is read by some component or
//     by the shape output.
//
// It needs no Terraform. It returns a *ContractError listing every problem,
// or an error when a component does not render or parse.
func CheckContracts(b *spec.Blueprint, a spec.Answers) error {
	components := b.Components(a)
	r, err := readComponents(b, a, components)
	if err != nil {
		return err
	}
	owner, uses, read, problems := r.owner, r.uses, r.read, r.problems
	asked := map[string]bool{}
	// A list's per-item questions reach the module as one settings
	// variable (service_settings), tunable like the questions it holds.
	for _, sv := range settingsLists(b) {
		asked["var."+sv.name] = true
	}
	for _, q := range Applicable(b, a) {
		asked["var."+q.Key] = true
		if q.Shape != spec.Tunes {
			read["var."+q.Key] = true // read by the shape output
		}
	}
	for _, u := range uses {
		switch {
		case strings.HasPrefix(u.ref, "var."):
			if !asked[u.ref] {
				problems = append(problems, fmt.Sprintf("component %s reads %s, which is not a question of blueprint %s that applies to these answers", u.component, u.ref, b.ID))
			}
		default:
			def, ok := owner[u.ref]
			switch {
			case !ok && strings.HasPrefix(u.ref, "local."):
				problems = append(problems, fmt.Sprintf("component %s reads %s, which no composed component provides (composed: %s)", u.component, u.ref, names(components)))
			case !ok:
				problems = append(problems, fmt.Sprintf("component %s refers to %s, which no composed component defines", u.component, u.ref))
			case def != u.component && !strings.HasPrefix(u.ref, "local."):
				problems = append(problems, fmt.Sprintf("component %s refers to %s of component %s: read a role-named local value that %s provides instead", u.component, u.ref, def, def))
			}
		}
	}
	for _, q := range Applicable(b, a) {
		if !read["var."+q.Key] {
			problems = append(problems, fmt.Sprintf("question %s is asked, but no composed component reads var.%s", q.Key, q.Key))
		}
	}
	slices.Sort(problems)
	problems = slices.Compact(problems)
	if len(problems) > 0 {
		return &ContractError{Blueprint: b.ID, Problems: problems}
	}
	return nil
}

// componentUse is one reference of a component: a resource, data source,
// local value (ref) or variable it reads.
type componentUse struct{ component, ref string }

// componentReads is what the components of one module define and read.
type componentReads struct {
	owner    map[string]string // address → component that defines it
	uses     []componentUse
	read     map[string]bool // var.X read by some component
	problems []string        // addresses two components define
}

// readComponents renders each of components on its own and reads what it
// defines and refers to.
func readComponents(b *spec.Blueprint, a spec.Answers, components []spec.Component) (componentReads, error) {
	r := componentReads{owner: map[string]string{}, read: map[string]bool{}}
	data := templateData(b, a, components)
	for _, c := range components {
		g := newGeneration(b, a)
		if err := g.component(c, data); err != nil {
			return r, err
		}
		fragments := map[string][]byte{}
		for p, d := range g.files {
			fragments[p] = d
		}
		for i, o := range g.outputs {
			fragments[fmt.Sprintf("outputs.tf#%d", i)] = o
		}
		for p, src := range fragments {
			if !isHCL(strings.SplitN(p, "#", 2)[0]) {
				continue
			}
			f, err := parseHCL(c.Name+"/"+p, src)
			if err != nil {
				return r, fmt.Errorf("blueprint %s: %w", b.ID, err)
			}
			for _, blk := range hclrefs.Blocks(f.Body.(*hclsyntax.Body)) {
				if blk.Addr != "" && !strings.HasPrefix(blk.Addr, "output.") {
					if other, dup := r.owner[blk.Addr]; dup && other != c.Name {
						r.problems = append(r.problems, fmt.Sprintf("component %s defines %s, which component %s defines too", c.Name, blk.Addr, other))
					}
					r.owner[blk.Addr] = c.Name
				}
				for _, ref := range blk.Refs {
					r.uses = append(r.uses, componentUse{c.Name, ref})
				}
				for _, v := range blk.Vars {
					r.uses = append(r.uses, componentUse{c.Name, v})
					r.read[v] = true
				}
			}
		}
	}
	return r, nil
}

// ComponentReferences is the reference graph of the module b generates for
// answers a, between components: reads[x][y] when component x reads a
// local value, resource or data source that component y defines (x ≠ y).
func ComponentReferences(b *spec.Blueprint, a spec.Answers) (reads map[string]map[string]bool, err error) {
	r, err := readComponents(b, a, b.Components(a))
	if err != nil {
		return nil, err
	}
	reads = map[string]map[string]bool{}
	for _, u := range r.uses {
		if def, ok := r.owner[u.ref]; ok && def != u.component {
			if reads[u.component] == nil {
				reads[u.component] = map[string]bool{}
			}
			reads[u.component][def] = true
		}
	}
	return reads, nil
}

func names(cs []spec.Component) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return strings.Join(out, ", ")
}
