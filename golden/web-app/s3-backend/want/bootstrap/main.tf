# The S3 bucket that holds the stack's Terraform state (backend.tf in the
# folder above). Apply this module once, before the stack's first
# `terraform init`; the README gives the order of commands.

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      ManagedBy = "terraform"
      Purpose   = "terraform-state"
    }
  }
}

resource "aws_s3_bucket" "state" {
  bucket = var.bucket_name

  # Every stack whose backend names this bucket loses track of its
  # resources with it: Terraform refuses to plan its destruction. To remove
  # it on purpose, move every state out, delete this block, then destroy.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket = aws_s3_bucket.state.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    # ACLs disabled: access is decided by IAM and the bucket policy alone.
    object_ownership = "BucketOwnerEnforced"
  }
}

# Versioning keeps every earlier state: a state a bad apply or a mistaken
# `terraform state rm` wrote can be restored from its previous version.
resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

# SSE-S3 encrypts every object at rest with keys S3 manages, at no cost;
# who may read the state is decided by IAM and the bucket policy. A
# customer managed KMS key would add a key policy to keep and a monthly
# charge, which this small bucket does not need to start with.
#trivy:ignore:AVD-AWS-0132
resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    id     = "expire-old-state-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }

    # A run killed in the middle of an upload leaves parts that are billed
    # but invisible.
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.state]
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = data.aws_iam_policy_document.state.json

  # S3 refuses a policy while the public access block is being applied.
  depends_on = [aws_s3_bucket_public_access_block.state]
}

# The state holds secrets: no request may reach it over plain HTTP.
data "aws_iam_policy_document" "state" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.state.arn,
      "${aws_s3_bucket.state.arn}/*",
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
