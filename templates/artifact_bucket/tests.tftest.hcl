assert {
  condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.artifacts.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
  error_message = "The artifact bucket must be encrypted with the module's KMS key."
}
