package awsfacts

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// LambdaRuntimeDeprecation is the date (YYYY-MM-DD) Lambda deprecates each
// managed runtime scaffold may offer; after it Lambda soon refuses to
// create functions on the runtime (nodejs20.x: deprecated 2026-04-30,
// creation blocked from 2026-08-31). Source:
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, read
// 2026-11-29. Newer runtimes (nodejs24.x, python3.14) are missing on
// purpose: the hashicorp/aws 5.x provider the modules are tested with
// validates runtime against an enum that predates them.
var LambdaRuntimeDeprecation = map[string]string{
	"python3.13": "2029-06-30",
	"python3.12": "2028-10-31",
	"nodejs22.x": "2027-04-30",
	"nodejs20.x": "2026-04-30",
}

// httpAPIMaxTimeout is the longest an API Gateway HTTP API integration
// waits, in seconds.
const httpAPIMaxTimeout = 30

// HTTPAPITimeout caps a Lambda timeout (seconds) behind an API Gateway HTTP
// API, whose integrations time out at 30 s.
func HTTPAPITimeout() spec.Rule {
	return rules.Custom(fmt.Sprintf("be at most %d, because API Gateway HTTP API integrations time out at %d s and the client would get a 503 while the function runs on", httpAPIMaxTimeout, httpAPIMaxTimeout),
		func(v cty.Value, _ spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if f > httpAPIMaxTimeout {
				return fmt.Errorf("Lambda alone allows up to 900 s, but not behind an HTTP API; move longer work to a queue, Fargate or Batch")
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Cmp(spec.Var(key), "<=", spec.Num(httpAPIMaxTimeout))
		})
}

// ReservedConcurrency accepts -1 (no reservation) or 1 to 10000 reserved
// executions of a Lambda function.
func ReservedConcurrency() spec.Rule {
	return rules.Custom("be -1 (no reservation) or between 1 and 10000; 0 would stop every invocation",
		func(v cty.Value, _ spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if f != -1 && (f < 1 || f > 10000) {
				return rules.ErrRule
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Or(spec.Cmp(spec.Var(key), "==", spec.Num(-1)), spec.Paren(spec.And(spec.Cmp(spec.Var(key), ">=", spec.Num(1)), spec.Cmp(spec.Var(key), "<=", spec.Num(10000)))))
		})
}
