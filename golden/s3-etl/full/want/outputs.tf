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

output "landing_bucket_name" {
  description = "Name of the S3 bucket uploads go to (under incoming_prefix)."
  value       = aws_s3_bucket.landing.id
}

output "incoming_prefix" {
  description = "Key prefix of the landing bucket whose new objects are validated and processed."
  value       = var.incoming_prefix
}

output "quarantine_prefix" {
  description = "Key prefix of the landing bucket rejected uploads are moved to."
  value       = var.quarantine_prefix
}

output "curated_bucket_name" {
  description = "Name of the S3 bucket the Glue job writes Parquet to (under curated_prefix)."
  value       = aws_s3_bucket.curated.id
}

output "curated_prefix" {
  description = "Key prefix of the curated bucket that holds the Parquet files."
  value       = var.curated_prefix
}

output "glue_job_name" {
  description = "Name of the Glue job that turns uploads into Parquet."
  value       = aws_glue_job.etl.name
}

output "glue_crawler_name" {
  description = "Name of the Glue crawler that catalogs the curated prefix."
  value       = aws_glue_crawler.curated.name
}

output "glue_database_name" {
  description = "Name of the Glue Data Catalog database the crawler writes tables to (Redshift's external schema reads it)."
  value       = aws_glue_catalog_database.main.name
}

output "validator_function_name" {
  description = "Name of the Lambda function that checks uploads and starts the Glue job."
  value       = aws_lambda_function.validator.function_name
}

output "validator_log_group" {
  description = "CloudWatch log group of the validator function (JSON lines: each upload's decision)."
  value       = aws_cloudwatch_log_group.validator.name
}

output "validator_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives uploads whose check failed every retry."
  value       = aws_sqs_queue.validator_dlq.url
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

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region                  = var.region
    redshift_deployment     = var.redshift_deployment
    vpc_cidr                = var.vpc_cidr
    redshift_database_name  = var.redshift_database_name
    redshift_admin_username = var.redshift_admin_username
  }
}
