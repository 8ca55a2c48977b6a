# The function that serves the API, with its logs, its dead-letter queue
# and a role that may touch nothing but its own table.
#
# Provides: local.function_name, local.function_invoke_arn and
# local.function_qualifier (what an API integration and permission name).
# Reads: local.table_name and local.table_arn.

locals {
  api_function_name = "${local.prefix}-api"

  # Read from the function, so that what names it (a permission, a
  # description) waits until it exists.
  function_name = aws_lambda_function.api.function_name

  # With provisioned concurrency the API must invoke the alias that holds the
  # warm environments; invocations of the bare function would all start cold.
  function_invoke_arn = aws_lambda_alias.live.invoke_arn
  function_qualifier  = aws_lambda_alias.live.name
}

# A Lambda function: code that runs when an event arrives, scaled from zero
# by AWS and billed per invocation and duration; a run lasts 15 minutes at
# most and keeps nothing between invocations (F7, F9, F13).
resource "aws_lambda_function" "api" {
  function_name = local.api_function_name
  description   = "${local.prefix}: reads and writes items for the HTTP API"
  role          = aws_iam_role.lambda.arn

  # scaffold built the package from src/ with fixed timestamps, so the hash
  # changes only when the code does.
  filename         = "${path.module}/build/lambda.zip"
  source_code_hash = filebase64sha256("${path.module}/build/lambda.zip")
  handler          = "handler.handler"
  runtime          = var.runtime
  architectures    = [var.architecture]
  memory_size      = var.memory_mb
  timeout          = var.timeout_s

  # A cap on parallel runs bounds the cost of a runaway client and the load
  # on the table (-1 leaves the function on the account's shared pool).
  reserved_concurrent_executions = var.reserved_concurrency

  # Provisioned concurrency attaches to a published version, never $LATEST.
  publish = true

  # Names only: the function finds its table through its role, so no secret
  # ever sits in the environment. Still encrypted with the module's key.
  kms_key_arn = local.kms_key_arn
  environment {
    variables = merge(
      {
        TABLE_NAME    = local.table_name
        PARTITION_KEY = var.partition_key
      },
      var.sort_key == "" ? {} : { SORT_KEY = var.sort_key },
    )
  }

  # Follows each request from API Gateway through the function to DynamoDB
  # (trivy AWS-0066).
  tracing_config {
    mode = "Active"
  }

  # JSON lines can be filtered by field in Logs Insights; the group below is
  # Terraform's, so Lambda never creates one without retention or key.
  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.lambda.name
    application_log_level = var.log_level
    system_log_level      = "WARN"
  }

  # Failed asynchronous invocations land here instead of vanishing. API
  # Gateway invokes synchronously, so this serves triggers added later.
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }

  # The role must hold its permissions before the first invocation.
  depends_on = [aws_iam_role_policy.lambda]
}

# The alias names the published version the API calls, so provisioned
# concurrency stays on the code it warmed.
resource "aws_lambda_alias" "live" {
  name             = "live"
  description      = "The version the API serves, kept warm by provisioned concurrency."
  function_name    = aws_lambda_function.api.function_name
  function_version = aws_lambda_function.api.version
}

# Provisioned concurrency keeps execution environments initialised, so the
# requests they serve skip the cold start: a partial fix, billed every hour
# (F10).
resource "aws_lambda_provisioned_concurrency_config" "live" {
  function_name                     = aws_lambda_function.api.function_name
  qualifier                         = aws_lambda_alias.live.name
  provisioned_concurrent_executions = var.provisioned_concurrency
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# Created here rather than by Lambda on first run, so it has a retention
# period and is encrypted with the module's key (trivy AWS-0017).
resource "aws_cloudwatch_log_group" "lambda" {
  name              = "/aws/lambda/${local.api_function_name}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# A dead-letter queue: what could not be delivered or processed waits here
# for two weeks, instead of vanishing.
resource "aws_sqs_queue" "dlq" {
  name = "${local.prefix}-api-dlq"

  # The longest SQS allows: two weeks to notice and replay a failure.
  message_retention_seconds = 1209600

  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

# An IAM role: an identity lambda.amazonaws.com takes to act for this module,
# holding only the permissions it needs (F31).
resource "aws_iam_role" "lambda" {
  name               = "${local.prefix}-api-lambda"
  description        = "Execution role of ${local.api_function_name}: its table, its logs, its traces, its dead-letter queue."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "lambda_assume" {
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
resource "aws_iam_role_policy" "lambda" {
  name   = "least-privilege"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.lambda.json
}

# Exactly what the handler and the Lambda service do on its behalf, each on
# this module's own resources only.
data "aws_iam_policy_document" "lambda" {
  statement {
    sid       = "ReadWriteItems"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [local.table_arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.lambda.arn}:*"]
  }

  # X-Ray's write actions accept no resource narrower than "*".
  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  statement {
    sid       = "DeadLetter"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dlq.arn]
  }

  # The queue and the environment are encrypted with the module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]
  }
}
