// Package generator turns a blueprint and a validated answer set into the
// files of a Terraform root module, and writes them safely.
//
// Generation is pure and deterministic: the same blueprint and answers give
// the same bytes (no timestamps, stable ordering, zip entries with fixed
// times). Every .tf, .tfvars and .hcl file is parsed and formatted before it
// is returned, so a template that emits invalid HCL fails here, in tests,
// rather than at a user's desk.
package generator
