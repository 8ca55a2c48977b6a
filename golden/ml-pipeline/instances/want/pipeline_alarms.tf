# What tells a person the pipeline needs them: each failed training job (its
# Batch event, sent to the topic as it happens), the trigger or deployer
# failing, events that could not be delivered, and the endpoint answering
# with errors. Everything goes to one encrypted SNS topic.
#
# Reads: local.batch_job_queue_arn, local.batch_job_definition_arn_prefix,
# local.trigger_function_name, local.deployer_function_name and
# local.sagemaker_endpoint_name.

# Where the alarms notify; subscribe to it (see the module's README).
# Encrypted with the module's key, which CloudWatch and EventBridge may use
# to publish.
resource "aws_sns_topic" "alarms" {
  name              = "${local.prefix}-ml-alarms"
  kms_master_key_id = local.kms_key_arn
}

resource "aws_sns_topic_policy" "alarms" {
  arn    = aws_sns_topic.alarms.arn
  policy = data.aws_iam_policy_document.alarms.json
}

data "aws_iam_policy_document" "alarms" {
  # The account keeps managing and subscribing to its topic, as the default
  # policy this one replaces allowed.
  statement {
    sid       = "AccountManagesTopic"
    actions   = ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  # Only the failed-training rule of this module may publish events.
  statement {
    sid       = "FailedTrainingEvents"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.training_failed.arn]
    }
  }
}

resource "aws_cloudwatch_event_rule" "training_failed" {
  name        = "${local.prefix}-training-failed"
  description = "Sends each ${local.prefix} training job that failed (every attempt) to the alarm topic."

  event_pattern = jsonencode(local.training_failed_pattern)
}

locals {
  # Jobs of the module's queue and job definition (any revision) that failed.
  training_failed_pattern = {
    source      = ["aws.batch"]
    detail-type = ["Batch Job State Change"]
    detail = {
      status        = ["FAILED"]
      jobQueue      = [local.batch_job_queue_arn]
      jobDefinition = [{ prefix = "${local.batch_job_definition_arn_prefix}:" }]
    }
  }
}

# The whole event: job ID, name, status reason and the input key of the
# failed job.
resource "aws_cloudwatch_event_target" "training_failed" {
  rule      = aws_cloudwatch_event_rule.training_failed.name
  target_id = "alarm-topic"
  arn       = aws_sns_topic.alarms.arn

  dead_letter_config {
    arn = aws_sqs_queue.training_failed_dlq.arn
  }

  depends_on = [aws_sns_topic_policy.alarms, aws_sqs_queue_policy.training_failed_dlq]
}

# Failed-job events EventBridge could not publish to the topic.
resource "aws_sqs_queue" "training_failed_dlq" {
  name = "${local.prefix}-training-failed-dlq"

  # The longest SQS allows: two weeks to notice and replay a failure.
  message_retention_seconds = 1209600

  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue_policy" "training_failed_dlq" {
  queue_url = aws_sqs_queue.training_failed_dlq.id
  policy    = data.aws_iam_policy_document.training_failed_dlq.json
}

data "aws_iam_policy_document" "training_failed_dlq" {
  statement {
    sid       = "EventBridgeDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.training_failed_dlq.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    # Only failed deliveries of this rule, not any rule in any account.
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.training_failed.arn]
    }
  }
}

# A training job failed. The event itself went to the topic with the job's
# details; the alarm keeps the state visible in CloudWatch.
resource "aws_cloudwatch_metric_alarm" "training_failed" {
  alarm_name        = "${local.prefix}-training-failed"
  alarm_description = "A training job of ${local.prefix} failed every attempt: see the job's log and the event sent to this topic."
  namespace         = "AWS/Events"
  metric_name       = "TriggeredRules"
  dimensions = {
    RuleName = aws_cloudwatch_event_rule.training_failed.name
  }

  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  depends_on = [aws_sns_topic_policy.alarms]
}

# The trigger or the deployer raised an error: an object whose job was not
# submitted, or a trained model that was not deployed (Lambda retries, then
# dead-letters the event).
resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each = {
    trigger  = local.trigger_function_name
    deployer = local.deployer_function_name
  }

  alarm_name        = "${local.prefix}-${each.key}-errors"
  alarm_description = "${each.value} failed: read its log group, and replay its dead-letter queue once fixed."
  namespace         = "AWS/Lambda"
  metric_name       = "Errors"
  dimensions = {
    FunctionName = each.value
  }

  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  depends_on = [aws_sns_topic_policy.alarms]
}

# The endpoint answered with errors: 5XX from SageMaker or the container
# (Invocation5XXErrors), or the model container failing to answer
# (InvocationModelErrors). Before the first deployment the endpoint does
# not exist and the alarms see no data, which is not an alarm.
resource "aws_cloudwatch_metric_alarm" "endpoint" {
  for_each = toset(["Invocation5XXErrors", "InvocationModelErrors"])

  alarm_name        = "${local.prefix}-endpoint-${lower(each.key)}"
  alarm_description = "${local.sagemaker_endpoint_name} reported ${each.key}: read /aws/sagemaker/Endpoints/${local.sagemaker_endpoint_name}."
  namespace         = "AWS/SageMaker"
  metric_name       = each.key
  dimensions = {
    EndpointName = local.sagemaker_endpoint_name
    VariantName  = "AllTraffic"
  }

  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  depends_on = [aws_sns_topic_policy.alarms]
}
