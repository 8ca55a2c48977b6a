output "function_name" {
  description = "Name of the Lambda function that processes the stream."
  value       = aws_lambda_function.processor.function_name
}

output "function_log_group" {
  description = "CloudWatch log group of the Lambda function (JSON lines)."
  value       = aws_cloudwatch_log_group.processor.name
}

output "failure_queue_url" {
  description = "URL of the SQS queue that receives the positions of the batches the event source mapping gave up on."
  value       = aws_sqs_queue.failures.url
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic the iterator-age and failure alarms notify; subscribe to it."
  value       = aws_sns_topic.alarms.arn
}
