# tflint with its bundled Terraform ruleset, every rule on. Run `tflint` in
# this folder; scaffold's proof harness runs the same check on every golden module.
plugin "terraform" {
  enabled = true
  preset  = "all"
}
