package spec

import (
	"fmt"
	"slices"
	"strings"
)

// Graph is a blueprint's architecture as a small graph: the pieces a
// request, an event or data passes through (nodes) and what passes from one
// to the next (labelled edges). Each node belongs to the component that
// builds it and exists only in the modules that compose it, so one graph
// draws every shape of the blueprint: For cuts it to one module's. From it
// come the one-line flow of `scaffold list` (Line), the flow `scaffold
// explain` prints (Text) and the generated README's diagram (Mermaid); a
// test checks every edge between two components against the references
// between them in the generated Terraform, so the picture cannot drift
// from the code.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// Node is one piece of the architecture.
type Node struct {
	// ID names the node in the graph's edges and in Mermaid: lowercase
	// letters, digits and underscores.
	ID string
	// Label is the piece as the diagram shows it: "ALB".
	Label string
	// Component builds the piece; the node exists only in modules that
	// compose it. Empty for what lies outside the module: the users, a Git
	// host, the data's producers.
	Component string
	// Or makes the node an alternative to the node before it in the
	// one-line flow: "DynamoDB or S3".
	Or bool
	// Aside keeps the node out of the one-line flow (an alarm topic, a
	// dead-letter queue); diagrams still show it.
	Aside bool
}

// Edge is what passes from one node to another.
type Edge struct {
	From, To string // node IDs
	Label    string // what passes: "HTTPS", "a job per new object"
	// Bypassed is what passes when To is left out and For joins this
	// edge up to what To led to, when that differs from Label: users
	// reach CloudFront over HTTPS (it redirects HTTP), but reach a load
	// balancer without a certificate over plain HTTP.
	Bypassed string
}

// Node is the node of id, and whether there is one.
func (g Graph) Node(id string) (Node, bool) {
	i := slices.IndexFunc(g.Nodes, func(n Node) bool { return n.ID == id })
	if i < 0 {
		return Node{}, false
	}
	return g.Nodes[i], true
}

// For is the graph of a module composing cs: the nodes of components not
// composed are left out, and each path through one is joined up, keeping
// the label of the edge into it, or its Bypassed label (without
// CloudFront, the users reach the load balancer over HTTP or HTTPS), unless another way through what the module
// holds already joins the two ends (one of two alternative sources). With
// cs nil, the whole graph.
func (g Graph) For(cs []Component) Graph {
	if cs == nil {
		return g
	}
	present := func(n Node) bool { return n.Component == "" || hasComponent(cs, n.Component) }
	presentID := func(id string) bool { n, ok := g.Node(id); return ok && present(n) }
	edges := slices.Clone(g.Edges)
	var out Graph
	for _, n := range g.Nodes {
		if present(n) {
			out.Nodes = append(out.Nodes, n)
			continue
		}
		// Bypass n: every edge into it continues, where it stood, to
		// everything n led to.
		var through []Edge
		for _, e := range edges {
			if e.From == n.ID {
				through = append(through, e)
			}
		}
		var rest []Edge
		has := func(from, to string) bool {
			return slices.ContainsFunc(edges, func(e Edge) bool { return e.From == from && e.To == to }) ||
				slices.ContainsFunc(rest, func(e Edge) bool { return e.From == from && e.To == to })
		}
		for _, e := range edges {
			switch {
			case e.To == n.ID:
				for _, o := range through {
					if e.From != o.To && !has(e.From, o.To) && !reaches(edges, e.From, o.To, n.ID, presentID) {
						label := e.Label
						if e.Bypassed != "" {
							label = e.Bypassed
						}
						rest = append(rest, Edge{From: e.From, To: o.To, Label: label})
					}
				}
			case e.From != n.ID:
				rest = append(rest, e)
			}
		}
		edges = rest
	}
	out.Edges = edges
	return out
}

