package prove

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// refGraph says, for each resource, data source and local value of a module
// ("aws_lambda_alias.live", "data.aws_iam_policy_document.x", "local.db"),
// which of those its arguments and depends_on refer to. The re-plan check
// uses it to accept a value known only after apply only where it follows
// from a change the gaps explain.
type refGraph map[string][]string

// moduleRefs reads every .tf file of the module in dir (the harness's
// override files included) and builds its reference graph.
func moduleRefs(dir string) (refGraph, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	g := refGraph{}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f, diags := hclsyntax.ParseConfig(src, filepath.Base(p), hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("%s: %s", filepath.Base(p), diags.Error())
		}
		for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
			switch {
			case blk.Type == "resource" && len(blk.Labels) == 2:
				g.add(blk.Labels[0]+"."+blk.Labels[1], blk.Body)
			case blk.Type == "data" && len(blk.Labels) == 2:
				g.add("data."+blk.Labels[0]+"."+blk.Labels[1], blk.Body)
			case blk.Type == "locals":
				for name, attr := range blk.Body.Attributes {
					g.addRefs("local."+name, attr.Expr.Variables())
				}
			}
		}
	}
	for k, refs := range g {
		slices.Sort(refs)
		g[k] = slices.Compact(refs)
	}
	return g, nil
}

// add records every reference in body, nested blocks included, under addr.
func (g refGraph) add(addr string, body *hclsyntax.Body) {
	g.addRefs(addr, nil)
	for _, attr := range body.Attributes {
		g.addRefs(addr, attr.Expr.Variables())
	}
	for _, blk := range body.Blocks {
		g.add(addr, blk.Body)
	}
}

// addRefs records the references among traversals under addr; addr is a
// node of the graph afterwards even when it refers to nothing.
func (g refGraph) addRefs(addr string, traversals []hcl.Traversal) {
	if _, ok := g[addr]; !ok {
		g[addr] = nil
	}
	for _, t := range traversals {
		if ref := refAddr(t); ref != "" {
			g[addr] = append(g[addr], ref)
		}
	}
}

// refAddr turns a traversal into the address of what it refers to, or ""
// for what cannot change on apply (variables, count.index, each, path).
func refAddr(t hcl.Traversal) string {
	var names []string
steps:
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		default: // an index ends the address part of a traversal
			break steps
		}
		if len(names) == 3 {
			break
		}
	}
	if len(names) == 0 {
		return ""
	}
	switch names[0] {
	case "var", "count", "each", "path", "terraform", "self", "module":
		return ""
	case "local":
		if len(names) >= 2 {
			return "local." + names[1]
		}
	case "data":
		if len(names) >= 3 {
			return "data." + names[1] + "." + names[2]
		}
	default:
		if len(names) >= 2 {
			return names[0] + "." + names[1]
		}
	}
	return ""
}

// reaches reports whether from refers, directly or through other resources,
// data sources and locals, to any address in targets.
func (g refGraph) reaches(from string, targets map[string]bool) bool {
	seen := map[string]bool{from: true}
	stack := []string{from}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range g[n] {
			if targets[m] {
				return true
			}
			if !seen[m] {
				seen[m] = true
				stack = append(stack, m)
			}
		}
	}
	return false
}

// configAddr strips instance keys: aws_lambda_alias.live[0] → aws_lambda_alias.live.
func configAddr(addr string) string {
	if i := strings.IndexByte(addr, '['); i >= 0 {
		return addr[:i]
	}
	return addr
}
