// Package prove runs every golden answer set through the tools a user's team
// already trusts, so that "the module validates" grows into "the module
// plans, applies, converges, tears down, lints clean and scans clean".
//
// For each case (a blueprint and an answer set under golden/) the harness
// generates the module into a scratch folder and runs, in order:
//
//  1. terraform init (offline, from the provider mirror internal/tftest
//     finds) and terraform validate;
//  2. tflint with its bundled terraform ruleset at preset "all": zero issues;
//  3. trivy config with its embedded checks (offline): zero HIGH or CRITICAL
//     findings; inline `trivy:ignore` comments must carry a reason;
//  4. against a moto_server of its own on a free 127.0.0.1 port: terraform
//     plan, apply, plan -detailed-exitcode (no changes), destroy, and a check
//     that nothing the module created is still in the emulator.
//
// One golden case per blueprint (the one where the most tunable answers
// apply; see chooseLifecycle) also takes the life-cycle pass between the
// re-plan and the destroy of step 4: every answer the README promises to
// honour is edited at once, to another value the blueprint accepts beside
// the others (from the spec's choices, the conformance samples and the
// other golden answer sets, never a list of the harness; see
// LifecycleEdits), written to zz_edit.auto.tfvars as a user would edit
// terraform.tfvars, planned and applied on the live stack, and re-planned
// (no changes); after the destroy the same module is applied again and
// destroyed again, so names and final snapshots must not collide with what
// the first stack left. The left-behind check then refreshes every state
// the stack reached. With deletion protection on, it is turned off first
// in an apply of its own, as the deletion_protection answer tells a user
// to do before an edit that replaces a protected resource.
//
// Step 4 runs only when validate passed; steps 1–3 always run, so one report
// shows every problem of a module at once. Every failure names the case and
// the step ("web-app/defaults: trivy: ...").
//
// # The emulator fence
//
// The harness writes zz_emulator_override.tf beside the scratch module (never
// part of generated output). It points every endpoint key of the provider's
// `endpoints` block at moto (the keys come from `terraform providers schema
// -json`; of each group of aliases, which the provider warns about when
// more than one is set, only one is written), with dummy credentials and the
// provider's skip settings. Terraform and its provider run with HTTP_PROXY
// and HTTPS_PROXY naming a recording proxy of the harness that refuses every
// request: Go never sends loopback traffic through a proxy, so requests to
// moto go straight there and any request for another host reaches the proxy,
// is refused, and fails the case with the host named. tflint and trivy run
// behind the same proxy, so an accidental download fails too.
//
// # Emulator gaps
//
// emulator-gaps.hcl lists what moto cannot do that AWS does, one resource
// type each, with the symptom and the moto version it was seen with, and how
// the harness copes: arguments moto does not read back as written (a re-plan
// that changes only those is reported as tolerated), a workaround that makes
// an AWS default explicit (Batch's service-linked role), an update moto
// cannot make (left out of the life-cycle edit only), something moto allows
// and AWS refuses (no coping; the entry names the test that checks the
// modules for it instead), or, failing all of those, the resource is
// planned but left out of apply together with everything that depends on
// it (the report lists what was left out). The list may name emulator gaps
// only, never a generator bug.
//
// # Fixtures
//
// An answer naming something the module uses but does not create (an ACM
// certificate ARN) is replaced, for the emulator run only, through
// zz_emulator.auto.tfvars, by one the harness creates in the emulator.
// Deletion protection that a module turns on (prod) is turned off by a
// targeted apply before destroy, as a user would do it.
//
// The entry point is `go test -tags prove ./internal/prove -run TestProve
// -timeout 30m -v` (tools from scripts/install-tools): it writes the report
// to $SCAFFOLD_PROVE_REPORT; SCAFFOLD_PROVE_CASES (a regexp) picks cases,
// SCAFFOLD_PROVE_PARALLEL sets how many run at once (default
// DefaultParallel: four per CPU, at most 8 and at most one per GB of memory
// available) and SCAFFOLD_PROVE_KEEP names a
// folder that keeps every scratch module, state, emulator log and the -json
// output of every terraform step (logs/NN-step.json);
// SCAFFOLD_PROVE_TF_LOG=debug adds each emulator step's terraform and
// provider log (logs/NN-step.tflog: every request and waiter poll, timed),
// to see what a slow step waits for. Run is the same thing for a program.
//
// # Time
//
// A case spends most of its time in the provider's waiters, which sleep a
// fixed time whatever moto answers: moto answers the state a waiter wants
// at its first poll, and the seconds are the waiter's first delay, poll
// interval or run of equal answers it asks for (an ALB is first polled 30 s
// after its create and again 30 s after its attributes are set; an RDS
// instance 60 s after a create, modify or delete, and after a create or
// modify twice more, 10 s apart; an S3 lifecycle configuration must read
// back equal ten times, 5 s apart after a first 10 s; an SQS queue's
// attributes six times, 5 s apart). docs/proof.md has the table, and
// SCAFFOLD_PROVE_TF_LOG shows the polls. The report lists every resource
// operation of 20 s or more per case, and each case's CPU time beside its
// wall time. Each case has its own moto_server and folder, so cases run
// side by side; the life-cycle cases, the longest, start first, and the
// report keeps the cases in name order.
package prove
