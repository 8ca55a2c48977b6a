assert {
  condition = alltrue([
    aws_s3_bucket_public_access_block.logs.block_public_acls,
    aws_s3_bucket_public_access_block.logs.block_public_policy,
    aws_s3_bucket_public_access_block.logs.ignore_public_acls,
    aws_s3_bucket_public_access_block.logs.restrict_public_buckets,
  ])
  error_message = "The log bucket must block every form of public access."
}

assert {
  condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.logs.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
  error_message = "The log bucket must be encrypted at rest (SSE-S3: log delivery cannot use a KMS key)."
}

assert {
  condition     = one(aws_s3_bucket_versioning.logs.versioning_configuration).status == "Enabled"
  error_message = "The log bucket must keep overwritten log objects recoverable."
}

assert {
  condition     = data.aws_iam_policy_document.logs.statement[0].sid == "DenyInsecureTransport" && data.aws_iam_policy_document.logs.statement[0].effect == "Deny"
  error_message = "The log bucket policy must refuse requests without TLS."
}
