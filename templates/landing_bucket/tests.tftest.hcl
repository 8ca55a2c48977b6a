assert {
  condition = alltrue([
    aws_s3_bucket_public_access_block.landing.block_public_acls,
    aws_s3_bucket_public_access_block.landing.block_public_policy,
    aws_s3_bucket_public_access_block.landing.ignore_public_acls,
    aws_s3_bucket_public_access_block.landing.restrict_public_buckets,
  ])
  error_message = "The landing bucket must block every form of public access."
}

assert {
  condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.landing.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
  error_message = "The landing bucket must be encrypted with the module's KMS key."
}

assert {
  condition     = one(one(aws_s3_bucket_lifecycle_configuration.landing.rule).expiration).days == var.landing_expiration_days
  error_message = "Uploads must expire after landing_expiration_days."
}
