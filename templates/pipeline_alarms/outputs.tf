output "alarm_topic_arn" {
  description = "ARN of the encrypted SNS topic that receives failed training jobs and the pipeline's alarms; subscribe to it."
  value       = aws_sns_topic.alarms.arn
}
