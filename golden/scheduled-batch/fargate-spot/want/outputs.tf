output "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts this module's logs and data."
  value       = aws_kms_key.main.arn
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.main.id
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, one per availability zone."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets, one per availability zone."
  value       = aws_subnet.private[*].id
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

output "schedule_rule_name" {
  description = "Name of the EventBridge rule that submits the job on the schedule."
  value       = aws_cloudwatch_event_rule.schedule.name
}

output "schedule_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives schedule events EventBridge could not submit; alarm on it."
  value       = aws_sqs_queue.schedule_dlq.url
}

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region        = var.region
    redshift_load = var.redshift_load
    vpc_cidr      = var.vpc_cidr
    compute       = var.compute
  }
}
