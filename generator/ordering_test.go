package generator_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/generator"
)

// TestOrderingAWSEnforces checks, for every golden answer set and every
// shape, the creation orders the AWS API needs and the emulator does not
// enforce (see generator.CheckOrdering).
func TestOrderingAWSEnforces(t *testing.T) {
	for _, set := range everyAnswerSet(t) {
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			files, err := generator.Generate(set.b, set.a)
			if err != nil {
				t.Fatal(err)
			}
			if err := generator.CheckOrdering(files); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestOrderingCheckCatchesMissingOrders removes, one at a time, an order a
// generated module holds, and expects the check to name what then waits
// for nothing.
func TestOrderingCheckCatchesMissingOrders(t *testing.T) {
	cases := []struct {
		blueprint, file, old, new, want string
	}{
		{"web-app", "network.tf", "public_subnet_ids  = [for a in aws_route_table_association.public : a.subnet_id]", "public_subnet_ids  = aws_subnet.public[*].id",
			"aws_lb.main does not wait for aws_internet_gateway.main"},
		{"web-app", "network.tf", "private_subnet_ids = [for a in aws_route_table_association.private : a.subnet_id]", "private_subnet_ids = aws_subnet.private[*].id",
			"aws_autoscaling_group.app does not wait for aws_route_table_association.private"},
		{"serverless-api", "lambda_api.tf", "  depends_on = [aws_iam_role_policy.lambda]\n", "",
			"aws_lambda_function.api does not wait for aws_iam_role_policy.lambda"},
		{"web-app", "log_bucket.tf", "log_bucket_id = aws_s3_bucket_policy.logs.bucket", "log_bucket_id = aws_s3_bucket.logs.id",
			"aws_lb.main does not wait for aws_s3_bucket_policy.logs"},
		{"serverless-api", "http_api.tf", "  depends_on = [aws_lambda_permission.api]\n", "",
			"aws_apigatewayv2_route.items does not wait for aws_lambda_permission.api"},
		{"serverless-api", "lambda_api.tf", "function_name = aws_lambda_function.api.function_name", `function_name = "${local.prefix}-api"`,
			"aws_lambda_permission.api names no function of the module"},
		{"web-app", "network.tf", "  depends_on = [aws_iam_role_policy.flow_logs]\n", "",
			"aws_flow_log.main does not wait for aws_iam_role_policy.flow_logs"},
		{"web-app", "asg.tf", "  depends_on = [aws_iam_role_policy_attachment.instance_ssm]\n", "",
			"aws_launch_template.app does not wait for aws_iam_role_policy_attachment.instance_ssm"},
		{"scheduled-batch", "batch_schedule.tf", "depends_on = [aws_iam_role_policy.schedule, aws_sqs_queue_policy.schedule_dlq]", "depends_on = [aws_sqs_queue_policy.schedule_dlq]",
			"aws_cloudwatch_event_target.batch does not wait for aws_iam_role_policy.schedule"},
		{"scheduled-batch", "batch_schedule.tf", "depends_on = [aws_iam_role_policy.schedule, aws_sqs_queue_policy.schedule_dlq]", "depends_on = [aws_iam_role_policy.schedule]",
			"aws_cloudwatch_event_target.batch does not wait for aws_sqs_queue_policy.schedule_dlq"},
		{"scheduled-batch", "batch.tf", "  depends_on = [aws_iam_role_policy_attachment.batch_execution, aws_iam_role_policy.batch_job]\n", "",
			"aws_batch_job_definition.main does not wait for aws_iam_role_policy.batch_job"},
	}
	for _, c := range cases {
		t.Run(c.blueprint+"/"+c.want, func(t *testing.T) {
			b := blueprints.Lookup(c.blueprint)
			if b == nil {
				t.Fatalf("no blueprint %s", c.blueprint)
			}
			res, err := b.Resolve(nil, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			files, err := generator.Generate(b, res.Answers)
			if err != nil {
				t.Fatal(err)
			}
			if err := generator.CheckOrdering(files); err != nil {
				t.Fatalf("the module as generated should pass: %v", err)
			}
			edited := false
			for i, f := range files {
				if f.Path == c.file && bytes.Contains(f.Data, []byte(c.old)) {
					files[i].Data = bytes.Replace(f.Data, []byte(c.old), []byte(c.new), 1)
					edited = true
				}
			}
			if !edited {
				t.Fatalf("%s holds no %q: update this test with the template", c.file, c.old)
			}
			var oe *generator.OrderingError
			if err := generator.CheckOrdering(files); !errors.As(err, &oe) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want an ordering error naming %q, got %v", c.want, err)
			}
		})
	}
}
