package awsfacts

// Run-time limits `scaffold recommend` weighs a workload against, in
// seconds.
const (
	// LambdaMaxTimeoutS is the longest a Lambda invocation may run (F7):
	// "a maximum value of 900 seconds (15 minutes)",
	// https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
	// (read 2026-11-30); the provider takes 1 to 900 (internal/service/lambda/
	// function.go, timeout). Lambda Managed Instances allow 90 minutes for
	// asynchronous invocations, but the modules create standard functions.
	LambdaMaxTimeoutS = 900
	// HTTPAPIMaxTimeoutS is the longest an API Gateway HTTP API waits for
	// its integration (HTTPAPITimeout's limit).
	HTTPAPIMaxTimeoutS = httpAPIMaxTimeout
)
