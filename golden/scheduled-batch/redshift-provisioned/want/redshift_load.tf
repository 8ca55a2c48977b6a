# When a job of the module's queue succeeds, EventBridge has the Redshift
# Data API run COPY: the rows the job's manifest lists are appended to
# var.redshift_table. The job writes its files under var.output_prefix and,
# last, the manifest at local.redshift_load_manifest_key naming exactly
# this run's files, so each run is loaded once and an earlier run's files
# are never loaded again.
#
# Reads: local.batch_job_queue_arn and local.batch_job_definition_arn_prefix
# (which jobs), local.output_bucket_name (where they write), and
# local.redshift_data_target_arn, local.redshift_database_name and
# local.redshift_admin_secret_arn (where and as whom COPY runs).

locals {
  redshift_load_manifest_key = "${var.output_prefix}redshift-load.manifest"
  # Parquet files carry their own schema; CSV files are read with a header
  # line, and JSON objects by their keys' names ('auto').
  redshift_copy_format = {
    parquet = "FORMAT AS PARQUET"
    csv     = "FORMAT AS CSV IGNOREHEADER 1"
    json    = "FORMAT AS JSON 'auto'"
  }[var.redshift_load_format]
}

resource "aws_cloudwatch_event_rule" "redshift_load" {
  name        = "${local.prefix}-redshift-load"
  description = "Loads the output of each ${local.prefix} Batch job that succeeds into Redshift."

  event_pattern = jsonencode({
    source      = ["aws.batch"]
    detail-type = ["Batch Job State Change"]
    detail = {
      status   = ["SUCCEEDED"]
      jobQueue = [local.batch_job_queue_arn]
      # Any revision of the module's job definition.
      jobDefinition = [{ prefix = "${local.batch_job_definition_arn_prefix}:" }]
    }
  })
}

resource "aws_cloudwatch_event_target" "redshift_load" {
  rule      = aws_cloudwatch_event_rule.redshift_load.name
  target_id = "redshift-copy"
  arn       = local.redshift_data_target_arn
  role_arn  = aws_iam_role.redshift_load.arn

  # The Data API signs in with the admin secret Redshift manages, so no
  # password is written anywhere.
  redshift_target {
    database            = local.redshift_database_name
    secrets_manager_arn = local.redshift_admin_secret_arn
    statement_name      = aws_cloudwatch_event_rule.redshift_load.name
    sql                 = "COPY ${var.redshift_table} FROM 's3://${local.output_bucket_name}/${local.redshift_load_manifest_key}' IAM_ROLE default MANIFEST ${local.redshift_copy_format}"
  }

  # EventBridge retries a statement it could not start (throttling, a
  # workgroup still starting) for an hour, then dead-letters the event, so a
  # job whose output was never loaded is never silent.
  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 20
  }

  dead_letter_config {
    arn = aws_sqs_queue.redshift_load_dlq.arn
  }

  depends_on = [aws_iam_role_policy.redshift_load, aws_sqs_queue_policy.redshift_load_dlq]
}

# The role EventBridge takes to run the statement: the Data API on this
# warehouse, as the admin whose secret it may read, and nothing else.
resource "aws_iam_role" "redshift_load" {
  name               = "${local.prefix}-redshift-load"
  assume_role_policy = data.aws_iam_policy_document.redshift_load_assume.json
}

data "aws_iam_policy_document" "redshift_load_assume" {
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
      values   = [aws_cloudwatch_event_rule.redshift_load.arn]
    }
  }
}

resource "aws_iam_role_policy" "redshift_load" {
  name   = "run-copy"
  role   = aws_iam_role.redshift_load.id
  policy = data.aws_iam_policy_document.redshift_load.json
}

data "aws_iam_policy_document" "redshift_load" {
  statement {
    sid       = "RunStatementOnThisWarehouse"
    actions   = ["redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"]
    resources = [local.redshift_data_target_arn]
  }

  statement {
    sid       = "ReadAdminSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.redshift_admin_secret_arn]
  }

  # The secret is encrypted with the module's key.
  statement {
    sid       = "DecryptAdminSecret"
    actions   = ["kms:Decrypt"]
    resources = [local.kms_key_arn]
  }
}

# Events EventBridge could not deliver land here for 14 days. The queue is
# encrypted with the module's key, which lets events.amazonaws.com use it
# (the schedule's key user).
resource "aws_sqs_queue" "redshift_load_dlq" {
  name = "${local.prefix}-redshift-load-dlq"

  # The longest SQS allows: two weeks to notice and replay a failure.
  message_retention_seconds = 1209600

  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue_policy" "redshift_load_dlq" {
  queue_url = aws_sqs_queue.redshift_load_dlq.id
  policy    = data.aws_iam_policy_document.redshift_load_dlq.json
}

data "aws_iam_policy_document" "redshift_load_dlq" {
  statement {
    sid       = "EventBridgeDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.redshift_load_dlq.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    # Only failed deliveries of this rule, not any rule in any account.
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.redshift_load.arn]
    }
  }
}
