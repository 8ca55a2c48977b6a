# The Glue job writes Parquet here, under the curated prefix, for the
# crawler and Redshift; the job's script and Spark's scratch files live
# under the Glue prefix.
#
# Provides: local.curated_bucket_name and local.curated_bucket_arn.

locals {
  curated_bucket_name = aws_s3_bucket.curated.bucket
  curated_bucket_arn  = aws_s3_bucket.curated.arn
}

# An S3 bucket: durable object storage, billed per GB stored and per request
# (F24).
resource "aws_s3_bucket" "curated" {
  # The account ID makes the globally unique bucket name predictable without
  # a random suffix, so the same answers always give the same bucket.
  bucket = "${local.prefix}-curated-${local.account_id}"
  # Unprotected (dev) stacks destroy cleanly though the bucket holds
  # curated data; protected ones keep it until emptied on purpose.
  force_destroy = !var.deletion_protection
}

# Public access blocked: no bucket policy or ACL can ever make these objects
# public.
resource "aws_s3_bucket_public_access_block" "curated" {
  bucket = aws_s3_bucket.curated.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Object ownership: who owns the objects written to the bucket, and whether
# ACLs count.
resource "aws_s3_bucket_ownership_controls" "curated" {
  bucket = aws_s3_bucket.curated.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

# Default encryption: every object is encrypted at rest.
#
# The module's key, which the Glue security configuration also writes with,
# so
# use of the data can be audited and revoked.
resource "aws_s3_bucket_server_side_encryption_configuration" "curated" {
  bucket = aws_s3_bucket.curated.id

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
# A run that overwrites curated files, or a mistaken delete, leaves the
# previous
# version recoverable for a while.
resource "aws_s3_bucket_versioning" "curated" {
  bucket = aws_s3_bucket.curated.id

  versioning_configuration {
    status = "Enabled"
  }
}

# The lifecycle rule expires objects and old versions, so the bucket does not
# grow forever.
resource "aws_s3_bucket_lifecycle_configuration" "curated" {
  bucket = aws_s3_bucket.curated.id

  rule {
    id     = "expire-glue-scratch"
    status = "Enabled"

    filter {
      prefix = "${var.glue_prefix}temp/"
    }

    expiration {
      days = 7
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

  depends_on = [aws_s3_bucket_versioning.curated]
}

# The bucket policy: who may use the bucket, and that every request must use
# TLS.
resource "aws_s3_bucket_policy" "curated" {
  bucket = aws_s3_bucket.curated.id
  policy = data.aws_iam_policy_document.curated.json

  # A public access block applied after the policy could reject it.
  depends_on = [aws_s3_bucket_public_access_block.curated]
}

data "aws_iam_policy_document" "curated" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.curated.arn,
      "${aws_s3_bucket.curated.arn}/*",
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
# Every request to the curated data is recorded in the module's log bucket.
resource "aws_s3_bucket_logging" "curated" {
  bucket        = aws_s3_bucket.curated.id
  target_bucket = local.log_bucket_id
  target_prefix = "s3/curated/"
}
