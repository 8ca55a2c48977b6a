# The pipeline: Source, then Build (CodeBuild), then IntegrationTests (a
# Batch job, through a Lambda invoke action). Its artifacts live in the
# artifact bucket, encrypted with the module's key; failures reach an
# encrypted SNS topic as notifications and alarms.
#
# Provides: local.pipeline_name, local.pipeline_arn and
# local.pipeline_artifact_prefix.
# Reads: local.artifact_bucket_name, local.artifact_bucket_arn,
# local.build_project_name, local.build_project_arn,
# local.integration_tests_function_name and local.source_connection_arn.

locals {
  pipeline_name = "${local.prefix}-pipeline"

  # CodePipeline writes a pipeline's artifacts under the first 20 characters
  # of its name (AWS::CodePipeline::Pipeline ArtifactStore, Location); the
  # roles that read or write artifacts are held to that prefix.
  pipeline_artifact_prefix = "${substr(local.pipeline_name, 0, 20)}/"
}

# The pipeline: Source, then Build (CodeBuild: build and light tests), then
# IntegrationTests (heavy tests on Batch, on Spot for cost); a failed stage
# stops the release (P9, F21).
resource "aws_codepipeline" "main" {
  name          = local.pipeline_name
  pipeline_type = "V2"
  role_arn      = aws_iam_role.pipeline.arn

  artifact_store {
    location = local.artifact_bucket_name
    type     = "S3"

    encryption_key {
      id   = local.kms_key_arn
      type = "KMS"
    }
  }

  stage {
    name = "Source"

    action {
      name             = "Source"
      category         = "Source"
      owner            = "AWS"
      provider         = "CodeStarSourceConnection"
      version          = "1"
      output_artifacts = ["source"]

      # A push to the branch starts the pipeline.
      configuration = {
        ConnectionArn    = local.source_connection_arn
        FullRepositoryId = "${var.repository_owner}/${var.repository_name}"
        BranchName       = var.branch
        DetectChanges    = "true"
      }
    }
  }

  stage {
    name = "Build"

    action {
      name             = "Build"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      input_artifacts  = ["source"]
      output_artifacts = ["build"]

      configuration = {
        ProjectName = local.build_project_name
      }
    }
  }

  stage {
    name = "IntegrationTests"

    action {
      name            = "IntegrationTests"
      category        = "Invoke"
      owner           = "AWS"
      provider        = "Lambda"
      version         = "1"
      input_artifacts = ["build"]

      configuration = {
        FunctionName = local.integration_tests_function_name
      }
    }
  }

  # The role must hold its permissions before the first execution.
  depends_on = [aws_iam_role_policy.pipeline]
}

# An IAM role: an identity codepipeline.amazonaws.com takes to act for this
# module, holding only the permissions it needs (F31).
resource "aws_iam_role" "pipeline" {
  name               = "${local.prefix}-pipeline"
  description        = "Service role of the ${local.pipeline_name} pipeline: its source, its artifacts, its build project and test function."
  assume_role_policy = data.aws_iam_policy_document.pipeline_assume.json
}

data "aws_iam_policy_document" "pipeline_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codepipeline.amazonaws.com"]
    }

    # Only CodePipeline acting for this account may take the role (confused
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
resource "aws_iam_role_policy" "pipeline" {
  name   = "least-privilege"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline.json
}

# What CodePipeline does with the role, each on this module's resources only.
data "aws_iam_policy_document" "pipeline" {
  statement {
    sid       = "PipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${local.artifact_bucket_arn}/${local.pipeline_artifact_prefix}*"]
  }

  statement {
    sid       = "ArtifactBucket"
    actions   = ["s3:GetBucketVersioning", "s3:GetBucketLocation"]
    resources = [local.artifact_bucket_arn]
  }

  # Connections made since the service's 2024 rename answer to
  # codeconnections:, older ones to codestar-connections:.
  statement {
    sid       = "UseConnection"
    actions   = ["codeconnections:UseConnection", "codestar-connections:UseConnection"]
    resources = [local.source_connection_arn]
  }

  statement {
    sid       = "RunBuild"
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"]
    resources = [local.build_project_arn]
  }

  statement {
    sid       = "InvokeTests"
    actions   = ["lambda:InvokeFunction"]
    resources = ["arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${local.integration_tests_function_name}"]
  }

  # Artifacts are encrypted with the module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]
  }
}

