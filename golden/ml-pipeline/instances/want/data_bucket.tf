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

resource "aws_s3_bucket" "data" {
  # The account ID makes the globally unique bucket name predictable without
  # a random suffix, so the same answers always give the same bucket.
  bucket = "${local.prefix}-data-${local.account_id}"
  # Unprotected (dev) stacks destroy cleanly though the bucket holds data
  # and models; protected ones keep them until emptied on purpose.
  force_destroy = !var.deletion_protection
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket = aws_s3_bucket.data.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

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

# A model or a data file overwritten by mistake stays recoverable until the
# lifecycle rule expires its old version.
resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id

  versioning_configuration {
    status = "Enabled"
  }
}

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

# Every request to the data and the models (who wrote or read what, when)
# is recorded in the module's log bucket.
resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = local.log_bucket_id
  target_prefix = "s3/data/"
}
