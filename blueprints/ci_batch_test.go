package blueprints

import (
	"fmt"
	"testing"
)

// TestCIIntegrationTestsEndWithinTheLambdaInvokeAction: CodePipeline fails
// a Lambda invoke action after 24 hours, continuation tokens included, so
// the integration tests' job, every attempt at its timeout, must fit in
// that; the largest timeout per attempt count passes and one second more is
// refused, in Go and in the Terraform validation alike.
func TestCIIntegrationTestsEndWithinTheLambdaInvokeAction(t *testing.T) {
	b := CIPipeline()
	for _, attempts := range []int{1, 2, 3, 7} {
		longest := lambdaInvokeActionTimeoutS / attempts
		for timeout, refused := range map[int]bool{longest: false, longest + 1: true} {
			set := map[string]string{"job_attempts": fmt.Sprint(attempts), "job_timeout_s": fmt.Sprint(timeout)}
			r := checkSample(t, b, set)
			if r.goRefused["job_timeout_s"] != refused || r.tfRefused["job_timeout_s"] != refused {
				t.Errorf("%v: go refused %v, terraform refused %v, want refused %v", set, r.goRefused, r.tfRefused, refused)
			}
		}
	}
}
