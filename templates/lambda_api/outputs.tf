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
