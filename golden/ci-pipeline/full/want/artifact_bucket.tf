# The pipeline's artifact store: what each stage hands the next (the source
# snapshot, the build output) and CodeBuild's S3 cache.
#
# Provides: local.artifact_bucket_name and local.artifact_bucket_arn.

locals {
  artifact_bucket_name = aws_s3_bucket.artifacts.bucket
  artifact_bucket_arn  = aws_s3_bucket.artifacts.arn
}

# An S3 bucket: durable object storage, billed per GB stored and per request
# (F24).
resource "aws_s3_bucket" "artifacts" {
  # The account ID makes the globally unique bucket name predictable without
  # a random suffix, so the same answers always give the same bucket.
  bucket = "${local.prefix}-artifacts-${local.account_id}"
  # Unprotected (dev) stacks destroy cleanly though the bucket holds
  # artifacts; protected ones keep them until emptied on purpose.
  force_destroy = !var.deletion_protection
}

# Public access blocked: no bucket policy or ACL can ever make these objects
# public.
resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Object ownership: who owns the objects written to the bucket, and whether
# ACLs count.
resource "aws_s3_bucket_ownership_controls" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

# Default encryption: every object is encrypted at rest.
#
# The module's key, which CodePipeline also encrypts artifacts with, so use
# of the builds' inputs and outputs can be audited and revoked.
resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

# Versioning keeps an object's previous versions, so an overwrite or a delete
# can be undone.
#
# An artifact overwritten by a rerun stays recoverable until the lifecycle
# rule expires it.
resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  versioning_configuration {
    status = "Enabled"
  }
}

# The lifecycle rule expires objects and old versions, so the bucket does not
# grow forever.
resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    id     = "expire-artifacts"
    status = "Enabled"

    filter {}

    expiration {
      days = var.artifact_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = local.is_prod ? 30 : 7
    }

    # A writer killed in the middle of a large upload leaves parts that are
    # billed but invisible.
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.artifacts]
}

# The bucket policy: who may use the bucket, and that every request must use
# TLS.
resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = data.aws_iam_policy_document.artifacts.json

  # A public access block applied after the policy could reject it.
  depends_on = [aws_s3_bucket_public_access_block.artifacts]
}

data "aws_iam_policy_document" "artifacts" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.artifacts.arn,
      "${aws_s3_bucket.artifacts.arn}/*",
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

# S3 server access logging: every request to this bucket is recorded in the
# log bucket, for audits.
#
# Every request to the artifacts is recorded in the module's log bucket.
resource "aws_s3_bucket_logging" "artifacts" {
  bucket        = aws_s3_bucket.artifacts.id
  target_bucket = local.log_bucket_id
  target_prefix = "s3/artifacts/"
}