# The SNS topic the pipeline's notifications and alarms go to; subscribe an
# e-mail address or a chat integration to it.
#
# Where failures are reported; subscribe to it (see the module's README).
# Encrypted with the module's key, which CodeStar Notifications, EventBridge
# and CloudWatch may use to publish.
resource "aws_sns_topic" "pipeline" {
  name              = "${local.prefix}-pipeline-events"
  kms_master_key_id = local.kms_key_arn
}

# Who may publish to the topic: the pipeline's notifications and alarms,
# nothing else.
resource "aws_sns_topic_policy" "pipeline" {
  arn    = aws_sns_topic.pipeline.arn
  policy = data.aws_iam_policy_document.pipeline_topic.json
}

data "aws_iam_policy_document" "pipeline_topic" {
  statement {
    sid       = "PipelineNotifications"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.pipeline.arn]

    principals {
      type        = "Service"
      identifiers = ["codestar-notifications.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid       = "FailedExecutionEvents"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.pipeline.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.pipeline_failed.arn]
    }
  }

  statement {
    sid       = "Alarms"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.pipeline.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# Notifications of the pipeline's executions (started, succeeded, failed) to
# the topic.
#
# Every execution that fails, succeeds or is stopped, as a notification.
resource "aws_codestarnotifications_notification_rule" "pipeline" {
  name        = "${local.prefix}-pipeline"
  resource    = aws_codepipeline.main.arn
  detail_type = "BASIC"
  event_type_ids = [
    "codepipeline-pipeline-pipeline-execution-failed",
    "codepipeline-pipeline-pipeline-execution-succeeded",
    "codepipeline-pipeline-pipeline-execution-canceled",
  ]

  target {
    address = aws_sns_topic.pipeline.arn
  }

  depends_on = [aws_sns_topic_policy.pipeline]
}

# An EventBridge rule on the pipeline's failed executions, which the alarm
# below counts (P9: CloudWatch monitors).
#
# A failed execution of this pipeline: the rule forwards the event to the
# topic and counts it, and the alarm below fires on the count.
resource "aws_cloudwatch_event_rule" "pipeline_failed" {
  name        = "${local.prefix}-pipeline-failed"
  description = "An execution of ${local.pipeline_name} failed."
  event_pattern = jsonencode({
    source      = ["aws.codepipeline"]
    detail-type = ["CodePipeline Pipeline Execution State Change"]
    detail = {
      pipeline = [local.pipeline_name]
      state    = ["FAILED"]
    }
  })
}

# The rule's target: the topic, with the failed execution's details.
resource "aws_cloudwatch_event_target" "pipeline_failed" {
  rule = aws_cloudwatch_event_rule.pipeline_failed.name
  arn  = aws_sns_topic.pipeline.arn

  # The topic's policy must let EventBridge publish before the first event.
  depends_on = [aws_sns_topic_policy.pipeline]
}

# An alarm when an execution of the pipeline fails (P9: CloudWatch monitors).
resource "aws_cloudwatch_metric_alarm" "pipeline_failed" {
  alarm_name        = "${local.prefix}-pipeline-failed"
  alarm_description = "An execution of ${local.pipeline_name} failed: see its history in the CodePipeline console."
  namespace         = "AWS/Events"
  metric_name       = "TriggeredRules"
  dimensions = {
    RuleName = aws_cloudwatch_event_rule.pipeline_failed.name
  }

  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.pipeline.arn]

  # The topic's policy must let CloudWatch publish before the alarm fires.
  depends_on = [aws_sns_topic_policy.pipeline]
}

# An alarm when a CodeBuild build fails.
resource "aws_cloudwatch_metric_alarm" "build_failed" {
  alarm_name        = "${local.prefix}-build-failed"
  alarm_description = "A build of ${local.build_project_name} failed: read its log group."
  namespace         = "AWS/CodeBuild"
  metric_name       = "FailedBuilds"
  dimensions = {
    ProjectName = local.build_project_name
  }

  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.pipeline.arn]

  # The topic's policy must let CloudWatch publish before the alarm fires.
  depends_on = [aws_sns_topic_policy.pipeline]
}
