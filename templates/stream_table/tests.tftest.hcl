assert {
  condition     = one(aws_dynamodb_table.items.point_in_time_recovery).enabled && aws_dynamodb_table.items.billing_mode == "PAY_PER_REQUEST"
  error_message = "The table must be on demand and keep point-in-time recovery."
}

assert {
  condition     = one(aws_dynamodb_table.items.server_side_encryption).enabled
  error_message = "The table must be encrypted with the module's key."
}

assert {
  condition     = aws_dynamodb_table.items.deletion_protection_enabled == var.deletion_protection
  error_message = "The table's deletion protection must follow deletion_protection."
}
