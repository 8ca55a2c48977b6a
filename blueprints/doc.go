// Package blueprints holds what scaffold can generate: one blueprint per
// architecture, each with its metadata (title, flow, why and when), the
// questions it asks, and the template components it composes.
//
// A question is the single source for five things: the wizard prompt, the
// `--set` key, the validation of the answer, the Terraform `variable` block
// (type, description, validation) and the value written to terraform.tfvars.
// Answers are typed cty values, so the same value that passed validation is
// the one rendered into HCL.
//
// Adding a blueprint means a new file here (registered in All), its
// Terraform under templates/, and its expected trees under golden/.
package blueprints
