package blueprints

import (
	"fmt"
	"math/big"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// lambdaInvokeActionTimeoutS is how long CodePipeline waits for a Lambda
// invoke action, continuation tokens included, before it fails it: 24
// hours ("Length of time before an action times out", AWS Lambda invoke
// action, https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html,
// read 2026-11-30). The integration tests' Batch job, every attempt
// included, must end within it, or the pipeline fails while the job runs on.
const lambdaInvokeActionTimeoutS = 24 * 60 * 60

// ciBatchQuestions are the Batch questions of ci-pipeline: the heavy
// integration tests run on EC2, Spot by default (P9, F21); Fargate is not
// offered, its 16 vCPU and 120 GB ceiling being what heavy tests outgrow.
func ciBatchQuestions() []*spec.Question {
	qs := batchJobQuestions("ec2_spot", "ec2")
	questionByKey(qs, "job_attempts").Help = "How many times Batch runs the integration tests before marking the job failed, the first run included (F20); " +
		"the pipeline fails only when the last attempt does. Spot capacity can be reclaimed mid-run (F21), so keep at least 2 on Spot, and make the tests safe to run twice."
	timeout := questionByKey(qs, "job_timeout_s")
	timeout.Help += fmt.Sprintf(" CodePipeline fails the integration tests action after %d hours, so job_attempts × job_timeout_s may be at most %d seconds.",
		lambdaInvokeActionTimeoutS/3600, lambdaInvokeActionTimeoutS)
	timeout.Rules = append(timeout.Rules, spec.Rule{
		Text: fmt.Sprintf("be at most %d seconds divided by job_attempts: CodePipeline fails a Lambda invoke action after %d hours, every attempt of the Batch job included",
			lambdaInvokeActionTimeoutS, lambdaInvokeActionTimeoutS/3600),
		Reads: []string{"job_attempts"},
		Check: func(v cty.Value, a spec.Answers) error {
			attempts := a.Float("job_attempts")
			if total := v.AsBigFloat(); attempts > 0 && new(big.Float).Mul(total, big.NewFloat(attempts)).Cmp(big.NewFloat(lambdaInvokeActionTimeoutS)) > 0 {
				return fmt.Errorf("%g attempts of %s seconds take longer than %d seconds", attempts, total.Text('g', -1), lambdaInvokeActionTimeoutS)
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			return spec.Cmp(spec.Arith(spec.Var(key), "*", spec.Var("job_attempts")), "<=", spec.Num(lambdaInvokeActionTimeoutS))
		},
	})
	return qs
}

// ciBatchComponent is the batch component of ci-pipeline: the job runs
// test_command in test_image and may read the pipeline's artifacts (the
// build output it is handed), nothing else.
func ciBatchComponent() spec.Component {
	return spec.Component{Name: "batch", Params: BatchParams{
		ImageExpr:   "var.test_image",
		CommandExpr: "var.test_command",
		S3Access: []BatchS3Access{{
			Sid:           "PipelineArtifacts",
			BucketARNExpr: "local.artifact_bucket_arn",
			PrefixExpr:    "local.pipeline_artifact_prefix",
		}},
	}}
}
