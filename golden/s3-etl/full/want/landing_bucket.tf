# Uploads land here, under the incoming prefix; the validator moves rejects
# under the quarantine prefix. Both are raw files, kept only as long as a
# rerun may need them.
#
# Provides: local.landing_bucket_name, local.landing_bucket_arn and
# local.landing_bucket_id.

locals {
  landing_bucket_name = aws_s3_bucket.landing.bucket
  landing_bucket_arn  = aws_s3_bucket.landing.arn
  landing_bucket_id   = aws_s3_bucket.landing.id
}

# An S3 bucket: durable object storage, billed per GB stored and per request
# (F24).
resource "aws_s3_bucket" "landing" {
  # The account ID makes the globally unique bucket name predictable without
  # a random suffix, so the same answers always give the same bucket.
  bucket = "${local.prefix}-landing-${local.account_id}"
  # Unprotected (dev) stacks destroy cleanly though the bucket holds
  # uploads; protected ones keep them until emptied on purpose.
  force_destroy = !var.deletion_protection
}

# Public access blocked: no bucket policy or ACL can ever make these objects
# public.
resource "aws_s3_bucket_public_access_block" "landing" {
  bucket = aws_s3_bucket.landing.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Object ownership: who owns the objects written to the bucket, and whether
# ACLs count.
resource "aws_s3_bucket_ownership_controls" "landing" {
  bucket = aws_s3_bucket.landing.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

# Default encryption: every object is encrypted at rest.
#
# The module's key rather than S3's own, so use of the uploads can be audited
# and
# revoked; the bucket key cuts the KMS requests of many small uploads.
resource "aws_s3_bucket_server_side_encryption_configuration" "landing" {
  bucket = aws_s3_bucket.landing.id

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
# An upload that overwrites another, or a mistaken delete, leaves the
# previous
# version recoverable until the lifecycle rule expires it.
resource "aws_s3_bucket_versioning" "landing" {
  bucket = aws_s3_bucket.landing.id

  versioning_configuration {
    status = "Enabled"
  }
}

# The lifecycle rule expires objects and old versions, so the bucket does not
# grow forever.
resource "aws_s3_bucket_lifecycle_configuration" "landing" {
  bucket = aws_s3_bucket.landing.id

  rule {
    id     = "expire-uploads"
    status = "Enabled"

    filter {}

    expiration {
      days = var.landing_expiration_days
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

  depends_on = [aws_s3_bucket_versioning.landing]
}

# The bucket policy: who may use the bucket, and that every request must use
# TLS.
resource "aws_s3_bucket_policy" "landing" {
  bucket = aws_s3_bucket.landing.id
  policy = data.aws_iam_policy_document.landing.json

  # A public access block applied after the policy could reject it.
  depends_on = [aws_s3_bucket_public_access_block.landing]
}

data "aws_iam_policy_document" "landing" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.landing.arn,
      "${aws_s3_bucket.landing.arn}/*",
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
# Every request to the uploads (who wrote or read what, when) is recorded in
# the module's log bucket.
resource "aws_s3_bucket_logging" "landing" {
  bucket        = aws_s3_bucket.landing.id
  target_bucket = local.log_bucket_id
  target_prefix = "s3/landing/"
}
