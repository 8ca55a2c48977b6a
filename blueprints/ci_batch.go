package blueprints

import "github.com/scaffold-tf/scaffold/blueprints/spec"

// ciBatchQuestions are the Batch questions of ci-pipeline: the heavy
// integration tests run on EC2, Spot by default (P9, F21); Fargate is not
// offered, its 16 vCPU and 120 GB ceiling being what heavy tests outgrow.
func ciBatchQuestions() []*spec.Question {
	qs := batchJobQuestions("ec2_spot", "ec2")
	questionByKey(qs, "job_attempts").Help = "How many times Batch runs the integration tests before marking the job failed, the first run included (F20); " +
		"the pipeline fails only when the last attempt does. Spot capacity can be reclaimed mid-run (F21), so keep at least 2 on Spot, and make the tests safe to run twice."
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
