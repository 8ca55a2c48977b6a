# The job's results land here.
#
# Provides: local.output_bucket_name and local.output_bucket_arn.

locals {
  output_bucket_name = aws_s3_bucket.output.bucket
  output_bucket_arn  = aws_s3_bucket.output.arn
}

resource "aws_s3_bucket" "output" {
  # The account ID makes the globally unique bucket name predictable without
  # a random suffix, so the same answers always give the same bucket.
  bucket = "${local.prefix}-output-${local.account_id}"
  # Unprotected (dev) stacks destroy cleanly though the bucket holds
  # results; protected ones keep them until emptied on purpose.
  force_destroy = !var.deletion_protection
}

resource "aws_s3_bucket_public_access_block" "output" {
  bucket = aws_s3_bucket.output.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "output" {
  bucket = aws_s3_bucket.output.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

# The module's key rather than S3's own, so use of the data can be audited
# and revoked; the bucket key cuts the KMS requests (and their cost) of a job
# writing many objects.
resource "aws_s3_bucket_server_side_encryption_configuration" "output" {
  bucket = aws_s3_bucket.output.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

# A rerun that overwrites a result, or a mistaken delete, leaves the previous
# version recoverable until the lifecycle rule expires it.
resource "aws_s3_bucket_versioning" "output" {
  bucket = aws_s3_bucket.output.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "output" {
  bucket = aws_s3_bucket.output.id

  rule {
    id     = "expire-outputs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.output_expiration_days
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

  depends_on = [aws_s3_bucket_versioning.output]
}

resource "aws_s3_bucket_policy" "output" {
  bucket = aws_s3_bucket.output.id
  policy = data.aws_iam_policy_document.output.json

  # A public access block applied after the policy could reject it.
  depends_on = [aws_s3_bucket_public_access_block.output]
}

data "aws_iam_policy_document" "output" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.output.arn,
      "${aws_s3_bucket.output.arn}/*",
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

# Every request to the results (who read or wrote what, when) is recorded in
# the module's log bucket; local.log_bucket_id is known only once that
# bucket's policy lets S3 write there, which S3 checks.
resource "aws_s3_bucket_logging" "output" {
  bucket        = aws_s3_bucket.output.id
  target_bucket = local.log_bucket_id
  target_prefix = "s3/output/"
}
