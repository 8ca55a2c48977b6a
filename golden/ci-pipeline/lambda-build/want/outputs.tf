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

output "artifact_bucket_name" {
  description = "Name of the S3 bucket holding the pipeline's artifacts and CodeBuild's cache."
  value       = aws_s3_bucket.artifacts.id
}

output "source_bucket_name" {
  description = "Name of the versioned S3 bucket holding the pipeline's source object; a new version of it starts the pipeline."
  value       = aws_s3_bucket.source.id
}

output "source_object_key" {
  description = "Key of the source object (a zip of the code) in the source bucket."
  value       = var.source_object_key
}

output "build_project_name" {
  description = "Name of the CodeBuild project of the Build stage."
  value       = aws_codebuild_project.build.name
}

output "build_log_group_name" {
  description = "CloudWatch log group of the builds."
  value       = aws_cloudwatch_log_group.build.name
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

output "integration_tests_function_name" {
  description = "Name of the Lambda function that submits the integration tests to Batch and reports their result to the pipeline."
  value       = aws_lambda_function.integration_tests.function_name
}

output "integration_tests_log_group" {
  description = "CloudWatch log group of that function (JSON lines: each job submitted and its end)."
  value       = aws_cloudwatch_log_group.integration_tests.name
}

output "pipeline_name" {
  description = "Name of the CodePipeline pipeline."
  value       = aws_codepipeline.main.name
}

output "pipeline_topic_arn" {
  description = "ARN of the encrypted SNS topic that receives the pipeline's notifications and alarms; subscribe to it."
  value       = aws_sns_topic.pipeline.arn
}

output "artifact_prefix" {
  description = "Key prefix of this pipeline's artifacts in the artifact bucket (the first 20 characters of its name)."
  value       = local.pipeline_artifact_prefix
}

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region      = var.region
    vpc_cidr    = var.vpc_cidr
    source_type = var.source_type
    compute     = var.compute
  }
}
