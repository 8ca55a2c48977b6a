# Where the pipeline's source comes from: one object (a zip of the code) in
# a versioned bucket. Uploading a new version starts the pipeline through
# EventBridge, so CodePipeline does not poll.
#
# Provides: local.source_bucket_name and local.source_bucket_arn.
# Reads: local.pipeline_arn.

locals {
  source_bucket_name = aws_s3_bucket.source.bucket
  source_bucket_arn  = aws_s3_bucket.source.arn
}

resource "aws_s3_bucket" "source" {
  # The account ID makes the globally unique bucket name predictable without
  # a random suffix, so the same answers always give the same bucket.
  bucket = "${local.prefix}-source-${local.account_id}"
  # Unprotected (dev) stacks destroy cleanly though the bucket holds
  # sources; protected ones keep them until emptied on purpose.
  force_destroy = !var.deletion_protection
}

resource "aws_s3_bucket_public_access_block" "source" {
  bucket = aws_s3_bucket.source.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "source" {
  bucket = aws_s3_bucket.source.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

# The module's key, like the artifacts the pipeline makes from the source.
resource "aws_s3_bucket_server_side_encryption_configuration" "source" {
  bucket = aws_s3_bucket.source.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

# CodePipeline's S3 source requires versioning: each run reads the version
# that started it, even if a newer upload follows.
resource "aws_s3_bucket_versioning" "source" {
  bucket = aws_s3_bucket.source.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "source" {
  bucket = aws_s3_bucket.source.id

  rule {
    id     = "expire-old-sources"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = local.is_prod ? 30 : 7
    }

    # A writer killed in the middle of a large upload leaves parts that are
    # billed but invisible.
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.source]
}

resource "aws_s3_bucket_policy" "source" {
  bucket = aws_s3_bucket.source.id
  policy = data.aws_iam_policy_document.source.json

  # A public access block applied after the policy could reject it.
  depends_on = [aws_s3_bucket_public_access_block.source]
}

data "aws_iam_policy_document" "source" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.source.arn,
      "${aws_s3_bucket.source.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_logging" "source" {
  bucket        = aws_s3_bucket.source.id
  target_bucket = local.log_bucket_id
  target_prefix = "s3/source/"
}

# The bucket sends its object events to EventBridge, where the rule below
# picks the source object's.
resource "aws_s3_bucket_notification" "source" {
  bucket      = aws_s3_bucket.source.id
  eventbridge = true
}

# A new version of the source object starts the pipeline (change detection
# by event, not polling).
resource "aws_cloudwatch_event_rule" "source" {
  name        = "${local.prefix}-source-changed"
  description = "A new version of s3://${aws_s3_bucket.source.bucket}/${var.source_object_key} starts ${local.pipeline_name}."
  event_pattern = jsonencode({
    source      = ["aws.s3"]
    detail-type = ["Object Created"]
    detail = {
      bucket = { name = [aws_s3_bucket.source.bucket] }
      object = { key = [var.source_object_key] }
    }
  })
}

resource "aws_cloudwatch_event_target" "source" {
  rule     = aws_cloudwatch_event_rule.source.name
  arn      = local.pipeline_arn
  role_arn = aws_iam_role.source_trigger.arn

  # The role may start the pipeline before the first event arrives.
  depends_on = [aws_iam_role_policy.source_trigger]
}

resource "aws_iam_role" "source_trigger" {
  name               = "${local.prefix}-source-trigger"
  description        = "Lets EventBridge start ${local.pipeline_name} when the source object changes."
  assume_role_policy = data.aws_iam_policy_document.source_trigger_assume.json
}

data "aws_iam_policy_document" "source_trigger_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    # Only EventBridge acting for this account may take the role (confused
    # deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role_policy" "source_trigger" {
  name   = "start-pipeline"
  role   = aws_iam_role.source_trigger.id
  policy = data.aws_iam_policy_document.source_trigger.json
}

data "aws_iam_policy_document" "source_trigger" {
  statement {
    sid       = "StartThisPipeline"
    actions   = ["codepipeline:StartPipelineExecution"]
    resources = [local.pipeline_arn]
  }
}
