# One bucket receives the access logs of every service in this module, so
# there is a single place to retain, search and protect them. Its policy
# grants exactly the writers the composed components declare.
#
# Provides: local.log_bucket_id and local.log_bucket_domain_name.

locals {
  # Writers name the bucket through these values, which are known only once
  # the bucket policy and the ownership setting exist: AWS checks both when
  # a service's log delivery is turned on.
  log_bucket_id = aws_s3_bucket_policy.logs.bucket

  # CloudFront standard logging names the bucket by its domain.
  log_bucket_domain_name = "${aws_s3_bucket_policy.logs.bucket}.s3.${local.dns_suffix}"
}

# It is encrypted with SSE-S3 (AES256), not the module's KMS key: ALB access
# log delivery and S3 server access logging can only write to buckets
# encrypted with S3-managed keys. It keeps no access log of its own: those
# logs would land in itself, each write causing another.
#trivy:ignore:AVD-AWS-0132
#trivy:ignore:AVD-AWS-0089
resource "aws_s3_bucket" "logs" {
  # The account ID makes the globally unique bucket name predictable without
  # a random suffix, so the same answers always give the same bucket.
  bucket = "${local.prefix}-logs-${local.account_id}"
  # Unprotected (dev) stacks destroy cleanly though the bucket holds logs;
  # protected ones keep their logs as evidence until emptied on purpose.
  force_destroy = !var.deletion_protection
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket = aws_s3_bucket.logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    # CloudFront standard logging writes through an ACL grant to its log
    # delivery account.
    # So ACLs stay enabled; objects still belong to this account.
    object_ownership = "BucketOwnerPreferred"
  }
}

# SSE-S3 rather than the module's key: see the bucket above.
#trivy:ignore:AVD-AWS-0132
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Versioning keeps an overwritten or deleted log object recoverable until
# the lifecycle rule expires it.
resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = local.log_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 7
    }

    # A writer killed in the middle of a large upload leaves parts that are
    # billed but invisible.
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.logs]
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json

  # A public access block applied after the policy could reject it; the
  # ownership setting comes first so that local.log_bucket_id, which waits
  # for the policy, also means ACL writers may write.
  depends_on = [aws_s3_bucket_public_access_block.logs, aws_s3_bucket_ownership_controls.logs]
}

data "aws_iam_policy_document" "logs" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.logs.arn,
      "${aws_s3_bucket.logs.arn}/*",
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

  statement {
    sid       = "ALBAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logs.arn}/alb/AWSLogs/${local.account_id}/*"]

    # Elastic Load Balancing delivers from its regional AWS account in
    # regions opened before August 2022, as eu-west-3 is, and as the log
    # delivery service (below) in every region. Source:
    # https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
    # (step 2), as of 2026-11-29.
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::009996457667:root"]
    }

    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }
}
