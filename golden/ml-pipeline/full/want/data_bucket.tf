# Training data lands here, under the data prefix; training jobs write each
# trained model under the model prefix, where SageMaker reads it from.
#
# Provides: local.data_bucket_name, local.data_bucket_arn and
# local.data_bucket_id.

locals {
  data_bucket_name = aws_s3_bucket.data.bucket
  data_bucket_arn  = aws_s3_bucket.data.arn
  data_bucket_id   = aws_s3_bucket.data.id
}

# An S3 bucket: durable object storage, billed per GB stored and per request
# (F24).
resource "aws_s3_bucket" "data" {
  # The account ID makes the globally unique bucket name predictable without
  # a random suffix, so the same answers always give the same bucket.
  bucket = "${local.prefix}-data-${local.account_id}"
  # Unprotected (dev) stacks destroy cleanly though the bucket holds data
  # and models; protected ones keep them until emptied on purpose.
  force_destroy = !var.deletion_protection
}

# Public access blocked: no bucket policy or ACL can ever make these objects
# public.
resource "aws_s3_bucket_public_access_block" "data" {
  bucket = aws_s3_bucket.data.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Object ownership: who owns the objects written to the bucket, and whether
# ACLs count.
resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

# Default encryption: every object is encrypted at rest.
#
# The module's key rather than S3's own, so use of the data and the models
# can
# be audited and revoked; the bucket key cuts the KMS requests of many
# objects.
resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

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
# A model or a data file overwritten by mistake stays recoverable until the
# lifecycle rule expires its old version.
resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id

  versioning_configuration {
    status = "Enabled"
  }
}

# The lifecycle rule expires objects and old versions, so the bucket does not
# grow forever.
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    id     = "expire-training-data"
    status = "Enabled"

    filter {
      prefix = var.data_prefix
    }

    expiration {
      days = var.data_expiration_days
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

  depends_on = [aws_s3_bucket_versioning.data]
}

# The bucket policy: who may use the bucket, and that every request must use
# TLS.
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = data.aws_iam_policy_document.data.json

  # A public access block applied after the policy could reject it.
  depends_on = [aws_s3_bucket_public_access_block.data]
}

data "aws_iam_policy_document" "data" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.data.arn,
      "${aws_s3_bucket.data.arn}/*",
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
# Every request to the data and the models (who wrote or read what, when)
# is recorded in the module's log bucket.
resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = local.log_bucket_id
  target_prefix = "s3/data/"
}
