# The table the API reads and writes items in.
#
# Provides: local.table_name and local.table_arn.

locals {
  table_name = aws_dynamodb_table.items.name
  table_arn  = aws_dynamodb_table.items.arn
}

# The DynamoDB table keeps the data, because a function keeps nothing between
# invocations; on-demand billing follows the function's traffic and needs no
# connection pool (P2, F9).
resource "aws_dynamodb_table" "items" {
  name         = "${local.prefix}-items"
  billing_mode = var.billing_mode

  read_capacity  = var.read_capacity
  write_capacity = var.write_capacity

  hash_key  = var.partition_key
  range_key = var.sort_key == "" ? null : var.sort_key

  # DynamoDB wants a type for key attributes only. Keys are strings because
  # they arrive as URL path segments.
  dynamic "attribute" {
    for_each = compact([var.partition_key, var.sort_key])
    content {
      name = attribute.value
      type = "S"
    }
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
