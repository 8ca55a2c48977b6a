package generator

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/scaffold-tf/scaffold/internal/hclrefs"
)

// pruneUnreadLocals removes the local values that nothing in the module
// reads, directly or through other locals. A component provides its
// role-named locals (local.public_subnet_ids, local.log_bucket_domain_name)
// for whichever components a blueprint composes; those no composed
// component reads would be dead code in this module, and tflint's
// terraform_unused_declarations rightly flags them. A removed local takes
// its comment with it; a locals block left empty is removed too.
func (g *generation) pruneUnreadLocals() error {
	graph := hclrefs.Graph{}
	defined := map[string]string{} // local.X → file
	var roots []string
	for p, f := range g.parsed {
		if f == nil || !isTerraform(p) {
			continue
		}
		for _, blk := range hclrefs.Blocks(f.Body.(*hclsyntax.Body)) {
			if len(blk.Addr) > 6 && blk.Addr[:6] == "local." {
				defined[blk.Addr] = p
				graph[blk.Addr] = blk.Refs
				continue
			}
			roots = append(roots, blk.Refs...)
		}
	}
	live := map[string]bool{}
	for len(roots) > 0 {
		r := roots[len(roots)-1]
		roots = roots[:len(roots)-1]
		if live[r] {
			continue
		}
		live[r] = true
		roots = append(roots, graph[r]...)
	}
	dead := map[string][]string{} // file → local names to remove
	for addr, p := range defined {
		if !live[addr] {
			dead[p] = append(dead[p], addr[len("local."):])
		}
	}
	for p, names := range dead {
		slices.Sort(names)
		f, diags := hclwrite.ParseConfig(g.files[p], p, hcl.InitialPos)
		if diags.HasErrors() {
			return fmt.Errorf("blueprint %s: %s: %s", g.b.ID, p, diags.Error())
		}
		for _, blk := range f.Body().Blocks() {
			if blk.Type() != "locals" {
				continue
			}
			for _, n := range names {
				blk.Body().RemoveAttribute(n)
			}
			if len(blk.Body().Attributes()) == 0 {
				f.Body().RemoveBlock(blk)
			}
		}
		out, parsed, err := formatHCL(p, f.Bytes())
		if err != nil {
			return fmt.Errorf("blueprint %s: after removing unread locals: %w", g.b.ID, err)
		}
		g.files[p], g.parsed[p] = out, parsed
	}
	return nil
}

// isTerraform reports whether p is a Terraform configuration file of the
// root module (not a tfvars, test or answers file).
func isTerraform(p string) bool {
	return len(p) > 3 && p[len(p)-3:] == ".tf" && !slices.Contains([]byte(p), '/')
}
