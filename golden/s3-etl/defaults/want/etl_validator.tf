# The validator: S3 invokes it for each object created under the incoming
# prefix; it moves rejects to quarantine and starts the Glue job for the
# others.
#
# Reads: local.landing_bucket_id, local.landing_bucket_arn,
# local.glue_job_name and local.glue_job_arn.

locals {
  validator_function_name = "${local.prefix}-validator"
}

resource "aws_lambda_function" "validator" {
  function_name = local.validator_function_name
  description   = "${local.prefix}: checks uploads, quarantines rejects, starts the Glue job"
  role          = aws_iam_role.validator.arn

  # scaffold built the package from src/ with fixed timestamps, so the hash
  # changes only when the code does.
  filename         = "${path.module}/build/validator.zip"
  source_code_hash = filebase64sha256("${path.module}/build/validator.zip")
  handler          = "validator.handler"
  runtime          = var.validator_runtime
  architectures    = ["arm64"]
  memory_size      = var.validator_memory_mb
  timeout          = var.validator_timeout_s

  # Names and limits only, no secret; still encrypted with the module's key.
  kms_key_arn = local.kms_key_arn
  environment {
    variables = {
      GLUE_JOB_NAME     = local.glue_job_name
      INCOMING_PREFIX   = var.incoming_prefix
      QUARANTINE_PREFIX = var.quarantine_prefix
      MAX_OBJECT_BYTES  = tostring(var.max_object_mib * 1048576)
      ALLOWED_FORMATS   = var.allowed_formats
    }
  }

  # Follows each upload's check through S3 and Glue calls (trivy AWS-0066).
  tracing_config {
    mode = "Active"
  }

  # JSON lines can be filtered by field in Logs Insights; the group is
  # Terraform's, so Lambda never creates one without retention or key.
  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.validator.name
    application_log_level = "INFO"
    system_log_level      = "WARN"
  }

  # S3 invokes asynchronously: an upload whose check failed every retry (Glue
  # unreachable, a throttled start) lands here instead of vanishing.
  dead_letter_config {
    target_arn = aws_sqs_queue.validator_dlq.arn
  }

  # The role must hold its permissions before the first invocation.
  depends_on = [aws_iam_role_policy.validator]
}

# Created here rather than by Lambda on first run, so it has a retention
# period and is encrypted with the module's key (trivy AWS-0017).
resource "aws_cloudwatch_log_group" "validator" {
  name              = "/aws/lambda/${local.validator_function_name}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# Uploads whose check failed every retry.
resource "aws_sqs_queue" "validator_dlq" {
  name = "${local.prefix}-validator-dlq"

  # The longest SQS allows: two weeks to notice and replay a failure.
  message_retention_seconds = 1209600

  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

# Only this bucket, from this account, may invoke the function.
resource "aws_lambda_permission" "landing" {
  statement_id   = "AllowLandingBucket"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.validator.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = local.landing_bucket_arn
  source_account = local.account_id
}

resource "aws_s3_bucket_notification" "landing" {
  bucket = local.landing_bucket_id

  lambda_function {
    lambda_function_arn = aws_lambda_function.validator.arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = var.incoming_prefix
  }

  # S3 checks that it may invoke the function when the notification is set.
  depends_on = [aws_lambda_permission.landing]
}

resource "aws_iam_role" "validator" {
  name               = "${local.prefix}-validator"
  description        = "Execution role of ${local.validator_function_name}: its prefixes, its Glue job, its logs."
  assume_role_policy = data.aws_iam_policy_document.validator_assume.json
}

data "aws_iam_policy_document" "validator_assume" {
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

resource "aws_iam_role_policy" "validator" {
  name   = "least-privilege"
  role   = aws_iam_role.validator.id
  policy = data.aws_iam_policy_document.validator.json
}

# Exactly what the handler does: read and delete uploads, write quarantine,
# start the one job; and what Lambda does for it: logs and traces.
data "aws_iam_policy_document" "validator" {
  statement {
    sid       = "MoveRejects"
    actions   = ["s3:GetObject", "s3:DeleteObject"]
    resources = ["${local.landing_bucket_arn}/${var.incoming_prefix}*"]
  }

  statement {
    sid       = "WriteQuarantine"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${local.landing_bucket_arn}/${var.quarantine_prefix}*"]
  }

  statement {
    sid       = "StartGlueJob"
    actions   = ["glue:StartJobRun"]
    resources = [local.glue_job_arn]
  }

  statement {
    sid       = "DeadLetter"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.validator_dlq.arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.validator.arn}:*"]
  }

  # X-Ray's write actions accept no resource narrower than "*".
  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  # The uploads and the function's environment are encrypted with the
  # module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]
  }
}
