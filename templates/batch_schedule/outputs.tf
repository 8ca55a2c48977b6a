output "schedule_rule_name" {
  description = "Name of the EventBridge rule that submits the job on the schedule."
  value       = aws_cloudwatch_event_rule.schedule.name
}

output "schedule_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives schedule events EventBridge could not submit; alarm on it."
  value       = aws_sqs_queue.schedule_dlq.url
}
