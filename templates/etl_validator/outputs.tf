output "validator_function_name" {
  description = "Name of the Lambda function that checks uploads and starts the Glue job."
  value       = aws_lambda_function.validator.function_name
}

output "validator_log_group" {
  description = "CloudWatch log group of the validator function (JSON lines: each upload's decision)."
  value       = aws_cloudwatch_log_group.validator.name
}

output "validator_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives uploads whose check failed every retry."
  value       = aws_sqs_queue.validator_dlq.url
}
