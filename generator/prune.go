package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
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
	for p, blocks := range g.refs { // read from each file as it was parsed
		for _, blk := range blocks {
			if strings.HasPrefix(blk.Addr, "local.") {
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
		if treeRead[p] {
			// The README reads this file's tree as parsed before pruning.
			return fmt.Errorf("blueprint %s: %s defines local values (%s), which it must not: the README reads it as it was before unread locals are removed", g.b.ID, p, strings.Join(names, ", "))
		}
		if out, ok := cutLocals(g.files[p], names); ok {
			// Whole lines of a canonical file, alignment unchanged: still
			// canonical, and still valid HCL (checked by a test on every
			// golden module).
			g.files[p] = out
			continue
		}
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
	return strings.HasSuffix(p, ".tf") && !strings.Contains(p, "/")
}

// localName is the name line l assigns when it is an attribute of a
// locals block at the top level of a file (`  NAME<spaces>= `, NAME an
// identifier), and "" for any other line. It reads the line as the
// pattern ^  ([A-Za-z_][A-Za-z0-9_-]*) *=  would (TestLocalName), without
// a regular expression: it runs on every line of each file with a local
// value to remove.
func localName(l string) string {
	if len(l) < 3 || l[0] != ' ' || l[1] != ' ' {
		return ""
	}
	if c := l[2]; !(c == '_' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
		return ""
	}
	i := 3
	for i < len(l) && (l[i] == '_' || l[i] == '-' || 'A' <= l[i] && l[i] <= 'Z' || 'a' <= l[i] && l[i] <= 'z' || '0' <= l[i] && l[i] <= '9') {
		i++
	}
	name := l[2:i]
	for i < len(l) && l[i] == ' ' {
		i++
	}
	if !strings.HasPrefix(l[i:], "= ") {
		return ""
	}
	return name
}

// cutLocals removes the local values names, with the comment lines right
// above each, from canonical HCL src, when that keeps it canonical: the
// "=" of the attributes around each still aligned as hclwrite would align
// them (its name was not the only longest of its run of lines; a value of
// several lines stands alone). It reports false when it cannot, and the
// caller reformats instead.
func cutLocals(src []byte, names []string) ([]byte, bool) {
	lines := strings.SplitAfter(string(src), "\n")
	// local[i] is the name line i assigns, "" for any other line: each
	// line is matched once, however many names are removed.
	local := make([]string, len(lines))
	for i, l := range lines {
		local[i] = localName(l)
	}
	drop := map[int]bool{}
	for _, name := range names {
		at := -1
		for i, n := range local {
			if n == name {
				if at >= 0 {
					return nil, false // defined twice: leave it to the formatter
				}
				at = i
			}
		}
		if at < 0 {
			return nil, false
		}
		// The value's last line: where its brackets close.
		last, depth := at, 0
		for i := at; i < len(lines); i++ {
			l := lines[i]
			depth += strings.Count(l, "{") + strings.Count(l, "[") + strings.Count(l, "(") -
				strings.Count(l, "}") - strings.Count(l, "]") - strings.Count(l, ")")
			if depth == 0 {
				last = i
				break
			}
			if i == len(lines)-1 {
				return nil, false
			}
		}
		// The run of aligned lines around it: attributes next to each other.
		if last > at && ((at > 0 && local[at-1] != "") || (last+1 < len(lines) && local[last+1] != "")) {
			return nil, false // a multi-line value among others: let the formatter judge
		}
		start, end := at, at
		for start > 0 && local[start-1] != "" {
			start--
		}
		for end+1 < len(lines) && local[end+1] != "" {
			end++
		}
		longest, others := 0, 0
		for i := start; i <= end; i++ {
			n := len(local[i])
			if i == at {
				longest = n
			} else if n > others {
				others = n
			}
		}
		if end > start && longest > others {
			return nil, false // the others would be aligned anew
		}
		for i := at; i <= last; i++ {
			drop[i] = true
		}
		for i := at - 1; i >= 0 && strings.HasPrefix(strings.TrimSpace(lines[i]), "#"); i-- {
			drop[i] = true
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if !drop[i] {
			b.WriteString(l)
		}
	}
	out := b.String()
	// A blank line left before the end of a block, or two in a row, would
	// not be canonical.
	for strings.Contains(out, "\n\n}") || strings.Contains(out, "\n\n\n") || strings.Contains(out, "{\n\n") {
		out = strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(out, "\n\n}", "\n}"), "\n\n\n", "\n\n"), "{\n\n", "{\n")
	}
	if strings.Contains(out, "locals {\n}") {
		return nil, false // an empty block: the formatter removes it
	}
	return []byte(out), true
}
