# The table the processor writes records (or per-window aggregates) into.
#
# Provides: local.table_name and local.table_arn.

locals {
  table_name = aws_dynamodb_table.items.name
  table_arn  = aws_dynamodb_table.items.arn
}

resource "aws_dynamodb_table" "items" {
  name = "${local.prefix}-items"

  # On demand: capacity follows the stream's bursts with nothing to plan,
  # and a quiet stream costs only storage.
  billing_mode = "PAY_PER_REQUEST"

  # The handler writes pk = the record's partition key and sk = its sequence
  # number (with a tumbling window: the shard and the window's start), so a
  # batch processed twice writes the same items again, not new ones.
  hash_key  = "pk"
  range_key = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  # Restores to any second of the last 35 days undo a bad deploy or a
  # mistaken write (trivy AWS-0024).
  point_in_time_recovery {
    enabled = true
  }

  # The module's own key, not the AWS-owned default, so key use is audited
  # and can be revoked (trivy AWS-0025).
  server_side_encryption {
    enabled     = true
    kms_key_arn = local.kms_key_arn
  }

  deletion_protection_enabled = var.deletion_protection
}
