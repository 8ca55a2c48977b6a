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
}

# An S3 bucket: durable object storage, billed per GB stored and per request
# (F24).
#
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

# Public access blocked: no bucket policy or ACL can ever make these objects
# public.
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket = aws_s3_bucket.logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Object ownership: who owns the objects written to the bucket, and whether
# ACLs count.
resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

# Default encryption: every object is encrypted at rest.
#
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

# Versioning keeps an object's previous versions, so an overwrite or a delete
# can be undone.
#
# Versioning keeps an overwritten or deleted log object recoverable until
# the lifecycle rule expires it.
resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

# The lifecycle rule expires objects and old versions, so the bucket does not
# grow forever.
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

# The bucket policy: who may use the bucket, and that every request must use
# TLS.
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
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logs.arn}/s3/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    # Only this module's own buckets, of this account (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:s3:::${local.prefix}-*"]
    }
  }
}
