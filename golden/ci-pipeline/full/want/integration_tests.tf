# The IntegrationTests stage: a CodePipeline Lambda invoke action whose
# function submits the heavy tests as an AWS Batch job, then keeps the action
# running (a continuation token per call) until the job ends, and fails the
# pipeline when the job fails.
#
# Provides: local.integration_tests_function_name.
# Reads: local.batch_job_queue_arn, local.batch_job_definition_arn and
# local.batch_job_definition_arn_prefix.

locals {
  integration_tests_function_name = "${local.prefix}-integration-tests"
}

# A Lambda function: code that runs when an event arrives, scaled from zero
# by AWS and billed per invocation and duration; a run lasts 15 minutes at
# most and keeps nothing between invocations (F7, F9, F13).
resource "aws_lambda_function" "integration_tests" {
  function_name = local.integration_tests_function_name
  description   = "${local.prefix}: runs the pipeline's integration tests as a Batch job"
  role          = aws_iam_role.integration_tests.arn

  # scaffold built the package from src/ with fixed timestamps, so the hash
  # changes only when the code does.
  filename         = "${path.module}/build/integration_tests.zip"
  source_code_hash = filebase64sha256("${path.module}/build/integration_tests.zip")
  handler          = "integration_tests.handler"
  runtime          = "python3.13"
  architectures    = ["arm64"]
  memory_size      = 128
  timeout          = 60

  # Names only, no secret; still encrypted with the module's key.
  kms_key_arn = local.kms_key_arn
  environment {
    variables = {
      JOB_QUEUE      = local.batch_job_queue_arn
      JOB_DEFINITION = local.batch_job_definition_arn
      JOB_NAME       = "${local.prefix}-integration-tests"
    }
  }

  # Follows each call through Batch and CodePipeline (trivy AWS-0066).
  tracing_config {
    mode = "Active"
  }

  # JSON lines can be filtered by field in Logs Insights; the group is
  # Terraform's, so Lambda never creates one without retention or key.
  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.integration_tests.name
    application_log_level = "INFO"
    system_log_level      = "WARN"
  }

  # The role must hold its permissions before the first invocation.
  depends_on = [aws_iam_role_policy.integration_tests]
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# Created here rather than by Lambda on first run, so it has a retention
# period and is encrypted with the module's key (trivy AWS-0017).
resource "aws_cloudwatch_log_group" "integration_tests" {
  name              = "/aws/lambda/${local.integration_tests_function_name}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# An IAM role: an identity lambda.amazonaws.com takes to act for this module,
# holding only the permissions it needs (F31).
resource "aws_iam_role" "integration_tests" {
  name               = "${local.prefix}-integration-tests"
  description        = "Execution role of ${local.integration_tests_function_name}: its queue, its job definition, its logs."
  assume_role_policy = data.aws_iam_policy_document.integration_tests_assume.json
}

data "aws_iam_policy_document" "integration_tests_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    # Only Lambda acting for this account may take the role (confused
    # deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# The role's own policy: the actions it may take, on this module's resources
# only (least privilege).
resource "aws_iam_role_policy" "integration_tests" {
  name   = "least-privilege"
  role   = aws_iam_role.integration_tests.id
  policy = data.aws_iam_policy_document.integration_tests.json
}

# Exactly what the handler does: submit the one job definition to the one
# queue, follow the job, report to CodePipeline.
data "aws_iam_policy_document" "integration_tests" {
  statement {
    sid     = "SubmitTestJob"
    actions = ["batch:SubmitJob"]
    resources = [
      local.batch_job_queue_arn,
      "${local.batch_job_definition_arn_prefix}:*",
    ]
  }

  # DescribeJobs and CodePipeline's job results accept no resource narrower
  # than "*" (Service Authorization Reference, AWS Batch and CodePipeline).
  statement {
    sid       = "FollowTestJob"
    actions   = ["batch:DescribeJobs"]
    resources = ["*"]
  }

  statement {
    sid       = "ReportToPipeline"
    actions   = ["codepipeline:PutJobSuccessResult", "codepipeline:PutJobFailureResult"]
    resources = ["*"]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.integration_tests.arn}:*"]
  }

  # X-Ray's write actions accept no resource narrower than "*".
  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  # The function's environment is encrypted with the module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Decrypt"]
    resources = [local.kms_key_arn]
  }
}
