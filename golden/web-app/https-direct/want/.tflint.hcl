# tflint with its bundled Terraform ruleset, every rule on. Run `tflint` in
# this folder; scaffold's own tests run the same check on every blueprint.
plugin "terraform" {
  enabled = true
  preset  = "all"
}
