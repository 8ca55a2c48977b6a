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
// type each, with the symptom and the moto version it was seen with. Such a
// resource is planned with the rest but left out of apply (and of the
// re-plan), together with every resource that depends on it; the report
// counts what was left out. The list may name emulator gaps only, never a
// generator bug.
//
// The entry point is `go test -tags prove ./internal/prove -run TestProve`;
// Run is the same thing for a program.
package prove
