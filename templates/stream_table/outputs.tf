output "table_name" {
  description = "Name of the DynamoDB table the processor writes records (or window aggregates) into."
  value       = aws_dynamodb_table.items.name
}

output "table_arn" {
  description = "ARN of the DynamoDB table, for IAM policies of other readers."
  value       = aws_dynamodb_table.items.arn
}
