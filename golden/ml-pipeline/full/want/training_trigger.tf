# The trigger: S3 invokes it for each object created under the data prefix,
# and it submits one training job for that object to the Batch queue.
#
# Reads: local.data_bucket_id, local.data_bucket_arn,
# local.batch_job_queue_arn, local.batch_job_definition_arn and
# local.batch_job_definition_arn_prefix.

locals {
  trigger_function_name = "${local.prefix}-train-trigger"
}

# A Lambda function: code that runs when an event arrives, scaled from zero
# by AWS and billed per invocation and duration; a run lasts 15 minutes at
# most and keeps nothing between invocations (F7, F9, F13).
resource "aws_lambda_function" "trigger" {
  function_name = local.trigger_function_name
  description   = "${local.prefix}: submits a training job for each new object under the data prefix"
  role          = aws_iam_role.trigger.arn

  # scaffold built the package from src/ with fixed timestamps, so the hash
  # changes only when the code does.
  filename         = "${path.module}/build/trigger.zip"
  source_code_hash = filebase64sha256("${path.module}/build/trigger.zip")
  handler          = "trigger.handler"
  runtime          = var.functions_runtime
  architectures    = ["arm64"]
  memory_size      = 128
  timeout          = 30

  # Names only, no secret; still encrypted with the module's key. The job
  # definition is the current revision's ARN, so a new image or command
  # applies to
  # the next job.
  kms_key_arn = local.kms_key_arn
  environment {
    variables = {
      JOB_QUEUE      = local.batch_job_queue_arn
      JOB_DEFINITION = local.batch_job_definition_arn
      DATA_PREFIX    = var.data_prefix
    }
  }

  # Follows each new object from S3 to the job it submitted (trivy AWS-0066).
  tracing_config {
    mode = "Active"
  }

  # JSON lines can be filtered by field in Logs Insights; the group is
  # Terraform's, so Lambda never creates one without retention or key.
  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.trigger.name
    application_log_level = "INFO"
    system_log_level      = "WARN"
  }

  # S3 invokes asynchronously: an object whose job could not be submitted
  # after
  # every retry (a throttled SubmitJob, a disabled queue) lands here instead
  # of
  # vanishing.
  dead_letter_config {
    target_arn = aws_sqs_queue.trigger_dlq.arn
  }

  # The role must hold its permissions before the first invocation.
  depends_on = [aws_iam_role_policy.trigger]
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# Created here rather than by Lambda on first run, so it has a retention
# period and is encrypted with the module's key (trivy AWS-0017).
resource "aws_cloudwatch_log_group" "trigger" {
  name              = "/aws/lambda/${local.trigger_function_name}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# A dead-letter queue: what could not be delivered or processed waits here
# for two weeks, instead of vanishing.
#
# Objects whose job could not be submitted after every retry.
resource "aws_sqs_queue" "trigger_dlq" {
  name = "${local.prefix}-train-trigger-dlq"

  # The longest SQS allows: two weeks to notice and replay a failure.
  message_retention_seconds = 1209600

  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

# S3 may invoke the trigger, for this bucket of this account only.
#
# Only this bucket, from this account, may invoke the function.
resource "aws_lambda_permission" "data" {
  statement_id   = "AllowDataBucket"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.trigger.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = local.data_bucket_arn
  source_account = local.account_id
}

# New data is the trigger: S3 invokes the function for each object created
# under the data prefix, which submits a training job (P7, F14).
resource "aws_s3_bucket_notification" "data" {
  bucket = local.data_bucket_id

  lambda_function {
    lambda_function_arn = aws_lambda_function.trigger.arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = var.data_prefix
  }

  # S3 checks that it may invoke the function when the notification is set.
  depends_on = [aws_lambda_permission.data]
}

# An IAM role: an identity lambda.amazonaws.com takes to act for this module,
# holding only the permissions it needs (F31).
resource "aws_iam_role" "trigger" {
  name               = "${local.prefix}-train-trigger"
  description        = "Execution role of ${local.trigger_function_name}: submit to its queue, its logs."
  assume_role_policy = data.aws_iam_policy_document.trigger_assume.json
}

data "aws_iam_policy_document" "trigger_assume" {
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
resource "aws_iam_role_policy" "trigger" {
  name   = "submit-training-jobs"
  role   = aws_iam_role.trigger.id
  policy = data.aws_iam_policy_document.trigger.json
}

# Exactly what the handler does: submit jobs of the module's job definition
# (any revision) to the module's queue; and what Lambda does for it: logs,
# traces, the dead-letter queue. It reads no data: the job does.
data "aws_iam_policy_document" "trigger" {
  statement {
    sid       = "SubmitTrainingJobs"
    actions   = ["batch:SubmitJob"]
    resources = [local.batch_job_queue_arn, "${local.batch_job_definition_arn_prefix}:*"]
  }

  statement {
    sid       = "DeadLetter"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.trigger_dlq.arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.trigger.arn}:*"]
  }

  # X-Ray's write actions accept no resource narrower than "*".
  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  # The function's environment and its dead-letter queue are encrypted with
  # the module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]
  }
}
