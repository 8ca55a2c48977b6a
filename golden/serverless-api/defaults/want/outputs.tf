output "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts this module's logs and data."
  value       = aws_kms_key.main.arn
}

output "table_name" {
  description = "Name of the DynamoDB table that holds the items."
  value       = aws_dynamodb_table.items.name
}

output "table_arn" {
  description = "ARN of the DynamoDB table, for IAM policies of other readers."
  value       = aws_dynamodb_table.items.arn
}

output "function_name" {
  description = "Name of the Lambda function that serves the API."
  value       = aws_lambda_function.api.function_name
}

output "function_log_group" {
  description = "CloudWatch log group of the Lambda function (JSON lines)."
  value       = aws_cloudwatch_log_group.lambda.name
}

output "dead_letter_queue_url" {
  description = "URL of the SQS queue that receives failed asynchronous invocations."
  value       = aws_sqs_queue.dlq.url
}

output "api_url" {
  description = "Base URL of the HTTP API."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "items_url" {
  description = "URL of the items collection: append /ID (and /SORT with a sort key) to read or write an item."
  value       = "${trimsuffix(aws_apigatewayv2_stage.default.invoke_url, "/")}/items"
}

output "api_log_group" {
  description = "CloudWatch log group of the API's access logs (one JSON line per request)."
  value       = aws_cloudwatch_log_group.api.name
}

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region                      = var.region
    provisioned_concurrency_set = var.provisioned_concurrency != 0
    auth                        = var.auth
    partition_key               = var.partition_key
    sort_key                    = var.sort_key
    billing_mode                = var.billing_mode
  }
}
