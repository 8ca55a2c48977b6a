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
// # Shape is chosen at generation
//
// Answers that change the shape of the stack (a component on or off, the
// database engine, the compute kind, whether HTTPS or provisioned
// concurrency is on) are structural (Question.Shape is Selects or
// SelectsWhenSet). They select components (Blueprint.Components) and
// template branches when scaffold runs, so the module holds only what was
// chosen: no `count = 0` resource and no `[0]` index for a piece the user
// declined. They are recorded in the answers file, and variables.tf pins
// them: an edit in terraform.tfvars that needs another shape is refused by
// Terraform with a message to re-run scaffold with the changed answer. A
// question that only applies to some shapes (db_instance_class) has a
// variable only in modules of those shapes.
//
// Where the stack lives is fixed too (Selects), though it chooses no
// component: the region (Terraform cannot move a stack between regions; it
// would build a second one and leave the first running) and the VPC range
// (a new one replaces the VPC and everything in it, the database included).
//
// Every other answer tunes (sizes, counts, subnet zones, retention, ports,
// names): it stays a Terraform variable, and an edit in terraform.tfvars is
// honoured on a live stack, checked by the same rules. An edit that
// replaces a resource creates the new one before the old one goes wherever
// something else still uses it, under a name that cannot collide
// (generator's TestTunableReplacementsAreSafe; the proof harness's
// life-cycle pass applies every such edit at once). The generated README
// says which answers are which.
//
// # Components and their contracts
//
// A blueprint composes components (see Component): template folders named
// by role that exchange role-named local values, never each other's
// resources. generator.CheckContracts checks this for every golden answer
// set.
//
// Adding a blueprint means a new file here (registering itself in init), its
// Terraform under templates/, and its expected trees under golden/.
package blueprints
