assert {
  condition = alltrue([
    aws_s3_bucket_public_access_block.data.block_public_acls,
    aws_s3_bucket_public_access_block.data.block_public_policy,
    aws_s3_bucket_public_access_block.data.ignore_public_acls,
    aws_s3_bucket_public_access_block.data.restrict_public_buckets,
  ])
  error_message = "The data bucket must block every form of public access."
}

assert {
  condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.data.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
  error_message = "The data bucket must be encrypted with the module's KMS key."
}

assert {
  condition     = one(one(aws_s3_bucket_lifecycle_configuration.data.rule).filter).prefix == var.data_prefix && one(one(aws_s3_bucket_lifecycle_configuration.data.rule).expiration).days == var.data_expiration_days
  error_message = "Training data, and only training data (not the models), must expire after data_expiration_days."
}
