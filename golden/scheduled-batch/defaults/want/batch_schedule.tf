# EventBridge submits the job on var.schedule. Rule schedules run in UTC:
# cron(0 2 * * ? *) is 02:00 UTC every day, whatever the region.
#
# Reads: local.batch_job_queue_arn, local.batch_job_definition_arn and
# local.batch_job_definition_arn_prefix.

resource "aws_cloudwatch_event_rule" "schedule" {
  name                = "${local.prefix}-schedule"
  description         = "Submits the ${local.prefix} Batch job on ${var.schedule} (UTC)."
  schedule_expression = var.schedule
  state               = "ENABLED"
}

resource "aws_cloudwatch_event_target" "batch" {
  rule      = aws_cloudwatch_event_rule.schedule.name
  target_id = "submit-batch-job"
  arn       = local.batch_job_queue_arn
  role_arn  = aws_iam_role.schedule.arn

  batch_target {
    job_definition = local.batch_job_definition_arn
    job_name       = "${local.prefix}-scheduled"
  }

  # Submitting fails while Batch throttles or the queue is being replaced;
  # EventBridge retries with backoff for an hour, then hands the event to
  # the dead-letter queue so a missed run is never silent.
  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 20
  }

  dead_letter_config {
    arn = aws_sqs_queue.schedule_dlq.arn
  }

  # The first scheduled submission must find the role allowed to submit,
  # and a first failure a queue that accepts it.
  depends_on = [aws_iam_role_policy.schedule, aws_sqs_queue_policy.schedule_dlq]
}

# The role EventBridge takes to submit the job: it may submit this job
# definition to this queue and do nothing else.
resource "aws_iam_role" "schedule" {
  name               = "${local.prefix}-schedule-submit"
  assume_role_policy = data.aws_iam_policy_document.schedule_assume.json
}

data "aws_iam_policy_document" "schedule_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    # Only this rule may take the role (confused deputy).
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.schedule.arn]
    }
  }
}

resource "aws_iam_role_policy" "schedule" {
  name   = "submit-job"
  role   = aws_iam_role.schedule.id
  policy = data.aws_iam_policy_document.schedule.json
}

data "aws_iam_policy_document" "schedule" {
  statement {
    sid     = "SubmitThisJobToThisQueue"
    actions = ["batch:SubmitJob"]
    # The definition without a revision, and its revisions, so a new
    # revision does not need a new policy.
    resources = [
      local.batch_job_queue_arn,
      local.batch_job_definition_arn_prefix,
      "${local.batch_job_definition_arn_prefix}:*",
    ]
  }
}

# Events EventBridge could not deliver land here for 14 days. The queue is
# encrypted with the module's key, which lets events.amazonaws.com use it.
resource "aws_sqs_queue" "schedule_dlq" {
  name = "${local.prefix}-schedule-dlq"

  # The longest SQS allows: two weeks to notice and replay a failure.
  message_retention_seconds = 1209600

  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue_policy" "schedule_dlq" {
  queue_url = aws_sqs_queue.schedule_dlq.id
  policy    = data.aws_iam_policy_document.schedule_dlq.json
}

data "aws_iam_policy_document" "schedule_dlq" {
  statement {
    sid       = "EventBridgeDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.schedule_dlq.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    # Only failed deliveries of this rule, not any rule in any account.
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.schedule.arn]
    }
  }
}
