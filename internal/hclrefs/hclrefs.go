// Package hclrefs reads what a Terraform module's blocks define and what
// they refer to, from its HCL alone (no Terraform, no provider): resources
// ("aws_lb.main"), data sources ("data.aws_region.current"), local values
// ("local.prefix") and input variables ("var.name").
//
// scaffold uses it twice: the generator's contract check (which component
// provides and reads which local value) and the proof harness's re-plan
// check (whether a value known only after apply follows from a change the
// emulator misreads).
package hclrefs

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Block is one top-level definition of a module and what it refers to.
type Block struct {
	// Addr is the address it defines: "aws_lb.main", "data.aws_region.current",
	// "local.prefix", "var.name", "output.app_url"; "" for blocks that define
	// nothing addressable (terraform, provider, check).
	Addr string
	// Refs are the resources, data sources and locals it refers to, sorted
	// and without duplicates.
	Refs []string
	// Vars are the input variables it reads, as "var.name", sorted.
	Vars []string
}

// Blocks lists the definitions of one parsed file; each local value of a
// locals block is a Block of its own.
func Blocks(body *hclsyntax.Body) []Block {
	var out []Block
	for _, blk := range body.Blocks {
		switch {
		case blk.Type == "resource" && len(blk.Labels) == 2:
			out = append(out, collect(blk.Labels[0]+"."+blk.Labels[1], blk.Body))
		case blk.Type == "data" && len(blk.Labels) == 2:
			out = append(out, collect("data."+blk.Labels[0]+"."+blk.Labels[1], blk.Body))
		case blk.Type == "variable" && len(blk.Labels) == 1:
			out = append(out, collect("var."+blk.Labels[0], blk.Body))
		case blk.Type == "output" && len(blk.Labels) == 1:
			out = append(out, collect("output."+blk.Labels[0], blk.Body))
		case blk.Type == "locals":
			names := make([]string, 0, len(blk.Body.Attributes))
			for name := range blk.Body.Attributes {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				b := Block{Addr: "local." + name}
				b.add(blk.Body.Attributes[name].Expr.Variables(), nil)
				out = append(out, b.sorted())
			}
		default:
			out = append(out, collect("", blk.Body))
		}
	}
	return out
}

func collect(addr string, body *hclsyntax.Body) Block {
	b := Block{Addr: addr}
	var walk func(*hclsyntax.Body, map[string]bool)
	walk = func(body *hclsyntax.Body, iterators map[string]bool) {
		for _, attr := range body.Attributes {
			b.add(attr.Expr.Variables(), iterators)
		}
		for _, blk := range body.Blocks {
			inner := iterators
			// A dynamic block's iterator (its label, or its iterator
			// argument) is a name of its own, not a resource type.
			if blk.Type == "dynamic" && len(blk.Labels) == 1 {
				name := blk.Labels[0]
				if it, ok := blk.Body.Attributes["iterator"]; ok {
					if tr, diags := hcl.AbsTraversalForExpr(it.Expr); !diags.HasErrors() {
						name = tr.RootName()
					}
				}
				inner = map[string]bool{name: true}
				for k := range iterators {
					inner[k] = true
				}
			}
			walk(blk.Body, inner)
		}
	}
	walk(body, nil)
	return b.sorted()
}

func (b *Block) add(traversals []hcl.Traversal, iterators map[string]bool) {
	for _, t := range traversals {
		if iterators[t.RootName()] {
			continue
		}
		if v := VarName(t); v != "" {
			b.Vars = append(b.Vars, "var."+v)
		} else if ref := Address(t); ref != "" {
			b.Refs = append(b.Refs, ref)
		}
	}
}

func (b Block) sorted() Block {
	slices.Sort(b.Refs)
	b.Refs = slices.Compact(b.Refs)
	slices.Sort(b.Vars)
	b.Vars = slices.Compact(b.Vars)
	return b
}

// VarName is the name of the input variable a traversal reads, or "".
func VarName(t hcl.Traversal) string {
	if len(t) < 2 {
		return ""
	}
	root, ok := t[0].(hcl.TraverseRoot)
	attr, ok2 := t[1].(hcl.TraverseAttr)
	if !ok || !ok2 || root.Name != "var" {
		return ""
	}
	return attr.Name
}

// Address turns a traversal into the address of the resource, data source
// or local value it refers to, or "" for what is none of those (variables,
// count.index, each, path, self, module outputs).
func Address(t hcl.Traversal) string {
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

// Graph says, for each resource, data source and local value of a module,
// which of those it refers to.
type Graph map[string][]string

// Add records the blocks of one file in the graph; outputs, variables and
// unaddressed blocks are not nodes.
func (g Graph) Add(blocks []Block) {
	for _, b := range blocks {
		switch {
		case b.Addr == "", strings.HasPrefix(b.Addr, "var."), strings.HasPrefix(b.Addr, "output."):
			continue
		}
		refs := append(g[b.Addr], b.Refs...)
		slices.Sort(refs)
		g[b.Addr] = slices.Compact(refs)
	}
}

// Reaches reports whether from refers, directly or through other
// resources, data sources and locals, to any address in targets.
func (g Graph) Reaches(from string, targets map[string]bool) bool {
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
