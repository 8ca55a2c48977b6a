output "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts this module's logs and data."
  value       = aws_kms_key.main.arn
}

output "stream_name" {
  description = "Name of the Kinesis data stream producers put records into."
  value       = aws_kinesis_stream.main.name
}

output "stream_arn" {
  description = "ARN of the Kinesis data stream, for the IAM policies of producers (kinesis:PutRecord, kinesis:PutRecords, and kms:GenerateDataKey on the module's key)."
  value       = aws_kinesis_stream.main.arn
}

output "table_name" {
  description = "Name of the DynamoDB table the processor writes records (or window aggregates) into."
  value       = aws_dynamodb_table.items.name
}

output "table_arn" {
  description = "ARN of the DynamoDB table, for IAM policies of other readers."
  value       = aws_dynamodb_table.items.arn
}

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

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region                = var.region
    stream_mode           = var.stream_mode
    tumbling_window_s_set = var.tumbling_window_s != 0
    sink                  = var.sink
  }
}
