assert {
  condition = alltrue([
    aws_s3_bucket_public_access_block.output.block_public_acls,
    aws_s3_bucket_public_access_block.output.block_public_policy,
    aws_s3_bucket_public_access_block.output.ignore_public_acls,
    aws_s3_bucket_public_access_block.output.restrict_public_buckets,
  ])
  error_message = "The output bucket must block every form of public access."
}

assert {
  condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.output.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
  error_message = "The output bucket must be encrypted with the module's KMS key."
}

assert {
  condition     = one(aws_s3_bucket_ownership_controls.output.rule).object_ownership == "BucketOwnerEnforced"
  error_message = "The output bucket must have ACLs disabled."
}
