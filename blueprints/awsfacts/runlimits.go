package awsfacts

// Run-time limits `scaffold recommend` weighs a workload against, in
// seconds.
const (
	// LambdaMaxTimeoutS is the longest a Lambda invocation may run (F7):
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
	// (read 2026-11-30); the provider's validator agrees
	// (internal/service/lambda/function.go, timeout IntBetween(1, 900)).
	LambdaMaxTimeoutS = 900
	// HTTPAPIMaxTimeoutS is the longest an API Gateway HTTP API waits for
	// its integration (HTTPAPITimeout's limit).
	HTTPAPIMaxTimeoutS = httpAPIMaxTimeout
)
