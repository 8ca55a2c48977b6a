# The function that processes the stream, the event source mapping that
# feeds it batches of records, the queue that keeps what it gives up on, and
# the alarms that say when it falls behind or fails.
#
# Provides: local.processor_function_name.
# Reads: local.stream_arn, local.output_bucket_name and
# local.output_bucket_arn.

locals {
  processor_function_name = "${local.prefix}-processor"
}

# A Lambda function: code that runs when an event arrives, scaled from zero
# by AWS and billed per invocation and duration; a run lasts 15 minutes at
# most and keeps nothing between invocations (F7, F9, F13).
resource "aws_lambda_function" "processor" {
  function_name = local.processor_function_name
  description   = "${local.prefix}: writes the stream's records to the bucket"
  role          = aws_iam_role.processor.arn

  # scaffold built the package from src/ with fixed timestamps, so the hash
  # changes only when the code does.
  filename         = "${path.module}/build/lambda.zip"
  source_code_hash = filebase64sha256("${path.module}/build/lambda.zip")
  handler          = "handler.handler"
  runtime          = var.runtime
  architectures    = [var.architecture]
  memory_size      = var.memory_mb
  timeout          = var.timeout_s

  # Names only: the function reaches its sink through its role, so no secret
  # ever sits in the environment. Still encrypted with the module's key.
  kms_key_arn = local.kms_key_arn
  environment {
    variables = {
      OUTPUT_BUCKET = local.output_bucket_name
      OUTPUT_PREFIX = var.output_prefix
    }
  }

  # Follows each batch from the event source mapping through the function to
  # the sink (trivy AWS-0066).
  tracing_config {
    mode = "Active"
  }

  # JSON lines can be filtered by field in Logs Insights; the group is
  # Terraform's, so Lambda never creates one without retention or key.
  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.processor.name
    application_log_level = var.log_level
    system_log_level      = "WARN"
  }

  # The role must hold its permissions before the first invocation.
  depends_on = [aws_iam_role_policy.processor]
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# Created here rather than by Lambda on first run, so it has a retention
# period and is encrypted with the module's key (trivy AWS-0017).
resource "aws_cloudwatch_log_group" "processor" {
  name              = "/aws/lambda/${local.processor_function_name}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# The event source mapping reads the stream for the function: it polls each
# shard, hands the function batches of records, retries and splits failing
# batches, and sends what it gives up on to the failure queue (P8, F14).
#
# Lambda polls every shard for the function and invokes it with batches of
# records, in order per shard.
resource "aws_lambda_event_source_mapping" "stream" {
  event_source_arn  = local.stream_arn
  function_name     = aws_lambda_function.processor.arn
  starting_position = var.starting_position

  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.batching_window_s
  parallelization_factor             = var.parallelization_factor
  tumbling_window_in_seconds         = var.tumbling_window_s

  # A failing batch is split to isolate the bad record, retried a bounded
  # number of times and no older than the age limit; then its position goes
  # to the failure queue and the shard moves on.
  bisect_batch_on_function_error = var.bisect_on_error
  maximum_retry_attempts         = var.maximum_retry_attempts
  maximum_record_age_in_seconds  = var.maximum_record_age_s

  # The handler names the first record it failed, so a retry starts there
  # instead of at the start of the batch.
  function_response_types = ["ReportBatchItemFailures"]

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.failures.arn
    }
  }

  # Lambda reads the stream with the function's role: the role must hold its
  # permissions first.
  depends_on = [aws_iam_role_policy.processor]
}

# A dead-letter queue: what could not be delivered or processed waits here
# for two weeks, instead of vanishing.
#
# Where the event source mapping sends the shard, sequence numbers and error
# of each batch it gave up on, so those records can be read back from the
# stream while it still retains them.
resource "aws_sqs_queue" "failures" {
  name = "${local.prefix}-stream-failures"

  # The longest SQS allows: two weeks to notice and replay a failure.
  message_retention_seconds = 1209600

  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

# The SNS topic the alarms notify; subscribe an e-mail address or a chat
# integration to it.
#
# Where the alarms notify; subscribe to it (see the module's README).
# Encrypted with the module's key, which CloudWatch may use to publish.
resource "aws_sns_topic" "alarms" {
  name              = "${local.prefix}-stream-alarms"
  kms_master_key_id = local.kms_key_arn
}

# An alarm on the iterator age: how far behind the newest record the function
# reads; rising means it cannot keep up, and records may expire unread (P8).
#
# The newest record the function read was put longer ago than the limit: the
# function is falling behind the stream, and records near the end of the
# retention period will be lost.
resource "aws_cloudwatch_metric_alarm" "iterator_age" {
  alarm_name        = "${local.prefix}-processor-iterator-age"
  alarm_description = "${local.processor_function_name} runs more than ${var.iterator_age_alarm_s} s behind the stream."
  namespace         = "AWS/Lambda"
  metric_name       = "IteratorAge"
  dimensions = {
    FunctionName = aws_lambda_function.processor.function_name
  }

  # IteratorAge is in milliseconds.
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.iterator_age_alarm_s * 1000
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# An alarm on the failure queue: a message there is a batch of records the
# function gave up on.
#
# A message in the failure queue is a batch of records the function never
# processed.
resource "aws_cloudwatch_metric_alarm" "failures" {
  alarm_name        = "${local.prefix}-stream-failures-visible"
  alarm_description = "Records of the stream were given up on: read their positions from ${aws_sqs_queue.failures.name}."
  namespace         = "AWS/SQS"
  metric_name       = "ApproximateNumberOfMessagesVisible"
  dimensions = {
    QueueName = aws_sqs_queue.failures.name
  }

  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# An IAM role: an identity lambda.amazonaws.com takes to act for this module,
# holding only the permissions it needs (F31).
resource "aws_iam_role" "processor" {
  name               = "${local.prefix}-processor"
  description        = "Execution role of ${local.processor_function_name}: its stream, its sink, its logs, its traces, its failure queue."
  assume_role_policy = data.aws_iam_policy_document.processor_assume.json
}

data "aws_iam_policy_document" "processor_assume" {
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
resource "aws_iam_role_policy" "processor" {
  name   = "least-privilege"
  role   = aws_iam_role.processor.id
  policy = data.aws_iam_policy_document.processor.json
}

# Exactly what the handler and the event source mapping do with the role,
# each on this module's own resources only.
data "aws_iam_policy_document" "processor" {
  statement {
    sid = "ReadStream"
    actions = [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:GetRecords",
      "kinesis:GetShardIterator",
      "kinesis:ListShards",
    ]
    resources = [local.stream_arn]
  }

  statement {
    sid       = "WriteRecords"
    actions   = ["s3:PutObject"]
    resources = ["${local.output_bucket_arn}/${var.output_prefix}*"]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.processor.arn}:*"]
  }

  # X-Ray's write actions accept no resource narrower than "*".
  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  statement {
    sid       = "OnFailure"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.failures.arn]
  }

  # The stream, the sink, the queue and the environment are encrypted with
  # the module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]
  }
}