// reaches reports whether from leads to to along edges, passing only
// through nodes other than skip that the module holds. A bypass joins up
// only a path the cut breaks: when the node left out is one of two ways in
// (a Git repository beside an S3 object as a pipeline's source), the other
// way already carries the flow, and the left-out way's label ("push to the
// branch") would describe something the module does not have.
func reaches(edges []Edge, from, to, skip string, present func(id string) bool) bool {
	seen := map[string]bool{from: true}
	next := []string{from}
	for len(next) > 0 {
		at := next[0]
		next = next[1:]
		for _, e := range edges {
			if e.From != at || e.To == skip || seen[e.To] {
				continue
			}
			if e.To == to {
				return true
			}
			if !present(e.To) {
				continue
			}
			seen[e.To] = true
			next = append(next, e.To)
		}
	}
	return false
}

// Line is the one-line flow: the labels of the nodes inside the module
// and not aside, in order, joined by " → ", an alternative by " or ".
func (g Graph) Line() string {
	var b strings.Builder
	for _, n := range g.Nodes {
		if n.Component == "" || n.Aside {
			continue
		}
		switch {
		case b.Len() == 0:
		case n.Or:
			b.WriteString(" or ")
		default:
			b.WriteString(" → ")
		}
		b.WriteString(n.Label)
	}
	return b.String()
}

// Text is the graph for a terminal: one line per edge, "From → To: what".
func (g Graph) Text(indent string) string {
	var b strings.Builder
	for _, e := range g.Edges {
		from, _ := g.Node(e.From)
		to, _ := g.Node(e.To)
		fmt.Fprintf(&b, "%s%s → %s: %s\n", indent, from.Label, to.Label, e.Label)
	}
	return b.String()
}

// Mermaid is the graph as a Mermaid flowchart, left to right: what lies
// outside the module in rounded boxes, the rest in rectangles.
func (g Graph) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	for _, n := range g.Nodes {
		open, close := "[", "]"
		if n.Component == "" {
			open, close = "([", "])"
		}
		fmt.Fprintf(&b, "  %s%s\"%s\"%s\n", n.ID, open, mermaidText(n.Label), close)
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "  %s -->|\"%s\"| %s\n", e.From, mermaidText(e.Label), e.To)
	}
	return b.String()
}

// mermaidText escapes what would end a quoted Mermaid label.
func mermaidText(s string) string { return strings.ReplaceAll(s, `"`, "#quot;") }

// mermaidKeywords are the words a Mermaid flowchart reads as syntax, so a
// node ID equal to one ends a subgraph or starts a style statement
// instead of naming the node (https://mermaid.js.org/syntax/flowchart.html:
// "If you are using the word 'end' in a Flowchart node, capitalize the
// entire word").
var mermaidKeywords = []string{"end", "graph", "flowchart", "subgraph", "style", "classdef", "class", "click", "linkstyle", "direction", "default", "call", "href"}

// Check reports a graph that cannot be drawn: a node without an ID of
// lowercase letters, digits and underscores, or with a Mermaid keyword
// for ID, or without a label; two nodes
// with one ID; an edge naming no node, or without a label; the first flow
// node marked Or.
func (g Graph) Check() error {
	if len(g.Nodes) == 0 {
		return fmt.Errorf("the graph has no nodes")
	}
	seen := map[string]bool{}
	first := true
	for _, n := range g.Nodes {
		if n.ID == "" || strings.Trim(n.ID, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			return fmt.Errorf("node %q: an ID is lowercase letters, digits and underscores", n.ID)
		}
		if slices.Contains(mermaidKeywords, n.ID) {
			return fmt.Errorf("node %s: Mermaid reads the ID as a keyword of its flowchart syntax and breaks the diagram; name it otherwise", n.ID)
		}
		if n.Label == "" {
			return fmt.Errorf("node %s has no label", n.ID)
		}
		if seen[n.ID] {
			return fmt.Errorf("two nodes are called %s", n.ID)
		}
		seen[n.ID] = true
		if n.Component != "" && !n.Aside {
			if first && n.Or {
				return fmt.Errorf("node %s is an alternative to nothing: the first node of the flow cannot be Or", n.ID)
			}
			first = false
		}
	}
	for _, e := range g.Edges {
		if !seen[e.From] || !seen[e.To] {
			return fmt.Errorf("edge %s → %s names a node the graph does not have", e.From, e.To)
		}
		if e.Label == "" {
			return fmt.Errorf("edge %s → %s has no label: say what passes", e.From, e.To)
		}
	}
	return nil
}
