output "trigger_function_name" {
  description = "Name of the Lambda function that submits a training job for each new object under data_prefix."
  value       = aws_lambda_function.trigger.function_name
}

output "trigger_log_group" {
  description = "CloudWatch log group of the trigger function (JSON lines: each object and the job submitted for it)."
  value       = aws_cloudwatch_log_group.trigger.name
}

output "trigger_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives objects whose training job could not be submitted after every retry."
  value       = aws_sqs_queue.trigger_dlq.url
}
