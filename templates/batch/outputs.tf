output "job_queue_name" {
  description = "Name of the Batch job queue; pass it to `aws batch submit-job --job-queue` to run the job now."
  value       = aws_batch_job_queue.main.name
}

output "job_queue_arn" {
  description = "ARN of the Batch job queue the schedule submits to."
  value       = aws_batch_job_queue.main.arn
}

output "job_definition_name" {
  description = "Name of the Batch job definition; pass it to `aws batch submit-job --job-definition`."
  value       = aws_batch_job_definition.main.name
}

output "job_definition_arn" {
  description = "ARN of the current revision of the Batch job definition."
  value       = aws_batch_job_definition.main.arn
}

output "compute_environment_arn" {
  description = "ARN of the Batch compute environment the jobs run in."
  value       = aws_batch_compute_environment.main.arn
}

output "job_log_group_name" {
  description = "CloudWatch log group that receives the jobs' standard output and error."
  value       = aws_cloudwatch_log_group.batch.name
}
