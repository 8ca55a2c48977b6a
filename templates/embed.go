// Package templates holds the Terraform scaffold emits, as Terraform text.
//
// Each folder but partials is one component (base, network, alb, ...). A blueprint lists
// the components it composes; the generator renders every file of each
// component with text/template, drops files that render empty (how a
// component offers alternatives, e.g. a Python or a Node.js handler), merges
// every outputs.tf fragment into one outputs.tf, and parses and formats each
// .tf file before it is written.
//
// The partials folder is not a component: its {{ define }} blocks are the
// shapes several components repeat (a service role with its trust policy, a
// secure bucket, a log group, security group rules), included with
// {{ template "name" (constructor "Field" value ...) }}. Each constructor
// builds a typed input (partials.go, in this package) and refuses an unknown or
// missing field, so a mistake fails generation and the golden tests.
//
// Template actions choose the module's shape and include partials; answers
// reach the Terraform as variables wherever they can, so the module keeps
// honouring a value changed later in terraform.tfvars.
package templates

import "embed"

// FS holds every component folder, the partials and README.md.tmpl.
//
//go:embed all:*
var FS embed.FS
