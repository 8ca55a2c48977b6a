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

output "data_bucket_name" {
  description = "Name of the S3 bucket training data goes to (under data_prefix) and trained models come from (under model_prefix)."
  value       = aws_s3_bucket.data.id
}

output "data_prefix" {
  description = "Key prefix of the data bucket whose new objects each start a training job."
  value       = var.data_prefix
}

output "model_prefix" {
  description = "Key prefix of the data bucket each training job writes its model under, as <model_prefix><job ID>/model.tar.gz."
  value       = var.model_prefix
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

output "trigger_function_name" {
  description = "Name of the Lambda function that submits a training job for each new object under data_prefix."
  value       = aws_lambda_function.trigger.function_name
}

output "trigger_log_group" {
  description = "CloudWatch log group of the trigger function (JSON lines: each object and the job submitted for it)."
  value       = aws_cloudwatch_log_group.trigger.name
}

output "trigger_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives objects whose training job could not be submitted after every retry."
  value       = aws_sqs_queue.trigger_dlq.url
}

output "endpoint_name" {
  description = "Name of the SageMaker endpoint the deployer creates with the first trained model and updates with each next one; it does not exist before."
  value       = local.sagemaker_endpoint_name
}

output "deployer_function_name" {
  description = "Name of the Lambda function that deploys each successfully trained model."
  value       = aws_lambda_function.deployer.function_name
}

output "deployer_log_group" {
  description = "CloudWatch log group of the deployer function (JSON lines: each deployment)."
  value       = aws_cloudwatch_log_group.deployer.name
}

output "deployer_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives job events whose model could not be deployed after every retry."
  value       = aws_sqs_queue.deployer_dlq.url
}

output "sagemaker_execution_role_arn" {
  description = "ARN of the role SageMaker hosts the models with (reads the model prefix, pulls the inference image)."
  value       = aws_iam_role.sagemaker.arn
}

output "alarm_topic_arn" {
  description = "ARN of the encrypted SNS topic that receives failed training jobs and the pipeline's alarms; subscribe to it."
  value       = aws_sns_topic.alarms.arn
}

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region        = var.region
    vpc_cidr      = var.vpc_cidr
    compute       = var.compute
    endpoint_kind = var.endpoint_kind
  }
}
