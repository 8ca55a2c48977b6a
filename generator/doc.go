// Package generator turns a blueprint and a validated answer set into the
// files of a Terraform root module, and writes them safely.
//
// Generation is pure and deterministic: the same blueprint and answers give
// the same bytes (no timestamps, stable ordering, zip entries with fixed
// times). Every .tf, .tfvars and .hcl file is checked before it is returned:
// parsed at run time, unless its exact bytes (path and content) are listed
// in templates/proven.txt, which the tests write after parsing each listed
// file and finding it canonical. A template that emits invalid HCL fails
// here, in tests, rather than at a user's desk.
package generator
