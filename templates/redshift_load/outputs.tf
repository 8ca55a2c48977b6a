output "redshift_load_manifest_url" {
  description = "Where each job writes, last, the COPY manifest listing the files it wrote; EventBridge loads the files it lists into redshift_table when the job succeeds."
  value       = "s3://${local.output_bucket_name}/${local.redshift_load_manifest_key}"
}

output "redshift_load_rule_name" {
  description = "Name of the EventBridge rule that runs COPY when a job succeeds (the Data API statement name too)."
  value       = aws_cloudwatch_event_rule.redshift_load.name
}

output "redshift_load_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives job events whose COPY EventBridge could not start; alarm on it."
  value       = aws_sqs_queue.redshift_load_dlq.url
}
