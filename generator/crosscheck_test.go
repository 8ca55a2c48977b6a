package generator

import "github.com/scaffold-tf/scaffold/internal/hclfmt"

// Every file the tests of this package build with hclwrite is laid out by
// hclwrite too, and a difference panics (internal/hclfmt).
func init() { hclfmt.CrossCheck = true }
