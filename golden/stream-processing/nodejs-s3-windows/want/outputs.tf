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

output "log_bucket_name" {
  description = "Name of the S3 bucket that receives the access logs."
  value       = aws_s3_bucket.logs.id
}

output "output_bucket_name" {
  description = "Name of the S3 bucket the job writes its results to (the OUTPUT_BUCKET variable of the job)."
  value       = aws_s3_bucket.output.id
}

output "output_bucket_arn" {
  description = "ARN of the S3 bucket the job writes its results to."
  value       = aws_s3_bucket.output.arn
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
