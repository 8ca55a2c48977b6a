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

output "redshift_endpoint_address" {
  description = "Host name of the Redshift workgroup, reachable from inside the VPC only (TLS required)."
  value       = local.redshift_endpoint_address
}

output "redshift_port" {
  description = "Port the Redshift workgroup accepts connections on."
  value       = local.redshift_port
}

output "redshift_database_name" {
  description = "Name of the database Redshift created with the warehouse."
  value       = local.redshift_database_name
}

output "redshift_admin_secret_arn" {
  description = "ARN of the Secrets Manager secret, managed by Redshift, holding the admin user's name and password."
  value       = local.redshift_admin_secret_arn
}

output "redshift_role_arn" {
  description = "ARN of the warehouse's default IAM role, which COPY ... IAM_ROLE default and external schemas use."
  value       = local.redshift_role_arn
}

output "redshift_security_group_id" {
  description = "ID of the warehouse's security group; add an ingress rule on redshift_port for the clients that query it."
  value       = local.redshift_security_group_id
}

output "redshift_workgroup_name" {
  description = "Name of the Redshift Serverless workgroup (aws redshift-data execute-statement --workgroup-name)."
  value       = aws_redshiftserverless_workgroup.main.workgroup_name
}

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

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region                  = var.region
    redshift_load           = var.redshift_load
    redshift_deployment     = var.redshift_deployment
    vpc_cidr                = var.vpc_cidr
    compute                 = var.compute
    redshift_database_name  = var.redshift_database_name
    redshift_admin_username = var.redshift_admin_username
  }
}
