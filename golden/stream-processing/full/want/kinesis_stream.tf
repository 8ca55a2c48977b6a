# The stream producers put records into; the processor reads it shard by
# shard, in order.
#
# Provides: local.stream_name and local.stream_arn.

locals {
  stream_arn = aws_kinesis_stream.main.arn
}

# The Kinesis data stream takes records as they happen and keeps them for the
# retention period, in order per shard, for the function to read within
# seconds (P8).
resource "aws_kinesis_stream" "main" {
  name             = "${local.prefix}-stream"
  retention_period = var.retention_hours
  shard_count      = var.shard_count

  stream_mode_details {
    stream_mode = var.stream_mode
  }

  # Records at rest are encrypted with the module's key, whose every use is
  # audited and can be revoked (trivy AWS-0064).
  encryption_type = "KMS"
  kms_key_id      = local.kms_key_arn
}
