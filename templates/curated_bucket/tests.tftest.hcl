assert {
  condition = alltrue([
    aws_s3_bucket_public_access_block.curated.block_public_acls,
    aws_s3_bucket_public_access_block.curated.block_public_policy,
    aws_s3_bucket_public_access_block.curated.ignore_public_acls,
    aws_s3_bucket_public_access_block.curated.restrict_public_buckets,
  ])
  error_message = "The curated bucket must block every form of public access."
}

assert {
  condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.curated.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
  error_message = "The curated bucket must be encrypted with the module's KMS key."
}

assert {
  condition     = one(one(aws_s3_bucket_lifecycle_configuration.curated.rule).filter).prefix == "${var.glue_prefix}temp/"
  error_message = "Only Spark's scratch files may expire: the curated data and the job's script must be kept."
}
