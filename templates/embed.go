// Package templates holds the Terraform scaffold emits, as Terraform text.
//
// Each folder is one component (base, network, alb, ...). A blueprint lists
// the components it composes; the generator renders every file of each
// component with text/template, drops files that render empty (how a
// component offers alternatives, e.g. a Python or a Node.js handler), merges
// every outputs.tf fragment into one outputs.tf, and parses and formats each
// .tf file before it is written. Most files have no template actions at all:
// answers reach them as Terraform variables, so the module keeps honouring a
// value changed later in terraform.tfvars.
package templates

import "embed"

// FS holds every component folder and README.md.tmpl.
//
//go:embed all:*
var FS embed.FS
