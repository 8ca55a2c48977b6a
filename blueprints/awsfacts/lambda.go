package awsfacts

import (
	"fmt"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

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

// Lambda's account concurrency facts, from "Lambda quotas" and
// "Configuring reserved concurrency"
// (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html,
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html,
// read 2026-11-29): an account starts with a Concurrent executions quota
// that may be as low as 10, and Lambda refuses a reservation that would
// leave fewer than 100 executions unreserved. So in a new account no
// reservation at all can be made: any default other than -1 fails there.
const (
	NewAccountConcurrencyQuota = 10
	UnreservedConcurrencyFloor = 100
)

// MaxReservedConcurrency is the largest reservation an account with the
// given Concurrent executions quota accepts, or -1 when it accepts none.
func MaxReservedConcurrency(quota int) int {
	if r := quota - UnreservedConcurrencyFloor; r >= 1 {
		return r
	}
	return -1
}

// ReservedConcurrencyQuotaText explains the quota in a question's help.
func ReservedConcurrencyQuotaText() string {
	return fmt.Sprintf("Lambda keeps %d executions of the account's quota unreserved, and a new account's quota may be as low as %d, "+
		"so any reservation fails there (\"would leave less than %d unreserved\").",
		UnreservedConcurrencyFloor, NewAccountConcurrencyQuota, UnreservedConcurrencyFloor)
}

// LambdaRuntime is a Lambda runtime scaffold writes a handler for, with the
// date Lambda deprecates it: no more security patches, and soon after
// Lambda refuses to create functions on it.
type LambdaRuntime struct {
	ID, Help   string
	Deprecated time.Time
}

// LambdaRuntimesSource is where the deprecation dates come from, and when
// they were read.
const LambdaRuntimesSource = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (read 2026-11-29)"

// LambdaRuntimes are the runtimes scaffold offers, newest first. Node.js 20
// (nodejs20.x) was deprecated on 2026-04-30 and can no longer be created;
// nodejs24.x and python3.14 are newer than the hashicorp/aws provider the
// modules pin (5.100.0) accepts, so they are not offered yet.
var LambdaRuntimes = []LambdaRuntime{
	{ID: "python3.13", Help: "Python 3.13, boto3 included", Deprecated: date("2029-06-30")},
	{ID: "python3.12", Help: "Python 3.12, boto3 included", Deprecated: date("2028-10-31")},
	{ID: "nodejs22.x", Help: "Node.js 22, AWS SDK v3 included", Deprecated: date("2027-04-30")},
}
