// Package templates holds the Terraform scaffold emits, as Terraform text.
//
// Each folder but partials is one component (base, network, alb, ...). A blueprint lists
// the components it composes; the generator renders every file of each
// component with text/template, drops files that render empty (how a
// component offers alternatives, e.g. a Python or a Node.js handler), merges
// every outputs.tf fragment into one outputs.tf, and checks that each HCL
// file parses before it is written (at run time, or at build time for the
// exact files listed in proven.txt).
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

// ProvenHCL is proven.txt: every HCL file, path and bytes, that these
// templates render for the golden answer sets and every shape, which the
// tests parsed and found canonical, keyed by a hash of path and bytes, with
// the local values each defines and reads. The generator parses no file
// whose exact bytes it lists, except those whose parsed tree it reads. The
// generator's tests write it (`go test ./generator -run TestProvenTable
// -update`) and fail when it is out of date, so a template change comes with
// its new table.
//
//go:embed proven.txt
var ProvenHCL string
